/**
 * Hostile input, generated from the schema: fast-check arbitraries for the arguments of
 * any field (walking input objects, lists, enums and scalars), a selection for its
 * result, and a fingerprint of the graph to tell whether a request wrote anything. A
 * field added to the SDL is fuzzed without a change here; hints by argument name only
 * steer values towards real records so that inputs reach past the first check.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
} from 'graphql';
import { ENTITIES, ENTITY_TYPES, LINKS, type EntityType } from '../../src/domain/entity-spec.js';
import type { GraphExecutor } from '../../src/graph/executor.js';

/* ------------------------------------------------------------------ values */

/** Text that is legal to store but must stay data: Cypher, JSON and injection fragments, unicode. */
export const ADVERSARIAL_TEXT: readonly string[] = [
  '"}) MATCH (n) DETACH DELETE n //',
  "' OR 1=1 --",
  "x' }) WITH 1 AS x MATCH (n) SET n.pwned = true //",
  '`) DETACH DELETE (n) //',
  '`',
  '``',
  '{',
  '}',
  '$param',
  '$id',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '\\',
  '\\u0000',
  '"',
  "'",
  ':param x => 1',
  'CALL db.labels() YIELD label RETURN label',
  '/* */ RETURN 1 //',
  'MATCH (n) RETURN n LIMIT 1',
  '<script>alert(1)</script>',
  '__proto__',
  'null',
  'NaN',
  '-1',
  '🤖🔥👩🏽‍💻',
  '\u202Eevil\u202C',
  'مرحبا بالعالم',
  'שלום עולם',
  'Z̷̢͉a̸̛͔l̵̰͝g̶̤̈o̵̥̍',
  'e\u0301\u0302\u0303',
  '\u200B\u200C\u200D',
  '\uFEFFbom',
  'line\nbreak\ttab\r\nend',
  '  padded  ',
  'ǅemoji 🏳️‍🌈 flag 🇪🇺',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 astral',
  'a'.repeat(200),
  '🤖'.repeat(100),
];

/** Text no field should take: blank, control characters, lone surrogates, far too long. */
export const ILLEGAL_TEXT: readonly string[] = [
  '',
  '   ',
  '\u0000',
  'nul\u0000byte',
  'bell\u0007',
  'esc\u001b[31m',
  'del\u007f',
  '\u0001\u0002\u0003',
  '\uD800',
  'lone \uDC00 low',
  'high at end \uD83D',
  '\uDFFF\uD800',
  'a'.repeat(201),
  'a'.repeat(301),
  'é'.repeat(10_001),
  'x'.repeat(100_000),
];

/** JSON values of the wrong type for any position. */
const WRONG_TYPES: readonly unknown[] = [
  null,
  0,
  -1,
  1.5,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  1e308,
  true,
  false,
  [],
  [null],
  {},
  { $ne: 1 },
  { __proto__: { admin: true } },
  'NOT_A_VALUE',
];

const HOSTILE_INTS: readonly unknown[] = [0, -1, 2 ** 31 - 1, -(2 ** 31), 2 ** 31, 1e6, 1.5, -0.5, '1', null];
export const HOSTILE_DATES: readonly string[] = [
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '0000-00-00',
  '2026-1-1',
  '20260101',
  '99999-01-01',
  '-0001-01-01',
  '2026-01-01T00:00:00Z',
  'yesterday',
  '2026-01-01\u0000',
  '2026-01-01 ',
  '２０２６-01-01',
  // At the edges of what Neo4j takes: the first and last years, Feb 29 in leap and common years.
  '0000-01-01',
  '9999-12-31',
  '10000-01-01',
  '2024-02-29',
  '2023-02-29',
  '1900-02-29',
  '2000-02-29',
];
export const HOSTILE_DATETIMES: readonly string[] = [
  '2026-11-27T09:30:00',
  '2026-11-27T25:00:00Z',
  '2026-02-30T00:00:00Z',
  '2026-11-27T09:60:00Z',
  '2026-11-27T09:30:00+25:00',
  '2026-11-27T09:30:00.1234567891Z',
  '+275760-09-13T00:00:00.000Z',
  '2026-11-27',
  '2026-11-27 09:30:00Z',
  '1e20',
  'now',
  // Past what Neo4j takes though Date.parse takes them (hour 24, offsets past ±18:00), a
  // leap second, Feb 29 of a common year, years 0 and 10000; and the edges it does take.
  '2026-01-01T24:00:00Z',
  '2026-01-01T24:00Z',
  '2026-12-31T23:59:60Z',
  '2026-01-01T00:00:00+18:00',
  '2026-01-01T00:00:00-18:00',
  '2026-01-01T00:00:00+18:01',
  '2026-01-01T00:00:00-18:01',
  '2026-01-01T00:00:00-23:59',
  '2026-01-01T00:00:00+05:60',
  '2023-02-29T00:00:00Z',
  '2024-02-29T23:59:59.999999999+18:00',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59-18:00',
  '10000-01-01T00:00:00Z',
];

