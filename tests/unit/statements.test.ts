/**
 * Cypher snapshots: a change to a statement is visible in review, and user values only ever travel as parameters.
 *
 * Every builder of src/graph/statements/ is called here through `track`, and the last test
 * fails when a statement file exports a builder whose statement never reaches a snapshot.
 */
import { frameworkVersionId, requirementId } from '../../src/domain/ids.js';
import type { NodeSpace } from '../../src/graph/rows.js';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as adminModule from '../../src/graph/statements/admin.js';
import * as apiKeysModule from '../../src/graph/statements/api-keys.js';
import * as catalogueModule from '../../src/graph/statements/catalogue.js';
import * as changesModule from '../../src/graph/statements/changes.js';
import * as coverageModule from '../../src/graph/statements/coverage.js';
import * as crosswalkModule from '../../src/graph/statements/crosswalk.js';
import * as obligationsModule from '../../src/graph/statements/obligations.js';
import * as organisationModule from '../../src/graph/statements/organisation.js';
import * as syncModule from '../../src/graph/statements/sync.js';
import * as syntheticModule from '../../src/graph/statements/synthetic.js';
import * as traceabilityModule from '../../src/graph/statements/traceability.js';
import { restoreBackup } from '../../src/graph/backup.js';
import type { GraphExecutor, Statement } from '../../src/graph/executor.js';
import { ENTITY_TYPES, LINK_KINDS, linkDef, type EntityType, type LinkDef } from '../../src/domain/entity-spec.js';

/** Exported functions that build no statement: pure helpers, exempt from the snapshot rule. */
const PURE_HELPERS: Readonly<Record<string, readonly string[]>> = {
  catalogue: [],
  organisation: ['storeExpression', 'projectedRow'],
};

/** For each statement file, the builders that returned a statement, and those whose statement was snapshotted. */
const built = new Map<string, Set<string>>();
const snapshotted = new Map<string, Set<string>>();
/** Which builder made each statement: [statement file, builder name]. */
const builder = new WeakMap<object, [file: string, name: string]>();

const note = (into: Map<string, Set<string>>, file: string, name: string): void => {
  into.set(file, (into.get(file) ?? new Set()).add(name));
};

const isStatement = (value: unknown): value is Statement<unknown> =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as Statement<unknown>).name === 'string' &&
  typeof (value as Statement<unknown>).cypher === 'string' &&
  typeof (value as Statement<unknown>).params === 'object';

/** The module with each function wrapped so that the statements it returns are traced back to it. */
function track<M extends object>(file: string, module: M): M {
  const wrapped: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(module)) {
    if (typeof value !== 'function') {
      wrapped[name] = value;
      continue;
    }
    const fn = value as (...args: unknown[]) => unknown;
    wrapped[name] = (...args: unknown[]): unknown => {
      const result = fn(...args);
      if (isStatement(result)) {
        note(built, file, name);
        builder.set(result, [file, name]);
      }
      return result;
    };
  }
  return wrapped as M;
}

// Sees every value a snapshot serialises and notes the statements among them; it never
// formats anything itself (test() is always false), so the snapshots read as before.
expect.addSnapshotSerializer({
  test(value: unknown): boolean {
    const from = typeof value === 'object' && value !== null ? builder.get(value) : undefined;
    if (from !== undefined) note(snapshotted, ...from);
    return false;
  },
  serialize: () => '',
});

const admin = track('admin', adminModule);
const apiKeys = track('api-keys', apiKeysModule);
const catalogue = track('catalogue', catalogueModule);
const changes = track('changes', changesModule);
const coverage = track('coverage', coverageModule);
const crosswalk = track('crosswalk', crosswalkModule);
const obligations = track('obligations', obligationsModule);
const organisation = track('organisation', organisationModule);
const sync = track('sync', syncModule);
const synthetic = track('synthetic', syntheticModule);
const traceability = track('traceability', traceabilityModule);

const hostile = "x' }) DETACH DELETE n //";

/** The hostile text is nowhere in the Cypher of any of these statements, and is in each one's parameters. */
function expectParameterised(statements: readonly Statement<unknown>[]): void {
  for (const statement of statements) {
    expect(statement.cypher, statement.name).not.toContain(hostile);
    expect(JSON.stringify(statement.params), statement.name).toContain(hostile);
  }
}

/** Strings that are not entity types, typed as if they were (what an unchecked cast would let through). */
const notEntityTypes = (...values: string[]): EntityType[] => values as EntityType[];

/** A link description from the closed vocabulary (entity-spec.ts LINKS). */
const link = (kind: string): LinkDef => {
  const def = linkDef(kind);
  if (def === undefined) throw new Error(`no link ${kind}`);
  return def;
};

const SYSTEM = 'sys_01939a7e-4b2c-8d3e-9f40-1a2b3c4d5e6f';
const MODEL = 'mdl_01939a7e-4b2c-8d3e-9f40-2a2b3c4d5e6f';
const DATASET = 'dst_01939a7e-4b2c-8d3e-9f40-3a2b3c4d5e6f';
const CONTROL = 'ctl_01939a7e-4b2c-8d3e-9f40-4a2b3c4d5e6f';
const EVIDENCE = 'evd_01939a7e-4b2c-8d3e-9f40-5a2b3c4d5e6f';
const OBLIGATION = 'obl_01939a7e-4b2c-8d3e-9f40-6a2b3c4d5e6f';
const APPLICABILITY = 'apl_01939a7e-4b2c-8d3e-9f40-7a2b3c4d5e6f';
const RISK_ID = 'rsk_01939a7e-4b2c-8d3e-9f40-0a2b3c4d5e6f';
const PARTY = 'pty_01939a7e-4b2c-8d3e-9f40-8a2b3c4d5e6f';
const REQUIREMENT = 'iso42001:A.6.2.4';
const ARTICLE = 'eu-ai-act:Art. 9';

