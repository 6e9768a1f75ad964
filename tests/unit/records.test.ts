import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../src/graph/records.js';

describe('toPlain', () => {
  it('turns driver integers into numbers, deeply', () => {
    expect(toPlain({ n: neo4j.int(42), list: [neo4j.int(1), 'a'], nested: { m: neo4j.int(-7) } })).toEqual({
      n: 42,
      list: [1, 'a'],
      nested: { m: -7 },
    });
  });

  it('refuses integers a JavaScript number cannot hold exactly', () => {
    expect(() => toPlain(neo4j.int('9007199254740993'))).toThrowError(RangeError);
  });

  it('turns temporal values into ISO strings', () => {
    const date = new neo4j.types.Date(2026, 11, 27);
    const dateTime = new neo4j.types.DateTime(2026, 11, 27, 3, 12, 0, 0, 0);
    expect(toPlain({ date, dateTime })).toEqual({ date: '2026-11-27', dateTime: '2026-11-27T03:12:00Z' });
  });

  it('keeps null, booleans and strings', () => {
    expect(toPlain([null, undefined, true, 'x'])).toEqual([null, null, true, 'x']);
  });
});
