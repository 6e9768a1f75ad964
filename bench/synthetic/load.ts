/**
 * Loads a synthetic organisation (plan.ts) into a graph, and removes it again.
 * Records and links go in batches, one statement per batch of one type or link kind,
 * one transaction per batch; each batch appends its change log entries (one CREATE per
 * record, one LINK per link, by the system actor) in the same transaction, as writes
 * through the API would, so that coverage over time can be profiled at scale.
 */
import { ENTITY_TYPES, linkDef, type EntityType } from '../../src/domain/entity-spec.js';
import { SYSTEM_ACTOR } from '../../src/domain/change-log.js';
import { FRAMEWORK_IDS, type FrameworkId } from '../../src/domain/vocabulary.js';
import type { GraphExecutor } from '../../src/graph/executor.js';
import type { ChangeEntry } from '../../src/domain/change-log.js';
import { appendChanges } from '../../src/graph/statements/changes.js';
import {
  countOrganisationRecords,
  createSyntheticEntities,
  createSyntheticLinks,
  deleteSyntheticChanges,
  deleteSyntheticEntities,
  findSyntheticChangeRange,
  listAuditableRequirements,
  settleChangeCounter,
} from '../../src/graph/statements/synthetic.js';
import {
  planSynthetic,
  syntheticIdPrefix,
  type RequirementsByFramework,
  type SyntheticLink,
  type SyntheticPlan,
  type SyntheticRecord,
} from './plan.js';

export class SyntheticRefusedError extends Error {
  override name = 'SyntheticRefusedError';
}

export interface SyntheticOptions {
  readonly scale: number;
  readonly seed: number;
  /** Called after each committed batch with the rows written so far and the rows planned. */
  readonly onProgress?: (written: number, total: number) => void;
  /** Remove synthetic records already in the graph first (otherwise their presence is refused). */
  readonly replace?: boolean;
  /** Load even though the graph holds organisation records that are not synthetic. */
  readonly force?: boolean;
  /** Rows per statement (and per transaction); 2,000 unless given. */
  readonly batchSize?: number;
  /** Append change log entries (default true). */
  readonly changeLog?: boolean;
}

export interface SyntheticCounts {
  readonly records: Readonly<Record<EntityType, number>>;
  readonly links: Readonly<Record<string, number>>;
  readonly totalRecords: number;
  readonly totalLinks: number;
  readonly changes: number;
  /** Synthetic records removed first (with --replace). */
  readonly removed: number;
  /** How long planning took, and loading (after any removal). */
  readonly planMs: number;
  readonly loadMs: number;
}

export const DEFAULT_SYNTHETIC_BATCH = 2000;
const SYNTHETIC_PREFIXES = ENTITY_TYPES.map(syntheticIdPrefix);
/** Generous: a batch of evidence links on a busy shared machine still finishes. */
const BATCH_TIMEOUT_MS = 600_000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The current, auditable requirements of the five frameworks, as the graph holds them. */
export async function readRequirements(graph: GraphExecutor): Promise<RequirementsByFramework> {
  const rows = await graph.read(listAuditableRequirements(FRAMEWORK_IDS));
  const out = Object.fromEntries(FRAMEWORK_IDS.map((f) => [f, [] as string[]])) as Record<FrameworkId, string[]>;
  for (const row of rows) out[row.frameworkId as FrameworkId]?.push(row.id);
  return out;
}

export async function countOrganisation(graph: GraphExecutor): Promise<{ synthetic: number; other: number }> {
  const [row] = await graph.read(countOrganisationRecords(SYNTHETIC_PREFIXES));
  return { synthetic: row?.synthetic ?? 0, other: row?.other ?? 0 };
}

/**
 * Removes every synthetic record (whatever its seed), its links and its change log
 * entries, in batches. When those entries were the newest in the log, the change counter
 * goes back to where it stood before them, so a load followed by a removal leaves the
 * graph as it was.
 * Organisation records that are not synthetic are not touched, except that links
 * between them and synthetic records go with the synthetic records.
 */
export async function removeSynthetic(
  graph: GraphExecutor,
  options: { batchSize?: number; onProgress?: (removed: number) => void } = {},
): Promise<number> {
  const limit = options.batchSize ?? DEFAULT_SYNTHETIC_BATCH;
  const [range] = await graph.read(findSyntheticChangeRange(SYNTHETIC_PREFIXES));
  let removed = 0;
  for (const prefix of SYNTHETIC_PREFIXES) {
    for (;;) {
      const [row] = await graph.transaction(
        'WRITE',
        'removeSynthetic',
        (tx) => tx.run(deleteSyntheticEntities(prefix, limit)),
        { timeoutMs: BATCH_TIMEOUT_MS },
      );
      const deleted = row?.deleted ?? 0;
      removed += deleted;
      if (deleted > 0) options.onProgress?.(removed);
      if (deleted < limit) break;
    }
    for (;;) {
      const [row] = await graph.transaction(
        'WRITE',
        'removeSyntheticChanges',
        (tx) => tx.run(deleteSyntheticChanges(prefix, limit * 5)),
        { timeoutMs: BATCH_TIMEOUT_MS },
      );
      if ((row?.deleted ?? 0) < limit * 5) break;
    }
  }
  if (range?.first != null && range.last != null) await graph.write(settleChangeCounter(range.first, range.last));
  return removed;
}