describe('admin statements', () => {
  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      admin.recordMigration(7, hostile, hostile),
      admin.backupRelationships([hostile], { [hostile]: hostile }),
      admin.restoreNodes('Entity:Control', [{ id: CONTROL, name: hostile }]),
      admin.restoreRelationships('IMPLEMENTS', { label: 'Control', key: 'id' }, { label: 'Requirement', key: 'id' }, [
        { s: hostile, e: hostile, props: { coverage: hostile } },
      ]),
    ]);
  });

  it('restore names labels and relationship types in the Cypher only after backup.ts has checked them', async () => {
    // restoreNodes and restoreRelationships put their labels, type and key properties into
    // the Cypher as given; restoreBackup refuses any outside the set this service writes
    // before a transaction is opened.
    const untouched = {
      transaction: () => {
        throw new Error('the graph was touched');
      },
    } as unknown as GraphExecutor;
    await expect(
      restoreBackup(untouched, { nodes: [{ labels: ['Entity', hostile], props: [] }], relationships: [] }),
    ).rejects.toThrow(/unknown label/);
    await expect(
      restoreBackup(untouched, {
        nodes: [],
        relationships: [{ type: hostile, start: ['Control', CONTROL], end: ['Requirement', REQUIREMENT], props: [] }],
      }),
    ).rejects.toThrow(/unknown relationship/);
    await expect(
      restoreBackup(untouched, {
        nodes: [],
        relationships: [
          { type: 'IMPLEMENTS', start: [hostile, CONTROL], end: ['Requirement', REQUIREMENT], props: [] },
        ],
      }),
    ).rejects.toThrow(/unknown relationship/);
  });

  it('builds the ping and the migration record', () => {
    expect(admin.ping()).toMatchSnapshot();
    expect(admin.listMigrations()).toMatchSnapshot();
    expect(
      admin.recordMigration(
        7,
        'change-log-at-index',
        'b5d4045c3f466fa91fe2cc6abe79232a1a57cdf104f7a26e716e0a1e2789df78',
      ),
    ).toMatchSnapshot();
  });

  it('sends a migration step as its file gives it', () => {
    const step = admin.migrationStep(7, 0, 'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)');
    expect(step).toMatchSnapshot();
    expect(step.cypher).toBe('CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)');
  });

  it('builds backup and restore', () => {
    expect(admin.backupNodes()).toMatchSnapshot();
    expect(
      admin.backupRelationships(['Entity', 'Requirement', 'ExternalRef'], {
        Entity: 'id',
        Requirement: 'id',
        ExternalRef: 'key',
      }),
    ).toMatchSnapshot();
    expect(admin.wipeGraph()).toMatchSnapshot();
    expect(
      admin.restoreNodes('Control:Entity', [{ id: CONTROL, name: 'Model card review', version: 1 }]),
    ).toMatchSnapshot();
    expect(
      admin.restoreRelationships('IMPLEMENTS', { label: 'Entity', key: 'id' }, { label: 'Requirement', key: 'id' }, [
        { s: CONTROL, e: REQUIREMENT, props: { coverage: 'FULL' } },
      ]),
    ).toMatchSnapshot();
  });
});

describe('API key statements', () => {
  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      apiKeys.createApiKey({
        id: hostile,
        name: hostile,
        role: hostile,
        hash: hostile,
        prefix: hostile,
        createdBy: hostile,
      }),
      apiKeys.findApiKeyByHash(hostile),
      apiKeys.revokeApiKey({ id: hostile }),
      apiKeys.revokeApiKey({ name: hostile }),
      apiKeys.touchApiKey(hostile),
    ]);
  });

  it('builds the key store statements', () => {
    expect(
      apiKeys.createApiKey({
        id: 'key_01939a7e-4b2c-8d3e-9f40-9a2b3c4d5e6f',
        name: 'ci-exporter',
        role: 'EDITOR',
        hash: '3f1a0c6e9b8d7f2e4a5c6b7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f',
        prefix: 'aims_3f1a',
        createdBy: 'admin',
      }),
    ).toMatchSnapshot();
    expect(
      apiKeys.findApiKeyByHash('3f1a0c6e9b8d7f2e4a5c6b7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f'),
    ).toMatchSnapshot();
    expect(apiKeys.listApiKeys()).toMatchSnapshot();
    expect(apiKeys.revokeApiKey({ id: 'key_01939a7e-4b2c-8d3e-9f40-9a2b3c4d5e6f' })).toMatchSnapshot();
    expect(apiKeys.revokeApiKey({ name: 'ci-exporter' })).toMatchSnapshot();
    expect(apiKeys.touchApiKey('key_01939a7e-4b2c-8d3e-9f40-9a2b3c4d5e6f')).toMatchSnapshot();
    expect(apiKeys.countApiKeys()).toMatchSnapshot();
  });
});

