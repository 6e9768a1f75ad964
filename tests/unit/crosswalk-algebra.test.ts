/**
 * The relationship algebra against real sets: every cell of the composition table is
 * checked exhaustively over a small universe and by random property tests, and every
 * "nothing can be inferred" cell is shown to be genuinely undetermined.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, infer, inverse, type SetRelationship, type StoredMapping } from '../../src/crosswalk/algebra.js';
import type { Relationship } from '../../src/domain/vocabulary.js';

type Scope = ReadonlySet<number>;
const FOUR: SetRelationship[] = ['EQUAL', 'SUBSET_OF', 'SUPERSET_OF', 'INTERSECTS_WITH'];

/** The NIST IR 8477 relationship two non-empty scopes actually stand in (null when disjoint). */
function actual(a: Scope, b: Scope): SetRelationship | null {
  const aInB = [...a].every((x) => b.has(x));
  const bInA = [...b].every((x) => a.has(x));
  if (aInB && bInA) return 'EQUAL';
  if (aInB) return 'SUBSET_OF';
  if (bInA) return 'SUPERSET_OF';
  return [...a].some((x) => b.has(x)) ? 'INTERSECTS_WITH' : null;
}

/** Whether scopes satisfy a claim; an inferred INTERSECTS_WITH claims only an overlap. */
function satisfies(a: Scope, c: Scope, claim: SetRelationship): boolean {
  const rel = actual(a, c);
  if (claim === 'INTERSECTS_WITH') return rel !== null;
  return rel === claim;
}

const universe = 4;
const allScopes: Scope[] = [];
for (let mask = 1; mask < 1 << universe; mask++) {
  allScopes.push(new Set([...Array(universe).keys()].filter((i) => mask & (1 << i))));
}

const cases: [Relationship, Relationship, SetRelationship | null][] = [
  ['EQUAL', 'EQUAL', 'EQUAL'],
  ['EQUAL', 'SUBSET_OF', 'SUBSET_OF'],
  ['EQUAL', 'SUPERSET_OF', 'SUPERSET_OF'],
  ['EQUAL', 'INTERSECTS_WITH', 'INTERSECTS_WITH'],
  ['SUBSET_OF', 'EQUAL', 'SUBSET_OF'],
  ['SUBSET_OF', 'SUBSET_OF', 'SUBSET_OF'],
  ['SUBSET_OF', 'SUPERSET_OF', null],
  ['SUBSET_OF', 'INTERSECTS_WITH', null],
  ['SUPERSET_OF', 'EQUAL', 'SUPERSET_OF'],
  ['SUPERSET_OF', 'SUBSET_OF', 'INTERSECTS_WITH'],
  ['SUPERSET_OF', 'SUPERSET_OF', 'SUPERSET_OF'],
  ['SUPERSET_OF', 'INTERSECTS_WITH', 'INTERSECTS_WITH'],
  ['INTERSECTS_WITH', 'EQUAL', 'INTERSECTS_WITH'],
  ['INTERSECTS_WITH', 'SUBSET_OF', 'INTERSECTS_WITH'],
  ['INTERSECTS_WITH', 'SUPERSET_OF', null],
  ['INTERSECTS_WITH', 'INTERSECTS_WITH', null],
  ['NO_RELATIONSHIP', 'EQUAL', null],
  ['EQUAL', 'NO_RELATIONSHIP', null],
  ['NO_RELATIONSHIP', 'NO_RELATIONSHIP', null],
];

describe('inverse', () => {
  it.each([
    ['EQUAL', 'EQUAL'],
    ['SUBSET_OF', 'SUPERSET_OF'],
    ['SUPERSET_OF', 'SUBSET_OF'],
    ['INTERSECTS_WITH', 'INTERSECTS_WITH'],
    ['NO_RELATIONSHIP', 'NO_RELATIONSHIP'],
  ] as const)('%s reads back as %s', (rel, inv) => {
    expect(inverse(rel)).toBe(inv);
    expect(inverse(inverse(rel))).toBe(rel);
  });

  it('agrees with real sets', () => {
    for (const a of allScopes)
      for (const b of allScopes) {
        const rel = actual(a, b);
        if (rel !== null) expect(actual(b, a)).toBe(inverse(rel));
      }
  });
});

