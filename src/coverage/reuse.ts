/**
 * Evidence reuse, pure: every requirement in every framework an evidence item helps
 * satisfy, directly (through a control it supports) or through the crosswalk, by the same
 * rule as coverage (DOMAIN.md section 3) for the whole organisation on a date.
 */
import { explore, orient, type ChainStep, type StoredMapping } from '../crosswalk/algebra.js';
import type { Relationship } from '../domain/vocabulary.js';
import { carry, type ControlFact, type Level } from './rule.js';

const CONTRIBUTING = new Set(['IMPLEMENTED', 'OPERATING']);

export interface EvidenceUse {
  readonly requirementId: string;
  readonly route: 'DIRECT' | 'CROSSWALK';
  /** The control the evidence supports, on whose implementation the use rests. */
  readonly controlId: string;
  readonly level: Exclude<Level, 'NONE'>;
  /** For a crosswalk use: the requirement the control implements, the relationship and the chain. */
  readonly fromRequirementId: string | null;
  readonly relationship: Exclude<Relationship, 'NO_RELATIONSHIP'> | null;
  readonly chain: readonly ChainStep[];
}

export interface EvidenceReuseResult {
  /** Whether the evidence's period covers the date. */
  readonly valid: boolean;
  readonly uses: readonly EvidenceUse[];
}

export function evidenceUses(
  evidenceId: string,
  controls: readonly ControlFact[],
  mappings: readonly StoredMapping[],
  asOf: string,
  maxHops: number,
): EvidenceReuseResult {
  const supported = controls.filter((c) => c.evidence.some((e) => e.id === evidenceId));
  const fact = supported.flatMap((c) => c.evidence).find((e) => e.id === evidenceId);
  const valid = fact !== undefined && (fact.effectiveFrom === null || fact.effectiveFrom <= asOf) && (fact.validUntil === null || fact.validUntil >= asOf);
  if (!valid) return { valid: false, uses: [] };
  const uses: EvidenceUse[] = [];
  const direct = new Set<string>();
  for (const control of supported.filter((c) => CONTRIBUTING.has(c.status))) {
    for (const link of control.implements) {
      const level: Exclude<Level, 'NONE'> = link.coverage === 'FULL' ? 'FULL' : 'PART';
      uses.push({ requirementId: link.requirementId, route: 'DIRECT', controlId: control.id, level, fromRequirementId: null, relationship: null, chain: [] });
      direct.add(link.requirementId);
    }
  }
  const steps = orient(mappings);
  for (const use of [...uses]) {
    for (const claim of explore(use.requirementId, steps, maxHops).claims) {
      if (direct.has(claim.target)) continue;
      const level = carry(use.level, claim.relationship);
      if (level === null) continue;
      uses.push({
        requirementId: claim.target,
        route: 'CROSSWALK',
        controlId: use.controlId,
        level,
        fromRequirementId: use.requirementId,
        relationship: claim.relationship,
        chain: claim.chain,
      });
    }
  }
  return { valid: true, uses };
}
