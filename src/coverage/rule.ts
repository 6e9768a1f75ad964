/**
 * The coverage rule (DOMAIN.md section 3), pure. Given the facts of the graph for a
 * framework, a scope and a date, every auditable requirement of the framework gets
 * exactly one status, with the explanation that justifies it.
 *
 * In two parts: each implementation of a requirement by a control is judged for the
 * question (judgeImplementations: does the control count, which evidence is valid), and
 * the statuses follow from each requirement's direct fact (its level and counts) and the
 * crosswalk (assessDirect). A summary needs only the direct facts; an explanation needs
 * the judged implementations of the requirements shown (explainDirect).
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
export type EvidenceVerdict = 'VALID' | 'NOT_YET_EFFECTIVE' | 'EXPIRED' | 'OUT_OF_SCOPE';

/**
 * One control's implementation of one requirement, judged for a question: what the rule
 * counts. The graph statements decide the same judgements where the data is (their
 * equivalence with judgeImplementations is a property test).
 */
export interface ImplementationFact {
  readonly controlId: string;
  readonly requirementId: string;
  readonly coverage: 'FULL' | 'PARTIAL';
  /** Why the control does not count for the question, or null when it contributes. */
  readonly rejection: 'CONTROL_NOT_CONTRIBUTING' | 'CONTROL_OUT_OF_SCOPE' | null;
  /** Its evidence, judged on the date and in the scope; empty when the control is rejected (not considered). */
  readonly evidence: readonly { readonly id: string; readonly verdict: EvidenceVerdict }[];
}

/**
 * What a requirement's status and its reason need of its direct contributions: the level
 * and three counts. The summary of a framework needs only these, for the requirements of
 * the framework and those the crosswalk reaches them from.
 */
export interface DirectFact {
  readonly level: Level;
  /** In-scope controls that implement it and count (at any level). */
  readonly contributing: number;
  /** Of those, the ones that count in full. */
  readonly full: number;
  /** Controls considered that do not count, or count only in part for want of valid evidence. */
  readonly rejected: number;
}

export const NO_DIRECT: DirectFact = { level: 'NONE', contributing: 0, full: 0, rejected: 0 };

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

/** A requirement's status, with what the status rests on: the direct level and its counts, the crosswalk, the exclusion. */
export interface RequirementCoverage {
  readonly requirementId: string;
  readonly status: CoverageStatus;
  readonly direct: Level;
  readonly counts: Omit<DirectFact, 'level'>;
  readonly crosswalk: readonly CrosswalkContribution[];
  readonly rejectedCrosswalk: readonly RejectedCrosswalk[];
  readonly exclusion: ApplicabilityFact | null;
}

/** Which controls count and which do not, with their evidence: the explanation of the direct level. */
export interface DirectExplanation {
  readonly contributions: readonly ControlContributionFact[];
  readonly rejectedControls: readonly RejectedControlFact[];
}

export type ExplainedCoverage = RequirementCoverage & DirectExplanation;

/** The facts for a framework's statuses: the direct facts of its requirements and of those the crosswalk reaches them from. */
export interface DirectCoverageFacts {
  readonly requirements: readonly { readonly id: string }[];
  /** By requirement id; a requirement that is absent has no direct contribution. */
  readonly direct: ReadonlyMap<string, DirectFact>;
  /**
   * The direct levels of requirements that are not targets (the crosswalk's sources), when
   * only their level is known; a requirement in `direct` need not be here.
   */
  readonly levels?: ReadonlyMap<string, Level>;
  /** At least the stored mappings on chains of at most maxHops that end at a requirement of the framework. */
  readonly mappings: readonly StoredMapping[];
  readonly applicability: readonly ApplicabilityFact[];
}

const CONTRIBUTING = new Set(['IMPLEMENTED', 'OPERATING']);
const RANK: Record<Level, number> = { NONE: 0, PART: 1, FULL: 2 };
const best = (levels: readonly Level[]): Level => levels.reduce<Level>((a, b) => (RANK[b] > RANK[a] ? b : a), 'NONE');

