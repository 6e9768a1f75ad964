/**
 * Loads seed/catalogues into the graph. Every file is read and validated before
 * anything is written; then all frameworks are written in one transaction, so a
 * failure leaves the previous catalogue untouched. Loading twice changes nothing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../domain/change-log.js';
import type { GraphExecutor, TransactionRunner } from '../graph/executor.js';
import type { ChangeEntry } from '../domain/change-log.js';
import { appendChanges } from '../graph/statements/changes.js';
import {
  findSeedState,
  frameworkVersionId,
  linkRequirementParents,
  pruneFrameworkVersions,
  resetCurrentRequirements,
  upsertFrameworkVersion,
  pruneRequirements,
  recordSeedState,
  requirementId,
  upsertFramework,
  upsertRequirements,
  type SeedRequirement,
} from '../graph/statements/catalogue.js';
import {
  createMappings,
  deleteMappingsOfSet,
  listCrosswalkSets,
  listMappingsBySetIds,
  pruneSeededCrosswalkSets,
  type MappingRow,
  upsertCrosswalkSet,
  type SeedMapping,
} from '../graph/statements/crosswalk.js';
import type { ApplicabilityRules } from '../domain/ai-act-applicability.js';
import { parseApplicabilityRules } from './applicability-rules-file.js';
import { parseCatalogueFile, type Catalogue } from './catalogue-file.js';
import { parseCrosswalkFile, type CatalogueRefs, type CrosswalkSetFile } from './crosswalk-file.js';

const BATCH = 500;
const SEED_STATE_ID = 'seed';

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(readonly problems: readonly string[]) {
    super(`the seed is invalid; nothing was written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface SeedReport {
  readonly skipped: boolean;
  readonly checksum: string;
  readonly frameworks: readonly { id: string; requirements: number; removed: number; keptInUse: string[] }[];
  readonly crosswalks: readonly { id: string; mappings: number }[];
  readonly removedCrosswalks: readonly string[];
}

export interface LoadedSeed {
  readonly checksum: string;
  readonly catalogues: readonly Catalogue[];
}

export interface LoadedCrosswalks {
  readonly checksum: string;
  readonly crosswalks: readonly CrosswalkSetFile[];
}

/** Each framework's references, as the crosswalk validator needs them. */
export function catalogueRefs(catalogues: readonly Catalogue[]): CatalogueRefs {
  // Requirements of every version: a crosswalk may map a requirement a later version added.
  const refs = new Map<string, Set<string>>();
  for (const c of catalogues) {
    const set = refs.get(c.framework.id) ?? new Set<string>();
    for (const r of c.requirements) set.add(r.ref);
    refs.set(c.framework.id, set);
  }
  return refs;
}

/** A framework's versions, the current one last, so that its headings and hierarchy win. */
function byFramework(catalogues: readonly Catalogue[]): Catalogue[][] {
  const groups = new Map<string, Catalogue[]>();
  for (const c of catalogues) groups.set(c.framework.id, [...(groups.get(c.framework.id) ?? []), c]);
  return [...groups.values()].map((versions) => [...versions].sort((a, b) => Number(a.framework.current) - Number(b.framework.current)));
}

/**
 * Reads and validates every crosswalk file against the catalogue; throws
 * SeedValidationError listing all problems. A missing folder means no crosswalks.
 */
export async function readCrosswalks(seedDir: string, refs: CatalogueRefs): Promise<LoadedCrosswalks> {
  const { checksum, items: crosswalks, problems } = await readJsonFiles(path.join(seedDir, 'crosswalks'), true, (json, file) =>
    parseCrosswalkFile(json, file, refs),
  );
  const ids = crosswalks.map((c) => c.set.id);
  for (const id of new Set(ids)) {
    if (ids.filter((x) => x === id).length > 1) problems.push(`crosswalk set "${id}" is defined by more than one file`);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return { checksum, crosswalks };
}

type Parsed<T> = { ok: true; catalogue: T } | { ok: true; crosswalk: T } | { ok: false; problems: string[] };

/**
 * Reads every JSON file of a folder in name order, parses each with `parse`, and hashes
 * names and contents (the checksum that tells whether the seed changed). Problems from
 * every file are collected, not thrown. A missing folder is empty when `optional`.
 */
async function readJsonFiles<T>(
  dir: string,
  optional: boolean,
  parse: (json: unknown, file: string) => Parsed<T>,
): Promise<{ checksum: string; items: T[]; problems: string[]; files: string[] }> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    if (!optional) throw err;
    files = [];
  }
  const problems: string[] = [];
  const items: T[] = [];
  const hash = createHash('sha256');
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const result = parse(json, file);
    if (!result.ok) problems.push(...result.problems);
    else items.push('catalogue' in result ? result.catalogue : result.crosswalk);
  }
  return { checksum: hash.digest('hex'), items, problems, files };
}