describe('compose', () => {
  it.each(cases)('%s then %s gives %s', (ab, bc, ac) => {
    expect(compose(ab, bc)).toBe(ac);
  });

  it('is sound on every triple of scopes over a 4-element universe', () => {
    let checked = 0;
    for (const a of allScopes)
      for (const b of allScopes)
        for (const c of allScopes) {
          const ab = actual(a, b);
          const bc = actual(b, c);
          if (ab === null || bc === null) continue;
          const claim = compose(ab, bc);
          if (claim === null) continue;
          expect(satisfies(a, c, claim), `${ab} then ${bc} claims ${claim}`).toBe(true);
          checked += 1;
        }
    expect(checked).toBeGreaterThan(900);
  });

  it('says nothing only where the scopes really leave rel(A,C) open', () => {
    for (const ab of FOUR)
      for (const bc of FOUR) {
        if (compose(ab, bc) !== null) continue;
        const outcomes = new Set<string>();
        for (const a of allScopes)
          for (const b of allScopes)
            for (const c of allScopes) {
              if (actual(a, b) === ab && actual(b, c) === bc) outcomes.add(String(actual(a, c)));
            }
        // Disjoint is among the possible outcomes, so not even an overlap can be claimed.
        expect(outcomes.has('null'), `${ab} then ${bc}`).toBe(true);
        expect(outcomes.size, `${ab} then ${bc}`).toBeGreaterThan(1);
      }
  });

  it('is sound for random scopes (property)', () => {
    const scope = fc
      .uniqueArray(fc.integer({ min: 0, max: 11 }), { minLength: 1, maxLength: 12 })
      .map((xs) => new Set(xs));
    fc.assert(
      fc.property(scope, scope, scope, (a, b, c) => {
        const ab = actual(a, b);
        const bc = actual(b, c);
        if (ab === null || bc === null) return true;
        const claim = compose(ab, bc);
        return claim === null || satisfies(a, c, claim);
      }),
      { numRuns: 20_000 },
    );
  });
});

describe('infer', () => {
  const m = (id: string, source: string, target: string, relationship: Relationship): StoredMapping => ({
    id,
    source,
    target,
    relationship,
  });

  it('reads a stored mapping in both directions through the inverse', () => {
    const mappings = [m('m1', 'nist:MAP 1.1', 'iso:4.1', 'SUBSET_OF')];
    expect(infer('iso:4.1', mappings, 1)).toEqual([
      {
        target: 'nist:MAP 1.1',
        relationship: 'SUPERSET_OF',
        chain: [{ mappingId: 'm1', from: 'iso:4.1', to: 'nist:MAP 1.1', relationship: 'SUPERSET_OF', inverted: true }],
      },
    ]);
  });

  it('composes along a chain and keeps the chain as proof', () => {
    const mappings = [m('m1', 'a', 'b', 'EQUAL'), m('m2', 'b', 'c', 'SUPERSET_OF')];
    const found = infer('a', mappings, 2);
    expect(found.map((f) => [f.target, f.relationship, f.chain.map((s) => s.mappingId)])).toEqual([
      ['b', 'EQUAL', ['m1']],
      ['c', 'SUPERSET_OF', ['m1', 'm2']],
    ]);
  });

  it('stops where the composition says nothing, and at NO_RELATIONSHIP', () => {
    const mappings = [
      m('m1', 'a', 'b', 'SUBSET_OF'),
      m('m2', 'c', 'b', 'SUBSET_OF'),
      m('m3', 'a', 'd', 'NO_RELATIONSHIP'),
    ];
    // a ⊂ b and b ⊃ c: nothing about a and c; a and d were checked and are unrelated.
    expect(infer('a', mappings, 2).map((f) => f.target)).toEqual(['b']);
  });

  it('is bounded by maxHops and never loops', () => {
    const mappings = [
      m('m1', 'a', 'b', 'EQUAL'),
      m('m2', 'b', 'c', 'EQUAL'),
      m('m3', 'c', 'a', 'EQUAL'),
      m('m4', 'c', 'd', 'EQUAL'),
    ];
    const one = infer('a', mappings, 1);
    expect(one.map((f) => f.target).sort()).toEqual(['b', 'c']);
    const many = infer('a', mappings, 10);
    expect(many.every((f) => f.target !== 'a' && f.chain.length <= 3)).toBe(true);
    // d is reached through c, read backwards along m3 (1 hop to c) then m4, or the long way round.
    expect(many.filter((f) => f.target === 'd').map((f) => f.chain.map((s) => s.mappingId))).toEqual([
      ['m1', 'm2', 'm4'],
      ['m3', 'm4'],
    ]);
  });

  it('infers only what holds on real sets, along random chains (property)', () => {
    const scope = fc
      .uniqueArray(fc.integer({ min: 0, max: 7 }), { minLength: 1, maxLength: 8 })
      .map((xs) => new Set(xs));
    fc.assert(
      fc.property(fc.array(scope, { minLength: 2, maxLength: 5 }), (scopes) => {
        // Map each consecutive pair by the relationship its scopes actually have.
        const mappings: StoredMapping[] = [];
        for (let i = 0; i + 1 < scopes.length; i++) {
          const rel = actual(scopes[i]!, scopes[i + 1]!);
          mappings.push(m(`m${i}`, String(i), String(i + 1), rel ?? 'NO_RELATIONSHIP'));
        }
        for (const found of infer('0', mappings, scopes.length)) {
          if (!satisfies(scopes[0]!, scopes[Number(found.target)]!, found.relationship)) return false;
        }
        return true;
      }),
      { numRuns: 5_000 },
    );
  });

  it('refuses a non-positive hop bound', () => {
    expect(() => infer('a', [], 0)).toThrowError(RangeError);
  });
});
