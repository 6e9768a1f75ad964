/**
 * The coverage rule (DOMAIN.md section 3), pure. Given the facts of the graph for a
 * framework, a scope and a date, every auditable requirement of the framework gets
 * exactly one status, with the explanation that justifies it.
 */
import { compose, explore, orient, type ChainStep, type StoredMapping } from '../crosswalk/algebra.js';
import type { Relationship } from '../domain/vocabulary.js';

export type CoverageStatus = 'NOT_APPLICABLE' | 'COVERED' | 'COVERED_VIA_CROSSWALK' | 'PARTIAL' | 'GAP';
export type Level = 'FULL' | 'PART' | 'NONE';

export interface EvidenceFact {
  readonly id: string;
  /** YYYY-MM-DD or null for an open start. */
  readonly effectiveFrom: string | null;
  /** YYYY-MM-DD or null for an open end. */
  readonly validUntil: string | null;
  /** Systems (or datasets) the evidence is limited to; empty when unscoped. */
  readonly scopedTo: readonly string[];
}

export interface ControlFact {
  readonly id: string;
  readonly status: string;
  /** Systems the control applies to; empty for an organisation-wide control. */
  readonly systems: readonly string[];
  readonly implements: readonly { readonly requirementId: string; readonly coverage: 'FULL' | 'PARTIAL' }[];
  readonly evidence: readonly EvidenceFact[];
}

export interface ApplicabilityFact {
  readonly id: string;
  readonly requirementId: string;
  readonly applicable: boolean;
  readonly justification: string;
  /** Systems the decision is limited to; empty for the whole organisation. */
  readonly systems: readonly string[];
}

export interface CoverageFacts {
  /** The auditable requirements of the target framework. */
  readonly requirements: readonly { readonly id: string }[];
  readonly controls: readonly ControlFact[];
  readonly mappings: readonly StoredMapping[];
  readonly applicability: readonly ApplicabilityFact[];
}

export interface CoverageQuestion {
  /** null: the whole organisation; otherwise the AI systems in scope. */
  readonly systems: readonly string[] | null;
  /** The date coverage is assessed on, YYYY-MM-DD. */
  readonly asOf: string;
  readonly maxHops: number;
}

export type RejectionReason = 'CONTROL_NOT_CONTRIBUTING' | 'CONTROL_OUT_OF_SCOPE' | 'NO_VALID_EVIDENCE';

export interface ControlContributionFact {
  readonly controlId: string;
  readonly coverage: 'FULL' | 'PARTIAL';
  readonly level: Level;
  /** The evidence valid on the date and in the scope. */
  readonly validEvidence: readonly string[];
  /** Evidence that was considered and did not count, with why. */
  readonly invalidEvidence: readonly { readonly evidenceId: string; readonly reason: 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE' }[];
}

export interface RejectedControlFact {
  readonly controlId: string;
  readonly reason: RejectionReason;
}

export interface CrosswalkContribution {
  /** The requirement whose direct contribution is carried over. */
  readonly from: string;
  readonly fromLevel: Exclude<Level, 'NONE'>;
  /** rel(from, requirement): stored, or composed along the chain. */
  readonly relationship: Exclude<Relationship, 'NO_RELATIONSHIP'>;
  readonly level: Exclude<Level, 'NONE'>;
  readonly chain: readonly ChainStep[];
}

export interface RejectedCrosswalk {
  readonly from: string;
  readonly chain: readonly ChainStep[];
  readonly reason: 'NO_RELATIONSHIP' | 'UNDETERMINED';
}

export interface RequirementCoverage {
  readonly requirementId: string;
  readonly status: CoverageStatus;
  readonly direct: Level;
  readonly contributions: readonly ControlContributionFact[];
  readonly rejectedControls: readonly RejectedControlFact[];
  readonly crosswalk: readonly CrosswalkContribution[];
  readonly rejectedCrosswalk: readonly RejectedCrosswalk[];
  readonly exclusion: ApplicabilityFact | null;
}

const CONTRIBUTING = new Set(['IMPLEMENTED', 'OPERATING']);
const RANK: Record<Level, number> = { NONE: 0, PART: 1, FULL: 2 };
const best = (levels: readonly Level[]): Level => levels.reduce<Level>((a, b) => (RANK[b] > RANK[a] ? b : a), 'NONE');

function inScope(control: ControlFact, systems: readonly string[] | null): boolean {
  if (systems === null || control.systems.length === 0) return true;
  return control.systems.some((s) => systems.includes(s));
}

function judgeEvidence(evidence: EvidenceFact, question: CoverageQuestion): 'VALID' | 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE' {
  if (evidence.effectiveFrom !== null && evidence.effectiveFrom > question.asOf) return 'NOT_YET_EFFECTIVE';
  if (evidence.validUntil !== null && evidence.validUntil < question.asOf) return 'EXPIRED';
  if (question.systems !== null && evidence.scopedTo.length > 0 && !evidence.scopedTo.some((s) => question.systems!.includes(s))) return 'OUT_OF_SCOPE';
  return 'VALID';
}

