import { createSchemaRegistryCodec, followTopic, type InputRecord, type TopicFollower } from '@eap/kafka-io';
import { toJson } from './json-text.js';
import type { OpsSettings } from './ops-settings.js';

/** A record as `tail` shows it: Avro decoded through the registry, JSON parsed (Debezium's payload unwrapped). */
export interface TailedRecord {
  readonly partition: number;
  readonly offset: string;
  readonly timestamp: string;
  readonly key: string | null;
  readonly headers: Readonly<Record<string, string>>;
  readonly encoding: 'avro' | 'json' | 'text' | 'tombstone' | 'undecodable';
  readonly value: unknown;
}

/** A key as text; a Debezium JSON key (`schema`/`payload`) as its payload. */
const keyText = (b: Buffer | null): string | null => {
  if (b === null) return null;
  const text = b.toString('utf8');
  try {
    const json = JSON.parse(text) as { payload?: unknown };
    return json && typeof json === 'object' && 'payload' in json ? JSON.stringify(json.payload) : text;
  } catch {
    return text;
  }
};

/** Avro framing: magic byte 0, then a 4-byte schema id. */
const isFramed = (b: Buffer) => b.length > 5 && b[0] === 0;

export const describeRecord = async (codec: ReturnType<typeof createSchemaRegistryCodec>, r: InputRecord): Promise<TailedRecord> => {
  const base = {
    partition: r.partition,
    offset: r.offset.toString(),
    timestamp: new Date(r.timestamp).toISOString(),
    key: keyText(r.key),
    headers: Object.fromEntries(Object.entries(r.headers).flatMap(([k, v]) => (v === undefined ? [] : [[k, v.toString()]]))),
  };
  if (r.value === null) return { ...base, encoding: 'tombstone', value: null };
  if (isFramed(r.value)) {
    const decoded = await codec.decode(r.value);
    return decoded.kind === 'ok'
      ? { ...base, encoding: 'avro', value: decoded.value }
      : { ...base, encoding: 'undecodable', value: `${decoded.reason}: ${decoded.detail}` };
  }
  const text = r.value.toString('utf8');
  try {
    const json = JSON.parse(text) as { schema?: unknown; payload?: unknown };
    return { ...base, encoding: 'json', value: json && typeof json === 'object' && 'schema' in json && 'payload' in json ? json.payload : json };
  } catch {
    return { ...base, encoding: 'text', value: text };
  }
};

/** Follows a topic (from its end, or its beginning), handing each record over decoded, in partition order. */
export const tailTopic = async ({
  settings,
  topic,
  fromBeginning,
  lastPerPartition,
  onRecord,
  onCrash,
  clientId = 'pipeline-tail',
}: {
  settings: OpsSettings;
  topic: string;
  fromBeginning: boolean;
  /** Start this many offsets before each partition's end (the console's latest events). */
  lastPerPartition?: number;
  onRecord: (r: TailedRecord) => void;
  /** The follower stopped for good (Kafka gone): start another. */
  onCrash?: (error: Error) => void;
  clientId?: string;
}): Promise<TopicFollower> => {
  const codec = createSchemaRegistryCodec({ url: settings.registryUrl });
  let queue = Promise.resolve();
  return followTopic({
    kafka: { brokers: settings.brokers, clientId, logLevel: 'nothing' },
    topic,
    fromBeginning,
    ...(lastPerPartition === undefined ? {} : { lastPerPartition }),
    ...(onCrash === undefined ? {} : { onCrash }),
    waitForTopicMs: 5_000,
    onRecords: (records) => {
      queue = queue.then(async () => {
        for (const r of records) {
          // The registry being down must not stall the tail: the record is shown as undecodable, with why.
          const described = await describeRecord(codec, r).catch((e: Error) => ({
            partition: r.partition,
            offset: r.offset.toString(),
            timestamp: new Date(r.timestamp).toISOString(),
            key: r.key?.toString('utf8') ?? null,
            headers: {},
            encoding: 'undecodable' as const,
            value: `could not decode: ${e.message}`,
          }));
          onRecord(described);
        }
      });
    },
  });
};

/** One record as text: where it is, its key and headers, then the value as indented JSON. */
export const formatTailedRecord = (r: TailedRecord): string => {
  // Connect's own context headers are in --json; the text keeps the ones that say something (dlq.*).
  const headers = Object.entries(r.headers)
    .filter(([k]) => !k.startsWith('__debezium.context'))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  const value = r.encoding === 'tombstone' ? '(tombstone)' : typeof r.value === 'string' ? r.value : toJson(r.value);
  return `── p${r.partition}@${r.offset}  ${r.timestamp}  key=${r.key ?? 'null'}  ${r.encoding}${headers ? `  ${headers}` : ''}\n${value}`;
};
