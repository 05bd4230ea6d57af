import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { StackError } from './stack-error.js';

export interface JavaRuntime {
  readonly bin: string;
  readonly major: number;
}

/** STACK_JAVA_HOME, then JAVA_HOME, then `java` on PATH; needs Java 17 or later. */
export const findJava = (javaHome: string | undefined, env: NodeJS.ProcessEnv = process.env): JavaRuntime => {
  const home = javaHome ?? env['JAVA_HOME'];
  const bin = home && existsSync(join(home, 'bin', 'java')) ? join(home, 'bin', 'java') : 'java';
  const result = spawnSync(bin, ['-version'], { encoding: 'utf8' });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') {
    throw new StackError(
      'stack',
      `no Java runtime found (looked at ${home ? `${home}/bin/java and ` : ''}java on PATH); install a Java 17+ JDK (Debian: apt-get install openjdk-17-jdk-headless) or set STACK_JAVA_HOME`,
    );
  }
  const out = `${result.stderr ?? ''}${result.stdout ?? ''}`;
  const m = /version "(\d+)(?:\.(\d+))?/.exec(out);
  const major = m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
  if (major < 17) throw new StackError('stack', `Java 17 or later is needed, found ${major || 'an unknown version'} at ${bin}; set STACK_JAVA_HOME`);
  return { bin, major };
};
