/**
 * Validation of seed/crosswalks/*.json against the catalogue. Pure: takes parsed JSON
 * and the references each framework has, returns a typed crosswalk set or every
 * problem found, each naming the file and the entry.
 */
import { isCalendarDate } from '../domain/date-time.js';
import {
  MAPPING_METHODS,
  MAPPING_RATIONALES,
  MAPPING_STATUSES,
  RELATIONSHIPS,
  type MappingMethod,
  type MappingRationale,
  type MappingStatus,
  type Relationship,
} from '../domain/vocabulary.js';

export interface CrosswalkMappingEntry {
  readonly source: string;
  readonly target: string;
  readonly relationship: Relationship;
  readonly rationale: MappingRationale;
  readonly method: MappingMethod;
  readonly status: MappingStatus;
  readonly strength: number | null;
  readonly confidence: number | null;
  readonly justification: string;
  /** The published source's own reference for either side, when it differs from ours (NIST cites ISO/IEC 42001 Annex B). */
  readonly citation: string | null;
  /** The relationship token as the source wrote it, when it had one (OSCAL `equivalent-to`, NIST "related"). */
  readonly originalRelationship: string | null;
}

export interface CrosswalkSetFile {
  readonly set: {
    readonly id: string;
    readonly title: string;
    readonly description: string;
    readonly publisher: string;
    readonly source: string;
    readonly sourceUrl: string | null;
    readonly licence: string;
    readonly method: MappingMethod;
    /** Who asserted the set relationships: the publisher of the source, or this project's reading of it. */
    readonly relationshipsBy: string;
    readonly addedBy: string;
    readonly addedAt: string;
  };
  readonly from: string;
  readonly to: string;
  readonly mappings: readonly CrosswalkMappingEntry[];
}

export type CrosswalkParseResult = { ok: true; crosswalk: CrosswalkSetFile } | { ok: false; problems: string[] };

/** Each framework's requirement references, for checking that every mapping names real requirements. */
export type CatalogueRefs = ReadonlyMap<string, ReadonlySet<string>>;

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const SET_ID = /^[a-z0-9][a-z0-9-]{1,80}$/;

export function parseCrosswalkFile(json: Json, file: string, refs: CatalogueRefs): CrosswalkParseResult {
  const problems: string[] = [];
  const at = (where: string, message: string): void => {
    problems.push(`${file}: ${where}: ${message}`);
  };
  const str = (obj: Record<string, Json>, key: string, where: string, max = 2000): string => {
    const value = obj[key];
    if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
      at(where, `"${key}" must be a non-empty string of at most ${max} characters`);
      return '';
    }
    return value;
  };
  const optionalStr = (obj: Record<string, Json>, key: string, where: string): string | null =>
    obj[key] === undefined || obj[key] === null ? null : str(obj, key, where);
  const enumOf = <T extends string>(value: Json, allowed: readonly T[], where: string, key: string, fallback: T): T => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    at(where, `"${key}" must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return fallback;
  };

  if (!isObject(json)) return { ok: false, problems: [`${file}: the file must hold a JSON object`] };
  const set = json.set;
  if (!isObject(set))
    return { ok: false, problems: [`${file}: set: missing (every crosswalk set names its provenance)`] };
  const id = str(set, 'id', 'set', 81);
  if (id !== '' && !SET_ID.test(id)) at('set', `"id" must be lower-case letters, digits and hyphens (got "${id}")`);
  const addedAt = str(set, 'addedAt', 'set', 10);
  if (addedAt !== '' && !isCalendarDate(addedAt)) at('set', '"addedAt" must be a date, YYYY-MM-DD');
  const header = {
    id,
    title: str(set, 'title', 'set'),
    description: str(set, 'description', 'set'),
    publisher: str(set, 'publisher', 'set'),
    source: str(set, 'source', 'set'),
    sourceUrl: optionalStr(set, 'sourceUrl', 'set'),
    licence: str(set, 'licence', 'set'),
    method: enumOf(set.method, MAPPING_METHODS, 'set', 'method', 'HUMAN'),
    relationshipsBy: str(set, 'relationshipsBy', 'set'),
    addedBy: str(set, 'addedBy', 'set'),
    addedAt,
  };

  const defaults = isObject(json.defaults) ? json.defaults : {};
  const from = typeof json.from === 'string' ? json.from : '';
  const to = typeof json.to === 'string' ? json.to : '';
  const fromRefs = refs.get(from);
  const toRefs = refs.get(to);
  if (fromRefs === undefined) at('from', `unknown framework ${JSON.stringify(json.from)}`);
  if (toRefs === undefined) at('to', `unknown framework ${JSON.stringify(json.to)}`);
  if (from !== '' && from === to) at('to', 'a crosswalk maps two different frameworks');
  if (!Array.isArray(json.mappings) || json.mappings.length === 0) {
    at('mappings', 'must be a non-empty list');
    return { ok: false, problems };
  }

  const pairs = new Set<string>();
  const mappings: CrosswalkMappingEntry[] = [];
  json.mappings.forEach((entry: Json, index: number) => {
    const where = `mappings[${index}]`;
    if (!isObject(entry)) {
      at(where, 'must be an object');
      return;
    }
    const source = str(entry, 'source', where, 200);
    const target = str(entry, 'target', where, 200);
    const label = `${where} (${source} -> ${target})`;
    if (fromRefs !== undefined && source !== '' && !fromRefs.has(source))
      at(label, `${from} has no requirement "${source}"`);
    if (toRefs !== undefined && target !== '' && !toRefs.has(target)) at(label, `${to} has no requirement "${target}"`);
    const pair = `${source}\u0000${target}`;
    if (pairs.has(pair)) at(label, 'the same pair is mapped twice in this set');
    pairs.add(pair);
    const pick = (key: string): Json => (entry[key] === undefined ? defaults[key] : entry[key]);
    const strength = pick('strength');
    if (
      strength !== undefined &&
      strength !== null &&
      !(Number.isInteger(strength) && (strength as number) >= 1 && (strength as number) <= 10)
    ) {
      at(label, '"strength" must be a whole number from 1 to 10');
    }
    const confidence = pick('confidence');
    if (
      confidence !== undefined &&
      confidence !== null &&
      !(typeof confidence === 'number' && confidence >= 0 && confidence <= 1)
    ) {
      at(label, '"confidence" must be a number from 0 to 1');
    }
    mappings.push({
      source,
      target,
      relationship: enumOf(entry.relationship, RELATIONSHIPS, label, 'relationship', 'NO_RELATIONSHIP'),
      rationale: enumOf(pick('rationale'), MAPPING_RATIONALES, label, 'rationale', 'SEMANTIC'),
      method: enumOf(pick('method'), MAPPING_METHODS, label, 'method', 'HUMAN'),
      status: enumOf(pick('status'), MAPPING_STATUSES, label, 'status', 'DRAFT'),
      strength: typeof strength === 'number' ? strength : null,
      confidence: typeof confidence === 'number' ? confidence : null,
      justification: str(entry, 'justification', label, 500),
      citation: optionalStr(entry, 'citation', label),
      originalRelationship:
        optionalStr(entry, 'originalRelationship', label) ??
        (typeof defaults.originalRelationship === 'string' ? defaults.originalRelationship : null),
    });
  });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, crosswalk: { set: header, from, to, mappings } };
}
