/**
 * Coverage over time (DOMAIN.md section 4: "what changes in coverage between two dates").
 * The graph as it stood at a past moment is the graph of now with the change log's
 * later entries undone, newest first; coverage on a date judges evidence periods on that
 * date. Comparing the two explanations says why each status moved: evidence expiring or
 * taking effect, controls changing status, scope or coverage, mappings added or removed,
 * applicability decided. Pure.
 */
import type { StoredMapping } from '../crosswalk/algebra.js';
import { entityTypeOfId } from '../domain/entity-spec.js';
import type { ApplicabilityFact, ControlFact, CoverageStatus, RequirementCoverage } from './rule.js';

/** The coverage-relevant part of the graph, normalised so that log entries can be undone. */
export interface CoverageState {
  readonly controls: Map<string, { status: string }>;
  readonly evidence: Map<string, { effectiveFrom: string | null; validUntil: string | null }>;
  readonly applicability: Map<string, { applicable: boolean; justification: string }>;
  /** Links of the kinds coverage reads, by `kind|from|to`. */
  readonly links: Map<string, LinkFact>;
  /** Stored mappings, by crosswalk set. */
  readonly mappings: Map<string, MappingFact[]>;
}

export interface LinkFact {
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  readonly property: string | null;
}

export interface MappingFact {
  readonly id: string;
  readonly set: string;
  readonly sourceId: string;
  readonly targetId: string;
  readonly relationship: StoredMapping['relationship'];
  readonly [field: string]: unknown;
}

