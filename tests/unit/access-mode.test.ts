/**
 * Reads run as READ transactions (routed to a cluster's readers) and writes as WRITE.
 * A statement that updates the graph is refused in a READ transaction, and no statement
 * the code runs through read() updates the graph.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Driver, SessionConfig } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { RequestBookmarks } from '../../src/graph/bookmarks.js';
import { GraphExecutor, ReadModeViolation, updatesGraph, type AccessMode } from '../../src/graph/executor.js';

describe('updatesGraph', () => {
  const cases: [string, boolean][] = [
    ['MATCH (n:Entity) RETURN n', false],
    ['CREATE (n:Entity {id: $id})', true],
    ['MERGE (s:CrosswalkSet {id: $set.id}) SET s += $set', true],
    ['MATCH (n) SET n.x = 1', true],
    ['MATCH (n) DETACH DELETE n', true],
    ['MATCH ()-[m:MAPS_TO]->() DELETE m', true],
    ['MATCH (n) REMOVE n:Old', true],
    ['DROP CONSTRAINT c IF EXISTS', true],
    ['UNWIND $xs AS x FOREACH (i IN [1] | CREATE ())', true],
    ['CALL { CREATE (n) } RETURN 1', true],
    // Names and words that are not clauses.
    ['MATCH (s:CrosswalkSet) RETURN s AS set ORDER BY s.id', false],
    ['MATCH ()-[m:MAPS_TO {set: $set}]->() RETURN m { .set, .id } AS mapping', false],
    ['MATCH (n) RETURN n.createdAt, n.offset, n.dataset', false],
    ['MATCH (n:Change) WHERE n.op = "DELETE" OR n.op = \'CREATE\' RETURN n', false],
    ['MATCH (n:`SET`) RETURN n', false],
    ['MATCH (n)-[:SET_BY]->(m) RETURN m // SET nothing\n', false],
    ['MATCH (n) /* MERGE */ RETURN $CREATE', false],
    ["MATCH (n) WHERE n.note = 'it\\'s SET' RETURN n", false],
  ];
  it.each(cases)('%s → %s', (cypher, expected) => {
    expect(updatesGraph(cypher)).toBe(expected);
  });
});

/** A driver that records the sessions it opens and answers every statement with no rows. */
function fakeDriver(committed: string[] = []) {
  const sessions: { config: SessionConfig; mode: AccessMode; statements: string[] }[] = [];
  const driver = {
    session(config: SessionConfig) {
      const record = { config, mode: 'READ' as AccessMode, statements: [] as string[] };
      sessions.push(record);
      const tx = {
        run: async (cypher: string) => {
          record.statements.push(cypher);
          return { records: [] };
        },
      };
      return {
        executeRead: async <T>(work: (t: typeof tx) => Promise<T>) => ((record.mode = 'READ'), work(tx)),
        executeWrite: async <T>(work: (t: typeof tx) => Promise<T>) => ((record.mode = 'WRITE'), work(tx)),
        lastBookmarks: () => (record.mode === 'WRITE' ? [committed.shift() ?? 'none'] : []),
        close: async () => undefined,
      };
    },
  };
  return { driver: driver as unknown as Driver, sessions };
}

