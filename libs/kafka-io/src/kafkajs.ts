// The one module that imports KafkaJS: the rest of kafka-io imports it from here, nothing outside
// kafka-io imports it at all (eslint's module boundaries and the workspace dependency test hold that).
// Our read_committed fix must be in KafkaJS's module cache before KafkaJS loads, so it comes first;
// see kafkajs-read-committed-fix.ts for what it fixes and how it checks itself at start.
import './kafkajs-read-committed-fix.js';
// KafkaJS's producer grouped a send's messages per partition in quadratic time: a linear one in its place.
import './kafkajs-linear-grouping.js';

export { AssignerProtocol, Kafka, logLevel, Partitioners } from 'kafkajs';
export type { Admin, Consumer, EachBatchPayload, GroupDescription, KafkaConfig, KafkaMessage, logCreator, PartitionAssigner, Producer } from 'kafkajs';
