import type { ChangeEvent } from '@eap/debezium-envelope';
import type { EnrichmentOutcome, ProcessedActivity } from '@eap/enrichment-rules';
import type { InputRecord } from '@eap/kafka-io';
import { readDeadLetter } from './dead-letter-entry.js';
import { decideRedrive, type RedriveContext } from './redrive-plan.js';

const HOUR = 3_600_000_000;
const dead = (headers: Record<string, string>, offset = 4n): InputRecord => ({
  topic: 'dlq',
  partition: 0,
  offset,
  key: Buffer.from('7'),
  value: Buffer.from('{}'),
  headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Buffer.from(v)])),
  timestamp: 1_000,
});
const fromProcessor = (extra: Record<string, string> = {}) =>
  readDeadLetter(
    dead({
      'dlq.reason': 'missing_employee',
      'dlq.detail': 'after image: x',
      'dlq.source.topic': 'activities',
      'dlq.source.partition': '0',
      'dlq.source.offset': '12',
      ...extra,
    }),
  );
const record = (row_kind: ProcessedActivity['row_kind']): EnrichmentOutcome => ({ kind: 'record', key: '7', record: { row_kind } as ProcessedActivity });
const event = { op: 'u' } as ChangeEvent;
const ctx = (over: Partial<RedriveContext> = {}): RedriveContext => ({
  activitiesTopic: 'activities',
  processedTopic: 'processed',
  ledger: new Map(),
  decode: () => ({ kind: 'event', event, form: 'json' }) as never,
  enrich: () => [record('-U'), record('+U')],
  activityTimeOf: () => 10 * HOUR + 5,
  windowStateOf: () => ({ watermark: 20 * HOUR, retentionHours: 24 }),
  ...over,
});

describe('readDeadLetter', () => {
  it('reads reason, source, image (from the header, or the detail of older records) and history', () => {
    const e = readDeadLetter(
      dead({
        'dlq.reason': 'late',
        'dlq.detail': 'before image: activity 3',
        'dlq.source.topic': 'processed',
        'dlq.source.partition': '2',
        'dlq.source.offset': '99',
        'dlq.time': '2026-12-02T10:00:00.000Z',
        'dlq.history': JSON.stringify([{ at: 't', reason: 'late', detail: 'd', dlq: '0@1' }]),
      }),
    );
    expect(e).toMatchObject({
      id: '0@4',
      reason: 'late',
      image: 'before',
      source: { topic: 'processed', partition: 2, offset: 99n },
      time: Date.parse('2026-12-02T10:00:00Z'),
    });
    expect(e.history).toHaveLength(1);
    expect(readDeadLetter(dead({ 'dlq.reason': 'x' })).source).toBeNull();
  });
});

describe('decideRedrive', () => {
  it('leaves a record redriven before alone', () => {
    const ledger = new Map([['0@4', { at: 't', outcome: 'sent' as const, detail: 'processed/1', reason: 'late' }]]);
    expect(decideRedrive(fromProcessor(), ctx({ ledger }))).toMatchObject({ kind: 'done_before' });
  });

  it('enriches a processor’s dead letter again, only the image that failed', () => {
    expect(decideRedrive(fromProcessor({ 'dlq.image': 'after' }), ctx())).toEqual({ kind: 'enriched', records: [{ key: '7', record: { row_kind: '+U' } }] });
    expect(decideRedrive(fromProcessor({ 'dlq.image': 'before' }), ctx())).toEqual({ kind: 'enriched', records: [{ key: '7', record: { row_kind: '-U' } }] });
  });

  it('says a record that still fails fails again, with the new reason', () => {
    const enrich = () => [
      { kind: 'invalid', reason: 'missing_employee', detail: 'activity 3: after.employee_id is NULL', image: 'after' } as EnrichmentOutcome,
    ];
    expect(decideRedrive(fromProcessor(), ctx({ enrich }))).toEqual({
      kind: 'fails_again',
      reason: 'missing_employee',
      detail: 'after image: activity 3: after.employee_id is NULL',
      image: 'after',
    });
    const decode = () => ({ kind: 'reject', reason: 'too_large', detail: 'value is 2000000 bytes' }) as never;
    expect(decideRedrive(fromProcessor(), ctx({ decode }))).toMatchObject({ kind: 'fails_again', reason: 'too_large' });
  });

  it('sends a late row again when its window is within retention now, and refuses it naming the setting when not', () => {
    const late = readDeadLetter(dead({ 'dlq.reason': 'late', 'dlq.source.topic': 'processed', 'dlq.source.partition': '1', 'dlq.source.offset': '5' }));
    expect(decideRedrive(late, ctx())).toEqual({ kind: 'resend' });
    const refused = decideRedrive(late, ctx({ windowStateOf: () => ({ watermark: 40 * HOUR, retentionHours: 24 }) }));
    expect(refused).toEqual({
      kind: 'refused',
      why: expect.stringContaining(
        'ended 29 h before the aggregator’s watermark, past WINDOW_RETENTION_HOURS=24: run the aggregators with WINDOW_RETENTION_HOURS=30 or more',
      ),
    });
  });

  it('refuses records from elsewhere, without a source, and truncates', () => {
    expect(decideRedrive(readDeadLetter(dead({ 'dlq.reason': 'x' })), ctx())).toMatchObject({
      kind: 'refused',
      why: expect.stringContaining('not written by this pipeline'),
    });
    expect(decideRedrive(fromProcessor(), ctx({ decode: () => ({ kind: 'event', event: { op: 't' } as ChangeEvent, form: 'json' }) as never }))).toMatchObject({
      kind: 'refused',
    });
  });
});
