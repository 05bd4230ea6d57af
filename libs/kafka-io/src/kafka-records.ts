import type { KafkaMessage } from './kafkajs.js';

/** A record as our processors see it: bytes in, no KafkaJS types. */
export interface InputRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: bigint;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | undefined>>;
  readonly timestamp: number;
}

export interface OutputRecord {
  readonly topic: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | null;
  readonly headers?: Readonly<Record<string, Buffer | string>>;
  /** Explicit partition (a truncate marker goes to every partition); else the key decides. */
  readonly partition?: number;
}

/** Shared by every record without headers (most of them): one object less per record read. */
const NO_HEADERS: Record<string, Buffer | undefined> = Object.freeze({});

/** A KafkaJS message as our record: headers flattened to their first value. */
export const toInputRecord = (topic: string, partition: number, m: KafkaMessage): InputRecord => {
  let headers: Record<string, Buffer | undefined> = NO_HEADERS;
  for (const k in m.headers) {
    if (headers === NO_HEADERS) headers = {};
    const v = m.headers[k];
    headers[k] = Array.isArray(v) ? (v[0] as Buffer | undefined) : (v as Buffer | undefined);
  }
  return { topic, partition, offset: BigInt(m.offset), key: m.key, value: m.value, headers, timestamp: Number(m.timestamp) };
};

/** A partition as one string, `<topic>/<partition>`: the key of per-partition state and how logs and errors name it. */
export const partitionKey = (topic: string, partition: number): string => `${topic}/${partition}`;
