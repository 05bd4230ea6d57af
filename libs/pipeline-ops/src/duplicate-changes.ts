/** What `verify` reads of each processed record to find a change written twice. */
export interface ProcessedIdentity {
  readonly partition: number;
  readonly row_kind: string;
  readonly id: number | null;
  readonly source_lsn: number | null;
  readonly source_tx_id: number | null;
}

export interface DuplicateChanges {
  readonly count: number;
  /** A few of them, as `<partition>:<source lsn>/<activity id>/<row kind>`. */
  readonly examples: readonly string[];
}

/**
 * Changes written twice to the processed topic: the same source event (LSN, transaction, activity
 * id) and row kind twice on a partition since its last `T` (a truncate or a snapshot's restatement
 * empties the outputs, and a later snapshot may read a row at the same LSN again). Duplicates that
 * cancel out in the sums (an add and its retraction both twice) are still seen here. Feed records in
 * partition order; memory grows with the records since each partition's last `T`.
 */
export const createDuplicateFinder = ({ examples = 5 } = {}) => {
  const seen = new Map<number, Set<string>>();
  const found: string[] = [];
  let count = 0;
  return {
    add(r: ProcessedIdentity): void {
      if (r.row_kind === 'T') {
        seen.set(r.partition, new Set());
        return;
      }
      const set = seen.get(r.partition) ?? seen.set(r.partition, new Set()).get(r.partition)!;
      const identity = `${r.source_lsn}/${r.source_tx_id}/${r.id}/${r.row_kind}`;
      if (set.has(identity)) {
        count++;
        if (found.length < examples) found.push(`${r.partition}:${identity}`);
      } else set.add(identity);
    },
    result: (): DuplicateChanges => ({ count, examples: [...found] }),
  };
};
