/** Coverage over time: undoing log entries, and the reasons a status moved. */
import { describe, expect, it } from 'vitest';
import {
  compareCoverage,
  coverageInputs,
  rewind,
  type CoverageSnapshot,
  type CoverageState,
  type LoggedChange,
  type MappingFact,
} from '../../src/coverage/history.js';
import { assessCoverage } from '../../src/coverage/rule.js';

const REQ = 'iso27001:A.5.1';
const OTHER = 'iso9001:5.2';

function state(): CoverageState {
  return {
    controls: new Map([['ctl_a', { status: 'OPERATING' }]]),
    evidence: new Map([['evd_a', { effectiveFrom: '2026-01-01', validUntil: '2026-12-31' }]]),
    applicability: new Map(),
    links: new Map([
      ['IMPLEMENTS|ctl_a|' + REQ, { kind: 'IMPLEMENTS', from: 'ctl_a', to: REQ, property: 'FULL' }],
      ['SUPPORTS|evd_a|ctl_a', { kind: 'SUPPORTS', from: 'evd_a', to: 'ctl_a', property: null }],
    ]),
    mappings: new Map(),
  };
}

let seq = 0;
const entry = (
  e: Partial<LoggedChange> & Pick<LoggedChange, 'operation' | 'entityId' | 'entityType'>,
): LoggedChange => ({
  seq: ++seq,
  at: '2026-06-01T00:00:00Z',
  otherId: null,
  linkKind: null,
  before: null,
  after: null,
  ...e,
});

function snapshot(s: CoverageState, date: string, framework = 'iso27001', requirements = [REQ]): CoverageSnapshot {
  const inputs = coverageInputs(s, framework);
  const results = assessCoverage(
    { requirements: requirements.map((id) => ({ id })), ...inputs },
    { systems: null, asOf: date, maxHops: 2 },
  );
  return { state: s, inputs, date, results };
}

describe('rewind', () => {
  it('undoes a creation, an update, a link and an unlink, newest first', () => {
    const now = state();
    const entries = [
      entry({ operation: 'CREATE', entityId: 'ctl_a', entityType: 'Control', after: { status: 'PLANNED' } }),
      entry({
        operation: 'LINK',
        entityId: 'ctl_a',
        entityType: 'Control',
        otherId: REQ,
        linkKind: 'IMPLEMENTS',
        after: { property: 'PARTIAL' },
      }),
      entry({
        operation: 'LINK',
        entityId: 'ctl_a',
        entityType: 'Control',
        otherId: REQ,
        linkKind: 'IMPLEMENTS',
        before: { property: 'PARTIAL' },
        after: { property: 'FULL' },
      }),
      entry({
        operation: 'UPDATE',
        entityId: 'ctl_a',
        entityType: 'Control',
        before: { status: 'PLANNED' },
        after: { status: 'OPERATING' },
      }),
      entry({
        operation: 'UNLINK',
        entityId: 'ctl_a',
        entityType: 'Control',
        otherId: 'sys_x',
        linkKind: 'APPLIES_TO',
        before: { property: null },
      }),
    ];
    const afterUpdate = rewind(now, entries.slice(3));
    expect(afterUpdate.controls.get('ctl_a')).toEqual({ status: 'PLANNED' });
    expect(afterUpdate.links.get('APPLIES_TO|ctl_a|sys_x')).toEqual({
      kind: 'APPLIES_TO',
      from: 'ctl_a',
      to: 'sys_x',
      property: null,
    });
    expect(rewind(now, entries.slice(2)).links.get('IMPLEMENTS|ctl_a|' + REQ)!.property).toBe('PARTIAL');
    const beforeAll = rewind(now, entries);
    expect(beforeAll.controls.has('ctl_a')).toBe(false);
    expect(beforeAll.links.has('IMPLEMENTS|ctl_a|' + REQ)).toBe(false);
    // The present state is left as it was.
    expect(now.controls.get('ctl_a')).toEqual({ status: 'OPERATING' });
  });

  it('brings back a deleted record with its links, and a crosswalk set as it was', () => {
    const now = state();
    now.controls.delete('ctl_a');
    now.links.delete('IMPLEMENTS|ctl_a|' + REQ);
    const mapping: MappingFact = { id: 'm1', set: 's1', sourceId: REQ, targetId: OTHER, relationship: 'EQUAL' };
    now.mappings.set('s1', [{ ...mapping, relationship: 'SUBSET_OF' }]);
    const past = rewind(now, [
      entry({
        operation: 'DELETE',
        entityId: 'ctl_a',
        entityType: 'Control',
        before: {
          status: 'IMPLEMENTED',
          links: [
            { kind: 'IMPLEMENTS', from: 'ctl_a', to: REQ, property: 'FULL' },
            { kind: 'MITIGATES', from: 'ctl_a', to: 'rsk_x', property: null },
          ],
        },
      }),
      entry({
        operation: 'CROSSWALK_LOAD',
        entityId: 's1',
        entityType: 'CrosswalkSet',
        before: { mappings: [mapping] },
        after: { mappings: [] },
      }),
    ]);
    expect(past.controls.get('ctl_a')).toEqual({ status: 'IMPLEMENTED' });
    expect([...past.links.keys()].sort()).toEqual(['IMPLEMENTS|ctl_a|' + REQ, 'SUPPORTS|evd_a|ctl_a']);
    expect(past.mappings.get('s1')).toEqual([mapping]);
    expect(
      rewind(now, [
        entry({ operation: 'CROSSWALK_LOAD', entityId: 's1', entityType: 'CrosswalkSet', after: { mappings: [] } }),
      ]).mappings.has('s1'),
    ).toBe(false);
  });
});

