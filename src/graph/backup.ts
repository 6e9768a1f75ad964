/**
 * Whole-graph backup and restore, losing nothing: every node and relationship with every
 * property and its Neo4j type (integer or float, date or zoned date-time, to the
 * nanosecond). A backup is JSON lines: a header, then nodes, then relationships, each
 * node named by its key (the unique property of its label) so that restoring matches
 * through the same unique indexes the service uses, and two backups of the same graph are
 * identical byte for byte. Labels and relationship types are checked against the ones
 * this service writes before any Cypher is built with them.
 */
import neo4j from 'neo4j-driver';
import { isCalendarDate, isDateTime } from '../domain/date-time.js';
import { ENTITY_TYPES, LINK_KINDS } from '../domain/entity-spec.js';
import type { GraphExecutor } from './executor.js';
import { backupNodes, backupRelationships, restoreNodes, restoreRelationships, wipeGraph } from './statements/admin.js';
import type { TypedProperty } from './rows.js';

export const BACKUP_FORMAT = 'aims-graph-backup';
export const BACKUP_VERSION = 1;

/** Each label that names a node, with its unique key, in the order a node's label is chosen. */
const KEYS: readonly (readonly [string, string])[] = [
  ['Entity', 'id'],
  ['Requirement', 'id'],
  ['Framework', 'id'],
  ['FrameworkVersion', 'id'],
  ['CrosswalkSet', 'id'],
  ['ExternalRef', 'key'],
  ['Change', 'seq'],
  ['ChangeLog', 'id'],
  ['Migration', 'version'],
  ['SeedState', 'id'],
  ['ApiKey', 'id'],
];
const KEY_OF = new Map(KEYS);
const LABELS = new Set<string>([...KEYS.map(([label]) => label), ...ENTITY_TYPES]);
const TYPES = new Set<string>([
  ...LINK_KINDS,
  'REFERS_TO',
  'PART_OF',
  'MAPS_TO',
  'IN_FRAMEWORK',
  'IN_VERSION',
  'VERSION_OF',
]);

/** A property as [name, Neo4j type, value]; temporal values as ISO strings. */

export interface BackupNode {
  readonly labels: string[];
  readonly props: TypedProperty[];
}

export interface BackupRelationship {
  readonly type: string;
  /** [label, key value] of each end. */
  readonly start: [string, unknown];
  readonly end: [string, unknown];
  readonly props: TypedProperty[];
}

export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  readonly nodes: number;
  readonly relationships: number;
}

export class BackupError extends Error {
  override name = 'BackupError';
}

const byKey = (a: unknown, b: unknown): number =>
  typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));

/** Reads the whole graph in one read transaction, in a stable order. */
export async function readBackup(
  graph: GraphExecutor,
): Promise<{ header: BackupHeader; nodes: BackupNode[]; relationships: BackupRelationship[] }> {
  const order = KEYS.map(([label]) => label);
  return graph.transaction(
    'READ',
    'backup',
    async (tx) => {
      const nodes = await tx.run(backupNodes());
      const rels = await tx.run(backupRelationships(order, Object.fromEntries(KEYS)));
      const sortProps = (props: TypedProperty[]): TypedProperty[] =>
        [...props].sort((a, b) => a[0].localeCompare(b[0]));
      const nodeKey = (node: BackupNode): [string, unknown] => {
        const label = order.find((l) => node.labels.includes(l));
        if (label === undefined)
          throw new BackupError(`a node with labels ${node.labels.join(', ')} has no key this service knows`);
        return [label, node.props.find(([k]) => k === KEY_OF.get(label))?.[2]];
      };
      // What restore would refuse is refused now, not on the day the backup is needed.
      for (const n of nodes) {
        for (const label of n.labels)
          if (!LABELS.has(label))
            throw new BackupError(`a node carries the label ${label}, which this service does not write`);
        for (const [name, type, value] of n.props) toDriverValue(type, value, `a ${n.labels.join(':')} node's ${name}`);
      }
      for (const r of rels) {
        if (!TYPES.has(r.type))
          throw new BackupError(`a relationship has the type ${r.type}, which this service does not write`);
        for (const [name, type, value] of r.props) toDriverValue(type, value, `a ${r.type} relationship's ${name}`);
      }
      const outNodes = nodes.map((n) => ({ labels: [...n.labels].sort(), props: sortProps(n.props) }));
      outNodes.sort((a, b) => {
        const [la, ka] = nodeKey(a);
        const [lb, kb] = nodeKey(b);
        return la.localeCompare(lb) || byKey(ka, kb);
      });
      const outRels: BackupRelationship[] = rels.map((r) => {
        if (r.startLabel === null || r.endLabel === null)
          throw new BackupError(`a ${r.type} relationship joins a node this service does not know`);
        return {
          type: r.type,
          start: [r.startLabel, r.startKey],
          end: [r.endLabel, r.endKey],
          props: sortProps(r.props),
        };
      });
      outRels.sort(
        (a, b) =>
          a.type.localeCompare(b.type) ||
          a.start[0].localeCompare(b.start[0]) ||
          byKey(a.start[1], b.start[1]) ||
          a.end[0].localeCompare(b.end[0]) ||
          byKey(a.end[1], b.end[1]),
      );
      return {
        header: {
          format: BACKUP_FORMAT,
          version: BACKUP_VERSION,
          nodes: outNodes.length,
          relationships: outRels.length,
        },
        nodes: outNodes,
        relationships: outRels,
      };
    },
    { timeoutMs: WHOLE_GRAPH_TIMEOUT_MS },
  );
}

