import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { StackError } from './stack-error.js';
import type { StackPaths } from './stack-paths.js';
import type { StackSettings } from './stack-settings.js';

interface Artifact {
  readonly profile: 'kafka' | 'debezium' | 'apicurio' | 'apicurio-converter';
  readonly setting: 'STACK_KAFKA_VERSION' | 'STACK_DEBEZIUM_VERSION' | 'STACK_APICURIO_VERSION' | 'STACK_APICURIO_CONVERTER_VERSION';
  readonly version: string;
  readonly dir: string;
  /** The folder Maven fills; empty means the fetch did not happen. */
  readonly content: string;
  /** A file a fetch makes that earlier fetches did not: without it, the artifact is fetched again. */
  readonly required?: string;
}

const MARKER = '.fetched';
/** Our jar in the converter's plugin folder: its services entry and the caching schema resolver (tools/stack/maven). */
const CONNECT_EXTENSIONS_JAR = 'eap-connect-extensions-services.jar';
const ANSI_COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Fetches the pinned server artifacts through Maven (checksums verified) into the cache, once.
 * Prints one progress line per artifact; a version Maven Central does not have names its setting.
 */
export const ensureArtifacts = async (s: StackSettings, p: StackPaths, log: (line: string) => void): Promise<void> => {
  const artifacts: Artifact[] = [
    { profile: 'kafka', setting: 'STACK_KAFKA_VERSION', version: s.versions.kafka, dir: dirname(p.kafkaLibs), content: p.kafkaLibs },
    { profile: 'debezium', setting: 'STACK_DEBEZIUM_VERSION', version: s.versions.debezium, dir: dirname(p.debeziumPlugins), content: p.debeziumPlugins },
    { profile: 'apicurio', setting: 'STACK_APICURIO_VERSION', version: s.versions.apicurio, dir: p.apicurioDir, content: p.apicurioDir },
    {
      profile: 'apicurio-converter',
      setting: 'STACK_APICURIO_CONVERTER_VERSION',
      version: s.versions.apicurioConverter,
      dir: dirname(p.converterPlugins),
      content: p.converterPlugins,
      required: join(p.converterPlugins, 'apicurio-converter', CONNECT_EXTENSIONS_JAR),
    },
  ];
  for (const a of artifacts.filter((x) => !existsSync(join(x.dir, MARKER)) || (x.required !== undefined && !existsSync(x.required)))) {
    const started = Date.now();
    log(`fetching ${a.profile} ${a.version} from Maven Central into ${a.dir} ...`);
    // A fetch that never finished may have left part of the folder; an older complete one is kept (Maven adds to it).
    if (!existsSync(join(a.dir, MARKER))) rmSync(a.content, { recursive: true, force: true });
    mkdirSync(a.dir, { recursive: true });
    const output = await runMaven([
      '-B',
      '-q',
      '-f',
      join(s.repoRoot, 'tools', 'stack', 'maven', 'pom.xml'),
      `-P${a.profile}`,
      'package',
      `-Dstack.cache=${s.cacheDir}`,
      `-Dkafka.version=${s.versions.kafka}`,
      `-Dlog4j.version=${s.versions.log4j}`,
      `-Ddebezium.version=${s.versions.debezium}`,
      `-Dapicurio.version=${s.versions.apicurio}`,
      `-Dapicurio.converter.version=${s.versions.apicurioConverter}`,
    ]);
    if (output.code !== 0 && /No compiler is provided in this environment/.test(output.text)) {
      throw new StackError(
        'stack',
        `fetching ${a.profile} ${a.version}: Maven compiles the stack's Connect extension and found no Java compiler (a runtime without a JDK); install one (Debian: apt-get install openjdk-17-jdk-headless) or set JAVA_HOME to a JDK`,
      );
    }
    if (output.code !== 0) {
      const missing = /(Could not find artifact|not found in|Failed to read artifact descriptor)[^\n]*/.exec(output.text)?.[0];
      throw new StackError(
        'stack',
        missing
          ? `${a.setting}=${a.version}: Maven Central has no such ${a.profile} artifact (${missing.trim()})`
          : `fetching ${a.profile} ${a.version} with Maven failed (exit ${output.code}); is Maven Central reachable?`,
        {
          logTail: output.text
            .split('\n')
            .filter((l) => l.includes('ERROR'))
            .slice(0, 8)
            .join('\n'),
        },
      );
    }
    if (!existsSync(a.content) || readdirSync(a.content).length === 0) {
      throw new StackError('stack', `${a.setting}=${a.version}: Maven reported success but ${a.content} is empty`);
    }
    writeFileSync(join(a.dir, MARKER), `${new Date().toISOString()}\n`);
    log(`fetched ${a.profile} ${a.version} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
};

const runMaven = (args: readonly string[]): Promise<{ code: number; text: string }> =>
  new Promise((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MAVEN_OPTS: process.env['MAVEN_OPTS'] ?? '-Xmx512m' } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'ENOENT'
          ? new StackError('stack', 'Maven (mvn) is not installed; `npm start` and `npm test` install it with apt-get, or run: apt-get install maven')
          : e,
      ),
    );
    child.on('close', (code) => resolve({ code: code ?? 1, text: text.replace(ANSI_COLOURS, '') }));
  });
