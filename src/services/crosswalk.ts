/**
 * The crosswalk: its sets, the mappings between two frameworks read from one side, and
 * sets brought in from outside (CSV or OSCAL), checked against the catalogue and stored in one write.
 */
import type { CrosswalkSetRow, MappingDetailRow, MappingEndsRow, MappingRow } from '../graph/rows.js';
import { FRAMEWORK_IDS } from '../domain/vocabulary.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode, NotFoundError } from '../errors.js';
import type { ImportCrosswalkSetInput } from '../generated/resolvers.js';
import { requirementId } from '../domain/ids.js';
import { infer, inverse } from '../crosswalk/algebra.js';
import {
  createMappings,
  listCrosswalkSets,
  listMappingsBetween,
  listRefsOfFrameworks,
  MAX_HOPS,
  upsertCrosswalkSet,
} from '../graph/statements/crosswalk.js';
import { parseCrosswalkFile, type CrosswalkSetFile } from '../ingest/crosswalk-file.js';
import {
  crosswalkFromCsv,
  crosswalkFromOscal,
  crosswalkToCsv,
  crosswalkToOscal,
  ExchangeFormatError,
} from '../ingest/crosswalk-exchange.js';
import { frameworkToOscalCatalog } from '../ingest/oscal-catalog.js';
import { mappingId, replaceMappingsOfSet } from './seed.js';
import { write } from './changes.js';
import { checkId, dateTimeOf } from './checks.js';
import type { RequestScope } from './scope.js';
import type { MappingClaimView, MappingView } from './views.js';

/** A stored mapping read from the side of `fromId` (which must be one of its ends). */
export function readFrom(row: MappingEndsRow | MappingRow, fromId: string): MappingView {
  const inverted = row.sourceId !== fromId;
  return {
    row,
    sourceId: inverted ? row.targetId : row.sourceId,
    targetId: inverted ? row.sourceId : row.targetId,
    relationship: inverted ? inverse(row.relationship) : row.relationship,
    inverted,
  };
}

/** What a mapping says beyond its ends: from its row when that was read whole, else read with the others shown. */
export async function mappingDetail(
  scope: Pick<RequestScope, 'loaders'>,
  view: MappingView,
): Promise<MappingDetailRow> {
  if ('justification' in view.row) return view.row;
  const detail = await scope.loaders.mappingDetailById.load(view.row.id);
  if (detail === null) throw new NotFoundError('Mapping', view.row.id);
  return detail;
}

const frameworkOf = (requirementId: string): string => requirementId.slice(0, requirementId.indexOf(':'));

export async function crosswalkSets(scope: RequestScope): Promise<CrosswalkSetRow[]> {
  return (await scope.graph.read(listCrosswalkSets())).map((r) => r.set);
}

/** The stored mappings between two frameworks, read from `from`'s side, in catalogue order. */
export async function crosswalkBetween(scope: RequestScope, from: string, to: string): Promise<MappingView[]> {
  checkId(from, 'from');
  checkId(to, 'to');
  if (from === to) throw new BadUserInputError('from and to must be different frameworks', 'to');
  const rows = await scope.graph.read(listMappingsBetween(from, to));
  const position = (view: MappingView, end: 'source' | 'target'): number =>
    ((end === 'source') !== view.inverted ? view.row.sourcePosition : view.row.targetPosition) ?? 0;
  return rows
    .map(({ mapping }) =>
      readFrom(mapping, frameworkOf(mapping.sourceId) === from ? mapping.sourceId : mapping.targetId),
    )
    .sort((a, b) => position(a, 'source') - position(b, 'source') || position(a, 'target') - position(b, 'target'));
}