const WORDS = [
  'Credit scoring',
  'CV screening',
  'fuzz',
  'Résumé',
  'Kredit',
  '審査',
  'control',
  'model v2',
  "o'hara",
  'data "set"',
];

/** A value the fuzzer resolves just before sending: the current version of the record the `id` argument names. */
export class CurrentVersion {
  readonly placeholder = 'current version of the record named by id';
}

/* ------------------------------------------------------------------ pools */

/** Real records and documents, read from the graph before each field is fuzzed. */
export interface Pools {
  readonly entities: Readonly<Record<EntityType, readonly string[]>>;
  readonly requirements: readonly string[];
  readonly frameworks: readonly string[];
  readonly crosswalkSets: readonly string[];
  readonly externalRefs: readonly { system: string; id: string }[];
  readonly versions: readonly string[];
  readonly cursors: readonly string[];
  /** Valid documents by the name of what they are: CSV, OSCAL_JSON, OSCAL_COMPONENT, CONTROLS, EVIDENCE. */
  readonly documents: Readonly<Record<string, string>>;
}

export async function readPools(
  graph: GraphExecutor,
  documents: Record<string, string>,
  cursors: readonly string[],
): Promise<Pools> {
  const entities = await graph.read<{ id: string; type: string }>({
    name: 'fuzzEntityIds',
    // In order of creation (the demo's records, created at once, by their fixed ids): a seed replays the same picks.
    cypher: `MATCH (n:Entity) RETURN n.id AS id, [l IN labels(n) WHERE l <> 'Entity'][0] AS type ORDER BY n.createdAt, id`,
    params: {},
  });
  const [catalogue] = await graph.read<{
    requirements: string[];
    frameworks: string[];
    sets: string[];
    versions: string[];
  }>({
    name: 'fuzzCatalogueIds',
    cypher: `CALL { MATCH (r:Requirement) WITH r ORDER BY r.id RETURN collect(r.id)[0..40] AS requirements }
             CALL { MATCH (f:Framework) WITH f ORDER BY f.id RETURN collect(f.id) AS frameworks }
             CALL { MATCH (s:CrosswalkSet) WITH s ORDER BY s.id RETURN collect(s.id) AS sets }
             CALL { MATCH (v:FrameworkVersion) WITH v ORDER BY v.id RETURN collect(v.version) AS versions }
             RETURN requirements, frameworks, sets, versions`,
    params: {},
  });
  const refs = await graph.read<{ key: string }>({
    name: 'fuzzExternalRefs',
    cypher: 'MATCH (x:ExternalRef) RETURN x.key AS key ORDER BY key LIMIT 40',
    params: {},
  });
  // Requirements of every framework, not only the first few ids in order.
  const spread = await graph.read<{ id: string }>({
    name: 'fuzzRequirementSpread',
    cypher: 'MATCH (r:Requirement) WHERE r.auditable RETURN r.id AS id ORDER BY r.id',
    params: {},
  });
  const byType = Object.fromEntries(
    ENTITY_TYPES.map((t) => [t, entities.filter((e) => e.type === t).map((e) => e.id)]),
  ) as Record<EntityType, string[]>;
  return {
    entities: byType,
    requirements: [...new Set([...catalogue!.requirements, ...spread.filter((_, i) => i % 25 === 0).map((r) => r.id)])],
    frameworks: catalogue!.frameworks,
    crosswalkSets: catalogue!.sets,
    versions: catalogue!.versions,
    externalRefs: refs.map((r) => ({
      system: r.key.slice(0, r.key.indexOf('|')),
      id: r.key.slice(r.key.indexOf('|') + 1),
    })),
    cursors,
    documents,
  };
}

/** The smallest valid input for creating a record of `type`, from its description; named so it can be found. */
export function fixtureInput(type: EntityType, name: string, requirement: string): Record<string, unknown> {
  const input: Record<string, unknown> = type === 'Applicability' ? { requirement } : {};
  for (const f of ENTITIES[type].fields.filter((field) => field.required)) {
    const spec = f.spec;
    if (spec.kind === 'string' || spec.kind === 'text') input[f.name] = name;
    else if (spec.kind === 'enum') input[f.name] = spec.values[0];
    else if (spec.kind === 'enumList') input[f.name] = [];
    else if (spec.kind === 'int') input[f.name] = spec.min;
    else if (spec.kind === 'boolean') input[f.name] = true;
    else if (spec.kind === 'date') input[f.name] = '2026-01-01';
    else input[f.name] = '2026-01-01T00:00:00Z';
  }
  return input;
}

