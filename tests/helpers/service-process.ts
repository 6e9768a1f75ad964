/**
 * The service as a real child process, its output collected as it comes: `npm start`
 * (src/main.ts through tsx) or the production build (`node dist/main.js`, made by
 * `npm run build`, which `npm test` runs first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export interface LogLine {
  msg: string;
  level: number;
  url?: string;
  status?: number;
}

export interface ServiceProcess {
  readonly child: ChildProcess;
  /** Settles once the process has exited and all of its output has been read. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  stdout(): string;
  /** The JSON log lines printed so far. */
  lines(): LogLine[];
}

export type Entry = 'source' | 'build';

/** The command that runs `script` (a path under src/ without its extension, e.g. main or cli/apikey) from the source or the build. */
export function commandFor(entry: Entry, script: string): [string, string[]] {
  if (entry === 'source') return ['node_modules/.bin/tsx', [`src/${script}.ts`]];
  if (!existsSync(`dist/${script}.js`))
    throw new Error(`dist/${script}.js is missing: run npm run build (npm test does)`);
  return [process.execPath, ['--enable-source-maps', `dist/${script}.js`]];
}

/** Starts the service with only PATH, HOME and `env` in its environment. */
export function launchService(env: Record<string, string>, entry: Entry = 'source'): ServiceProcess {
  const [command, args] = commandFor(entry, 'main');
  const child = spawn(command, args, {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': by then all of its output has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const lines = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return { child, exited, stdout: () => stdout, lines };
}