function inScope(control: ControlFact, systems: readonly string[] | null): boolean {
  if (systems === null || control.systems.length === 0) return true;
  return control.systems.some((s) => systems.includes(s));
}

function judgeEvidence(evidence: EvidenceFact, question: CoverageQuestion): EvidenceVerdict {
  if (evidence.effectiveFrom !== null && evidence.effectiveFrom > question.asOf) return 'NOT_YET_EFFECTIVE';
  if (evidence.validUntil !== null && evidence.validUntil < question.asOf) return 'EXPIRED';
  if (question.systems !== null && evidence.scopedTo.length > 0 && !evidence.scopedTo.some((s) => question.systems!.includes(s))) return 'OUT_OF_SCOPE';
  return 'VALID';
}

/** Judges every implementation of every control for the question: whether the control counts, and its evidence. */
export function judgeImplementations(controls: readonly ControlFact[], question: CoverageQuestion): ImplementationFact[] {
  return controls.flatMap((control) => {
    const rejection = !CONTRIBUTING.has(control.status) ? 'CONTROL_NOT_CONTRIBUTING' : !inScope(control, question.systems) ? 'CONTROL_OUT_OF_SCOPE' : null;
    const evidence = rejection !== null ? [] : control.evidence.map((e) => ({ id: e.id, verdict: judgeEvidence(e, question) }));
    return control.implements.map((link) => ({ controlId: control.id, requirementId: link.requirementId, coverage: link.coverage, rejection, evidence }));
  });
}

const hasValidEvidence = (fact: ImplementationFact): boolean => fact.evidence.some((e) => e.verdict === 'VALID');

/** The level one implementation contributes: NONE when the control is rejected. */
function levelOf(fact: ImplementationFact): Level {
  if (fact.rejection !== null) return 'NONE';
  return fact.coverage === 'FULL' && hasValidEvidence(fact) ? 'FULL' : 'PART';
}

/** A requirement's direct fact from its implementations (any order). */
export function directFact(implementations: readonly ImplementationFact[]): DirectFact {
  const levels = implementations.map(levelOf);
  return {
    level: best(levels),
    contributing: levels.filter((l) => l !== 'NONE').length,
    full: levels.filter((l) => l === 'FULL').length,
    rejected: implementations.filter((f) => f.rejection !== null || (f.coverage === 'FULL' && !hasValidEvidence(f))).length,
  };
}

/** The level implementations give, from whether one counts in full and whether one counts (as the graph tests them). */
export function levelFrom(countsInFull: boolean, counts: boolean): Level {
  return countsInFull ? 'FULL' : counts ? 'PART' : 'NONE';
}

/** A direct fact from its counts, as the graph counts them: FULL when a control counts in full, PART when one counts. */
export function directFromCounts(counts: Omit<DirectFact, 'level'>): DirectFact {
  const level = levelFrom(counts.full > 0, counts.contributing > 0);
  return { level, contributing: counts.contributing, full: counts.full, rejected: counts.rejected };
}

/** The direct fact of two disjoint sets of a requirement's implementations together: the counts add up. */
export function combineDirect(a: DirectFact, b: DirectFact): DirectFact {
  return directFromCounts({ contributing: a.contributing + b.contributing, full: a.full + b.full, rejected: a.rejected + b.rejected });
}

/** The direct facts of every requirement the implementations name. */
export function directFacts(implementations: readonly ImplementationFact[]): Map<string, DirectFact> {
  const byRequirement = groupByRequirement(implementations);
  return new Map([...byRequirement].map(([id, facts]) => [id, directFact(facts)]));
}