/* ------------------------------------------------------------------ arbitraries */

const OMIT = Symbol('omit');
type Slot = unknown;

/**
 * How hard to push: the weight of a valid choice against each hostile one. Calm inputs
 * are mostly valid, with the odd hostile value, so they get past the first check and
 * reach the writes; hostile inputs are mostly wrong.
 */
type Mode = number;
const CALM: Mode = 16;
const HOSTILE: Mode = 1;

const pick = <T>(values: readonly T[], fallback: T): fc.Arbitrary<T> =>
  values.length > 0 ? fc.constantFrom(...values) : fc.constant(fallback);

function hostileString(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...ADVERSARIAL_TEXT) },
    { weight: 4, arbitrary: fc.constantFrom(...ILLEGAL_TEXT) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }) },
    {
      weight: 1,
      arbitrary: fc.string({
        unit: fc.constantFrom('\u0000', '\u001f', '\u007f', '\uD800', '\uDC00', '`', '"', "'", '\\', '$', '{', 'a'),
        maxLength: 8,
      }),
    },
  );
}

/** Storable text, most of it with something adversarial in it, and sometimes text no field takes. */
function text(m: Mode): fc.Arbitrary<string> {
  const legal = fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...ADVERSARIAL_TEXT)).map(([w, a]) => `${w} ${a}`);
  return fc.oneof(
    { weight: 3 * m, arbitrary: legal },
    { weight: 1 * m, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 1 * m, arbitrary: fc.constantFrom(...ADVERSARIAL_TEXT) },
    { weight: 1, arbitrary: hostileString() },
  );
}

function isoDate(): fc.Arbitrary<string> {
  return fc
    .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
}

function isoDateTime(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true }),
      fc.constantFrom('Z', '+02:00', '-05:30', '.123Z', '.123456789+01:00'),
    )
    .map(([d, zone]) => `${d.toISOString().slice(0, 19)}${zone}`);
}

/** What the arbitraries know of where a value goes. */
export interface Where {
  /** The field being fuzzed, e.g. `updateModel`. */
  readonly field: string;
  /** The argument or input field name, e.g. `expectedVersion`. */
  readonly name: string;
  /** The input object it sits in, if any. */
  readonly parent?: string;
}

/** The entity type a field is about, from its name (`updateModel` → Model, `link` → none). */
export function entityTypeOf(field: string): EntityType | undefined {
  return [...ENTITY_TYPES]
    .sort((a, b) => b.length - a.length)
    .find((t) => field.toLowerCase().endsWith(t.toLowerCase()));
}

function anyId(pools: Pools): fc.Arbitrary<string> {
  const groups = [
    ...ENTITY_TYPES.map((t) => pools.entities[t]),
    pools.requirements,
    pools.frameworks,
    pools.crosswalkSets,
  ].filter((g) => g.length > 0);
  return fc.constantFrom(...groups).chain((g) => fc.constantFrom(...g));
}

function idFor(where: Where, pools: Pools, m: Mode): fc.Arbitrary<string> {
  const n = where.name;
  const ofType = (t: EntityType): fc.Arbitrary<string> =>
    pick(pools.entities[t], `${ENTITIES[t].prefix}_00000000-0000-4000-8000-000000000000`);
  let likely: fc.Arbitrary<string>;
  if (n === 'requirement') likely = pick(pools.requirements, 'iso42001:A.6.2.4');
  else if (n === 'framework' || n === 'standard' || ((n === 'from' || n === 'to') && where.parent === undefined))
    likely = pick(pools.frameworks, 'iso42001');
  else if (n === 'systems' || n === 'aiSystem' || /system$/i.test(n)) likely = ofType('AISystem');
  else if (n === 'evidence' || n === 'evidenceItem') likely = ofType('Evidence');
  else if (n === 'party') likely = ofType('Party');
  else if (n === 'dataset') likely = ofType('Dataset');
  else if (n === 'id' && where.parent === undefined && entityTypeOf(where.field))
    likely = ofType(entityTypeOf(where.field)!);
  else if (n === 'id' && where.field.toLowerCase().includes('crosswalk'))
    likely = pick(pools.crosswalkSets, 'eu-ai-act-iso42001');
  else likely = anyId(pools);
  return fc.oneof(
    { weight: 4 * m, arbitrary: likely },
    { weight: 1 * m, arbitrary: anyId(pools) },
    { weight: 1, arbitrary: anyId(pools).map((id) => `${id}' OR '1'='1`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        'sys_00000000-0000-4000-8000-000000000000',
        'iso42001:',
        ':',
        'sys_',
        '|',
        'a|b',
        ` ${'x'.repeat(300)}`,
        'iso42001:A.6.2.4\u0000',
      ),
    },
    { weight: 1, arbitrary: hostileString() },
  );
}

