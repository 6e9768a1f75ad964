/**
 * Loading the catalogue: the five frameworks' requirements, their versions and the
 * crosswalk sets of seed/, when the graph is empty or the seed changed, in one
 * transaction with its change-log entries. Reading and checking the files is
 * ingest/seed.ts's.
 */
import type { MappingRow } from '../graph/rows.js';
import { createHash } from 'node:crypto';
import type { ChangeEntry } from '../domain/change-log.js';
import { frameworkVersionId, requirementId } from '../domain/ids.js';
import type { GraphExecutor, TransactionRunner } from '../graph/executor.js';
import {
  findSeedState,
  linkRequirementParents,
  pruneFrameworkVersions,
  pruneRequirements,
  recordSeedState,
  resetCurrentRequirements,
  upsertFramework,
  upsertFrameworkVersion,
  upsertRequirements,
  type SeedRequirement,
} from '../graph/statements/catalogue.js';
import {
  createMappings,
  deleteMappingsOfSet,
  listCrosswalkSets,
  listMappingsBySetIds,
  pruneSeededCrosswalkSets,
  upsertCrosswalkSet,
  type SeedMapping,
} from '../graph/statements/crosswalk.js';
import type { Catalogue } from '../ingest/catalogue-file.js';
import { SYSTEM, write } from './changes.js';
import {
  byFramework,
  catalogueRefs,
  readCatalogues,
  readCrosswalks,
  SeedValidationError,
  type SeedReport,
} from '../ingest/seed.js';

const BATCH = 500;
const SEED_STATE_ID = 'seed';

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
  return {
    operation: 'CROSSWALK_LOAD',
    entityId: setId,
    entityType: 'CrosswalkSet',
    before: before.length === 0 ? null : { mappings: before },
    after: { mappings: after },
  };
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
  say(
    `seed: loading ${seed.catalogues.length} catalogue versions and ${crosswalkSeed.crosswalks.length} crosswalk sets in one transaction`,
  );
  const report = await write({ graph, actor: SYSTEM }, 'loadSeed', async (tx, log) => {
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
          await tx.run(
            upsertRequirements(frameworkId, versionId, catalogue.framework.current, requirements.slice(i, i + BATCH)),
          );
        }
        for (let i = 0; i < requirements.length; i += BATCH) {
          const links = requirements.slice(i, i + BATCH).map(({ id, parentId }) => ({ id, parentId }));
          await tx.run(linkRequirementParents(frameworkId, links));
        }
        for (const r of requirements) keep.add(r.id);
      }
      await tx.run(
        pruneFrameworkVersions(
          frameworkId,
          versions.map((c) => frameworkVersionId(frameworkId, c.framework.version)),
        ),
      );
      const [pruned] = await tx.run(pruneRequirements(frameworkId, [...keep]));
      const count = current.requirements.length;
      written += count;
      say(
        `seed: [${index + 1}/${groups.length}] ${frameworkId}: ${count} requirements` +
          `${versions.length > 1 ? ` (${versions.length} versions)` : ''} (${written}/${total})`,
      );
      frameworks.push({
        id: frameworkId,
        requirements: count,
        removed: pruned?.removed ?? 0,
        keptInUse: pruned?.kept ?? [],
      });
      changes.push({
        operation: 'CATALOGUE_LOAD',
        entityId: frameworkId,
        entityType: 'Framework',
        before: null,
        after: {
          versions: versions.map((c) => c.framework.version),
          requirements: count,
          removed: pruned?.removed ?? 0,
          checksum,
        },
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
        throw new SeedValidationError([
          `${set.id}: only ${created} of ${mappings.length} mappings found their requirements`,
        ]);
      }
      say(`seed: crosswalk [${index + 1}/${crosswalkSeed.crosswalks.length}] ${set.id}: ${created} mappings`);
      crosswalks.push({ id: set.id, mappings: created });
    }
    const keepSets = crosswalkSeed.crosswalks.map((c) => c.set.id);
    const leaving = (await tx.run(listCrosswalkSets()))
      .map((r) => r.set)
      .filter((s) => s.origin === 'SEED' && !keepSets.includes(s.id));
    const leavingMappings =
      leaving.length === 0 ? [] : (await tx.run(listMappingsBySetIds(leaving.map((s) => s.id)))).map((r) => r.mapping);
    const [pruned] = await tx.run(pruneSeededCrosswalkSets(keepSets));
    for (const id of pruned?.removed ?? []) {
      const mappings = leavingMappings
        .filter((m) => m.set === id)
        .map(({ sourcePosition: _s, targetPosition: _t, ...m }) => m);
      changes.push({
        operation: 'CROSSWALK_REMOVE',
        entityId: id,
        entityType: 'CrosswalkSet',
        before: { mappings },
        after: null,
      });
    }
    log.record(changes);
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
