/** Cypher snapshots: a change to a statement is visible in review, and user values only ever travel as parameters. */
import { describe, expect, it } from 'vitest';
import * as catalogue from '../../src/graph/statements/catalogue.js';
import * as synthetic from '../../src/graph/statements/synthetic.js';
import { linkDef } from '../../src/domain/entity-spec.js';

const hostile = "x' }) DETACH DELETE n //";

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

  it('builds the requirement listing', () => {
    expect(catalogue.listRequirementsOfFrameworks([{ key: 'k', frameworkId: 'iso42001', kind: 'CONTROL' }])).toMatchSnapshot();
  });

  it('builds the batched lookups', () => {
    expect(catalogue.listRequirementsByIds(['iso42001:A.6.2.4'])).toMatchSnapshot();
    expect(catalogue.listChildrenByParentIds(['iso42001:A.6.2'])).toMatchSnapshot();
  });

  it('builds the seed writes', () => {
    expect(catalogue.linkRequirementParents('iso42001', [{ id: 'iso42001:6.1', parentId: 'iso42001:6' }])).toMatchSnapshot();
    expect(catalogue.pruneRequirements('iso42001', ['iso42001:6'])).toMatchSnapshot();
  });

  it('makes requirement ids from framework and ref', () => {
    expect(catalogue.requirementId('eu-ai-act', 'Art. 9')).toBe('eu-ai-act:Art. 9');
  });
});

describe('synthetic organisation statements', () => {
  it('keep every value out of the Cypher text', () => {
    const statements = [
      synthetic.listAuditableRequirements([hostile]),
      synthetic.countOrganisationRecords([hostile]),
      synthetic.createSyntheticEntities('Control', [{ id: hostile, values: { name: hostile } }], hostile),
      synthetic.createSyntheticLinks(linkDef('IMPLEMENTS')!, 'Requirement', [{ from: hostile, to: hostile, property: hostile }]),
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
});
