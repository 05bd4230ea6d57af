import { createRatePacer, createTrafficPlanner, formatTrafficMix, runTraffic } from '@eap/activity-traffic';
import { createStreamingDb, employeeIds, pgConnectionFromEnv, writeTrafficBatch } from '@eap/pg-io';
import { ConfigError } from '@eap/pipeline-config';
import { acceptCommandLine, exitOnStartupError, startHealthServer } from '@eap/service-runtime';
import { createProgressReporter } from './progress-reporter.js';
import { simulatorConfigFrom, simulatorProgram } from './simulator-config.js';
import { createSimulatorMetrics } from './simulator-metrics.js';

const main = async () => {
  acceptCommandLine(process.argv.slice(2), simulatorProgram);
  const config = simulatorConfigFrom(process.argv.slice(2), process.env);
  const db = createStreamingDb(pgConnectionFromEnv(process.env, { database: config.database }), { applicationName: 'activity-simulator', max: 1 });
  const employees = await employeeIds(db).catch((e: Error & { code?: string }) => {
    if (e.code === '42P01')
      throw new ConfigError('PIPELINE_DATABASE', `${config.database} has no employees table yet: npm start (or the connector-registrar) migrates it`);
    throw e;
  });
  if (employees.length === 0) throw new ConfigError('PIPELINE_DATABASE', `${config.database} has no employees to simulate`);
  const metrics = createSimulatorMetrics(config.rowsPerSecond);
  const health = await startHealthServer({
    port: config.healthPort,
    host: config.healthHost,
    registry: metrics.registry,
    healthy: () => ({ ok: true, detail: { rowsPerSecond: config.rowsPerSecond } }),
  });

  let stopping = false;
  const deadline = config.durationSeconds === null ? Infinity : performance.now() + config.durationSeconds * 1000;
  process.on('SIGINT', () => (stopping ? process.exit(130) : (stopping = true)));
  process.on('SIGTERM', () => (stopping = true));

  const limits = [
    config.rows === null ? '' : `${config.rows.toLocaleString('en-US')} rows`,
    config.durationSeconds === null ? '' : `${config.durationSeconds} s`,
  ]
    .filter(Boolean)
    .join(' or ');
  process.stdout.write(
    `activity-simulator: ${config.rowsPerSecond.toLocaleString('en-US')} rows/s into ${config.database} (${employees.length} employees), seed ${config.seed}, ` +
      `mix ${formatTrafficMix(config.mix)}, back-dated ${config.backdateShare * 100} %, up to ${config.maxBatch} rows per transaction; ` +
      `${limits ? `stops after ${limits}` : 'runs until Ctrl-C'}; metrics http://${config.healthHost}:${health.port}/metrics\n`,
  );
  const progress = createProgressReporter({ targetRate: config.rowsPerSecond, everySeconds: config.progressSeconds });
  const result = await runTraffic({
    planner: createTrafficPlanner({ seed: config.seed, mix: config.mix, employeeIds: employees, backdateShare: config.backdateShare }),
    pacer: createRatePacer({ rowsPerSecond: config.rowsPerSecond }),
    write: (ops) => writeTrafficBatch(db, ops),
    maxBatch: config.maxBatch,
    rows: config.rows,
    shouldStop: () => stopping || performance.now() >= deadline,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    onTransaction: (totals, error) => {
      progress.update(totals, error);
      metrics.observe(totals);
    },
  });
  progress.finish(
    result.reason === 'rows'
      ? `done: ${config.rows} rows written`
      : stopping
        ? 'stopped after the current transaction'
        : `done: ran ${config.durationSeconds} s`,
  );
  await health.close();
  await db.destroy();
};

main().catch(exitOnStartupError('activity-simulator'));
