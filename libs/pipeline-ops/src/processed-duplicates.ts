import { processedActivitySchema } from '@eap/avro-schemas';
import { readToEnd, type KafkaClientOptions, type SchemaRegistryCodec } from '@eap/kafka-io';
import avro from 'avsc';
import { createDuplicateFinder, type DuplicateChanges, type ProcessedIdentity } from './duplicate-changes.js';

const reader = avro.Type.forSchema(processedActivitySchema as avro.Schema);

/**
 * Reads the processed topic (read_committed) to its end and finds changes written twice. Records
 * are decoded as they arrive (each partition in order), so memory holds the identities, not the records.
 * A record a DLQ redrive sent again as it was (`dlq.redrive.kind: resend`) is left out: its first copy was dead-lettered by
 * the aggregator, not counted (the redrive ledger keeps a record from being redriven twice).
 */
export const readDuplicateChanges = async (
  kafka: KafkaClientOptions,
  topic: string,
  codec: SchemaRegistryCodec,
): Promise<{ readonly duplicates: DuplicateChanges; readonly records: number }> => {
  const finder = createDuplicateFinder();
  let decoding: Promise<void> = Promise.resolve();
  const { records } = await readToEnd({
    kafka,
    topic,
    onRecords: (batch) => {
      const values = batch.flatMap((r) =>
        r.value === null || r.headers['dlq.redrive.kind']?.toString() === 'resend' ? [] : [{ partition: r.partition, value: r.value }],
      );
      decoding = decoding.then(async () => {
        await codec.prepare(values.map((v) => v.value));
        for (const { partition, value } of values) {
          const decoded = codec.decodePrepared(value, reader);
          if (decoded.kind === 'ok') finder.add({ ...(decoded.value as Omit<ProcessedIdentity, 'partition'>), partition });
        }
      });
    },
  });
  await decoding;
  return { duplicates: finder.result(), records };
};
