import { createGroupChangelogRecorder } from './group-changelog-recorder.js';
import { GroupTable, MAX_TYPE_ID, PUBLISHED } from './group-table.js';
import { createStringInterner } from './string-interner.js';
import { decodeChangelogEntry } from './window-changelog.js';

describe('createGroupChangelogRecorder', () => {
  it('records a group state as of the call, and tombstones for released groups, until taken', () => {
    const table = new GroupTable();
    const types = createStringInterner(['login'], MAX_TYPE_ID);
    const recorder = createGroupChangelogRecorder(table, types);
    const slot = table.slotOf(7, 1, 473_000);
    table.add(slot, 1, 30, 4);
    table.setRevision(slot, 3);
    table.setPublished(slot, true);
    recorder.recordState(slot);
    table.add(slot, 1, null, 4);
    recorder.recordRelease(slot);
    const taken = recorder.take();
    expect(taken.map((e) => decodeChangelogEntry(e.key, e.value))).toEqual([
      {
        kind: 'state',
        state: { employee: 7, activityType: 'login', hour: 473_000, count: 1, durations: 1, sum: 30, revision: 3, published: true, partition: 4 },
      },
      { kind: 'released', employee: 7, activityType: 'login', hour: 473_000 },
    ]);
    expect(table.flags(slot) & PUBLISHED).toBe(PUBLISHED);
    expect(recorder.take()).toEqual([]);
  });
});
