/**
 * The statements of the graph's own housekeeping: the liveness ping, the migration
 * record, and whole-graph backup and restore. Backup and restore name labels and
 * relationship types in the Cypher (Neo4j takes no parameters there); each is checked
 * against the closed set this service writes before it gets here (backup.ts).
 */
import type { Statement } from '../executor.js';
import type { TypedProperty } from '../rows.js';

export function ping(): Statement<{ ok: number }> {
  return { name: 'ping', cypher: 'RETURN 1 AS ok', params: {} };
}

export function listMigrations(): Statement<{ version: number; checksum: string }> {
  return {
    name: 'listMigrations',
    cypher: 'MATCH (m:Migration) RETURN m.version AS version, m.checksum AS checksum',
    params: {},
  };
}

/** One DDL or data statement of a migration, as its file gives it (no parameters). */
export function migrationStep(version: number, index: number, cypher: string): Statement<Record<string, never>> {
  return { name: `migration-${version}-${index}`, cypher, params: {} };
}

export function recordMigration(version: number, name: string, checksum: string): Statement<Record<string, never>> {
  return {
    name: 'recordMigration',
    cypher: `MERGE (m:Migration {version: toInteger($version)})
             ON CREATE SET m.name = $name, m.checksum = $checksum, m.appliedAt = datetime()`,
    params: { version, name, checksum },
  };
}

/** Each property as [name, Neo4j type, value], so that restore gives back the same types. */
const TYPED = (v: string): string => `[k IN keys(${v}) | [k, valueType(${v}[k]), ${v}[k]]]`;

export function backupNodes(): Statement<{ labels: string[]; props: TypedProperty[] }> {
  return { name: 'backupNodes', cypher: `MATCH (n) RETURN labels(n) AS labels, ${TYPED('n')} AS props`, params: {} };
}

/**
 * Every relationship with its ends named by their first label in `order` and the key
 * property of that label (`keys`).
 */
export function backupRelationships(
  order: readonly string[],
  keys: Readonly<Record<string, string>>,
): Statement<{
  type: string;
  startLabel: string;
  startKey: unknown;
  endLabel: string;
  endKey: unknown;
  props: TypedProperty[];
}> {
  return {
    name: 'backupRelationships',
    cypher: `MATCH (n)-[r]->(m)
             WITH r, n, m, head([l IN $order WHERE l IN labels(n)]) AS startLabel, head([l IN $order WHERE l IN labels(m)]) AS endLabel
             RETURN type(r) AS type, startLabel, n[$keys[startLabel]] AS startKey, endLabel, m[$keys[endLabel]] AS endKey, ${TYPED('r')} AS props`,
    params: { order, keys },
  };
}

export function wipeGraph(): Statement<Record<string, never>> {
  return { name: 'wipeGraph', cypher: 'MATCH (n) DETACH DELETE n', params: {} };
}

/** `labels`: the node's labels joined with ":", each one this service writes. */
export function restoreNodes(
  labels: string,
  rows: readonly Record<string, unknown>[],
): Statement<Record<string, never>> {
  return { name: 'restoreNodes', cypher: `UNWIND $rows AS row CREATE (n:${labels}) SET n = row`, params: { rows } };
}

/** Relationships of one type between two labels, their ends found by the labels' key properties. */
export function restoreRelationships(
  type: string,
  start: { label: string; key: string },
  end: { label: string; key: string },
  rows: readonly { s: unknown; e: unknown; props: Record<string, unknown> }[],
): Statement<{ n: number }> {
  return {
    name: 'restoreRelationships',
    cypher: `UNWIND $rows AS row
             MATCH (a:${start.label} {${start.key}: row.s})
             MATCH (b:${end.label} {${end.key}: row.e})
             CREATE (a)-[r:${type}]->(b) SET r = row.props
             RETURN count(r) AS n`,
    params: { rows },
  };
}
