/** Crosswalk and catalogue exchange: CSV and OSCAL exports, and crosswalk imports. */
import type { Context } from '../context.js';
import { NotFoundError } from '../errors.js';
import type { Resolvers } from '../generated/resolvers.js';
import type { CrosswalkSetRow } from '../graph/statements/crosswalk.js';
import type { CrosswalkSetFile } from '../ingest/crosswalk-file.js';
import { crosswalkToCsv, crosswalkToOscal } from '../ingest/crosswalk-exchange.js';
import { frameworkToOscalCatalog } from '../ingest/oscal-catalog.js';
import { checkId } from '../services/checks.js';
import { importCrosswalkSet } from '../services/crosswalk.js';
import { nowDateTime } from './arguments.js';

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

export const exchangeResolvers: Resolvers = {
  Query: {
    exportCrosswalkSet: async (_root, { id, format }, context) => {
      const { set, file } = await loadSetFile(context, id);
      if (format === 'CSV') {
        return { fileName: `${set.id}.csv`, mediaType: 'text/csv', content: crosswalkToCsv(file) };
      }
      const [from, to] = await Promise.all([
        frameworkLabel(context, set.fromFramework),
        frameworkLabel(context, set.toFramework),
      ]);
      const document = crosswalkToOscal(file, from, to);
      return {
        fileName: `${set.id}.oscal.json`,
        mediaType: 'application/json',
        content: `${JSON.stringify(document, null, 2)}\n`,
      };
    },
    exportFrameworkCatalog: async (_root, args, context) => {
      const framework = await frameworkLabel(context, checkId(args.framework, 'framework'));
      const requirements = await context.loaders.requirementsOfFramework.load({ frameworkId: framework.id });
      const document = frameworkToOscalCatalog(framework, requirements, nowDateTime());
      return {
        fileName: `${framework.id}.oscal-catalog.json`,
        mediaType: 'application/json',
        content: `${JSON.stringify(document, null, 2)}\n`,
      };
    },
  },
  Mutation: {
    importCrosswalkSet: (_root, { input }, context) => importCrosswalkSet(context.scope, input),
  },
};
