import { describe, expect, it } from 'vitest';
import { evidenceUses } from '../../src/coverage/reuse.js';
import type { ControlFact } from '../../src/coverage/rule.js';

const evidence = { id: 'e', effectiveFrom: '2026-01-01', validUntil: '2026-12-31', scopedTo: [] };
const control = (status: string, coverage: 'FULL' | 'PARTIAL'): ControlFact => ({
  id: 'c',
  status,
  systems: [],
  implements: [{ requirementId: 'a:1', coverage }],
  evidence: [evidence],
});
const mappings = [
  { id: 'm1', source: 'a:1', target: 'b:1', relationship: 'EQUAL' as const },
  { id: 'm2', source: 'b:1', target: 'c:1', relationship: 'SUBSET_OF' as const },
  { id: 'm3', source: 'a:1', target: 'd:1', relationship: 'NO_RELATIONSHIP' as const },
];

describe('evidenceUses', () => {
  it('carries a full contribution across the crosswalk by the coverage rule', () => {
    const result = evidenceUses('e', [control('OPERATING', 'FULL')], mappings, '2026-11-27', 2);
    expect(result.uses.map((u) => [u.requirementId, u.route, u.level, u.relationship])).toEqual([
      ['a:1', 'DIRECT', 'FULL', null],
      ['b:1', 'CROSSWALK', 'FULL', 'EQUAL'],
      ['c:1', 'CROSSWALK', 'PART', 'SUBSET_OF'],
    ]);
  });

  it('carries only part of a partial implementation', () => {
    const result = evidenceUses('e', [control('OPERATING', 'PARTIAL')], mappings, '2026-11-27', 2);
    expect(result.uses.every((u) => u.level === 'PART')).toBe(true);
  });

  it('gives nothing for expired evidence or a control that does not operate', () => {
    expect(evidenceUses('e', [control('OPERATING', 'FULL')], mappings, '2027-01-01', 2)).toEqual({
      valid: false,
      uses: [],
    });
    expect(evidenceUses('e', [control('PLANNED', 'FULL')], mappings, '2026-11-27', 2)).toEqual({
      valid: true,
      uses: [],
    });
  });
});
