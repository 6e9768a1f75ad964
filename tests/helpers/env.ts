/**
 * The environment the tests configure the service with (a local test Neo4j by default).
 * TEST_NEO4J_HOME, TEST_NEO4J_BOLT_PORT and LOCAL_NEO4J_CACHE move the test instance, so
 * two checkouts can run their tests side by side.
 */
const override = (name: string, fallback: string): string => process.env[name]?.trim() || fallback;

export const TEST_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  LOCAL_NEO4J_HOME: override('TEST_NEO4J_HOME', '.local/neo4j/test'),
  LOCAL_NEO4J_BOLT_PORT: override('TEST_NEO4J_BOLT_PORT', '7688'),
  ...(process.env.LOCAL_NEO4J_CACHE ? { LOCAL_NEO4J_CACHE: process.env.LOCAL_NEO4J_CACHE } : {}),
};
