/**
 * npm run backup / restore through the real command line, against the test Neo4j: back up,
 * wipe, restore, back up again, and compare: nothing may be lost or changed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { BackupError, parseBackup, readBackup } from '../../src/graph/backup.js';
import { testGraph } from '../helpers/server.js';
import { TEST_ENV } from '../helpers/env.js';

const run = promisify(execFile);
const { driver, graph } = testGraph();
afterAll(() => driver.close());

const cli = (...args: string[]) =>
  run('npx', ['tsx', 'src/cli/backup.ts', ...args], {
    env: { ...process.env, ...TEST_ENV, NEO4J_URI: inject('neo4jUri'), NEO4J_DATABASE: inject('neo4jDatabase') },
  });

describe('backup and restore', () => {
  it('lose nothing: back up, wipe, restore, back up again, compare', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'aims-backup-'));
    const first = path.join(dir, 'first.jsonl');
    const second = path.join(dir, 'second.jsonl');
    const backedUp = await cli('backup', first);
    expect(backedUp.stderr).toMatch(/backup: \d+ nodes and \d+ relationships written/);
    const before = await readFile(first, 'utf8');
    // Every kind of value survives: integers, floats, dates, date-times to the nanosecond, lists.
    expect(before).toMatch(/"ZONED DATETIME NOT NULL","\d{4}-\d{2}-\d{2}T[\d:.]+Z"/);
    expect(before).toMatch(/"DATE NOT NULL","\d{4}-\d{2}-\d{2}"/);
    expect(before).toMatch(/"INTEGER NOT NULL"/);
    expect(before).toMatch(/"LIST<STRING NOT NULL> NOT NULL"/);

    await graph.write({ name: 'wipe', cypher: 'MATCH (n) DETACH DELETE n', params: {} });
    const [empty] = await graph.read<{ n: number }>({
      name: 'count',
      cypher: 'MATCH (n) RETURN count(n) AS n',
      params: {},
    });
    expect(empty!.n).toBe(0);

    const refused = await cli('restore', first).catch((err: { code: number; stderr: string }) => err);
    expect(refused).toMatchObject({ code: 2 });
    const restored = await cli('restore', first, '--replace');
    expect(restored.stderr).toMatch(/restore: done/);

    await cli('backup', second);
    expect(await readFile(second, 'utf8')).toBe(before);
    const { header } = parseBackup(before.split('\n'));
    expect(header.nodes).toBeGreaterThan(500);
  }, 120_000);

  it('refuses a truncated file or an unknown label before touching the graph', async () => {
    const { header, nodes, relationships } = await readBackup(graph);
    const lines = [
      JSON.stringify(header),
      ...nodes.map((node) => JSON.stringify({ node })),
      ...relationships.map((relationship) => JSON.stringify({ relationship })),
    ];
    expect(() => parseBackup(lines.slice(0, -1))).toThrow(BackupError);
    const forged = [...lines];
    forged[1] = JSON.stringify({ node: { labels: ['Entity`) DETACH DELETE (x'], props: [] } });
    expect(() => parseBackup(forged)).toThrow(/unknown label/);
    const dir = await mkdtemp(path.join(tmpdir(), 'aims-backup-'));
    await writeFile(path.join(dir, 'forged.jsonl'), forged.join('\n'));
    const failed = await cli('restore', path.join(dir, 'forged.jsonl'), '--replace').catch(
      (err: { code: number; stderr: string }) => err,
    );
    expect(failed).toMatchObject({ code: 1 });
    expect((failed as { stderr: string }).stderr).toMatch(/BackupError: line 2: unknown label/);
    const [count] = await graph.read<{ n: number }>({
      name: 'count',
      cypher: 'MATCH (n) RETURN count(n) AS n',
      params: {},
    });
    expect(count!.n).toBe(header.nodes);
  }, 120_000);
});
