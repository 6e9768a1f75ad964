/**
 * EU AI Act applicability (DOMAIN.md section 4): which articles bind the organisation for
 * one AI system, from which date, and by which rule. The rules are data
 * (seed/rules/eu-ai-act-applicability.json, read by ingest/applicability-rules-file.ts);
 * this module only evaluates them. Pure.
 */
import type { AiActSpecialCase, EuAiActClass } from './organisation.js';
import type { OperatorRole } from './vocabulary.js';

type HighRiskRoute = 'ANNEX_I' | 'ANNEX_III';

/** A conjunction: every key given must hold; a key left out holds for every system. */
export interface RuleCondition {
  /** The system's risk class is one of these (an unclassified system matches none). */
  readonly riskClass?: readonly EuAiActClass[];
  /** The system's high-risk route is one of these. */
  readonly highRiskRoute?: readonly HighRiskRoute[];
  /** The organisation holds at least one of these roles towards the system. */
  readonly roles?: readonly OperatorRole[];
  /** Every one of these special cases is recorded for the system. */
  readonly allOf?: readonly AiActSpecialCase[];
  /** At least one of these is recorded. */
  readonly anyOf?: readonly AiActSpecialCase[];
  /** None of these is recorded. */
  readonly noneOf?: readonly AiActSpecialCase[];
}

/** One step of a schedule: the first step whose condition holds gives the date. */
export interface ScheduleStep {
  readonly when: RuleCondition | null;
  /** The first day the articles bind; null when they do not bind until something else happens (see basis). */
  readonly date: string | null;
  readonly basis: string;
}

export interface ApplicabilityRule {
  readonly id: string;
  readonly title: string;
  /** The provision the rule rests on, with its paragraph, in a sentence. */
  readonly basis: string;
  readonly when: RuleCondition;
  /** Article refs of the framework, for example "Art. 26". */
  readonly articles: readonly string[];
  readonly schedule: string;
}

export interface ApplicabilityRules {
  readonly framework: string;
  readonly version: string;
  readonly schedules: Readonly<Record<string, readonly ScheduleStep[]>>;
  readonly rules: readonly ApplicabilityRule[];
}

/** What the rules look at: the EU AI Act facts recorded on an AISystem. */
export interface SystemFacts {
  readonly riskClass: EuAiActClass | null;
  readonly highRiskRoute: HighRiskRoute | null;
  readonly operatorRoles: readonly OperatorRole[];
  readonly aiActSpecialCases: readonly AiActSpecialCase[];
}

/** A rule that fired for one article, with the schedule step that dated it. */
export interface RuleFinding {
  readonly rule: ApplicabilityRule;
  readonly appliesFrom: string | null;
  readonly dateBasis: string;
}

export interface ApplicableArticle {
  readonly article: string;
  /** The earliest date any of its rules gives; null when none of them binds yet. */
  readonly appliesFrom: string | null;
  readonly findings: readonly RuleFinding[];
}

export interface Applicability {
  readonly articles: readonly ApplicableArticle[];
  /** What limits the answer: facts that are missing or that the rules cannot weigh. */
  readonly notes: readonly string[];
}

export function conditionHolds(when: RuleCondition, facts: SystemFacts): boolean {
  const cases = new Set(facts.aiActSpecialCases);
  if (when.riskClass && (facts.riskClass === null || !when.riskClass.includes(facts.riskClass))) return false;
  if (when.highRiskRoute && (facts.highRiskRoute === null || !when.highRiskRoute.includes(facts.highRiskRoute)))
    return false;
  if (when.roles && !when.roles.some((r) => facts.operatorRoles.includes(r))) return false;
  if (when.allOf && !when.allOf.every((c) => cases.has(c))) return false;
  if (when.anyOf && !when.anyOf.some((c) => cases.has(c))) return false;
  if (when.noneOf && when.noneOf.some((c) => cases.has(c))) return false;
  return true;
}

function dateOf(schedule: readonly ScheduleStep[], facts: SystemFacts): ScheduleStep {
  const step = schedule.find((s) => s.when === null || conditionHolds(s.when, facts));
  // The rules file is checked to end every schedule with an unconditional step.
  if (!step) throw new Error('schedule without an unconditional last step');
  return step;
}

/** Dates are ISO calendar dates, so they order as strings. */
function earliest(dates: readonly (string | null)[]): string | null {
  const known = dates.filter((d): d is string => d !== null).sort();
  return known[0] ?? null;
}

/** Every article the rules make applicable to the system, in article order, each with the rules behind it. */
export function applicableArticles(rules: ApplicabilityRules, facts: SystemFacts): Applicability {
  const byArticle = new Map<string, RuleFinding[]>();
  for (const rule of rules.rules) {
    if (!conditionHolds(rule.when, facts)) continue;
    const step = dateOf(rules.schedules[rule.schedule] ?? [], facts);
    for (const article of rule.articles) {
      const findings = byArticle.get(article) ?? [];
      findings.push({ rule, appliesFrom: step.date, dateBasis: step.basis });
      byArticle.set(article, findings);
    }
  }
  const articles = [...byArticle]
    .map(([article, findings]) => ({ article, appliesFrom: earliest(findings.map((f) => f.appliesFrom)), findings }))
    .sort((a, b) => compareArticles(a.article, b.article));
  return { articles, notes: notesOn(facts) };
}

/** "Art. 9" before "Art. 10"; anything else after, by text. */
export function compareArticles(a: string, b: string): number {
  const number = (ref: string): number => {
    const match = /^Art\. (\d+)([a-z]*)$/.exec(ref);
    return match ? Number(match[1]) : Number.MAX_SAFE_INTEGER;
  };
  return number(a) - number(b) || a.localeCompare(b);
}

function notesOn(facts: SystemFacts): string[] {
  const notes: string[] = [];
  if (facts.operatorRoles.length === 0)
    notes.push('No operator role is recorded for the system, so no operator obligation can be derived.');
  if (facts.riskClass === null) {
    notes.push(
      'The system has no EU AI Act risk class yet: only the rules that do not depend on one were applied (AI literacy, Art. 50 cases, general-purpose AI).',
    );
  }
  if (facts.riskClass === 'HIGH_RISK' && facts.highRiskRoute === null) {
    notes.push(
      'The high-risk route is not recorded: dates assume Annex III (2 August 2026); an Annex I system applies from 2 August 2027, and the Annex III-only rules (registration, Art. 27, Art. 86) were not applied.',
    );
  }
  return notes;
}
