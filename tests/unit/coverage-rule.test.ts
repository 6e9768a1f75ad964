/**
 * The coverage rule (DOMAIN.md section 3) on small hand-built graphs, one per status and
 * per relationship, and by property tests on random graphs: monotone in evidence and
 * controls, and never covered through the crosswalk without a chain the graph holds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assessCoverage,
  carry,
  chainRelationship,
  type ControlFact,
  type CoverageFacts,
  type CoverageStatus,
  type EvidenceFact,
} from '../../src/coverage/rule.js';
import type { StoredMapping } from '../../src/crosswalk/algebra.js';
import type { Relationship } from '../../src/domain/vocabulary.js';

const ASOF = '2026-11-27';
const valid: EvidenceFact = { id: 'e-valid', effectiveFrom: '2026-01-01', validUntil: '2026-12-31', scopedTo: [] };
const expired: EvidenceFact = { id: 'e-expired', effectiveFrom: '2025-01-01', validUntil: '2025-12-31', scopedTo: [] };
const control = (
  id: string,
  implementsIds: [string, 'FULL' | 'PARTIAL'][],
  evidence: EvidenceFact[] = [valid],
  extra: Partial<ControlFact> = {},
): ControlFact => ({
  id,
  status: 'OPERATING',
  systems: [],
  implements: implementsIds.map(([requirementId, coverage]) => ({ requirementId, coverage })),
  evidence,
  ...extra,
});
const facts = (
  controls: ControlFact[],
  mappings: StoredMapping[] = [],
  extra: Partial<CoverageFacts> = {},
): CoverageFacts => ({
  requirements: [{ id: 't:1' }],
  controls,
  mappings,
  applicability: [],
  ...extra,
});
const statusOfT1 = (f: CoverageFacts, systems: string[] | null = null, asOf = ASOF): CoverageStatus =>
  assessCoverage(f, { systems, asOf, maxHops: 2 }).find((r) => r.requirementId === 't:1')!.status;
const m = (id: string, source: string, target: string, relationship: Relationship): StoredMapping => ({
  id,
  source,
  target,
  relationship,
});

describe('direct contributions', () => {
  it.each([
    ['a FULL control with valid evidence', [control('c', [['t:1', 'FULL']])], 'COVERED'],
    ['a FULL control without valid evidence', [control('c', [['t:1', 'FULL']], [expired])], 'PARTIAL'],
    ['a PARTIAL control with valid evidence', [control('c', [['t:1', 'PARTIAL']])], 'PARTIAL'],
    ['a PLANNED control', [control('c', [['t:1', 'FULL']], [valid], { status: 'PLANNED' })], 'GAP'],
    ['an INEFFECTIVE control', [control('c', [['t:1', 'FULL']], [valid], { status: 'INEFFECTIVE' })], 'GAP'],
    ['a RETIRED control', [control('c', [['t:1', 'FULL']], [valid], { status: 'RETIRED' })], 'GAP'],
    ['an IMPLEMENTED control', [control('c', [['t:1', 'FULL']], [valid], { status: 'IMPLEMENTED' })], 'COVERED'],
    ['no control', [], 'GAP'],
  ] as const)('%s gives %s', (_name, controls, status) => {
    expect(statusOfT1(facts([...controls]))).toBe(status);
  });

  it('honours evidence periods: open ends are open, the bounds are inclusive', () => {
    const on = (e: Partial<EvidenceFact>) => statusOfT1(facts([control('c', [['t:1', 'FULL']], [{ ...valid, ...e }])]));
    expect(on({ effectiveFrom: null, validUntil: null })).toBe('COVERED');
    expect(on({ effectiveFrom: ASOF, validUntil: ASOF })).toBe('COVERED');
    expect(on({ effectiveFrom: '2026-11-28' })).toBe('PARTIAL');
    expect(on({ validUntil: '2026-11-26' })).toBe('PARTIAL');
  });

  it('honours the scope: system-specific controls and evidence count only for their systems', () => {
    const scoped = facts([
      control('c', [['t:1', 'FULL']], [{ ...valid, scopedTo: ['sys-a'] }], { systems: ['sys-a'] }),
    ]);
    expect(statusOfT1(scoped, null)).toBe('COVERED');
    expect(statusOfT1(scoped, ['sys-a'])).toBe('COVERED');
    expect(statusOfT1(scoped, ['sys-b'])).toBe('GAP');
    const evidenceElsewhere = facts([control('c', [['t:1', 'FULL']], [{ ...valid, scopedTo: ['sys-b'] }])]);
    expect(statusOfT1(evidenceElsewhere, ['sys-a'])).toBe('PARTIAL');
  });

  it('explains rejections: a planned control, evidence that expired', () => {
    const [result] = assessCoverage(
      facts([
        control('planned', [['t:1', 'FULL']], [valid], { status: 'PLANNED' }),
        control('stale', [['t:1', 'FULL']], [expired]),
      ]),
      { systems: null, asOf: ASOF, maxHops: 2 },
    );
    expect(result!.rejectedControls).toEqual([
      { controlId: 'planned', reason: 'CONTROL_NOT_CONTRIBUTING' },
      { controlId: 'stale', reason: 'NO_VALID_EVIDENCE' },
    ]);
    expect(result!.contributions[0]!.invalidEvidence).toEqual([{ evidenceId: 'e-expired', reason: 'EXPIRED' }]);
  });
});

describe('crosswalk contributions', () => {
  it.each([
    ['FULL', 'EQUAL', 'FULL'],
    ['FULL', 'SUPERSET_OF', 'FULL'],
    ['FULL', 'SUBSET_OF', 'PART'],
    ['FULL', 'INTERSECTS_WITH', 'PART'],
    ['FULL', 'NO_RELATIONSHIP', null],
    ['PART', 'EQUAL', 'PART'],
    ['PART', 'SUPERSET_OF', 'PART'],
    ['PART', 'SUBSET_OF', 'PART'],
    ['PART', 'INTERSECTS_WITH', 'PART'],
    ['PART', 'NO_RELATIONSHIP', null],
  ] as const)('direct %s across %s carries %s', (level, relationship, carried) => {
    expect(carry(level, relationship)).toBe(carried);
  });

  it.each([
    ['EQUAL', 'COVERED_VIA_CROSSWALK'],
    ['SUPERSET_OF', 'COVERED_VIA_CROSSWALK'],
    ['SUBSET_OF', 'PARTIAL'],
    ['INTERSECTS_WITH', 'PARTIAL'],
    ['NO_RELATIONSHIP', 'GAP'],
  ] as const)('a covered s with rel(s, t) = %s gives %s', (relationship, status) => {
    expect(statusOfT1(facts([control('c', [['s:1', 'FULL']])], [m('m1', 's:1', 't:1', relationship)]))).toBe(status);
  });

  it('reads a mapping stored the other way through its inverse', () => {
    // Stored as rel(t, s) = SUBSET_OF, so rel(s, t) = SUPERSET_OF: s contains t.
    expect(statusOfT1(facts([control('c', [['s:1', 'FULL']])], [m('m1', 't:1', 's:1', 'SUBSET_OF')]))).toBe(
      'COVERED_VIA_CROSSWALK',
    );
  });

  it('composes chains soundly, and explains a chain that proves nothing', () => {
    const covered = facts(
      [control('c', [['s:1', 'FULL']])],
      [m('m1', 's:1', 'x:1', 'EQUAL'), m('m2', 'x:1', 't:1', 'SUPERSET_OF')],
    );
    expect(statusOfT1(covered)).toBe('COVERED_VIA_CROSSWALK');
    // s ⊂ x and x ⊃ t: nothing can be said about s and t.
    const open = facts(
      [control('c', [['s:1', 'FULL']])],
      [m('m1', 's:1', 'x:1', 'SUBSET_OF'), m('m2', 'x:1', 't:1', 'SUPERSET_OF')],
    );
    const [result] = assessCoverage(open, { systems: null, asOf: ASOF, maxHops: 2 });
    expect(result!.status).toBe('GAP');
    expect(result!.rejectedCrosswalk).toEqual([expect.objectContaining({ from: 's:1', reason: 'UNDETERMINED' })]);
  });

  it('never adds partial contributions up to a full one', () => {
    const f = facts(
      [control('a', [['s:1', 'PARTIAL']]), control('b', [['s:2', 'PARTIAL']]), control('c', [['t:1', 'PARTIAL']])],
      [m('m1', 's:1', 't:1', 'EQUAL'), m('m2', 's:2', 't:1', 'EQUAL')],
    );
    expect(statusOfT1(f)).toBe('PARTIAL');
  });

  it('never infers from an inferred status', () => {
    // t:1 is covered only through s:1; nothing flows from t:1 on to t:2.
    const f: CoverageFacts = {
      requirements: [{ id: 't:1' }, { id: 't:2' }],
      controls: [control('c', [['s:1', 'FULL']])],
      mappings: [
        m('m1', 's:1', 't:1', 'EQUAL'),
        m('m2', 't:1', 'u:1', 'EQUAL'),
        m('m3', 'u:1', 'v:1', 'EQUAL'),
        m('m4', 'v:1', 't:2', 'EQUAL'),
      ],
      applicability: [],
    };
    const results = assessCoverage(f, { systems: null, asOf: ASOF, maxHops: 2 });
    expect(results.map((r) => r.status)).toEqual(['COVERED_VIA_CROSSWALK', 'GAP']);
  });
});

describe('applicability', () => {
  const excluded = (systems: string[]) => ({
    id: 'a',
    requirementId: 't:1',
    applicable: false,
    justification: 'not used',
    systems,
  });
  it('marks an excluded requirement NOT_APPLICABLE for the scope it covers', () => {
    expect(statusOfT1(facts([], [], { applicability: [excluded([])] }))).toBe('NOT_APPLICABLE');
    expect(statusOfT1(facts([], [], { applicability: [excluded(['sys-a'])] }), ['sys-a'])).toBe('NOT_APPLICABLE');
    expect(statusOfT1(facts([], [], { applicability: [excluded(['sys-a'])] }), ['sys-a', 'sys-b'])).toBe('GAP');
    expect(statusOfT1(facts([], [], { applicability: [excluded(['sys-a'])] }), null)).toBe('GAP');
    expect(statusOfT1(facts([], [], { applicability: [{ ...excluded([]), justification: ' ' }] }))).toBe('GAP');
  });
});

describe('properties on random graphs', () => {
  const RANK: Record<CoverageStatus, number> = {
    NOT_APPLICABLE: -1,
    GAP: 0,
    PARTIAL: 1,
    COVERED_VIA_CROSSWALK: 2,
    COVERED: 3,
  };
  const targets = ['t:1', 't:2', 't:3'];
  const all = [...targets, 's:1', 's:2', 's:3', 'u:1'];
  const relationship = fc.constantFrom<Relationship>(
    'EQUAL',
    'SUBSET_OF',
    'SUPERSET_OF',
    'INTERSECTS_WITH',
    'NO_RELATIONSHIP',
  );
  const evidence = fc.record({
    id: fc.uuid(),
    effectiveFrom: fc.constantFrom(null, '2025-01-01', '2026-11-27', '2026-12-01'),
    validUntil: fc.constantFrom(null, '2025-12-31', '2026-11-27', '2027-12-31'),
    scopedTo: fc.constantFrom<string[]>([], ['sys-a'], ['sys-b']),
  });
  const controlArb = fc.record({
    id: fc.uuid(),
    status: fc.constantFrom('PLANNED', 'IMPLEMENTED', 'OPERATING', 'INEFFECTIVE', 'RETIRED'),
    systems: fc.constantFrom<string[]>([], ['sys-a'], ['sys-b']),
    implements: fc.array(
      fc.record({
        requirementId: fc.constantFrom(...all),
        coverage: fc.constantFrom<'FULL' | 'PARTIAL'>('FULL', 'PARTIAL'),
      }),
      { maxLength: 3 },
    ),
    evidence: fc.array(evidence, { maxLength: 2 }),
  });
  const graph = fc.record({
    controls: fc.array(controlArb, { maxLength: 5 }),
    mappings: fc
      .array(fc.record({ source: fc.constantFrom(...all), target: fc.constantFrom(...all), relationship }), {
        maxLength: 8,
      })
      .map((list) => list.filter((x) => x.source !== x.target).map((x, i) => ({ ...x, id: `m${i}` }))),
  });
  const scope = fc.constantFrom<string[] | null>(null, ['sys-a'], ['sys-b']);
  const assess = (controls: ControlFact[], mappings: StoredMapping[], systems: string[] | null) =>
    assessCoverage(
      { requirements: targets.map((id) => ({ id })), controls, mappings, applicability: [] },
      { systems, asOf: ASOF, maxHops: 2 },
    );

  it('adding valid evidence never lowers a status', () => {
    fc.assert(
      fc.property(graph, scope, fc.nat(), (g, systems, pick) => {
        if (g.controls.length === 0) return true;
        const before = assess(g.controls, g.mappings, systems);
        const i = pick % g.controls.length;
        const controls = g.controls.map((c, j) =>
          j === i ? { ...c, evidence: [...c.evidence, { ...valid, id: 'added' }] } : c,
        );
        const after = assess(controls, g.mappings, systems);
        return before.every((b, k) => RANK[after[k]!.status] >= RANK[b.status]);
      }),
      { numRuns: 2000 },
    );
  });

  it('adding an implementing control never lowers a status; expiring evidence never raises one', () => {
    fc.assert(
      fc.property(graph, scope, controlArb, (g, systems, extra) => {
        const before = assess(g.controls, g.mappings, systems);
        const added = assess([...g.controls, extra], g.mappings, systems);
        const expiredAll = assess(
          g.controls.map((c) => ({ ...c, evidence: c.evidence.map((e) => ({ ...e, validUntil: '2025-12-31' })) })),
          g.mappings,
          systems,
        );
        return before.every(
          (b, k) => RANK[added[k]!.status] >= RANK[b.status] && RANK[expiredAll[k]!.status] <= RANK[b.status],
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('never covers through the crosswalk without a chain the graph holds and the explanation shows', () => {
    fc.assert(
      fc.property(graph, scope, (g, systems) => {
        const ids = new Map(g.mappings.map((x) => [x.id, x]));
        return assess(g.controls, g.mappings, systems).every((r) => {
          if (r.status !== 'COVERED_VIA_CROSSWALK') return true;
          const full = r.crosswalk.filter((c) => c.level === 'FULL');
          return (
            full.length > 0 &&
            full.every(
              (c) =>
                c.chain.every((step) => ids.has(step.mappingId)) &&
                c.chain[0]!.from === c.from &&
                c.chain[c.chain.length - 1]!.to === r.requirementId &&
                chainRelationship(c.chain) === c.relationship,
            )
          );
        });
      }),
      { numRuns: 2000 },
    );
  });
});
