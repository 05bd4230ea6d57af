import type { ConsumerGroupMember } from '@eap/kafka-io';
import { groupMemberDetails } from './group-member-details.js';

const member = (memberId: string, clientId: string, assignment: Record<string, number[]>, clientHost = '127.0.0.1'): ConsumerGroupMember => ({
  memberId,
  clientId,
  clientHost,
  assignment,
});
const lag = (partition: number, n: bigint, lagSeconds: number | null = Number(n) / 2) => ({ partition, committed: 0n, end: n, lag: n, lagSeconds });

describe('groupMemberDetails', () => {
  it('names each instance from its clientId and sums the lag of the partitions it owns', () => {
    const out = groupMemberDetails(
      [
        member('m-10', 'summary-aggregator/agg-10@127.0.0.1:41999', { processed: [] }),
        member('m-2', 'summary-aggregator/agg-2@127.0.0.1:41873', { processed: [2] }),
        member('m-1', 'summary-aggregator/agg-1@127.0.0.1:9465', { processed: [0, 1], other: [5] }),
      ],
      'processed',
      [lag(0, 3n), lag(1, 4n), lag(2, 8n)],
    );
    expect(out).toEqual([
      {
        memberId: 'm-1',
        clientId: 'summary-aggregator/agg-1@127.0.0.1:9465',
        instanceId: 'agg-1',
        host: '127.0.0.1',
        healthAddress: 'http://127.0.0.1:9465',
        partitions: [0, 1],
        lag: 7n,
        lagSeconds: 2,
      },
      expect.objectContaining({ instanceId: 'agg-2', healthAddress: 'http://127.0.0.1:41873', partitions: [2], lag: 8n, lagSeconds: 4 }),
      expect.objectContaining({ instanceId: 'agg-10', partitions: [], lag: 0n, lagSeconds: 0 }),
    ]);
  });

  it('gives a member an unknown lag in seconds when one of its partitions has it unknown', () => {
    const [m] = groupMemberDetails([member('m-1', 'summary-aggregator/agg-1@127.0.0.1:9465', { processed: [0, 1] })], 'processed', [
      lag(0, 3n),
      lag(1, 4n, null),
    ]);
    expect(m?.lagSeconds).toBeNull();
  });

  it('shows an older or foreign member as its clientId, with instance and health unknown, after the known ones', () => {
    const out = groupMemberDetails(
      [member('m-old', 'summary-aggregator', { processed: [0] }, '10.0.0.7'), member('m-1', 'summary-aggregator/agg-1@127.0.0.1:9465', {})],
      'processed',
      [lag(0, 5n)],
    );
    expect(out.map((m) => [m.instanceId, m.clientId, m.host, m.healthAddress, m.partitions, m.lag])).toEqual([
      ['agg-1', 'summary-aggregator/agg-1@127.0.0.1:9465', '127.0.0.1', 'http://127.0.0.1:9465', [], 0n],
      [null, 'summary-aggregator', '10.0.0.7', null, [0], 5n],
    ]);
  });

  it('reaches a health server bound to every interface where its instance connects from', () => {
    const [m] = groupMemberDetails([member('m', 'enrichment-processor/proc-1@0.0.0.0:9464', {}, '10.0.0.7')], 'activities', []);
    expect(m?.healthAddress).toBe('http://10.0.0.7:9464');
  });
});
