/**
 * The sync planner (domain/sync-plan.ts) on small batches against a graph given as data:
 * what each item does, the links made and removed, the problems, and the reads the
 * service makes before planning. Each case names what it expects in one line per item.
 */
import { describe, expect, it } from 'vitest';
import { validateEntityInput } from '../../src/domain/entity-input.js';
import { ENTITIES, type EntityType } from '../../src/domain/entity-spec.js';
import {
  checkBatch,
  endsToCheck,
  idsToAdopt,
  planSync,
  refsToRead,
  replacedIds,
  type OutgoingLink,
  type StoredRecord,
  type SyncEntityEntry,
  type SyncLinkEntry,
  type SyncPlan,
} from '../../src/domain/sync-plan.js';

const SOURCE = 'crm';

/** A record as the graph holds it: `fields` as a create stores them, with references in `system`. */
function stored(
  id: string,
  type: EntityType,
  fields: Record<string, unknown>,
  refs: string[] = [],
  system = SOURCE,
): StoredRecord {
  const result = validateEntityInput(ENTITIES[type], fields, 'create');
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return { id, type, externalRefs: refs.map((ref) => ({ system, id: ref })), ...result.values };
}

const ctl = stored('ctl_1', 'Control', { name: 'Review' }, ['C1']);
const sys = stored('sys_1', 'AISystem', { name: 'Triage', lifecycleStage: 'DEPLOYMENT' }, ['S1']);
const mdl = stored('mdl_1', 'Model', { name: 'Scorer' }, ['M1']);
const rsk = stored('rsk_1', 'Risk', { title: 'Drift', category: 'ROBUSTNESS', likelihood: 2, impact: 3 }, ['K1']);
/** Made in this service, no reference in the source yet. */
const here = stored('ctl_here', 'Control', { name: 'Made here' });
/** Known to another source only. */
const elsewhere = stored('ctl_else', 'Control', { name: 'Elsewhere' }, ['X-9'], 'archer');

interface Graph {
  /** Records found by reference in the source. */
  readonly refs?: Record<string, StoredRecord>;
  /** Records found by id, for adoption. */
  readonly ids?: readonly StoredRecord[];
  readonly requirements?: readonly string[];
  readonly outgoing?: readonly OutgoingLink[];
}

const checked = (entities: SyncEntityEntry[], links: SyncLinkEntry[] = []) => {
  const batch = checkBatch({ entities, links });
  expect(batch.problems).toEqual([]);
  return batch;
};

function plan(entities: SyncEntityEntry[], links: SyncLinkEntry[] = [], graph: Graph = {}): SyncPlan<StoredRecord> {
  let minted = 0;
  const state = {
    byRef: new Map(Object.entries(graph.refs ?? {})),
    byId: new Map((graph.ids ?? []).map((r) => [r.id, r])),
    requirements: new Set(graph.requirements ?? []),
    outgoing: graph.outgoing ?? [],
  };
  return planSync(SOURCE, checked(entities, links), state, (type) => `${type}-new-${++minted}`);
}

/** One line per item: `index ref type id ACTION`. */
const entities = (p: SyncPlan<StoredRecord>) =>
  p.entities.map((e) => `${e.index} ${e.ref} ${e.type} ${e.id} ${e.action}`);
/** One line per link: `index make|remove KIND from -> Space:to [property]`, `-` for an implied removal. */
const links = (p: SyncPlan<StoredRecord>) =>
  p.links.map(
    (l) =>
      `${l.index ?? '-'} ${l.remove ? 'remove' : 'make'} ${l.def.kind} ${l.from.id} -> ${l.to.space}:${l.to.id}${l.property ? ` ${l.property}` : ''}`,
  );
const problems = (p: { problems: readonly { list: string; index: number; field: string; message: string }[] }) =>
  p.problems.map((x) => `${x.list}[${x.index}]${x.field ? `.${x.field}` : ''} ${x.message}`);
const link = (kind: string, from: string, to: string, extra: Partial<SyncLinkEntry> = {}): SyncLinkEntry => ({
  kind,
  from,
  to,
  ...extra,
});
const outgoing = (
  kind: string,
  from: StoredRecord,
  to: string,
  end: 'requirement' | 'in source' | 'elsewhere',
): OutgoingLink => ({
  kind,
  from: from.id,
  fromType: from.type,
  to,
  toIsRequirement: end === 'requirement',
  toInSource: end === 'in source',
});

