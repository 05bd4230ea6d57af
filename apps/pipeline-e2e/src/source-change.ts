import { createSchemaRegistryCodec, readRegistryFrame, type ConsumedRecord } from '@eap/kafka-io';

/** A Debezium change as a consumer of the source topics sees it, in either capture format. For assertions only. */
export interface SourceChange {
  readonly key: Record<string, unknown>;
  readonly value: { op: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; source: Record<string, unknown> } | null;
}

export type SourceChangeReader = (r: ConsumedRecord) => Promise<SourceChange>;

/**
 * Reads a source record the way any consumer would: registry-framed Avro through the registry
 * (Confluent's wire format), anything else as Kafka's JSON with the schema inline.
 */
export const createSourceChangeReader = (registryUrl: string): SourceChangeReader => {
  const codec = createSchemaRegistryCodec({ url: registryUrl });
  const part = async (bytes: Buffer): Promise<Record<string, unknown>> => {
    if (readRegistryFrame(bytes).kind === 'unframed') return (JSON.parse(bytes.toString()) as { payload: Record<string, unknown> }).payload;
    const decoded = await codec.decode(bytes);
    if (decoded.kind !== 'ok') throw new Error(`not a registry-framed Avro datum: ${decoded.detail}`);
    return decoded.value as Record<string, unknown>;
  };
  return async (r) => ({
    key: await part(r.key!),
    value: r.value ? ((await part(r.value)) as unknown as NonNullable<SourceChange['value']>) : null,
  });
};
