import { Neo4jError } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import {
  BookmarkHeaderError,
  decodeBookmarks,
  encodeBookmarks,
  MAX_BOOKMARK_HEADER_LENGTH,
  MAX_BOOKMARK_LENGTH,
  MAX_BOOKMARKS,
  RequestBookmarks,
} from '../../src/graph/bookmarks.js';
import { outcomeOf, translateError } from '../../src/graph/executor.js';

/** Shaped like the bookmarks Neo4j 5 hands out. */
const NEO4J_BOOKMARK = 'FB:kcwQ3Jd6+VtWQ2a8t1n2/0yK8swAkJA=';
const token = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('bookmark header', () => {
  it('round-trips one or several bookmarks as one printable token', () => {
    for (const bookmarks of [
      [NEO4J_BOOKMARK],
      [NEO4J_BOOKMARK, 'FB:other,with"quotes"\\'],
      ['a'.repeat(MAX_BOOKMARK_LENGTH)],
    ]) {
      const header = encodeBookmarks(bookmarks)!;
      expect(header).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeBookmarks(header).sort()).toEqual([...bookmarks].sort());
    }
  });

  it('encodes a set the same way whatever its order, and nothing for no bookmarks', () => {
    expect(encodeBookmarks(['b', 'a'])).toBe(encodeBookmarks(['a', 'b']));
    expect(encodeBookmarks([])).toBeUndefined();
  });

  it('reads an absent or blank header as no bookmarks', () => {
    expect(decodeBookmarks(undefined)).toEqual([]);
    expect(decodeBookmarks('  ')).toEqual([]);
  });

  it('accepts the most bookmarks the service hands out, and drops repeats', () => {
    const most = Array.from(
      { length: MAX_BOOKMARKS },
      (_, i) => `FB:${String(i).padStart(MAX_BOOKMARK_LENGTH - 3, 'x')}`,
    );
    expect(encodeBookmarks(most)!.length).toBeLessThanOrEqual(MAX_BOOKMARK_HEADER_LENGTH);
    expect(decodeBookmarks(encodeBookmarks(most))).toHaveLength(MAX_BOOKMARKS);
    expect(decodeBookmarks(token(['x', 'x']))).toEqual(['x']);
  });

  const malformed: [string, string][] = [
    ['not base64url', 'FB:kcwQ=='],
    ['two headers joined', `${token(['a'])}, ${token(['b'])}`],
    ['not JSON', Buffer.from('FB:abc').toString('base64url')],
    ['not a list', token({ bookmarks: ['a'] })],
    ['an empty list', token([])],
    ['a number in the list', token([1])],
    ['an empty bookmark', token([''])],
    ['a bookmark with a space', token(['FB:a b'])],
    ['a bookmark with a control character', token(['FB:a\u0000'])],
    ['a bookmark beyond ASCII', token(['FB:é'])],
    ['a bookmark too long', token(['a'.repeat(MAX_BOOKMARK_LENGTH + 1)])],
    ['too many bookmarks', token(Array.from({ length: MAX_BOOKMARKS + 1 }, (_, i) => `b${i}`))],
    ['a header too long', 'A'.repeat(MAX_BOOKMARK_HEADER_LENGTH + 1)],
  ];
  it.each(malformed)('refuses %s', (_, header) => {
    expect(() => decodeBookmarks(header)).toThrow(BookmarkHeaderError);
  });
});

describe('RequestBookmarks', () => {
  it('starts from the client’s bookmarks, and a write replaces those it started after', () => {
    const bookmarks = new RequestBookmarks(['c1', 'c2']);
    bookmarks.committed(['c1', 'c2'], ['w1']);
    expect(bookmarks.current()).toEqual(['w1']);
    bookmarks.committed(['w1'], ['w2']);
    expect(decodeBookmarks(bookmarks.header())).toEqual(['w2']);
  });

  it('keeps the bookmarks of writes that ran side by side', () => {
    const bookmarks = new RequestBookmarks(['c']);
    bookmarks.committed(['c'], ['a']);
    bookmarks.committed(['c'], ['b']);
    expect(bookmarks.current().sort()).toEqual(['a', 'b']);
  });

  it('keeps what it has when a transaction reports no bookmark', () => {
    const bookmarks = new RequestBookmarks(['c']);
    bookmarks.committed(['c'], []);
    expect(bookmarks.current()).toEqual(['c']);
  });

  it('has no header for a request with nothing to wait for', () => {
    expect(new RequestBookmarks().header()).toBeUndefined();
  });
});

describe('bookmarks Neo4j cannot read', () => {
  it.each(['Neo.ClientError.Transaction.InvalidBookmark', 'Neo.ClientError.Transaction.InvalidBookmarkMixture'])(
    '%s is the client’s mistake',
    (code) => {
      const error = new Neo4jError('x', code, 'x', 'x');
      const translated = translateError(error);
      expect(translated).toBeInstanceOf(AppError);
      expect((translated as AppError).extensions.code).toBe('BAD_USER_INPUT');
      expect(outcomeOf(error)).toBe('reached');
    },
  );
});