/** direct(r) for every requirement any control implements, with its reasons. */
function directContributions(facts: CoverageFacts, question: CoverageQuestion) {
  const contributions = new Map<string, ControlContributionFact[]>();
  const rejected = new Map<string, RejectedControlFact[]>();
  const push = <T>(map: Map<string, T[]>, key: string, value: T): void => {
    map.set(key, [...(map.get(key) ?? []), value]);
  };
  for (const control of facts.controls) {
    const reason: RejectionReason | null = !CONTRIBUTING.has(control.status)
      ? 'CONTROL_NOT_CONTRIBUTING'
      : !inScope(control, question.systems)
        ? 'CONTROL_OUT_OF_SCOPE'
        : null;
    const judged = control.evidence.map((e) => ({ id: e.id, verdict: judgeEvidence(e, question) }));
    const validEvidence = judged.filter((j) => j.verdict === 'VALID').map((j) => j.id);
    const invalidEvidence = judged
      .filter((j) => j.verdict !== 'VALID')
      .map((j) => ({ evidenceId: j.id, reason: j.verdict as 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE' }));
    for (const link of control.implements) {
      if (reason !== null) {
        push(rejected, link.requirementId, { controlId: control.id, reason });
        continue;
      }
      const level: Level = link.coverage === 'FULL' && validEvidence.length > 0 ? 'FULL' : 'PART';
      push(contributions, link.requirementId, { controlId: control.id, coverage: link.coverage, level, validEvidence, invalidEvidence });
      if (link.coverage === 'FULL' && validEvidence.length === 0) {
        push(rejected, link.requirementId, { controlId: control.id, reason: 'NO_VALID_EVIDENCE' });
      }
    }
  }
  return { contributions, rejected };
}

/** Carries a direct contribution across a relationship rel(s, r) (DOMAIN.md section 3). */
export function carry(fromLevel: Exclude<Level, 'NONE'>, relationship: Relationship): Exclude<Level, 'NONE'> | null {
  if (relationship === 'NO_RELATIONSHIP') return null;
  if (fromLevel === 'FULL' && (relationship === 'EQUAL' || relationship === 'SUPERSET_OF')) return 'FULL';
  return 'PART';
}

export function statusOf(direct: Level, crosswalk: readonly Exclude<Level, 'NONE'>[], excluded: boolean): CoverageStatus {
  if (excluded) return 'NOT_APPLICABLE';
  if (direct === 'FULL') return 'COVERED';
  if (crosswalk.includes('FULL')) return 'COVERED_VIA_CROSSWALK';
  if (direct === 'PART' || crosswalk.includes('PART')) return 'PARTIAL';
  return 'GAP';
}

function exclusionFor(requirementId: string, facts: CoverageFacts, systems: readonly string[] | null): ApplicabilityFact | null {
  return (
    facts.applicability.find(
      (a) =>
        a.requirementId === requirementId &&
        !a.applicable &&
        a.justification.trim() !== '' &&
        (a.systems.length === 0 || (systems !== null && systems.length > 0 && systems.every((s) => a.systems.includes(s)))),
    ) ?? null
  );
}

/** Applies the coverage rule to every auditable requirement of the target framework. */
export function assessCoverage(facts: CoverageFacts, question: CoverageQuestion): RequirementCoverage[] {
  const { contributions, rejected } = directContributions(facts, question);
  const directOf = (id: string): Level => best((contributions.get(id) ?? []).map((c) => c.level));
  const targets = new Set(facts.requirements.map((r) => r.id));

  // Inference starts only from direct contributions (never from an inferred status).
  const carried = new Map<string, CrosswalkContribution[]>();
  const deadByTarget = new Map<string, RejectedCrosswalk[]>();
  const steps = orient(facts.mappings);
  for (const source of contributions.keys()) {
    const fromLevel = directOf(source);
    if (fromLevel === 'NONE') continue;
    const { claims, deadEnds } = explore(source, steps, question.maxHops);
    for (const claim of claims) {
      if (!targets.has(claim.target) || claim.target === source) continue;
      const level = carry(fromLevel, claim.relationship);
      if (level === null) continue;
      const entry: CrosswalkContribution = { from: source, fromLevel, relationship: claim.relationship, level, chain: claim.chain };
      carried.set(claim.target, [...(carried.get(claim.target) ?? []), entry]);
    }
    for (const dead of deadEnds) {
      if (!targets.has(dead.target)) continue;
      deadByTarget.set(dead.target, [...(deadByTarget.get(dead.target) ?? []), { from: source, chain: dead.chain, reason: dead.reason }]);
    }
  }

  return facts.requirements.map(({ id }) => {
    const direct = directOf(id);
    const crosswalk = carried.get(id) ?? [];
    const exclusion = exclusionFor(id, facts, question.systems);
    return {
      requirementId: id,
      status: statusOf(direct, crosswalk.map((c) => c.level), exclusion !== null),
      direct,
      contributions: contributions.get(id) ?? [],
      rejectedControls: rejected.get(id) ?? [],
      crosswalk,
      rejectedCrosswalk: deadByTarget.get(id) ?? [],
      exclusion,
    };
  });
}

/** Exported for the tests: composing a chain's relationships from its steps. */
export function chainRelationship(chain: readonly ChainStep[]): Relationship | null {
  let acc: Relationship | null = null;
  for (const step of chain) acc = acc === null ? step.relationship : compose(acc, step.relationship);
  return acc;
}