describe('compareCoverage', () => {
  it('names evidence that expires between the two dates, with no log entry needed', () => {
    const s = state();
    const [change] = compareCoverage(snapshot(s, '2026-06-01'), snapshot(s, '2027-01-15'));
    expect(change).toEqual({
      requirementId: REQ,
      before: 'COVERED',
      after: 'PARTIAL',
      reasons: [
        {
          kind: 'EVIDENCE_EXPIRED',
          subjectId: 'evd_a',
          contextId: 'ctl_a',
          before: '2026-01-01 to 2026-12-31',
          after: '2026-01-01 to 2026-12-31',
        },
      ],
    });
  });

  it('names evidence taking effect, a control changing status, and a control added', () => {
    const future = state();
    future.evidence.set('evd_a', { effectiveFrom: '2026-07-01', validUntil: null });
    expect(
      compareCoverage(snapshot(future, '2026-06-01'), snapshot(future, '2026-07-01'))[0]!.reasons.map((r) => r.kind),
    ).toEqual(['EVIDENCE_TOOK_EFFECT']);

    const planned = state();
    planned.controls.set('ctl_a', { status: 'PLANNED' });
    const [moved] = compareCoverage(snapshot(planned, '2026-06-01'), snapshot(state(), '2026-06-01'));
    expect(moved).toMatchObject({
      before: 'GAP',
      after: 'COVERED',
      reasons: [{ kind: 'CONTROL_STATUS_CHANGED', subjectId: 'ctl_a', before: 'PLANNED', after: 'OPERATING' }],
    });

    const empty: CoverageState = {
      controls: new Map(),
      evidence: new Map(),
      applicability: new Map(),
      links: new Map(),
      mappings: new Map(),
    };
    expect(compareCoverage(snapshot(empty, '2026-06-01'), snapshot(state(), '2026-06-01'))[0]!.reasons).toEqual([
      { kind: 'CONTROL_ADDED', subjectId: 'ctl_a', contextId: null, before: null, after: 'OPERATING, FULL' },
    ]);
  });

  it('names a mapping added to the crosswalk and the source it carries', () => {
    const without = state();
    const withMapping = state();
    withMapping.mappings.set('s1', [{ id: 'm1', set: 's1', sourceId: REQ, targetId: OTHER, relationship: 'EQUAL' }]);
    const [change] = compareCoverage(
      snapshot(without, '2026-06-01', 'iso9001', [OTHER]),
      snapshot(withMapping, '2026-06-01', 'iso9001', [OTHER]),
    );
    expect(change).toEqual({
      requirementId: OTHER,
      before: 'GAP',
      after: 'COVERED_VIA_CROSSWALK',
      reasons: [
        { kind: 'MAPPING_ADDED', subjectId: 'm1', contextId: 's1', before: null, after: 'EQUAL' },
        { kind: 'CROSSWALK_SOURCE_CHANGED', subjectId: REQ, contextId: null, before: null, after: 'FULL' },
      ],
    });
  });

  it('names an applicability decision', () => {
    const excluded = state();
    excluded.applicability.set('apl_a', { applicable: false, justification: 'No suppliers in scope.' });
    excluded.links.set('FOR_REQUIREMENT|apl_a|' + REQ, {
      kind: 'FOR_REQUIREMENT',
      from: 'apl_a',
      to: REQ,
      property: null,
    });
    const [change] = compareCoverage(snapshot(state(), '2026-06-01'), snapshot(excluded, '2026-06-01'));
    expect(change).toMatchObject({
      before: 'COVERED',
      after: 'NOT_APPLICABLE',
      reasons: [{ kind: 'APPLICABILITY_CHANGED', subjectId: 'apl_a', before: 'applicable', after: 'excluded' }],
    });
  });

  it('lists nothing when no status moves', () => {
    expect(compareCoverage(snapshot(state(), '2026-06-01'), snapshot(state(), '2026-06-02'))).toEqual([]);
  });
});
