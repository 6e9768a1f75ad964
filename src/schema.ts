/**
 * The schema is the SDL in schema/*.graphql (the source of truth); this module reads it
 * and attaches the resolvers.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  buildASTSchema,
  lexicographicSortSchema,
  parse,
  printSchema,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';

export const SCHEMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'schema');
export const SCHEMA_SNAPSHOT = path.join(SCHEMA_DIR, 'snapshot', 'schema.graphql');

/** The SDL files, concatenated in name order (base.graphql first: it declares Query). */
export function readTypeDefs(dir: string = SCHEMA_DIR): DocumentNode {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort((a, b) => (a === 'base.graphql' ? -1 : b === 'base.graphql' ? 1 : a.localeCompare(b)));
  return parse(files.map((file) => readFileSync(path.join(dir, file), 'utf8')).join('\n'));
}

/** The schema printed in a canonical order, as kept in schema/snapshot/schema.graphql. */
export function printCanonicalSchema(typeDefs: DocumentNode = readTypeDefs()): string {
  const schema: GraphQLSchema = buildASTSchema(typeDefs);
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
