/** Cypher snapshots: a change to a statement is visible in review, and user values only ever travel as parameters. */
import { describe, expect, it } from 'vitest';
import * as catalogue from '../../src/graph/statements/catalogue.js';

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