function stringFor(where: Where, pools: Pools, m: Mode): fc.Arbitrary<string> {
  const n = where.name;
  if (n === 'content' && Object.keys(pools.documents).length > 0) return document(pools, where.field, m);
  const or = (valid: fc.Arbitrary<string>): fc.Arbitrary<string> =>
    fc.oneof({ weight: 4 * m, arbitrary: valid }, { weight: 2, arbitrary: text(m) });
  if (n === 'email') return or(fc.constantFrom('ana@example.org', 'o\'hara+"})@example.org', 'ünï@例え.jp', 'x@y'));
  if (n === 'sha256') return or(fc.stringMatching(/^[0-9a-f]{64}$/));
  if (n === 'uri') return or(fc.constantFrom(...ADVERSARIAL_TEXT).map((t) => `https://example.org/${t}`));
  if (n === 'after')
    return or(
      fc.oneof(
        pick(pools.cursors, 'x'),
        fc.constantFrom(
          Buffer.from('["a",1]').toString('base64url'),
          Buffer.from('not json').toString('base64url'),
          '!!!',
          'eyJ9',
        ),
      ),
    );
  if (n === 'ref' && where.parent !== 'SyncEntityInput' && where.field !== 'sync')
    return or(fc.constantFrom('A.6.2.4', 'Art. 9', 'MEASURE 2.11', '6.1.2'));
  if (n === 'ref' || n === 'source' || n === 'system' || (where.parent === 'ExternalRefInput' && n === 'id')) {
    const real =
      pools.externalRefs.length > 0
        ? fc.constantFrom(...pools.externalRefs).map((r) => (n === 'source' || n === 'system' ? r.system : r.id))
        : fc.constant('fuzz-1');
    return fc.oneof(
      { weight: 2 * m, arbitrary: real },
      { weight: 2 * m, arbitrary: fc.constantFrom('fuzz-src', 'fuzz-1', 'fuzz-2', 'fuzz-3') },
      { weight: 2, arbitrary: text(m) },
    );
  }
  if ((n === 'from' || n === 'to') && where.parent === 'SyncLinkInput')
    return or(fc.oneof(fc.constantFrom('fuzz-1', 'fuzz-2', 'fuzz-3'), anyId(pools)));
  if (n === 'from' || n === 'to' || /version$/i.test(n)) return or(pick(pools.versions, '2023'));
  if (n === 'subcategory') return or(fc.constantFrom('MEASURE 2.11', 'GOVERN 1.1'));
  return text(m);
}

function scalar(name: string, where: Where, pools: Pools, m: Mode): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return idFor(where, pools, m);
    case 'String':
      return stringFor(where, pools, m);
    case 'Int': {
      if (where.name === 'expectedVersion')
        return fc.oneof(
          { weight: 4 * m, arbitrary: fc.constant(new CurrentVersion()) },
          { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_INTS) },
        );
      const sensible =
        where.name === 'maxHops'
          ? fc.integer({ min: 1, max: 3 })
          : where.name === 'first'
            ? fc.integer({ min: 1, max: 20 })
            : fc.integer({ min: 1, max: 5 });
      return fc.oneof(
        { weight: 4 * m, arbitrary: sensible },
        { weight: 1, arbitrary: fc.integer({ min: -10, max: 2000 }) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_INTS) },
      );
    }
    case 'Float':
      return fc.oneof(
        { weight: m, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
        { weight: 1, arbitrary: fc.constantFrom(...HOSTILE_INTS) },
      );
    case 'Boolean':
      return fc.oneof(
        { weight: 6 * m, arbitrary: fc.boolean() },
        { weight: 1, arbitrary: fc.constantFrom('true', 1, 0, 'false') },
      );
    case 'Date':
      return fc.oneof(
        { weight: 4 * m, arbitrary: isoDate() },
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_DATES) },
        { weight: 1, arbitrary: hostileString() },
      );
    case 'DateTime':
      return fc.oneof(
        { weight: 4 * m, arbitrary: isoDateTime() },
        { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_DATETIMES) },
        { weight: 1, arbitrary: hostileString() },
      );
    default:
      // A custom scalar this file does not know yet: storable text and hostile text.
      return text(m);
  }
}

