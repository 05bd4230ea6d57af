import { decodeLedgerEntry, encodeLedgerEntry, ledgerEntryFor, type RedriveLedgerEntry } from './redrive-ledger.js';

const entry: RedriveLedgerEntry = { at: '2026-12-02T10:00:00.000Z', outcome: 'sent', detail: 'processed/1', reason: 'late', recordTime: 5_000 };

describe('the redrive ledger', () => {
  it('round-trips an entry, and reads anything else as none', () => {
    expect(decodeLedgerEntry(encodeLedgerEntry(entry))).toEqual(entry);
    expect(decodeLedgerEntry(Buffer.from('{"outcome":"maybe"}'))).toBeNull();
    expect(decodeLedgerEntry(Buffer.from('not json'))).toBeNull();
    expect(decodeLedgerEntry(null)).toBeNull();
  });

  it('counts an entry only for the very record it was written for, not a later one at the same offset', () => {
    const ledger = new Map([['0@4', entry]]);
    expect(ledgerEntryFor(ledger, { id: '0@4', time: 5_000 })).toEqual(entry);
    expect(ledgerEntryFor(ledger, { id: '0@4', time: 9_000 })).toBeNull(); // the DLQ was made again
    expect(ledgerEntryFor(ledger, { id: '0@5', time: 5_000 })).toBeNull();
  });
});
