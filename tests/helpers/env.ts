/** The environment the tests configure the service with (a local test Neo4j by default). */
export const TEST_ENV: Readonly<Record<string, string>> = {
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  LOCAL_NEO4J_HOME: '.local/neo4j/test',
  LOCAL_NEO4J_BOLT_PORT: '7688',
};
