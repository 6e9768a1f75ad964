/**
 * Crosswalk sets in and out of the service: CSV (one row per mapping, the set's
 * provenance repeated on every row, the way GRC tools export mapping tables) and OSCAL
 * 1.2 mapping-collection JSON. Export then import gives back the same set. Imports are
 * turned into the seed file shape and validated by the same rules as the seed.
 */
import { parse } from 'csv-parse/sync';
import { csvCell, writeCsv } from './csv-cells.js';
import type { Relationship } from '../domain/vocabulary.js';
import type { CrosswalkSetFile } from './crosswalk-file.js';
import { OSCAL_VERSION, oscalToken, props, readProps, uuidFor } from './oscal-common.js';

/** The CSV columns, in order (documented in README.md, "Crosswalk exchange"). */
export const CSV_COLUMNS = [
  'set_id',
  'set_title',
  'set_description',
  'set_publisher',
  'set_source',
  'set_source_url',
  'set_licence',
  'set_method',
  'set_relationships_by',
  'set_added_by',
  'set_added_at',
  'from_framework',
  'to_framework',
  'source_ref',
  'target_ref',
  'relationship',
  'rationale',
  'method',
  'status',
  'strength',
  'confidence',
  'justification',
  'citation',
  'original_relationship',
] as const;

export function crosswalkToCsv(doc: CrosswalkSetFile): string {
  const s = doc.set;
  const rows = doc.mappings.map((m) => [
    s.id,
    s.title,
    s.description,
    s.publisher,
    s.source,
    s.sourceUrl ?? '',
    s.licence,
    s.method,
    s.relationshipsBy,
    s.addedBy,
    s.addedAt,
    doc.from,
    doc.to,
    m.source,
    m.target,
    m.relationship,
    m.rationale,
    m.method,
    m.status,
    m.strength ?? '',
    m.confidence ?? '',
    m.justification,
    m.citation ?? '',
    m.originalRelationship ?? '',
  ]);
  return writeCsv([
    [...CSV_COLUMNS],
    ...rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : String(v)))),
  ]);
}

export class ExchangeFormatError extends Error {
  override name = 'ExchangeFormatError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

/** Reads a crosswalk CSV into the seed file shape (validate it with parseCrosswalkFile). */
export function crosswalkFromCsv(text: string): unknown {
  let records: Record<string, string>[];
  try {
    records = parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: false, cast: csvCell }) as Record<
      string,
      string
    >[];
  } catch (err) {
    throw new ExchangeFormatError([`not valid CSV: ${(err as Error).message}`]);
  }
  const first = records[0];
  if (first === undefined) throw new ExchangeFormatError(['the CSV has no mapping rows']);
  const missing = CSV_COLUMNS.filter((c) => !(c in first));
  if (missing.length > 0) throw new ExchangeFormatError([`the CSV lacks the columns ${missing.join(', ')}`]);
  const setColumns = CSV_COLUMNS.filter((c) => c.startsWith('set_') || c.endsWith('_framework'));
  const problems: string[] = [];
  records.forEach((row, index) => {
    for (const column of setColumns) {
      if (row[column] !== first[column])
        problems.push(`row ${index + 2}: ${column} differs from the first row (one set per file)`);
    }
  });
  if (problems.length > 0) throw new ExchangeFormatError(problems);
  const blank = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);
  const number = (value: string | undefined): number | string | null => {
    if (value === undefined || value === '') return null;
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : value;
  };
  return {
    set: {
      id: first.set_id,
      title: first.set_title,
      description: first.set_description,
      publisher: first.set_publisher,
      source: first.set_source,
      sourceUrl: blank(first.set_source_url),
      licence: first.set_licence,
      method: first.set_method,
      relationshipsBy: first.set_relationships_by,
      addedBy: first.set_added_by,
      addedAt: first.set_added_at,
    },
    from: first.from_framework,
    to: first.to_framework,
    mappings: records.map((row) => ({
      source: row.source_ref,
      target: row.target_ref,
      relationship: row.relationship,
      rationale: row.rationale,
      method: row.method,
      status: row.status,
      strength: number(row.strength),
      confidence: number(row.confidence),
      justification: row.justification,
      citation: blank(row.citation),
      originalRelationship: blank(row.original_relationship),
    })),
  };
}

