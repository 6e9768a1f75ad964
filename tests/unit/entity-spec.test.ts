/** The entity descriptions that drive validation and Cypher agree with the SDL clients see. */
import { buildASTSchema, isEnumType, isListType, isNonNullType, isObjectType, type GraphQLType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ENTITIES, ENTITY_TYPES, LINK_KINDS } from '../../src/domain/entity-spec.js';
import { validateEntityInput } from '../../src/domain/entity-input.js';
import { readTypeDefs } from '../../src/schema.js';

const schema = buildASTSchema(readTypeDefs());
const unwrap = (type: GraphQLType): GraphQLType =>
  isNonNullType(type) || isListType(type) ? unwrap(type.ofType) : type;

describe('entity descriptions', () => {
  it('match the GraphQL types field by field, with the same enum values', () => {
    for (const type of ENTITY_TYPES) {
      const gql = schema.getType(type);
      expect(isObjectType(gql), type).toBe(true);
      if (!isObjectType(gql)) continue;
      for (const field of ENTITIES[type].fields) {
        const gqlField = gql.getFields()[field.name];
        expect(gqlField, `${type}.${field.name}`).toBeDefined();
        const named = unwrap(gqlField!.type);
        if (field.spec.kind === 'enum' || field.spec.kind === 'enumList') {
          expect(isEnumType(named) ? named.getValues().map((v) => v.name) : [], `${type}.${field.name}`).toEqual([
            ...field.spec.values,
          ]);
        }
      }
    }
  });

  it('list the same link kinds as the LinkKind enum', () => {
    const linkKind = schema.getType('LinkKind');
    expect(isEnumType(linkKind) ? linkKind.getValues().map((v) => v.name) : []).toEqual(LINK_KINDS);
  });

  it('validate inputs field by field', () => {
    const risk = ENTITIES.Risk;
    expect(validateEntityInput(risk, { title: 'x', category: 'BIAS', likelihood: 3, impact: 0 }, 'create')).toEqual({
      ok: false,
      problems: [{ field: 'impact', message: 'must be a whole number from 1 to 5' }],
    });
    expect(
      validateEntityInput(risk, { title: 'x', category: 'BIAS', likelihood: 3, impact: 3, colour: 'red' }, 'create'),
    ).toMatchObject({
      ok: false,
      problems: [{ field: 'colour' }],
    });
    const ok = validateEntityInput(risk, { title: ' x ', category: 'BIAS', likelihood: 3, impact: 3 }, 'create');
    expect(ok).toMatchObject({ ok: true, values: { title: 'x', status: 'IDENTIFIED', treatment: null } });
    expect(validateEntityInput(ENTITIES.Evidence, { uploadedAt: '2026-11-27T09:30:00' }, 'update')).toMatchObject({
      ok: false,
    });
    expect(validateEntityInput(ENTITIES.Evidence, { sha256: 'A'.repeat(64) }, 'update')).toMatchObject({
      ok: false,
      problems: [{ field: 'sha256' }],
    });
  });
});
