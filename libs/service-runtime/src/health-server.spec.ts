import { Counter, Registry } from 'prom-client';
import { startHealthServer } from './health-server.js';

describe('startHealthServer', () => {
  it('serves /healthz and Prometheus /metrics on loopback', async () => {
    const registry = new Registry();
    const counter = new Counter({ name: 'records_in_total', help: 'records read', registers: [registry] });
    counter.inc(3);
    let ok = true;
    const server = await startHealthServer({ port: 0, registry, healthy: () => ({ ok, detail: { lag: 0 } }) });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      ok = false;
      const unhealthy = await fetch(`${base}/healthz`);
      expect(unhealthy.status).toBe(503);
      expect(await unhealthy.json()).toEqual({ status: 'unhealthy', uptimeSeconds: expect.any(Number), lag: 0 });
      expect(await (await fetch(`${base}/metrics`)).text()).toContain('records_in_total 3');
      expect((await fetch(`${base}/nope`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});

describe('/readyz', () => {
  it('says ready only once ready() does, while /healthz stays live', async () => {
    let partitions: number | null = null;
    const server = await startHealthServer({
      port: 0,
      registry: new Registry(),
      healthy: () => ({ ok: true, detail: {} }),
      ready: () => ({ ok: partitions !== null, detail: partitions === null ? { reason: 'joining the consumer group' } : { partitions } }),
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const before = await fetch(`${base}/readyz`);
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({ status: 'not_ready', reason: 'joining the consumer group' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      partitions = 2;
      const after = await fetch(`${base}/readyz`);
      expect(after.status).toBe(200);
      expect(await after.json()).toMatchObject({ status: 'ready', partitions: 2 });
    } finally {
      await server.close();
    }
  });
});
