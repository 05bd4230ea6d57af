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
}

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
