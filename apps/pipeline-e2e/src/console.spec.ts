import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createConnectClient } from '@eap/connect-io';
import { findRepoRoot } from '@eap/stack';
import { createTestPipeline, describeOnStack, startApp, type AppProcess } from '@eap/testing';
import { summaryKey } from '@eap/windowing';
import { openBrowser, type BrowserSession } from './browser-session.js';

const portOf = (started: Record<string, unknown>) => new URL(String(started['health'])).port;

/** A port nothing listens on: the page must show an app there as down. */
const closedPort = async (): Promise<string> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return String(port);
};

describeOnStack('pipeline console in Chromium', (stack) => {
  it('shows a row inserted with SQL arriving, its summary changing, a stopped connector and its restart from the button, and runs verify', async () => {
    const id = randomBytes(3).toString('hex');
    const p = await createTestPipeline(stack, 'console');
    const connect = createConnectClient({ baseUrl: stack.connection.connectUrl });
    const apps: AppProcess[] = [];
    let browser: BrowserSession | undefined;
    try {
      const processor = startApp('enrichment-processor', { ...p.env, PROCESSOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
      const aggregator = startApp('summary-aggregator', { ...p.env, AGGREGATOR_HEALTH_PORT: '0', LOG_LEVEL: 'info' });
      apps.push(processor, aggregator);
      const [processorPort, aggregatorPort] = (
        await Promise.all([processor.waitForEvent('processor.started'), aggregator.waitForEvent('aggregator.started')])
      ).map(portOf);
      const consoleApp = startApp('console', {
        ...p.env,
        CONSOLE_PORT: '0',
        CONSOLE_REFRESH_MS: '1000',
        PROCESSOR_HEALTH_PORT: processorPort!,
        AGGREGATOR_HEALTH_PORT: aggregatorPort!,
        SIMULATOR_HEALTH_PORT: await closedPort(), // no simulator in this test: the page must show it down
        LOG_LEVEL: 'info',
      });
      apps.push(consoleApp);
      const url = String((await consoleApp.waitForEvent('console.started'))['url']);

      browser = await openBrowser(join(findRepoRoot(), '.stack', 'screenshots'));
      const { page } = browser;
      await page.goto(url);
      await browser.waitForText('#live', 'live · updated');
      await browser.waitForText('[data-testid=connector-state]', 'RUNNING');
      await browser.waitForText('#stack [data-component="enrichment-processor"]', /enrichment-processor\s*up/);
      await browser.waitForText('#stack [data-component="activity-simulator"]', /activity-simulator\s*down.*not running \(connection refused\)/);

      // A row inserted with SQL arrives among the latest enriched events, enriched with its employee.
      const at = new Date().toISOString().replace('Z', '');
      const windowStart = Date.UTC(Number(at.slice(0, 4)), Number(at.slice(5, 7)) - 1, Number(at.slice(8, 10)), Number(at.slice(11, 13))) * 1000;
      const row = (tag: string, activity_type = 'page_view') => ({
        employee_id: 7,
        activity_type,
        page_url: `/console-e2e/${id}/${tag}`,
        duration_seconds: 30,
        activity_timestamp: at,
      });
      await p.db.insertInto('employee_activities').values(row('first')).execute();
      await browser.waitForText('#events', `/console-e2e/${id}/first`);
      const employee7 = await p.db.selectFrom('employees').select(['name', 'department']).where('id', '=', 7).executeTakeFirstOrThrow();
      await browser.waitForText('#events tr.fresh', employee7.name);

      // Its hour's summary, filtered as a person would, counts it; a second row changes it.
      await page.getByTestId('filter-employee').fill('7');
      await page.getByTestId('filter-type').fill('page_view');
      await page.getByRole('button', { name: 'Filter' }).click();
      const countCell = `#summaries [data-key="${summaryKey(7, 'page_view', windowStart)}"] [data-field="count"]`;
      await browser.waitForText(countCell, /^1$/);
      await browser.waitForText('#summaries', 'showing employee 7, type page_view');
      await browser.screenshot('console-row-arrived');
      await p.db.insertInto('employee_activities').values(row('second')).execute();
      await browser.waitForText(countCell, /^2$/);
      await browser.waitForText('#latency', /commit → enriched\s*p50 [\d.]+ m?s\s*p99 [\d.]+ m?s/);
      await browser.waitForText('#groups', 'Stable');

      // The connector stopped behind the console's back: the page says so and offers the fix.
      await connect.stop(p.names.connector);
      await browser.waitForText('[data-testid=connector-state]', 'STOPPED');
      await browser.waitForText('[data-testid=connector-fix]', 'Resume connector');
      // The alerts banner says it too, with doctor's fix.
      await browser.waitForText(
        '#alerts [data-check=connector]',
        new RegExp(`✗ connector connector ${p.names.connector} is STOPPED: no changes are captured\\s*fix: npm run pipeline -- doctor --fix`),
      );
      await browser.waitForText('#groups [data-testid=lag-seconds]', /^\d+(\.\d)? s$/);
      // The same, for Prometheus: the console's /metrics (there while an app is down, unlike the app's own).
      const metrics = await (await fetch(`${url.replace(/\/$/, '')}/metrics`)).text();
      expect(metrics).toMatch(/pipeline_group_lag_seconds\{group="[^"]+",app="enrichment-processor",topic="[^"]+",partition="0"\} [\d.]+/);
      expect(metrics).toMatch(/pipeline_capture_lag_bytes\{slot="[^"]+"\} \d+/);
      expect(metrics).toMatch(/pipeline_alerts\{check="connector",severity="fail"\} 1/);
      await browser.screenshot('console-connector-stopped');
      await page.getByTestId('connector-fix').click();
      await browser.waitForText('[data-testid=connector-state]', 'RUNNING');
      expect((await connect.status(p.names.connector))?.connector.state).toBe('RUNNING');
      await page.waitForFunction("!document.querySelector('#alerts [data-check=connector]')", undefined, { timeout: 30_000 });
      await p.db.insertInto('employee_activities').values(row('after-resume', 'login')).execute();
      await browser.waitForText('#events', `/console-e2e/${id}/after-resume`, 60_000);

      // verify from the page, once the aggregator has the last row.
      await page.getByTestId('filter-type').fill('login');
      await page.getByRole('button', { name: 'Filter' }).click();
      await browser.waitForText(`#summaries [data-key="${summaryKey(7, 'login', windowStart)}"] [data-field="count"]`, /^1$/);
      await page.getByTestId('run-verify').click();
      await browser.waitForText('[data-testid=verify-result]', '✓ the summaries equal the SQL GROUP BY', 120_000);
      await browser.waitForText('#verify', /2 matched, 0 mismatched, 0 missing, 0 extra/);
      // A click on a summary row explains it: the changes behind it add up to it and to SQL's rows.
      await page.locator(`#summaries tr[data-key="${summaryKey(7, 'login', windowStart)}"]`).click();
      await browser.waitForText('[data-testid=explain-verdict]', /Adds up to count 1, sum \d+: ✓ the value shown;\s*rows left \d+, ✓ the same rows as SQL/);
      await browser.waitForText('#explain', /\+I\s*c/);
      await browser.screenshot('console-verified');

      // A row with no employee is dead-lettered; its reason gets a dry run and a redrive button.
      await p.db
        .insertInto('employee_activities')
        .values({ employee_id: null, activity_type: 'login', activity_timestamp: new Date().toISOString().replace('Z', '') })
        .execute();
      await browser.waitForText('#dlq', /missing_employee\s*1/, 60_000);
      await page.getByTestId('dlq-dry-run-missing_employee').click();
      await browser.waitForText('[data-testid=dlq-redrive-report]', /dry run: nothing is written[\s\S]*would fail again: missing_employee/);

      // A component going down is shown down; the page keeps going.
      await processor.kill('SIGTERM');
      await browser.waitForText('#stack [data-component="enrichment-processor"]', /enrichment-processor\s*down/);
      await browser.waitForText('#latency', 'enrichment-processor is not answering');
      const health = await fetch(new URL('/healthz', url));
      expect(health.status).toBe(200);
    } finally {
      await browser?.close();
      for (const a of apps.reverse()) await a.kill();
      await p.dispose();
    }
  }, 400_000);
});
