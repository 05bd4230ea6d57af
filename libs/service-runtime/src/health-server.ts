import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

export interface HealthReport {
  readonly ok: boolean;
  readonly detail: Readonly<Record<string, unknown>>;
}

/**
 * `/healthz` (liveness: 200 while `healthy()` says so, else 503 with the reason), `/readyz` (readiness:
 * 200 once `ready()` says the app does its work, for example has its partitions; 503 with the reason
 * before) and Prometheus `/metrics`, on loopback by default.
 */
export const startHealthServer = async ({
  port,
  host = '127.0.0.1',
  registry,
  healthy,
  ready = healthy,
}: {
  port: number;
  host?: string;
  registry: Registry;
  healthy: () => HealthReport;
  ready?: () => HealthReport;
}): Promise<HealthServer> => {
  const answer = (res: ServerResponse, report: HealthReport, okWord: string, notWord: string) =>
    res
      .writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' })
      .end(JSON.stringify({ status: report.ok ? okWord : notWord, uptimeSeconds: Math.round(process.uptime()), ...report.detail }));
  const server: Server = createServer((req, res) => {
    if (req.url === '/healthz') {
      answer(res, healthy(), 'ok', 'unhealthy');
    } else if (req.url === '/readyz') {
      answer(res, ready(), 'ready', 'not_ready');
    } else if (req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    } else {
      res.writeHead(404).end('not found: try /healthz, /readyz or /metrics\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as { port: number }).port,
    close: () => new Promise((r) => server.close(() => r())),
  };
};
