import { Kafka, logLevel as KafkaJsLogLevel, type KafkaConfig, type logCreator } from './kafkajs.js';

export type KafkaLogLevel = 'nothing' | 'error' | 'warn' | 'info' | 'debug';

export interface KafkaClientOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  readonly logLevel?: KafkaLogLevel;
  readonly connectionTimeoutMs?: number;
  readonly retries?: number;
}

const LEVELS: Record<KafkaLogLevel, KafkaJsLogLevel> = {
  nothing: KafkaJsLogLevel.NOTHING,
  error: KafkaJsLogLevel.ERROR,
  warn: KafkaJsLogLevel.WARN,
  info: KafkaJsLogLevel.INFO,
  debug: KafkaJsLogLevel.DEBUG,
};

/** KafkaJS's own lines, as one-line JSON on stderr, namespaced `kafka.<namespace>`. */
const jsonLogCreator: logCreator =
  () =>
  ({ namespace, level, log }) => {
    const { message, timestamp: _ts, logger: _l, ...rest } = log;
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: KafkaJsLogLevel[level]?.toLowerCase(), event: `kafka.${namespace || 'client'}`, message, ...rest })}\n`,
    );
  };

/** The one place that constructs a KafkaJS client. Nothing else in the repo imports kafkajs. */
export const createKafkaClient = ({
  brokers,
  clientId = 'employee-pipeline',
  logLevel = 'warn',
  connectionTimeoutMs = 3_000,
  retries = 5,
}: KafkaClientOptions): Kafka => {
  const config: KafkaConfig = {
    brokers: [...brokers],
    clientId,
    logLevel: LEVELS[logLevel],
    logCreator: jsonLogCreator,
    connectionTimeout: connectionTimeoutMs,
    retry: { retries, initialRetryTime: 100, maxRetryTime: 2_000 },
  };
  return new Kafka(config);
};
