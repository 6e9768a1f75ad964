/**
 * The local Neo4j that the project provisions itself: embedded Neo4j 5.26 Community
 * resolved from Maven Central, launched by Launcher.java with Bolt on 127.0.0.1 only.
 * Used when NEO4J_URI is unset; with NEO4J_URI set nothing here runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalNeo4jConfig } from '../../config.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const POM = path.join(HERE, 'pom.xml');
const LAUNCHER = path.join(HERE, 'Launcher.java');

/** Flags the Neo4j server itself starts its JVM with (netty needs reflective NIO access). */
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
  '-XX:+ExitOnOutOfMemoryError',
];

export type Say = (line: string) => void;

export interface RunningNeo4j {
  readonly pid: number;
  readonly uri: string;
  /** False when an instance was already running (started by `npm run db:start`). */
  readonly startedHere: boolean;
  /** Stops the instance if this process started it; otherwise leaves it running. */
  release(): Promise<void>;
}

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

export function neo4jVersion(): string {
  const match = /<neo4j\.version>([^<]+)<\/neo4j\.version>/.exec(readFileSync(POM, 'utf8'));
  if (!match?.[1]) throw new LocalNeo4jError(`no <neo4j.version> in ${POM}`);
  return match[1];
}

function classpathFile(cfg: LocalNeo4jConfig): string {
  return path.join(cfg.cacheDir, `classpath-${neo4jVersion()}.txt`);
}

const pidFile = (cfg: LocalNeo4jConfig): string => path.join(cfg.home, 'neo4j.pid');
const readyFile = (cfg: LocalNeo4jConfig): string => path.join(cfg.home, 'ready');
const logFile = (cfg: LocalNeo4jConfig): string => path.join(cfg.home, 'neo4j.out.log');

