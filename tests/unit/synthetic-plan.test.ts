/** The synthetic organisation: deterministic, valid record by record, and shaped as promised. */
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { crossFieldProblems, validateEntityInput } from '../../src/domain/entity-input.js';
import { ENTITIES, ENTITY_TYPES, entityTypeOfId, LINKS, linkDef } from '../../src/domain/entity-spec.js';
import { FRAMEWORK_IDS, type FrameworkId } from '../../src/domain/vocabulary.js';
import { requirementId } from '../../src/domain/ids.js';
import { demoId } from '../../src/services/demo.js';
import { readCatalogues } from '../../src/ingest/seed.js';
import {
  isSyntheticId,
  planSynthetic,
  Prng,
  syntheticCounts,
  syntheticId,
  ZipfSampler,
  type RequirementsByFramework,
  type SyntheticPlan,
} from '../../bench/synthetic/plan.js';
import { parseSyntheticArgs } from '../../bench/synthetic/args.js';

let requirements: RequirementsByFramework;
let plan: SyntheticPlan;
beforeAll(async () => {
  const { catalogues } = await readCatalogues('seed');
  const current = catalogues.filter((c) => c.framework.current);
  requirements = Object.fromEntries(
    FRAMEWORK_IDS.map((f) => [
      f,
      current
        .find((c) => c.framework.id === f)!
        .requirements.filter((r) => r.auditable)
        .map((r) => requirementId(f, r.ref)),
    ]),
  ) as Record<FrameworkId, string[]>;
  plan = planSynthetic({ scale: 1, seed: 8477, requirements });
}, 30_000);

const digest = (p: SyntheticPlan): string => createHash('sha256').update(JSON.stringify(p)).digest('hex');

describe('the generator', () => {
  it('gives the same sequence for the same seed, numbers in [0, 1), and another for another seed', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Prng(8).next()).not.toBe(xs[0]);
    // Roughly uniform: each tenth holds about a tenth.
    const tenths = Array.from({ length: 10 }, (_, k) => xs.filter((x) => Math.floor(x * 10) === k).length);
    expect(Math.min(...tenths)).toBeGreaterThan(60);
  });

  it('draws Zipf-like: the most popular item far above the median', () => {
    const rng = new Prng(1);
    const zipf = new ZipfSampler(rng, 1000, 0.9);
    const hits = new Array<number>(1000).fill(0);
    for (let i = 0; i < 10_000; i += 1) hits[zipf.sample(rng)]! += 1;
    const sorted = [...hits].sort((x, y) => y - x);
    expect(sorted[0]!).toBeGreaterThan(20 * sorted[500]!);
    expect(zipf.distinct(rng, 5)).toHaveLength(5);
    expect(new Set(zipf.distinct(rng, 5)).size).toBe(5);
  });
});

