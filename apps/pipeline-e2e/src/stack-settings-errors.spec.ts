import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findRepoRoot } from '@eap/stack';
import { describeOnStack } from '@eap/testing';
import { runStackCli } from './stack-cli.js';

describeOnStack(
  'npm run stack -- up with bad settings',
  () => {
    let scratch: string;
    beforeAll(() => {
      scratch = mkdtempSync(join(tmpdir(), 'stack-settings-'));
    });
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));

    it.each([
      ['STACK_KAFKA_PORT', 'abc'],
      ['STACK_CONNECT_PORT', '80'],
      ['STACK_REGISTRY_PORT', '9092'],
      ['STACK_KAFKA_VERSION', '4.1'],
      ['STACK_APICURIO_VERSION', 'latest'],
    ])('fails at start naming %s=%s', (setting, value) => {
      const r = runStackCli(['up'], { [setting]: value, STACK_DIR: scratch });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(`bad setting ${setting}`);
      expect(r.stderr).not.toMatch(/\n\s+at /); // one clear line, no stack trace
    });

    it('names the version setting when Maven Central has no such artifact', () => {
      const r = runStackCli(['up'], {
        STACK_DIR: scratch,
        STACK_CACHE_DIR: join(findRepoRoot(), '.stack', 'cache'),
        STACK_DEBEZIUM_VERSION: '3.4.99.Final',
      });
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('STACK_DEBEZIUM_VERSION=3.4.99.Final: Maven Central has no such debezium artifact');
    });

    describe('with a port held by a foreign process', () => {
      let server: Server;
      let port: number;
      beforeAll(async () => {
        server = createServer();
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        port = (server.address() as { port: number }).port;
      });
      afterAll(() => new Promise<void>((r) => server.close(() => r())));

      it('reports the port, its setting and the holder, and starts nothing there', () => {
        const r = runStackCli(['up'], { STACK_DIR: scratch, STACK_CACHE_DIR: join(findRepoRoot(), '.stack', 'cache'), STACK_POSTGRES_PORT: String(port) });
        expect(r.code).toBe(1);
        expect(r.output).toContain(`port ${port} (STACK_POSTGRES_PORT) is held by a foreign process: pid ${process.pid}`);
        expect(r.stdout).toMatch(/postgres\s+failed/);
      });
    });
  },
  { only: 'embedded' },
);
