/** npm run seed [-- --force]: validates seed/ and loads it into the configured graph. */
import { loadConfig } from '../config.js';
import { migrate } from '../graph/migrations.js';
import { loadSeed } from '../services/seed.js';
import { withGraph } from './graph-session.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const say = (line: string): void => console.error(line);
  await withGraph(config, say, async (graph) => {
    await migrate(graph);
    await loadSeed(graph, config.seedDir, { force: process.argv.includes('--force'), say });
  });
  return 0;
});
