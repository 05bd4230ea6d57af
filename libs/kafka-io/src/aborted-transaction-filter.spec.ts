import { filterAbortedRecords, type FetchedRecord } from './aborted-transaction-filter.js';

const ABORT = Buffer.from([0, 0, 0, 0]);
const COMMIT = Buffer.from([0, 0, 0, 1]);
const record = (offset: number, producerId: string, inTransaction = true): FetchedRecord => ({
  offset: String(offset),
  key: null,
  batchContext: { producerId, inTransaction },
});
const marker = (offset: number, producerId: string, key: Buffer): FetchedRecord => ({
  offset: String(offset),
  key,
  isControlRecord: true,
  batchContext: { producerId, inTransaction: true },
});
const dataOffsets = (rs: readonly FetchedRecord[]) => rs.filter((r) => !r.isControlRecord).map((r) => Number(r.offset));

describe('filterAbortedRecords', () => {
  it('drops a transaction aborted after a later-starting one, which the broker lists first', () => {
    const records = [record(0, '1'), record(1, '2'), marker(2, '2', ABORT), marker(3, '1', ABORT), record(4, '1'), marker(5, '1', COMMIT)];
    const kept = filterAbortedRecords(records, [
      { producerId: '2', firstOffset: '1' },
      { producerId: '1', firstOffset: '0' },
    ]);
    expect(dataOffsets(kept)).toEqual([4]);
  });

  it('counts every aborted transaction that began before a fetch that starts inside them', () => {
    // Fetched from offset 10: producers 1 and 2 both have aborted transactions open since 5 and 6.
    const records = [record(10, '2'), record(11, '1'), record(12, '3'), marker(13, '2', ABORT), marker(14, '1', ABORT), record(15, '2')];
    const kept = filterAbortedRecords(records, [
      { producerId: '1', firstOffset: '5' },
      { producerId: '2', firstOffset: '6' },
    ]);
    expect(dataOffsets(kept)).toEqual([12, 15]);
  });

  it('keeps committed transactions of an aborted producer, non-transactional records and control records', () => {
    const records = [
      record(0, '1'),
      marker(1, '1', COMMIT),
      record(2, '1'),
      record(3, '9', false),
      marker(4, '1', ABORT),
      record(5, '1'),
      marker(6, '1', COMMIT),
    ];
    const kept = filterAbortedRecords(records, [{ producerId: '1', firstOffset: '2' }]);
    expect(dataOffsets(kept)).toEqual([0, 3, 5]);
    expect(kept.filter((r) => r.isControlRecord)).toHaveLength(3);
  });

  it('does not take a data record whose key looks like an abort marker for one', () => {
    const records = [record(0, '1'), { ...record(1, '1'), key: ABORT }, record(2, '1'), marker(3, '1', ABORT)];
    expect(dataOffsets(filterAbortedRecords(records, [{ producerId: '1', firstOffset: '0' }]))).toEqual([]);
  });

  it('returns every record when nothing was aborted', () => {
    const records = [record(0, '1'), marker(1, '1', COMMIT)];
    expect(filterAbortedRecords(records, [])).toEqual(records);
    expect(filterAbortedRecords(records, null)).toEqual(records);
  });
});