describe('checkBatch', () => {
  it.each([
    ['a blank reference', [{ ref: ' ', control: { name: 'A' } }], ['entities[0].ref must be 1 to 200 characters']],
    [
      'a reference given twice',
      [
        { ref: 'C1', control: { name: 'A' } },
        { ref: 'C1', control: { name: 'B' } },
      ],
      ['entities[1].ref appears earlier in the batch'],
    ],
    [
      'no payload',
      [{ ref: 'C1' }],
      ['entities[0] must give exactly one of aiSystem, model, dataset, risk, control, obligation, evidence, party'],
    ],
    [
      'two payloads',
      [{ ref: 'C1', control: { name: 'A' }, model: { name: 'B' } }],
      ['entities[0] must give exactly one of aiSystem, model, dataset, risk, control, obligation, evidence, party'],
    ],
    [
      'a payload on a deletion',
      [{ ref: 'C1', delete: true, control: { name: 'A' } }],
      ['entities[0].control must be left out when the record is deleted'],
    ],
    [
      'replaceLinks on a deletion',
      [{ ref: 'C1', delete: true, replaceLinks: ['APPLIES_TO'] }],
      ['entities[0].replaceLinks must be left out when the record is deleted'],
    ],
    [
      'a reference inside the payload',
      [{ ref: 'C1', control: { name: 'A', externalRefs: [] } }],
      ['entities[0].control.externalRefs must be left out: the reference is `ref`'],
    ],
    [
      'an invalid field',
      [{ ref: 'C1', control: { name: 'A', status: 'DONE' } }],
      ['entities[0].control.status must be one of PLANNED, IMPLEMENTED, OPERATING, INEFFECTIVE, RETIRED'],
    ],
    [
      'a replaceLinks kind that does not start from the type',
      [{ ref: 'C1', control: { name: 'A' }, replaceLinks: ['USES_MODEL'] }],
      ['entities[0].replaceLinks USES_MODEL does not start from a Control'],
    ],
    [
      'an id given twice',
      [
        { ref: 'C1', id: 'ctl_1', control: { name: 'A' } },
        { ref: 'C2', id: 'ctl_1', control: { name: 'B' } },
      ],
      ['entities[1].id names the same record as an earlier item'],
    ],
  ] as [string, SyncEntityEntry[], string[]][])('refuses %s', (_name, items, expected) => {
    expect(problems(checkBatch({ entities: items }))).toEqual(expected);
  });

  it.each([
    [
      'an unknown kind',
      link('OWNS', 'C1', 'S1'),
      [
        'links[0].kind must be one of USES_MODEL, USES_DATASET, TRAINED_ON, RAISED_ON, MITIGATES, IMPLEMENTS, APPLIES_TO, DERIVED_FROM, BINDS, SUPPORTS, SCOPED_TO, ACCOUNTABLE_FOR, RESPONSIBLE_FOR, FOR_REQUIREMENT, LIMITED_TO',
      ],
    ],
    ['a blank end', link('APPLIES_TO', '', 'S1'), ['links[0].from must be 1 to 300 characters']],
    [
      'a property the kind does not take',
      link('APPLIES_TO', 'C1', 'S1', { coverage: 'FULL' }),
      ['links[0].coverage APPLIES_TO takes no coverage'],
    ],
    ['a missing property', link('IMPLEMENTS', 'C1', 'r:1'), ['links[0].coverage IMPLEMENTS needs a coverage']],
    [
      'a property out of its values',
      link('IMPLEMENTS', 'C1', 'r:1', { coverage: 'MOST' }),
      ['links[0].coverage must be one of FULL, PARTIAL'],
    ],
  ])('refuses a link with %s', (_name, given, expected) => {
    expect(problems(checkBatch({ links: [given] }))).toEqual(expected);
  });

  it('refuses a link given twice, whatever its property, and not one that is removed', () => {
    const batch = checkBatch({
      links: [
        link('IMPLEMENTS', 'C1', 'r:1', { coverage: 'FULL' }),
        link('IMPLEMENTS', 'C1', 'r:1', { coverage: 'PARTIAL' }),
        link('IMPLEMENTS', 'C1', 'r:2', { delete: true }),
      ],
    });
    expect(problems(batch)).toEqual(['links[1] repeats an earlier link of the batch']);
  });

  it('keeps the values to store, the replaced kinds once, and no property on a removal', () => {
    const batch = checked(
      [
        { ref: 'C1', control: { name: ' Review ' }, replaceLinks: ['APPLIES_TO', 'APPLIES_TO'] },
        { ref: 'C2', delete: true },
      ],
      [link('IMPLEMENTS', 'C1', 'r:1', { delete: true })],
    );
    expect(batch.records).toEqual([
      {
        index: 0,
        ref: 'C1',
        remove: false,
        type: 'Control',
        values: { name: 'Review', description: null, status: 'PLANNED', controlType: null },
        replaceLinks: ['APPLIES_TO'],
        id: null,
      },
      { index: 1, ref: 'C2', remove: true, type: null, values: {}, replaceLinks: [], id: null },
    ]);
    expect(batch.links.map((l) => [l.def.kind, l.property, l.remove])).toEqual([['IMPLEMENTS', null, true]]);
  });
});