/** The lines of a backup file. */
export function* backupLines(backup: {
  header: BackupHeader;
  nodes: BackupNode[];
  relationships: BackupRelationship[];
}): Generator<string> {
  yield JSON.stringify(backup.header);
  for (const node of backup.nodes) yield JSON.stringify({ node });
  for (const relationship of backup.relationships) yield JSON.stringify({ relationship });
}

/* ------------------------------------------------------------------ restore */

const ISO_DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

function toDriverValue(type: string, value: unknown, where: string): unknown {
  const base = type.replace(/ NOT NULL$/, '');
  if (value === null) return null;
  const list = /^LIST<(.*)>$/.exec(base);
  if (list) {
    if (!Array.isArray(value)) throw new BackupError(`${where}: a ${base} is not a list`);
    return value.map((v, i) => toDriverValue(list[1]!, v, `${where}[${i}]`));
  }
  switch (base) {
    case 'STRING':
      if (typeof value !== 'string') break;
      return value;
    case 'BOOLEAN':
      if (typeof value !== 'boolean') break;
      return value;
    case 'FLOAT':
      if (typeof value !== 'number') break;
      return value;
    case 'INTEGER':
      if (typeof value !== 'number' || !Number.isInteger(value)) break;
      return neo4j.int(value);
    case 'DATE': {
      const m = typeof value === 'string' && isCalendarDate(value) ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
      if (!m) break;
      return new neo4j.types.Date(Number(m[1]), Number(m[2]), Number(m[3]));
    }
    case 'ZONED DATETIME': {
      const m = typeof value === 'string' && isDateTime(value) ? ISO_DATETIME.exec(value) : null;
      if (!m) break;
      const nanos = Number((m[7] ?? '').padEnd(9, '0'));
      const offset =
        m[8] === 'Z'
          ? 0
          : (m[8]!.startsWith('-') ? -1 : 1) * (Number(m[8]!.slice(1, 3)) * 3600 + Number(m[8]!.slice(4, 6)) * 60);
      return new neo4j.types.DateTime(
        Number(m[1]),
        Number(m[2]),
        Number(m[3]),
        Number(m[4]),
        Number(m[5]),
        Number(m[6] ?? 0),
        nanos,
        offset,
      );
    }
  }
  throw new BackupError(`${where}: cannot restore ${JSON.stringify(value)} as ${type}`);
}

function properties(props: TypedProperty[], where: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, type, value] of props) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
      throw new BackupError(`${where}: property name ${JSON.stringify(name)}`);
    out[name] = toDriverValue(type, value, `${where}.${name}`);
  }
  return out;
}

