// Prints how npm start runs an app: `node apps/<app>/dist/main.js` when its production build (npm run
// build) is complete and current: every TypeScript source of the app and of the libs it references
// (tsconfig references, transitively) has its compiled .js, no older than itself. Otherwise from the
// sources through tsx. Usage: node tools/scripts/app-entry.mjs <app>
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..', '..');
const app = process.argv[2];
const fromSources = `bash tools/scripts/run-ts.sh apps/${app}/src/main.ts`;

const projects = new Set();
const visit = (tsconfig) => {
  const dir = dirname(tsconfig);
  if (projects.has(dir)) return;
  projects.add(dir);
  const json = JSON.parse(readFileSync(tsconfig, 'utf8'));
  for (const ref of json.references ?? []) visit(resolve(dir, ref.path));
};
const sources = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    // what the builds compile: the libs' tsconfig.lib.json leave out specs, tests and test doubles (fake-*.ts)
    e.isDirectory() ? sources(join(dir, e.name)) : /\.ts$/.test(e.name) && !/\.(spec|test)\.ts$|\.d\.ts$|^fake-/.test(e.name) ? [join(dir, e.name)] : [],
  );
const current = () => {
  visit(join(root, 'apps', app, 'tsconfig.app.json'));
  for (const dir of projects) {
    for (const source of sources(join(dir, 'src'))) {
      const compiled = join(dir, 'dist', relative(join(dir, 'src'), source)).replace(/\.ts$/, '.js');
      if (!existsSync(compiled) || statSync(compiled).mtimeMs < statSync(source).mtimeMs) return false;
    }
  }
  return true;
};
console.log(current() ? `node apps/${app}/dist/main.js` : fromSources);