function groupByRequirement(implementations: readonly ImplementationFact[]): Map<string, ImplementationFact[]> {
  const byRequirement = new Map<string, ImplementationFact[]>();
  for (const fact of implementations) byRequirement.set(fact.requirementId, [...(byRequirement.get(fact.requirementId) ?? []), fact]);
  return byRequirement;
}

/** Which of a requirement's implementations count, at what level and with what evidence, and which do not and why. */
export function explainDirect(implementations: readonly ImplementationFact[]): DirectExplanation {
  const contributions: ControlContributionFact[] = [];
  const rejectedControls: RejectedControlFact[] = [];
  for (const fact of implementations) {
    if (fact.rejection !== null) {
      rejectedControls.push({ controlId: fact.controlId, reason: fact.rejection });
      continue;
    }
    const validEvidence = fact.evidence.filter((e) => e.verdict === 'VALID').map((e) => e.id);
    const invalidEvidence = fact.evidence.filter((e) => e.verdict !== 'VALID').map((e) => ({ evidenceId: e.id, reason: e.verdict as Exclude<EvidenceVerdict, 'VALID'> }));
    contributions.push({ controlId: fact.controlId, coverage: fact.coverage, level: levelOf(fact), validEvidence, invalidEvidence });
    if (fact.coverage === 'FULL' && validEvidence.length === 0) rejectedControls.push({ controlId: fact.controlId, reason: 'NO_VALID_EVIDENCE' });
  }
  return { contributions, rejectedControls };
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

function exclusionFor(requirementId: string, applicability: readonly ApplicabilityFact[], systems: readonly string[] | null): ApplicabilityFact | null {
  return (
    applicability.find(
      (a) =>
        a.requirementId === requirementId &&
        !a.applicable &&
        a.justification.trim() !== '' &&
        (a.systems.length === 0 || (systems !== null && systems.length > 0 && systems.every((s) => a.systems.includes(s)))),
    ) ?? null
  );
}

/** Applies the coverage rule to every auditable requirement of the target framework, from the direct facts. */
export function assessDirect(facts: DirectCoverageFacts, question: CoverageQuestion): RequirementCoverage[] {
  const directOf = (id: string): DirectFact => facts.direct.get(id) ?? NO_DIRECT;
  const targets = new Set(facts.requirements.map((r) => r.id));

  // Inference starts only from direct contributions (never from an inferred status).
  const carried = new Map<string, CrosswalkContribution[]>();
  const deadByTarget = new Map<string, RejectedCrosswalk[]>();
  const steps = orient(facts.mappings);
  const levels = new Map(facts.levels ?? []);
  for (const [id, fact] of facts.direct) levels.set(id, fact.level);
  const sources = [...levels].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [source, fromLevel] of sources) {
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
    const { level, ...counts } = directOf(id);
    const crosswalk = carried.get(id) ?? [];
    const exclusion = exclusionFor(id, facts.applicability, question.systems);
    return {
      requirementId: id,
      status: statusOf(level, crosswalk.map((c) => c.level), exclusion !== null),
      direct: level,
      counts,
      crosswalk,
      rejectedCrosswalk: deadByTarget.get(id) ?? [],
      exclusion,
    };
  });
}

/** Applies the coverage rule from the whole facts (every control with its evidence), explaining every requirement. */
export function assessCoverage(facts: CoverageFacts, question: CoverageQuestion): ExplainedCoverage[] {
  const implementations = judgeImplementations(facts.controls, question);
  const results = assessDirect({ ...facts, direct: directFacts(implementations) }, question);
  const byRequirement = groupByRequirement(implementations);
  return results.map((r) => ({ ...r, ...explainDirect(byRequirement.get(r.requirementId) ?? []) }));
}

/** Exported for the tests: composing a chain's relationships from its steps. */
export function chainRelationship(chain: readonly ChainStep[]): Relationship | null {
  let acc: Relationship | null = null;
  for (const step of chain) acc = acc === null ? step.relationship : compose(acc, step.relationship);
  return acc;
}
