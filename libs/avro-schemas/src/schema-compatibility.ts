import avsc from 'avsc';
import type { Schema } from 'avsc';

/**
 * BACKWARD: the new schema reads data written with the previous one (what the registry enforces
 * with compatibility BACKWARD). FORWARD: the previous schema reads data written with the new one
 * (running consumers keep working). FULL: both, what our output schemas must keep.
 */
export type CompatibilityMode = 'BACKWARD' | 'FORWARD' | 'FULL';

export type CompatibilityResult = { readonly kind: 'compatible' } | { readonly kind: 'incompatible'; readonly problems: readonly string[] };

/** Whether `next` may replace `previous` under the mode, with every problem found (not only the first). */
export const checkCompatibility = (next: Schema, previous: Schema, mode: CompatibilityMode = 'FULL'): CompatibilityResult => {
  const [nextType, previousType] = [avsc.Type.forSchema(next), avsc.Type.forSchema(previous)];
  const problems = [
    ...(mode === 'FORWARD' ? [] : readProblems(nextType, previousType, 'new schema reading old data')),
    ...(mode === 'BACKWARD' ? [] : readProblems(previousType, nextType, 'old schema reading new data')),
  ];
  return problems.length === 0 ? { kind: 'compatible' } : { kind: 'incompatible', problems };
};

/** What keeps `reader` from reading data written with `writer`: avsc's resolver decides; for records, field by field. */
const readProblems = (reader: avsc.Type, writer: avsc.Type, direction: string): string[] => {
  if (resolves(reader, writer)) return [];
  if (!(reader instanceof avsc.types.RecordType) || !(writer instanceof avsc.types.RecordType)) {
    return [`${direction}: ${writer.typeName} cannot be read as ${reader.typeName} (${resolveError(reader, writer)})`];
  }
  const problems: string[] = [];
  for (const field of reader.fields) {
    const written = writer.fields.find((w) => w.name === field.name || field.aliases.includes(w.name));
    if (written === undefined) {
      if (field.defaultValue() === undefined) problems.push(`${direction}: field ${field.name} is missing and has no default`);
    } else if (!resolves(field.type, written.type)) {
      problems.push(`${direction}: field ${field.name} of type ${describe(written.type)} cannot be read as ${describe(field.type)}`);
    }
  }
  return problems.length > 0 ? problems : [`${direction}: ${resolveError(reader, writer)}`];
};

const resolves = (reader: avsc.Type, writer: avsc.Type): boolean => resolveError(reader, writer) === undefined;

const resolveError = (reader: avsc.Type, writer: avsc.Type): string | undefined => {
  try {
    reader.createResolver(writer);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

const describe = (type: avsc.Type): string => JSON.stringify(type.schema());