/**
 * A valid document, mostly one that `field` reads (documents are named `<field>:<kind>`),
 * or one with hostile text written into it, or cut short.
 */
function document(pools: Pools, prefix: string, m: Mode): fc.Arbitrary<string> {
  const docs = Object.values(pools.documents);
  const own = Object.entries(pools.documents)
    .filter(([name]) => name === prefix || name.startsWith(`${prefix}:`))
    .map(([, doc]) => doc);
  const valid =
    own.length > 0
      ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...own) }, { weight: 1, arbitrary: fc.constantFrom(...docs) })
      : fc.constantFrom(...docs);
  const inserted = fc.tuple(valid, fc.nat(), text(m)).map(([doc, at, t]) => {
    const i = at % Math.max(1, doc.length);
    return `${doc.slice(0, i)}${t}${doc.slice(i)}`;
  });
  const cut = fc.tuple(valid, fc.nat()).map(([doc, at]) => doc.slice(0, at % Math.max(1, doc.length)));
  // One string of a JSON document (or one CSV cell) replaced with hostile text.
  const edited = fc.tuple(valid, fc.nat(), text(m)).map(([doc, at, t]) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(doc);
    } catch {
      const lines = doc.split('\n');
      const row = 1 + (at % Math.max(1, lines.length - 1));
      lines[row] = (lines[row] ?? '').replace(/^[^,]*/, `"${t.replaceAll('"', '""')}"`);
      return lines.join('\n');
    }
    const leaves: [Record<string, unknown>, string][] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (typeof x === 'string') leaves.push([v as Record<string, unknown>, k]);
          else walk(x);
        }
      }
    };
    walk(parsed);
    const leaf = leaves[at % Math.max(1, leaves.length)];
    if (leaf) leaf[0][leaf[1]] = t;
    return JSON.stringify(parsed);
  });
  return fc.oneof(
    { weight: 2 * m, arbitrary: valid },
    { weight: 3 * m, arbitrary: edited },
    { weight: 2, arbitrary: inserted },
    { weight: 1, arbitrary: cut },
    { weight: 1, arbitrary: text(m) },
  );
}

type WalkNamed = (name: string, where: Where, depth: number) => fc.Arbitrary<Slot>;

/** Coherent values for input objects whose fields only make sense together. */
function coherent(
  typeName: string,
  where: Where,
  pools: Pools,
  m: Mode,
  walkNamed: WalkNamed,
): fc.Arbitrary<Record<string, unknown>> | undefined {
  if (typeName === 'LinkInput' || typeName === 'UnlinkInput') {
    const ids = (kinds: readonly string[]) =>
      kinds.flatMap((k) => (k === 'Requirement' ? pools.requirements : pools.entities[k as EntityType]));
    const kinds = LINKS.map((def) => ({ def, from: ids(def.from), to: ids(def.to) })).filter(
      (k) => k.from.length > 0 && k.to.length > 0,
    );
    if (kinds.length === 0) return undefined;
    return fc
      .constantFrom(...kinds)
      .chain(({ def, from, to }) =>
        fc
          .record({ kind: fc.constant(def.kind), from: fc.constantFrom(...from), to: fc.constantFrom(...to) })
          .chain((link) =>
            typeName === 'LinkInput' && def.property
              ? fc.constantFrom(...def.property.values).map((v) => ({ ...link, [def.property!.name]: v }))
              : fc.constant(link),
          ),
      );
  }
  if (typeName === 'ImportCrosswalkSetInput') {
    const formats = [
      ...new Set(
        Object.keys(pools.documents)
          .filter((name) => name.startsWith(`${where.field}:`))
          .map((name) => name.split(':')[1]!),
      ),
    ];
    if (formats.length === 0) return undefined;
    return fc.constantFrom(...formats).chain((format) =>
      fc.record({
        format: fc.constant(format),
        content: document(pools, `${where.field}:${format}`, m),
        replace: fc.boolean(),
      }),
    );
  }
  if (typeName === 'SyncEntityInput') {
    const typed = ['aiSystem', 'model', 'dataset', 'risk', 'control', 'obligation', 'evidence', 'party'];
    return fc.constantFrom(...typed).chain((field) => {
      const input = `Create${field === 'aiSystem' ? 'AISystem' : field[0]!.toUpperCase() + field.slice(1)}Input`;
      return fc
        .record({
          ref: fc.oneof(
            { weight: 3 * m, arbitrary: fc.constantFrom('fuzz-1', 'fuzz-2', 'fuzz-3') },
            { weight: 1, arbitrary: text(m) },
          ),
          [field]: walkNamed(input, { ...where, name: field, parent: typeName }, 1),
        })
        .map((r) => {
          // A batch's entities carry no external references of their own: the ref is the reference.
          const value = r[field];
          if (value !== null && typeof value === 'object' && !Array.isArray(value))
            delete (value as Record<string, unknown>).externalRefs;
          return r;
        });
    });
  }
  return undefined;
}

