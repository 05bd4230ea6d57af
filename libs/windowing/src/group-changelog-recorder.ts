import type { GroupTable } from './group-table.js';
import { PUBLISHED } from './group-table.js';
import type { StringInterner } from './string-interner.js';
import type { ChangelogEntry } from './window-changelog.js';
import { encodeGroupKey, encodeGroupValue } from './window-changelog.js';

/**
 * Collects the changelog records of the groups a flush touched, until the caller takes them to
 * write with the flush's summaries in one transaction. It reads the table when a record is made,
 * so record a group after its flush-time changes (revision, published) are done.
 */
export interface GroupChangelogRecorder {
  /** The group's state as of now. */
  recordState(slot: number): void;
  /** A tombstone: the group left the state (past retention). */
  recordRelease(slot: number): void;
  take(): readonly ChangelogEntry[];
}

export const createGroupChangelogRecorder = (table: GroupTable, types: StringInterner): GroupChangelogRecorder => {
  let entries: ChangelogEntry[] = [];
  const keyOf = (slot: number): Uint8Array => encodeGroupKey(table.employee(slot), types.valueOf(table.typeId(slot)), table.hour(slot));
  return {
    recordState: (slot) => {
      const value = encodeGroupValue({
        count: table.count(slot),
        durations: table.durations(slot),
        sum: table.sum(slot),
        revision: table.revision(slot),
        published: (table.flags(slot) & PUBLISHED) !== 0,
        partition: table.partition(slot),
      });
      entries.push({ key: keyOf(slot), value });
    },
    recordRelease: (slot) => {
      entries.push({ key: keyOf(slot), value: null });
    },
    take: () => {
      const taken = entries;
      entries = [];
      return taken;
    },
  };
};
