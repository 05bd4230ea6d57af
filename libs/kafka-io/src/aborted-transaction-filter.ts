/** A record as KafkaJS decodes it from a fetch, with the context of its record batch. */
export interface FetchedRecord {
  readonly offset: string;
  readonly key: Buffer | null;
  readonly isControlRecord?: boolean;
  readonly batchContext: { readonly producerId: string; readonly inTransaction: boolean };
}

/** An aborted transaction the broker listed in a `read_committed` fetch response. */
export interface AbortedTransaction {
  readonly producerId: string;
  readonly firstOffset: string;
}

/** A control record's key is version (int16) then type (int16): type 0 ends a transaction by aborting it. */
const isAbortMarker = (r: FetchedRecord): boolean => r.isControlRecord === true && r.key !== null && r.key.length >= 4 && r.key.readInt16BE(2) === 0;

/**
 * Drops the records of aborted transactions from one partition's fetched records, as the Java
 * consumer does: the broker lists aborted transactions in the order they were aborted, so they are
 * taken by first offset, and every one that has begun by a record's offset counts (several producers'
 * transactions interleave on a partition). A producer's records are skipped from its aborted
 * transaction's first offset to its abort marker. Control records are kept for the caller to drop.
 *
 * KafkaJS 2.2.4 takes the list as given and at most one entry per record, so a transaction aborted
 * after a later-starting one leaks its records to `read_committed` readers; this replaces that filter.
 */
export const filterAbortedRecords = <R extends FetchedRecord>(records: readonly R[], aborted: readonly AbortedTransaction[] | null | undefined): R[] => {
  if (!aborted || aborted.length === 0) return [...records];
  const pending = [...aborted].sort((a, b) => compareOffsets(a.firstOffset, b.firstOffset));
  const abortedProducers = new Set<string>();
  let next = 0;
  return records.filter((r) => {
    const offset = BigInt(r.offset);
    while (next < pending.length && BigInt(pending[next]!.firstOffset) <= offset) abortedProducers.add(String(pending[next++]!.producerId));
    const producer = String(r.batchContext.producerId);
    if (isAbortMarker(r)) {
      abortedProducers.delete(producer);
      return true;
    }
    return !(r.batchContext.inTransaction && abortedProducers.has(producer));
  });
};

const compareOffsets = (a: string, b: string): number => {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
