/**
 * Hostile input against every mutation, every query that takes arguments, the variables
 * of the saved operations in queries/, and raw request bodies, generated from the schema
 * (tests/helpers/fuzz.ts): injection fragments, control characters, unicode, huge strings
 * and lists, wrong enum values, numbers and dates, mixed with real ids so that inputs
 * reach the deeper checks. Whatever comes in: never a 5xx or INTERNAL_SERVER_ERROR, a
 * refused request writes nothing at all, a read writes nothing, and an accepted one
 * returns the strings it stored as given. The graph is backed up first and restored after.
 *
 * Reproduce a failure with the seed it prints: FUZZ_SEED=<seed> (FUZZ_RUNS=<n> runs per
 * field, FUZZ_ONLY=<field> to fuzz one field alone).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { SignJWT } from 'jose';
import {
  buildASTSchema,
  isInputType,
  parse,
  typeFromAST,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  Kind,
  type OperationDefinitionNode,
} from 'graphql';
import { isCalendarDate, isDateTime } from '../../src/domain/date-time.js';
import { ENTITY_TYPES, LINK_KINDS } from '../../src/domain/entity-spec.js';
import { readBackup, restoreBackup } from '../../src/graph/backup.js';
import { readTypeDefs } from '../../src/schema.js';
import { readSavedOperations } from '../../src/playground/saved-operations.js';
import { authHeaders, TEST_JWT } from '../helpers/auth.js';
import {
  ADVERSARIAL_TEXT,
  argumentsArbitrary,
  CurrentVersion,
  fingerprint,
  fixtureInput,
  HOSTILE_DATES,
  HOSTILE_DATETIMES,
  operationFor,
  readBackProblems,
  readPools,
  variablesArbitrary,
  type Fingerprint,
  type Pools,
} from '../helpers/fuzz.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const SEED = Number(process.env.FUZZ_SEED ?? 424242);
const RUNS = Number(process.env.FUZZ_RUNS ?? 8);
const ONLY = process.env.FUZZ_ONLY;
const VERBOSE = process.env.FUZZ_VERBOSE === '1';
const QUERY_RUNS = Math.max(1, Math.ceil(RUNS / 2));
/** A request slower than this is reported (not failed): a cheap way to find inputs that cost the service dearly. */
const SLOW_MS = 5_000;
const FIXTURE = 'fuzz fixture';

const schema: GraphQLSchema = buildASTSchema(readTypeDefs());
const mutationFields = Object.values(schema.getMutationType()!.getFields());
const queryFields = Object.values(schema.getQueryType()!.getFields());
const schemaInput = (name: string): GraphQLInputType | undefined => {
  const type = schema.getType(name);
  return type !== undefined && isInputType(type) ? type : undefined;
};
const selected = (name: string): boolean => ONLY === undefined || ONLY === name;

/** Labels and relationship types the service writes: anything else would be injected. */
const KNOWN_LABELS = new Set<string>([
  'Entity',
  ...ENTITY_TYPES,
  'Requirement',
  'Framework',
  'FrameworkVersion',
  'CrosswalkSet',
  'ExternalRef',
  'Change',
  'ChangeLog',
  'Migration',
  'SeedState',
  'ApiKey',
]);
const KNOWN_TYPES = new Set<string>([
  ...LINK_KINDS,
  'REFERS_TO',
  'PART_OF',
  'MAPS_TO',
  'IN_FRAMEWORK',
  'IN_VERSION',
  'VERSION_OF',
]);

let server: TestServer;
let backup: Awaited<ReturnType<typeof readBackup>>;
let initial: Fingerprint;
let current: Fingerprint;
let restored = false;
let documents: Record<string, string> = {};
let cursors: string[] = [];
/** Ids of the records there before fuzzing and of the fixtures: pools draw only on them, so a seed replays the same inputs. */
let stableIds: Set<string>;
const stats = new Map<string, { runs: number; accepted: number; rejected: number }>();