describe('synthetic ids', () => {
  it('have the service form, a recognisable mark, and never match the ids the service makes', () => {
    const id = syntheticId('AISystem', 8477, 42);
    expect(id).toBe('sys_5717e71c-0002-811d-8000-00000000002a');
    expect(id).toMatch(/^sys_[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(entityTypeOfId(id)).toBe('AISystem');
    expect(isSyntheticId(id)).toBe(true);
    expect(isSyntheticId(demoId('AISystem', 's-cv'))).toBe(false);
    expect(isSyntheticId('sys_5717e71c-0000-4000-8000-000000000001')).toBe(false);
    expect(isSyntheticId('iso42001:A.6.2.4')).toBe(false);
  });
});

describe('planSynthetic', () => {
  it('is deterministic: the same scale and seed give the same plan, another seed another', () => {
    const first = planSynthetic({ scale: 0.3, seed: 8477, requirements });
    const again = planSynthetic({ scale: 0.3, seed: 8477, requirements });
    expect(digest(again)).toBe(digest(first));
    const other = planSynthetic({ scale: 0.3, seed: 8478, requirements });
    expect(digest(other)).not.toBe(digest(first));
    expect(other.records.AISystem[0]!.id).not.toBe(first.records.AISystem[0]!.id);
  }, 30_000);

  it('promises about 100 systems, 1,000 risks, 1,000 controls and 10,000 evidence items at scale 1; controls grow sub-linearly', () => {
    expect(syntheticCounts(1)).toMatchObject({ AISystem: 100, Risk: 1000, Control: 1000, Evidence: 10_000 });
    expect(syntheticCounts(10)).toMatchObject({ AISystem: 1000, Risk: 10_000, Control: 5000, Evidence: 100_000 });
    const small = syntheticCounts(0.05);
    expect(small).toMatchObject({ AISystem: 5, Risk: 50, Evidence: 500 });
    expect(Object.values(syntheticCounts(0.0001)).every((n) => n >= 1)).toBe(true);
  });

  it('plans the promised numbers of records', () => {
    const counts = syntheticCounts(1);
    for (const type of ENTITY_TYPES) {
      if (type === 'Applicability') expect(plan.records[type].length).toBeGreaterThan(counts[type] * 0.9);
      else expect(plan.records[type]).toHaveLength(counts[type]);
    }
  });

  it('makes only records the service accepts, with unique synthetic ids of their own type', () => {
    const ids = new Set<string>();
    const problems: string[] = [];
    for (const type of ENTITY_TYPES) {
      const fields = ENTITIES[type].fields
        .map((f) => f.name)
        .sort()
        .join();
      for (const record of plan.records[type]) {
        if (!isSyntheticId(record.id) || entityTypeOfId(record.id) !== type) problems.push(`${record.id}: id`);
        ids.add(record.id);
        const input = Object.fromEntries(Object.entries(record.values).filter(([, v]) => v !== null));
        const result = validateEntityInput(ENTITIES[type], input, 'create');
        if (!result.ok) problems.push(`${record.id}: ${JSON.stringify(result.problems)}`);
        else if (crossFieldProblems(type, result.values).length > 0) problems.push(`${record.id}: cross-field`);
        if (Object.keys(record.values).sort().join() !== fields) problems.push(`${record.id}: fields`);
      }
    }
    expect(problems).toEqual([]);
    expect(ids.size).toBe(ENTITY_TYPES.reduce((n, t) => n + plan.records[t].length, 0));
  });

  it('makes links of every kind, between the right types, with valid properties, each once, to records that exist', () => {
    const types = new Map(ENTITY_TYPES.flatMap((t) => plan.records[t].map((r) => [r.id, t] as const)));
    const known = new Set(FRAMEWORK_IDS.flatMap((f) => requirements[f]));
    const seen = new Set<string>();
    const problems: string[] = [];
    for (const link of plan.links) {
      const def = linkDef(link.kind)!;
      const where = `${link.kind} ${link.from} -> ${link.to}`;
      if (types.get(link.from) !== link.fromType || !def.from.includes(link.fromType)) problems.push(`${where}: from`);
      if (!def.to.includes(link.toKind)) problems.push(`${where}: to kind`);
      if (link.toKind === 'Requirement' ? !known.has(link.to) : types.get(link.to) !== link.toKind)
        problems.push(`${where}: unknown end`);
      if (def.property ? !def.property.values.includes(link.property ?? '') : link.property !== null)
        problems.push(`${where}: property`);
      const key = `${link.kind}|${link.from}|${link.to}`;
      if (seen.has(key)) problems.push(`${where}: repeated`);
      seen.add(key);
    }
    expect(problems).toEqual([]);
    expect(new Set(plan.links.map((l) => l.kind))).toEqual(new Set(LINKS.map((l) => l.kind)));
    // Links to both ends where a kind allows two.
    expect(new Set(plan.links.filter((l) => l.kind === 'SUPPORTS').map((l) => l.toKind))).toEqual(
      new Set(['Control', 'Requirement']),
    );
    expect(new Set(plan.links.filter((l) => l.kind === 'RAISED_ON').map((l) => l.toKind))).toEqual(
      new Set(['AISystem', 'Dataset']),
    );
    expect(new Set(plan.links.filter((l) => l.kind === 'SCOPED_TO').map((l) => l.toKind))).toEqual(
      new Set(['AISystem', 'Dataset']),
    );
    expect(new Set(plan.links.filter((l) => l.kind === 'ACCOUNTABLE_FOR').map((l) => l.toKind))).toEqual(
      new Set(['AISystem', 'Control', 'Risk', 'Obligation']),
    );
    // Controls implement requirements of all five frameworks, fully and partly.
    const implemented = plan.links.filter((l) => l.kind === 'IMPLEMENTS');
    expect(new Set(implemented.map((l) => l.to.slice(0, l.to.indexOf(':'))))).toEqual(new Set(FRAMEWORK_IDS));
    expect(new Set(implemented.map((l) => l.property))).toEqual(new Set(['FULL', 'PARTIAL']));
  });

  it('works on part of each framework only, some of it only partly, so coverage keeps gaps at any scale', () => {
    const large = planSynthetic({ scale: 3, seed: 1, requirements });
    for (const framework of FRAMEWORK_IDS) {
      const links = large.links.filter((l) => l.kind === 'IMPLEMENTS' && l.to.startsWith(`${framework}:`));
      const touched = new Set(links.map((l) => l.to));
      const full = new Set(links.filter((l) => l.property === 'FULL').map((l) => l.to));
      expect(touched.size).toBeLessThanOrEqual(Math.round(requirements[framework].length * 0.75));
      expect(full.size).toBeLessThanOrEqual(Math.round(requirements[framework].length * 0.6));
      expect(touched.size - full.size).toBeGreaterThan(0);
    }
  }, 30_000);

  it('skews degrees: a few controls carry many evidence items, some none', () => {
    const perControl = new Map(plan.records.Control.map((c) => [c.id, 0]));
    for (const l of plan.links)
      if (l.kind === 'SUPPORTS' && l.toKind === 'Control') perControl.set(l.to, perControl.get(l.to)! + 1);
    const degrees = [...perControl.values()].sort((a, b) => b - a);
    expect(degrees[0]!).toBeGreaterThan(200);
    expect(degrees[Math.floor(degrees.length / 2)]!).toBeLessThan(10);
    expect(degrees.filter((d) => d === 0).length).toBeGreaterThan(0);
    // Every record has an accountable party.
    const owned = new Set(plan.links.filter((l) => l.kind === 'ACCOUNTABLE_FOR').map((l) => l.to));
    for (const type of ['AISystem', 'Control', 'Risk', 'Obligation'] as const)
      expect(plan.records[type].every((r) => owned.has(r.id))).toBe(true);
  });

  it('gives evidence periods of which some have ended, some run and some are open-ended, on any date in 2026', () => {
    const evidence = plan.records.Evidence.map((e) => e.values as { effectiveFrom: string; validUntil: string | null });
    for (const day of ['2026-01-01', '2026-12-31']) {
      const expired = evidence.filter((e) => e.validUntil !== null && e.validUntil < day).length;
      const valid = evidence.filter(
        (e) => e.effectiveFrom <= day && (e.validUntil === null || day <= e.validUntil),
      ).length;
      expect(expired / evidence.length).toBeGreaterThan(0.1);
      expect(valid / evidence.length).toBeGreaterThan(0.2);
    }
    expect(evidence.filter((e) => e.validUntil === null).length / evidence.length).toBeCloseTo(0.1, 1);
  });

  it('has controls of every status, and both organisation-wide and system-specific controls and decisions', () => {
    expect(new Set(plan.records.Control.map((c) => c.values.status))).toEqual(
      new Set(['PLANNED', 'IMPLEMENTED', 'OPERATING', 'INEFFECTIVE', 'RETIRED']),
    );
    const scoped = new Set(plan.links.filter((l) => l.kind === 'APPLIES_TO').map((l) => l.from));
    const orgWide = plan.records.Control.filter((c) => !scoped.has(c.id)).length / plan.records.Control.length;
    expect(orgWide).toBeGreaterThan(0.15);
    expect(orgWide).toBeLessThan(0.35);
    const limited = new Set(plan.links.filter((l) => l.kind === 'LIMITED_TO').map((l) => l.from));
    expect(plan.records.Applicability.some((a) => limited.has(a.id))).toBe(true);
    expect(plan.records.Applicability.some((a) => !limited.has(a.id))).toBe(true);
  });

  it('refuses a scale or seed out of range, and a catalogue without a framework', () => {
    expect(() => planSynthetic({ scale: 0, seed: 1, requirements })).toThrow(/scale/);
    expect(() => planSynthetic({ scale: 1, seed: -1, requirements })).toThrow(/seed/);
    expect(() => planSynthetic({ scale: 1, seed: 1.5, requirements })).toThrow(/seed/);
    expect(() => planSynthetic({ scale: 0.1, seed: 1, requirements: { ...requirements, iso9001: [] } })).toThrow(
      /iso9001/,
    );
  });
});

describe('npm run seed:synthetic options', () => {
  it('has defaults, and takes every option', () => {
    expect(parseSyntheticArgs([])).toEqual({
      scale: 1,
      seed: 8477,
      replace: false,
      force: false,
      remove: false,
      batchSize: 2000,
      changeLog: true,
    });
    expect(
      parseSyntheticArgs([
        '--scale',
        '0.1',
        '--seed',
        '3',
        '--replace',
        '--force',
        '--batch-size',
        '5000',
        '--no-change-log',
      ]),
    ).toEqual({
      scale: 0.1,
      seed: 3,
      replace: true,
      force: true,
      remove: false,
      batchSize: 5000,
      changeLog: false,
    });
  });

  it('refuses what it cannot use, with the usage', () => {
    expect(() => parseSyntheticArgs(['--scale', '0'])).toThrow(/--scale must be above 0/);
    expect(() => parseSyntheticArgs(['--scale', 'big'])).toThrow(/must be a number/);
    expect(() => parseSyntheticArgs(['--seed', '1.5'])).toThrow(/--seed must be an integer/);
    expect(() => parseSyntheticArgs(['--sclae', '1'])).toThrow(/usage: npm run seed:synthetic/);
    expect(() => parseSyntheticArgs(['extra'])).toThrow(/usage/);
  });
});
