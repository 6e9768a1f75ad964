/**
 * npm run seed:synthetic -- [--scale S] [--seed N] [--replace] [--force] [--remove] ...
 *   Loads a synthetic organisation (bench/synthetic/plan.ts) into the configured
 *   graph (the local Neo4j by default, started if needed), after the catalogue, which
 *   `npm run seed` loads. `npm run bench` keeps its own store and does not see it.
 */
import os from 'node:os';
import { loadConfig } from '../../src/config.js';
import { migrate } from '../../src/graph/migrations.js';
import { countOrganisation, generateSynthetic, removeSynthetic } from './load.js';
import { withGraph } from '../../src/cli/graph-session.js';
import { progress, type Progress } from '../../src/cli/progress.js';
import { runCli } from '../../src/cli/run-cli.js';
import { parseSyntheticArgs } from './args.js';

const say = (line: string): void => console.error(line);

await runCli(async () => {
  const args = parseSyntheticArgs(process.argv.slice(2));
  const config = loadConfig();
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = (): void => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  return withGraph(config, say, async (graph) => {
    await migrate(graph);
    if (args.remove) {
      const { synthetic } = await countOrganisation(graph);
      const bar = progress('removing', synthetic);
      let shown = 0;
      const removed = await removeSynthetic(graph, {
        batchSize: args.batchSize,
        onProgress: (n) => {
          if (n < synthetic) bar.tick(n - shown);
          shown = n;
        },
      });
      bar.done(`removed ${removed.toLocaleString('en')} synthetic records`);
      return 0;
    }
    let bar: Progress | undefined;
    let shown = 0;
    const counts = await generateSynthetic(graph, {
      scale: args.scale,
      seed: args.seed,
      replace: args.replace,
      force: args.force,
      batchSize: args.batchSize,
      changeLog: args.changeLog,
      onProgress: (written, total) => {
        sample();
        bar ??= progress(`synthetic scale ${args.scale}`, total);
        // The last batch is drawn by done().
        if (written < total) bar.tick(written - shown);
        shown = written;
      },
    });
    bar?.done();
    sample();
    const rows = counts.totalRecords + counts.totalLinks;
    const seconds = counts.loadMs / 1000;
    if (counts.removed > 0) say(`removed ${counts.removed.toLocaleString('en')} synthetic records first`);
    say(
      `records: ${Object.entries(counts.records)
        .map(([t, n]) => `${t} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );
    say(
      `links:   ${Object.entries(counts.links)
        .map(([k, n]) => `${k} ${n.toLocaleString('en')}`)
        .join(', ')}`,
    );
    say(
      `loaded ${counts.totalRecords.toLocaleString('en')} records, ${counts.totalLinks.toLocaleString('en')} links and ` +
        `${counts.changes.toLocaleString('en')} change log entries in ${seconds.toFixed(1)} s (planned in ${(counts.planMs / 1000).toFixed(1)} s) ` +
        `(${Math.round(rows / seconds).toLocaleString('en')} rows/s, batches of ${args.batchSize.toLocaleString('en')}); ` +
        `peak heap ${Math.round(peakHeap / 2 ** 20)} MiB; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    );
    return 0;
  });
});
