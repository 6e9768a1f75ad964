/**
 * npm run import -- <file> [--dry-run]
 *   A controls or evidence CSV (columns in the README, "Integrating"), or a sync batch as
 *   JSON ({ "source", "entities", "links" }, as the `sync` mutation takes it). Applied as
 *   one batch, all or nothing.
 * npm run export -- controls|evidence <file> --source <system>
 * npm run export -- changes <file>
 *   Controls or evidence as that source's CSV; or the whole change log as JSON lines.
 * Both work on the configured Neo4j (the local one by default, started if needed).
 */
import { readFile, writeFile, appendFile } from 'node:fs/promises';
import { loadConfig } from '../config.js';
import type { SyncBatchInput } from '../generated/resolvers.js';
import { detectCsvKind } from '../ingest/grc-csv.js';
import { lastChangeSeq, readChanges } from '../services/changes.js';
import { exportGrcCsv, importGrcCsv, sync } from '../services/sync.js';
import { cliScope, withGraph } from './graph-session.js';
import { progress } from './progress.js';
import { runCli } from './run-cli.js';

const say = (line: string): void => console.error(line);
const [command, ...args] = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && args[i - 1] === '--source'));

function report(result: Awaited<ReturnType<typeof sync>>): void {
  const s = result.summary;
  say(
    `${result.dryRun ? 'dry run, nothing written: ' : ''}${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged, ${s.deleted} deleted`,
  );
}

await runCli(async () => {
  const config = loadConfig();
  if (command === 'import') {
    const file = positional[0];
    if (!file) {
      say('usage: npm run import -- <file.csv|file.json> [--dry-run]');
      return 2;
    }
    const text = await readFile(file, 'utf8');
    const dryRun = args.includes('--dry-run');
    return withGraph(config, say, async (graph) => {
      const scope = cliScope(config, graph);
      const bar = progress(`import: checking ${file}`, 1);
      if (file.toLowerCase().endsWith('.json')) {
        const batch = JSON.parse(text) as SyncBatchInput;
        bar.done(
          `import: ${batch.entities?.length ?? 0} records and ${batch.links?.length ?? 0} links from ${batch.source}; applying in one transaction`,
        );
        report(await sync(scope, { ...batch, dryRun }));
        return 0;
      }
      const kind = detectCsvKind(text);
      if (kind === null) {
        bar.done();
        say(`import: ${file} has neither the controls nor the evidence columns (see the README, "Integrating")`);
        return 2;
      }
      bar.done(`import: ${file} is a ${kind.toLowerCase()} CSV; applying it in one transaction`);
      report(await importGrcCsv(scope, kind, text, dryRun));
      return 0;
    });
  }
  if (command === 'export') {
    const [what, file] = positional;
    if (!file || !['controls', 'evidence', 'changes'].includes(what ?? '')) {
      say(
        'usage: npm run export -- controls|evidence <file.csv> --source <system>   |   npm run export -- changes <file.jsonl>',
      );
      return 2;
    }
    return withGraph(config, say, async (graph) => {
      if (what === 'changes') {
        await writeFile(file, '');
        const scope = { graph };
        const bar = progress('export: change log', await lastChangeSeq(scope));
        let after = 0;
        for (;;) {
          const rows = await readChanges(scope, after, 1000);
          if (rows.length === 0) break;
          await appendFile(file, `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`);
          bar.tick(rows[rows.length - 1]!.seq - after);
          after = rows[rows.length - 1]!.seq;
        }
        bar.done(`export: change log written to ${file}`);
        return 0;
      }
      const source = flag('--source');
      if (!source) {
        say('export: name the source system whose references the file uses, with --source <system>');
        return 2;
      }
      const csv = await exportGrcCsv(cliScope(config, graph), what === 'controls' ? 'CONTROLS' : 'EVIDENCE', source);
      const bar = progress(`export: ${what} of ${source}`, csv.rows);
      await writeFile(file, csv.content, 'utf8');
      bar.done(
        `export: ${csv.rows} ${what} written to ${file}${csv.omittedLinks > 0 ? ` (${csv.omittedLinks} links left out: their other end has no ${source} reference)` : ''}`,
      );
      return 0;
    });
  }
  say('usage: npm run import -- <file> [--dry-run]   |   npm run export -- <what> <file> [--source <system>]');
  return 2;
});
