/**
 * The abuse-limit rules and the cost formula (src/limits/), on a tiny schema: two
 * helpers, then one line per case.
 */
import { buildSchema, parse, specifiedRules, validate, type ValidationRule } from 'graphql';
import { describe, expect, it } from 'vitest';
import { QueryTooComplexError } from '../../src/errors.js';
import { ASSUMED_LIST_SIZE, DEFAULT_PAGE_SIZE, operationCost } from '../../src/limits/cost.js';
import { maxAliasesRule, maxDepthRule, maxDirectivesRule, maxIntrospectionRule } from '../../src/limits/rules.js';

const schema = buildSchema(`
  type Query { system(id: ID!): System  systems(first: Int = 50): SystemConnection!  changes(first: Int): [Change!]!  node(id: ID!): Node  tags: [String!]! }
  interface Node { id: ID! }
  type System implements Node { id: ID! name: String! risks: [Risk!]! owner: Party }
  type Risk implements Node { id: ID! title: String! controls: [Control!]! }
  type Control implements Node { id: ID! name: String! }
  type Party implements Node { id: ID! name: String! systems: [System!]! }
  type Change { sequence: Int! }
  type SystemConnection { totalCount: Int! edges: [SystemEdge!]! }
  type SystemEdge { cursor: String! node: System! }
`);

/** The limit errors a rule reports for a query, as [limit, actual]. */
function refusals(rule: ValidationRule, query: string): [unknown, unknown][] {
  return validate(schema, parse(query), [rule])
    .filter((e) => e.extensions.code === 'QUERY_TOO_COMPLEX')
    .map((e) => [e.extensions.limit, e.extensions.actual]);
}

const cost = (query: string, variables: Record<string, unknown> = {}): number =>
  operationCost(schema, parse(query), variables, undefined, 1e9);

describe('maxDepthRule', () => {
  const cases: [string, number, string, [unknown, unknown][]][] = [
    ['one level', 1, '{ tags }', []],
    ['two levels over one', 1, '{ system(id: "s") { name } }', [['depth', 2]]],
    ['at the limit', 3, '{ system(id: "s") { risks { title } } }', []],
    ['one over', 3, '{ system(id: "s") { risks { controls { name } } } }', [['depth', 4]]],
    ['through an inline fragment', 2, '{ node(id: "s") { ... on System { owner { name } } } }', [['depth', 3]]],
    [
      'through a fragment',
      2,
      '{ system(id: "s") { ...Owner } } fragment Owner on System { owner { name } }',
      [['depth', 3]],
    ],
    [
      'through nested fragments',
      3,
      '{ system(id: "s") { ...A } } fragment A on System { owner { ...B } } fragment B on Party { systems { name } }',
      [['depth', 4]],
    ],
    ['introspection is not counted', 1, '{ __schema { types { fields { type { ofType { name } } } } } }', []],
    ['each operation on its own', 2, 'query A { tags } query B { system(id: "s") { owner { name } } }', [['depth', 3]]],
  ];
  it.each(cases)('%s', (_label, max, query, expected) => expect(refusals(maxDepthRule(max), query)).toEqual(expected));

  it('survives fragment cycles (which NoFragmentCycles reports)', () => {
    const query =
      '{ system(id: "s") { ...A } } fragment A on System { owner { ...B } } fragment B on Party { systems { ...A } }';
    expect(refusals(maxDepthRule(10), query)).toEqual([]);
    expect(refusals(maxDepthRule(2), query)).toEqual([['depth', 3]]);
  });

  it('works out a fragment spread many times once', () => {
    // 30 levels of fragments, each spreading the next twice: 2^30 paths if walked naively.
    const fragments = Array.from(
      { length: 30 },
      (_, i) => `fragment F${i} on System { owner { systems { ...F${i + 1} ...F${i + 1} } } }`,
    ).join(' ');
    const query = `{ system(id: "s") { ...F0 } } ${fragments} fragment F30 on System { name }`;
    expect(refusals(maxDepthRule(12), query)).toEqual([['depth', 62]]);
  });
});

describe('maxAliasesRule', () => {
  const cases: [string, number, string, [unknown, unknown][]][] = [
    ['none', 0, '{ tags }', []],
    ['at the limit', 2, '{ a: tags b: tags }', []],
    ['one over', 2, '{ a: tags b: tags c: tags }', [['aliases', 3]]],
    ['in fragments too', 1, '{ a: tags ...F } fragment F on Query { b: tags }', [['aliases', 2]]],
  ];
  it.each(cases)('%s', (_label, max, query, expected) =>
    expect(refusals(maxAliasesRule(max), query)).toEqual(expected),
  );
});