beforeAll(async () => {
  server = await startTestServer();
  backup = await readBackup(server.graph);
  initial = await fingerprint(server.graph);
  current = initial;
  stableIds = new Set(
    backup.nodes.flatMap((n) => n.props.filter(([k]) => k === 'id' || k === 'key').map(([, , v]) => String(v))),
  );
  // One record of every type without links (the demo has no applicability entries, and its
  // records are all linked), so that updates and deletes without cascade have targets.
  for (const type of ENTITY_TYPES) {
    const { body } = await server.gql(
      `mutation ($input: Create${type}Input!) { create${type}(input: $input) { __typename } }`,
      {
        input: fixtureInput(type, `${FIXTURE} ${type}`, 'iso42001:A.2.2'),
      },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  }
  const fixtures = await server.graph.read<{ id: string }>({
    name: 'fuzzFixtures',
    cypher: `MATCH (n:Entity) WHERE coalesce(n.name, n.title, n.justification) STARTS WITH $prefix RETURN n.id AS id`,
    params: { prefix: FIXTURE },
  });
  for (const { id } of fixtures) stableIds.add(id);
  current = await fingerprint(server.graph);
  const { body } = await server.gql<{
    csv: { content: string };
    oscal: { content: string };
    component: { content: string };
    controls: { content: string };
    evidence: { content: string };
    changes: { pageInfo: { endCursor: string | null } };
    aiSystems: { pageInfo: { endCursor: string | null } };
  }>(
    `query ($set: ID!, $source: String!) {
    csv: exportCrosswalkSet(id: $set, format: CSV) { content }
    oscal: exportCrosswalkSet(id: $set, format: OSCAL_JSON) { content }
    component: exportOscalComponentDefinition(source: $source) { content }
    controls: exportCsv(kind: CONTROLS, source: $source) { content }
    evidence: exportCsv(kind: EVIDENCE, source: $source) { content }
    changes(first: 3) { pageInfo { endCursor } }
    aiSystems(first: 2) { pageInfo { endCursor } }
  }`,
    { set: 'hs-iso42001-iso27001', source: await demoSource() },
  );
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  const d = body.data!;
  // Documents are named by the mutation that reads them, and the kind (format) where it takes several.
  documents = {
    'importCrosswalkSet:CSV': d.csv.content,
    'importCrosswalkSet:OSCAL_JSON': d.oscal.content,
    // The same set under a new id, so that an import can create as well as replace.
    'importCrosswalkSet:CSV:new': d.csv.content.replaceAll('hs-iso42001-iso27001', 'fuzz-set'),
    'importCrosswalkSet:OSCAL_JSON:new': d.oscal.content.replaceAll('hs-iso42001-iso27001', 'fuzz-set'),
    importOscalComponentDefinition: d.component.content,
    'importCsv:CONTROLS': d.controls.content,
    'importCsv:EVIDENCE': d.evidence.content,
  };
  cursors = [d.changes.pageInfo.endCursor, d.aiSystems.pageInfo.endCursor].filter((c): c is string => c !== null);
}, 120_000);

afterAll(async () => {
  if (!restored && backup !== undefined) await restoreBackup(server.graph, backup);
  await server?.close();
}, 120_000);

async function demoSource(): Promise<string> {
  const [row] = await server.graph.read<{ system: string }>({
    name: 'fuzzDemoSource',
    cypher: `MATCH (x:ExternalRef) RETURN split(x.key, '|')[0] AS system, count(*) AS n ORDER BY n DESC, system LIMIT 1`,
    params: {},
  });
  return row?.system ?? 'oscal';
}

async function pools(): Promise<Pools> {
  const live = await readPools(server.graph, documents, cursors);
  const keep = (ids: readonly string[]) => ids.filter((id) => stableIds.has(id));
  return {
    ...live,
    entities: Object.fromEntries(ENTITY_TYPES.map((t) => [t, keep(live.entities[t])])) as unknown as Pools['entities'],
    externalRefs: live.externalRefs.filter((r) => stableIds.has(`${r.system}|${r.id}`)),
  };
}

/** Replaces CurrentVersion placeholders with the version of the record `id` names now. */
async function resolvePlaceholders(variables: Record<string, unknown>): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.entries(variables).map(async ([k, v]) => {
      if (!(v instanceof CurrentVersion)) return [k, v] as const;
      const [row] = await server.graph.read<{ version: number }>({
        name: 'fuzzCurrentVersion',
        cypher: 'MATCH (n:Entity {id: $id}) RETURN n.version AS version',
        params: { id: typeof variables.id === 'string' ? variables.id : '' },
      });
      return [k, row?.version ?? 1] as const;
    }),
  );
  return Object.fromEntries(entries);
}

