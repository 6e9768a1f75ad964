/**
 * npm run report:coverage [-- --as-of YYYY-MM-DD]: the organisation's coverage of each
 * framework as a Markdown table (the one in the README is produced by this command).
 */
import { loadConfig } from '../config.js';
import { FRAMEWORK_IDS } from '../domain/vocabulary.js';
import { countStatuses } from '../coverage/explain.js';
import { assessFramework } from '../services/coverage.js';
import { withGraph } from './graph-session.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const flag = process.argv.indexOf('--as-of');
  const asOf = flag > 0 ? (process.argv[flag + 1] ?? '') : new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) {
    console.error('usage: report:coverage [-- --as-of YYYY-MM-DD]');
    return 2;
  }
  const lines = [
    `Coverage of the whole organisation on ${asOf}:`,
    '',
    '| framework | auditable requirements | covered | covered via crosswalk | partial | gap | not applicable |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  await withGraph(
    config,
    (line) => console.error(line),
    async (graph) => {
      for (const [index, framework] of FRAMEWORK_IDS.entries()) {
        console.error(`coverage: [${index + 1}/${FRAMEWORK_IDS.length}] ${framework}`);
        const { results } = await assessFramework({ graph }, framework, null, asOf, 2);
        const c = countStatuses(results.map((r) => r.status));
        lines.push(
          `| ${framework} | ${c.total} | ${c.covered} | ${c.coveredViaCrosswalk} | ${c.partial} | ${c.gap} | ${c.notApplicable} |`,
        );
      }
    },
  );
  console.log(lines.join('\n'));
  return 0;
});
