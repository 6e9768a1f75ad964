/**
 * The CI gate (.ci/run) fails when any of its steps fails. It runs here as it is, in a
 * scratch copy of its folder, with an `npm` on the PATH that records each call and fails
 * the one a case names: the gate must stop there, with a non-zero exit, and say nothing
 * of having finished.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(path.join(tmpdir(), 'aims-ci-gate-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs .ci/run with `npm <failing>` exiting 7; returns the exit code, the npm calls and the output. */
function runGate(failing: string | undefined): { code: number | null; calls: string[]; output: string } {
  const root = mkdtempSync(path.join(scratch, 'repo-'));
  mkdirSync(path.join(root, '.ci'));
  mkdirSync(path.join(root, 'bin'));
  copyFileSync('.ci/run', path.join(root, '.ci', 'run'));
  const log = path.join(root, 'npm-calls');
  const stub = (name: string, body: string): void => {
    writeFileSync(path.join(root, 'bin', name), `#!/usr/bin/env bash\n${body}\n`);
    chmodSync(path.join(root, 'bin', name), 0o755);
  };
  stub('npm', `echo "$*" >> "${log}"\n[ "$*" = "$FAIL_STEP" ] && exit 7\nexit 0`);
  stub('java', 'echo \'openjdk version "17"\' >&2');
  const result = spawnSync('bash', [path.join(root, '.ci', 'run')], {
    env: { PATH: `${path.join(root, 'bin')}:${process.env.PATH ?? ''}`, FAIL_STEP: failing ?? '' },
    encoding: 'utf8',
  });
  let calls: string[] = [];
  try {
    calls = readFileSync(log, 'utf8').trim().split('\n');
  } catch {
    // no call at all
  }
  return { code: result.status, calls, output: `${result.stdout}${result.stderr}` };
}

describe('.ci/run', () => {
  it('runs install, setup and the tests, one after another, and finishes with 0 when each passes', () => {
    const { code, calls, output } = runGate(undefined);
    expect(code).toBe(0);
    expect(calls).toEqual(['--version', 'ci --no-audit --no-fund', 'run setup', 'test']);
    expect(output).toMatch(/ci: finished in \d+ s/);
  });

  it.each([
    ['the install step', 'ci --no-audit --no-fund', ['--version', 'ci --no-audit --no-fund']],
    ['the setup step', 'run setup', ['--version', 'ci --no-audit --no-fund', 'run setup']],
    ['the test step', 'test', ['--version', 'ci --no-audit --no-fund', 'run setup', 'test']],
  ])('fails, and goes no further, when %s fails', (_, step, expected) => {
    const { code, calls, output } = runGate(step);
    expect(code).toBe(7);
    expect(calls).toEqual(expected);
    expect(output).not.toContain('ci: finished');
  });
});
