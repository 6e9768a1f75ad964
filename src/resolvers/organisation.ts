/**
 * The organisation graph: listings, create/update/delete for every entity type, links,
 * and the relationship fields. Writes go to services/organisation.ts; reads go through
 * the request's loaders or one listing statement.
 */
import type { EntityRow, NodeSpace, RequirementRow } from '../graph/rows.js';
import { GraphQLScalarType, Kind, type GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { ENTITIES, ENTITY_TYPES, linkDef, type EntityType } from '../domain/entity-spec.js';
import { isCalendarDate, isDateTime } from '../domain/date-time.js';
import { BadUserInputError, ScalarLiteralError } from '../errors.js';
import type { AiActSpecialCase, Resolvers } from '../generated/resolvers.js';
import { checkId } from '../services/checks.js';
import {
  createRecord,
  deleteRecord,
  link,
  listRecords,
  setApplicability,
  unlink,
  updateRecord,
  type ExternalRef,
} from '../services/organisation.js';
import { loadEntities, loadEntityOrFail, projectionOf, projectionOfNodes } from './projection.js';
import type { LinkView } from '../services/views.js';

const MAX_PAGE = 500;

function decodeCursor(after: string | null | undefined): { key: string; id: string } | null {
  if (after == null) return null;
  try {
    const [key, id] = JSON.parse(Buffer.from(after, 'base64url').toString('utf8')) as unknown[];
    if (typeof key === 'string' && typeof id === 'string') return { key, id };
  } catch {
    // fall through
  }
  throw new BadUserInputError('after is not a cursor from this listing', 'after');
}

const encodeCursor = (key: string, id: string): string => Buffer.from(JSON.stringify([key, id])).toString('base64url');

async function list(
  type: EntityType,
  args: { first?: number | null; after?: string | null; filter?: Record<string, unknown> | null },
  context: Context,
  info: GraphQLResolveInfo,
) {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE)
    throw new BadUserInputError(`first must be 0 to ${MAX_PAGE}`, 'first');
  const {
    text = null,
    party = null,
    ...equals
  } = (args.filter ?? {}) as { text?: string | null; party?: string | null } & Record<string, unknown>;
  if (text !== null && text.length > 200)
    throw new BadUserInputError('filter.text must be at most 200 characters', 'filter.text');
  const def = ENTITIES[type];
  const present = Object.fromEntries(Object.entries(equals).filter(([, v]) => v !== null && v !== undefined));
  const query = {
    type,
    equals: present,
    text,
    party: party === null ? null : checkId(party, 'filter.party'),
    after: decodeCursor(args.after),
    first: first + 1,
  };
  // The page's records are read for what the selection shows of them (the sort field too, for the cursors).
  const { entities, total } = await listRecords(context.scope, query, projectionOfNodes(info, type));
  const page = entities.slice(0, first);
  const sortKey = (e: EntityRow): string => String(e[def.sortField] ?? '');
  return {
    totalCount: total,
    edges: page.map((node) => ({ cursor: encodeCursor(sortKey(node), node.id), node })),
    pageInfo: {
      hasNextPage: entities.length > first,
      endCursor: page.length > 0 ? encodeCursor(sortKey(page[page.length - 1]!), page[page.length - 1]!.id) : null,
    },
  };
}

/** Resolvers for the relationship fields: the records at the other end of one link kind. */
function related(kind: string, direction: 'OUT' | 'IN', space: NodeSpace = 'Entity') {
  const def = linkDef(kind);
  if (def === undefined) throw new Error(`unknown link kind ${kind}`);
  return async (
    parent: { id: string },
    _args: unknown,
    context: Context,
    info: GraphQLResolveInfo,
  ): Promise<EntityRow[]> => {
    // The links and the records they reach in one statement, read for the selection.
    const projection = projectionOf(info);
    if (projection !== null) return context.loaders.linkedEntities(def, direction, space, projection).load(parent.id);
    const rows = await context.loaders.linked(def, direction, space).load(parent.id);
    return loadEntities(
      context,
      rows.map((r) => r.otherId),
      info,
    );
  };
}

