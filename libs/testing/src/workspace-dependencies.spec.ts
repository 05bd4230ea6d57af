import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Every package a workspace's runtime code imports is in its own `dependencies`; every declared one is
 * imported; test-only packages are devDependencies (of the workspace or of the root); every root
 * devDependency is used somewhere. `npm ls` cannot say any of this.
 */
const root = join(__dirname, '..', '..', '..');
const readJson = (path: string) =>
  JSON.parse(readFileSync(path, 'utf8')) as { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
const walk = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? ['node_modules', 'dist', 'out-tsc', '.stack', '.git', 'test-output'].includes(e.name)
        ? []
        : walk(join(dir, e.name))
      : [join(dir, e.name)],
  );
const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
const isTestFile = (path: string) => /\.spec\.ts$|jest\.config|eslint\.config|global-(setup|teardown)|test-sequencer/.test(path);
const importsOf = (path: string) =>
  [...readFileSync(path, 'utf8').matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\brequire\s*\(\s*)['"]([^'"./][^'"]*)['"]/g)]
    .map((m) => m[1]!)
    .filter((s) => !s.startsWith('node:') && !builtinModules.includes(s.split('/')[0]!))
    .map(packageOf);

/** Root devDependencies that no file names: each is loaded by a tool from configuration. */
const IMPLICIT: Readonly<Record<string, string>> = {
  'jest-environment-node': "jest's testEnvironment 'node'",
  '@swc/helpers': 'externalHelpers in each .spec.swcrc',
  '@swc/core': '@swc/jest',
  tslib: 'importHelpers in tsconfig.base.json',
};

describe('workspace dependencies', () => {
  const rootPackage = readJson(join(root, 'package.json'));
  const rootDev = new Set(Object.keys(rootPackage.devDependencies ?? {}));
  const workspaces = ['apps', 'libs', 'tools']
    .flatMap((d) => readdirSync(join(root, d)).map((n) => join(root, d, n)))
    .filter((p) => existsSync(join(p, 'package.json')));

  it.each(workspaces.map((w) => [relative(root, w), w]))('%s declares what it imports, and only that', (_name, dir) => {
    const pkg = readJson(join(dir, 'package.json'));
    const deps = new Set(Object.keys(pkg.dependencies ?? {}));
    const dev = new Set(Object.keys(pkg.devDependencies ?? {}));
    const testOnlyWorkspace = pkg.name === '@eap/pipeline-e2e';
    const runtime = new Set<string>();
    const test = new Set<string>();
    for (const file of walk(dir).filter((f) => /\.(ts|cjs|mjs|js)$/.test(f))) {
      for (const p of importsOf(file)) (isTestFile(file) || testOnlyWorkspace ? test : runtime).add(p);
    }
    const problems = [
      ...[...runtime].filter((p) => p !== pkg.name && !deps.has(p)).map((p) => `${p} is imported by runtime code but not in dependencies`),
      ...[...test].filter((p) => !deps.has(p) && !dev.has(p) && !rootDev.has(p)).map((p) => `${p} is imported by tests but declared nowhere`),
      ...[...deps]
        .filter((p) => p !== 'tslib' && !runtime.has(p) && !(testOnlyWorkspace && test.has(p)))
        .map((p) => `${p} is in dependencies but runtime code never imports it`),
      ...[...dev].filter((p) => !test.has(p) && !runtime.has(p)).map((p) => `${p} is in devDependencies but nothing imports it`),
    ];
    expect(problems).toEqual([]);
  });

  it('every root devDependency is used', () => {
    const text = walk(root)
      .filter((f) => /\.(ts|cjs|mjs|js|json|sh)$/.test(f) && !f.endsWith('package-lock.json') && f !== join(root, 'package.json'))
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = [...rootDev].filter((p) => !IMPLICIT[p] && !text.includes(p));
    expect(unused).toEqual([]);
  });
});
