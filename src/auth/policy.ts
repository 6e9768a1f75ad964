/**
 * Authorization in one place: the permission every root field requires, and the check
 * that runs once an operation is parsed and validated, before any resolver runs. A
 * refused operation therefore touches nothing and cannot reveal whether the records it
 * names exist: the answer is the same FORBIDDEN whatever its arguments.
 *
 * The tables are typed against the generated resolver types, so a field added to the
 * schema without a policy entry fails the type check.
 */
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { MutationResolvers, QueryResolvers } from '../generated/resolvers.js';
import { PERMISSIONS, type Permission } from './roles.js';

const { READ, WRITE_ORGANISATION, SYNC, WRITE_CATALOGUE, MANAGE_KEYS } = PERMISSIONS;

export const QUERY_POLICY: Readonly<Record<keyof QueryResolvers, Permission>> = {
  node: READ,
  serviceInfo: READ,
  viewer: READ,
  frameworks: READ,
  framework: READ,
  requirement: READ,
  frameworkVersionDiff: READ,
  changes: READ,
  auditTrail: READ,
  coverageChange: READ,
  coverage: READ,
  gaps: READ,
  evidenceReuse: READ,
  reusableEvidence: READ,
  statementOfApplicability: READ,
  crosswalkSets: READ,
  crosswalkSet: READ,
  crosswalk: READ,
  exportCrosswalkSet: READ,
  exportFrameworkCatalog: READ,
  applicableObligations: READ,
  aiSystems: READ,
  models: READ,
  datasets: READ,
  risks: READ,
  controls: READ,
  obligations: READ,
  evidence: READ,
  parties: READ,
  exportOscalComponentDefinition: READ,
  exportOscalAssessmentResults: READ,
  exportCsv: READ,
  trace: READ,
  impact: READ,
  apiKeys: MANAGE_KEYS,
};

export const MUTATION_POLICY: Readonly<Record<keyof MutationResolvers, Permission>> = {
  importCrosswalkSet: WRITE_CATALOGUE,
  setApplicability: WRITE_ORGANISATION,
  deriveObligations: WRITE_ORGANISATION,
  createAISystem: WRITE_ORGANISATION,
  updateAISystem: WRITE_ORGANISATION,
  deleteAISystem: WRITE_ORGANISATION,
  createModel: WRITE_ORGANISATION,
  updateModel: WRITE_ORGANISATION,
  deleteModel: WRITE_ORGANISATION,
  createDataset: WRITE_ORGANISATION,
  updateDataset: WRITE_ORGANISATION,
  deleteDataset: WRITE_ORGANISATION,
  createRisk: WRITE_ORGANISATION,
  updateRisk: WRITE_ORGANISATION,
  deleteRisk: WRITE_ORGANISATION,
  createControl: WRITE_ORGANISATION,
  updateControl: WRITE_ORGANISATION,
  deleteControl: WRITE_ORGANISATION,
  createObligation: WRITE_ORGANISATION,
  updateObligation: WRITE_ORGANISATION,
  deleteObligation: WRITE_ORGANISATION,
  createEvidence: WRITE_ORGANISATION,
  updateEvidence: WRITE_ORGANISATION,
  deleteEvidence: WRITE_ORGANISATION,
  createParty: WRITE_ORGANISATION,
  updateParty: WRITE_ORGANISATION,
  deleteParty: WRITE_ORGANISATION,
  createApplicability: WRITE_ORGANISATION,
  updateApplicability: WRITE_ORGANISATION,
  deleteApplicability: WRITE_ORGANISATION,
  link: WRITE_ORGANISATION,
  unlink: WRITE_ORGANISATION,
  importOscalComponentDefinition: SYNC,
  upsertAISystem: SYNC,
  upsertModel: SYNC,
  upsertDataset: SYNC,
  upsertRisk: SYNC,
  upsertControl: SYNC,
  upsertObligation: SYNC,
  upsertEvidence: SYNC,
  upsertParty: SYNC,
  upsertApplicability: SYNC,
  sync: SYNC,
  importCsv: SYNC,
  createApiKey: MANAGE_KEYS,
  revokeApiKey: MANAGE_KEYS,
};

/** Introspection and __typename need only the right to read. */
const META_FIELDS = new Set(['__typename', '__schema', '__type']);

/**
 * The root fields an operation selects, through fragments and inline fragments, and
 * the permission each needs. Fields under @skip/@include count as selected: the
 * check must not depend on variables.
 */
export function requiredPermissions(
  operation: OperationDefinitionNode,
  fragments: Readonly<Record<string, FragmentDefinitionNode>>,
): { field: string; permission: Permission }[] {
  const table: Readonly<Record<string, Permission>> =
    operation.operation === 'mutation' ? MUTATION_POLICY : QUERY_POLICY;
  const found: { field: string; permission: Permission }[] = [];
  const seen = new Set<string>();
  const visit = (selectionSet: SelectionSetNode): void => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const permission = META_FIELDS.has(name) ? READ : table[name];
        // A field missing from the tables (impossible while they type-check) is left to ADMIN alone.
        found.push({ field: name, permission: permission ?? MANAGE_KEYS });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (fragment !== undefined && !seen.has(name)) {
          seen.add(name);
          visit(fragment.selectionSet);
        }
      }
    }
  };
  visit(operation.selectionSet);
  return found;
}
