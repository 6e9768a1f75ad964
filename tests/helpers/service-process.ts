/** `npm start` (src/main.ts) as a real child process, its output collected as it comes. */
import { spawn, type ChildProcess } from 'node:child_process';

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

/** Starts the service with only PATH, HOME and `env` in its environment. */
export function launchService(env: Record<string, string>): ServiceProcess {
  const child = spawn('node_modules/.bin/tsx', ['src/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close', not 'exit': by then all of its output has been read.
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  const lines = (): LogLine[] =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as LogLine);
  return { child, exited, stdout: () => stdout, lines };
}