describe('records', () => {
  it('creates a record the source names for the first time, with a minted id and the reference', () => {
    const p = plan([
      { ref: 'C1', control: { name: 'Review' } },
      { ref: 'C2', control: { name: 'Audit' } },
    ]);
    expect(entities(p)).toEqual(['0 C1 Control Control-new-1 CREATED', '1 C2 Control Control-new-2 CREATED']);
    expect(p.creates.get('Control')!.map((c) => [c.id, c.values.name, c.ref])).toEqual([
      ['Control-new-1', 'Review', { system: SOURCE, id: 'C1' }],
      ['Control-new-2', 'Audit', { system: SOURCE, id: 'C2' }],
    ]);
  });

  it('updates a record whose fields differ, as a whole, keeping what it was', () => {
    const p = plan([{ ref: 'C1', control: { name: 'Review', status: 'OPERATING' } }], [], { refs: { C1: ctl } });
    expect(entities(p)).toEqual(['0 C1 Control ctl_1 UPDATED']);
    expect(p.updates.get('Control')).toEqual([
      {
        id: 'ctl_1',
        values: { name: 'Review', description: null, status: 'OPERATING', controlType: null },
        before: ctl,
      },
    ]);
  });

  it('leaves a record that already says the same UNCHANGED, with nothing to write', () => {
    const p = plan([{ ref: 'C1', control: { name: 'Review' } }], [], { refs: { C1: ctl } });
    expect(entities(p)).toEqual(['0 C1 Control ctl_1 UNCHANGED']);
    expect([p.creates.size, p.updates.size, p.deletes.length]).toEqual([0, 0, 0]);
  });

  it('deletes a record by its reference', () => {
    const p = plan([{ ref: 'C1', delete: true }], [], { refs: { C1: ctl } });
    expect(entities(p)).toEqual(['0 C1 Control ctl_1 DELETED']);
    expect(p.deletes).toEqual([ctl]);
  });

  it('refuses to delete a reference no record has', () => {
    expect(problems(plan([{ ref: 'C9', delete: true }]))).toEqual([
      'entities[0].ref no record has the reference crm C9',
    ]);
  });

  it('refuses a reference held by a record of another type', () => {
    expect(problems(plan([{ ref: 'S1', control: { name: 'Review' } }], [], { refs: { S1: sys } }))).toEqual([
      'entities[0].ref belongs to a AISystem, not a Control',
    ]);
  });
});

