/**
 * The integrator example, end to end:
 *   AIMS_GRAPH_API_KEY=aimsg_... npx tsx examples/integrator/main.ts [--url http://127.0.0.1:4000/graphql] [--cursor-file .aims-cursor] [--dry-run]
 * pushes the GRC export in sample/ (systems, controls, evidence and their links) as one
 * batch, then pulls the change feed from the stored cursor and stores the new cursor.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AimsGraphClient, AimsGraphError } from './client.js';
import { batchFromGrcExport } from './grc-export.js';

const here = path.dirname(fileURLToPath(import.meta.url));

export async function syncOnce(options: {
  url: string;
  credential: string;
  cursorFile: string;
  dryRun?: boolean;
  log?: (line: string) => void;
}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const client = new AimsGraphClient(options.url, { credential: options.credential, onBehalfOf: 'example-grc-sync' });
  const read = (name: string) => readFile(path.join(here, 'sample', name), 'utf8');
  const batch = batchFromGrcExport('example-grc', {
    systems: await read('systems.csv'),
    controls: await read('controls.csv'),
    evidence: await read('evidence.csv'),
  });
  const pushed = await client.push(batch, options.dryRun === true);
  const s = pushed.summary;
  log(
    `pushed ${batch.entities?.length ?? 0} records and ${batch.links?.length ?? 0} links${pushed.dryRun ? ' (dry run)' : ''}: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deleted} deleted`,
  );

  const cursor = existsSync(options.cursorFile) ? (await readFile(options.cursorFile, 'utf8')).trim() || null : null;
  let pulled = 0;
  const next = await client.pullChanges(cursor, (change) => {
    pulled += 1;
    const who = change.onBehalfOf === null ? change.actor : `${change.actor} for ${change.onBehalfOf}`;
    log(
      `#${change.sequence} ${change.at} ${who} ${change.operation} ${change.entityType} ${change.entityId}${change.link ? ` -[${change.link.kind}]-> ${change.link.to}` : ''}`,
    );
  });
  if (next !== null) await writeFile(options.cursorFile, next);
  log(`pulled ${pulled} changes; cursor stored in ${options.cursorFile}`);
  return { summary: s, pulled, cursor: next };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const arg = (name: string, fallback: string) => {
    const at = process.argv.indexOf(name);
    return at < 0 ? fallback : (process.argv[at + 1] ?? fallback);
  };
  const credential = process.env.AIMS_GRAPH_API_KEY;
  if (credential === undefined || credential === '') {
    console.error(
      'Set AIMS_GRAPH_API_KEY to an API key with the INTEGRATOR role (npm run apikey -- create --role INTEGRATOR --name example-grc-sync)',
    );
    process.exit(2);
  }
  syncOnce({
    url: arg('--url', 'http://127.0.0.1:4000/graphql'),
    credential,
    cursorFile: arg('--cursor-file', '.aims-cursor'),
    dryRun: process.argv.includes('--dry-run'),
  }).catch((err: unknown) => {
    console.error(err instanceof AimsGraphError ? `${err.code}: ${err.message}` : err);
    process.exitCode = 1;
  });
}
