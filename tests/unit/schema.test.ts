import { readFileSync } from 'node:fs';
import {
  buildASTSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  type GraphQLNamedType,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printCanonicalSchema, readTypeDefs, SCHEMA_SNAPSHOT } from '../../src/schema.js';

const schema = buildASTSchema(readTypeDefs());
const ownTypes = Object.values(schema.getTypeMap()).filter(
  (t: GraphQLNamedType) => !t.name.startsWith('__') && !['String', 'Boolean', 'Int', 'Float', 'ID'].includes(t.name),
);

describe('schema', () => {
  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of ownTypes) {
      if (!type.description?.trim()) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) missing.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) {
            if (!arg.description?.trim()) missing.push(`${type.name}.${field.name}(${arg.name})`);
          }
        }
      }
      if (isEnumType(type)) {
        for (const value of type.getValues())
          if (!value.description?.trim()) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('matches the committed snapshot (run `npm run codegen` after a schema change)', () => {
    expect(readFileSync(SCHEMA_SNAPSHOT, 'utf8')).toBe(printCanonicalSchema());
  });
});
