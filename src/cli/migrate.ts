/** npm run db:migrate: applies pending migrations to the configured graph. */
import { loadConfig } from '../config.js';
import { migrate } from '../graph/migrations.js';
import { withGraph } from './graph-session.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const say = (line: string): void => console.error(line);
  const report = await withGraph(loadConfig(), say, (graph) => migrate(graph));
  say(
    report.applied.length === 0
      ? `migrations: up to date (version ${report.current})`
      : `migrations: applied ${report.applied.join(', ')}`,
  );
  return 0;
});
