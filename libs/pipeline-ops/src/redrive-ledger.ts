/**
 * The redrive ledger: a compacted topic beside the DLQ, keyed by the DLQ record's id
 * (`<partition>@<offset>`), written in the same transaction as the redrive's outputs. A record with
 * an entry was redriven (once: the next redrive reads the ledger first, and the fixed transactional id
 * fences a second redrive running at the same time).
 */
export interface RedriveLedgerEntry {
  readonly at: string;
  /** `sent`: its outputs went on to the pipeline; `dead_lettered_again`: it failed again, as `again`. */
  readonly outcome: 'sent' | 'dead_lettered_again';
  /** Where the outputs went (`<topic>/<partition>` each), or the new DLQ record's reason. */
  readonly detail: string;
  readonly reason: string;
  /**
   * When the DLQ record was dead-lettered (epoch ms): an entry whose record time differs is about an
   * earlier record at the same offset (the DLQ topic deleted and made again), and does not count.
   */
  readonly recordTime?: number;
}

/** The ledger's entry for this DLQ record, if it is about this very record. */
export const ledgerEntryFor = (
  ledger: ReadonlyMap<string, RedriveLedgerEntry>,
  e: { readonly id: string; readonly time: number },
): RedriveLedgerEntry | null => {
  const entry = ledger.get(e.id);
  return entry && (entry.recordTime === undefined || entry.recordTime === e.time) ? entry : null;
};

export const redriveLedgerTopic = (dlqTopic: string): string => `${dlqTopic}-redrives`;

export const encodeLedgerEntry = (e: RedriveLedgerEntry): Buffer => Buffer.from(JSON.stringify(e));

export const decodeLedgerEntry = (value: Buffer | null): RedriveLedgerEntry | null => {
  if (value === null) return null;
  try {
    const v = JSON.parse(value.toString('utf8')) as RedriveLedgerEntry;
    return v.outcome === 'sent' || v.outcome === 'dead_lettered_again' ? v : null;
  } catch {
    return null;
  }
};
