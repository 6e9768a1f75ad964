/**
 * Integrators' writes: upsert by external reference for every entity type (create or
 * update as a whole, UNCHANGED when the record already says the same), each in one
 * transaction with its change log entry.
 */
import { randomUUID } from 'node:crypto';
import type { Context } from '../context.js';
import { ENTITIES, type EntityType } from '../domain/entity-spec.js';
import { crossFieldProblems, validateEntityInput } from '../domain/entity-input.js';
import { sameFields } from '../domain/upsert.js';
import { BadUserInputError, ConflictError } from '../errors.js';
import type { Resolvers, UpsertAction } from '../generated/resolvers.js';
import { createEntity, ENTITY_ROW, updateEntity, type EntityRow } from '../graph/statements/organisation.js';
import type { Statement } from '../graph/executor.js';
import { recordChanges, snapshot } from './changes.js';
import { checkExternalRefs, invalidInput } from './organisation.js';

const UPSERT_TYPES: readonly EntityType[] = ['AISystem', 'Model', 'Dataset', 'Risk', 'Control', 'Obligation', 'Evidence', 'Party'];

/** The record an external reference points to, with its write lock taken. */
function lockByExternalRef(key: string): Statement<{ entity: EntityRow }> {
  return {
    name: 'lockByExternalRef',
    cypher: `MATCH (:ExternalRef {key: $key})-[:REFERS_TO]->(n:Entity)
             SET n._lock = true
             REMOVE n._lock
             RETURN ${ENTITY_ROW} AS entity`,
    params: { key },
  };
}

export async function upsert(
  type: EntityType,
  ref: { system: string; id: string },
  input: Record<string, unknown>,
  context: Context,
): Promise<{ action: UpsertAction; entity: EntityRow }> {
  checkExternalRefs([ref]);
  const { externalRefs, ...fields } = input;
  if (externalRefs != null) throw new BadUserInputError('An upsert takes its external reference as `ref`, not in `input.externalRefs`', 'input.externalRefs');
  const result = validateEntityInput(ENTITIES[type], fields, 'create');
  if (!result.ok) throw invalidInput(result.problems);
  const cross = crossFieldProblems(type, result.values);
  if (cross.length > 0) throw invalidInput(cross);
  const key = `${ref.system}|${ref.id}`;
  const outcome = await context.graph.transaction('WRITE', `upsert${type}`, async (tx) => {
    const [found] = await tx.run(lockByExternalRef(key));
    if (found === undefined) {
      const id = `${ENTITIES[type].prefix}_${randomUUID()}`;
      const [row] = await tx.run(createEntity(type, id, result.values, [ref]));
      await recordChanges(tx, context.actor, [{ operation: 'CREATE', entityId: id, entityType: type, before: null, after: snapshot(row!.entity) }]);
      return { action: 'CREATED' as const, entity: row!.entity };
    }
    if (found.entity.type !== type) {
      throw new ConflictError(`External reference ${ref.system} ${ref.id} belongs to a ${found.entity.type}, not a ${type}`, { field: 'ref', id: found.entity.id });
    }
    if (sameFields(ENTITIES[type], found.entity, result.values)) return { action: 'UNCHANGED' as const, entity: found.entity };
    const [row] = await tx.run(updateEntity(type, found.entity.id, found.entity.version, result.values));
    // The lock was taken before the version was read, so the update always applies.
    if (!row?.applied) throw new Error(`upsert of ${found.entity.id} lost its lock`);
    await recordChanges(tx, context.actor, [
      { operation: 'UPDATE', entityId: found.entity.id, entityType: type, before: snapshot(row.before), after: snapshot(row.entity) },
    ]);
    return { action: 'UPDATED' as const, entity: row.entity };
  });
  context.loaders.entityById.clear(outcome.entity.id).prime(outcome.entity.id, outcome.entity);
  return outcome;
}

const payloadField = (type: EntityType): string => (type === 'AISystem' ? 'aiSystem' : `${type[0]!.toLowerCase()}${type.slice(1)}`);
const mutations: Record<string, unknown> = {};
for (const type of UPSERT_TYPES) {
  mutations[`upsert${type}`] = async (_root: unknown, args: { ref: { system: string; id: string }; input: Record<string, unknown> }, context: Context) => {
    const { action, entity } = await upsert(type, args.ref, args.input, context);
    return { action, [payloadField(type)]: entity };
  };
}

export const syncResolvers: Resolvers = { Mutation: mutations as Resolvers['Mutation'] };