const wantsDryRun = (variables: unknown): boolean =>
  variables !== null &&
  typeof variables === 'object' &&
  Object.entries(variables).some(([k, v]) => (k === 'dryRun' && v === true) || (k === 'batch' && wantsDryRun(v)));

/** Sends one request and checks everything a request must never do; returns whether it was accepted. */
async function attempt(label: string, query: string, raw: Record<string, unknown>, write: boolean): Promise<boolean> {
  const variables = await resolvePlaceholders(raw);
  const started = Date.now();
  const { status, body } = await server.gql(query, variables);
  if (Date.now() - started > SLOW_MS) console.warn(`${label}: ${Date.now() - started} ms for ${brief(variables)}`);
  const before = current;
  const after = await fingerprint(server.graph);
  current = after;
  const shown = `${label} ${brief(variables)}`;
  expect(status, shown).toBeLessThan(500);
  const codes = (body.errors ?? []).map((e) => e.extensions?.code);
  expect(codes, `${shown}\n${brief(body.errors)}`).not.toContain('INTERNAL_SERVER_ERROR');
  if (status >= 400) expect(body.errors, shown).toBeDefined();
  const accepted = body.errors === undefined;
  if (VERBOSE)
    console.info(
      `${label} ${accepted ? 'accepted' : `refused ${status} ${brief(body.errors?.[0]?.message)}`}: ${brief(variables)}`,
    );
  if (!accepted || !write || wantsDryRun(variables)) {
    expect(
      after,
      `${shown}\nwrote to the graph although ${accepted ? 'a read or dry run' : `refused (${codes.join(', ')})`}`,
    ).toEqual(before);
  } else {
    expect(readBackProblems(variables, body.data).join('\n'), shown).toBe('');
    // The catalogue's structure stays as it was, and nothing unknown appears.
    for (const label of ['Requirement', 'Framework', 'FrameworkVersion', 'Migration'])
      expect(after.labels[label], `${shown}: ${label} nodes`).toBe(initial.labels[label]);
    for (const type of ['PART_OF', 'IN_FRAMEWORK', 'IN_VERSION', 'VERSION_OF'])
      expect(after.types[type], `${shown}: ${type} relationships`).toBe(initial.types[type]);
    expect(
      Object.keys(after.labels).filter((l) => !KNOWN_LABELS.has(l)),
      shown,
    ).toEqual([]);
    expect(
      Object.keys(after.types).filter((t) => !KNOWN_TYPES.has(t)),
      shown,
    ).toEqual([]);
  }
  return accepted;
}

function record(name: string, what: 'runs' | 'accepted' | 'rejected'): void {
  const s = stats.get(name) ?? { runs: 0, accepted: 0, rejected: 0 };
  s[what] += 1;
  stats.set(name, s);
}

/** A seed of its own for each field, derived from the file's seed, so fields do not share draws. */
const seedOf = (name: string): number => [...name].reduce((h, ch) => (Math.imul(h, 31) + ch.charCodeAt(0)) | 0, SEED);

/** JSON with long strings and lists abbreviated, for messages. */
const brief = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) =>
    typeof v === 'string' && v.length > 120
      ? `${v.slice(0, 60)}…(${v.length} chars)`
      : Array.isArray(v) && v.length > 10
        ? [...v.slice(0, 3), `…(${v.length} items)`]
        : v instanceof CurrentVersion
          ? '<current version>'
          : v,
  );

async function fuzz(
  name: string,
  arbitrary: fc.Arbitrary<Record<string, unknown>>,
  send: (variables: Record<string, unknown>) => Promise<boolean>,
  numRuns: number,
): Promise<void> {
  const seed = seedOf(name);
  await fc.assert(
    fc.asyncProperty(arbitrary, async (variables) => {
      record(name, 'runs');
      record(name, (await send(variables)) ? 'accepted' : 'rejected');
    }),
    {
      seed,
      numRuns,
      // Shrinking would replay against a graph that earlier runs have changed: report the first failure as found.
      endOnFailure: true,
      reporter: (details) => {
        if (!details.failed) return;
        const cause =
          details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
        throw new Error(
          `${name}: run ${details.numRuns} of ${numRuns} failed (FUZZ_SEED=${SEED}, seed ${seed}, path ${details.counterexamplePath ?? ''})\ninput: ${brief(details.counterexample?.[0])}\n${cause}`,
        );
      },
    },
  );
}

