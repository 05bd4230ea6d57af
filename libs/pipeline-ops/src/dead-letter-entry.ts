import type { InputRecord } from '@eap/kafka-io';

/** One earlier failure of a record, kept in `dlq.history` when it is redriven and fails again. */
export interface DeadLetterHistoryItem {
  readonly at: string;
  readonly reason: string;
  readonly detail: string;
  /** The DLQ record it was then (`<partition>@<offset>`). */
  readonly dlq: string;
}

/** A DLQ record, its headers read: why it failed, where it came from, and what happened before. */
export interface DeadLetterEntry {
  /** `<partition>@<offset>` on the DLQ topic: what the redrive ledger keys it by. */
  readonly id: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | undefined>>;
  readonly reason: string;
  readonly detail: string;
  /** When it was dead-lettered (epoch ms): `dlq.time`, else the record's timestamp. */
  readonly time: number;
  readonly source: { readonly topic: string; readonly partition: number; readonly offset: bigint } | null;
  /** The image of an update that failed (the other one was counted); null: the whole record. */
  readonly image: 'before' | 'after' | null;
  readonly history: readonly DeadLetterHistoryItem[];
}

const text = (h: Buffer | undefined): string | undefined => h?.toString('utf8');

const historyOf = (h: Buffer | undefined): DeadLetterHistoryItem[] => {
  try {
    const parsed = JSON.parse(text(h) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as DeadLetterHistoryItem[]) : [];
  } catch {
    return [];
  }
};

/** The image from the header, or from the detail of a record dead-lettered before the header existed (`before image: ...`). */
const imageOf = (headers: Readonly<Record<string, Buffer | undefined>>, detail: string): 'before' | 'after' | null => {
  const h = text(headers['dlq.image']) ?? /^(before|after) image: /.exec(detail)?.[1];
  return h === 'before' || h === 'after' ? h : null;
};

export const readDeadLetter = (r: InputRecord): DeadLetterEntry => {
  const detail = text(r.headers['dlq.detail']) ?? '';
  const sourceTopic = text(r.headers['dlq.source.topic']);
  const sourcePartition = Number(text(r.headers['dlq.source.partition']));
  const sourceOffset = text(r.headers['dlq.source.offset']);
  const time = Date.parse(text(r.headers['dlq.time']) ?? '');
  return {
    id: `${r.partition}@${r.offset}`,
    partition: r.partition,
    offset: r.offset,
    key: r.key,
    value: r.value,
    headers: r.headers,
    reason: text(r.headers['dlq.reason']) ?? 'unknown',
    detail,
    time: Number.isNaN(time) ? r.timestamp : time,
    source:
      sourceTopic !== undefined && Number.isInteger(sourcePartition) && sourceOffset !== undefined && /^\d+$/.test(sourceOffset)
        ? { topic: sourceTopic, partition: sourcePartition, offset: BigInt(sourceOffset) }
        : null,
    image: imageOf(r.headers, detail),
    history: historyOf(r.headers['dlq.history']),
  };
};

/** Which DLQ records a `dlq` command acts on; every field narrows, none: all. */
export interface DeadLetterFilter {
  readonly reasons?: readonly string[];
  /** Dead-lettered at or after / before (epoch ms). */
  readonly since?: number;
  readonly until?: number;
  readonly sourceTopic?: string;
  readonly sourcePartition?: number;
  readonly sourceOffset?: bigint;
  /** DLQ records by id (`<partition>@<offset>`). */
  readonly ids?: readonly string[];
}

export const matchesDeadLetterFilter = (e: DeadLetterEntry, f: DeadLetterFilter): boolean =>
  (f.reasons === undefined || f.reasons.includes(e.reason)) &&
  (f.since === undefined || e.time >= f.since) &&
  (f.until === undefined || e.time < f.until) &&
  (f.sourceTopic === undefined || e.source?.topic === f.sourceTopic) &&
  (f.sourcePartition === undefined || e.source?.partition === f.sourcePartition) &&
  (f.sourceOffset === undefined || e.source?.offset === f.sourceOffset) &&
  (f.ids === undefined || f.ids.includes(e.id));

/** Text a person can read: valid UTF-8 with no control bytes but tab and newlines (an Avro value is binary). */
export const isPrintableText = (b: Buffer): boolean => {
  const text = b.toString('utf8');
  if (text.includes('\ufffd')) return false;
  for (const ch of text) {
    const c = ch.charCodeAt(0);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
};

/** A DLQ record for `--json`: key and headers as text, the value as text when it is, else base64 (Avro). */
export const deadLetterJson = (e: DeadLetterEntry) => {
  const { key, value, headers, ...rest } = e;
  return {
    ...rest,
    time: new Date(e.time).toISOString(),
    key: key?.toString('utf8') ?? null,
    value: value === null ? null : isPrintableText(value) ? { text: value.toString('utf8') } : { base64: value.toString('base64') },
    headers: Object.fromEntries(Object.entries(headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, v.toString('utf8')]]))),
  };
};
