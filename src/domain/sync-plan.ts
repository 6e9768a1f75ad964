/**
 * Sync of a batch as a plan: which records it creates, updates, adopts and deletes, which
 * links it makes and removes, what each item reports, and every problem, decided from the
 * batch and what the graph holds. Pure: services/sync.ts reads the graph, this decides,
 * the service writes what it says.
 */
import { crossFieldProblems, validateEntityInput } from './entity-input.js';
import { ENTITIES, ENTITY_TYPES, LINK_KINDS, linkDef, type EntityType, type LinkDef } from './entity-spec.js';
import { sameFields } from './upsert.js';

/** The types a batch item (and an upsert) may carry: all but applicability entries, which have an upsert of their own. */
export const UPSERT_TYPES: readonly EntityType[] = ENTITY_TYPES.filter((type) => type !== 'Applicability');
/** The payload field that carries a record of this type: `aiSystem`, `control`, … (also a batch item's field). */
export const payloadField = (type: EntityType): string =>
  type === 'AISystem' ? 'aiSystem' : `${type[0]!.toLowerCase()}${type.slice(1)}`;
const TYPE_FIELDS: readonly [string, EntityType][] = UPSERT_TYPES.map((t) => [payloadField(t), t]);

export interface SyncProblem {
  readonly list: 'entities' | 'links';
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

export type SyncAction = 'CREATED' | 'UPDATED' | 'UNCHANGED' | 'DELETED';

/* ------------------------------------------------------------------ the batch */

/** A batch item as given, by GraphQL or read from a file (so not yet checked at all). */
export interface SyncEntityEntry {
  readonly ref: string;
  readonly delete?: boolean | null;
  readonly id?: string | null;
  readonly replaceLinks?: readonly string[] | null;
  /** The typed payloads: `aiSystem`, `control`, … */
  readonly [field: string]: unknown;
}

export interface SyncLinkEntry {
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly delete?: boolean | null;
  readonly purpose?: string | null;
  readonly coverage?: string | null;
}

/** One record of a checked batch. */
export interface RecordItem {
  readonly index: number;
  readonly ref: string;
  readonly remove: boolean;
  /** Null when the record is deleted. */
  readonly type: EntityType | null;
  readonly values: Readonly<Record<string, unknown>>;
  readonly replaceLinks: readonly string[];
  /** This service's id, when the source gave it. */
  readonly id: string | null;
}

/** One link of a checked batch. */
export interface LinkItem {
  readonly index: number;
  readonly def: LinkDef;
  readonly from: string;
  readonly to: string;
  /** Its purpose or coverage; null when the kind has none or the link is removed. */
  readonly property: string | null;
  readonly remove: boolean;
}

export interface CheckedBatch {
  readonly records: readonly RecordItem[];
  readonly links: readonly LinkItem[];
}

/** Checks every item of a batch without the graph; all problems at once. */
export function checkBatch(batch: {
  entities?: readonly SyncEntityEntry[] | null;
  links?: readonly SyncLinkEntry[] | null;
}): CheckedBatch & { problems: SyncProblem[] } {
  const problems: SyncProblem[] = [];
  const records = checkRecords(batch.entities ?? [], problems);
  return { records, links: checkLinks(batch.links ?? [], problems), problems };
}

function checkRecords(entries: readonly SyncEntityEntry[], problems: SyncProblem[]): RecordItem[] {
  const records: RecordItem[] = [];
  const seen = new Set<string>();
  const seenIds = new Set<string>();
  entries.forEach((entry, index) => {
    const at = (field: string, message: string) => problems.push({ list: 'entities', index, field, message });
    if (entry.ref.trim() === '' || entry.ref.length > 200) at('ref', 'must be 1 to 200 characters');
    if (seen.has(entry.ref)) at('ref', 'appears earlier in the batch');
    seen.add(entry.ref);
    const given = TYPE_FIELDS.filter(([field]) => entry[field] != null);
    const remove = entry.delete === true;
    if (remove) {
      if (given.length > 0) at(given[0]![0], 'must be left out when the record is deleted');
      if ((entry.replaceLinks ?? []).length > 0) at('replaceLinks', 'must be left out when the record is deleted');
      records.push({ index, ref: entry.ref, remove, type: null, values: {}, replaceLinks: [], id: null });
      return;
    }
    if (given.length !== 1) {
      at('', `must give exactly one of ${TYPE_FIELDS.map(([f]) => f).join(', ')}`);
      return;
    }
    const [field, type] = given[0]!;
    const { externalRefs, ...fields } = entry[field] as Record<string, unknown>;
    if (externalRefs != null) at(`${field}.externalRefs`, 'must be left out: the reference is `ref`');
    const result = validateEntityInput(ENTITIES[type], fields, 'create');
    if (!result.ok) {
      for (const p of result.problems) at(`${field}.${p.field}`, p.message);
      return;
    }
    for (const p of crossFieldProblems(type, result.values)) at(`${field}.${p.field}`, p.message);
    for (const kind of entry.replaceLinks ?? []) {
      const def = linkDef(kind);
      if (def === undefined || !def.from.includes(type)) at('replaceLinks', `${kind} does not start from a ${type}`);
    }
    if (entry.id != null && seenIds.has(entry.id)) at('id', 'names the same record as an earlier item');
    if (entry.id != null) seenIds.add(entry.id);
    if (entry.id != null && (entry.id.length === 0 || entry.id.length > 300)) at('id', 'must be 1 to 300 characters');
    records.push({
      index,
      ref: entry.ref,
      remove,
      type,
      values: result.values,
      replaceLinks: [...new Set(entry.replaceLinks ?? [])],
      id: entry.id ?? null,
    });
  });
  return records;
}

function checkLinks(entries: readonly SyncLinkEntry[], problems: SyncProblem[]): LinkItem[] {
  const links: LinkItem[] = [];
  const seen = new Set<string>();
  entries.forEach((link, index) => {
    const at = (field: string, message: string) => problems.push({ list: 'links', index, field, message });
    // A batch read from a file (npm run import) has not been through GraphQL's input checks.
    const def = linkDef(link.kind);
    if (def === undefined) {
      at('kind', `must be one of ${LINK_KINDS.join(', ')}`);
      return;
    }
    for (const end of ['from', 'to'] as const)
      if (typeof link[end] !== 'string' || link[end].trim() === '' || link[end].length > 300)
        at(end, 'must be 1 to 300 characters');
    const same = `${def.kind}|${link.from}|${link.to}`;
    if (seen.has(same)) at('', 'repeats an earlier link of the batch');
    seen.add(same);
    const remove = link.delete === true;
    const property = def.property?.name;
    links.push({
      index,
      def,
      from: link.from,
      to: link.to,
      property: remove || !property ? null : (link[property] ?? null),
      remove,
    });
    if (remove) return;
    for (const name of ['purpose', 'coverage'] as const) {
      if (link[name] != null && property !== name) at(name, `${def.kind} takes no ${name}`);
    }
    if (property && link[property] == null) at(property, `${def.kind} needs a ${property}`);
    if (property && link[property] != null && !def.property!.values.includes(String(link[property])))
      at(property, `must be one of ${def.property!.values.join(', ')}`);
  });
  return links;
}

/* ------------------------------------------------------------- what to read */

/** A record as read: its id, type and references; its fields to compare. */
export interface StoredRecord {
  readonly id: string;
  readonly type: EntityType;
  readonly externalRefs: readonly { readonly system: string; readonly id: string }[];
  readonly [field: string]: unknown;
}

/** A stored link that starts from a record whose links the batch replaces. */
export interface OutgoingLink {
  readonly kind: string;
  readonly from: string;
  readonly fromType: string;
  readonly to: string;
  readonly toIsRequirement: boolean;
  /** Whether the other end has a reference in the source. */
  readonly toInSource: boolean;
}

/** What the graph holds that the plan depends on, read in the sync's transaction, in this order. */
export interface SyncState<R extends StoredRecord> {
  /** The records the batch's references name (refsToRead), by reference. */
  readonly byRef: ReadonlyMap<string, R>;
  /** The records of idsToAdopt that exist, by id. */
  readonly byId: ReadonlyMap<string, R>;
  /** Those of endsToCheck that are requirements. */
  readonly requirements: ReadonlySet<string>;
  /** The links from the records of replacedIds, as read. */
  readonly outgoing: readonly OutgoingLink[];
}

/** Every reference of the batch: its records', then its links' ends. */
export const refsToRead = (batch: CheckedBatch): string[] => [
  ...new Set([...batch.records.map((r) => r.ref), ...batch.links.flatMap((l) => [l.from, l.to])]),
];

/** The ids of records the source knows by id but not yet by reference. */
export const idsToAdopt = (batch: CheckedBatch, byRef: ReadonlyMap<string, unknown>): string[] =>
  adoptable(batch.records, byRef).map((r) => r.id!);

/** Link ends that name no record of the batch: requirement ids, if anything. */
export function endsToCheck(batch: CheckedBatch, byRef: ReadonlyMap<string, unknown>): string[] {
  const named = new Set([...byRef.keys(), ...batch.records.filter((r) => !r.remove).map((r) => r.ref)]);
  return [...new Set(batch.links.map((l) => l.to).filter((to) => !named.has(to)))];
}

/** The records whose links of some kinds the batch replaces. */
export const replacedIds = <R extends StoredRecord>(
  source: string,
  batch: CheckedBatch,
  byRef: ReadonlyMap<string, R>,
  byId: ReadonlyMap<string, R>,
): string[] => [...replacedKinds(batch.records, adopt(source, batch.records, byRef, byId).existing).keys()];

const adoptable = (records: readonly RecordItem[], byRef: ReadonlyMap<string, unknown>): RecordItem[] =>
  records.filter((r) => r.id !== null && !r.remove && !byRef.has(r.ref));

const replacedKinds = (
  records: readonly RecordItem[],
  existing: ReadonlyMap<string, StoredRecord>,
): Map<string, Set<string>> =>
  new Map(
    records
      .filter((r) => r.replaceLinks.length > 0 && existing.has(r.ref))
      .map((r) => [existing.get(r.ref)!.id, new Set(r.replaceLinks)]),
  );

/* ----------------------------------------------------------------- the plan */

export interface EntityOutcome {
  readonly index: number;
  readonly ref: string;
  readonly type: string;
  readonly id: string;
  readonly action: SyncAction;
}

export type LinkSpace = 'Entity' | 'Requirement';

export interface PlannedLink {
  /** The link's index in the batch; null for one that replaceLinks removes. */
  readonly index: number | null;
  readonly def: LinkDef;
  readonly from: { readonly id: string; readonly type: string };
  readonly to: { readonly id: string; readonly space: LinkSpace };
  readonly property: string | null;
  readonly remove: boolean;
}

/** Links written by one statement: one kind, one space at the `to` end, all made or all removed. */
export interface LinkWrite {
  readonly def: LinkDef;
  readonly space: LinkSpace;
  readonly remove: boolean;
  /** Positions in the plan's `links`. */
  readonly at: readonly number[];
}

export interface SyncPlan<R extends StoredRecord> {
  /** Entities first, each list by index: nothing is written when there is one. */
  readonly problems: readonly SyncProblem[];
  readonly deletes: readonly R[];
  readonly creates: ReadonlyMap<
    EntityType,
    readonly { id: string; values: Readonly<Record<string, unknown>>; ref: { system: string; id: string } }[]
  >;
  /** References attached to adopted records; `updated` when the record is updated as well (which versions and logs it). */
  readonly attachments: readonly { id: string; system: string; ref: string; before: R; updated: boolean }[];
  readonly updates: ReadonlyMap<
    EntityType,
    readonly { id: string; values: Readonly<Record<string, unknown>>; before: R }[]
  >;
  /** In the order the outcome lists them: the batch's links, then the removals replaceLinks implies. */
  readonly links: readonly PlannedLink[];
  /** The links by statement, in order of first appearance. */
  readonly linkWrites: readonly LinkWrite[];
  /** What each record of the batch reports, in batch order. */
  readonly entities: readonly EntityOutcome[];
}

/** What a reference names once the batch is applied: a record, or null when the batch deletes it. */
type Resolved = Map<string, { id: string; type: string } | null>;

/**
 * Decides everything the batch does, given what the graph holds. `source` is the batch's
 * as given (references are keyed by it; problems name it trimmed); `mint` gives new
 * records their ids.
 */
export function planSync<R extends StoredRecord>(
  source: string,
  batch: CheckedBatch,
  state: SyncState<R>,
  mint: (type: EntityType) => string,
): SyncPlan<R> {
  const adoption = adopt(source, batch.records, state.byRef, state.byId);
  const records = planRecords(source, batch.records, adoption, mint);
  const updated = new Set([...records.updates.values()].flat().map((u) => u.id));
  const batchLinks = planLinks(source, batch.links, records.resolved, state.requirements);
  const links = [
    ...batchLinks.planned,
    ...impliedRemovals(batch.records, adoption.existing, batchLinks.planned, state.outgoing),
  ];
  const problems = [...adoption.problems, ...records.problems, ...batchLinks.problems].sort((a, b) =>
    a.list === b.list ? a.index - b.index : a.list === 'entities' ? -1 : 1,
  );
  return {
    problems,
    deletes: records.deletes,
    creates: records.creates,
    attachments: adoption.attach.map((a) => ({ ...a, updated: updated.has(a.id) })),
    updates: records.updates,
    links,
    linkWrites: groupLinkWrites(links),
    entities: records.entities,
  };
}

interface Adoption<R extends StoredRecord> {
  /** The records found by reference, and those adopted under the reference the batch gives them. */
  readonly existing: ReadonlyMap<string, R>;
  readonly attach: readonly { id: string; system: string; ref: string; before: R }[];
  readonly problems: readonly SyncProblem[];
}

/** Records the source names by id, not yet by reference: found by id, they take the reference. */
function adopt<R extends StoredRecord>(
  source: string,
  records: readonly RecordItem[],
  byRef: ReadonlyMap<string, R>,
  byId: ReadonlyMap<string, R>,
): Adoption<R> {
  const existing = new Map(byRef);
  const attach: { id: string; system: string; ref: string; before: R }[] = [];
  const problems: SyncProblem[] = [];
  for (const r of adoptable(records, byRef)) {
    const found = byId.get(r.id!);
    const fail = (message: string) => problems.push({ list: 'entities', index: r.index, field: 'id', message });
    if (found === undefined) fail('no record has this id');
    else if (found.type !== r.type) fail(`is a ${found.type}, not a ${r.type}`);
    else if (found.externalRefs.some((x) => x.system === source))
      fail(`already has another reference in ${source.trim()}`);
    else {
      existing.set(r.ref, found);
      attach.push({ id: found.id, system: source, ref: r.ref, before: found });
    }
  }
  return { existing, attach, problems };
}

function planRecords<R extends StoredRecord>(
  source: string,
  records: readonly RecordItem[],
  { existing, attach }: Adoption<R>,
  mint: (type: EntityType) => string,
) {
  const attached = new Set(attach.map((a) => a.id));
  const creates = new Map<
    EntityType,
    { id: string; values: Readonly<Record<string, unknown>>; ref: { system: string; id: string } }[]
  >();
  const updates = new Map<EntityType, { id: string; values: Readonly<Record<string, unknown>>; before: R }[]>();
  const deletes: R[] = [];
  const entities: EntityOutcome[] = [];
  const problems: SyncProblem[] = [];
  const resolved: Resolved = new Map([...existing].map(([ref, row]) => [ref, { id: row.id, type: row.type }]));
  const add = <T>(map: Map<EntityType, T[]>, type: EntityType, item: T) =>
    map.set(type, [...(map.get(type) ?? []), item]);
  for (const item of records) {
    const found = existing.get(item.ref);
    const report = (id: string, type: string, action: SyncAction) =>
      entities.push({ index: item.index, ref: item.ref, type, id, action });
    if (item.remove && found === undefined) {
      problems.push({
        list: 'entities',
        index: item.index,
        field: 'ref',
        message: `no record has the reference ${source.trim()} ${item.ref}`,
      });
    } else if (item.remove) {
      deletes.push(found!);
      resolved.set(item.ref, null);
      report(found!.id, found!.type, 'DELETED');
    } else if (found === undefined) {
      const id = mint(item.type!);
      add(creates, item.type!, { id, values: item.values, ref: { system: source, id: item.ref } });
      resolved.set(item.ref, { id, type: item.type! });
      report(id, item.type!, 'CREATED');
    } else if (found.type !== item.type) {
      problems.push({
        list: 'entities',
        index: item.index,
        field: 'ref',
        message: `belongs to a ${found.type}, not a ${item.type}`,
      });
    } else if (sameFields(ENTITIES[item.type], found, item.values)) {
      // An adopted record changes all the same: it gains the reference.
      report(found.id, found.type, attached.has(found.id) ? 'UPDATED' : 'UNCHANGED');
    } else {
      add(updates, item.type, { id: found.id, values: item.values, before: found });
      report(found.id, found.type, 'UPDATED');
    }
  }
  return { creates, updates, deletes, entities, problems, resolved };
}

/** The batch's links, each end a reference of the source or (at the `to` end) a requirement id. */
function planLinks(source: string, links: readonly LinkItem[], resolved: Resolved, requirements: ReadonlySet<string>) {
  const planned: PlannedLink[] = [];
  const problems: SyncProblem[] = [];
  for (const link of links) {
    const { def, index } = link;
    const fail = (field: string, message: string) => problems.push({ list: 'links', index, field, message });
    const from = resolved.get(link.from);
    const toEntity = resolved.get(link.to);
    const to = toEntity
      ? { id: toEntity.id, space: 'Entity' as const, kind: toEntity.type }
      : requirements.has(link.to)
        ? { id: link.to, space: 'Requirement' as const, kind: 'Requirement' }
        : null;
    const fromFits = !!from && (def.from as readonly string[]).includes(from.type);
    const toFits = !!to && (def.to as readonly string[]).includes(to.kind);
    if (!from)
      fail(
        'from',
        from === null ? 'is deleted by this batch' : `no record has the reference ${source.trim()} ${link.from}`,
      );
    else if (!fromFits) fail('from', `${def.kind} starts from ${def.from.join(' or ')}, not a ${from.type}`);
    if (!to)
      fail(
        'to',
        toEntity === null ? 'is deleted by this batch' : `is neither a reference of ${source.trim()} nor a requirement`,
      );
    else if (!toFits) fail('to', `${def.kind} goes to ${def.to.join(' or ')}, not a ${to.kind}`);
    if (fromFits && toFits)
      planned.push({
        index,
        def,
        from: from!,
        to: { id: to!.id, space: to!.space },
        property: link.property,
        remove: link.remove,
      });
  }
  return { planned, problems };
}

/**
 * The links a record's replaceLinks leaves out, after the batch's own: only those the
 * source could have listed (to a requirement, or to a record with a reference in the
 * source), so that links made here or by other sources stay.
 */
function impliedRemovals(
  records: readonly RecordItem[],
  existing: ReadonlyMap<string, StoredRecord>,
  planned: readonly PlannedLink[],
  outgoing: readonly OutgoingLink[],
): PlannedLink[] {
  const kindsOf = replacedKinds(records, existing);
  const listed = new Set(planned.map((p) => `${p.def.kind}|${p.from.id}|${p.to.id}`));
  return outgoing
    .filter(
      (l) =>
        kindsOf.get(l.from)?.has(l.kind) &&
        !listed.has(`${l.kind}|${l.from}|${l.to}`) &&
        (l.toIsRequirement || l.toInSource),
    )
    .map((l) => ({
      index: null,
      def: linkDef(l.kind)!,
      from: { id: l.from, type: l.fromType },
      to: { id: l.to, space: l.toIsRequirement ? 'Requirement' : 'Entity' },
      property: null,
      remove: true,
    }));
}

function groupLinkWrites(links: readonly PlannedLink[]): LinkWrite[] {
  const groups = new Map<string, LinkWrite & { at: number[] }>();
  links.forEach((p, i) => {
    const key = `${p.def.kind}|${p.to.space}|${p.remove}`;
    const group = groups.get(key) ?? { def: p.def, space: p.to.space, remove: p.remove, at: [] };
    group.at.push(i);
    groups.set(key, group);
  });
  return [...groups.values()];
}
