/** The Statement of Applicability's file forms: cells a spreadsheet would run as formulas stay text. */
import { describe, expect, it } from 'vitest';
import { spreadsheetText } from '../../src/ingest/csv-cells.js';

describe('spreadsheetText', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('keeps %j as text', (cell, safe) => expect(spreadsheetText(cell)).toBe(safe));

  it.each(['A.6.2.4', 'Bias review; Model card', '', 'a = b', 'GOVERN 1.1'])('leaves %j alone', (cell) =>
    expect(spreadsheetText(cell)).toBe(cell),
  );
});