function relatedRequirements(kind: string) {
  const def = linkDef(kind)!;
  return async (parent: { id: string }, _args: unknown, context: Context) => {
    const rows = await context.loaders.linked(def, 'OUT', 'Entity').load(parent.id);
    const found = await context.loaders.requirementById.loadMany(rows.map((r) => r.otherId));
    return found.filter((r): r is RequirementRow => r !== null && !(r instanceof Error));
  };
}

function links(kind: string, direction: 'OUT' | 'IN', space: NodeSpace = 'Entity') {
  const def = linkDef(kind)!;
  return async (parent: { id: string }, _args: unknown, context: Context): Promise<LinkView[]> => {
    const rows = await context.loaders.linked(def, direction, space).load(parent.id);
    return rows.map((r) =>
      direction === 'OUT'
        ? { fromId: parent.id, toId: r.otherId, property: r.property }
        : { fromId: r.otherId, toId: parent.id, property: r.property },
    );
  };
}

/** The payload field that carries a record of this type: `aiSystem`, `control`, … */
export const payloadField = (type: EntityType): string =>
  type === 'AISystem' ? 'aiSystem' : `${type[0]!.toLowerCase()}${type.slice(1)}`;
const collections: Record<string, EntityType> = {
  aiSystems: 'AISystem',
  models: 'Model',
  datasets: 'Dataset',
  risks: 'Risk',
  controls: 'Control',
  obligations: 'Obligation',
  evidence: 'Evidence',
  parties: 'Party',
};

type AnyArgs = Record<string, unknown>;
const queryResolvers: Record<string, unknown> = {};
for (const [field, type] of Object.entries(collections)) {
  queryResolvers[field] = (_root: unknown, args: AnyArgs, context: Context, info: GraphQLResolveInfo) =>
    list(type, args, context, info);
}
const mutationResolvers: Record<string, unknown> = {};
for (const type of ENTITY_TYPES) {
  mutationResolvers[`create${type}`] = async (_root: unknown, args: { input: AnyArgs }, context: Context) => {
    const { externalRefs, requirement, systems, ...fields } = args.input as {
      externalRefs?: ExternalRef[] | null;
      requirement?: string;
      systems?: string[] | null;
    };
    const record = { type, fields, externalRefs: externalRefs ?? [], requirement, systems: systems ?? [] };
    return { [payloadField(type)]: await createRecord(context.scope, record) };
  };
  mutationResolvers[`update${type}`] = async (
    _root: unknown,
    args: { id: string; expectedVersion: number; input: AnyArgs },
    context: Context,
  ) => ({
    [payloadField(type)]: await updateRecord(context.scope, type, args.id, args.expectedVersion, args.input),
  });
  mutationResolvers[`delete${type}`] = (
    _root: unknown,
    args: { id: string; cascade?: boolean | null },
    context: Context,
  ) => deleteRecord(context.scope, type, args.id, args.cascade === true);
}

const dateScalar = (name: 'Date' | 'DateTime', check: (v: string) => boolean, hint: string) =>
  new GraphQLScalarType({
    name,
    serialize: (value) => String(value),
    parseValue: (value) => {
      if (typeof value !== 'string' || !check(value)) throw new BadUserInputError(`${name} must be ${hint}`);
      return value;
    },
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING || !check(ast.value)) throw new ScalarLiteralError(`${name} must be ${hint}`);
      return ast.value;
    },
  });