describe('adoption by id', () => {
  const adopt = (input: Record<string, unknown>, ids: StoredRecord[] = [here]) =>
    plan([{ ref: 'HERE-1', id: 'ctl_here', control: input }], [], { ids });

  it('attaches the reference to the record and updates it; the update versions it', () => {
    const p = adopt({ name: 'Made here', status: 'OPERATING' });
    expect(entities(p)).toEqual(['0 HERE-1 Control ctl_here UPDATED']);
    expect(p.attachments).toEqual([{ id: 'ctl_here', system: SOURCE, ref: 'HERE-1', before: here, updated: true }]);
    expect(p.updates.get('Control')!.map((u) => u.id)).toEqual(['ctl_here']);
  });

  it('reports a record that already says the same as UPDATED: it gained a reference', () => {
    const p = adopt({ name: 'Made here' });
    expect(entities(p)).toEqual(['0 HERE-1 Control ctl_here UPDATED']);
    expect(p.attachments.map((a) => a.updated)).toEqual([false]);
    expect(p.updates.size).toBe(0);
  });

  it.each([
    ['no record has the id', [], 'entities[0].id no record has this id'],
    ['the record is of another type', [{ ...rsk, id: 'ctl_here' }], 'entities[0].id is a Risk, not a Control'],
    [
      'the record already has a reference in the source',
      [{ ...here, externalRefs: [{ system: SOURCE, id: 'OLD' }] }],
      'entities[0].id already has another reference in crm',
    ],
  ] as [string, StoredRecord[], string][])('refuses when %s', (_name, ids, expected) => {
    const p = adopt({ name: 'Made here' }, ids);
    expect(problems(p)).toEqual([expected]);
    expect(p.attachments).toEqual([]);
  });

  it('adopts a record known to another source', () => {
    const p = plan([{ ref: 'C7', id: 'ctl_else', control: { name: 'Elsewhere' } }], [], { ids: [elsewhere] });
    expect(p.attachments.map((a) => [a.id, a.ref])).toEqual([['ctl_else', 'C7']]);
  });

  it('ignores the id when the reference already names a record', () => {
    const p = plan([{ ref: 'C1', id: 'ctl_here', control: { name: 'Review' } }], [], {
      refs: { C1: ctl },
      ids: [here],
    });
    expect(entities(p)).toEqual(['0 C1 Control ctl_1 UNCHANGED']);
    expect(p.attachments).toEqual([]);
  });
});

describe('links', () => {
  const graph: Graph = { refs: { C1: ctl, S1: sys, M1: mdl, K1: rsk }, requirements: ['iso:1'] };

  it.each([
    ['between two records', link('APPLIES_TO', 'C1', 'S1'), '0 make APPLIES_TO ctl_1 -> Entity:sys_1'],
    [
      'to a requirement, with its property',
      link('IMPLEMENTS', 'C1', 'iso:1', { coverage: 'PARTIAL' }),
      '0 make IMPLEMENTS ctl_1 -> Requirement:iso:1 PARTIAL',
    ],
    ['removed', link('APPLIES_TO', 'C1', 'S1', { delete: true }), '0 remove APPLIES_TO ctl_1 -> Entity:sys_1'],
    [
      'removed from a requirement',
      link('IMPLEMENTS', 'C1', 'iso:1', { delete: true }),
      '0 remove IMPLEMENTS ctl_1 -> Requirement:iso:1',
    ],
  ])('plans a link %s', (_name, given, expected) => {
    const p = plan([], [given], graph);
    expect([...links(p), ...problems(p)]).toEqual([expected]);
  });

  it('links records the batch creates by their new ids', () => {
    const p = plan(
      [{ ref: 'C2', control: { name: 'New' } }],
      [link('APPLIES_TO', 'C2', 'S1'), link('MITIGATES', 'C2', 'K1')],
      graph,
    );
    expect(links(p)).toEqual([
      '0 make APPLIES_TO Control-new-1 -> Entity:sys_1',
      '1 make MITIGATES Control-new-1 -> Entity:rsk_1',
    ]);
  });

  it.each([
    [
      'from a reference no record has',
      link('APPLIES_TO', 'C9', 'S1'),
      ['links[0].from no record has the reference crm C9'],
    ],
    [
      'to neither a reference nor a requirement',
      link('APPLIES_TO', 'C1', 'iso:9'),
      ['links[0].to is neither a reference of crm nor a requirement'],
    ],
    [
      'from a record of a type the kind does not start from',
      link('APPLIES_TO', 'K1', 'S1'),
      ['links[0].from APPLIES_TO starts from Control, not a Risk'],
    ],
    [
      'to a record of a type the kind does not go to',
      link('APPLIES_TO', 'C1', 'M1'),
      ['links[0].to APPLIES_TO goes to AISystem, not a Model'],
    ],
    [
      'to a requirement when the kind goes to records',
      link('APPLIES_TO', 'C1', 'iso:1'),
      ['links[0].to APPLIES_TO goes to AISystem, not a Requirement'],
    ],
    [
      'with neither end fitting',
      link('APPLIES_TO', 'M1', 'K1'),
      [
        'links[0].from APPLIES_TO starts from Control, not a Model',
        'links[0].to APPLIES_TO goes to AISystem, not a Risk',
      ],
    ],
  ])('refuses a link %s, and plans nothing for it', (_name, given, expected) => {
    const p = plan([], [given], graph);
    expect(problems(p)).toEqual(expected);
    expect(p.links).toEqual([]);
  });

  it('refuses a link to or from a record the batch deletes', () => {
    const p = plan(
      [
        { ref: 'S1', delete: true },
        { ref: 'C1', delete: true },
      ],
      [link('APPLIES_TO', 'C1', 'S1'), link('IMPLEMENTS', 'C1', 'iso:1', { coverage: 'FULL' })],
      graph,
    );
    expect(problems(p)).toEqual([
      'links[0].from is deleted by this batch',
      'links[0].to is deleted by this batch',
      'links[1].from is deleted by this batch',
    ]);
  });

  it('refuses a link from a record whose deletion failed, naming the missing reference', () => {
    const p = plan([{ ref: 'C9', delete: true }], [link('APPLIES_TO', 'C9', 'S1')], graph);
    expect(problems(p)).toEqual([
      'entities[0].ref no record has the reference crm C9',
      'links[0].from no record has the reference crm C9',
    ]);
  });
});

