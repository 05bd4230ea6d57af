import { healthServerUrl, memberClientId, parseMemberClientId } from './member-client-id.js';

describe('member clientId', () => {
  it('reads the app, instance id and health address of an instance', () => {
    expect(parseMemberClientId('summary-aggregator/agg-2@127.0.0.1:41873')).toEqual({
      app: 'summary-aggregator',
      instanceId: 'agg-2',
      healthHost: '127.0.0.1',
      healthPort: 41873,
    });
    expect(parseMemberClientId('enrichment-processor/host-7.a_b@localhost:9464')).toMatchObject({ instanceId: 'host-7.a_b', healthHost: 'localhost' });
  });

  it('reads an IPv6 health host, with or without brackets', () => {
    expect(parseMemberClientId('summary-aggregator/agg-1@::1:9465')).toMatchObject({ healthHost: '::1', healthPort: 9465 });
    expect(parseMemberClientId('summary-aggregator/agg-1@[::1]:9465')).toMatchObject({ healthHost: '::1', healthPort: 9465 });
  });

  it('gives back what memberClientId made', () => {
    const parts = { app: 'enrichment-processor', instanceId: 'proc-1', healthHost: '0.0.0.0', healthPort: 9464 };
    expect(parseMemberClientId(memberClientId(parts))).toEqual(parts);
  });

  it.each([
    ['enrichment-processor'],
    ['summary-aggregator'],
    ['pipeline-status'],
    ['summary-aggregator/agg-2'],
    ['summary-aggregator/agg-2@127.0.0.1'],
    ['summary-aggregator/agg 2@127.0.0.1:9465'],
    ['summary-aggregator/agg-2@127.0.0.1:0'],
    ['summary-aggregator/agg-2@127.0.0.1:70000'],
    ['summary-aggregator/agg-2@127.0.0.1:port'],
    ['summary-aggregator/@127.0.0.1:9465'],
    ['/agg-2@127.0.0.1:9465'],
    ['a/b/c@127.0.0.1:9465'],
    ['summary-aggregator/agg-2@host/x:9465'],
  ])('is null for a clientId of another shape: %s', (clientId) => {
    expect(parseMemberClientId(clientId)).toBeNull();
  });

  it('makes a health URL, bracketing an IPv6 host', () => {
    expect(healthServerUrl('127.0.0.1', 9464)).toBe('http://127.0.0.1:9464');
    expect(healthServerUrl('::1', 9464)).toBe('http://[::1]:9464');
  });
});