/** A requirement's mappings, read from its side: stored ones, and with `includeInferred` those the algebra proves along chains. */
export async function mappingsOf(
  scope: RequestScope,
  requirementId: string,
  args: {
    direction: 'OUTGOING' | 'INCOMING' | 'BOTH';
    includeInferred: boolean;
    maxHops: number;
    framework?: string | null;
  },
): Promise<MappingClaimView[]> {
  const framework = args.framework == null ? null : checkId(args.framework, 'framework');
  const keep = (targetId: string): boolean => framework === null || frameworkOf(targetId) === framework;
  const stored = (await scope.loaders.mappingsByRequirementId.load(requirementId))
    .filter((row) => args.direction === 'BOTH' || (args.direction === 'OUTGOING') === (row.sourceId === requirementId))
    .map((row) => readFrom(row, requirementId))
    .filter((view) => keep(view.targetId))
    .map((view) => ({
      sourceId: requirementId,
      targetId: view.targetId,
      relationship: view.relationship,
      inferred: false,
      chain: [view],
    }));
  if (!args.includeInferred) return stored;
  if (!Number.isInteger(args.maxHops) || args.maxHops < 1 || args.maxHops > MAX_HOPS) {
    throw new BadUserInputError(`maxHops must be a whole number from 1 to ${MAX_HOPS}`, 'maxHops');
  }
  const neighbourhood = await scope.loaders.neighbourhood(args.maxHops).load(requirementId);
  const rows = new Map(neighbourhood.map((row) => [row.id, row]));
  const inferred = infer(
    requirementId,
    neighbourhood.map((row) => ({
      id: row.id,
      source: row.sourceId,
      target: row.targetId,
      relationship: row.relationship,
    })),
    args.maxHops,
  )
    // One-step chains are the stored mappings themselves, already listed above.
    .filter((claim) => claim.chain.length > 1 && keep(claim.target))
    .map((claim) => ({
      sourceId: requirementId,
      targetId: claim.target,
      relationship: claim.relationship,
      inferred: true,
      chain: claim.chain.map((step) => readFrom(rows.get(step.mappingId)!, step.from)),
    }));
  return [...stored, ...inferred];
}

const refOf = (id: string): string => id.slice(id.indexOf(':') + 1);

async function loadSetFile(scope: RequestScope, id: string): Promise<{ set: CrosswalkSetRow; file: CrosswalkSetFile }> {
  const set = await scope.loaders.crosswalkSetById.load(checkId(id, 'id'));
  if (set === null) throw new NotFoundError('Crosswalk set', id);
  const rows = await scope.loaders.mappingsBySetId.load(set.id);
  const file: CrosswalkSetFile = {
    set: {
      id: set.id,
      title: set.title,
      description: set.description,
      publisher: set.publisher,
      source: set.source,
      sourceUrl: set.sourceUrl,
      licence: set.licence,
      method: set.method,
      relationshipsBy: set.relationshipsBy,
      addedBy: set.addedBy,
      addedAt: set.addedAt,
    },
    from: set.fromFramework,
    to: set.toFramework,
    mappings: rows.map((m) => ({
      source: refOf(m.sourceId),
      target: refOf(m.targetId),
      relationship: m.relationship,
      rationale: m.rationale,
      method: m.method,
      status: m.status,
      strength: m.strength,
      confidence: m.confidence,
      justification: m.justification,
      citation: m.citation,
      originalRelationship: m.originalRelationship,
    })),
  };
  return { set, file };
}

async function frameworkLabel(scope: RequestScope, id: string) {
  const framework = await scope.loaders.frameworkById.load(id);
  if (framework === null) throw new NotFoundError('Framework', id);
  return framework;
}

/** A crosswalk set as CSV (one row per mapping, the provenance on each) or as an OSCAL 1.2 mapping collection. */
export async function exportCrosswalkSet(scope: RequestScope, id: string, format: 'CSV' | 'OSCAL_JSON') {
  const { set, file } = await loadSetFile(scope, id);
  if (format === 'CSV') {
    return { fileName: `${set.id}.csv`, mediaType: 'text/csv', content: crosswalkToCsv(file) };
  }
  const [from, to] = await Promise.all([
    frameworkLabel(scope, set.fromFramework),
    frameworkLabel(scope, set.toFramework),
  ]);
  const document = crosswalkToOscal(file, from, to);
  return {
    fileName: `${set.id}.oscal.json`,
    mediaType: 'application/json',
    content: `${JSON.stringify(document, null, 2)}\n`,
  };
}

