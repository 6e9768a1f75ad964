/**
 * EU AI Act obligations: the pure rules (domain/ai-act-applicability.ts) over the facts
 * recorded on an AI system, and the derivation that keeps one Obligation per article.
 */
import type { EntityRow } from '../graph/rows.js';
import {
  applicableArticles,
  type Applicability,
  type ApplicabilityRules,
  type ApplicableArticle,
  type SystemFacts,
} from '../domain/ai-act-applicability.js';
import type { ChangeEntry } from '../domain/change-log.js';
import { NotFoundError } from '../errors.js';
import type { DerivationAction } from '../generated/resolvers.js';
import { requirementId } from '../domain/ids.js';
import { lockEntitiesByIds } from '../graph/statements/organisation.js';
import {
  createDerivedObligations,
  listDerivedObligations,
  listRequirementTitles,
  lockDerivedObligations,
  refreshDerivedObligations,
  type DerivedFields,
} from '../graph/statements/obligations.js';
import { linkChange, snapshot, write } from './changes.js';
import { checkId } from './checks.js';
import { mintId } from './organisation.js';
import type { RequestScope } from './scope.js';

const TITLE_MAX = 300;
const DESCRIPTION_MAX = 10_000;

function factsOf(system: EntityRow): SystemFacts {
  return {
    riskClass: (system.riskClass ?? null) as SystemFacts['riskClass'],
    highRiskRoute: (system.highRiskRoute ?? null) as SystemFacts['highRiskRoute'],
    operatorRoles: (system.operatorRoles ?? []) as SystemFacts['operatorRoles'],
    aiActSpecialCases: (system.aiActSpecialCases ?? []) as SystemFacts['aiActSpecialCases'],
  };
}

function evaluate(rules: ApplicabilityRules, system: EntityRow): Applicability {
  return applicableArticles(rules, factsOf(system));
}

async function systemOrFail(scope: RequestScope, id: string): Promise<EntityRow> {
  const entity = await scope.loaders.entityById.load(id);
  if (entity === null || entity.type !== 'AISystem') throw new NotFoundError('AI system', id);
  return entity;
}

const clip = (text: string, max: number): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** What a derived obligation says for one article: built from the rules, never from user input. */
export function derivedFields(
  applicable: ApplicableArticle & { appliesFrom: string },
  articleTitle: string | null,
  systemName: string,
): DerivedFields {
  const heading = articleTitle === null ? applicable.article : `${applicable.article} ${articleTitle}`;
  const description = applicable.findings
    .map(
      (f) =>
        `${f.rule.title} (rule ${f.rule.id}). ${f.rule.basis} Applies from ${f.appliesFrom ?? 'no date yet'}: ${f.dateBasis}`,
    )
    .join('\n\n');
  return {
    title: clip(`${heading}: ${systemName}`, TITLE_MAX),
    description: clip(description, DESCRIPTION_MAX),
    dueDate: applicable.appliesFrom,
    derivedByRules: applicable.findings.map((f) => f.rule.id),
  };
}

function sameFields(row: EntityRow, fields: DerivedFields): boolean {
  const rules = (row.derivedByRules ?? []) as readonly string[];
  return (
    row.title === fields.title &&
    row.description === fields.description &&
    row.dueDate === fields.dueDate &&
    rules.length === fields.derivedByRules.length &&
    rules.every((r, i) => r === fields.derivedByRules[i])
  );
}

/** The articles that bind an AI system, by the rules, on `day` (today by default), with the obligations derived for them. */
export async function applicableObligations(
  scope: RequestScope,
  rules: ApplicabilityRules,
  systemId: string,
  day?: string | null,
) {
  const system = await systemOrFail(scope, checkId(systemId, 'aiSystem'));
  const { articles, notes } = evaluate(rules, system);
  const asOf = day ?? scope.clock().toISOString().slice(0, 10);
  const derived = new Map(
    (await scope.graph.read(listDerivedObligations(system.id))).map((row) => [row.requirementId, row.obligation]),
  );
  return {
    system,
    frameworkVersion: rules.version,
    asOf,
    articles: articles.map((applicable) => ({
      frameworkId: rules.framework,
      applicable,
      asOf,
      obligation: derived.get(requirementId(rules.framework, applicable.article)) ?? null,
    })),
    notes,
  };
}

