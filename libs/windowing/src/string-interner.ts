/** Small dense ids (from 1) for repeated strings, such as activity types, and back. */
export interface StringInterner {
  /** The value's id, or 0 when it is new and the interner holds `limit` values already. */
  idOf(value: string): number;
  valueOf(id: number): string;
  /** Every interned string, in id order (id = index + 1). */
  values(): readonly string[];
}

export const createStringInterner = (initial: readonly string[], limit: number): StringInterner => {
  const values = [...initial];
  const ids = new Map(values.map((value, index) => [value, index + 1]));
  return {
    idOf: (value) => {
      const id = ids.get(value);
      if (id !== undefined) return id;
      if (values.length >= limit) return 0;
      ids.set(value, values.push(value));
      return values.length;
    },
    valueOf: (id) => values[id - 1] as string,
    values: () => values,
  };
};
