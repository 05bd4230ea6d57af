import { ConfigError } from '@eap/pipeline-config';
import { acceptCommandLine, createJsonLogger, exitOnStartupError, onShutdownSignals } from '@eap/service-runtime';
import { consoleConfigFromEnv } from './console-config.js';
import { consoleProgram } from './console-program.js';
import { startConsoleFeeds } from './console-feeds.js';
import { createConsoleServer } from './console-server.js';
import { createConsoleStore } from './console-state.js';

const main = async () => {
  acceptCommandLine(process.argv.slice(2), consoleProgram);
  const config = consoleConfigFromEnv(process.env);
  const log = createJsonLogger({ level: config.logLevel, bindings: { app: 'console' } });
  const store = createConsoleStore(config);
  const feeds = startConsoleFeeds({ config, store, log: (level, event, detail) => log.log(level, event, detail) });
  const server = createConsoleServer({ store, feeds, pipeline: config.ops.names.topicPrefix, publicDir: new URL('../public/', import.meta.url) });
  await server.listen({ host: config.host, port: config.port }).catch(async (e: Error & { code?: string }) => {
    await feeds.stop();
    throw e.code === 'EADDRINUSE'
      ? new ConfigError('CONSOLE_PORT', `port ${config.port} on ${config.host} is taken by another process: set CONSOLE_PORT to a free one`)
      : e;
  });
  const address = server.server.address();
  const url = `http://${config.host}:${typeof address === 'object' && address ? address.port : config.port}/`;
  log.log('info', 'console.started', { url, pipeline: config.ops.names.topicPrefix });
  process.stderr.write(`console: ${url}\n`);
  onShutdownSignals(async () => {
    await server.close();
    await feeds.stop();
  });
};

main().catch(exitOnStartupError('console'));