/** Reads and validates every catalogue file; throws SeedValidationError listing all problems. */
export async function readCatalogues(seedDir: string): Promise<LoadedSeed> {
  const dir = path.join(seedDir, 'catalogues');
  const { checksum, items: catalogues, problems, files } = await readJsonFiles(dir, false, parseCatalogueFile);
  if (files.length === 0) problems.push(`${dir}: no catalogue files`);
  // A framework may have several versions, one file each, exactly one of them current.
  for (const id of new Set(catalogues.map((c) => c.framework.id))) {
    const versions = catalogues.filter((c) => c.framework.id === id);
    const labels = versions.map((c) => c.framework.version);
    if (new Set(labels).size !== labels.length) problems.push(`framework "${id}": a version is defined by more than one file`);
    const current = versions.filter((c) => c.framework.current).length;
    if (current !== 1) problems.push(`framework "${id}": exactly one version must be current (found ${current})`);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return { checksum, catalogues };
}

/** The file of EU AI Act applicability rules, under the seed folder. */
export const APPLICABILITY_RULES_FILE = path.join('rules', 'eu-ai-act-applicability.json');

/**
 * Reads and validates the EU AI Act applicability rules against the catalogues; throws
 * SeedValidationError listing all problems. The rules are read by the service at start,
 * not stored in the graph: they change with a release, like the code that applies them.
 */
export async function readApplicabilityRules(seedDir: string, catalogues?: readonly Catalogue[]): Promise<ApplicabilityRules> {
  const known = catalogues ?? (await readCatalogues(seedDir)).catalogues;
  const text = await readFile(path.join(seedDir, APPLICABILITY_RULES_FILE), 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedValidationError([`${APPLICABILITY_RULES_FILE}: not valid JSON (${(err as Error).message})`]);
  }
  const result = parseApplicabilityRules(json, APPLICABILITY_RULES_FILE, known);
  if (!result.ok) throw new SeedValidationError(result.problems);
  return result.rules;
}

function seedRequirements(catalogue: Catalogue): SeedRequirement[] {
  const fw = catalogue.framework.id;
  return catalogue.requirements.map((r) => ({
    id: requirementId(fw, r.ref),
    ref: r.ref,
    title: r.title,
    kind: r.kind,
    auditable: r.auditable,
    summary: r.summary,
    position: r.position,
    parentId: r.parent === null ? null : requirementId(fw, r.parent),
    roles: r.roles,
    rolesConditional: r.rolesConditional,
    rolesNote: r.rolesNote,
  }));
}

export interface SeedOptions {
  /** Load even when the graph already holds this exact seed. */
  readonly force?: boolean;
  readonly say?: (line: string) => void;
}

/**
 * Replaces a crosswalk set's mappings inside a transaction and returns the change log
 * entry for it, or null when the mappings came out the same. The entry keeps both lists,
 * so what a set said on any past day can be read back.
 */
export async function replaceMappingsOfSet(
  tx: TransactionRunner,
  setId: string,
  write: () => Promise<void>,
): Promise<ChangeEntry | null> {
  const read = async (): Promise<Omit<MappingRow, 'sourcePosition' | 'targetPosition'>[]> =>
    (await tx.run(listMappingsBySetIds([setId])))
      .map(({ mapping: { sourcePosition: _s, targetPosition: _t, ...m } }) => m)
      .sort((a, b) => a.id.localeCompare(b.id));
  const before = await read();
  await tx.run(deleteMappingsOfSet(setId));
  await write();
  const after = await read();
  if (JSON.stringify(before) === JSON.stringify(after)) return null;
  return { operation: 'CROSSWALK_LOAD', entityId: setId, entityType: 'CrosswalkSet', before: before.length === 0 ? null : { mappings: before }, after: { mappings: after } };
}

/** A stable id for a mapping of a set: the set and the two references it joins. */
export const mappingId = (setId: string, source: string, target: string): string => `${setId}:${source}->${target}`;

/**
 * Loads the catalogues and the crosswalk sets when the graph is empty or the seed changed
 * since the last load: everything is validated first, then written in one transaction.
 */
export async function loadSeed(graph: GraphExecutor, seedDir: string, options: SeedOptions = {}): Promise<SeedReport> {
  const say = options.say ?? (() => {});
  const seed = await readCatalogues(seedDir);
  const crosswalkSeed = await readCrosswalks(seedDir, catalogueRefs(seed.catalogues));
  const checksum = createHash('sha256').update(seed.checksum).update(crosswalkSeed.checksum).digest('hex');
  const [state] = await graph.read(findSeedState(SEED_STATE_ID));
  if (!options.force && state?.checksum === checksum) {
    say('seed: catalogues and crosswalks are up to date');
    return { skipped: true, checksum, frameworks: [], crosswalks: [], removedCrosswalks: [] };
  }
  const started = Date.now();
  const total = seed.catalogues.filter((c) => c.framework.current).reduce((n, c) => n + c.requirements.length, 0);
  say(`seed: loading ${seed.catalogues.length} catalogue versions and ${crosswalkSeed.crosswalks.length} crosswalk sets in one transaction`);
  const report = await graph.transaction('WRITE', 'loadSeed', async (tx) => {
    const frameworks: SeedReport['frameworks'][number][] = [];
    const changes: ChangeEntry[] = [];
    let written = 0;
    const groups = byFramework(seed.catalogues);
    for (const [index, versions] of groups.entries()) {
      const current = versions[versions.length - 1]!;
      const frameworkId = current.framework.id;
      await tx.run(upsertFramework({ ...current.framework, ...current.source }));
      await tx.run(resetCurrentRequirements(frameworkId));
      const keep = new Set<string>();
      for (const catalogue of versions) {
        const versionId = frameworkVersionId(frameworkId, catalogue.framework.version);
        await tx.run(
          upsertFrameworkVersion({
            id: versionId,
            frameworkId,
            version: catalogue.framework.version,
            current: catalogue.framework.current,
            note: catalogue.framework.versionNote,
            edition: catalogue.source.edition,
            licence: catalogue.source.licence,
            references: catalogue.source.references,
          }),
        );
        const requirements = seedRequirements(catalogue);
        for (let i = 0; i < requirements.length; i += BATCH) {
          await tx.run(upsertRequirements(frameworkId, versionId, catalogue.framework.current, requirements.slice(i, i + BATCH)));
        }
        for (let i = 0; i < requirements.length; i += BATCH) {
          const links = requirements.slice(i, i + BATCH).map(({ id, parentId }) => ({ id, parentId }));
          await tx.run(linkRequirementParents(frameworkId, links));
        }
        for (const r of requirements) keep.add(r.id);
      }
      await tx.run(pruneFrameworkVersions(frameworkId, versions.map((c) => frameworkVersionId(frameworkId, c.framework.version))));
      const [pruned] = await tx.run(pruneRequirements(frameworkId, [...keep]));
      const count = current.requirements.length;
      written += count;
      say(
        `seed: [${index + 1}/${groups.length}] ${frameworkId}: ${count} requirements` +
          `${versions.length > 1 ? ` (${versions.length} versions)` : ''} (${written}/${total})`,
      );
      frameworks.push({ id: frameworkId, requirements: count, removed: pruned?.removed ?? 0, keptInUse: pruned?.kept ?? [] });
      changes.push({
        operation: 'CATALOGUE_LOAD',
        entityId: frameworkId,
        entityType: 'Framework',
        before: null,
        after: { versions: versions.map((c) => c.framework.version), requirements: count, removed: pruned?.removed ?? 0, checksum },
      });
    }
    const crosswalks: SeedReport['crosswalks'][number][] = [];
    for (const [index, crosswalk] of crosswalkSeed.crosswalks.entries()) {
      const { set, from, to } = crosswalk;
      await tx.run(upsertCrosswalkSet({ ...set, fromFramework: from, toFramework: to, origin: 'SEED' }));
      const mappings: SeedMapping[] = crosswalk.mappings.map((m) => ({
        ...m,
        id: mappingId(set.id, m.source, m.target),
        sourceId: requirementId(from, m.source),
        targetId: requirementId(to, m.target),
      }));
      let created = 0;
      const change = await replaceMappingsOfSet(tx, set.id, async () => {
        for (let i = 0; i < mappings.length; i += BATCH) {
          const [row] = await tx.run(createMappings(set.id, mappings.slice(i, i + BATCH)));
          created += row?.created ?? 0;
        }
      });
      if (change !== null) changes.push(change);
      if (created !== mappings.length) {
        // Validation checked every reference; a shortfall means the catalogue changed under us.
        throw new SeedValidationError([`${set.id}: only ${created} of ${mappings.length} mappings found their requirements`]);
      }
      say(`seed: crosswalk [${index + 1}/${crosswalkSeed.crosswalks.length}] ${set.id}: ${created} mappings`);
      crosswalks.push({ id: set.id, mappings: created });
    }
    const keepSets = crosswalkSeed.crosswalks.map((c) => c.set.id);
    const leaving = (await tx.run(listCrosswalkSets())).map((r) => r.set).filter((s) => s.origin === 'SEED' && !keepSets.includes(s.id));
    const leavingMappings = leaving.length === 0 ? [] : (await tx.run(listMappingsBySetIds(leaving.map((s) => s.id)))).map((r) => r.mapping);
    const [pruned] = await tx.run(pruneSeededCrosswalkSets(keepSets));
    for (const id of pruned?.removed ?? []) {
      const mappings = leavingMappings.filter((m) => m.set === id).map(({ sourcePosition: _s, targetPosition: _t, ...m }) => m);
      changes.push({ operation: 'CROSSWALK_REMOVE', entityId: id, entityType: 'CrosswalkSet', before: { mappings }, after: null });
    }
    if (changes.length > 0) await tx.run(appendChanges(SYSTEM_ACTOR, changes));
    await tx.run(recordSeedState(SEED_STATE_ID, checksum));
    return { frameworks, crosswalks, removedCrosswalks: pruned?.removed ?? [] };
  });
  const mappingTotal = report.crosswalks.reduce((n, c) => n + c.mappings, 0);
  say(
    `seed: ${total} requirements in ${report.frameworks.length} frameworks and ${mappingTotal} mappings in ` +
      `${report.crosswalks.length} crosswalk sets loaded in ${Date.now() - started} ms`,
  );
  return { skipped: false, checksum, ...report };
}