export const organisationResolvers: Resolvers = {
  Date: dateScalar('Date', isCalendarDate, 'a date, YYYY-MM-DD'),
  DateTime: dateScalar(
    'DateTime',
    isDateTime,
    'a date and time with a time zone, hours 00 to 23 and an offset of at most 18:00 (RFC 3339), e.g. 2026-11-27T09:30:00Z',
  ),
  Query: queryResolvers as Resolvers['Query'],
  Mutation: {
    ...(mutationResolvers as Resolvers['Mutation']),
    setApplicability: async (_root, { input }, context) => ({
      applicability: await setApplicability(context.scope, input),
    }),
    link: (_root, { input }, context) => link(context.scope, input),
    unlink: (_root, { input }, context) => unlink(context.scope, input),
  },
  LinkPayload: {
    from: async (payload, _args, context) =>
      (await context.loaders.entityById.load(payload.fromId)) ??
      (await context.loaders.requirementById.load(payload.fromId))!,
    to: async (payload, _args, context) =>
      (await context.loaders.entityById.load(payload.toId)) ??
      (await context.loaders.requirementById.load(payload.toId))!,
  },
  Entity: { __resolveType: (row) => row.type },
  RiskSubject: { __resolveType: (row) => row.type as 'AISystem' | 'Dataset' },
  EvidenceScope: { __resolveType: (row) => row.type as 'AISystem' | 'Dataset' },
  PartyAssignment: { __resolveType: (row) => row.type as 'AISystem' | 'Control' | 'Risk' | 'Obligation' },
  AISystem: {
    // Systems stored before the field existed have no value: none recorded.
    aiActSpecialCases: (row) => (row.aiActSpecialCases ?? []) as AiActSpecialCase[],
    models: related('USES_MODEL', 'OUT'),
    datasets: links('USES_DATASET', 'OUT'),
    risks: related('RAISED_ON', 'IN'),
    controls: related('APPLIES_TO', 'IN'),
    obligations: related('BINDS', 'IN'),
    evidence: related('SCOPED_TO', 'IN'),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  Model: {
    systems: related('USES_MODEL', 'IN'),
    trainedOn: related('TRAINED_ON', 'OUT'),
  },
  Dataset: {
    usedBy: links('USES_DATASET', 'IN'),
    models: related('TRAINED_ON', 'IN'),
    risks: related('RAISED_ON', 'IN'),
    evidence: related('SCOPED_TO', 'IN'),
  },
  DatasetUse: {
    system: (link, _args, context, info) => loadEntityOrFail(context, link.fromId, info),
    dataset: (link, _args, context, info) => loadEntityOrFail(context, link.toId, info),
    purpose: (link) => link.property as 'TRAINING',
  },
  Risk: {
    raisedOn: related('RAISED_ON', 'OUT'),
    mitigatedBy: related('MITIGATES', 'IN'),
    score: (risk) => Number(risk.likelihood) * Number(risk.impact),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  Control: {
    implements: links('IMPLEMENTS', 'OUT'),
    mitigates: related('MITIGATES', 'OUT'),
    appliesTo: related('APPLIES_TO', 'OUT'),
    evidence: related('SUPPORTS', 'IN'),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  ControlImplementation: {
    control: (link, _args, context, info) => loadEntityOrFail(context, link.fromId, info),
    requirement: async (link, _args, context) => {
      const requirement = await context.loaders.requirementById.load(link.toId);
      if (requirement === null) throw new Error(`requirement ${link.toId} is missing`);
      return requirement;
    },
    coverage: (link) => link.property as 'FULL',
  },
  Obligation: {
    derivedFrom: relatedRequirements('DERIVED_FROM'),
    systems: related('BINDS', 'OUT'),
    accountable: related('ACCOUNTABLE_FOR', 'IN'),
    responsible: related('RESPONSIBLE_FOR', 'IN'),
  },
  Evidence: {
    supportsControls: async (evidence, args, context, info) =>
      (await related('SUPPORTS', 'OUT')(evidence, args, context, info)).filter((e) => e.type === 'Control'),
    supportsRequirements: relatedRequirements('SUPPORTS'),
    scope: related('SCOPED_TO', 'OUT'),
  },
  Applicability: {
    requirement: async (entry, args, context) => {
      const [requirement] = await relatedRequirements('FOR_REQUIREMENT')(entry, args, context);
      if (requirement === undefined) throw new Error(`applicability ${entry.id} has no requirement`);
      return requirement;
    },
    systems: related('LIMITED_TO', 'OUT'),
  },
  Party: {
    accountableFor: related('ACCOUNTABLE_FOR', 'OUT'),
    responsibleFor: related('RESPONSIBLE_FOR', 'OUT'),
  },
  RequirementChange: {
    controls: (change, args, context) =>
      links('IMPLEMENTS', 'IN', 'Requirement')({ id: change.requirementId }, args, context),
    obligations: (change, args, context, info) =>
      related('DERIVED_FROM', 'IN', 'Requirement')({ id: change.requirementId }, args, context, info),
  },
  Requirement: {
    applicability: related('FOR_REQUIREMENT', 'IN', 'Requirement'),
    implementedBy: links('IMPLEMENTS', 'IN', 'Requirement'),
    obligations: related('DERIVED_FROM', 'IN', 'Requirement'),
    evidence: related('SUPPORTS', 'IN', 'Requirement'),
  },
};