/** Resolves the Neo4j jars through Maven once; later calls reuse the cached classpath. */
export async function provision(cfg: LocalNeo4jConfig, say: Say): Promise<string> {
  const file = classpathFile(cfg);
  if (existsSync(file)) return file;
  mkdirSync(cfg.cacheDir, { recursive: true });
  const version = neo4jVersion();
  say(`neo4j: resolving Neo4j ${version} Community from Maven Central (first run only)`);
  const started = Date.now();
  const partial = `${file}.partial`;
  const mvn = spawn('mvn', ['-B', '-ntp', '-f', POM, 'dependency:build-classpath', `-Dmdep.outputFile=${partial}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let artifacts = 0;
  const ticker = setInterval(() => {
    say(`neo4j: still resolving (${Math.round((Date.now() - started) / 1000)} s, ${artifacts} log lines)`);
  }, 10_000);
  const collect = (chunk: Buffer): void => {
    const text = chunk.toString();
    artifacts += text.split('\n').length - 1;
    output = (output + text).slice(-8000);
  };
  mvn.stdout.on('data', collect);
  mvn.stderr.on('data', collect);
  const code = await new Promise<number | null>((resolve, reject) => {
    mvn.on('error', reject);
    mvn.on('close', resolve);
  }).finally(() => clearInterval(ticker));
  if (code !== 0 || !existsSync(partial)) {
    throw new LocalNeo4jError(`Maven could not resolve org.neo4j:neo4j:${version} (exit ${code}):\n${output}`);
  }
  writeFileSync(file, readFileSync(partial, 'utf8').trim());
  rmSync(partial, { force: true });
  say(`neo4j: resolved in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

function writeConf(cfg: LocalNeo4jConfig): string {
  const conf = path.join(cfg.home, 'neo4j.conf');
  const address = `127.0.0.1:${cfg.boltPort}`;
  writeFileSync(
    conf,
    [
      '# Written by aims-graph on every start; edit the LOCAL_NEO4J_* variables instead.',
      'server.bolt.enabled=true',
      `server.bolt.listen_address=${address}`,
      `server.bolt.advertised_address=${address}`,
      'server.bolt.tls_level=DISABLED',
      // Loopback only and single-user: the local instance is a development store.
      'dbms.security.auth_enabled=false',
      `server.memory.pagecache.size=${cfg.pageCache}`,
      'db.tx_log.rotation.retention_policy=2 files',
      'dbms.usage_report.enabled=false',
      // Stop promptly: Bolt otherwise waits 5 s for its worker pool on every shutdown.
      // Internal settings; strict validation fails the start loudly if they are renamed.
      'internal.server.bolt.thread_pool_shutdown_wait_time=1s',
      'internal.server.bolt.connection_shutdown_wait_time=1s',
      '',
    ].join('\n'),
  );
  return conf;
}

function alive(pid: number, cfg: LocalNeo4jConfig): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  // Guard against pid reuse: the process must be our launcher for this home.
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const args = cmdline.split('\0');
    return args.some((arg) => arg.endsWith('Launcher.java')) && args.includes(cfg.home);
  } catch {
    return true; // no /proc (not Linux): trust the signal probe
  }
}

function readPid(cfg: LocalNeo4jConfig): number | undefined {
  try {
    const pid = Number(readFileSync(pidFile(cfg), 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export type LocalStatus = { state: 'running'; pid: number } | { state: 'starting'; pid: number } | { state: 'stopped' };

export function status(cfg: LocalNeo4jConfig): LocalStatus {
  const pid = readPid(cfg);
  if (pid === undefined || !alive(pid, cfg)) return { state: 'stopped' };
  return existsSync(readyFile(cfg)) ? { state: 'running', pid } : { state: 'starting', pid };
}

function portAnswers(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function logTail(cfg: LocalNeo4jConfig): string {
  try {
    return readFileSync(logFile(cfg), 'utf8').split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}

async function waitUntilReady(cfg: LocalNeo4jConfig, pid: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + cfg.startTimeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid, cfg) || (child !== undefined && child.exitCode !== null)) {
      throw new LocalNeo4jError(`Neo4j exited during start; last lines of ${logFile(cfg)}:\n${logTail(cfg)}`);
    }
    if (existsSync(readyFile(cfg)) && (await portAnswers(cfg.boltPort))) return;
    await sleep(250);
  }
  throw new LocalNeo4jError(`Neo4j did not answer on 127.0.0.1:${cfg.boltPort} within ${cfg.startTimeoutMs} ms`);
}

export interface StartOptions {
  /** Keep running after this process exits (`npm run db:start`). */
  readonly detached: boolean;
  readonly say: Say;
}

/** Starts the local Neo4j unless it is already running; resolves once Bolt answers. */
export async function start(cfg: LocalNeo4jConfig, options: StartOptions): Promise<RunningNeo4j> {
  const uri = `bolt://127.0.0.1:${cfg.boltPort}`;
  const current = status(cfg);
  if (current.state !== 'stopped') {
    await waitUntilReady(cfg, current.pid);
    options.say(`neo4j: already running (pid ${current.pid}) at ${uri}`);
    return { pid: current.pid, uri, startedHere: false, release: async () => {} };
  }
  if (await portAnswers(cfg.boltPort)) {
    throw new LocalNeo4jError(
      `port ${cfg.boltPort} is taken by another process; set LOCAL_NEO4J_BOLT_PORT, or NEO4J_URI to use that server`,
    );
  }
  const classpath = readFileSync(await provision(cfg, options.say), 'utf8').trim();
  mkdirSync(cfg.home, { recursive: true });
  rmSync(readyFile(cfg), { force: true });
  const conf = writeConf(cfg);
  const out = openSync(logFile(cfg), 'a');
  const args = [`-Xmx${cfg.heap}`, ...JVM_FLAGS, '-cp', classpath, LAUNCHER, cfg.home, conf];
  if (!options.detached) args.push('--exit-on-stdin-eof');
  const started = Date.now();
  options.say(`neo4j: starting Neo4j ${neo4jVersion()} in ${cfg.home}`);
  // Always its own process group, so a Ctrl-C in the terminal reaches only the service,
  // which drains its requests before it stops Neo4j. Without `detached`, the launcher
  // watches its stdin and exits when this process goes away, however it goes.
  const child = spawn('java', args, {
    detached: true,
    stdio: [options.detached ? 'ignore' : 'pipe', out, out],
  });
  closeSync(out);
  const pid = await new Promise<number>((resolve, reject) => {
    child.once('error', (err) => reject(new LocalNeo4jError(`cannot run java: ${err.message}`)));
    child.once('spawn', () => resolve(child.pid ?? -1));
  });
  writeFileSync(pidFile(cfg), `${pid}\n`);
  if (options.detached) child.unref();
  try {
    await waitUntilReady(cfg, pid, child);
  } catch (err) {
    await stopPid(cfg, pid);
    throw err;
  }
  options.say(`neo4j: listening at ${uri} (ready in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (!options.detached) {
    // Keep the child's stdin open for as long as we live; Node must not wait on it.
    (child.stdin as (NodeJS.WritableStream & { unref?: () => void }) | null)?.unref?.();
    child.unref();
  }
  return {
    pid,
    uri,
    startedHere: true,
    release: async () => {
      // Only the instance this process started: if it was stopped and another started in
      // its place (npm run db:stop, db:start), that one, and its pid file, are not ours.
      const wasRunning = alive(pid, cfg);
      await stopPid(cfg, pid);
      const now = status(cfg);
      if (wasRunning) options.say('neo4j: stopped');
      else if (now.state === 'stopped') options.say(`neo4j: already stopped (pid ${pid})`);
      else
        options.say(
          `neo4j: the instance started here (pid ${pid}) had already stopped; pid ${now.pid}, started elsewhere, is left running`,
        );
    },
  };
}

/**
 * Stops `pid` if it is running, and removes the pid and ready files only while the pid
 * file still names it: a file naming another pid belongs to an instance started since.
 */
async function stopPid(cfg: LocalNeo4jConfig, pid: number): Promise<void> {
  if (alive(pid, cfg)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 60_000;
    while (alive(pid, cfg) && Date.now() < deadline) await sleep(100);
    if (alive(pid, cfg)) process.kill(pid, 'SIGKILL');
  }
  if (readPid(cfg) !== pid) return;
  rmSync(pidFile(cfg), { force: true });
  rmSync(readyFile(cfg), { force: true });
}

/** Stops the local Neo4j (cleanly, through its shutdown hook); true if one was running. */
export async function stop(cfg: LocalNeo4jConfig): Promise<boolean> {
  const pid = readPid(cfg);
  if (pid === undefined || !alive(pid, cfg)) {
    rmSync(pidFile(cfg), { force: true });
    rmSync(readyFile(cfg), { force: true });
    return false;
  }
  await stopPid(cfg, pid);
  return true;
}

/** Stops the local Neo4j and deletes its store. */
export async function reset(cfg: LocalNeo4jConfig): Promise<void> {
  await stop(cfg);
  rmSync(cfg.home, { recursive: true, force: true });
}
