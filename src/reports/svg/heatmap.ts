/**
 * A heat map of a framework's sections against the coverage statuses: one row per
 * top-level section, one column per status, each cell the count of the section's
 * auditable requirements with that status, shaded by its share of the section.
 */
import type { CoverageStatus } from '../generated/graphql.js';
import { fixed, html, type Html, truncate } from '../html.js';
import { inkOn, STATUS_COLOUR, STATUS_LABEL, STATUS_ORDER } from './palette.js';

export interface HeatmapRow {
  readonly label: string;
  readonly title: string;
  readonly counts: Readonly<Record<CoverageStatus, number>>;
  readonly total: number;
}

const LABEL_WIDTH = 300;
const CELL_WIDTH = 96;
const CELL_HEIGHT = 26;
const HEADER = 44;
const TOTAL_WIDTH = 60;

export function heatmap(rows: readonly HeatmapRow[], caption: string): Html {
  const width = LABEL_WIDTH + STATUS_ORDER.length * CELL_WIDTH + TOTAL_WIDTH;
  const height = HEADER + rows.length * CELL_HEIGHT + 40;
  const headers = STATUS_ORDER.map((status, i) => {
    const x = LABEL_WIDTH + i * CELL_WIDTH + CELL_WIDTH / 2;
    const [first, second] = STATUS_LABEL[status].split(' via ');
    return html`<rect x="${LABEL_WIDTH + i * CELL_WIDTH + 4}" y="${HEADER - 10}" width="${CELL_WIDTH - 8}" height="5" fill="${STATUS_COLOUR[status]}"/>
<text class="axis" x="${x}" y="${second === undefined ? HEADER - 16 : HEADER - 28}" text-anchor="middle">${first}</text>${
      second === undefined
        ? ''
        : html`<text class="axis" x="${x}" y="${HEADER - 16}" text-anchor="middle">via ${second}</text>`
    }`;
  });
  const body = rows.map((row, r) => {
    const y = HEADER + r * CELL_HEIGHT;
    const label = html`<text class="label" x="${LABEL_WIDTH - 8}" y="${y + CELL_HEIGHT / 2 + 4}" text-anchor="end">${truncate(row.label, 44)}<title>${row.title}</title></text>`;
    const cells = STATUS_ORDER.map((status, i) => {
      const count = row.counts[status];
      const share = row.total === 0 ? 0 : count / row.total;
      const opacity = count === 0 ? 0 : 0.18 + 0.82 * share;
      const x = LABEL_WIDTH + i * CELL_WIDTH;
      const tip = `${row.label}: ${count} of ${row.total} ${STATUS_LABEL[status].toLowerCase()} (${fixed(share * 100, 0)}%)`;
      return html`<g class="cell" data-status="${status}" data-count="${count}"><rect x="${x + 2}" y="${y + 2}" width="${CELL_WIDTH - 4}" height="${CELL_HEIGHT - 4}" rx="3" fill="${count === 0 ? '#ffffff' : STATUS_COLOUR[status]}" fill-opacity="${count === 0 ? 1 : fixed(opacity, 2)}" stroke="#d0d0d0"/><text class="count" x="${x + CELL_WIDTH / 2}" y="${y + CELL_HEIGHT / 2 + 4}" text-anchor="middle" fill="${count === 0 ? '#9a9a9a' : inkOn(STATUS_COLOUR[status], opacity)}">${count}</text><title>${tip}</title></g>`;
    });
    const total = html`<text class="count total" x="${LABEL_WIDTH + STATUS_ORDER.length * CELL_WIDTH + TOTAL_WIDTH / 2}" y="${y + CELL_HEIGHT / 2 + 4}" text-anchor="middle">${row.total}</text>`;
    return html`<g class="row">${label}${cells}${total}</g>`;
  });
  const legendY = HEADER + rows.length * CELL_HEIGHT + 24;
  return html`<svg class="chart heatmap" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${caption}">
<title>${caption}</title>
<text class="axis" x="${LABEL_WIDTH - 8}" y="${HEADER - 16}" text-anchor="end">Section</text>
<text class="axis" x="${LABEL_WIDTH + STATUS_ORDER.length * CELL_WIDTH + TOTAL_WIDTH / 2}" y="${HEADER - 16}" text-anchor="middle">Total</text>
${headers}
${body}
<text class="note" x="${LABEL_WIDTH}" y="${legendY}">Each cell counts the section's auditable requirements with that status; the deeper the colour, the larger its share of the section.</text>
</svg>`;
}
