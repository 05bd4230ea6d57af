import { createSchemaRegistryCodec, followTopic, readRegistryFrame, type InputRecord, type SchemaRegistryCodec, type TopicFollower } from '@eap/kafka-io';
import { toJson } from './json-text.js';
import type { OpsSettings } from './ops-settings.js';

/** A record as `tail` shows it: Avro decoded through the registry, JSON parsed (Debezium's payload unwrapped). */
export interface TailedRecord {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly encoding: 'avro' | 'json' | 'text' | 'tombstone' | 'undecodable';
  /** The registry schema id of an Avro value. */
  readonly schemaId?: number;
  readonly value: unknown;
}

/** A key as text; a Debezium JSON key (`schema`/`payload`) as its payload. */
const keyText = (b: Buffer | null): string | null => {
  if (b === null) return null;
  const text = b.toString('utf8');
  try {
    const json = JSON.parse(text) as { payload?: unknown };
    return json && typeof json === 'object' && 'payload' in json ? JSON.stringify(json.payload) : text;
  } catch {
    return text;
  }
};

/**
 * A record of any topic, decoded: registry-framed Avro through the codec (its batch prepared), JSON parsed
 * with Debezium's payload unwrapped, anything else as text. `tail`, `peek` and the console show these.
 */
export const describeRecord = (codec: SchemaRegistryCodec, r: InputRecord): TailedRecord => {
  const base = {
    partition: r.partition,
    offset: r.offset.toString(),
    timestamp: new Date(r.timestamp).toISOString(),
    key: keyText(r.key),
    headers: Object.fromEntries(Object.entries(r.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, v.toString()]]))),
  };
  if (r.value === null) return { ...base, encoding: 'tombstone', value: null };
  const frame = readRegistryFrame(r.value);
  if (frame.kind === 'framed') {
    const decoded = codec.decodePrepared(r.value);
    return decoded.kind === 'ok'
      ? { ...base, encoding: 'avro', schemaId: decoded.schemaId, value: decoded.value }
      : { ...base, encoding: 'undecodable', schemaId: frame.schemaId, value: `${decoded.reason}: ${decoded.detail}` };
  }
  const text = r.value.toString('utf8');
  try {
    const json = JSON.parse(text) as { schema?: unknown; payload?: unknown };
    return { ...base, encoding: 'json', value: json && typeof json === 'object' && 'schema' in json && 'payload' in json ? json.payload : json };
  } catch {
    return { ...base, encoding: 'text', value: text };
  }
};

/** Follows a topic (from its end, or its beginning), handing each record over decoded, in partition order. */
export const tailTopic = async ({
  settings,
  topic,
  fromBeginning,
  lastPerPartition,
  onRecord,
  onCrash,
  clientId = 'pipeline-tail',
}: {
  settings: OpsSettings;
  topic: string;
  fromBeginning: boolean;
  /** Start this many offsets before each partition's end (the console's latest events). */
  lastPerPartition?: number;
  onRecord: (r: TailedRecord) => void;
  /** The follower stopped for good (Kafka gone): start another. */
  onCrash?: (error: Error) => void;
  clientId?: string;
}): Promise<TopicFollower> => {
  const codec = createSchemaRegistryCodec({ url: settings.registryUrl });
  return followTopic({
    kafka: { brokers: settings.brokers, clientId, logLevel: 'nothing' },
    topic,
    fromBeginning,
    ...(lastPerPartition === undefined ? {} : { lastPerPartition }),
    ...(onCrash === undefined ? {} : { onCrash }),
    waitForTopicMs: 5_000,
    onRecords: async (records) => {
      // The registry being down must not stall the tail: its records are shown as undecodable, with why.
      const failed = await codec.prepare(records.map((r) => r.value)).then(
        () => undefined,
        (e: Error) => e,
      );
      for (const r of records) onRecord(describeSafely(codec, r, failed));
    },
  });
};

const describeSafely = (codec: SchemaRegistryCodec, r: InputRecord, prepareError: Error | undefined): TailedRecord => {
  try {
    return describeRecord(codec, r);
  } catch (e) {
    return {
      partition: r.partition,
      offset: r.offset.toString(),
      timestamp: new Date(r.timestamp).toISOString(),
      key: keyText(r.key),
      headers: {},
      encoding: 'undecodable',
      value: `could not decode: ${(prepareError ?? (e as Error)).message}`,
    };
  }
};

/** One record as text: where it is, its key and headers, then the value as indented JSON. */
export const formatTailedRecord = (r: TailedRecord): string => {
  // Connect's own context headers are in --json; the text keeps the ones that say something (dlq.*).
  const headers = Object.entries(r.headers)
    .filter(([k]) => !k.startsWith('__debezium.context'))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const value = r.encoding === 'tombstone' ? '(tombstone)' : typeof r.value === 'string' ? r.value : toJson(r.value);
  return `── p${r.partition}@${r.offset}  ${r.timestamp}  key=${r.key ?? 'null'}  ${r.encoding}${headers ? `  ${headers}` : ''}\n${value}`;
};