describe('replaceLinks', () => {
  const replacing = (kinds: string[], batchLinks: SyncLinkEntry[], stored: OutgoingLink[]) =>
    links(
      plan([{ ref: 'C1', control: { name: 'Review' }, replaceLinks: kinds }], batchLinks, {
        refs: { C1: ctl, S1: sys },
        requirements: ['iso:1', 'iso:2'],
        outgoing: stored,
      }),
    );

  it('removes the links of the replaced kinds the batch leaves out, after the batch links, without an index', () => {
    const stored = [
      outgoing('IMPLEMENTS', ctl, 'iso:2', 'requirement'),
      outgoing('APPLIES_TO', ctl, 'sys_2', 'in source'),
    ];
    expect(replacing(['IMPLEMENTS', 'APPLIES_TO'], [link('APPLIES_TO', 'C1', 'S1')], stored)).toEqual([
      '0 make APPLIES_TO ctl_1 -> Entity:sys_1',
      '- remove IMPLEMENTS ctl_1 -> Requirement:iso:2',
      '- remove APPLIES_TO ctl_1 -> Entity:sys_2',
    ]);
  });

  it('keeps the links the batch lists, even removed ones', () => {
    const stored = [
      outgoing('IMPLEMENTS', ctl, 'iso:1', 'requirement'),
      outgoing('APPLIES_TO', ctl, 'sys_1', 'in source'),
    ];
    expect(
      replacing(
        ['IMPLEMENTS', 'APPLIES_TO'],
        [link('IMPLEMENTS', 'C1', 'iso:1', { coverage: 'FULL' }), link('APPLIES_TO', 'C1', 'S1', { delete: true })],
        stored,
      ),
    ).toEqual(['0 make IMPLEMENTS ctl_1 -> Requirement:iso:1 FULL', '1 remove APPLIES_TO ctl_1 -> Entity:sys_1']);
  });

  it('keeps links to records the source cannot name, and links of kinds not replaced', () => {
    const stored = [
      outgoing('APPLIES_TO', ctl, 'sys_here', 'elsewhere'),
      outgoing('MITIGATES', ctl, 'rsk_1', 'in source'),
    ];
    expect(replacing(['APPLIES_TO'], [], stored)).toEqual([]);
  });

  it('replaces the links of an adopted record', () => {
    const p = plan(
      [{ ref: 'HERE-1', id: 'ctl_here', control: { name: 'Made here' }, replaceLinks: ['IMPLEMENTS'] }],
      [],
      { ids: [here], outgoing: [outgoing('IMPLEMENTS', here, 'iso:1', 'requirement')] },
    );
    expect(links(p)).toEqual(['- remove IMPLEMENTS ctl_here -> Requirement:iso:1']);
  });

  it('ignores stored links of records whose links the batch does not replace', () => {
    const p = plan([{ ref: 'C1', control: { name: 'Review' } }], [], {
      refs: { C1: ctl },
      outgoing: [outgoing('IMPLEMENTS', ctl, 'iso:1', 'requirement')],
    });
    expect(links(p)).toEqual([]);
  });
});

