/**
 * npm run backup -- <file>        writes the whole graph to a file (JSON lines)
 * npm run restore -- <file> --replace
 *                                 replaces the whole graph with a backup, in one transaction
 * Both use the configured Neo4j (the local one by default, started if needed).
 */
import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { backUp, restore } from '../services/backup.js';
import { withGraph } from './graph-session.js';
import { runCli } from './run-cli.js';

const say = (line: string): void => console.error(line);
const [command, file, ...flags] = process.argv.slice(2);

await runCli(async () => {
  if ((command !== 'backup' && command !== 'restore') || !file) {
    say('usage: npm run backup -- <file>   |   npm run restore -- <file> --replace');
    return 2;
  }
  const config = loadConfig();
  return withGraph(config, say, async (graph) => {
    if (command === 'backup') {
      say('backup: reading the graph');
      const backup = await backUp({ graph });
      await writeFile(file, `${backup.lines.join('\n')}\n`, 'utf8');
      say(`backup: ${backup.nodes} nodes and ${backup.relationships} relationships written to ${file}`);
      return 0;
    }
    if (!flags.includes('--replace')) {
      say('restore replaces everything in the graph with the backup; run it again with --replace to go ahead');
      return 2;
    }
    const lines: string[] = [];
    for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity }))
      lines.push(line);
    say(`restore: reading ${file}`);
    await restore({ graph }, lines, say);
    say('restore: done');
    return 0;
  });
});