describe('maxDirectivesRule', () => {
  const cases: [string, number, string, [unknown, unknown][]][] = [
    ['none', 0, '{ tags }', []],
    ['at the limit', 2, '{ tags @skip(if: false) @include(if: true) }', []],
    ['one over', 2, '{ tags @skip(if: false) @skip(if: false) @skip(if: false) }', [['directives', 3]]],
    [
      'on fragments too',
      1,
      '{ ...F @include(if: true) } fragment F on Query { tags @skip(if: false) }',
      [['directives', 2]],
    ],
  ];
  it.each(cases)('%s', (_label, max, query, expected) =>
    expect(refusals(maxDirectivesRule(max), query)).toEqual(expected),
  );
});

describe('maxIntrospectionRule', () => {
  const cases: [string, number, string, [unknown, unknown][]][] = [
    ['a client introspecting once', 1, '{ __schema { queryType { name } } }', []],
    ['__typename is not introspection', 0, '{ __typename tags }', []],
    ['aliased copies', 1, '{ a: __schema { types { name } } b: __schema { types { name } } }', [['introspection', 2]]],
    [
      '__type counts, fragments too',
      2,
      '{ __type(name: "System") { name } ...F } fragment F on Query { a: __type(name: "Risk") { name } b: __schema { queryType { name } } }',
      [['introspection', 3]],
    ],
  ];
  it.each(cases)('%s', (_label, max, query, expected) =>
    expect(refusals(maxIntrospectionRule(max), query)).toEqual(expected),
  );
});

describe('the rules beside the standard ones', () => {
  it('leave the document as it is for the rules that run with them', () => {
    const rules = [
      ...specifiedRules,
      maxDepthRule(10),
      maxAliasesRule(5),
      maxDirectivesRule(5),
      maxIntrospectionRule(2),
    ];
    const query =
      'query ($s: Boolean!) { a: tags @skip(if: $s) b: system(id: "1") @include(if: true) { name } __schema { queryType { name } } }';
    expect(validate(schema, parse(query), rules)).toEqual([]);
  });
});

describe('operation cost', () => {
  const L = ASSUMED_LIST_SIZE;
  const cases: [string, string, Record<string, unknown>, number][] = [
    ['a scalar costs 1', '{ tags }', {}, 1 + L * 0],
    ['an object and its fields', '{ system(id: "s") { id name } }', {}, 1 + 2],
    ['a list multiplies its selection', '{ system(id: "s") { risks { title } } }', {}, 1 + (1 + L * 1)],
    ['lists nest', '{ system(id: "s") { risks { controls { name } } } }', {}, 1 + (1 + L * (1 + L * 1))],
    [
      'first multiplies (edges counted once)',
      '{ systems(first: 20) { edges { node { name } } } }',
      {},
      1 + 20 * (1 + (1 + 1)),
    ],
    [
      'first from a variable',
      'query ($n: Int) { systems(first: $n) { edges { node { name } } } }',
      { n: 7 },
      1 + 7 * 3,
    ],
    ['first from the SDL default', '{ systems { edges { node { name } } } }', {}, 1 + 50 * 3],
    ['first with no default', '{ changes { sequence } }', {}, 1 + DEFAULT_PAGE_SIZE * 1],
    ['first: 0', '{ systems(first: 0) { totalCount } }', {}, 1],
    [
      'the dearest possible type of an interface',
      '{ node(id: "s") { ... on System { name risks { title } } ... on Control { name } } }',
      {},
      1 + (1 + (1 + L)),
    ],
    ['introspection is free', '{ __schema { types { name fields { name } } } __typename }', {}, 0],
    ['skipped fields are free', '{ tags @skip(if: true) system(id: "s") { id } }', {}, 2],
  ];
  it.each(cases)('%s', (_label, query, variables, expected) => expect(cost(query, variables)).toBe(expected));

  it('refuses a selection too large to walk as too complex', () => {
    const fragments = Array.from(
      { length: 20 },
      (_, i) => `fragment F${i} on System { owner { systems { ...F${i + 1} ...F${i + 1} } } }`,
    ).join(' ');
    const query = `{ system(id: "s") { ...F0 } } ${fragments} fragment F20 on System { name }`;
    expect(() => cost(query)).toThrow(QueryTooComplexError);
  });
});
