import { codeOwner, summariseCpuProfile, type CpuProfile } from './cpu-profile-summary.js';

const frame = (id: number, functionName: string, url: string, hitCount: number) => ({ id, callFrame: { functionName, url, lineNumber: 9 }, hitCount });

describe('summariseCpuProfile', () => {
  it('ranks self time by owning package and by function', () => {
    const profile: CpuProfile = {
      startTime: 0,
      endTime: 1,
      nodes: [
        frame(1, '(root)', '', 0),
        frame(2, 'encode', 'file:///r/node_modules/kafkajs/src/protocol/encoder.js', 30),
        frame(3, 'decode', 'file:///r/node_modules/avsc/lib/types.js', 10),
        frame(4, 'handle', 'file:///r/apps/enrichment-processor/src/activity-batch-handler.ts', 40),
        frame(5, '(garbage collector)', '', 20),
      ],
    };
    const s = summariseCpuProfile(profile, 3);
    expect(s.byOwner).toEqual([
      { name: '@eap/enrichment-processor', share: 0.4 },
      { name: 'kafkajs', share: 0.3 },
      { name: '(v8: gc, idle, native)', share: 0.2 },
    ]);
    expect(s.byFunction[0]).toEqual({ name: 'handle apps/enrichment-processor/src/activity-batch-handler.ts:10', share: 0.4 });
  });

  it('names scoped packages and node internals', () => {
    expect(codeOwner('file:///r/node_modules/@kafkajs/confluent-schema-registry/dist/x.js')).toBe('@kafkajs/confluent-schema-registry');
    expect(codeOwner('node:internal/streams/readable')).toBe('node');
  });
});