function walker(pools: Pools, schemaTypes: (name: string) => GraphQLInputType | undefined, m: Mode) {
  const wrong = fc.constantFrom(...WRONG_TYPES);
  const walkNamed: WalkNamed = (name, where, depth) => {
    const type = schemaTypes(name);
    return type === undefined ? fc.constant(null) : walk(type, where, depth);
  };
  const walk = (type: GraphQLInputType, where: Where, depth: number): fc.Arbitrary<Slot> => {
    if (isNonNullType(type)) {
      return fc.oneof(
        { weight: 6 * m, arbitrary: walk(type.ofType, where, depth) },
        { weight: 1, arbitrary: fc.constantFrom(OMIT, null) },
      );
    }
    if (isListType(type)) {
      const item = walk(type.ofType as GraphQLInputType, where, depth + 1);
      // Thousands of items, up to about 2 MB of JSON (past the request limit, which must answer 413, not 5xx).
      const huge = item.map((v) =>
        Array.from(
          { length: Math.max(2, Math.min(5000, Math.floor(2_000_000 / (JSON.stringify(v)?.length ?? 4)))) },
          () => v,
        ),
      );
      return fc.oneof(
        { weight: 3 * m, arbitrary: fc.array(item, { maxLength: 3 }) },
        { weight: 1, arbitrary: huge },
        { weight: 1, arbitrary: item },
        { weight: 1, arbitrary: fc.array(fc.oneof(item, wrong), { minLength: 1, maxLength: 3 }) },
      );
    }
    if (isEnumType(type)) {
      const values = type.getValues().map((v) => v.name);
      return fc.oneof(
        { weight: 4 * m, arbitrary: fc.constantFrom(...values) },
        { weight: 1, arbitrary: fc.constantFrom(...values).map((v) => v.toLowerCase()) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('NOT_A_VALUE', '', `${values[0]}' OR 1=1`, `${values[0]}\u0000`, '__proto__'),
        },
        { weight: 1, arbitrary: wrong },
      );
    }
    if (isLeafType(type))
      return fc.oneof(
        { weight: 4 * m, arbitrary: scalar(type.name, where, pools, m) },
        { weight: 1, arbitrary: wrong },
      );
    if (isInputObjectType(type)) {
      if (depth > 4) return fc.constant(null);
      // An upsert takes its reference as `ref`: calm inputs do not give others besides.
      const skip = (name: string) => m === CALM && name === 'externalRefs' && where.field.startsWith('upsert');
      const fields = Object.values(type.getFields())
        .filter((f) => !skip(f.name))
        .map((f) => {
          const value = walk(f.type, { ...where, name: f.name, parent: type.name }, depth + 1);
          const slot = isNonNullType(f.type)
            ? value
            : fc.oneof(
                { weight: 3, arbitrary: fc.constant(OMIT) },
                { weight: 1, arbitrary: fc.constant(null) },
                { weight: 4, arbitrary: value },
              );
          return [f.name, slot] as const;
        });
      const generic = fc
        .record(Object.fromEntries(fields))
        .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== OMIT)));
      const extra = fc
        .tuple(
          generic,
          fc.constantFrom('__proto__', 'constructor', 'id', 'version', 'createdAt', 'name`) DETACH DELETE (n'),
          text(m),
        )
        .map(([r, k, v]) => ({ ...r, [k]: v }));
      const good = coherent(type.name, where, pools, m, walkNamed);
      return fc.oneof(
        { weight: 3 * m, arbitrary: generic },
        ...(good ? [{ weight: 3 * m, arbitrary: good }] : []),
        { weight: 1, arbitrary: extra },
        { weight: 1, arbitrary: wrong },
      );
    }
    return wrong;
  };
  return walk;
}

/**
 * Arguments for `field`: each one walked from its type, valid values mixed with hostile
 * ones at every leaf, and sometimes a whole value of the wrong shape. Two inputs in
 * three are calm (mostly valid), one hostile.
 */