describe('catalogue statements', () => {
  it('keep user input out of the Cypher text', () => {
    const statements = [
      catalogue.listRequirementsOfFrameworks([{ key: hostile, frameworkId: hostile, auditable: true }]),
      catalogue.listRequirementsByIds([hostile]),
      catalogue.listChildrenByParentIds([hostile]),
      catalogue.listFrameworksByIds([hostile]),
      catalogue.findSeedState(hostile),
    ];
    for (const statement of statements) {
      expect(statement.cypher).not.toContain(hostile);
      expect(JSON.stringify(statement.params)).toContain('DETACH DELETE');
    }
  });

  it('keep seed values out of the Cypher text', () => {
    expectParameterised([
      catalogue.upsertFramework({
        id: hostile,
        name: hostile,
        title: hostile,
        version: hostile,
        publisher: hostile,
        kind: hostile,
        edition: hostile,
        licence: hostile,
        references: [hostile],
      }),
      catalogue.upsertRequirements(hostile, hostile, true, [
        {
          id: hostile,
          ref: hostile,
          title: hostile,
          kind: hostile,
          auditable: true,
          summary: hostile,
          position: 1,
          parentId: hostile,
          roles: [hostile],
          rolesConditional: [],
          rolesNote: hostile,
        },
      ]),
      catalogue.resetCurrentRequirements(hostile),
      catalogue.upsertFrameworkVersion({
        id: hostile,
        frameworkId: hostile,
        version: hostile,
        current: true,
        note: hostile,
        edition: hostile,
        licence: hostile,
        references: [hostile],
      }),
      catalogue.pruneFrameworkVersions(hostile, [hostile]),
      catalogue.linkRequirementParents(hostile, [{ id: hostile, parentId: hostile }]),
      catalogue.pruneRequirements(hostile, [hostile]),
      catalogue.recordSeedState(hostile, hostile),
      catalogue.listFrameworkVersions([hostile]),
      catalogue.listVersionEntries(hostile),
      catalogue.listVersionsOfRequirements([hostile]),
    ]);
  });

  it('builds the requirement listing', () => {
    expect(
      catalogue.listRequirementsOfFrameworks([{ key: 'k', frameworkId: 'iso42001', kind: 'CONTROL' }]),
    ).toMatchSnapshot();
  });

  it('builds the batched lookups', () => {
    expect(catalogue.listRequirementsByIds(['iso42001:A.6.2.4'])).toMatchSnapshot();
    expect(catalogue.listChildrenByParentIds(['iso42001:A.6.2'])).toMatchSnapshot();
  });

  it('builds the seed writes', () => {
    expect(
      catalogue.linkRequirementParents('iso42001', [{ id: 'iso42001:6.1', parentId: 'iso42001:6' }]),
    ).toMatchSnapshot();
    expect(catalogue.pruneRequirements('iso42001', ['iso42001:6'])).toMatchSnapshot();
  });

  it('makes requirement ids from framework and ref', () => {
    expect(requirementId('eu-ai-act', 'Art. 9')).toBe('eu-ai-act:Art. 9');
  });

  it('makes framework version ids from framework and version', () => {
    expect(frameworkVersionId('iso42001', '2023')).toBe('iso42001@2023');
  });

  it('builds the framework reads', () => {
    expect(catalogue.listFrameworks()).toMatchSnapshot();
    expect(catalogue.listFrameworksByIds(['iso42001', 'eu-ai-act'])).toMatchSnapshot();
    expect(catalogue.listFrameworkVersions(['iso42001'])).toMatchSnapshot();
    expect(catalogue.listVersionEntries('iso42001@2023')).toMatchSnapshot();
    expect(catalogue.listVersionsOfRequirements([REQUIREMENT])).toMatchSnapshot();
    expect(catalogue.findSeedState('catalogue')).toMatchSnapshot();
  });

  it('builds the other seed writes', () => {
    expect(
      catalogue.upsertFramework({
        id: 'iso42001',
        name: 'ISO/IEC 42001',
        title: 'Artificial intelligence — Management system',
        version: '2023',
        publisher: 'ISO/IEC',
        kind: 'STANDARD',
        edition: '1',
        licence: 'references only',
        references: ['https://www.iso.org/standard/81230.html'],
      }),
    ).toMatchSnapshot();
    expect(
      catalogue.upsertRequirements('iso42001', 'iso42001@2023', true, [
        {
          id: REQUIREMENT,
          ref: 'A.6.2.4',
          title: 'AI system verification and validation',
          kind: 'CONTROL',
          auditable: true,
          summary: null,
          position: 42,
          parentId: 'iso42001:A.6.2',
          roles: ['PROVIDER'],
          rolesConditional: [],
          rolesNote: null,
        },
      ]),
    ).toMatchSnapshot();
    expect(catalogue.resetCurrentRequirements('iso42001')).toMatchSnapshot();
    expect(
      catalogue.upsertFrameworkVersion({
        id: 'iso42001@2023',
        frameworkId: 'iso42001',
        version: '2023',
        current: true,
        note: null,
        edition: '1',
        licence: 'references only',
        references: [],
      }),
    ).toMatchSnapshot();
    expect(catalogue.pruneFrameworkVersions('iso42001', ['iso42001@2023'])).toMatchSnapshot();
    expect(catalogue.recordSeedState('catalogue', 'b5d4045c3f466fa9')).toMatchSnapshot();
  });
});

