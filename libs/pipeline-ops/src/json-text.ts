/** JSON for reports: bigints (offsets, lag) as decimal strings. `indent` 0 gives one line. */
export const toJson = (value: unknown, indent = 2): string =>
  JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), indent || undefined);
