import { describe, expect, it } from 'vitest';
import { findGaps, type RiskFact } from '../../src/coverage/gaps.js';
import type { ExplainedCoverage } from '../../src/coverage/rule.js';

const coverage = (
  id: string,
  status: ExplainedCoverage['status'],
  extra: Partial<ExplainedCoverage> = {},
): ExplainedCoverage => ({
  requirementId: id,
  status,
  direct: 'NONE',
  counts: { contributing: 0, full: 0, rejected: 0 },
  contributions: [],
  rejectedControls: [],
  crosswalk: [],
  rejectedCrosswalk: [],
  exclusion: null,
  ...extra,
});

const risks: RiskFact[] = [
  { id: 'r-high', score: 20, subjects: ['sys-a'], controls: ['c-1'] },
  { id: 'r-low', score: 4, subjects: ['sys-b'], controls: ['c-2'] },
];
const implementers = new Map([
  ['t:2', ['c-1']],
  ['t:3', ['c-2']],
]);

describe('findGaps', () => {
  it('keeps GAP and PARTIAL only, riskiest first, and says what would close each', () => {
    const results = [
      coverage('t:1', 'GAP'),
      coverage('t:2', 'PARTIAL', {
        direct: 'PART',
        rejectedControls: [{ controlId: 'c-1', reason: 'NO_VALID_EVIDENCE' }],
        contributions: [{ controlId: 'c-1', coverage: 'FULL', level: 'PART', validEvidence: [], invalidEvidence: [] }],
      }),
      coverage('t:3', 'GAP', { rejectedControls: [{ controlId: 'c-2', reason: 'CONTROL_NOT_CONTRIBUTING' }] }),
      coverage('t:4', 'COVERED'),
      coverage('t:5', 'PARTIAL', {
        crosswalk: [{ from: 's:1', fromLevel: 'FULL', relationship: 'INTERSECTS_WITH', level: 'PART', chain: [] }],
      }),
    ];
    const gaps = findGaps(results, { implementers, risks }, null);
    expect(gaps.map((g) => [g.coverage.requirementId, g.riskScore, g.remedies.map((r) => r.kind)])).toEqual([
      ['t:2', 20, ['ADD_VALID_EVIDENCE']],
      ['t:3', 4, ['OPERATE_CONTROL']],
      ['t:1', 0, ['IMPLEMENT_CONTROL']],
      ['t:5', 0, ['EXTEND_FROM_COVERED_PARTNER']],
    ]);
    expect(gaps[3]!.remedies[0]!.partnerId).toBe('s:1');
  });

  it('counts only the risks of the systems in scope', () => {
    const results = [coverage('t:2', 'GAP'), coverage('t:3', 'GAP')];
    const gaps = findGaps(results, { implementers, risks }, ['sys-b']);
    expect(gaps.map((g) => [g.coverage.requirementId, g.riskIds])).toEqual([
      ['t:3', ['r-low']],
      ['t:2', []],
    ]);
  });
});