describe('change log statements', () => {
  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      changes.appendChanges({ id: hostile, onBehalfOf: hostile }, [
        {
          operation: 'LINK',
          entityId: hostile,
          entityType: hostile,
          otherId: hostile,
          linkKind: hostile,
          before: null,
          after: { coverage: hostile },
        },
      ]),
      changes.appendChanges(hostile, [
        { operation: 'DELETE', entityId: CONTROL, entityType: 'Control', before: { name: hostile }, after: null },
      ]),
      changes.listChangesOf(hostile, 0, 20),
      changes.listChangesSince(hostile, [hostile]),
    ]);
  });

  it('builds the append', () => {
    expect(
      changes.appendChanges({ id: 'key:ci-exporter', onBehalfOf: 'alice@example.org' }, [
        {
          operation: 'CREATE',
          entityId: CONTROL,
          entityType: 'Control',
          before: null,
          after: { name: 'Model card review', status: 'PLANNED' },
        },
        {
          operation: 'LINK',
          entityId: CONTROL,
          entityType: 'Control',
          otherId: REQUIREMENT,
          linkKind: 'IMPLEMENTS',
          before: null,
          after: { coverage: 'FULL' },
        },
      ]),
    ).toMatchSnapshot();
    expect(
      changes.appendChanges('system', [
        { operation: 'CATALOGUE_LOAD', entityId: 'iso42001', entityType: 'Framework', before: null, after: null },
      ]),
    ).toMatchSnapshot();
  });

  it('builds the reads', () => {
    expect(changes.listChanges(120, 50)).toMatchSnapshot();
    expect(changes.listChangesOf(CONTROL, 0, 20)).toMatchSnapshot();
    expect(
      changes.listChangesSince('2026-01-01T00:00:00Z', ['Control', 'Evidence', 'Applicability']),
    ).toMatchSnapshot();
    expect(changes.firstChangeAt()).toMatchSnapshot();
    expect(changes.findChangeLogHead()).toMatchSnapshot();
  });
});

describe('coverage statements', () => {
  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      coverage.listCoverageRequirements(hostile),
      coverage.listApplicabilityOf(hostile),
      coverage.listCoverageMappings(hostile, 2),
      coverage.listCoverageMappingsTo([hostile], 2),
      coverage.listDirectFacts([hostile], [hostile], hostile),
      coverage.listDirectLevels([hostile], [hostile], hostile),
      coverage.listImplementations([hostile], [hostile], hostile),
      coverage.listRiskFactsOf([hostile]),
      coverage.listDirectFactsOn([hostile], [hostile], [hostile], [hostile]),
      coverage.listControlsSupportedBy([hostile]),
      coverage.listCoverageStateOf([hostile], [hostile]),
      coverage.listApplicabilityStateOf([hostile]),
      coverage.listCoverageControlsFor([hostile]),
      coverage.listCoverageControlsSupportedBy(hostile),
    ]);
  });

  it('builds the facts of the coverage rule', () => {
    expect(coverage.listCoverageRequirements('iso42001')).toMatchSnapshot();
    expect(coverage.listCoverageControls()).toMatchSnapshot();
    expect(coverage.listAllMappings()).toMatchSnapshot();
    expect(coverage.listApplicabilityOf('iso42001')).toMatchSnapshot();
    expect(coverage.listRiskFactsOf(['ctl_1'])).toMatchSnapshot();
    for (const hops of [1, 2, 3]) expect(coverage.listCoverageMappings('iso42001', hops)).toMatchSnapshot();
    expect(coverage.listCoverageMappingsTo(['iso27001:7.5.3'], 2)).toMatchSnapshot();
    expect(coverage.listDirectFacts(['iso42001:A.2.2'], ['sys_1'], '2026-11-27')).toMatchSnapshot();
    expect(coverage.listDirectLevels(['iso27001:A.5.1'], null, '2026-11-27')).toMatchSnapshot();
    expect(coverage.listImplementations(['iso42001:A.2.2'], null, '2026-11-27')).toMatchSnapshot();
  });

  it('builds the reads of coverage over time', () => {
    expect(
      coverage.listDirectFactsOn(['iso42001:A.2.2'], null, ['2026-01-31', '2026-02-28'], ['ctl_1']),
    ).toMatchSnapshot();
    expect(coverage.listControlsSupportedBy(['evd_1'])).toMatchSnapshot();
    expect(coverage.listCoverageStateOf(['ctl_1'], ['evd_1'])).toMatchSnapshot();
    expect(coverage.listApplicabilityStateOf(['iso42001'])).toMatchSnapshot();
    expect(coverage.listCoverageControlsFor(['iso42001:A.2.2'])).toMatchSnapshot();
    expect(coverage.listCoverageControlsSupportedBy('evd_1')).toMatchSnapshot();
  });
});

