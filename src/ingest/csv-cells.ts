/**
 * Every CSV the service writes (GRC controls and evidence, crosswalk sets, the Statement
 * of Applicability) goes through writeCsv, and every CSV it reads through csvCell, so
 * formula cells are guarded in one place and the guard comes off again on import.
 *
 * A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as
 * a formula by a spreadsheet (OWASP, CSV injection): it is written with a leading
 * apostrophe, which spreadsheets show as text. Names, descriptions and justifications
 * come from integrators and editors. So that export then import gives back the same
 * text, a cell that already starts with apostrophes before one of those characters gets
 * one more, and reading takes exactly one off such a cell: `'=x` is written `''=x` and
 * read back as `'=x`.
 */
import { stringify } from 'csv-stringify/sync';

/** A formula start, after any apostrophes: these cells get one apostrophe more. */
const FORMULA = /^'*[=+\-@\t\r]/;
/** A cell written by spreadsheetText with its apostrophe. */
const GUARDED = /^'+[=+\-@\t\r]/;

/** The cell as a spreadsheet will show it as text. */
export const spreadsheetText = (cell: string): string => (FORMULA.test(cell) ? `'${cell}` : cell);

/** The cell as it was before spreadsheetText: reading a CSV this service (or a spreadsheet) guarded. */
export const csvCell = (cell: string): string => (GUARDED.test(cell) ? cell.slice(1) : cell);

/** Rows (the header first) as CSV with CRLF line ends, every cell guarded. */
export function writeCsv(rows: readonly (readonly string[])[]): string {
  return stringify(
    rows.map((row) => row.map(spreadsheetText)),
    { record_delimiter: 'windows' },
  );
}
