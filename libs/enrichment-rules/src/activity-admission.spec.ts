import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRedeliveryFilter, decodeJsonEnvelope } from '@eap/debezium-envelope';
import { admitActivityRecords } from './activity-admission.js';

const captured = (name: string): Uint8Array => {
  const file = join(__dirname, '..', '..', 'debezium-envelope', 'src', 'fixtures', 'captured', `${name}.json`);
  const { value } = JSON.parse(readFileSync(file, 'utf8')) as { value: unknown };
  return Buffer.from(JSON.stringify(value));
};

describe('admitActivityRecords', () => {
  it('passes events, skips tombstones, other tables and re-deliveries, rejects what does not decode', () => {
    const filter = createRedeliveryFilter();
    const create = captured('activity-0-c');
    const update = captured('activity-1-u');
    const admitted = admitActivityRecords([create, update, null, Buffer.from('not json'), create, captured('employee-1-u')], { filter });
    expect(admitted.map((a) => (a.kind === 'skip' ? `skip:${a.why}` : a.kind === 'reject' ? `reject:${a.reason}` : `event:${a.event.op}`))).toEqual([
      'event:c',
      'event:u',
      'skip:tombstone',
      'reject:not_json',
      'skip:redelivery',
      'skip:other_table',
    ]);
  });

  it('keeps the rule across a restart through the filter snapshot', () => {
    const first = createRedeliveryFilter();
    admitActivityRecords([captured('activity-0-c'), captured('activity-1-u')], { filter: first });
    const restored = createRedeliveryFilter(first.state());
    const again = admitActivityRecords([captured('activity-1-u'), captured('activity-2-d')], { filter: restored });
    expect(again.map((a) => a.kind)).toEqual(['skip', 'event']);
  });

  it('rejects values over the size limit as too_large', () => {
    const [admitted] = admitActivityRecords([Buffer.alloc(2048, 32)], {
      filter: createRedeliveryFilter(),
      decode: (v) => decodeJsonEnvelope(v, { maxBytes: 1024 }),
    });
    expect(admitted).toMatchObject({ kind: 'reject', reason: 'too_large' });
  });
});