describe('crosswalk statements', () => {
  const set: crosswalkModule.SeedCrosswalkSet = {
    id: 'iso42001-to-eu-ai-act',
    title: 'ISO/IEC 42001 to the EU AI Act',
    description: 'Where the management system meets the Regulation.',
    publisher: 'aims-graph',
    source: 'analyst review',
    sourceUrl: null,
    licence: 'CC-BY-4.0',
    method: 'HUMAN',
    relationshipsBy: 'NIST IR 8477',
    addedBy: 'admin',
    addedAt: '2026-01-01',
    fromFramework: 'iso42001',
    toFramework: 'eu-ai-act',
    origin: 'IMPORT',
  };
  const mapping = (value: string): crosswalkModule.SeedMapping => ({
    id: value,
    sourceId: value,
    targetId: value,
    relationship: value,
    rationale: value,
    method: value,
    status: value,
    strength: 7,
    confidence: null,
    justification: value,
    citation: value,
    originalRelationship: value,
  });

  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      crosswalk.listCrosswalkSetsByIds([hostile]),
      crosswalk.listMappingsBySetIds([hostile]),
      crosswalk.listMappingsBetween(hostile, hostile),
      crosswalk.listMappingsByRequirementIds([hostile]),
      crosswalk.listMappingDetails([hostile]),
      crosswalk.listMappingNeighbourhoods([hostile], 2),
      crosswalk.upsertCrosswalkSet({ ...set, id: hostile, title: hostile, sourceUrl: hostile }),
      crosswalk.deleteMappingsOfSet(hostile),
      crosswalk.createMappings(hostile, [mapping(hostile)]),
      crosswalk.pruneSeededCrosswalkSets([hostile]),
      crosswalk.listRefsOfFrameworks([hostile]),
    ]);
  });

  it('puts only the fixed hop ranges into the Cypher', () => {
    for (const hops of [0, 4, -1, 1.5, Number.NaN]) {
      expect(() => crosswalk.listMappingNeighbourhoods([REQUIREMENT], hops)).toThrow(RangeError);
    }
    expect(crosswalk.listMappingNeighbourhoods([REQUIREMENT], crosswalk.MAX_HOPS).cypher).toContain('[:MAPS_TO*1..3]');
  });

  it('builds the reads', () => {
    expect(crosswalk.listCrosswalkSets()).toMatchSnapshot();
    expect(crosswalk.listCrosswalkSetsByIds(['iso42001-to-eu-ai-act'])).toMatchSnapshot();
    expect(crosswalk.listMappingsBySetIds(['iso42001-to-eu-ai-act'])).toMatchSnapshot();
    expect(crosswalk.listMappingsBetween('iso42001', 'eu-ai-act')).toMatchSnapshot();
    expect(crosswalk.listMappingsByRequirementIds([REQUIREMENT, ARTICLE])).toMatchSnapshot();
    expect(crosswalk.listMappingDetails(['m-1'])).toMatchSnapshot();
    expect(crosswalk.listRefsOfFrameworks(['iso42001', 'eu-ai-act'])).toMatchSnapshot();
  });

  it('builds the neighbourhood reads, one for each hop bound', () => {
    expect(crosswalk.listMappingNeighbourhoods([REQUIREMENT], 1)).toMatchSnapshot();
    expect(crosswalk.listMappingNeighbourhoods([REQUIREMENT], 2)).toMatchSnapshot();
    expect(crosswalk.listMappingNeighbourhoods([REQUIREMENT], 3)).toMatchSnapshot();
  });

  it('builds the set writes', () => {
    expect(crosswalk.upsertCrosswalkSet(set)).toMatchSnapshot();
    expect(crosswalk.deleteMappingsOfSet('iso42001-to-eu-ai-act')).toMatchSnapshot();
    expect(
      crosswalk.createMappings('iso42001-to-eu-ai-act', [
        {
          id: 'iso42001-to-eu-ai-act:1',
          sourceId: REQUIREMENT,
          targetId: ARTICLE,
          relationship: 'INTERSECTS_WITH',
          rationale: 'SEMANTIC',
          method: 'HUMAN',
          status: 'COMPLETE',
          strength: 6,
          confidence: 0.8,
          justification: 'Both require testing of the system before it is put into service.',
          citation: null,
          originalRelationship: null,
        },
      ]),
    ).toMatchSnapshot();
    expect(crosswalk.pruneSeededCrosswalkSets(['iso42001-to-eu-ai-act'])).toMatchSnapshot();
  });
});

describe('obligation statements', () => {
  const derived = {
    title: 'Risk management system',
    description: 'Article 9 applies to this system.',
    dueDate: '2026-08-02',
    derivedByRules: ['high-risk-annex-iii'],
  };

  it('keep user input out of the Cypher text', () => {
    const fields = { title: hostile, description: hostile, dueDate: hostile, derivedByRules: [hostile] };
    expectParameterised([
      obligations.lockDerivedObligations(hostile),
      obligations.listDerivedObligations(hostile),
      obligations.listRequirementTitles([hostile]),
      obligations.createDerivedObligations(hostile, [{ id: hostile, requirementId: hostile, ...fields }]),
      obligations.refreshDerivedObligations([{ id: hostile, ...fields }]),
    ]);
  });

  it('builds the derivation statements', () => {
    expect(obligations.lockDerivedObligations(SYSTEM)).toMatchSnapshot();
    expect(obligations.listDerivedObligations(SYSTEM)).toMatchSnapshot();
    expect(obligations.listRequirementTitles([ARTICLE, 'eu-ai-act:Art. 10'])).toMatchSnapshot();
    expect(
      obligations.createDerivedObligations(SYSTEM, [{ id: OBLIGATION, requirementId: ARTICLE, ...derived }]),
    ).toMatchSnapshot();
    expect(obligations.refreshDerivedObligations([{ id: OBLIGATION, ...derived }])).toMatchSnapshot();
  });
});

