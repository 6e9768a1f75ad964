/**
 * npm run apikey -- create --role ROLE --name NAME   prints the new key (only the key, on stdout)
 * npm run apikey -- list                              every key: id, name, role, prefix, dates
 * npm run apikey -- revoke ID_OR_NAME                 revokes at once (other instances: within 10 s)
 *
 * Works on the configured graph directly, so it is also how the first key of a
 * deployment is made. Messages go to stderr, so `$(npm run --silent apikey -- create …)`
 * captures the key alone.
 */
import os from 'node:os';
import { createApiKey, listApiKeys, revokeApiKey } from '../services/api-keys.js';
import { ROLES } from '../auth/roles.js';
import { loadConfig } from '../config.js';
import { NotFoundError } from '../errors.js';
import { migrate } from '../graph/migrations.js';
import { withGraph } from './graph-session.js';
import { runCli } from './run-cli.js';

const USAGE = `usage:
  npm run apikey -- create --role ${ROLES.join('|')} --name NAME
  npm run apikey -- list
  npm run apikey -- revoke ID_OR_NAME`;

const say = (line: string): void => console.error(line);
const [command, ...args] = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at < 0 ? undefined : args[at + 1];
};

await runCli(async () => {
  if (command === undefined || !['create', 'list', 'revoke'].includes(command)) {
    say(USAGE);
    return 2;
  }
  const role = flag('--role');
  const name = flag('--name');
  const target = args[0];
  if (command === 'create' && (role === undefined || name === undefined)) {
    say(USAGE);
    return 2;
  }
  if (command === 'revoke' && target === undefined) {
    say(USAGE);
    return 2;
  }
  return withGraph(loadConfig(), say, async (graph) => {
    await migrate(graph);
    if (command === 'create') {
      const issued = await createApiKey(
        { graph },
        { name: name!, role: role!.toUpperCase(), createdBy: `cli:${os.userInfo().username}` },
      );
      say(
        `created API key "${issued.apiKey.name}" (${issued.apiKey.role}, id ${issued.apiKey.id}); it is shown this once:`,
      );
      process.stdout.write(`${issued.key}\n`);
    } else if (command === 'list') {
      const keys = await listApiKeys({ graph });
      const rows = [['id', 'name', 'role', 'prefix', 'created', 'last used', 'revoked']];
      for (const k of keys)
        rows.push([k.id, k.name, k.role, `${k.prefix}…`, k.createdAt, k.lastUsedAt ?? '-', k.revokedAt ?? '-']);
      const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
      for (const row of rows)
        process.stdout.write(
          `${row
            .map((cell, i) => cell.padEnd(widths[i]!))
            .join('  ')
            .trimEnd()}\n`,
        );
      say(`${keys.length} key(s), ${keys.filter((k) => k.revokedAt === null).length} valid`);
    } else {
      // An id first; failing that, a name (names and ids are each unique, and a key is never both).
      const key = await revokeApiKey({ graph }, { id: target! }).catch((err: unknown) => {
        if (err instanceof NotFoundError) return revokeApiKey({ graph }, { name: target! });
        throw err;
      });
      say(`revoked API key "${key.name}" (id ${key.id}) at ${key.revokedAt}`);
    }
    return 0;
  });
});
