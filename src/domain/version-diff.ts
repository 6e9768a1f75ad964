/**
 * What changed between two versions of a framework, requirement by requirement. Pure.
 * A requirement is matched across versions by its reference.
 */
export type RequirementChangeKind = 'ADDED' | 'REMOVED' | 'RETITLED' | 'MOVED';

export interface VersionEntry {
  readonly requirementId: string;
  readonly ref: string;
  readonly title: string | null;
  readonly parentId: string | null;
  readonly position: number;
}

export interface VersionChange {
  readonly kind: RequirementChangeKind;
  readonly requirementId: string;
  readonly ref: string;
  readonly fromTitle: string | null;
  readonly toTitle: string | null;
  readonly fromParentId: string | null;
  readonly toParentId: string | null;
}

/**
 * Added and removed requirements, then those present in both whose heading changed
 * (RETITLED) or whose parent changed (MOVED; a requirement both retitled and moved is
 * listed under each). In the order of the version they are found in.
 */
export function diffVersions(from: readonly VersionEntry[], to: readonly VersionEntry[]): VersionChange[] {
  const before = new Map(from.map((e) => [e.ref, e]));
  const after = new Map(to.map((e) => [e.ref, e]));
  const change = (
    kind: RequirementChangeKind,
    a: VersionEntry | undefined,
    b: VersionEntry | undefined,
  ): VersionChange => ({
    kind,
    requirementId: (b ?? a)!.requirementId,
    ref: (b ?? a)!.ref,
    fromTitle: a?.title ?? null,
    toTitle: b?.title ?? null,
    fromParentId: a?.parentId ?? null,
    toParentId: b?.parentId ?? null,
  });
  const changes: VersionChange[] = [];
  for (const entry of to) if (!before.has(entry.ref)) changes.push(change('ADDED', undefined, entry));
  for (const entry of from) if (!after.has(entry.ref)) changes.push(change('REMOVED', entry, undefined));
  for (const entry of to) {
    const old = before.get(entry.ref);
    if (old === undefined) continue;
    if (old.title !== entry.title) changes.push(change('RETITLED', old, entry));
    if (old.parentId !== entry.parentId) changes.push(change('MOVED', old, entry));
  }
  return changes;
}