describe('GraphExecutor access modes', () => {
  it('runs read() as READ and write() as WRITE, and tells its observers so', async () => {
    const { driver, sessions } = fakeDriver();
    const seen: [string, AccessMode][] = [];
    const graph = new GraphExecutor(driver, { database: 'neo4j' }).withObserver(
      (name, mode) => void seen.push([name, mode]),
    );
    await graph.read({ name: 'listThings', cypher: 'MATCH (n) RETURN n', params: {} });
    await graph.write({ name: 'createThing', cypher: 'CREATE (n)', params: {} });
    expect(sessions.map((s) => [s.mode, s.config.defaultAccessMode])).toEqual([
      ['READ', 'READ'],
      ['WRITE', 'WRITE'],
    ]);
    expect(seen).toEqual([
      ['listThings', 'READ'],
      ['createThing', 'WRITE'],
    ]);
  });

  it('refuses a statement that updates the graph in a READ transaction, before sending it', async () => {
    const { driver, sessions } = fakeDriver();
    const graph = new GraphExecutor(driver, { database: 'neo4j' });
    await expect(
      graph.read({ name: 'sneakyWrite', cypher: 'MATCH (n) SET n.seen = true RETURN n', params: {} }),
    ).rejects.toThrow(ReadModeViolation);
    await expect(
      graph.transaction('READ', 'mixed', async (tx) => {
        await tx.run({ name: 'fine', cypher: 'MATCH (n) RETURN n', params: {} });
        return tx.run({ name: 'deleteAll', cypher: 'MATCH (n) DETACH DELETE n', params: {} });
      }),
    ).rejects.toThrow(/deleteAll updates the graph/);
    expect(sessions.flatMap((s) => s.statements)).toEqual(['MATCH (n) RETURN n']);
  });

  it('starts each session after the request’s bookmarks, and writes replace them with their own', async () => {
    const { driver, sessions } = fakeDriver(['w1', 'w2']);
    const bookmarks = new RequestBookmarks(['client']);
    const graph = new GraphExecutor(driver, { database: 'neo4j' }).withBookmarks(bookmarks);
    await graph.read({ name: 'r1', cypher: 'RETURN 1', params: {} });
    await graph.write({ name: 'w1', cypher: 'CREATE ()', params: {} });
    await graph.read({ name: 'r2', cypher: 'RETURN 1', params: {} });
    await graph.write({ name: 'w2', cypher: 'CREATE ()', params: {} });
    expect(sessions.map((s) => s.config.bookmarks)).toEqual([['client'], ['client'], ['w1'], ['w1']]);
    expect(bookmarks.current()).toEqual(['w2']);
  });

  it('opens sessions without bookmarks when it has none', async () => {
    const { driver, sessions } = fakeDriver();
    await new GraphExecutor(driver, { database: 'neo4j' }).write({ name: 'w', cypher: 'CREATE ()', params: {} });
    await new GraphExecutor(driver, { database: 'neo4j' })
      .withBookmarks(new RequestBookmarks())
      .read({ name: 'r', cypher: 'RETURN 1', params: {} });
    expect(sessions.map((s) => 'bookmarks' in s.config)).toEqual([false, false]);
  });
});

/**
 * Every `.read(builder(…))` call in src/ names a builder whose Cypher does not update the
 * graph (and inline statements passed to read() do not either). Builders are found by
 * name in src/graph/statements/; interpolated fragments (`${…}`) are read-only field lists.
 */
describe('statements run through read()', () => {
  const root = path.resolve(import.meta.dirname, '../../src');
  const files = (readdirSync(root, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(root, f));
  const source = new Map(files.map((f) => [f, readFileSync(f, 'utf8')]));
  const builders = new Map<string, string>();
  for (const [file, text] of source) {
    if (!file.includes(`${path.sep}graph${path.sep}statements${path.sep}`)) continue;
    for (const match of text.matchAll(/^export function (\w+)\([\s\S]*?^}$/gm)) builders.set(match[1]!, match[0]);
  }
  /** The argument text of each `.read(` / `.read<…>(` call, up to its closing parenthesis. */
  const readCalls: { file: string; argument: string }[] = [];
  for (const [file, text] of source) {
    for (const match of text.matchAll(/\.read(?:<[^>]*>)?\(/g)) {
      let depth = 1;
      let end = match.index + match[0].length;
      while (depth > 0 && end < text.length) {
        const ch = text[end++];
        if (ch === '(') depth++;
        else if (ch === ')') depth--;
      }
      readCalls.push({ file: path.relative(root, file), argument: text.slice(match.index + match[0].length, end - 1) });
    }
  }

  it('finds the read calls and their builders', () => {
    expect(readCalls.length).toBeGreaterThan(30);
    expect(builders.size).toBeGreaterThan(50);
  });

  it('sends no updating clause through read()', () => {
    const offending: string[] = [];
    for (const { file, argument } of readCalls) {
      const called = [...argument.matchAll(/\b(\w+)\(/g)].map((m) => m[1]!).filter((name) => builders.has(name));
      for (const name of called) if (updatesGraph(builders.get(name)!)) offending.push(`${file}: ${name}`);
      if (/cypher:/.test(argument) && updatesGraph(argument)) offending.push(`${file}: ${argument.slice(0, 60)}`);
    }
    expect(offending).toEqual([]);
  });
});
