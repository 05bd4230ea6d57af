/**
 * The Kafka clientId of an app instance in a consumer group: `<app>/<instanceId>@<healthHost>:<healthPort>`,
 * e.g. `summary-aggregator/agg-2@127.0.0.1:41873`. `pipeline status` and the console read it back from
 * the group's members to name each instance and reach its health server.
 */
export interface MemberClientId {
  readonly app: string;
  /** Letters, digits, `.`, `_`, `-`. */
  readonly instanceId: string;
  /** As the instance binds its health server: a host name, an IPv4 or an IPv6 address (no brackets). */
  readonly healthHost: string;
  readonly healthPort: number;
}

const APP = /^[a-z0-9][a-z0-9-]*$/;
const INSTANCE_ID = /^[A-Za-z0-9._-]+$/;
const HOST = /^[A-Za-z0-9.:-]+$/;
const SHAPE = /^([^/@]+)\/([^/@]+)@(.+):(\d{1,5})$/;

/** The clientId an instance joins its group with. */
export const memberClientId = ({ app, instanceId, healthHost, healthPort }: MemberClientId): string => `${app}/${instanceId}@${healthHost}:${healthPort}`;

/** The parts of a clientId made by `memberClientId`; null for any other clientId (an older or foreign member). */
export const parseMemberClientId = (clientId: string): MemberClientId | null => {
  const m = SHAPE.exec(clientId);
  if (!m) return null;
  const [, app = '', instanceId = '', rawHost = '', port = ''] = m;
  const healthHost = rawHost.startsWith('[') && rawHost.endsWith(']') ? rawHost.slice(1, -1) : rawHost;
  const healthPort = Number(port);
  if (!APP.test(app) || !INSTANCE_ID.test(instanceId) || !HOST.test(healthHost) || healthPort < 1 || healthPort > 65535) return null;
  return { app, instanceId, healthHost, healthPort };
};

/** `http://host:port` of an instance's health server, brackets around an IPv6 address. */
export const healthServerUrl = (host: string, port: number): string => `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
