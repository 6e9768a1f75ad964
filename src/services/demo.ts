/**
 * The demo organisation in seed/demo/organisation.json: loaded into a graph that has no
 * organisation records yet, validated whole first, written in one transaction. Record
 * keys become stable ids, so the same demo always has the same ids.
 */
import type { NodeSpace } from '../graph/rows.js';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ENTITIES, ENTITY_TYPES, linkDef, type EntityType } from '../domain/entity-spec.js';
import { crossFieldProblems, validateEntityInput } from '../domain/entity-input.js';
import type { GraphExecutor } from '../graph/executor.js';
import type { ChangeEntry } from '../domain/change-log.js';
import { countEntities, createEntity, createLink } from '../graph/statements/organisation.js';
import { uuidFor } from '../ingest/oscal-common.js';
import { SeedValidationError } from '../ingest/seed.js';
import { SYSTEM, write } from './changes.js';

interface DemoRecord {
  key: string;
  type: EntityType;
  fields: Record<string, unknown>;
  externalRefs?: { system: string; id: string }[];
}
interface DemoLink {
  kind: string;
  from: string;
  to: string;
  purpose?: string;
  coverage?: string;
}

/** The id the demo gives the record with this key. */
export function demoId(type: EntityType, key: string): string {
  return `${ENTITIES[type].prefix}_${uuidFor(`demo:${key}`)}`;
}

export interface DemoReport {
  readonly loaded: boolean;
  readonly records: number;
  readonly links: number;
}

export async function loadDemo(
  graph: GraphExecutor,
  seedDir: string,
  say: (line: string) => void = () => {},
): Promise<DemoReport> {
  const file = path.join(seedDir, 'demo', 'organisation.json');
  const doc = JSON.parse(await readFile(file, 'utf8')) as { records: DemoRecord[]; links: DemoLink[] };
  const problems: string[] = [];
  const types = new Map<string, EntityType>();
  const values = new Map<string, Record<string, unknown>>();
  for (const [index, record] of doc.records.entries()) {
    const where = `organisation.json: records[${index}] (${record.key})`;
    if (!ENTITY_TYPES.includes(record.type)) {
      problems.push(`${where}: unknown type ${record.type}`);
      continue;
    }
    if (types.has(record.key)) problems.push(`${where}: duplicate key`);
    types.set(record.key, record.type);
    const result = validateEntityInput(ENTITIES[record.type], record.fields, 'create');
    if (!result.ok) problems.push(...result.problems.map((p) => `${where}: ${p.field} ${p.message}`));
    else {
      problems.push(...crossFieldProblems(record.type, result.values).map((p) => `${where}: ${p.field} ${p.message}`));
      values.set(record.key, result.values);
    }
  }
  const resolve = (ref: string): { space: NodeSpace; id: string; kind: string } | undefined => {
    const type = types.get(ref);
    if (type !== undefined) return { space: 'Entity', id: demoId(type, ref), kind: type };
    return ref.includes(':') ? { space: 'Requirement', id: ref, kind: 'Requirement' } : undefined;
  };
  for (const [index, link] of doc.links.entries()) {
    const where = `organisation.json: links[${index}] (${link.kind} ${link.from} -> ${link.to})`;
    const def = linkDef(link.kind);
    const from = resolve(link.from);
    const to = resolve(link.to);
    if (def === undefined) problems.push(`${where}: unknown link kind`);
    else if (from === undefined || to === undefined) problems.push(`${where}: unknown key`);
    else if (!def.from.includes(from.kind as EntityType) || !def.to.includes(to.kind as EntityType))
      problems.push(`${where}: joins the wrong types`);
    else if (def.property && !def.property.values.includes(String(link[def.property.name])))
      problems.push(`${where}: needs a valid ${def.property.name}`);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);

  const [existing] = await graph.read(countEntities());
  if ((existing?.n ?? 0) > 0) {
    say('demo: the graph already holds organisation records; the demo organisation is not loaded');
    return { loaded: false, records: 0, links: 0 };
  }
  say(`demo: loading ${doc.records.length} records and ${doc.links.length} links in one transaction`);
  await write({ graph, actor: SYSTEM }, 'loadDemo', async (tx, log) => {
    const changes: ChangeEntry[] = [];
    for (const record of doc.records) {
      const id = demoId(record.type, record.key);
      const [row] = await tx.run(createEntity(record.type, id, values.get(record.key)!, record.externalRefs ?? []));
      changes.push({ operation: 'CREATE', entityId: id, entityType: record.type, before: null, after: row!.entity });
    }
    for (const link of doc.links) {
      const def = linkDef(link.kind)!;
      const from = resolve(link.from)!;
      const to = resolve(link.to)!;
      const rows = await tx.run(createLink(def, from, to, def.property ? String(link[def.property.name]) : null));
      // A requirement the catalogue lacks matches nothing: refuse rather than drop the link.
      if (rows.length === 0)
        throw new SeedValidationError([
          `organisation.json: ${link.kind} ${link.from} -> ${link.to}: ${link.to} does not exist`,
        ]);
      const property = def.property ? String(link[def.property.name]) : null;
      changes.push({
        operation: 'LINK',
        entityId: from.id,
        entityType: from.kind,
        otherId: to.id,
        linkKind: def.kind,
        before: null,
        after: { property },
      });
    }
    log.record(changes);
  });
  say(`demo: loaded ${doc.records.length} records and ${doc.links.length} links of the demo organisation`);
  return { loaded: true, records: doc.records.length, links: doc.links.length };
}
