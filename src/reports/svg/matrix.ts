/**
 * A crosswalk matrix: the requirements of one framework down the side, of the other
 * across the top, each axis grouped by top-level section in document order; a cell is
 * coloured by the relationship of the row to the column, and its tooltip (an SVG
 * <title>) carries every mapping's provenance.
 */
import type { Relationship } from '../generated/graphql.js';
import { html, type Html, truncate } from '../html.js';
import { RELATIONSHIP_COLOUR, RELATIONSHIP_LABEL, RELATIONSHIP_ORDER } from './palette.js';

export interface AxisSection {
  readonly label: string;
  readonly title: string;
  readonly items: readonly { readonly id: string; readonly label: string; readonly title: string }[];
}

export interface MatrixCell {
  readonly row: string;
  readonly column: string;
  readonly relationships: readonly Relationship[];
  readonly tooltip: string;
}

const ROW_SECTION_WIDTH = 150;
const ROW_LABEL_WIDTH = 92;
const COLUMN_SECTION_HEIGHT = 22;
const COLUMN_LABEL_HEIGHT = 86;

export function crosswalkMatrix(
  rows: readonly AxisSection[],
  columns: readonly AxisSection[],
  cells: readonly MatrixCell[],
  caption: string,
): Html {
  const rowIndex = new Map<string, number>();
  rows.flatMap((s) => s.items).forEach((item, i) => rowIndex.set(item.id, i));
  const columnIndex = new Map<string, number>();
  columns.flatMap((s) => s.items).forEach((item, i) => columnIndex.set(item.id, i));
  // Small matrices get larger cells; large ones stay readable on a screen's width.
  const unit = Math.max(rowIndex.size, columnIndex.size) <= 50 ? 16 : 13;
  const left = ROW_SECTION_WIDTH + ROW_LABEL_WIDTH;
  const top = COLUMN_SECTION_HEIGHT + COLUMN_LABEL_HEIGHT;
  const gridWidth = columnIndex.size * unit;
  const gridHeight = rowIndex.size * unit;
  const legendTop = top + gridHeight + 24;
  const width = Math.max(left + gridWidth + 16, left + 620);
  const height = legendTop + Math.ceil(RELATIONSHIP_ORDER.length / 2) * 20 + 8;

  const bands: Html[] = [];
  let start = 0;
  rows.forEach((section, s) => {
    const y = top + start * unit;
    const h = section.items.length * unit;
    bands.push(
      html`<rect x="${ROW_SECTION_WIDTH}" y="${y}" width="${ROW_LABEL_WIDTH + gridWidth}" height="${h}" fill="${s % 2 === 0 ? '#f4f6f8' : '#ffffff'}"/>`,
    );
    bands.push(
      html`<text class="section" x="4" y="${y + Math.min(h, unit) - 3}">${truncate(section.label, 24)}<title>${section.title}</title></text>`,
    );
    bands.push(html`<line x1="0" x2="${left + gridWidth}" y1="${y}" y2="${y}" stroke="#9aa5b1" stroke-width="1"/>`);
    start += section.items.length;
  });
  start = 0;
  columns.forEach((section) => {
    const x = left + start * unit;
    const w = section.items.length * unit;
    const fits = Math.max(1, Math.floor(w / 6.4));
    bands.push(
      html`<text class="section" x="${x + 2}" y="${COLUMN_SECTION_HEIGHT - 7}">${truncate(section.label, fits)}<title>${section.title}</title></text>`,
    );
    bands.push(html`<line x1="${x}" x2="${x}" y1="0" y2="${top + gridHeight}" stroke="#9aa5b1" stroke-width="1"/>`);
    start += section.items.length;
  });

  const rowLabels = rows
    .flatMap((s) => s.items)
    .map((item, i) => {
      const y = top + i * unit + unit - 3;
      return html`<text class="ref" x="${left - 4}" y="${y}" text-anchor="end">${truncate(item.label, 14)}<title>${item.title}</title></text>`;
    });
  const columnLabels = columns
    .flatMap((s) => s.items)
    .map((item, i) => {
      const x = left + i * unit + unit - 3;
      return html`<text class="ref" transform="translate(${x} ${top - 4}) rotate(-90)">${truncate(item.label, 14)}<title>${item.title}</title></text>`;
    });
  const marks = cells.flatMap((cell) => {
    const r = rowIndex.get(cell.row);
    const c = columnIndex.get(cell.column);
    if (r === undefined || c === undefined) return [];
    const first = cell.relationships[0] ?? 'NO_RELATIONSHIP';
    const mixed = new Set(cell.relationships).size > 1;
    const x = left + c * unit;
    const y = top + r * unit;
    return [
      html`<g class="mapping" data-relationship="${first}" data-mappings="${cell.relationships.length}"><rect x="${x + 1}" y="${y + 1}" width="${unit - 2}" height="${unit - 2}" fill="${RELATIONSHIP_COLOUR[first]}"/>${
        mixed ? html`<circle cx="${x + unit / 2}" cy="${y + unit / 2}" r="2.5" fill="#ffffff"/>` : ''
      }<title>${cell.tooltip}</title></g>`,
    ];
  });
  const legend = RELATIONSHIP_ORDER.map((relationship, i) => {
    const x = left + (i % 2) * 300;
    const y = legendTop + Math.floor(i / 2) * 20;
    return html`<rect x="${x}" y="${y - 10}" width="12" height="12" fill="${RELATIONSHIP_COLOUR[relationship]}"/><text class="legend" x="${x + 18}" y="${y}">${RELATIONSHIP_LABEL[relationship]}</text>`;
  });
  return html`<svg class="chart matrix" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${caption}">
<title>${caption}</title>
${bands}
<rect x="${left}" y="${top}" width="${gridWidth}" height="${gridHeight}" fill="none" stroke="#9aa5b1"/>
${rowLabels}
${columnLabels}
${marks}
<text class="note" x="4" y="${legendTop}">Row to column:</text>
${legend}
<text class="note" x="4" y="${legendTop + 20}">◦ several mappings</text>
</svg>`;
}