describe('organisation statements', () => {
  const query = (type: EntityType): organisationModule.EntityListQuery => ({
    type,
    equals: {},
    text: null,
    party: null,
    after: null,
    first: 20,
  });
  const entity = { space: 'Entity', id: CONTROL } as const;
  const requirement = { space: 'Requirement', id: REQUIREMENT } as const;

  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      organisation.createEntity('Control', hostile, { name: hostile, description: hostile, [hostile]: hostile }, [
        { system: hostile, id: hostile },
      ]),
      organisation.updateEntity('Control', hostile, 3, { name: hostile, [hostile]: hostile }),
      organisation.listEntitiesByIds([hostile]),
      organisation.listEntityFieldsByIds([hostile], [hostile], true),
      organisation.listEntities({
        ...query('Control'),
        equals: { status: hostile, [hostile]: hostile },
        party: hostile,
        after: { key: hostile, id: hostile },
      }),
      organisation.listEntities({ ...query('Risk'), party: hostile }, { props: [hostile], externalRefs: false }),
      organisation.listDependents(hostile),
      organisation.deleteEntity('Control', hostile),
      organisation.lockEntitiesByIds([hostile]),
      organisation.lockByExternalRefs([hostile]),
      organisation.listLinksOf([hostile]),
      organisation.findExternalRefs([hostile]),
      organisation.findApplicability(hostile, [hostile]),
      organisation.findKinds([hostile]),
      organisation.createLink(
        link('IMPLEMENTS'),
        { space: 'Entity', id: hostile },
        { space: 'Requirement', id: hostile },
        hostile,
      ),
      organisation.deleteLink(link('USES_DATASET'), { space: 'Entity', id: hostile }, { space: 'Entity', id: hostile }),
      organisation.listLinked(link('SUPPORTS'), 'IN', 'Requirement', [hostile]),
      organisation.listLinkedEntities(link('APPLIES_TO'), 'OUT', 'Entity', [hostile], {
        props: [hostile],
        externalRefs: true,
      }),
    ]);
  });

  it('sends the text filter lower-cased, as a parameter', () => {
    const statement = organisation.listEntities({ ...query('AISystem'), text: hostile });
    expect(statement.cypher).not.toContain(hostile);
    expect(statement.cypher).not.toContain(hostile.toLowerCase());
    expect(statement.params.text).toBe(hostile.toLowerCase());
  });

  it('names only the fields of the entity description in the Cypher', () => {
    // Keys of `values` and `equals` outside the description never reach the Cypher text.
    expect(organisation.updateEntity('Risk', RISK_ID, 2, { [hostile]: 1, likelihood: 4 }).cypher).toContain(
      'n.likelihood = toInteger($values.likelihood)',
    );
    const listing = organisation.listEntities({
      ...query('Risk'),
      equals: { status: 'OPEN', description: 'not a filter field', [hostile]: 1 },
    });
    expect(listing.cypher).toContain('n.status = $equals.status');
    expect(listing.cypher).not.toContain('n.description');
  });

  it('refuses an entity type outside the closed set', () => {
    for (const type of notEntityTypes(hostile, 'Requirement', 'toString', '__proto__')) {
      // deleteEntity and listEntities check the label (label()); createEntity and updateEntity
      // fail earlier, on the entity description they look up.
      expect(() => organisation.deleteEntity(type, CONTROL)).toThrow(`unknown entity type ${type}`);
      expect(() => organisation.createEntity(type, CONTROL, {}, [])).toThrow(TypeError);
      expect(() => organisation.updateEntity(type, CONTROL, 1, {})).toThrow(TypeError);
      expect(() => organisation.listEntities(query(type))).toThrow();
    }
    expect(() => organisation.listEntities(query('toString' as EntityType))).toThrow('unknown entity type toString');
  });

  it('refuses a node space outside Entity and Requirement', () => {
    const outside = { space: hostile as NodeSpace, id: CONTROL };
    expect(() => organisation.createLink(link('IMPLEMENTS'), outside, requirement, 'FULL')).toThrow(
      /unknown node space/,
    );
    expect(() => organisation.createLink(link('IMPLEMENTS'), entity, outside, 'FULL')).toThrow(/unknown node space/);
    expect(() => organisation.deleteLink(link('IMPLEMENTS'), outside, requirement)).toThrow(/unknown node space/);
    expect(() => organisation.deleteLink(link('IMPLEMENTS'), entity, outside)).toThrow(/unknown node space/);
    expect(() => organisation.listLinked(link('IMPLEMENTS'), 'OUT', outside.space, [CONTROL])).toThrow(
      /unknown node space/,
    );
    expect(() =>
      organisation.listLinkedEntities(link('IMPLEMENTS'), 'OUT', outside.space, [CONTROL], {
        props: [],
        externalRefs: false,
      }),
    ).toThrow(/unknown node space/);
  });

  it('builds the record writes', () => {
    expect(
      organisation.createEntity(
        'Control',
        CONTROL,
        { name: 'Model card review', description: null, status: 'PLANNED', controlType: 'PROCEDURAL' },
        [{ system: 'jira', id: 'GRC-12' }],
      ),
    ).toMatchSnapshot();
    expect(
      organisation.createEntity(
        'Evidence',
        EVIDENCE,
        { title: 'Validation report', evidenceType: 'REPORT', effectiveFrom: '2026-01-01' },
        [],
      ),
    ).toMatchSnapshot();
    expect(organisation.updateEntity('Risk', RISK_ID, 2, { likelihood: 4, status: 'TREATED' })).toMatchSnapshot();
    expect(organisation.deleteEntity('Dataset', DATASET)).toMatchSnapshot();
  });

  it('builds the record reads', () => {
    expect(organisation.listEntitiesByIds([SYSTEM, MODEL])).toMatchSnapshot();
    expect(organisation.listEntityFieldsByIds([SYSTEM], ['name', 'riskClass'], false)).toMatchSnapshot();
    expect(organisation.listEntityFieldsByIds([SYSTEM], ['name'], true)).toMatchSnapshot();
    expect(organisation.listDependents(SYSTEM)).toMatchSnapshot();
    expect(organisation.lockEntitiesByIds([CONTROL])).toMatchSnapshot();
    expect(organisation.lockByExternalRefs(['jira|GRC-12'])).toMatchSnapshot();
    expect(organisation.listLinksOf([CONTROL])).toMatchSnapshot();
    expect(organisation.countEntities()).toMatchSnapshot();
    expect(organisation.findExternalRefs(['jira|GRC-12'])).toMatchSnapshot();
    expect(organisation.findApplicability(REQUIREMENT, [SYSTEM])).toMatchSnapshot();
    expect(organisation.findKinds([SYSTEM, REQUIREMENT])).toMatchSnapshot();
  });

  it('builds the listings', () => {
    expect(organisation.listEntities(query('AISystem'))).toMatchSnapshot();
    expect(
      organisation.listEntities({
        type: 'Control',
        equals: { status: 'IMPLEMENTED' },
        text: 'Model Card',
        party: PARTY,
        after: { key: 'Access review', id: CONTROL },
        first: 50,
      }),
    ).toMatchSnapshot();
    expect(
      organisation.listEntities(
        { ...query('Evidence'), text: 'report' },
        { props: ['title', 'validUntil'], externalRefs: true },
      ),
    ).toMatchSnapshot();
  });

  it('builds the link statements', () => {
    expect(organisation.createLink(link('IMPLEMENTS'), entity, requirement, 'PARTIAL')).toMatchSnapshot();
    expect(
      organisation.createLink(link('APPLIES_TO'), entity, { space: 'Entity', id: SYSTEM }, null),
    ).toMatchSnapshot();
    expect(
      organisation.deleteLink(link('USES_DATASET'), { space: 'Entity', id: SYSTEM }, { space: 'Entity', id: DATASET }),
    ).toMatchSnapshot();
    expect(
      organisation.deleteLink(link('FOR_REQUIREMENT'), { space: 'Entity', id: APPLICABILITY }, requirement),
    ).toMatchSnapshot();
    expect(organisation.listLinked(link('USES_DATASET'), 'OUT', 'Entity', [SYSTEM])).toMatchSnapshot();
    expect(organisation.listLinked(link('IMPLEMENTS'), 'IN', 'Requirement', [REQUIREMENT])).toMatchSnapshot();
    expect(
      organisation.listLinkedEntities(link('SUPPORTS'), 'IN', 'Entity', [CONTROL], {
        props: ['title'],
        externalRefs: false,
      }),
    ).toMatchSnapshot();
  });
});

