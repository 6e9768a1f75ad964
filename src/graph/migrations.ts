/**
 * Versioned schema migrations, recorded in the graph as (:Migration) nodes. Each
 * statement is idempotent (IF NOT EXISTS), so running them twice, or from two processes
 * at once, is harmless. A recorded migration whose text changed since it was applied is
 * an error: migrations are append-only.
 */
import { createHash } from 'node:crypto';
import type { GraphExecutor } from './executor.js';
import { listMigrations, migrationStep, recordMigration } from './statements/admin.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'catalogue keys and indexes',
    statements: [
      'CREATE CONSTRAINT migration_version IF NOT EXISTS FOR (m:Migration) REQUIRE m.version IS UNIQUE',
      'CREATE CONSTRAINT seed_state_id IF NOT EXISTS FOR (s:SeedState) REQUIRE s.id IS UNIQUE',
      'CREATE CONSTRAINT framework_id IF NOT EXISTS FOR (f:Framework) REQUIRE f.id IS UNIQUE',
      'CREATE CONSTRAINT requirement_id IF NOT EXISTS FOR (r:Requirement) REQUIRE r.id IS UNIQUE',
      'CREATE CONSTRAINT requirement_framework_ref IF NOT EXISTS FOR (r:Requirement) REQUIRE (r.frameworkId, r.ref) IS UNIQUE',
      'CREATE INDEX requirement_framework_position IF NOT EXISTS FOR (r:Requirement) ON (r.frameworkId, r.position)',
      'CREATE INDEX requirement_kind IF NOT EXISTS FOR (r:Requirement) ON (r.kind)',
    ],
  },
  {
    version: 2,
    name: 'crosswalk sets and mappings',
    statements: [
      'CREATE CONSTRAINT crosswalk_set_id IF NOT EXISTS FOR (s:CrosswalkSet) REQUIRE s.id IS UNIQUE',
      'CREATE CONSTRAINT maps_to_id IF NOT EXISTS FOR ()-[m:MAPS_TO]-() REQUIRE m.id IS UNIQUE',
      'CREATE INDEX maps_to_set IF NOT EXISTS FOR ()-[m:MAPS_TO]-() ON (m.set)',
    ],
  },
  {
    version: 3,
    name: 'framework versions',
    statements: [
      'CREATE CONSTRAINT framework_version_id IF NOT EXISTS FOR (v:FrameworkVersion) REQUIRE v.id IS UNIQUE',
      'CREATE INDEX framework_version_framework IF NOT EXISTS FOR (v:FrameworkVersion) ON (v.frameworkId)',
    ],
  },
  {
    version: 4,
    name: 'organisation entities',
    statements: [
      'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
      'CREATE CONSTRAINT external_ref_key IF NOT EXISTS FOR (x:ExternalRef) REQUIRE x.key IS UNIQUE',
      'CREATE INDEX ai_system_name IF NOT EXISTS FOR (n:AISystem) ON (n.name)',
      'CREATE INDEX model_name IF NOT EXISTS FOR (n:Model) ON (n.name)',
      'CREATE INDEX dataset_name IF NOT EXISTS FOR (n:Dataset) ON (n.name)',
      'CREATE INDEX risk_title IF NOT EXISTS FOR (n:Risk) ON (n.title)',
      'CREATE INDEX control_name IF NOT EXISTS FOR (n:Control) ON (n.name)',
      'CREATE INDEX control_status IF NOT EXISTS FOR (n:Control) ON (n.status)',
      'CREATE INDEX obligation_title IF NOT EXISTS FOR (n:Obligation) ON (n.title)',
      'CREATE INDEX evidence_title IF NOT EXISTS FOR (n:Evidence) ON (n.title)',
      'CREATE INDEX party_name IF NOT EXISTS FOR (n:Party) ON (n.name)',
    ],
  },
  {
    version: 5,
    name: 'change log',
    statements: [
      'CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (l:ChangeLog) REQUIRE l.id IS UNIQUE',
      'CREATE CONSTRAINT change_seq IF NOT EXISTS FOR (c:Change) REQUIRE c.seq IS UNIQUE',
      'CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entityId)',
      'CREATE INDEX change_other IF NOT EXISTS FOR (c:Change) ON (c.otherId)',
      'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)',
      "MERGE (l:ChangeLog {id: 'changes'}) ON CREATE SET l.seq = 0",
    ],
  },
  {
    version: 6,
    name: 'external references by system',
    statements: ['CREATE INDEX external_ref_system IF NOT EXISTS FOR (x:ExternalRef) ON (x.system)'],
  },
  {
    version: 7,
    name: 'api keys',
    statements: [
      'CREATE CONSTRAINT api_key_id IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.id IS UNIQUE',
      'CREATE CONSTRAINT api_key_hash IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.hash IS UNIQUE',
      'CREATE CONSTRAINT api_key_name IF NOT EXISTS FOR (k:ApiKey) REQUIRE k.name IS UNIQUE',
    ],
  },
];

export const LATEST_MIGRATION = Math.max(...MIGRATIONS.map((m) => m.version));

export function checksum(migration: Migration): string {
  return createHash('sha256').update(migration.statements.join('\n')).digest('hex');
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

async function applied(graph: GraphExecutor): Promise<Map<number, string>> {
  const rows = await graph.read(listMigrations());
  return new Map(rows.map((row) => [row.version, row.checksum]));
}

export interface MigrationReport {
  readonly applied: number[];
  readonly current: number;
}

/** Applies every migration not yet recorded, in version order. */
export async function migrate(
  graph: GraphExecutor,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  const done = await applied(graph);
  const ran: number[] = [];
  for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
    const sum = checksum(migration);
    const recorded = done.get(migration.version);
    if (recorded !== undefined) {
      if (recorded !== sum) {
        throw new MigrationError(`migration ${migration.version} (${migration.name}) changed after it was applied`);
      }
      continue;
    }
    for (const [index, cypher] of migration.statements.entries()) {
      // Schema changes cannot share a transaction with data writes: one each.
      await graph.write(migrationStep(migration.version, index, cypher));
    }
    await graph.write(recordMigration(migration.version, migration.name, sum));
    ran.push(migration.version);
  }
  return { applied: ran, current: Math.max(0, ...migrations.map((m) => m.version)) };
}

/** True when every known migration is recorded in the graph. */
export async function isMigrated(graph: GraphExecutor): Promise<boolean> {
  const done = await applied(graph);
  return MIGRATIONS.every((m) => done.get(m.version) === checksum(m));
}
