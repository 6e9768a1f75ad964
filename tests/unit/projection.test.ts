/**
 * Reading only what an answer shows (src/resolvers/projection.ts): every field of every
 * record type is placed, and a selection maps to the stored properties it reads, through
 * fragments, with the whole record read for anything it cannot place.
 */
import {
  buildASTSchema,
  buildSchema,
  getNamedType,
  graphql,
  isLeafType,
  isObjectType,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITY_TYPES, type EntityType } from '../../src/domain/entity-spec.js';
import type { Projection } from '../../src/loaders/organisation.js';
import { createResolvers } from '../../src/resolvers/index.js';
import { DERIVED, projectionOf, sourceOf } from '../../src/resolvers/projection.js';
import { readTypeDefs } from '../../src/schema.js';

describe('record fields', () => {
  const schema = buildASTSchema(readTypeDefs());
  const resolvers = createResolvers() as Record<string, Record<string, unknown> | undefined>;

  it('are each answered from stored properties, from the id, or from the references: none is unknown', () => {
    for (const name of ENTITY_TYPES) {
      const type = schema.getType(name);
      expect(isObjectType(type), name).toBe(true);
      for (const field of Object.keys((type as GraphQLObjectType).getFields())) {
        expect(sourceOf(type as GraphQLObjectType & { name: EntityType }, field).kind, `${name}.${field}`).not.toBe(
          'unknown',
        );
      }
    }
  });

  it('answered from the id have resolvers of their own (a default resolver would read a property that was not read)', () => {
    for (const name of ENTITY_TYPES) {
      const type = schema.getType(name) as GraphQLObjectType & { name: EntityType };
      for (const field of Object.keys(type.getFields())) {
        if (field === 'id' || sourceOf(type, field).kind !== 'id') continue;
        expect(typeof resolvers[name]?.[field], `${name}.${field}`).toBe('function');
      }
    }
  });

  it('computed by a resolver from other properties say which they read', () => {
    for (const name of ENTITY_TYPES) {
      const type = schema.getType(name) as GraphQLObjectType & { name: EntityType };
      for (const [field, def] of Object.entries(type.getFields())) {
        if (!isLeafType(getNamedType(def.type)) || typeof resolvers[name]?.[field] !== 'function') continue;
        const source = sourceOf(type, field);
        // A leaf with a resolver reads its own property (a default for old records) or is listed in DERIVED.
        if (DERIVED[name]?.[field] === undefined)
          expect(source, `${name}.${field}`).toEqual({ kind: 'props', props: [field] });
      }
    }
  });
});

describe('projectionOf', () => {
  // Record types named as the service's, with some of their fields, one not placeable.
  const schema = buildSchema(`
    type ExternalRef { system: String! id: String! }
    type Requirement { id: ID! title: String }
    type Risk { id: ID! title: String! description: String likelihood: Int! impact: Int! score: Int! mitigatedBy: [Control!]! externalRefs: [ExternalRef!]! }
    type Control { id: ID! name: String! status: String description: String evidence: [Risk!]! unplaced: String }
    union Step = Risk | Control | Requirement
    type Query { risks: [Risk!]! steps: [Step!]! controls: [Control!]! }
  `);
  const seen: Record<string, Projection | null> = {};
  // The default resolver calls a root value's function with (args, context, info).
  const capture = (name: string) => (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
    seen[name] = projectionOf(info);
    return [];
  };
  const rootValue = { risks: capture('risks'), steps: capture('steps'), controls: capture('controls') };
  const run = async (source: string): Promise<void> => {
    const result = await graphql({ schema, source, rootValue });
    expect(result.errors).toBeUndefined();
  };

  it('reads the selected stored fields, the properties a computed field needs, and nothing for links', async () => {
    await run(`{ risks { id __typename title score mitigatedBy { name } } }`);
    expect(seen.risks).toEqual({ props: ['impact', 'likelihood', 'title'], externalRefs: false });
  });

  it('follows inline fragments and named fragments, and asks for references only when shown', async () => {
    await run(
      `{ steps { __typename ... on Risk { title externalRefs { system } } ...C } } fragment C on Control { name status }`,
    );
    expect(seen.steps).toEqual({ props: ['name', 'status', 'title'], externalRefs: true });
  });

  it('reads the whole record when a selected field cannot be placed', async () => {
    await run(`{ controls { name unplaced } }`);
    expect(seen.controls).toBeNull();
  });

  it('answers each selection for itself', async () => {
    await run(`{ controls { description } }`);
    expect(seen.controls).toEqual({ props: ['description'], externalRefs: false });
  });
});
