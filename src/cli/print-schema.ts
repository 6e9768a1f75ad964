/**
 * npm run codegen (--write) / npm run codegen:check (--check): keeps the committed
 * printed schema in step with schema/*.graphql, so every schema change is visible in review.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printCanonicalSchema, SCHEMA_SNAPSHOT } from '../schema.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const printed = printCanonicalSchema();
  if (process.argv.includes('--write')) {
    mkdirSync(path.dirname(SCHEMA_SNAPSHOT), { recursive: true });
    writeFileSync(SCHEMA_SNAPSHOT, printed);
    console.error(`schema: wrote ${path.relative(process.cwd(), SCHEMA_SNAPSHOT)}`);
    return 0;
  }
  const committed = existsSync(SCHEMA_SNAPSHOT) ? readFileSync(SCHEMA_SNAPSHOT, 'utf8') : '';
  if (committed !== printed) {
    console.error('schema: schema/*.graphql changed but schema/snapshot/schema.graphql did not; run `npm run codegen`');
    return 1;
  }
  console.error('schema: snapshot is current');
  return 0;
});