describe('sync statements', () => {
  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      sync.attachExternalRefs([{ id: hostile, system: hostile, ref: hostile, bump: true }]),
      sync.createEntities('Control', [
        { id: hostile, values: { name: hostile, [hostile]: hostile }, ref: { system: hostile, id: hostile } },
      ]),
      sync.replaceEntities('Control', [{ id: hostile, values: { name: hostile, [hostile]: hostile } }]),
      sync.deleteEntities([hostile]),
      sync.mergeLinks(link('IMPLEMENTS'), 'Requirement', [{ i: 0, from: hostile, to: hostile, property: hostile }]),
      sync.removeLinks(link('APPLIES_TO'), 'Entity', [{ i: 0, from: hostile, to: hostile }]),
      sync.listControlsForExport(hostile),
      sync.listEvidenceForExport(hostile),
      sync.listControlsForOscal(hostile),
      sync.listOutgoingLinks([hostile], hostile),
    ]);
  });

  it('refuses a node space outside Entity and Requirement, and an unknown entity type', () => {
    const outside = hostile as NodeSpace;
    expect(() => sync.mergeLinks(link('IMPLEMENTS'), outside, [])).toThrow(/unknown node space/);
    expect(() => sync.removeLinks(link('IMPLEMENTS'), outside, [])).toThrow(/unknown node space/);
    // The label written is the entity description's own `type`; a type without a description fails on the lookup.
    for (const type of notEntityTypes(hostile, 'Requirement', 'toString')) {
      expect(() => sync.createEntities(type, [])).toThrow(TypeError);
      expect(() => sync.replaceEntities(type, [])).toThrow(TypeError);
    }
  });

  it('builds the batched writes', () => {
    expect(sync.attachExternalRefs([{ id: CONTROL, system: 'jira', ref: 'GRC-12', bump: false }])).toMatchSnapshot();
    expect(
      sync.createEntities('Control', [
        {
          id: CONTROL,
          values: { name: 'Model card review', description: null, status: 'PLANNED', controlType: 'PROCEDURAL' },
          ref: { system: 'jira', id: 'GRC-12' },
        },
      ]),
    ).toMatchSnapshot();
    expect(
      sync.replaceEntities('Evidence', [
        {
          id: EVIDENCE,
          values: {
            title: 'Validation report',
            evidenceType: 'REPORT',
            uploadedAt: '2026-01-02T10:00:00Z',
            validUntil: '2027-01-01',
          },
        },
      ]),
    ).toMatchSnapshot();
    expect(sync.deleteEntities([CONTROL, EVIDENCE])).toMatchSnapshot();
    expect(
      sync.mergeLinks(link('IMPLEMENTS'), 'Requirement', [{ i: 0, from: CONTROL, to: REQUIREMENT, property: 'FULL' }]),
    ).toMatchSnapshot();
    expect(
      sync.mergeLinks(link('APPLIES_TO'), 'Entity', [{ i: 0, from: CONTROL, to: SYSTEM, property: null }]),
    ).toMatchSnapshot();
    expect(sync.removeLinks(link('USES_DATASET'), 'Entity', [{ i: 0, from: SYSTEM, to: DATASET }])).toMatchSnapshot();
    expect(
      sync.removeLinks(link('SUPPORTS'), 'Requirement', [{ i: 0, from: EVIDENCE, to: REQUIREMENT }]),
    ).toMatchSnapshot();
  });

  it('builds the exports', () => {
    expect(sync.listControlsForExport('jira')).toMatchSnapshot();
    expect(sync.listEvidenceForExport('jira')).toMatchSnapshot();
    expect(sync.listControlsForOscal('oscal:ssp-2026')).toMatchSnapshot();
    expect(sync.listOutgoingLinks([CONTROL], 'jira')).toMatchSnapshot();
  });
});

