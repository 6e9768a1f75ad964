/**
 * Controls and evidence as GRC tools export them: one CSV per kind, one row per record,
 * its links in cells. Reading turns a file into a sync batch whose rows state each
 * record's complete set of links of the kinds the file carries (`replaceLinks`), so a
 * re-export with a mapping removed removes it here too. Pure.
 */
import { parse } from 'csv-parse/sync';
import { csvCell, writeCsv } from './csv-cells.js';

export const CSV_KINDS = ['CONTROLS', 'EVIDENCE'] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

/** The columns of each kind, in order; README "Integrating" documents them. */
export const GRC_COLUMNS: Readonly<Record<CsvKind, readonly string[]>> = {
  CONTROLS: ['source', 'ref', 'name', 'description', 'status', 'control_type', 'implements', 'applies_to'],
  EVIDENCE: [
    'source',
    'ref',
    'title',
    'evidence_type',
    'uri',
    'sha256',
    'collected_by',
    'uploaded_at',
    'effective_from',
    'valid_until',
    'supports',
    'scoped_to',
  ],
};

/** CSV column -> input field, for the plain (non-link) columns. */
export const CSV_FIELDS: Readonly<Record<CsvKind, Readonly<Record<string, string>>>> = {
  CONTROLS: { name: 'name', description: 'description', status: 'status', control_type: 'controlType' },
  EVIDENCE: {
    title: 'title',
    evidence_type: 'evidenceType',
    uri: 'uri',
    sha256: 'sha256',
    collected_by: 'collectedBy',
    uploaded_at: 'uploadedAt',
    effective_from: 'effectiveFrom',
    valid_until: 'validUntil',
  },
};

export interface CsvProblem {
  readonly row: number;
  readonly column: string;
  readonly message: string;
}

export class GrcCsvError extends Error {
  override name = 'GrcCsvError';
  constructor(readonly problems: readonly CsvProblem[]) {
    super(problems.map((p) => `row ${p.row}${p.column ? `, ${p.column}` : ''}: ${p.message}`).join('; '));
  }
}

export interface GrcBatch {
  readonly source: string;
  readonly entities: Record<string, unknown>[];
  readonly links: Record<string, unknown>[];
  /** The CSV row (1-based, header = 1) and column of each entity and link, to name problems. */
  readonly entityRows: readonly number[];
  readonly linkCells: readonly { row: number; column: string }[];
}

const split = (cell: string | undefined): string[] =>
  (cell ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** Which kind a CSV is, from its header; null when it is neither. */
export function detectCsvKind(text: string): CsvKind | null {
  const header = (parse(text, { to_line: 1, bom: true }) as string[][])[0] ?? [];
  return CSV_KINDS.find((kind) => GRC_COLUMNS[kind].every((c) => header.includes(c))) ?? null;
}

/** Reads a controls or evidence CSV into a sync batch; throws GrcCsvError listing every problem. */
export function grcCsvToBatch(kind: CsvKind, text: string): GrcBatch {
  let rows: Record<string, string>[];
  let lines: number[];
  try {
    const parsed = parse(text, {
      columns: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      info: true,
      cast: csvCell,
    }) as { record: Record<string, string>; info: { lines: number } }[];
    rows = parsed.map((p) => p.record);
    // The line each record ends on (a quoted cell may span lines; blank lines are skipped).
    lines = parsed.map((p) => p.info.lines);
  } catch (err) {
    throw new GrcCsvError([{ row: 0, column: '', message: `not a readable CSV (${(err as Error).message})` }]);
  }
  const problems: CsvProblem[] = [];
  const first = rows[0];
  if (first === undefined) throw new GrcCsvError([{ row: 1, column: '', message: 'the file has no rows' }]);
  const missing = GRC_COLUMNS[kind].filter((c) => !(c in first));
  if (missing.length > 0)
    throw new GrcCsvError([{ row: 1, column: '', message: `the header lacks ${missing.join(', ')}` }]);
  const source = first.source;
  const stray = rows.findIndex((r) => !r.source || r.source !== source);
  if (!source || stray >= 0)
    throw new GrcCsvError([
      { row: lines[Math.max(stray, 0)]!, column: 'source', message: 'every row must name the same, non-empty source' },
    ]);

  const entities: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const entityRows: number[] = [];
  const linkCells: { row: number; column: string }[] = [];
  const link = (row: number, column: string, value: Record<string, unknown>) => {
    links.push(value);
    linkCells.push({ row, column });
  };
  rows.forEach((r, i) => {
    const row = lines[i]!;
    const fields: Record<string, unknown> = {};
    for (const [column, field] of Object.entries(CSV_FIELDS[kind]))
      fields[field] = r[column] === '' || r[column] === undefined ? null : r[column];
    if (kind === 'CONTROLS') {
      entities.push({ ref: r.ref, control: fields, replaceLinks: ['IMPLEMENTS', 'APPLIES_TO'] });
      for (const item of split(r.implements)) {
        const at = item.lastIndexOf('=');
        const coverage =
          at < 0
            ? ''
            : item
                .slice(at + 1)
                .trim()
                .toUpperCase();
        if (coverage !== 'FULL' && coverage !== 'PARTIAL') {
          problems.push({
            row,
            column: 'implements',
            message: `"${item}" must be a requirement id, "=", and FULL or PARTIAL`,
          });
          continue;
        }
        link(row, 'implements', { kind: 'IMPLEMENTS', from: r.ref, to: item.slice(0, at).trim(), coverage });
      }
      for (const to of split(r.applies_to)) link(row, 'applies_to', { kind: 'APPLIES_TO', from: r.ref, to });
    } else {
      entities.push({ ref: r.ref, evidence: fields, replaceLinks: ['SUPPORTS', 'SCOPED_TO'] });
      for (const to of split(r.supports)) link(row, 'supports', { kind: 'SUPPORTS', from: r.ref, to });
      for (const to of split(r.scoped_to)) link(row, 'scoped_to', { kind: 'SCOPED_TO', from: r.ref, to });
    }
    entityRows.push(row);
  });
  if (problems.length > 0) throw new GrcCsvError(problems);
  return { source, entities, links, entityRows, linkCells };
}

/**
 * Writes rows (cells by column name; link cells as lists) as the CSV of a kind. A
 * reference holding ";" cannot go in a link cell (it would read back as two); such a
 * file is refused rather than written wrong.
 */
export function grcCsv(kind: CsvKind, rows: readonly Record<string, string | null | readonly string[]>[]): string {
  const problems: CsvProblem[] = [];
  rows.forEach((r, i) => {
    for (const [column, value] of Object.entries(r)) {
      if (Array.isArray(value) && value.some((v: string) => v.includes(';')))
        problems.push({ row: i + 2, column, message: 'a reference holds ";", which a link cell cannot carry' });
    }
  });
  if (problems.length > 0) throw new GrcCsvError(problems);
  const cell = (value: string | null | readonly string[] | undefined): string =>
    value === null || value === undefined ? '' : typeof value === 'string' ? value : value.join('; ');
  return writeCsv([[...GRC_COLUMNS[kind]], ...rows.map((r) => GRC_COLUMNS[kind].map((c) => cell(r[c])))]);
}
