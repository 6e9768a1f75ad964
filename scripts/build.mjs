// npm run build: compiles src/ to dist/ with tsc (source maps beside the JavaScript) and
// copies the files the service reads beside its code at run time (the local Neo4j's
// Maven project and launcher, the report pages' assets). dist/ is made anew each time,
// so nothing of an earlier build lingers. Everything else it reads (schema/, seed/,
// queries/, package.json) is found from the project folder, as from src/.
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';

const RUNTIME_FILES = /\.(java|xml|css|js|svg)$/;

rmSync('dist', { recursive: true, force: true });
const tsc = spawnSync('node_modules/.bin/tsc', ['-p', 'tsconfig.build.json'], { stdio: 'inherit' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);
cpSync('src', 'dist', {
  recursive: true,
  filter: (source) => !/\.[a-z]+$/.test(source) || RUNTIME_FILES.test(source),
});
console.log('build: dist/ written (node dist/main.js; commands as node dist/cli/<name>.js)');