describe('every mutation, fuzzed', () => {
  for (const field of mutationFields) {
    it.runIf(selected(field.name))(
      field.name,
      async () => {
        const query = operationFor('mutation', field as GraphQLField<unknown, unknown>, 2);
        const arbitrary = argumentsArbitrary(field as GraphQLField<unknown, unknown>, await pools(), schemaInput);
        await fuzz(field.name, arbitrary, (variables) => attempt(field.name, query, variables, true), RUNS);
      },
      120_000,
    );
  }

  it.runIf(ONLY === undefined)('exercised every Mutation field of the schema', () => {
    console.info(
      `fuzz (FUZZ_SEED=${SEED}, ${RUNS} runs each), accepted/runs: ${mutationFields.map((f) => `${f.name} ${stats.get(f.name)?.accepted ?? 0}/${stats.get(f.name)?.runs ?? 0}`).join(', ')}`,
    );
    for (const field of mutationFields) expect(stats.get(field.name)?.runs, field.name).toBeGreaterThan(0);
    // Hostile values must not make every input fail the first check: most fields get some through.
    expect(mutationFields.filter((f) => (stats.get(f.name)?.accepted ?? 0) > 0).length).toBeGreaterThan(
      mutationFields.length * 0.75,
    );
  });
});

describe('query variables, fuzzed', () => {
  for (const field of queryFields.filter((f) => f.args.length > 0)) {
    it.runIf(selected(field.name))(
      field.name,
      async () => {
        const query = operationFor('query', field as GraphQLField<unknown, unknown>, 1);
        const arbitrary = argumentsArbitrary(field as GraphQLField<unknown, unknown>, await pools(), schemaInput);
        await fuzz(
          `Query.${field.name}`,
          arbitrary,
          (variables) => attempt(field.name, query, variables, false),
          QUERY_RUNS,
        );
      },
      120_000,
    );
  }

  for (const operation of readSavedOperations('queries')) {
    const definition = parse(operation.query).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const variables = (definition.variableDefinitions ?? []).map((v) => ({
      name: v.variable.name.value,
      type: typeFromAST(schema, v.type) as GraphQLInputType,
    }));
    if (variables.length === 0) continue;
    it.runIf(selected(operation.name))(
      `saved operation ${operation.name}`,
      async () => {
        const arbitrary = variablesArbitrary(operation.name, variables, await pools(), schemaInput);
        await fuzz(operation.name, arbitrary, (v) => attempt(operation.name, operation.query, v, false), QUERY_RUNS);
      },
      120_000,
    );
  }
});

