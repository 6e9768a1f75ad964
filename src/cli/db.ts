/**
 * npm run db:provision | db:start | db:stop | db:reset | db:status
 * Manages the local Neo4j. With NEO4J_URI set the project uses that server and these
 * commands refuse to touch anything.
 */
import { loadConfig } from '../config.js';
import { provision, reset, start, status, stop } from '../graph/local/local-neo4j.js';
import { runCli } from './run-cli.js';

const USAGE = 'usage: db <provision|start|stop|reset|status>';

await runCli(async () => {
  const command = process.argv[2];
  const config = loadConfig();
  const say = (line: string): void => console.error(line);
  if (config.neo4j.kind === 'external') {
    say(`NEO4J_URI is set (${config.neo4j.uri}): the local Neo4j is not used, nothing to do`);
    return command === 'status' || command === 'start' ? 0 : 1;
  }
  const local = config.neo4j.local;
  switch (command) {
    case 'provision':
      await provision(local, say);
      say('neo4j: provisioned');
      return 0;
    case 'start': {
      const running = await start(local, { detached: true, say });
      console.log(running.uri);
      return 0;
    }
    case 'stop':
      say((await stop(local)) ? 'neo4j: stopped' : 'neo4j: was not running');
      return 0;
    case 'reset':
      await reset(local);
      say(`neo4j: stopped and deleted ${local.home}`);
      return 0;
    case 'status': {
      const current = status(local);
      say(
        current.state === 'stopped'
          ? 'neo4j: stopped'
          : `neo4j: ${current.state} (pid ${current.pid}) at ${config.neo4j.uri}`,
      );
      return current.state === 'running' ? 0 : 3;
    }
    default:
      say(USAGE);
      return 2;
  }
});