describe('synthetic organisation statements', () => {
  it('keep every value out of the Cypher text', () => {
    const statements = [
      synthetic.listAuditableRequirements([hostile]),
      synthetic.countOrganisationRecords([hostile]),
      synthetic.createSyntheticEntities('Control', [{ id: hostile, values: { name: hostile } }], hostile),
      synthetic.createSyntheticLinks(linkDef('IMPLEMENTS')!, 'Requirement', [
        { from: hostile, to: hostile, property: hostile },
      ]),
      synthetic.deleteSyntheticEntities(hostile, 10),
      synthetic.deleteSyntheticChanges(hostile, 10),
      synthetic.findSyntheticChangeRange([hostile]),
    ];
    for (const statement of statements) {
      expect(statement.cypher).not.toContain(hostile);
      expect(JSON.stringify(statement.params)).toContain('DETACH DELETE');
    }
  });

  it('builds the batched writes', () => {
    expect(synthetic.createSyntheticEntities('Evidence', [], '2026-01-01T00:00:00Z')).toMatchSnapshot();
    expect(synthetic.createSyntheticLinks(linkDef('USES_DATASET')!, 'Entity', [])).toMatchSnapshot();
    expect(synthetic.deleteSyntheticEntities('sys_5717e71c-', 2000)).toMatchSnapshot();
    expect(synthetic.settleChangeCounter(101, 4000)).toMatchSnapshot();
  });

  it('refuses a node space outside Entity and Requirement, and an unknown entity type', () => {
    expect(() => synthetic.createSyntheticLinks(link('IMPLEMENTS'), hostile as NodeSpace, [])).toThrow(
      /unknown node space/,
    );
    for (const type of notEntityTypes(hostile, 'Requirement', 'toString')) {
      expect(() => synthetic.createSyntheticEntities(type, [], '2026-01-01T00:00:00Z')).toThrow(TypeError);
    }
  });

  it('builds the reads and the clean-up', () => {
    expect(synthetic.listAuditableRequirements(['iso42001', 'eu-ai-act'])).toMatchSnapshot();
    expect(synthetic.countOrganisationRecords(['sys_5717e71c-', 'ctl_5717e71c-'])).toMatchSnapshot();
    expect(synthetic.deleteSyntheticChanges('ctl_5717e71c-', 2000)).toMatchSnapshot();
    expect(synthetic.findSyntheticChangeRange(['sys_5717e71c-', 'ctl_5717e71c-'])).toMatchSnapshot();
  });
});

describe('traceability statements', () => {
  const kinds = ['Dataset', 'Model', 'Control', 'Evidence', 'Requirement'];

  it('keep user input out of the Cypher text', () => {
    expectParameterised([
      traceability.traceFrom(hostile, hostile),
      traceability.listEvidenceFor(hostile, [hostile], [hostile]),
      ...kinds.map((kind) => traceability.impactOf(hostile, kind)),
    ]);
  });

  it('answers impact only for the kinds it has a statement for', () => {
    for (const kind of [hostile, 'AISystem', 'Risk', 'dataset', '', 'toString', 'constructor', '__proto__']) {
      expect(() => traceability.impactOf(DATASET, kind)).toThrow(RangeError);
    }
  });

  it('builds the trace', () => {
    expect(traceability.traceFrom(SYSTEM, null)).toMatchSnapshot();
    expect(traceability.traceFrom(DATASET, 'eu-ai-act')).toMatchSnapshot();
    expect(traceability.listEvidenceFor(SYSTEM, [CONTROL], [REQUIREMENT])).toMatchSnapshot();
    expect(traceability.listEvidenceFor(null, [CONTROL], [])).toMatchSnapshot();
  });

  it('builds the impact of each kind', () => {
    const ids: Record<string, string> = {
      Dataset: DATASET,
      Model: MODEL,
      Control: CONTROL,
      Evidence: EVIDENCE,
      Requirement: REQUIREMENT,
    };
    for (const kind of kinds) expect(traceability.impactOf(ids[kind]!, kind)).toMatchSnapshot();
  });
});

describe('the closed vocabularies put into Cypher', () => {
  it('give no link description for a kind outside LINKS', () => {
    // Link builders take a LinkDef and put its kind and property name into the Cypher
    // unchecked; linkDef() is the only way the service makes one.
    for (const kind of [hostile, 'PART_OF', 'MAPS_TO', 'implements', '']) expect(linkDef(kind)).toBeUndefined();
    for (const kind of LINK_KINDS) expect(kind).toMatch(/^[A-Z_]+$/);
    for (const type of ENTITY_TYPES) expect(type).toMatch(/^[A-Za-z]+$/);
  });
});

// Keep last: it reads what the tests above built and snapshotted.
describe('every statement file', () => {
  it('has each exported builder called and its statement snapshotted above', async () => {
    const dir = fileURLToPath(new URL('../../src/graph/statements/', import.meta.url));
    const files = readdirSync(dir)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => name.slice(0, -'.ts'.length))
      .sort();
    expect(files.length).toBeGreaterThan(0);
    const uncalled: string[] = [];
    const unsnapshotted: string[] = [];
    for (const file of files) {
      const module = (await import(`../../src/graph/statements/${file}.ts`)) as Record<string, unknown>;
      const helpers = PURE_HELPERS[file] ?? [];
      for (const helper of helpers) expect(typeof module[helper], `${file}.${helper}`).toBe('function');
      for (const [name, value] of Object.entries(module)) {
        if (typeof value !== 'function' || helpers.includes(name)) continue;
        if (!built.get(file)?.has(name)) uncalled.push(`${file}.${name}`);
        else if (!snapshotted.get(file)?.has(name)) unsnapshotted.push(`${file}.${name}`);
      }
    }
    // uncalled: never called through track(); unsnapshotted: called, but no statement of theirs reached a snapshot.
    expect({ uncalled, unsnapshotted }).toEqual({ uncalled: [], unsnapshotted: [] });
  });

  it('lists as pure helpers only functions that build no statement', () => {
    for (const [file, helpers] of Object.entries(PURE_HELPERS)) {
      for (const helper of helpers) expect(built.get(file)?.has(helper) ?? false, `${file}.${helper}`).toBe(false);
    }
  });
});
