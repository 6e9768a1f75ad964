/**
 * npm start: with no NEO4J_URI, provisions and starts the local Neo4j; migrates; seeds
 * when the graph is empty or the seed changed; serves. SIGINT/SIGTERM drain in-flight
 * requests, close the driver and stop the Neo4j this process started.
 */
import { bootstrapLocalAdminKey } from './auth/key-store.js';
import { ConfigError, loadConfig } from './config.js';
import { connectGraph } from './graph/connect.js';
import { start as startLocalNeo4j, type RunningNeo4j } from './graph/local/local-neo4j.js';
import { migrate } from './graph/migrations.js';
import { loadDemo } from './services/demo.js';
import { readApplicabilityRules } from './ingest/seed.js';
import { loadSeed } from './services/seed.js';
import { createLogger } from './logger.js';
import { createApp } from './server.js';

let config;
try {
  config = loadConfig();
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(err.message);
  process.exit(1);
}

const log = createLogger(config);
const started = Date.now();
let local: RunningNeo4j | undefined;
let stopping = false;
const cleanups: (() => Promise<void>)[] = [];

async function shutdown(signal: string, code = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (err) {
      log.error({ err }, 'error during shutdown');
    }
  }
  log.info('stopped');
  // Leave by letting the event loop empty rather than by process.exit: the log is written
  // asynchronously, and exit would flush what is queued past a write still in flight,
  // reordering or losing the last lines. A handle left open must not keep us alive, though.
  process.exitCode = code;
  setTimeout(() => process.exit(code), 3000).unref();
}
process.once('SIGINT', () => void shutdown('SIGINT'));
process.once('SIGTERM', () => void shutdown('SIGTERM'));

try {
  if (config.neo4j.kind === 'local') {
    local = await startLocalNeo4j(config.neo4j.local, { detached: false, say: (line) => log.info(line) });
    const handle = local;
    cleanups.push(() => handle.release());
  } else {
    log.info({ uri: config.neo4j.uri, database: config.neo4j.database }, 'using the Neo4j at NEO4J_URI');
  }
  const connected = connectGraph(config.neo4j, {
    onCircuitChange: (from, to) => {
      if (from === 'closed')
        log.warn('neo4j unreachable: requests fail with SERVICE_UNAVAILABLE until it answers again');
      if (to === 'closed') log.info('neo4j answers again');
    },
  });
  cleanups.push(async () => {
    await connected.close();
    log.info('neo4j driver closed');
  });
  const { graph } = connected;

  // Loads at start are not requests: a slow machine may take minutes over them, so they
  // have their own time. Each is one transaction that leaves nothing behind if cut off,
  // and is skipped once done (migrations by their record, the seed by its checksum, the
  // demo when organisation records exist): an interrupted start resumes where it was.
  const loads = graph.withTimeout(config.neo4j.loadTimeoutMs);
  await loads.ping();
  const migrated = await migrate(loads);
  log.info({ applied: migrated.applied, current: migrated.current }, 'migrations applied');
  if (config.seedOnStart) {
    await loadSeed(loads, config.seedDir, { say: (line) => log.info(line) });
  }
  if (config.demoOnStart) {
    await loadDemo(loads, config.seedDir, (line) => log.info(line));
  }

  const app = await createApp({
    graph,
    log,
    queriesDir: config.queriesDir,
    maxBodyBytes: config.maxBodyBytes,
    introspection: config.introspection,
    hideSchemaDetails: config.nodeEnv === 'production',
    limits: config.limits,
    coverageCacheEntries: config.coverageCacheEntries,
    metricsAccess: config.metricsAccess,
    applicabilityRules: await readApplicabilityRules(config.seedDir),
    auth: config.auth,
  });
  cleanups.push(async () => {
    await app.stop();
    log.info('requests drained, http server closed');
  });
  const url = await app.listen(config.port, config.host);
  if (config.neo4j.kind === 'local') {
    const issued = await bootstrapLocalAdminKey(loads);
    // Printed once, to standard output (the graph keeps nothing but its hash): read it there.
    if (issued !== undefined) process.stdout.write(localAdminKeyNotice(issued.key));
  }
  log.info({ ms: Date.now() - started }, `aims-graph ready: ${url}/graphql (playground in a browser)`);
} catch (err) {
  log.fatal({ err }, `could not start: ${(err as Error).message}`);
  await shutdown('startup-failure', 1);
}

function localAdminKeyNotice(key: string): string {
  return [
    '',
    '  A local ADMIN API key was created for this store (shown this once; only its hash is kept):',
    '',
    `    ${key}`,
    '',
    '  Paste it into the playground when it asks, or send it as "Authorization: Bearer <key>".',
    '  Lost it? npm run apikey -- create --role ADMIN --name <name>',
    '',
    '',
  ].join('\n');
}