describe('order', () => {
  it('reports records in batch order with their indexes, and links with theirs', () => {
    const p = plan(
      [
        { ref: 'S1', delete: true },
        { ref: 'C2', control: { name: 'New' } },
        { ref: 'C1', control: { name: 'Review' } },
      ],
      [link('MITIGATES', 'C2', 'K1'), link('IMPLEMENTS', 'C1', 'iso:1', { coverage: 'FULL' })],
      { refs: { S1: sys, C1: ctl, K1: rsk }, requirements: ['iso:1'] },
    );
    expect(entities(p)).toEqual([
      '0 S1 AISystem sys_1 DELETED',
      '1 C2 Control Control-new-1 CREATED',
      '2 C1 Control ctl_1 UNCHANGED',
    ]);
    expect(links(p)).toEqual([
      '0 make MITIGATES Control-new-1 -> Entity:rsk_1',
      '1 make IMPLEMENTS ctl_1 -> Requirement:iso:1 FULL',
    ]);
  });

  it('lists problems records first, each list by index, whichever check found them', () => {
    const p = plan(
      [
        { ref: 'C9', delete: true },
        { ref: 'HERE-1', id: 'ctl_gone', control: { name: 'X' } },
        { ref: 'S1', control: { name: 'X' } },
      ],
      [link('APPLIES_TO', 'C1', 'nowhere')],
      { refs: { S1: sys, C1: ctl } },
    );
    expect(problems(p)).toEqual([
      'entities[0].ref no record has the reference crm C9',
      'entities[1].id no record has this id',
      'entities[2].ref belongs to a AISystem, not a Control',
      'links[0].to is neither a reference of crm nor a requirement',
    ]);
  });

  it('groups links by statement in order of first appearance, makes and removals apart', () => {
    const p = plan(
      [],
      [
        link('APPLIES_TO', 'C1', 'S1'),
        link('IMPLEMENTS', 'C1', 'iso:1', { coverage: 'FULL' }),
        link('APPLIES_TO', 'C1', 'S2', { delete: true }),
        link('APPLIES_TO', 'C2', 'S1'),
      ],
      { refs: { C1: ctl, C2: { ...ctl, id: 'ctl_2' }, S1: sys, S2: { ...sys, id: 'sys_2' } }, requirements: ['iso:1'] },
    );
    expect(p.linkWrites.map((w) => [w.def.kind, w.space, w.remove, w.at])).toEqual([
      ['APPLIES_TO', 'Entity', false, [0, 3]],
      ['IMPLEMENTS', 'Requirement', false, [1]],
      ['APPLIES_TO', 'Entity', true, [2]],
    ]);
  });
});

describe('reads', () => {
  const batch = checked(
    [
      { ref: 'C1', control: { name: 'Review' }, replaceLinks: ['APPLIES_TO'] },
      { ref: 'HERE-1', id: 'ctl_here', control: { name: 'Made here' }, replaceLinks: ['IMPLEMENTS'] },
      { ref: 'C2', id: 'ctl_x', control: { name: 'Found' } },
      { ref: 'C9', delete: true },
    ],
    [
      link('APPLIES_TO', 'C1', 'S1'),
      link('IMPLEMENTS', 'C1', 'iso:1', { coverage: 'FULL' }),
      link('APPLIES_TO', 'HERE-1', 'C9'),
      link('APPLIES_TO', 'C1', 'S1-new'),
    ],
  );
  const byRef = new Map<string, StoredRecord>([
    ['C1', ctl],
    ['S1', sys],
    ['C2', { ...ctl, id: 'ctl_2' }],
  ]);

  it('reads every reference of the batch once, records first', () => {
    expect(refsToRead(batch)).toEqual(['C1', 'HERE-1', 'C2', 'C9', 'S1', 'iso:1', 'S1-new']);
  });

  it('adopts by id only what no reference names yet', () => {
    expect(idsToAdopt(batch, byRef)).toEqual(['ctl_here']);
  });

  it('checks the link ends that name no record of the batch, a deleted unknown one included', () => {
    expect(endsToCheck(batch, byRef)).toEqual(['iso:1', 'C9', 'S1-new']);
  });

  it('lists the links of records found or adopted whose links are replaced', () => {
    expect(replacedIds(SOURCE, batch, byRef, new Map([['ctl_here', here]]))).toEqual(['ctl_1', 'ctl_here']);
    expect(replacedIds(SOURCE, batch, byRef, new Map())).toEqual(['ctl_1']);
  });
});
