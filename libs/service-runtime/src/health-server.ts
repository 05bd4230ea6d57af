import { createServer, type Server } from 'node:http';
import type { Registry } from 'prom-client';

export interface HealthServer {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * `/healthz` (200 while `healthy()` says so, else 503 with the reason) and Prometheus `/metrics`, on
 * loopback by default.
 */
export const startHealthServer = async ({
  port,
  host = '127.0.0.1',
  registry,
  healthy,
}: {
  port: number;
  host?: string;
  registry: Registry;
  healthy: () => { ok: boolean; detail: Readonly<Record<string, unknown>> };
}): Promise<HealthServer> => {
  const server: Server = createServer((req, res) => {
    if (req.url === '/healthz') {
      const h = healthy();
      res
        .writeHead(h.ok ? 200 : 503, { 'content-type': 'application/json' })
        .end(JSON.stringify({ status: h.ok ? 'ok' : 'unhealthy', uptimeSeconds: Math.round(process.uptime()), ...h.detail }));
    } else if (req.url === '/metrics') {
      registry.metrics().then(
        (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (e: Error) => res.writeHead(500).end(e.message),
      );
    } else {
      res.writeHead(404).end('not found: try /healthz or /metrics\n');
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
