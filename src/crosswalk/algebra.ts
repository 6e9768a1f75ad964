/**
 * The crosswalk relationship algebra (DOMAIN.md section 1; NIST IR 8477, Set Theory
 * Relationship Mapping). Relationships compare the scopes of two requirements as sets.
 * Pure: no I/O, no driver, no GraphQL.
 */
import type { Relationship } from '../domain/vocabulary.js';

/** The four relationships that carry a set claim (NO_RELATIONSHIP claims nothing). */
export type SetRelationship = Exclude<Relationship, 'NO_RELATIONSHIP'>;

const INVERSE: Readonly<Record<Relationship, Relationship>> = {
  EQUAL: 'EQUAL',
  SUBSET_OF: 'SUPERSET_OF',
  SUPERSET_OF: 'SUBSET_OF',
  INTERSECTS_WITH: 'INTERSECTS_WITH',
  NO_RELATIONSHIP: 'NO_RELATIONSHIP',
};

/** rel(B, A) from rel(A, B). */
export function inverse(relationship: Relationship): Relationship {
  return INVERSE[relationship];
}

const E = 'EQUAL';
const SUB = 'SUBSET_OF';
const SUP = 'SUPERSET_OF';
const X = 'INTERSECTS_WITH';

/**
 * COMPOSITION[rel(A,B)][rel(B,C)] = what holds for rel(A,C) for every possible choice of
 * non-empty scopes, or null where nothing can be inferred. An inferred INTERSECTS_WITH
 * means "they overlap at least" (one may contain the other).
 */
const COMPOSITION: Readonly<Record<SetRelationship, Readonly<Record<SetRelationship, SetRelationship | null>>>> = {
  EQUAL: { EQUAL: E, SUBSET_OF: SUB, SUPERSET_OF: SUP, INTERSECTS_WITH: X },
  SUBSET_OF: { EQUAL: SUB, SUBSET_OF: SUB, SUPERSET_OF: null, INTERSECTS_WITH: null },
  SUPERSET_OF: { EQUAL: SUP, SUBSET_OF: X, SUPERSET_OF: SUP, INTERSECTS_WITH: X },
  INTERSECTS_WITH: { EQUAL: X, SUBSET_OF: X, SUPERSET_OF: null, INTERSECTS_WITH: null },
};

/** rel(A, C) from rel(A, B) and rel(B, C); null when nothing sound can be said. */
export function compose(ab: Relationship, bc: Relationship): SetRelationship | null {
  if (ab === 'NO_RELATIONSHIP' || bc === 'NO_RELATIONSHIP') return null;
  return COMPOSITION[ab][bc];
}

/** A stored mapping between two requirements (by id), as the graph holds it. */
export interface StoredMapping {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly relationship: Relationship;
}

/** One step of a chain: a stored mapping read from `from` to `to`. */
export interface ChainStep {
  readonly mappingId: string;
  readonly from: string;
  readonly to: string;
  /** The relationship read in this direction: the stored one, or its inverse. */
  readonly relationship: Relationship;
  /** True when the mapping is stored in the opposite direction and read through its inverse. */
  readonly inverted: boolean;
}

/** What one chain of mappings proves about rel(start, target). */
export interface InferredRelationship {
  readonly target: string;
  readonly relationship: SetRelationship;
  /** The proof: the steps from the start to the target, in order. */
  readonly chain: readonly ChainStep[];
}

/** Every mapping touching a requirement, read from that requirement's side. */
export function orient(mappings: readonly StoredMapping[]): ReadonlyMap<string, readonly ChainStep[]> {
  const out = new Map<string, ChainStep[]>();
  const add = (step: ChainStep): void => {
    const list = out.get(step.from) ?? [];
    list.push(step);
    out.set(step.from, list);
  };
  for (const m of mappings) {
    add({ mappingId: m.id, from: m.source, to: m.target, relationship: m.relationship, inverted: false });
    if (m.source !== m.target) {
      add({ mappingId: m.id, from: m.target, to: m.source, relationship: inverse(m.relationship), inverted: true });
    }
  }
  return out;
}

/** A chain that was followed and proved nothing: kept to explain why a mapping did not count. */
export interface DeadEnd {
  readonly target: string;
  readonly chain: readonly ChainStep[];
  readonly reason: 'NO_RELATIONSHIP' | 'UNDETERMINED';
}

export interface Exploration {
  /** What each chain proves about rel(start, target); one result per chain. */
  readonly claims: InferredRelationship[];
  /** The chains whose last step proves nothing: a NO_RELATIONSHIP mapping, or a composition the table leaves open. */
  readonly deadEnds: DeadEnd[];
}

/**
 * Walks the chains from `start` of 1 to `maxHops` mappings (`steps` from orient):
 * simple paths only (no requirement visited twice, so no loops), each composed step by
 * step. A chain whose composition says nothing is recorded as a dead end and not
 * followed further.
 */
export function explore(start: string, steps: ReadonlyMap<string, readonly ChainStep[]>, maxHops: number): Exploration {
  if (!Number.isInteger(maxHops) || maxHops < 1) throw new RangeError('maxHops must be a whole number of at least 1');
  const claims: InferredRelationship[] = [];
  const dead: DeadEnd[] = [];
  const walk = (at: string, relationship: SetRelationship, chain: ChainStep[], visited: Set<string>): void => {
    if (chain.length === maxHops) return;
    for (const step of steps.get(at) ?? []) {
      if (visited.has(step.to)) continue;
      const next = chain.length === 0 ? asSet(step.relationship) : compose(relationship, step.relationship);
      const extended = [...chain, step];
      if (next === null) {
        dead.push({
          target: step.to,
          chain: extended,
          reason: step.relationship === 'NO_RELATIONSHIP' ? 'NO_RELATIONSHIP' : 'UNDETERMINED',
        });
        continue;
      }
      claims.push({ target: step.to, relationship: next, chain: extended });
      visited.add(step.to);
      walk(step.to, next, extended, visited);
      visited.delete(step.to);
    }
  };
  walk(start, 'EQUAL', [], new Set([start]));
  return { claims, deadEnds: dead };
}

/** Every relationship provable from `start` along chains of at most `maxHops` mappings (see explore). */
export function infer(start: string, mappings: readonly StoredMapping[], maxHops: number): InferredRelationship[] {
  return explore(start, orient(mappings), maxHops).claims;
}

function asSet(relationship: Relationship): SetRelationship | null {
  return relationship === 'NO_RELATIONSHIP' ? null : relationship;
}
