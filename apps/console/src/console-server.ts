import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { toJson } from '@eap/pipeline-ops';
import Fastify, { type FastifyInstance } from 'fastify';
import type { ConsoleFeeds } from './console-feeds.js';
import type { ConsoleStore } from './console-state.js';
import { pipelineMetricsText } from './pipeline-metrics.js';
import { renderSections } from './views/console-sections.js';
import { consolePage } from './views/console-page.js';
import { explainView } from './views/explain-view.js';
import { redriveView } from './views/redrive-view.js';
import { html } from './views/html-template.js';
import { summaryFilterFrom } from './views/summaries-view.js';

const ASSETS: Readonly<Record<string, string>> = { 'console.js': 'text/javascript; charset=utf-8', 'console.css': 'text/css; charset=utf-8' };

/**
 * The page, its live updates (server-sent events: each viewer gets the sections whose HTML changed,
 * at most every `pushMs`), the two actions, the state as JSON, and `/healthz`.
 */
export const createConsoleServer = ({
  store,
  feeds,
  pipeline,
  publicDir,
  pushMs = 1_000,
  maxViewers = 50,
}: {
  store: ConsoleStore;
  feeds: ConsoleFeeds;
  pipeline: string;
  publicDir: URL;
  pushMs?: number;
  maxViewers?: number;
}): FastifyInstance => {
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const assets = new Map(Object.keys(ASSETS).map((name) => [name, readFileSync(new URL(name, publicDir), 'utf8')]));
  const viewers = new Set<ServerResponse>();

  app.get('/', async (req, reply) =>
    reply.type('text/html; charset=utf-8').send(consolePage(store.state, summaryFilterFrom(req.query as Record<string, unknown>), Date.now(), pipeline).text),
  );
  app.get<{ Params: { name: string } }>('/assets/:name', async (req, reply) => {
    const body = assets.get(req.params.name);
    if (body === undefined) return reply.code(404).send({ error: `no asset ${req.params.name}` });
    return reply.type(ASSETS[req.params.name]!).header('cache-control', 'no-cache').send(body);
  });
  app.get('/events', (req, reply) => {
    if (viewers.size >= maxViewers) {
      void reply.code(503).send({ error: `${maxViewers} viewers already; close a tab` });
      return;
    }
    const filter = summaryFilterFrom(req.query as Record<string, unknown>);
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    viewers.add(res);
    const sent = new Map<string, string>();
    const push = () => {
      const now = Date.now();
      for (const [id, html] of Object.entries(renderSections(store.state, filter, now))) {
        if (sent.get(id) === html.text) continue;
        sent.set(id, html.text);
        res.write(`event: section\ndata: ${JSON.stringify({ id, html: html.text })}\n\n`);
      }
      res.write(`event: tick\ndata: ${now}\n\n`);
    };
    push();
    const timer = setInterval(push, pushMs);
    req.raw.on('close', () => {
      clearInterval(timer);
      viewers.delete(res);
    });
  });
  app.post('/api/verify', async (_req, reply) =>
    feeds.runVerify() ? reply.code(202).send({ started: true }) : reply.code(409).send({ error: 'verify is already running' }),
  );
  app.post('/api/connector/fix', async (_req, reply) => {
    const r = await feeds.fixConnector();
    return r.ok ? reply.send(r) : reply.code(409).send(r);
  });
  app.get<{ Querystring: { key?: string } }>('/api/explain', async (req, reply) => {
    const r = await feeds.explain(String(req.query.key ?? ''));
    const body = r.ok ? explainView(r.report) : html`<p class="bad">${r.error}</p>`;
    return reply
      .code(r.ok ? 200 : 400)
      .type('text/html; charset=utf-8')
      .send(body.text);
  });
  app.post<{ Querystring: { reason?: string; dryRun?: string } }>('/api/dlq/redrive', async (req, reply) => {
    const r = await feeds.redrive(String(req.query.reason ?? ''), req.query.dryRun === 'true');
    const body = r.ok ? redriveView(r.result) : html`<p class="bad">${r.error}</p>`;
    return reply
      .code(r.ok ? 200 : 409)
      .type('text/html; charset=utf-8')
      .send(body.text);
  });
  app.get('/api/state', async (_req, reply) => {
    const s = store.state;
    return reply.type('application/json').send(
      toJson({
        snapshot: s.snapshot,
        apps: s.apps,
        latency: s.latency,
        verify: s.verify,
        feeds: Object.fromEntries(s.feeds),
        memberChanges: Object.fromEntries(s.memberChanges),
        events: s.events.length,
        summaries: s.summaries.size,
      }),
    );
  });
  app.get('/metrics', async (_req, reply) => reply.type('text/plain; version=0.0.4; charset=utf-8').send(pipelineMetricsText(store.state)));
  app.get('/favicon.ico', async (_req, reply) => reply.code(204).send());
  app.get('/healthz', async () => ({ status: 'ok', viewers: viewers.size, uptimeSeconds: Math.round(process.uptime()) }));
  app.addHook('onClose', async () => {
    for (const res of viewers) res.end();
  });
  return app;
};
