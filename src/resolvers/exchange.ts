/** Crosswalk and catalogue exchange: CSV and OSCAL exports, and crosswalk imports. */
import type { Context } from '../context.js';
import { FRAMEWORK_IDS } from '../domain/vocabulary.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode, NotFoundError } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import { requirementId } from '../graph/statements/catalogue.js';
import {
  createMappings,
  listRefsOfFrameworks,
  upsertCrosswalkSet,
  type CrosswalkSetRow,
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
import { mappingId, replaceMappingsOfSet } from '../ingest/seed.js';
import { recordChanges } from './changes.js';
import { checkId, nowDateTime } from './arguments.js';

const refOf = (id: string): string => id.slice(id.indexOf(':') + 1);

async function loadSetFile(context: Context, id: string): Promise<{ set: CrosswalkSetRow; file: CrosswalkSetFile }> {
  const set = await context.loaders.crosswalkSetById.load(checkId(id, 'id'));
  if (set === null) throw new NotFoundError('Crosswalk set', id);
  const rows = await context.loaders.mappingsBySetId.load(set.id);
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

async function frameworkLabel(context: Context, id: string) {
  const framework = await context.loaders.frameworkById.load(id);
  if (framework === null) throw new NotFoundError('Framework', id);
  return framework;
}

function invalid(problems: readonly string[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `The file is not a valid crosswalk set: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, {
    field: 'content',
    problems: problems.slice(0, 100),
  });
}

export const exchangeResolvers: Resolvers = {
  Query: {
    exportCrosswalkSet: async (_root, { id, format }, context) => {
      const { set, file } = await loadSetFile(context, id);
      if (format === 'CSV') {
        return { fileName: `${set.id}.csv`, mediaType: 'text/csv', content: crosswalkToCsv(file) };
      }
      const [from, to] = await Promise.all([frameworkLabel(context, set.fromFramework), frameworkLabel(context, set.toFramework)]);
      const document = crosswalkToOscal(file, from, to);
      return { fileName: `${set.id}.oscal.json`, mediaType: 'application/json', content: `${JSON.stringify(document, null, 2)}\n` };
    },
    exportFrameworkCatalog: async (_root, args, context) => {
      const framework = await frameworkLabel(context, checkId(args.framework, 'framework'));
      const requirements = await context.loaders.requirementsOfFramework.load({ frameworkId: framework.id });
      const document = frameworkToOscalCatalog(framework, requirements, nowDateTime());
      return { fileName: `${framework.id}.oscal-catalog.json`, mediaType: 'application/json', content: `${JSON.stringify(document, null, 2)}\n` };
    },
  },
  Mutation: {
    importCrosswalkSet: async (_root, { input }, context) => {
      let json: unknown;
      const refRows = await context.graph.read(listRefsOfFrameworks(FRAMEWORK_IDS));
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
      const existing = await context.loaders.crosswalkSetById.load(set.id);
      if (existing !== null && existing.origin === 'SEED') {
        throw new ConflictError(`Crosswalk set "${set.id}" comes from the seed and cannot be replaced by an import`, { id: set.id });
      }
      if (existing !== null && !input.replace) {
        throw new ConflictError(`Crosswalk set "${set.id}" exists; import with replace: true to replace it`, { id: set.id });
      }
      await context.graph.transaction('WRITE', 'importCrosswalkSet', async (tx) => {
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
          if ((row?.created ?? 0) !== mappings.length) throw new Error('an imported mapping lost its requirement during the import');
        });
        await recordChanges(tx, context.actor, change === null ? [] : [change]);
      });
      context.loaders.crosswalkSetById.clear(set.id);
      context.loaders.mappingsBySetId.clear(set.id);
      const stored = await context.loaders.crosswalkSetById.load(set.id);
      if (stored === null) throw new Error(`imported set ${set.id} is missing`);
      return { set: stored, created: existing === null, mappingCount: stored.mappingCount };
    },
  },
};
