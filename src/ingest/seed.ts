/**
 * Reads seed/: the catalogues, the crosswalk sets and the EU AI Act applicability rules,
 * every file validated (and checked against the catalogue) before anything is written.
 * Writing them is services/seed.ts's, in one transaction: a failure leaves the previous
 * catalogue untouched, and loading twice changes nothing.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ApplicabilityRules } from '../domain/ai-act-applicability.js';
import { parseApplicabilityRules } from './applicability-rules-file.js';
import { parseCatalogueFile, type Catalogue } from './catalogue-file.js';
import { parseCrosswalkFile, type CatalogueRefs, type CrosswalkSetFile } from './crosswalk-file.js';

export class SeedValidationError extends Error {
  override name = 'SeedValidationError';
  constructor(readonly problems: readonly string[]) {
    super(`the seed is invalid; nothing was written:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

export interface SeedReport {
  readonly skipped: boolean;
  readonly checksum: string;
  readonly frameworks: readonly { id: string; requirements: number; removed: number; keptInUse: string[] }[];
  readonly crosswalks: readonly { id: string; mappings: number }[];
  readonly removedCrosswalks: readonly string[];
}

export interface LoadedSeed {
  readonly checksum: string;
  readonly catalogues: readonly Catalogue[];
}

export interface LoadedCrosswalks {
  readonly checksum: string;
  readonly crosswalks: readonly CrosswalkSetFile[];
}

/** Each framework's references, as the crosswalk validator needs them. */
export function catalogueRefs(catalogues: readonly Catalogue[]): CatalogueRefs {
  // Requirements of every version: a crosswalk may map a requirement a later version added.
  const refs = new Map<string, Set<string>>();
  for (const c of catalogues) {
    const set = refs.get(c.framework.id) ?? new Set<string>();
    for (const r of c.requirements) set.add(r.ref);
    refs.set(c.framework.id, set);
  }
  return refs;
}

/** A framework's versions, the current one last, so that its headings and hierarchy win. */
export function byFramework(catalogues: readonly Catalogue[]): Catalogue[][] {
  const groups = new Map<string, Catalogue[]>();
  for (const c of catalogues) groups.set(c.framework.id, [...(groups.get(c.framework.id) ?? []), c]);
  return [...groups.values()].map((versions) =>
    [...versions].sort((a, b) => Number(a.framework.current) - Number(b.framework.current)),
  );
}

/**
 * Reads and validates every crosswalk file against the catalogue; throws
 * SeedValidationError listing all problems. A missing folder means no crosswalks.
 */
export async function readCrosswalks(seedDir: string, refs: CatalogueRefs): Promise<LoadedCrosswalks> {
  const {
    checksum,
    items: crosswalks,
    problems,
  } = await readJsonFiles(path.join(seedDir, 'crosswalks'), true, (json, file) => parseCrosswalkFile(json, file, refs));
  const ids = crosswalks.map((c) => c.set.id);
  for (const id of new Set(ids)) {
    if (ids.filter((x) => x === id).length > 1) problems.push(`crosswalk set "${id}" is defined by more than one file`);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return { checksum, crosswalks };
}

type Parsed<T> = { ok: true; catalogue: T } | { ok: true; crosswalk: T } | { ok: false; problems: string[] };

/**
 * Reads every JSON file of a folder in name order, parses each with `parse`, and hashes
 * names and contents (the checksum that tells whether the seed changed). Problems from
 * every file are collected, not thrown. A missing folder is empty when `optional`.
 */
async function readJsonFiles<T>(
  dir: string,
  optional: boolean,
  parse: (json: unknown, file: string) => Parsed<T>,
): Promise<{ checksum: string; items: T[]; problems: string[]; files: string[] }> {
  let files: string[];
  try {
    files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  } catch (err) {
    if (!optional) throw err;
    files = [];
  }
  const problems: string[] = [];
  const items: T[] = [];
  const hash = createHash('sha256');
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    hash.update(file).update('\0').update(text).update('\0');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      problems.push(`${file}: not valid JSON (${(err as Error).message})`);
      continue;
    }
    const result = parse(json, file);
    if (!result.ok) problems.push(...result.problems);
    else items.push('catalogue' in result ? result.catalogue : result.crosswalk);
  }
  return { checksum: hash.digest('hex'), items, problems, files };
}

/** Reads and validates every catalogue file; throws SeedValidationError listing all problems. */
export async function readCatalogues(seedDir: string): Promise<LoadedSeed> {
  const dir = path.join(seedDir, 'catalogues');
  const { checksum, items: catalogues, problems, files } = await readJsonFiles(dir, false, parseCatalogueFile);
  if (files.length === 0) problems.push(`${dir}: no catalogue files`);
  // A framework may have several versions, one file each, exactly one of them current.
  for (const id of new Set(catalogues.map((c) => c.framework.id))) {
    const versions = catalogues.filter((c) => c.framework.id === id);
    const labels = versions.map((c) => c.framework.version);
    if (new Set(labels).size !== labels.length)
      problems.push(`framework "${id}": a version is defined by more than one file`);
    const current = versions.filter((c) => c.framework.current).length;
    if (current !== 1) problems.push(`framework "${id}": exactly one version must be current (found ${current})`);
  }
  if (problems.length > 0) throw new SeedValidationError(problems);
  return { checksum, catalogues };
}

/** The file of EU AI Act applicability rules, under the seed folder. */
export const APPLICABILITY_RULES_FILE = path.join('rules', 'eu-ai-act-applicability.json');

/**
 * Reads and validates the EU AI Act applicability rules against the catalogues; throws
 * SeedValidationError listing all problems. The rules are read by the service at start,
 * not stored in the graph: they change with a release, like the code that applies them.
 */
export async function readApplicabilityRules(
  seedDir: string,
  catalogues?: readonly Catalogue[],
): Promise<ApplicabilityRules> {
  const known = catalogues ?? (await readCatalogues(seedDir)).catalogues;
  const text = await readFile(path.join(seedDir, APPLICABILITY_RULES_FILE), 'utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new SeedValidationError([`${APPLICABILITY_RULES_FILE}: not valid JSON (${(err as Error).message})`]);
  }
  const result = parseApplicabilityRules(json, APPLICABILITY_RULES_FILE, known);
  if (!result.ok) throw new SeedValidationError(result.problems);
  return result.rules;
}