/** A change log entry with its before and after parsed. */
export interface LoggedChange {
  readonly seq: number;
  readonly at: string;
  readonly operation: string;
  readonly entityId: string;
  readonly entityType: string;
  readonly otherId: string | null;
  readonly linkKind: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

export const COVERAGE_LINK_KINDS = ['IMPLEMENTS', 'APPLIES_TO', 'SUPPORTS', 'SCOPED_TO', 'FOR_REQUIREMENT', 'LIMITED_TO'] as const;
const LINK_KINDS = new Set<string>(COVERAGE_LINK_KINDS);
/** The record kinds whose log entries can change coverage. */
export const COVERAGE_ENTITY_TYPES = ['Control', 'Evidence', 'Applicability', 'CrosswalkSet'] as const;

const linkKey = (l: { kind: string; from: string; to: string }): string => `${l.kind}|${l.from}|${l.to}`;

export function cloneState(state: CoverageState): CoverageState {
  return {
    controls: new Map(state.controls),
    evidence: new Map(state.evidence),
    applicability: new Map(state.applicability),
    links: new Map(state.links),
    mappings: new Map([...state.mappings].map(([set, list]) => [set, [...list]])),
  };
}

function restoreRecord(state: CoverageState, type: string, id: string, fields: Record<string, unknown>): void {
  if (type === 'Control') state.controls.set(id, { status: String(fields.status) });
  if (type === 'Evidence') {
    state.evidence.set(id, { effectiveFrom: (fields.effectiveFrom as string | null) ?? null, validUntil: (fields.validUntil as string | null) ?? null });
  }
  if (type === 'Applicability') state.applicability.set(id, { applicable: fields.applicable === true, justification: String(fields.justification ?? '') });
}

function forgetRecord(state: CoverageState, id: string): void {
  state.controls.delete(id);
  state.evidence.delete(id);
  state.applicability.delete(id);
}

/**
 * The state before the given entries were written: each is undone, newest first. Entries
 * must be in log order and all later than the moment wanted. Entries about other kinds
 * of records, or other link kinds, change nothing here.
 */
export function rewind(state: CoverageState, entries: readonly LoggedChange[]): CoverageState {
  const past = cloneState(state);
  for (const entry of [...entries].reverse()) {
    switch (entry.operation) {
      case 'CREATE':
        forgetRecord(past, entry.entityId);
        break;
      case 'UPDATE':
        if (entry.before) restoreRecord(past, entry.entityType, entry.entityId, entry.before);
        break;
      case 'DELETE':
        if (entry.before) {
          restoreRecord(past, entry.entityType, entry.entityId, entry.before);
          for (const link of (entry.before.links ?? []) as LinkFact[]) if (LINK_KINDS.has(link.kind)) past.links.set(linkKey(link), link);
        }
        break;
      case 'LINK':
      case 'UNLINK': {
        if (entry.linkKind === null || entry.otherId === null || !LINK_KINDS.has(entry.linkKind)) break;
        const link = { kind: entry.linkKind, from: entry.entityId, to: entry.otherId };
        if (entry.before === null) past.links.delete(linkKey(link));
        else past.links.set(linkKey(link), { ...link, property: (entry.before.property as string | null) ?? null });
        break;
      }
      case 'CROSSWALK_LOAD':
      case 'CROSSWALK_REMOVE': {
        const before = (entry.before?.mappings ?? null) as MappingFact[] | null;
        if (before === null || before.length === 0) past.mappings.delete(entry.entityId);
        else past.mappings.set(entry.entityId, before);
        break;
      }
    }
  }
  return past;
}

/** A state from records and links as the graph statements return them, and the stored mappings. */
export function buildState(
  records: readonly { id: string; type: string; status: string | null; effectiveFrom: string | null; validUntil: string | null; applicable: boolean | null; justification: string | null }[],
  links: readonly LinkFact[],
  mappings: readonly MappingFact[],
): CoverageState {
  const state: CoverageState = { controls: new Map(), evidence: new Map(), applicability: new Map(), links: new Map(), mappings: new Map() };
  for (const r of records) {
    if (r.type === 'Control') state.controls.set(r.id, { status: r.status ?? 'PLANNED' });
    else if (r.type === 'Evidence') state.evidence.set(r.id, { effectiveFrom: r.effectiveFrom, validUntil: r.validUntil });
    else state.applicability.set(r.id, { applicable: r.applicable === true, justification: r.justification ?? '' });
  }
  for (const link of links) state.links.set(linkKey(link), link);
  for (const m of mappings) state.mappings.set(m.set, [...(state.mappings.get(m.set) ?? []), m]);
  return state;
}

/**
 * The controls and evidence items the entries name, as records or at either end of a
 * link (a deleted record's links included). Every other control stood then as it stands
 * now, with the same evidence in the same periods: only these need rebuilding from the
 * log (with the controls the named evidence supports).
 */
export function touchedBy(entries: readonly LoggedChange[]): { controls: Set<string>; evidence: Set<string> } {
  const controls = new Set<string>();
  const evidence = new Set<string>();
  const note = (id: unknown): void => {
    if (typeof id !== 'string') return;
    const type = entityTypeOfId(id);
    if (type === 'Control') controls.add(id);
    if (type === 'Evidence') evidence.add(id);
  };
  for (const entry of entries) {
    note(entry.entityId);
    note(entry.otherId);
    for (const fields of [entry.before, entry.after]) {
      for (const link of (fields?.links ?? []) as Partial<LinkFact>[]) {
        note(link.from);
        note(link.to);
      }
    }
  }
  return { controls, evidence };
}

/** The requirements at most `maxHops` mappings from the targets, the targets included: where a crosswalk contribution can come from. */
export function reach(targets: Iterable<string>, mappings: readonly StoredMapping[], maxHops: number): Set<string> {
  const next = new Map<string, string[]>();
  for (const m of mappings) {
    next.set(m.source, [...(next.get(m.source) ?? []), m.target]);
    next.set(m.target, [...(next.get(m.target) ?? []), m.source]);
  }
  const seen = new Set(targets);
  let frontier = [...seen];
  for (let hop = 0; hop < maxHops && frontier.length > 0; hop++) {
    const found: string[] = [];
    for (const id of frontier) {
      for (const other of next.get(id) ?? []) {
        if (seen.has(other)) continue;
        seen.add(other);
        found.push(other);
      }
    }
    frontier = found;
  }
  return seen;
}

/** What the coverage rule reads, built from a state: the same shapes the graph statements return. */
export function coverageInputs(
  state: CoverageState,
  frameworkId: string,
): { controls: ControlFact[]; mappings: StoredMapping[]; mappingRows: Map<string, MappingFact>; applicability: ApplicabilityFact[] } {
  const outOf = new Map<string, LinkFact[]>();
  const into = new Map<string, LinkFact[]>();
  for (const link of state.links.values()) {
    outOf.set(`${link.kind}|${link.from}`, [...(outOf.get(`${link.kind}|${link.from}`) ?? []), link]);
    into.set(`${link.kind}|${link.to}`, [...(into.get(`${link.kind}|${link.to}`) ?? []), link]);
  }
  const out = (kind: string, id: string): LinkFact[] => [...(outOf.get(`${kind}|${id}`) ?? [])].sort((a, b) => a.to.localeCompare(b.to));
  const inward = (kind: string, id: string): LinkFact[] => [...(into.get(`${kind}|${id}`) ?? [])].sort((a, b) => a.from.localeCompare(b.from));

  const controls: ControlFact[] = [];
  for (const [id, control] of [...state.controls].sort(([a], [b]) => a.localeCompare(b))) {
    const implementsLinks = out('IMPLEMENTS', id);
    if (implementsLinks.length === 0) continue;
    controls.push({
      id,
      status: control.status,
      systems: out('APPLIES_TO', id).map((l) => l.to),
      implements: implementsLinks.map((l) => ({ requirementId: l.to, coverage: l.property === 'FULL' ? 'FULL' : 'PARTIAL' })),
      evidence: inward('SUPPORTS', id)
        .filter((l) => state.evidence.has(l.from))
        .map((l) => ({ id: l.from, ...state.evidence.get(l.from)!, scopedTo: out('SCOPED_TO', l.from).map((s) => s.to) })),
    });
  }
  const applicability: ApplicabilityFact[] = [];
  for (const [id, entry] of state.applicability) {
    const requirement = out('FOR_REQUIREMENT', id)[0]?.to;
    if (requirement === undefined || !requirement.startsWith(`${frameworkId}:`)) continue;
    applicability.push({ id, requirementId: requirement, ...entry, systems: out('LIMITED_TO', id).map((l) => l.to) });
  }
  const rows = [...state.mappings.values()].flat();
  return {
    controls,
    mappings: rows.map((m) => ({ id: m.id, source: m.sourceId, target: m.targetId, relationship: m.relationship })),
    mappingRows: new Map(rows.map((m) => [m.id, m])),
    applicability,
  };
}

export type ChangeReasonKind =
  | 'APPLICABILITY_CHANGED'
  | 'CONTROL_ADDED'
  | 'CONTROL_REMOVED'
  | 'CONTROL_STATUS_CHANGED'
  | 'CONTROL_COVERAGE_CHANGED'
  | 'CONTROL_SCOPE_CHANGED'
  | 'EVIDENCE_ADDED'
  | 'EVIDENCE_REMOVED'
  | 'EVIDENCE_EXPIRED'
  | 'EVIDENCE_TOOK_EFFECT'
  | 'EVIDENCE_DATES_CHANGED'
  | 'MAPPING_ADDED'
  | 'MAPPING_REMOVED'
  | 'MAPPING_CHANGED'
  | 'CROSSWALK_SOURCE_CHANGED';

export interface ChangeReason {
  readonly kind: ChangeReasonKind;
  /** The record the reason is about: a control, evidence, applicability entry, mapping, or the crosswalk partner requirement. */
  readonly subjectId: string;
  /** For evidence: the control it supports. For a mapping: its crosswalk set. */
  readonly contextId: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export interface StatusChange {
  readonly requirementId: string;
  readonly before: CoverageStatus;
  readonly after: CoverageStatus;
  readonly reasons: readonly ChangeReason[];
}

/** One side of the comparison: the state, its coverage inputs, the date judged and the coverage found. */
export interface CoverageSnapshot {
  readonly state: CoverageState;
  readonly inputs: ReturnType<typeof coverageInputs>;
  readonly date: string;
  readonly results: readonly RequirementCoverage[];
}

function validOn(e: { effectiveFrom: string | null; validUntil: string | null } | undefined, date: string): boolean {
  return e !== undefined && (e.effectiveFrom === null || e.effectiveFrom <= date) && (e.validUntil === null || e.validUntil >= date);
}

function controlReasons(requirementId: string, a: CoverageSnapshot, b: CoverageSnapshot): ChangeReason[] {
  const reasons: ChangeReason[] = [];
  const implementing = (s: CoverageSnapshot) => new Map(s.inputs.controls.flatMap((c) => c.implements.filter((i) => i.requirementId === requirementId).map((i) => [c.id, { control: c, coverage: i.coverage }] as const)));
  const before = implementing(a);
  const after = implementing(b);
  for (const id of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const was = before.get(id);
    const is = after.get(id);
    if (!was) {
      reasons.push({ kind: 'CONTROL_ADDED', subjectId: id, contextId: null, before: null, after: `${is!.control.status}, ${is!.coverage}` });
      continue;
    }
    if (!is) {
      reasons.push({ kind: 'CONTROL_REMOVED', subjectId: id, contextId: null, before: `${was.control.status}, ${was.coverage}`, after: null });
      continue;
    }
    if (was.control.status !== is.control.status) reasons.push({ kind: 'CONTROL_STATUS_CHANGED', subjectId: id, contextId: null, before: was.control.status, after: is.control.status });
    if (was.coverage !== is.coverage) reasons.push({ kind: 'CONTROL_COVERAGE_CHANGED', subjectId: id, contextId: null, before: was.coverage, after: is.coverage });
    const scope = (c: ControlFact) => (c.systems.length === 0 ? 'organisation-wide' : [...c.systems].sort().join(', '));
    if (scope(was.control) !== scope(is.control)) reasons.push({ kind: 'CONTROL_SCOPE_CHANGED', subjectId: id, contextId: null, before: scope(was.control), after: scope(is.control) });
    const evidenceBefore = new Map(was.control.evidence.map((e) => [e.id, e]));
    const evidenceAfter = new Map(is.control.evidence.map((e) => [e.id, e]));
    for (const evidenceId of [...new Set([...evidenceBefore.keys(), ...evidenceAfter.keys()])].sort()) {
      const e1 = evidenceBefore.get(evidenceId);
      const e2 = evidenceAfter.get(evidenceId);
      const v1 = validOn(e1, a.date);
      const v2 = validOn(e2, b.date);
      if (v1 === v2) continue;
      const period = (e: typeof e1) => (e ? `${e.effectiveFrom ?? '…'} to ${e.validUntil ?? '…'}` : null);
      const reason = (kind: ChangeReasonKind): ChangeReason => ({ kind, subjectId: evidenceId, contextId: id, before: period(e1), after: period(e2) });
      if (v1) {
        if (!e2) reasons.push(reason('EVIDENCE_REMOVED'));
        else if (e2.validUntil !== null && e2.validUntil < b.date) reasons.push(reason(e2.validUntil === e1!.validUntil ? 'EVIDENCE_EXPIRED' : 'EVIDENCE_DATES_CHANGED'));
        else reasons.push(reason('EVIDENCE_DATES_CHANGED'));
      } else if (!e1) reasons.push(reason('EVIDENCE_ADDED'));
      else if (e1.effectiveFrom !== null && e1.effectiveFrom > a.date && e1.effectiveFrom === e2!.effectiveFrom) reasons.push(reason('EVIDENCE_TOOK_EFFECT'));
      else reasons.push(reason('EVIDENCE_DATES_CHANGED'));
    }
  }
  return reasons;
}

function crosswalkReasons(a: RequirementCoverage, b: RequirementCoverage, sa: CoverageSnapshot, sb: CoverageSnapshot): ChangeReason[] {
  const reasons: ChangeReason[] = [];
  const used = (r: RequirementCoverage) => new Set([...r.crosswalk, ...r.rejectedCrosswalk].flatMap((c) => c.chain.map((s) => s.mappingId)));
  const usedBefore = used(a);
  const usedAfter = used(b);
  for (const id of [...new Set([...usedBefore, ...usedAfter])].sort()) {
    const m1 = sa.inputs.mappingRows.get(id);
    const m2 = sb.inputs.mappingRows.get(id);
    if (!m1 && m2) reasons.push({ kind: 'MAPPING_ADDED', subjectId: id, contextId: m2.set, before: null, after: m2.relationship });
    else if (m1 && !m2) reasons.push({ kind: 'MAPPING_REMOVED', subjectId: id, contextId: m1.set, before: m1.relationship, after: null });
    else if (m1 && m2 && m1.relationship !== m2.relationship) reasons.push({ kind: 'MAPPING_CHANGED', subjectId: id, contextId: m2.set, before: m1.relationship, after: m2.relationship });
  }
  const sources = (r: RequirementCoverage) => new Map(r.crosswalk.map((c) => [c.from, c.fromLevel]));
  const s1 = sources(a);
  const s2 = sources(b);
  for (const id of [...new Set([...s1.keys(), ...s2.keys()])].sort()) {
    if (s1.get(id) !== s2.get(id)) reasons.push({ kind: 'CROSSWALK_SOURCE_CHANGED', subjectId: id, contextId: null, before: s1.get(id) ?? null, after: s2.get(id) ?? null });
  }
  return reasons;
}

/** Every requirement whose status differs between the two snapshots, with why. */
export function compareCoverage(a: CoverageSnapshot, b: CoverageSnapshot): StatusChange[] {
  const before = new Map(a.results.map((r) => [r.requirementId, r]));
  const changes: StatusChange[] = [];
  for (const r2 of b.results) {
    const r1 = before.get(r2.requirementId);
    if (!r1 || r1.status === r2.status) continue;
    const reasons: ChangeReason[] = [];
    if ((r1.exclusion?.id ?? null) !== (r2.exclusion?.id ?? null)) {
      const id = (r2.exclusion ?? r1.exclusion)!.id;
      reasons.push({ kind: 'APPLICABILITY_CHANGED', subjectId: id, contextId: null, before: r1.exclusion ? 'excluded' : 'applicable', after: r2.exclusion ? 'excluded' : 'applicable' });
    }
    reasons.push(...controlReasons(r2.requirementId, a, b), ...crosswalkReasons(r1, r2, a, b));
    changes.push({ requirementId: r2.requirementId, before: r1.status, after: r2.status, reasons });
  }
  return changes;
}
