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

/** `SCHEMA_REGISTRY_URL`: the registry's Confluent-compatible API, default the embedded stack's. */
export const registryUrlFromEnv = (env: Env): string => {
  const url = env['SCHEMA_REGISTRY_URL']?.trim() || 'http://127.0.0.1:8081/apis/ccompat/v7';
  if (!/^https?:\/\/\S+$/.test(url)) throw new ConfigError('SCHEMA_REGISTRY_URL', `"${url}" must be an http(s) URL`);
  return url;
};

export type LogLevelSetting = 'debug' | 'info' | 'warn' | 'error';

/** `LOG_LEVEL`: debug, info (default), warn or error. */
export const logLevelFromEnv = (env: Env): LogLevelSetting => {
  const level = env['LOG_LEVEL']?.trim() || 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new ConfigError('LOG_LEVEL', `"${level}" must be debug, info, warn or error`);
  return level as LogLevelSetting;
};

/** `CONNECT_URL`: Kafka Connect's REST API, default the embedded stack's. */
export const connectUrlFromEnv = (env: Env): string => {
  const url = env['CONNECT_URL']?.trim() || 'http://127.0.0.1:8083';
  if (!/^https?:\/\/[^/]+$/.test(url)) throw new ConfigError('CONNECT_URL', `"${url}" must be http(s)://host:port with no path`);
  return url;
};

/** `<APP>_HEALTH_HOST`: the address the health and metrics server binds, loopback unless set (0.0.0.0 for every interface). */
export const healthHostSetting = (env: Env, name: string): string => {
  const host = env[name]?.trim() || '127.0.0.1';
  if (!/^[a-zA-Z0-9.:-]+$/.test(host)) throw new ConfigError(name, `"${host}" must be a host name or an IP address such as 127.0.0.1 or 0.0.0.0`);
  return host;
};
