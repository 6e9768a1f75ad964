/**
 * What a coverage answer says in brief: the count of each status, and one sentence for an
 * auditor on why a requirement has its status. Pure.
 */
import type { CoverageStatus, RequirementCoverage } from './rule.js';

export interface CoverageCounts {
  readonly total: number;
  readonly notApplicable: number;
  readonly covered: number;
  readonly coveredViaCrosswalk: number;
  readonly partial: number;
  readonly gap: number;
}

export function countStatuses(statuses: readonly CoverageStatus[]): CoverageCounts {
  const count = (status: CoverageStatus): number => statuses.filter((s) => s === status).length;
  return {
    total: statuses.length,
    notApplicable: count('NOT_APPLICABLE'),
    covered: count('COVERED'),
    coveredViaCrosswalk: count('COVERED_VIA_CROSSWALK'),
    partial: count('PARTIAL'),
    gap: count('GAP'),
  };
}

/** One sentence for an auditor: why the requirement has its status. */
export function reasonFor(r: RequirementCoverage): string {
  switch (r.status) {
    case 'NOT_APPLICABLE':
      return `Excluded for this scope: ${r.exclusion?.justification ?? ''}`.trim();
    case 'COVERED':
      return `Met directly: ${r.counts.full} in-scope control(s) implement all of it and have valid evidence.`;
    case 'COVERED_VIA_CROSSWALK': {
      const via = r.crosswalk.filter((c) => c.level === 'FULL');
      return `Met through the crosswalk: ${via.length} fully met requirement(s) contain it (${[...new Set(via.map((c) => c.relationship))].sort().join(', ')}).`;
    }
    case 'PARTIAL': {
      const parts: string[] = [];
      if (r.direct === 'PART') parts.push(`${r.counts.contributing} control(s) implement it in part or lack valid evidence`);
      if (r.crosswalk.length > 0) parts.push(`${r.crosswalk.length} crosswalk contribution(s) cover it in part`);
      return `Partly met: ${parts.join('; ')}.`;
    }
    case 'GAP': {
      const considered = r.counts.rejected + r.rejectedCrosswalk.length;
      return considered === 0 ? 'Nothing implements it.' : `Nothing counts: ${considered} contribution(s) were considered and rejected.`;
    }
  }
}