/** Keeps one Obligation per article that binds the system from a known date: creates, refreshes, never deletes. */
export async function deriveObligations(scope: RequestScope, rules: ApplicabilityRules, aiSystem: string) {
  const systemId = checkId(aiSystem, 'aiSystem');
  return write(scope, 'deriveObligations', async (tx, log) => {
    // The system's write lock makes concurrent derivations for it run one after the other.
    const [locked] = await tx.run(lockEntitiesByIds([systemId]));
    if (locked === undefined || locked.entity.type !== 'AISystem') throw new NotFoundError('AI system', systemId);
    const system = locked.entity;
    const { articles } = evaluate(rules, system);
    const binding = articles.filter((a): a is ApplicableArticle & { appliesFrom: string } => a.appliesFrom !== null);
    await tx.run(lockDerivedObligations(systemId));
    const existing = new Map(
      (await tx.run(listDerivedObligations(systemId))).map((row) => [row.requirementId, row.obligation]),
    );
    const titles = new Map(
      (await tx.run(listRequirementTitles(binding.map((a) => requirementId(rules.framework, a.article))))).map((r) => [
        r.id,
        r.title,
      ]),
    );

    const toCreate: ({ id: string; requirementId: string } & DerivedFields)[] = [];
    const toRefresh: ({ id: string } & DerivedFields)[] = [];
    const plan: { article: string; requirementId: string; action: DerivationAction; obligation: EntityRow | null }[] =
      [];
    for (const applicable of binding) {
      const reqId = requirementId(rules.framework, applicable.article);
      if (!titles.has(reqId)) throw new NotFoundError('Requirement', reqId);
      const fields = derivedFields(applicable, titles.get(reqId) ?? null, String(system.name));
      const found = existing.get(reqId);
      if (found === undefined) {
        toCreate.push({ id: mintId('Obligation'), requirementId: reqId, ...fields });
        plan.push({ article: applicable.article, requirementId: reqId, action: 'CREATED', obligation: null });
      } else if (sameFields(found, fields)) {
        plan.push({ article: applicable.article, requirementId: reqId, action: 'UNCHANGED', obligation: found });
      } else {
        toRefresh.push({ id: found.id, ...fields });
        plan.push({ article: applicable.article, requirementId: reqId, action: 'UPDATED', obligation: found });
      }
    }
    const written = new Map<string, EntityRow>();
    if (toCreate.length > 0)
      for (const row of await tx.run(createDerivedObligations(systemId, toCreate)))
        written.set(row.requirementId, row.obligation);
    if (toRefresh.length > 0) {
      const byId = new Map(
        (await tx.run(refreshDerivedObligations(toRefresh))).map((row) => [row.obligation.id, row.obligation]),
      );
      for (const step of plan)
        if (step.action === 'UPDATED') written.set(step.requirementId, byId.get(step.obligation!.id)!);
    }
    const changes: ChangeEntry[] = [];
    for (const step of plan) {
      const now = written.get(step.requirementId)!;
      if (step.action === 'CREATED') {
        const from = { id: now.id, type: 'Obligation' };
        changes.push(
          { operation: 'CREATE', entityId: now.id, entityType: 'Obligation', before: null, after: snapshot(now) },
          linkChange('LINK', 'BINDS', from, systemId, undefined, null),
          linkChange('LINK', 'DERIVED_FROM', from, step.requirementId, undefined, null),
        );
      } else if (step.action === 'UPDATED') {
        changes.push({
          operation: 'UPDATE',
          entityId: now.id,
          entityType: 'Obligation',
          before: snapshot(step.obligation!),
          after: snapshot(now),
        });
      }
    }
    log.record(changes);
    for (const step of plan) log.wrote(written.get(step.requirementId) ?? step.obligation!);
    const bindingIds = new Set(binding.map((a) => requirementId(rules.framework, a.article)));
    return {
      system,
      derived: plan.map((step) => ({
        article: step.article,
        action: step.action,
        obligation: written.get(step.requirementId) ?? step.obligation!,
      })),
      notYetBinding: articles.filter((a) => a.appliesFrom === null).map((a) => a.article),
      noLongerApplicable: [...existing].filter(([reqId]) => !bindingIds.has(reqId)).map(([, row]) => row),
    };
  });
}
