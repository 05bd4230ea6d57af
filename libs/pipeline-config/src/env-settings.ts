import { ConfigError, type Env } from './config-error.js';

/** A whole-number setting within [min, max], or its default when unset or empty. */
export const intSetting = (env: Env, name: string, fallback: number, min: number, max: number): number => {
  const raw = env[name]?.trim() || String(fallback);
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) throw new ConfigError(name, `"${raw}" must be a whole number from ${min} to ${max}`);
  return Number(raw);
};

/** `KAFKA_BROKERS`: host:port[,host:port...], default the embedded stack's broker. */
export const kafkaBrokersFromEnv = (env: Env): readonly string[] => {
  const brokers = (env['KAFKA_BROKERS']?.trim() || '127.0.0.1:9092').split(',').map((b) => b.trim());
  if (brokers.some((b) => !/^[^:\s]+:\d+$/.test(b))) throw new ConfigError('KAFKA_BROKERS', `"${env['KAFKA_BROKERS']}" must be host:port[,host:port...]`);
  return brokers;
};