export function argumentsArbitrary(
  field: GraphQLField<unknown, unknown>,
  pools: Pools,
  schemaTypes: (name: string) => GraphQLInputType | undefined,
): fc.Arbitrary<Record<string, unknown>> {
  const inMode = (m: Mode) => {
    const walk = walker(pools, schemaTypes, m);
    const args = field.args.map((a: GraphQLArgument) => {
      const value = walk(a.type, { field: field.name, name: a.name }, 0);
      const slot = isNonNullType(a.type)
        ? value
        : fc.oneof(
            { weight: 2, arbitrary: fc.constant(OMIT) },
            { weight: 1, arbitrary: fc.constant(null) },
            { weight: 3, arbitrary: value },
          );
      return [a.name, slot] as const;
    });
    return fc
      .record(Object.fromEntries(args))
      .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== OMIT)));
  };
  return fc.oneof({ weight: 2, arbitrary: inMode(CALM) }, { weight: 1, arbitrary: inMode(HOSTILE) });
}

/** Values for variable definitions (a saved operation's): each variable walked from its type. */
export function variablesArbitrary(
  name: string,
  variables: readonly { name: string; type: GraphQLInputType }[],
  pools: Pools,
  schemaTypes: (name: string) => GraphQLInputType | undefined,
): fc.Arbitrary<Record<string, unknown>> {
  return argumentsArbitrary(
    { name, args: variables.map((v) => ({ name: v.name, type: v.type })) } as unknown as GraphQLField<unknown, unknown>,
    pools,
    schemaTypes,
  );
}

/* ------------------------------------------------------------------ documents */

/**
 * A selection of `type`'s leaf fields (those without required arguments) down to `depth`
 * levels, so that whatever a mutation returns of what it stored can be compared.
 */
export function selectionOf(type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isUnionType(named)) return '{ __typename }';
  if (!isObjectType(named) && !isInterfaceType(named)) return '';
  const parts = ['__typename'];
  for (const f of Object.values(named.getFields())) {
    if (f.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const inner = getNamedType(f.type);
    if (isLeafType(inner)) parts.push(f.name);
    else if (depth > 0) {
      const sub = selectionOf(f.type, depth - 1);
      if (sub !== '') parts.push(`${f.name} ${sub}`);
    }
  }
  return `{ ${parts.join(' ')} }`;
}

/** An operation calling `field` with every argument as a variable. */
export function operationFor(kind: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, depth: number): string {
  const defs = field.args.map((a) => `$${a.name}: ${a.type.toString()}`);
  const call = field.args.map((a) => `${a.name}: $${a.name}`);
  const selection = selectionOf(field.type, depth);
  return `${kind} Fuzz${defs.length > 0 ? `(${defs.join(', ')})` : ''} { ${field.name}${call.length > 0 ? `(${call.join(', ')})` : ''} ${selection} }`;
}

/* ------------------------------------------------------------------ fingerprint */

/** Labels whose properties change with organisation writes; the catalogue is counted and sized. */
const WRITABLE = ['Entity', 'ExternalRef', 'CrosswalkSet', 'ChangeLog'];
const CATALOGUE_RELS = ['PART_OF', 'IN_FRAMEWORK', 'IN_VERSION', 'VERSION_OF', 'MAPS_TO'];
const SIZE = (v: string) =>
  `reduce(a = 0, k IN keys(${v}) | a + size(k) + CASE WHEN ${v}[k] IS :: LIST<ANY> THEN size(${v}[k]) ELSE size(toString(${v}[k])) END)`;

export interface Fingerprint {
  readonly labels: Record<string, number>;
  readonly types: Record<string, number>;
  readonly maxChangeSeq: number | null;
  readonly changeLog: number | null;
  /** Total size of every property of every node and relationship (catches a rewritten catalogue). */
  readonly sizes: number;
  /** sha256 of the properties of every writable node and organisation link. */
  readonly checksum: string;
}

