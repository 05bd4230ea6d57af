import { DIRTY, GroupTable, MAX_PARTITION, MAX_TYPE_ID, PUBLISHED } from './group-table.js';

describe('GroupTable', () => {
  it('finds the same slot for the same key and a new zeroed one otherwise', () => {
    const table = new GroupTable();
    const a = table.slotOf(7, 1, 473_000);
    table.add(a, 1, 30, 2);
    expect(table.slotOf(7, 1, 473_000)).toBe(a);
    const b = table.slotOf(7, 2, 473_000);
    expect(b).not.toBe(a);
    expect([table.count(b), table.durations(b), table.sum(b), table.size]).toEqual([0, 0, 0, 2]);
    expect([table.employee(a), table.typeId(a), table.hour(a), table.count(a), table.durations(a), table.sum(a), table.partition(a)]).toEqual([
      7, 1, 473_000, 1, 1, 30, 2,
    ]);
  });

  it('adds and retracts rows, counting durations only when present', () => {
    const table = new GroupTable();
    const slot = table.slotOf(1, 1, 1);
    table.add(slot, 1, null, 0);
    table.add(slot, 1, 10, 0);
    table.add(slot, -1, 4, 3);
    expect([table.count(slot), table.durations(slot), table.sum(slot), table.partition(slot)]).toEqual([1, 0, 6, 3]);
  });

  it('packs type ids, partitions and flags without one spilling into another', () => {
    const table = new GroupTable();
    const slot = table.slotOf(-1, MAX_TYPE_ID, -5);
    table.setPartitionAndFlags(slot, MAX_PARTITION, PUBLISHED);
    table.setRevision(slot, 4_294_967_295);
    expect([table.typeId(slot), table.partition(slot), table.flags(slot), table.revision(slot), table.employee(slot), table.hour(slot)]).toEqual([
      MAX_TYPE_ID,
      MAX_PARTITION,
      PUBLISHED,
      4_294_967_295,
      -1,
      -5,
    ]);
    table.add(slot, 1, 1, 0);
    table.setPublished(slot, false);
    expect([table.typeId(slot), table.partition(slot), table.flags(slot)]).toEqual([MAX_TYPE_ID, 0, 0]);
  });

  it('keeps every group and its state through growth, with negative and large keys', () => {
    const table = new GroupTable(16);
    const keys = Array.from({ length: 5000 }, (_, i) => [i % 2 === 0 ? -i : i * 100_003, (i % 7) + 1, 473_000 - i] as const);
    keys.forEach(([e, t, h], i) => {
      const slot = table.slotOf(e, t, h);
      table.setState(slot, i, -i | 0, i * 2 ** 40);
      table.setPartitionAndFlags(slot, i % 100, i % 3 === 0 ? PUBLISHED : 0);
    });
    expect(table.size).toBe(5000);
    expect(table.capacity).toBeGreaterThanOrEqual(5000 / 0.75);
    keys.forEach(([e, t, h], i) => {
      const slot = table.slotOf(e, t, h);
      expect([table.count(slot), table.durations(slot), table.sum(slot), table.partition(slot), table.flags(slot)]).toEqual([
        i,
        -i | 0,
        i * 2 ** 40,
        i % 100,
        i % 3 === 0 ? PUBLISHED : 0,
      ]);
    });
    expect(table.size).toBe(5000);
  });

  it('queues each dirty slot once and clears the flag when taken', () => {
    const table = new GroupTable();
    const a = table.slotOf(1, 1, 1);
    const b = table.slotOf(2, 1, 1);
    table.markDirty(a);
    table.markDirty(b);
    table.markDirty(a);
    expect([...table.takeDirty()]).toEqual([a, b]);
    expect(table.flags(a)).toBe(0);
    expect([...table.takeDirty()]).toEqual([]);
  });

  it('keeps dirty slots queued through growth', () => {
    const table = new GroupTable(16);
    table.markDirty(table.slotOf(1, 1, 1));
    for (let i = 2; i < 100; i++) table.slotOf(i, 1, 1);
    expect([...table.takeDirty()].map((slot) => table.employee(slot))).toEqual([1]);
  });

  it('drops groups by hour, shrinking, and keeps the survivors dirty or not as they were', () => {
    const table = new GroupTable();
    for (let i = 0; i < 3000; i++) {
      const slot = table.slotOf(i, 1, i < 2990 ? 10 : 11);
      table.setState(slot, i, 0, 0);
      if (i >= 2995) table.markDirty(slot);
    }
    table.retainHours((hour) => hour === 11);
    expect(table.size).toBe(10);
    expect(table.capacity).toBe(1024);
    const dirty = [...table.takeDirty()].map((slot) => table.employee(slot)).sort((x, y) => x - y);
    expect(dirty).toEqual([2995, 2996, 2997, 2998, 2999]);
    const survivor = table.slotOf(2991, 1, 11);
    expect([table.count(survivor), table.flags(survivor) & DIRTY, table.size]).toEqual([2991, 0, 10]);
  });
});

describe('GroupTable hour chains and published count', () => {
  it('lists the hours held and the slots of chosen hours in slot order, through growth and release', () => {
    const table = new GroupTable(16);
    for (let i = 0; i < 500; i++) table.slotOf(i, 1, 100 + (i % 5));
    expect([...table.hours()].sort()).toEqual([100, 101, 102, 103, 104]);
    const slots = [...table.slotsOfHours([101, 103])];
    expect(slots).toEqual([...slots].sort((a, b) => a - b));
    expect(slots.map((slot) => table.employee(slot)).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 500 }, (_, i) => i).filter((i) => i % 5 === 1 || i % 5 === 3),
    );
    table.retainHours((hour) => hour !== 101);
    expect([...table.hours()].sort()).toEqual([100, 102, 103, 104]);
    expect([table.slotsOfHours([101]).length, table.slotsOfHours([103]).length, table.size]).toEqual([0, 100, 400]);
    expect([...table.slotsOfHours([103])].every((slot) => table.hour(slot) === 103)).toBe(true);
  });

  it('counts published groups as flags change, through growth and release', () => {
    const table = new GroupTable(16);
    for (let i = 0; i < 100; i++) {
      const slot = table.slotOf(i, 1, i < 50 ? 10 : 11);
      if (i % 2 === 0) table.setPublished(slot, true);
    }
    expect(table.publishedCount).toBe(50);
    table.setPublished(table.slotOf(0, 1, 10), true);
    table.setPublished(table.slotOf(2, 1, 10), false);
    table.setPartitionAndFlags(table.slotOf(1, 1, 10), 3, PUBLISHED | DIRTY);
    table.setPartitionAndFlags(table.slotOf(4, 1, 10), 3, 0);
    expect(table.publishedCount).toBe(49);
    table.retainHours((hour) => hour === 11);
    expect(table.publishedCount).toBe(25);
  });
});