/** Parses and checks backup lines; throws BackupError naming the first line that is wrong. */
export function parseBackup(lines: readonly string[]): {
  header: BackupHeader;
  nodes: BackupNode[];
  relationships: BackupRelationship[];
} {
  const [first, ...rest] = lines.filter((l) => l.trim() !== '');
  let header: BackupHeader;
  try {
    header = JSON.parse(first ?? '') as BackupHeader;
  } catch {
    throw new BackupError('line 1: not a backup header');
  }
  if (header.format !== BACKUP_FORMAT || header.version !== BACKUP_VERSION)
    throw new BackupError(`line 1: not an ${BACKUP_FORMAT} version ${BACKUP_VERSION} file`);
  const nodes: BackupNode[] = [];
  const relationships: BackupRelationship[] = [];
  rest.forEach((line, i) => {
    let item: { node?: BackupNode; relationship?: BackupRelationship };
    try {
      item = JSON.parse(line) as typeof item;
    } catch {
      throw new BackupError(`line ${i + 2}: not JSON`);
    }
    if (item.node) {
      for (const label of item.node.labels)
        if (!LABELS.has(label)) throw new BackupError(`line ${i + 2}: unknown label ${JSON.stringify(label)}`);
      nodes.push(item.node);
    } else if (item.relationship) {
      const r = item.relationship;
      if (!TYPES.has(r.type))
        throw new BackupError(`line ${i + 2}: unknown relationship type ${JSON.stringify(r.type)}`);
      for (const end of [r.start, r.end])
        if (!KEY_OF.has(end[0])) throw new BackupError(`line ${i + 2}: unknown end label ${JSON.stringify(end[0])}`);
      relationships.push(r);
    } else throw new BackupError(`line ${i + 2}: neither a node nor a relationship`);
  });
  if (nodes.length !== header.nodes || relationships.length !== header.relationships) {
    throw new BackupError(
      `the file holds ${nodes.length} nodes and ${relationships.length} relationships; its header promises ${header.nodes} and ${header.relationships} (truncated?)`,
    );
  }
  return { header, nodes, relationships };
}

const CHUNK = 1000;
/** Backup and restore read or write the whole graph in one transaction: allow them time. */
const WHOLE_GRAPH_TIMEOUT_MS = 30 * 60_000;

/**
 * Replaces the whole graph with a backup, in one write transaction: if anything fails,
 * the graph is left as it was. Schema (constraints and indexes) is not part of a backup:
 * run the migrations first.
 */
export async function restoreBackup(
  graph: GraphExecutor,
  backup: { nodes: BackupNode[]; relationships: BackupRelationship[] },
  say: (line: string) => void = () => {},
): Promise<void> {
  // Labels and types go into Cypher text: check them here too, whoever built the backup.
  for (const node of backup.nodes)
    for (const label of node.labels)
      if (!LABELS.has(label)) throw new BackupError(`unknown label ${JSON.stringify(label)}`);
  for (const r of backup.relationships) {
    if (!TYPES.has(r.type) || !KEY_OF.has(r.start[0]) || !KEY_OF.has(r.end[0]))
      throw new BackupError(`unknown relationship ${JSON.stringify([r.type, r.start[0], r.end[0]])}`);
  }
  const nodeGroups = new Map<string, Record<string, unknown>[]>();
  backup.nodes.forEach((node, i) => {
    const key = [...node.labels].sort().join(':');
    nodeGroups.set(key, [...(nodeGroups.get(key) ?? []), properties(node.props, `node ${i + 1}`)]);
  });
  const relGroups = new Map<string, { s: unknown; e: unknown; props: Record<string, unknown> }[]>();
  backup.relationships.forEach((r, i) => {
    const key = `${r.type}|${r.start[0]}|${r.end[0]}`;
    const start = r.start[0] === 'Change' || r.start[0] === 'Migration' ? neo4j.int(r.start[1] as number) : r.start[1];
    const end = r.end[0] === 'Change' || r.end[0] === 'Migration' ? neo4j.int(r.end[1] as number) : r.end[1];
    relGroups.set(key, [
      ...(relGroups.get(key) ?? []),
      { s: start, e: end, props: properties(r.props, `relationship ${i + 1}`) },
    ]);
  });
  await graph.transaction(
    'WRITE',
    'restore',
    async (tx) => {
      await tx.run(wipeGraph());
      let done = 0;
      for (const [labels, rows] of nodeGroups) {
        // Every label was checked against the labels this service writes (parseBackup).
        for (let i = 0; i < rows.length; i += CHUNK) {
          await tx.run(restoreNodes(labels, rows.slice(i, i + CHUNK)));
          done += Math.min(CHUNK, rows.length - i);
          say(`restore: ${done}/${backup.nodes.length} nodes`);
        }
      }
      done = 0;
      for (const [key, rows] of relGroups) {
        const [type, startLabel, endLabel] = key.split('|') as [string, string, string];
        for (let i = 0; i < rows.length; i += CHUNK) {
          const [created] = await tx.run(
            restoreRelationships(
              type,
              { label: startLabel, key: KEY_OF.get(startLabel)! },
              { label: endLabel, key: KEY_OF.get(endLabel)! },
              rows.slice(i, i + CHUNK),
            ),
          );
          const part = Math.min(CHUNK, rows.length - i);
          if (created?.n !== part)
            throw new BackupError(`${part - (created?.n ?? 0)} ${type} relationships lost an end node`);
          done += part;
          say(`restore: ${done}/${backup.relationships.length} relationships`);
        }
      }
    },
    { timeoutMs: WHOLE_GRAPH_TIMEOUT_MS },
  );
}