const TO_OSCAL: Readonly<Record<Relationship, string>> = {
  EQUAL: 'equal-to',
  SUBSET_OF: 'subset-of',
  SUPERSET_OF: 'superset-of',
  INTERSECTS_WITH: 'intersects-with',
  NO_RELATIONSHIP: 'no-relationship',
};
const FROM_OSCAL: Readonly<Record<string, Relationship>> = {
  'equal-to': 'EQUAL',
  'equivalent-to': 'EQUAL',
  'subset-of': 'SUBSET_OF',
  'superset-of': 'SUPERSET_OF',
  'intersects-with': 'INTERSECTS_WITH',
  'no-relationship': 'NO_RELATIONSHIP',
};

/** The OSCAL provenance status closest to a set made of mappings with these statuses. */
function setStatus(doc: CrosswalkSetFile): string {
  const statuses = new Set(doc.mappings.map((m) => m.status));
  if (statuses.size === 1) return [...statuses][0]!.toLowerCase();
  return statuses.has('DRAFT') ? 'draft' : 'not-complete';
}

export interface FrameworkLabel {
  readonly id: string;
  readonly name: string;
  readonly version: string;
}

/**
 * An OSCAL 1.2 mapping-collection for one set. The two catalogues are back-matter
 * resources; requirement references become OSCAL tokens (see oscalToken), with the
 * reference itself kept in a `label` property of each mapping item. What OSCAL has no
 * place for (per-mapping status, method, strength, citation) travels in our properties.
 */
export function crosswalkToOscal(doc: CrosswalkSetFile, from: FrameworkLabel, to: FrameworkLabel): unknown {
  const s = doc.set;
  const resource = (fw: FrameworkLabel) => ({
    uuid: uuidFor(`catalog:${fw.id}:${fw.version}`),
    title: `${fw.name} ${fw.version}`,
    props: props({ 'framework-id': fw.id, 'framework-version': fw.version }),
  });
  const fromResource = resource(from);
  const toResource = resource(to);
  const rationales = new Set(doc.mappings.map((m) => m.rationale));
  const maps = doc.mappings.map((m) => ({
    uuid: uuidFor(`map:${s.id}:${m.source}->${m.target}`),
    'matching-rationale': m.rationale.toLowerCase(),
    relationship:
      m.originalRelationship === 'equivalent-to' && m.relationship === 'EQUAL'
        ? 'equivalent-to'
        : TO_OSCAL[m.relationship],
    sources: [
      { type: 'control', 'id-ref': oscalToken(m.source), props: props({ label: m.source, citation: m.citation }) },
    ],
    targets: [{ type: 'control', 'id-ref': oscalToken(m.target), props: props({ label: m.target }) }],
    props: props({
      method: m.method,
      status: m.status,
      strength: m.strength,
      confidence: m.confidence,
      'original-relationship': m.originalRelationship,
    }),
    remarks: m.justification.trim(),
  }));
  return {
    'mapping-collection': {
      uuid: uuidFor(`mapping-collection:${s.id}`),
      metadata: {
        title: s.title.trim(),
        'last-modified': `${s.addedAt}T00:00:00Z`,
        version: s.addedAt,
        'oscal-version': OSCAL_VERSION,
        props: props({
          'set-id': s.id,
          publisher: s.publisher,
          source: s.source,
          'source-url': s.sourceUrl,
          licence: s.licence,
          'relationships-by': s.relationshipsBy,
          'added-by': s.addedBy,
          'added-at': s.addedAt,
        }),
      },
      provenance: {
        method: s.method.toLowerCase(),
        'matching-rationale': rationales.size === 1 ? [...rationales][0]!.toLowerCase() : 'semantic',
        status: setStatus(doc),
        'mapping-description': s.description.trim(),
      },
      mappings: {
        uuid: uuidFor(`mapping:${s.id}`),
        'source-resource': { type: 'catalog', href: `#${fromResource.uuid}` },
        'target-resource': { type: 'catalog', href: `#${toResource.uuid}` },
        maps,
      },
      'back-matter': { resources: [fromResource, toResource] },
    },
  };
}

type Json = Record<string, unknown>;
const asObject = (value: unknown): Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
const asArray = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);

/**
 * Reads an OSCAL mapping-collection (ours or another tool's) into the seed file shape.
 * `refsOf(framework)` gives a framework's references, to resolve OSCAL tokens back to
 * them. A collection with several mappings becomes several sets is not supported: it must
 * hold one source and one target catalogue.
 */
