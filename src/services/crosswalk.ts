/** Crosswalk sets brought in from outside: a CSV or OSCAL mapping collection, checked against the catalogue, stored in one write. */
import { FRAMEWORK_IDS } from '../domain/vocabulary.js';
import { AppError, BadUserInputError, ConflictError, ErrorCode } from '../errors.js';
import type { ImportCrosswalkSetInput } from '../generated/resolvers.js';
import { requirementId } from '../graph/statements/catalogue.js';
import { createMappings, listRefsOfFrameworks, upsertCrosswalkSet } from '../graph/statements/crosswalk.js';
import { parseCrosswalkFile } from '../ingest/crosswalk-file.js';
import { crosswalkFromCsv, crosswalkFromOscal, ExchangeFormatError } from '../ingest/crosswalk-exchange.js';
import { mappingId, replaceMappingsOfSet } from '../ingest/seed.js';
import { write } from './changes.js';
import type { RequestScope } from './scope.js';

function invalid(problems: readonly string[]): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, `The file is not a valid crosswalk set: ${problems.slice(0, 3).join('; ')}${problems.length > 3 ? ` (and ${problems.length - 3} more)` : ''}`, {
    field: 'content',
    problems: problems.slice(0, 100),
  });
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
    throw new ConflictError(`Crosswalk set "${set.id}" comes from the seed and cannot be replaced by an import`, { id: set.id });
  }
  if (existing !== null && !input.replace) {
    throw new ConflictError(`Crosswalk set "${set.id}" exists; import with replace: true to replace it`, { id: set.id });
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
      if ((row?.created ?? 0) !== mappings.length) throw new Error('an imported mapping lost its requirement during the import');
    });
    if (change !== null) log.record(change);
  });
  scope.loaders.crosswalkSetById.clear(set.id);
  scope.loaders.mappingsBySetId.clear(set.id);
  const stored = await scope.loaders.crosswalkSetById.load(set.id);
  if (stored === null) throw new Error(`imported set ${set.id} is missing`);
  return { set: stored, created: existing === null, mappingCount: stored.mappingCount };
}