describe('request bodies, fuzzed', () => {
  it.runIf(ONLY === undefined || ONLY === 'body')(
    'answers any JSON body, however shaped or nested, without a 5xx or a write',
    async () => {
      const mutation = operationFor(
        'mutation',
        schema.getMutationType()!.getFields().createParty as GraphQLField<unknown, unknown>,
        1,
      );
      const deep = (depth: number, open: string, close: string, inner: string) =>
        `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
      // Every one of these is sent; generated bodies follow.
      const fixed = [
        `{"query": ${JSON.stringify(mutation)}, "variables": {"input": ${deep(200_000, '[', ']', '1')}}}`,
        `{"query": ${JSON.stringify(mutation)}, "variables": ${deep(100_000, '{"a":', '}', '1')}}`,
        `{"query": "${deep(50_000, '{', '}', 'x')}"}`,
        `{"query": "{${deep(50_000, 'a{', '}', 'a')}}"}`,
        `{"query": "query ($v: ${deep(50_000, '[', ']', 'String')}) { __typename }"}`,
        `{"query": "{ frameworks { id ${'...F '.repeat(20_000)} } } fragment F on Framework { id }"}`,
        `{"query": ${JSON.stringify(mutation)}, "variables": "{}"}`,
        `{"query": ${JSON.stringify(mutation)}, "variables": {"input": {"name": "x", "kind": "PERSON"}}, "extensions": {"persistedQuery": {"version": 1, "sha256Hash": "\\u0000"}}}`,
        '{"query": "mutation { __typename }", "variables": {"__proto__": {"polluted": true}}}',
        '[{"query": "{ __typename }"}, {"query": "{ __typename }"}]',
        '{"query": "{ __typename }", "variables": {"s": "\\ud800"}}',
        // Selection floods: one field repeated (directly, nested, through fragments) past MAX_QUERY_SELECTIONS.
        JSON.stringify({ query: `{ ${'serviceInfo { version } '.repeat(1990)}}` }),
        JSON.stringify({ query: `{ serviceInfo { ${'version '.repeat(4000)}} }` }),
        JSON.stringify({ query: `{ ${'__typename '.repeat(4000)}}` }),
        JSON.stringify({ query: `{ serviceInfo { ${'...on ServiceInfo { version } '.repeat(1000)}} }` }),
        JSON.stringify({
          query: `{ serviceInfo { ...A } } fragment A on ServiceInfo { ${'...B '.repeat(800)}} fragment B on ServiceInfo { ${'version '.repeat(400)}}`,
        }),
        JSON.stringify({
          query: mutation.replace('{', `{ ${'__typename '.repeat(600)}`),
          variables: { input: { name: 'fuzz flood', kind: 'PERSON' } },
        }),
      ];
      const generated = fc.oneof(
        fc.jsonValue().map((variables) => JSON.stringify({ query: mutation, variables })),
        fc.jsonValue().map((body) => JSON.stringify(body)),
        fc
          .record({
            query: fc.oneof(fc.constant(mutation), fc.constantFrom(...ADVERSARIAL_TEXT)),
            operationName: fc.constantFrom(...ADVERSARIAL_TEXT),
            variables: fc.constant({}),
          })
          .map((b) => JSON.stringify(b)),
      );
      // Bytes that are not UTF-8 inside the strings of a well-formed createParty: a stray
      // 0xFF, an encoded surrogate, an overlong "/", a sequence cut short, a lone continuation byte.
      const [head, tail] = JSON.stringify({
        query: mutation,
        variables: { input: { name: 'fuzz MARK', kind: 'PERSON' } },
      }).split('MARK') as [string, string];
      const notUtf8 = [[0xff], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xe2, 0x82], [0x80], [0xf4, 0x90, 0x80, 0x80]].map(
        (bytes) =>
          new Uint8Array(Buffer.concat([Buffer.from(head, 'utf8'), Buffer.from(bytes), Buffer.from(tail, 'utf8')])),
      );
      const send = async (text: string | Uint8Array<ArrayBuffer>): Promise<boolean> => {
        const response = await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(await authHeaders()) },
          body: text,
        });
        const shown = brief(typeof text === 'string' ? text : Buffer.from(text).toString('latin1'));
        expect(response.status, shown).toBeLessThan(500);
        const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        expect(body.errors?.map((e) => e.extensions?.code) ?? [], `${shown}\n${brief(body.errors)}`).not.toContain(
          'INTERNAL_SERVER_ERROR',
        );
        const after = await fingerprint(server.graph);
        const wrote = JSON.stringify(after) !== JSON.stringify(current);
        current = after;
        // Only a well-formed createParty can write; a refused body must leave the graph alone.
        if (body.errors !== undefined) expect(wrote, shown).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        return body.errors === undefined;
      };
      for (const text of fixed) record('body', (await send(text)) ? 'accepted' : 'rejected');
      for (const bytes of notUtf8) expect(await send(bytes), 'a body that is not UTF-8 was accepted').toBe(false);
      await fuzz(
        'body',
        generated.map((text) => ({ text })),
        ({ text }) => send(text as string),
        RUNS * 3,
      );
    },
    120_000,
  );
});

describe('dates at the edges', () => {
  // Every hostile date and date-time, each in every way a value comes in (a variable, a
  // literal in an input, an argument): accepted exactly when the one date check takes it,
  // and then stored as given; otherwise refused without a write or an internal error.
  const forms = (value: string, kind: 'Date' | 'DateTime'): [string, string, Record<string, unknown>, boolean][] => {
    const field = kind === 'Date' ? 'effectiveFrom' : 'uploadedAt';
    const literal = JSON.stringify(value);
    const forms: [string, string, Record<string, unknown>, boolean][] = [
      [
        `createEvidence ${field} variable`,
        `mutation ($input: CreateEvidenceInput!) { createEvidence(input: $input) { evidence { id title ${field} } } }`,
        { input: { title: 'fuzz dates', evidenceType: 'DOCUMENT', [field]: value } },
        true,
      ],
      [
        `createEvidence ${field} literal`,
        `mutation { createEvidence(input: { title: "fuzz dates", evidenceType: DOCUMENT, ${field}: ${literal} }) { evidence { id title ${field} } } }`,
        {},
        true,
      ],
    ];
    if (kind === 'DateTime') {
      forms.push([
        'coverageChange to, argument',
        `{ coverageChange(framework: "iso42001", from: "2026-01-01T00:00:00Z", to: ${literal}) { to } }`,
        {},
        false,
      ]);
      forms.push([
        'coverage asOf, variable',
        `query ($at: DateTime) { coverage(framework: "iso42001", asOf: $at) { asOf } }`,
        { at: value },
        false,
      ]);
    }
    return forms;
  };
  it.runIf(ONLY === undefined || ONLY === 'dates')(
    'every edge value is accepted exactly when the date check takes it, and never fails inside',
    async () => {
      for (const [values, kind, check] of [
        [HOSTILE_DATES, 'Date', isCalendarDate],
        [HOSTILE_DATETIMES, 'DateTime', isDateTime],
      ] as const) {
        for (const value of values) {
          for (const [label, query, variables, write] of forms(value, kind)) {
            const accepted = await attempt(`${label} ${JSON.stringify(value)}`, query, variables, write);
            // coverageChange also refuses a "to" before its "from": only a refusal of a good value is wrong there.
            if (label.startsWith('coverageChange'))
              expect(accepted && !check(value), `${label} ${JSON.stringify(value)}`).toBe(false);
            else expect(accepted, `${label} ${JSON.stringify(value)}`).toBe(check(value));
          }
        }
      }
    },
    120_000,
  );
});

describe('bearer token claims, fuzzed', () => {
  it.runIf(ONLY === undefined || ONLY === 'claims')(
    'refuses a token whose sub, iss or aud is empty, blank or not a string, and writes nothing',
    async () => {
      const secret = new TextEncoder().encode(TEST_JWT.secret);
      const odd = [undefined, '', ' ', '\t', 0, 42, null, true, [], [''], {}, { sub: 'x' }];
      const claim = (valid: unknown) =>
        fc.oneof({ weight: 3, arbitrary: fc.constant(valid) }, { weight: 2, arbitrary: fc.constantFrom(...odd) });
      const claims = fc.record({
        sub: claim('fuzz-subject'),
        iss: claim(TEST_JWT.issuer),
        aud: fc.oneof(
          claim(TEST_JWT.audience),
          fc.constant([TEST_JWT.audience, '']),
          fc.constant([TEST_JWT.audience, 'other']),
        ),
      });
      const good = (c: Record<string, unknown>): boolean =>
        c.sub === 'fuzz-subject' &&
        c.iss === TEST_JWT.issuer &&
        (c.aud === TEST_JWT.audience ||
          (Array.isArray(c.aud) && c.aud.every((a) => a === TEST_JWT.audience || a === 'other')));
      const query = 'mutation ($input: CreatePartyInput!) { createParty(input: $input) { party { id } } }';
      await fuzz(
        'claims',
        claims,
        async (c) => {
          const payload = Object.fromEntries(
            Object.entries({ roles: ['ADMIN'], ...c }).filter(([, v]) => v !== undefined),
          );
          const token = await new SignJWT(payload)
            .setProtectedHeader({ alg: 'HS256' })
            .setIssuedAt()
            .setExpirationTime('1h')
            .sign(secret);
          const response = await fetch(`${server.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ query, variables: { input: { name: 'fuzz claims', kind: 'PERSON' } } }),
          });
          const after = await fingerprint(server.graph);
          const wrote = JSON.stringify(after) !== JSON.stringify(current);
          current = after;
          expect(response.status, brief(c)).toBe(good(c) ? 200 : 401);
          expect(wrote, brief(c)).toBe(good(c));
          return good(c);
        },
        RUNS * 4,
      );
    },
    120_000,
  );
});

describe('after fuzzing', () => {
  it('restoring the backup gives back the graph as it was', async () => {
    await restoreBackup(server.graph, backup);
    restored = true;
    expect(await fingerprint(server.graph)).toEqual(initial);
    expect(await readBackup(server.graph)).toEqual(backup);
  }, 120_000);
});
