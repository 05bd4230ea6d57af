import { createGroupPublisher } from './group-publisher.js';
import { GroupTable, MAX_TYPE_ID, PUBLISHED } from './group-table.js';
import { createStringInterner } from './string-interner.js';
import { windowEndOf } from './window-time.js';

const HOUR = 473_000; // 2023-12-17T08:00Z

const setup = (watermark: number | null = null) => {
  const table = new GroupTable();
  const publisher = createGroupPublisher(table, createStringInterner(['login'], MAX_TYPE_ID), () => watermark);
  return { table, publisher, slot: table.slotOf(7, 1, HOUR) };
};

describe('createGroupPublisher', () => {
  it('upserts a balanced group with the next revision and marks it published', () => {
    const { table, publisher, slot } = setup(windowEndOf(HOUR));
    table.add(slot, 1, 30, 0);
    table.add(slot, 1, null, 0);
    expect(publisher.publish(slot)).toEqual({
      kind: 'upsert',
      key: '7|login|2023-12-17T08:00:00.000Z',
      summary: expect.objectContaining({ activity_count: 2, duration_count: 1, total_duration: 30, avg_duration: 30, revision: 1, closed: true }),
    });
    expect([table.revision(slot), table.flags(slot) & PUBLISHED, table.publishedCount]).toEqual([1, PUBLISHED, 1]);
  });

  it('tombstones an emptied published group once, and writes nothing for one never published', () => {
    const { table, publisher, slot } = setup();
    expect(publisher.publish(slot)).toBeUndefined();
    table.add(slot, 1, 5, 0);
    publisher.publish(slot);
    table.add(slot, -1, 5, 0);
    expect(publisher.publish(slot)).toEqual({ kind: 'tombstone', key: '7|login|2023-12-17T08:00:00.000Z' });
    expect([table.revision(slot), table.publishedCount]).toEqual([2, 0]);
    expect(publisher.publish(slot)).toBeUndefined();
    expect(table.revision(slot)).toBe(2);
  });

  it('holds an unbalanced group (a retraction ahead of its add) without touching its revision', () => {
    const { table, publisher, slot } = setup();
    table.add(slot, -1, 5, 0);
    expect([publisher.isBalanced(slot), publisher.publish(slot), table.revision(slot)]).toEqual([false, undefined, 0]);
    table.add(slot, 1, 5, 0);
    table.add(slot, 1, 7, 0);
    expect(publisher.publish(slot)).toMatchObject({ kind: 'upsert', summary: { activity_count: 1, total_duration: 7, revision: 1, closed: false } });
  });
});