export async function fingerprint(graph: GraphExecutor): Promise<Fingerprint> {
  const { counts, nodes, rels } = await graph.transaction('READ', 'fuzzFingerprint', async (tx) => {
    const [counts] = await tx.run<{
      labels: [string, number][];
      types: [string, number][];
      maxSeq: number | null;
      log: number | null;
      nodeSize: number;
      relSize: number;
    }>({
      name: 'fuzzFingerprint',
      cypher: `CALL { MATCH (n) UNWIND labels(n) AS l WITH l, count(*) AS c ORDER BY l RETURN collect([l, c]) AS labels }
               CALL { MATCH ()-[r]->() WITH type(r) AS t, count(*) AS c ORDER BY t RETURN collect([t, c]) AS types }
               CALL { MATCH (c:Change) RETURN max(c.seq) AS maxSeq }
               CALL { OPTIONAL MATCH (l:ChangeLog) RETURN max(l.seq) AS log }
               CALL { MATCH (n) RETURN sum(${SIZE('n')}) AS nodeSize }
               CALL { MATCH ()-[r]->() RETURN sum(${SIZE('r')}) AS relSize }
               RETURN labels, types, maxSeq, log, nodeSize, relSize`,
      params: {},
    });
    const nodes = await tx.run<{ labels: string[]; props: Record<string, unknown> }>({
      name: 'fuzzWritableNodes',
      cypher: `MATCH (n) WHERE any(l IN labels(n) WHERE l IN $writable) RETURN labels(n) AS labels, properties(n) AS props ORDER BY coalesce(n.id, n.key)`,
      params: { writable: WRITABLE },
    });
    const rels = await tx.run<{ t: string; a: string; b: string; props: Record<string, unknown> }>({
      name: 'fuzzWritableRelationships',
      cypher: `MATCH (a)-[r]->(b) WHERE NOT type(r) IN $catalogue
               RETURN type(r) AS t, coalesce(a.id, a.key) AS a, coalesce(b.id, b.key) AS b, properties(r) AS props ORDER BY t, a, b`,
      params: { catalogue: CATALOGUE_RELS },
    });
    return { counts, nodes, rels };
  });
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const checksum = createHash('sha256')
    .update(JSON.stringify(canonical({ nodes, rels })))
    .digest('hex');
  return {
    labels: Object.fromEntries(counts!.labels),
    types: Object.fromEntries(counts!.types),
    maxChangeSeq: counts!.maxSeq,
    changeLog: counts!.log,
    sizes: counts!.nodeSize + counts!.relSize,
    checksum,
  };
}

/* ------------------------------------------------------------------ read-back */

/** Fields the service stores trimmed (short `string` fields); everything else is stored as given. */
export const TRIMMED_FIELDS: ReadonlySet<string> = new Set(
  ENTITY_TYPES.flatMap((t) => ENTITIES[t].fields.filter((f) => f.spec.kind === 'string').map((f) => f.name)),
);

const DATETIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;
/** A date-time as its instant in nanoseconds: a DateTime is stored as a temporal value and returned in its own notation. */
function instant(value: string): bigint | undefined {
  const m = DATETIME.exec(value);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}:${m[2] ?? '00'}Z`);
  if (Number.isNaN(ms)) return undefined;
  const offset =
    m[4] === 'Z' ? 0 : (m[4]!.startsWith('-') ? -1 : 1) * (Number(m[4]!.slice(1, 3)) * 60 + Number(m[4]!.slice(4, 6)));
  return (BigInt(ms) - BigInt(offset) * 60_000n) * 1_000_000n + BigInt((m[3] ?? '').padEnd(9, '0'));
}

/** Whether `returned` is what `sent` must read back as: the same text (trimmed where the service trims), or the same instant. */
function readsBackAs(field: string, sent: string, returned: unknown): boolean {
  if (typeof returned !== 'string') return false;
  if (returned === (TRIMMED_FIELDS.has(field) ? sent.trim() : sent)) return true;
  const [a, b] = [instant(sent), instant(returned)];
  return a !== undefined && a === b;
}

/**
 * Every problem with what an accepted mutation returned of the strings it was given: for
 * each input object, the returned objects that have all of its string fields must include
 * one that has them as given (trimmed where the service trims).
 */
export function readBackProblems(variables: unknown, data: unknown): string[] {
  const returned: Record<string, unknown>[] = [];
  const collect = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(collect);
    else if (v !== null && typeof v === 'object') {
      returned.push(v as Record<string, unknown>);
      Object.values(v).forEach(collect);
    }
  };
  collect(data);
  const problems: string[] = [];
  const check = (v: unknown, path: string): void => {
    if (Array.isArray(v)) {
      v.forEach((x, i) => check(x, `${path}[${i}]`));
      return;
    }
    if (v === null || typeof v !== 'object') return;
    const strings = Object.entries(v).filter(([, x]) => typeof x === 'string') as [string, string][];
    const overlap = (r: Record<string, unknown>) => strings.filter(([k]) => typeof r[k] === 'string');
    const most = Math.max(0, ...returned.map((r) => overlap(r).length));
    if (most > 0) {
      const candidates = returned.filter((r) => overlap(r).length === most);
      if (!candidates.some((r) => overlap(r).every(([k, x]) => readsBackAs(k, x, r[k])))) {
        const r = candidates[0]!;
        const [k, x] = overlap(r).find(([k, x]) => !readsBackAs(k, x, r[k]))!;
        problems.push(
          `${path}.${k}: sent ${JSON.stringify(x.slice(0, 80))}, got back ${JSON.stringify(String(r[k]).slice(0, 80))}`,
        );
      }
    }
    for (const [k, x] of Object.entries(v)) check(x, `${path}.${k}`);
  };
  check(variables, '$');
  return problems;
}
