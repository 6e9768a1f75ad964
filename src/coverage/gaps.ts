/**
 * Gap analysis, pure: the GAP and PARTIAL requirements of a coverage result, ordered by
 * the risk they leave untreated, each with what would close it.
 */
import type { ExplainedCoverage } from './rule.js';

export interface RiskFact {
  readonly id: string;
  /** Likelihood times impact, 1 to 25. */
  readonly score: number;
  /** What the risk is raised on (AI systems, datasets). */
  readonly subjects: readonly string[];
  /** The controls that mitigate it. */
  readonly controls: readonly string[];
}

export type RemedyKind = 'ADD_VALID_EVIDENCE' | 'OPERATE_CONTROL' | 'EXTEND_CONTROL' | 'EXTEND_FROM_COVERED_PARTNER' | 'IMPLEMENT_CONTROL';

export interface RemedyFact {
  readonly kind: RemedyKind;
  readonly controlId: string | null;
  readonly partnerId: string | null;
}

export interface Gap {
  readonly coverage: ExplainedCoverage;
  /** The in-scope risks treated by controls that implement the requirement. */
  readonly riskIds: readonly string[];
  /** The highest score among them (0 when none). */
  readonly riskScore: number;
  readonly remedies: readonly RemedyFact[];
}

export interface GapFacts {
  /** For each requirement, the controls that implement it (any status). */
  readonly implementers: ReadonlyMap<string, readonly string[]>;
  readonly risks: readonly RiskFact[];
}

/**
 * Orders by untreated risk (highest score first, then total score), then GAP before
 * PARTIAL, then document order. `systems` null means the whole organisation.
 */
export function findGaps(results: readonly ExplainedCoverage[], facts: GapFacts, systems: readonly string[] | null): Gap[] {
  const inScope = (risk: RiskFact): boolean => systems === null || risk.subjects.some((s) => systems.includes(s));
  const gaps = results
    .map((coverage, position) => ({ coverage, position }))
    .filter(({ coverage }) => coverage.status === 'GAP' || coverage.status === 'PARTIAL')
    .map(({ coverage, position }) => {
      const implementers = new Set(facts.implementers.get(coverage.requirementId) ?? []);
      const risks = facts.risks.filter((r) => inScope(r) && r.controls.some((c) => implementers.has(c)));
      const remedies: RemedyFact[] = [];
      for (const rejected of coverage.rejectedControls) {
        if (rejected.reason === 'NO_VALID_EVIDENCE') remedies.push({ kind: 'ADD_VALID_EVIDENCE', controlId: rejected.controlId, partnerId: null });
        if (rejected.reason === 'CONTROL_NOT_CONTRIBUTING') remedies.push({ kind: 'OPERATE_CONTROL', controlId: rejected.controlId, partnerId: null });
      }
      for (const contribution of coverage.contributions) {
        if (contribution.coverage === 'PARTIAL') remedies.push({ kind: 'EXTEND_CONTROL', controlId: contribution.controlId, partnerId: null });
      }
      for (const partner of new Set(coverage.crosswalk.filter((c) => c.fromLevel === 'FULL' && c.level === 'PART').map((c) => c.from))) {
        remedies.push({ kind: 'EXTEND_FROM_COVERED_PARTNER', controlId: null, partnerId: partner });
      }
      if (remedies.length === 0 && coverage.contributions.length === 0) remedies.push({ kind: 'IMPLEMENT_CONTROL', controlId: null, partnerId: null });
      const scores = risks.map((r) => r.score);
      return {
        gap: { coverage, riskIds: risks.map((r) => r.id), riskScore: Math.max(0, ...scores), remedies },
        total: scores.reduce((a, b) => a + b, 0),
        position,
      };
    });
  gaps.sort(
    (a, b) =>
      b.gap.riskScore - a.gap.riskScore ||
      b.total - a.total ||
      Number(b.gap.coverage.status === 'GAP') - Number(a.gap.coverage.status === 'GAP') ||
      a.position - b.position,
  );
  return gaps.map((g) => g.gap);
}
