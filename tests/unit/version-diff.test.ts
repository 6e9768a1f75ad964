import { describe, expect, it } from 'vitest';
import { diffVersions, type VersionEntry } from '../../src/domain/version-diff.js';

const entry = (ref: string, title: string | null, parent: string | null = null, position = 0): VersionEntry => ({
  requirementId: `fw:${ref}`,
  ref,
  title,
  parentId: parent === null ? null : `fw:${parent}`,
  position,
});

describe('diffVersions', () => {
  it('finds added, removed, retitled and moved requirements', () => {
    const before = [entry('1', 'One'), entry('2', 'Two', '1'), entry('3', 'Three', '1'), entry('4', 'Four')];
    const after = [
      entry('1', 'One'),
      entry('2', 'Two, renamed', '1'),
      entry('2a', 'Two and a half', '1'),
      entry('4', 'Four', '1'),
    ];
    expect(
      diffVersions(before, after).map((c) => [c.kind, c.ref, c.fromTitle, c.toTitle, c.fromParentId, c.toParentId]),
    ).toEqual([
      ['ADDED', '2a', null, 'Two and a half', null, 'fw:1'],
      ['REMOVED', '3', 'Three', null, 'fw:1', null],
      ['RETITLED', '2', 'Two', 'Two, renamed', 'fw:1', 'fw:1'],
      ['MOVED', '4', 'Four', 'Four', null, 'fw:1'],
    ]);
  });

  it('finds nothing between a version and itself', () => {
    const same = [entry('1', 'One'), entry('1.1', null, '1')];
    expect(diffVersions(same, same)).toEqual([]);
  });
});