/** A framework's current version as an OSCAL 1.2 catalog. */
export async function exportFrameworkCatalog(scope: RequestScope, frameworkId: string) {
  const framework = await frameworkLabel(scope, checkId(frameworkId, 'framework'));
  const requirements = await scope.loaders.requirementsOfFramework.load({ frameworkId: framework.id });
  const document = frameworkToOscalCatalog(framework, requirements, dateTimeOf(scope.clock()));
  return {
    fileName: `${framework.id}.oscal-catalog.json`,
    mediaType: 'application/json',
    content: `${JSON.stringify(document, null, 2)}\n`,
  };
}

function invalid(problems: readonly string[]): AppError {
  return new AppError(
    ErrorCode.BAD_USER_INPUT,
    `The file is not a valid crosswalk set: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`,
    {
      field: 'content',
      problems: problems.slice(0, 100),
    },
  );
}

/** Imports a crosswalk set; `replace` lets it replace an imported set of the same id (never a seeded one). */
export async function importCrosswalkSet(scope: RequestScope, input: ImportCrosswalkSetInput) {
  let json: unknown;
  const refRows = await scope.graph.read(listRefsOfFrameworks(FRAMEWORK_IDS));
  const refs = new Map(refRows.map((r) => [r.frameworkId, new Set(r.refs)]));
  try {
    if (input.format === 'CSV') {
      json = crosswalkFromCsv(input.content);
    } else {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.content);
      } catch {
        throw new BadUserInputError('The content is not valid JSON', 'content');
      }
      json = crosswalkFromOscal(parsed, (framework) => refs.get(framework));
    }
  } catch (err) {
    if (err instanceof ExchangeFormatError) throw invalid(err.problems);
    throw err;
  }
  const result = parseCrosswalkFile(json, input.format === 'CSV' ? 'import.csv' : 'import.json', refs);
  if (!result.ok) throw invalid(result.problems);
  const { set, from, to, mappings } = result.crosswalk;
  const existing = await scope.loaders.crosswalkSetById.load(set.id);
  if (existing !== null && existing.origin === 'SEED') {
    throw new ConflictError(`Crosswalk set "${set.id}" comes from the seed and cannot be replaced by an import`, {
      id: set.id,
    });
  }
  if (existing !== null && !input.replace) {
    throw new ConflictError(`Crosswalk set "${set.id}" exists; import with replace: true to replace it`, {
      id: set.id,
    });
  }
  await write(scope, 'importCrosswalkSet', async (tx, log) => {
    await tx.run(upsertCrosswalkSet({ ...set, fromFramework: from, toFramework: to, origin: 'IMPORT' }));
    const change = await replaceMappingsOfSet(tx, set.id, async () => {
      const [row] = await tx.run(
        createMappings(
          set.id,
          mappings.map((m) => ({
            ...m,
            id: mappingId(set.id, m.source, m.target),
            sourceId: requirementId(from, m.source),
            targetId: requirementId(to, m.target),
          })),
        ),
      );
      if ((row?.created ?? 0) !== mappings.length)
        throw new Error('an imported mapping lost its requirement during the import');
    });
    if (change !== null) log.record(change);
  });
  scope.loaders.crosswalkSetById.clear(set.id);
  scope.loaders.mappingsBySetId.clear(set.id);
  const stored = await scope.loaders.crosswalkSetById.load(set.id);
  if (stored === null) throw new Error(`imported set ${set.id} is missing`);
  return { set: stored, created: existing === null, mappingCount: stored.mappingCount };
}
