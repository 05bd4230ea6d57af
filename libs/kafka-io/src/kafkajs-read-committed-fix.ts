import { createRequire } from 'node:module';
import { filterAbortedRecords } from './aborted-transaction-filter.js';

/**
 * Installs `filterAbortedRecords` as KafkaJS's aborted-transaction filter. KafkaJS's `Batch` takes its
 * filter from the module cache when it is first loaded, so this module must be evaluated before
 * `kafkajs` is (every module of this lib that loads KafkaJS imports it first). It then checks, on a
 * crafted fetch, that the `Batch` KafkaJS uses filters correctly, and throws when it does not.
 */
const require = createRequire(import.meta.url);
const filterPath = require.resolve('kafkajs/src/consumer/filterAbortedMessages.js');
require(filterPath);
const cached = require.cache[filterPath];
if (!cached) throw new Error('kafkajs: its aborted-transaction filter module did not load');
cached.exports = ({
  messages,
  abortedTransactions,
}: {
  messages: Parameters<typeof filterAbortedRecords>[0];
  abortedTransactions: Parameters<typeof filterAbortedRecords>[1];
}) => filterAbortedRecords(messages, abortedTransactions);

type BatchClass = new (topic: string, fetchedOffset: string, data: unknown) => { readonly messages: readonly { offset: string }[] };
const Batch = require('kafkajs/src/consumer/batch.js') as BatchClass;

/** Producer 1's transaction starts first but is aborted after producer 2's: the broker lists producer 2 first. */
const probe = new Batch('probe', '0', {
  partition: 0,
  highWatermark: '6',
  abortedTransactions: [
    { producerId: '2', firstOffset: '1' },
    { producerId: '1', firstOffset: '0' },
  ],
  messages: [
    { offset: '0', key: null, batchContext: { producerId: '1', inTransaction: true } },
    { offset: '1', key: null, batchContext: { producerId: '2', inTransaction: true } },
    { offset: '2', key: Buffer.from([0, 0, 0, 0]), isControlRecord: true, batchContext: { producerId: '2', inTransaction: true } },
    { offset: '3', key: Buffer.from([0, 0, 0, 0]), isControlRecord: true, batchContext: { producerId: '1', inTransaction: true } },
    { offset: '4', key: null, batchContext: { producerId: '1', inTransaction: true } },
    { offset: '5', key: Buffer.from([0, 0, 0, 1]), isControlRecord: true, batchContext: { producerId: '1', inTransaction: true } },
  ],
});
if (probe.messages.map((m) => m.offset).join() !== '4') {
  throw new Error('kafkajs was loaded before @eap/kafka-io fixed its read_committed filter: import @eap/kafka-io before kafkajs');
}
