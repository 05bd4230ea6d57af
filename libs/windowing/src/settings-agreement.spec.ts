import { compareAgreedSettings, describeDisagreement } from './settings-agreement.js';
import { decodeWindowMeta, encodeWindowMeta, type AgreedWindowSettings } from './window-changelog.js';

const ours: AgreedWindowSettings = { graceSeconds: 60, maxSkewSeconds: 300, retentionHours: 168, idleAdvanceSeconds: 0, partitions: 3 };

describe('settings every aggregator instance must share', () => {
  it('finds nothing when the partition has no record (older metadata) or the same settings', () => {
    expect(compareAgreedSettings(undefined, ours)).toEqual([]);
    expect(compareAgreedSettings({ ...ours }, ours)).toEqual([]);
  });

  it('names each differing setting with both values', () => {
    const d = compareAgreedSettings({ ...ours, graceSeconds: 30, partitions: 6 }, ours);
    expect(d).toEqual([
      { setting: 'WINDOW_GRACE_SECONDS', recorded: 30, ours: 60 },
      { setting: 'the processed topic partition count', recorded: 6, ours: 3 },
    ]);
    expect(describeDisagreement(d, 'agg-1')).toBe(
      'WINDOW_GRACE_SECONDS is 30 on agg-1 and 60 here; the processed topic partition count is 6 on agg-1 and 3 here',
    );
  });

  it('travels in the window metadata with the instance that committed it, and older metadata decodes without them', () => {
    const meta = { watermark: 5, closedThrough: null, lateCount: 0, retentionHours: 168, agreed: ours, instance: 'agg-1' };
    expect(decodeWindowMeta(encodeWindowMeta(meta))).toEqual({ kind: 'ok', meta });
    expect(decodeWindowMeta('{"watermark":1,"closedThrough":null,"lateCount":0,"agreed":{"graceSeconds":"x"}}')).toEqual({
      kind: 'ok',
      meta: { watermark: 1, closedThrough: null, lateCount: 0 },
    });
    expect(encodeWindowMeta(meta).length).toBeLessThan(400);
  });
});