/** What a created record looks like in the change log: the record as the API returns it. */
function createdEntry(record: SyntheticRecord, at: string): ChangeEntry {
  const fields = Object.fromEntries(Object.entries(record.values).filter(([, v]) => v !== null));
  return {
    operation: 'CREATE',
    entityId: record.id,
    entityType: record.type,
    before: null,
    after: { ...fields, id: record.id, type: record.type, version: 1, createdAt: at, updatedAt: at, externalRefs: [] },
  };
}

function linkEntry(link: SyntheticLink): ChangeEntry {
  return {
    operation: 'LINK',
    entityId: link.from,
    entityType: link.fromType,
    otherId: link.to,
    linkKind: link.kind,
    before: null,
    after: { property: link.property },
  };
}

/** The plan's links grouped by kind and by the space of their `to` end, in plan order. */
function linkGroups(
  plan: SyntheticPlan,
): { kind: string; toSpace: 'Entity' | 'Requirement'; links: SyntheticLink[] }[] {
  const groups = new Map<string, { kind: string; toSpace: 'Entity' | 'Requirement'; links: SyntheticLink[] }>();
  for (const link of plan.links) {
    const toSpace = link.toKind === 'Requirement' ? 'Requirement' : 'Entity';
    const key = `${link.kind}|${toSpace}`;
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { kind: link.kind, toSpace, links: [] }));
    group.links.push(link);
  }
  return [...groups.values()];
}

/**
 * Plans a synthetic organisation over the catalogue in the graph and loads it. Refuses
 * (SyntheticRefusedError) when the graph holds organisation records that are not
 * synthetic, unless `force`, and when it already holds synthetic records, unless
 * `replace`.
 */
export async function generateSynthetic(graph: GraphExecutor, options: SyntheticOptions): Promise<SyntheticCounts> {
  const batchSize = options.batchSize ?? DEFAULT_SYNTHETIC_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batch size must be a positive integer');
  const requirements = await readRequirements(graph);
  const missing = FRAMEWORK_IDS.filter((f) => requirements[f].length === 0);
  if (missing.length > 0)
    throw new SyntheticRefusedError(
      `the catalogue has no requirements of ${missing.join(', ')}; load it first (npm run seed)`,
    );
  const existing = await countOrganisation(graph);
  if (existing.other > 0 && options.force !== true) {
    throw new SyntheticRefusedError(
      `the graph holds ${existing.other} organisation records that are not synthetic; use --force to add a synthetic organisation next to them`,
    );
  }
  if (existing.synthetic > 0 && options.replace !== true) {
    throw new SyntheticRefusedError(
      `the graph already holds ${existing.synthetic} synthetic records; use --replace to remove them first`,
    );
  }
  const planned = performance.now();
  const plan = planSynthetic({ scale: options.scale, seed: options.seed, requirements });
  const planMs = performance.now() - planned;
  const removed = existing.synthetic > 0 ? await removeSynthetic(graph, { batchSize }) : 0;
  const started = performance.now();

  const changeLog = options.changeLog ?? true;
  const groups = linkGroups(plan);
  const totalRecords = ENTITY_TYPES.reduce((sum, t) => sum + plan.records[t].length, 0);
  const total = totalRecords + plan.links.length;
  let written = 0;
  let changes = 0;
  const at = new Date().toISOString();

  for (const type of ENTITY_TYPES) {
    for (const batch of chunks(plan.records[type], batchSize)) {
      await graph.transaction(
        'WRITE',
        'generateSynthetic',
        async (tx) => {
          const [row] = await tx.run(createSyntheticEntities(type, batch, at));
          if (row?.created !== batch.length)
            throw new Error(`created ${row?.created ?? 0} of ${batch.length} ${type} records`);
          if (changeLog)
            await tx.run(
              appendChanges(
                SYSTEM_ACTOR,
                batch.map((r) => createdEntry(r, at)),
              ),
            );
        },
        { timeoutMs: BATCH_TIMEOUT_MS },
      );
      written += batch.length;
      if (changeLog) changes += batch.length;
      options.onProgress?.(written, total);
    }
  }
  const linkCounts: Record<string, number> = {};
  for (const group of groups) {
    const def = linkDef(group.kind)!;
    for (const batch of chunks(group.links, batchSize)) {
      await graph.transaction(
        'WRITE',
        'generateSynthetic',
        async (tx) => {
          const [row] = await tx.run(createSyntheticLinks(def, group.toSpace, batch));
          // A requirement the catalogue lost between planning and loading matches nothing: refuse rather than drop links.
          if (row?.created !== batch.length)
            throw new Error(`created ${row?.created ?? 0} of ${batch.length} ${group.kind} links`);
          if (changeLog) await tx.run(appendChanges(SYSTEM_ACTOR, batch.map(linkEntry)));
        },
        { timeoutMs: BATCH_TIMEOUT_MS },
      );
      written += batch.length;
      if (changeLog) changes += batch.length;
      linkCounts[group.kind] = (linkCounts[group.kind] ?? 0) + batch.length;
      options.onProgress?.(written, total);
    }
  }
  return {
    records: Object.fromEntries(ENTITY_TYPES.map((t) => [t, plan.records[t].length])) as Record<EntityType, number>,
    links: linkCounts,
    totalRecords,
    totalLinks: plan.links.length,
    changes,
    removed,
    planMs,
    loadMs: performance.now() - started,
  };
}