export function crosswalkFromOscal(
  json: unknown,
  refsOf: (framework: string) => ReadonlySet<string> | undefined,
): unknown {
  const collection = asObject(asObject(json)['mapping-collection']);
  if (Object.keys(collection).length === 0) throw new ExchangeFormatError(['not an OSCAL mapping-collection document']);
  const metadata = asObject(collection.metadata);
  const meta = readProps(metadata.props);
  const provenance = asObject(collection.provenance);
  const mappings = asArray(collection.mappings).map(asObject);
  if (mappings.length !== 1)
    throw new ExchangeFormatError([`expected exactly one mapping between two catalogues, found ${mappings.length}`]);
  const mapping = mappings[0]!;
  const resources = asArray(asObject(collection['back-matter']).resources).map(asObject);
  const frameworkOf = (reference: unknown, side: string): string => {
    const href = String(asObject(reference).href ?? '');
    const resource = resources.find((r) => `#${String(r.uuid)}` === href);
    const id = readProps(resource?.props).get('framework-id');
    if (id === undefined)
      throw new ExchangeFormatError([`the ${side} catalogue (${href}) names no framework-id property`]);
    return id;
  };
  const from = frameworkOf(mapping['source-resource'], 'source');
  const to = frameworkOf(mapping['target-resource'], 'target');
  const ours = meta.has('set-id');
  const problems: string[] = [];
  const resolve = (framework: string, item: Json, where: string): string => {
    const label = readProps(item.props).get('label');
    if (label !== undefined) return label;
    const token = String(item['id-ref'] ?? '');
    const match = [...(refsOf(framework) ?? [])].find((ref) => oscalToken(ref) === token.toLowerCase());
    if (match === undefined) problems.push(`${where}: ${framework} has no requirement for "${token}"`);
    return match ?? token;
  };
  const entries = asArray(mapping.maps).map((value, index) => {
    const map = asObject(value);
    const where = `maps[${index}]`;
    const sources = asArray(map.sources).map(asObject);
    const targets = asArray(map.targets).map(asObject);
    if (sources.length !== 1 || targets.length !== 1)
      problems.push(`${where}: one source and one target per map are supported`);
    const p = readProps(map.props);
    const token = String(map.relationship ?? '');
    const relationship = FROM_OSCAL[token];
    if (relationship === undefined) problems.push(`${where}: unknown relationship "${token}"`);
    const number = (value: string | undefined): number | null => (value === undefined ? null : Number(value));
    const rationale = String(map['matching-rationale'] ?? provenance['matching-rationale'] ?? 'semantic').toUpperCase();
    return {
      source: resolve(from, sources[0] ?? {}, `${where}.sources[0]`),
      target: resolve(to, targets[0] ?? {}, `${where}.targets[0]`),
      relationship: relationship ?? token,
      rationale,
      method: (p.get('method') ?? String(provenance.method ?? 'human')).toUpperCase(),
      status: (p.get('status') ?? statusFromOscal(String(provenance.status ?? 'draft'))).toUpperCase(),
      strength: number(p.get('strength')),
      confidence: number(p.get('confidence')),
      justification:
        typeof map.remarks === 'string' && map.remarks.trim() !== ''
          ? map.remarks.trim()
          : `Imported from OSCAL (${token}).`,
      citation: readProps(sources[0]?.props).get('citation') ?? null,
      // Our own export says what was stored; another tool's token is kept as it came.
      originalRelationship: ours ? (p.get('original-relationship') ?? null) : token,
    };
  });
  if (problems.length > 0) throw new ExchangeFormatError(problems);
  const title = String(metadata.title ?? '');
  return {
    set: {
      id: meta.get('set-id') ?? `oscal-${String(collection.uuid ?? '').slice(0, 8)}`,
      title,
      description: String(provenance['mapping-description'] ?? title),
      publisher: meta.get('publisher') ?? 'unknown',
      source: meta.get('source') ?? `OSCAL mapping-collection ${String(collection.uuid ?? '')}`,
      sourceUrl: meta.get('source-url') ?? null,
      licence: meta.get('licence') ?? 'not stated',
      method: String(provenance.method ?? 'human').toUpperCase(),
      relationshipsBy: meta.get('relationships-by') ?? meta.get('publisher') ?? 'unknown',
      addedBy: meta.get('added-by') ?? 'OSCAL import',
      addedAt: meta.get('added-at') ?? String(metadata['last-modified'] ?? '').slice(0, 10),
    },
    from,
    to,
    mappings: entries,
  };
}

/** OSCAL's provenance status has "not-complete"; a mapping's status has no such value. */
function statusFromOscal(status: string): string {
  return status === 'not-complete' ? 'DRAFT' : status;
}
