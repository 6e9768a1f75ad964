import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvCell, spreadsheetText, writeCsv } from '../../src/ingest/csv-cells.js';

const cell = fc.oneof(
  fc.string(),
  fc
    .tuple(fc.stringMatching(/^'{0,3}$/), fc.constantFrom('=', '+', '-', '@', '\t', '\r', ''), fc.string())
    .map(([q, f, rest]) => `${q}${f}${rest}`),
);

describe('CSV cells', () => {
  it('never writes a cell a spreadsheet would run, and reads every cell back as it was', () => {
    fc.assert(
      fc.property(cell, (text) => {
        expect(spreadsheetText(text)).not.toMatch(/^[=+\-@\t\r]/);
        expect(csvCell(spreadsheetText(text))).toBe(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('writes whole files that parse back, through the same guard, to the rows given', () => {
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 2, maxLength: 2 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const read = parse(writeCsv([['a', 'b'], ...rows]), { columns: true, cast: csvCell }) as Record<
          string,
          string
        >[];
        expect(read.map((r) => [r.a, r.b])).toEqual(rows);
      }),
      { numRuns: 500 },
    );
  });
});
