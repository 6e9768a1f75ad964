/**
 * A line chart of percentages over a few moments: one line per series, a point per
 * moment with its tooltip, axes with gridlines, an optional shaded span of moments that
 * carry less weight (before the change log begins), and a legend.
 */
import { fixed, html, type Html, truncate } from '../html.js';

export interface LineSeries {
  readonly label: string;
  readonly colour: string;
  /** One value per moment, 0 to 100. */
  readonly values: readonly number[];
  /** One tooltip per moment. */
  readonly tooltips: readonly string[];
}

export interface LineChartOptions {
  readonly caption: string;
  /** One label per moment, one or two lines (split at a newline). */
  readonly xLabels: readonly string[];
  readonly yLabel: string;
  /** Moments [0, shadedUpTo) are shaded, with this note; none when null. */
  readonly shaded: { readonly upTo: number; readonly note: string } | null;
}

const WIDTH = 1080;
const PLOT_HEIGHT = 300;
const LEFT = 64;
const TOP = 20;
const RIGHT = 210;
const BOTTOM = 50;

export function lineChart(series: readonly LineSeries[], options: LineChartOptions): Html {
  const count = options.xLabels.length;
  const plotWidth = WIDTH - LEFT - RIGHT;
  const x = (i: number): number => LEFT + (count <= 1 ? plotWidth / 2 : (i * plotWidth) / (count - 1));
  // The axis goes up to the next step of 10% above the highest value, so that low shares stay readable.
  const highest = Math.max(0, ...series.flatMap((s) => s.values));
  const top = Math.min(100, Math.max(10, Math.ceil((highest + 0.001) / 10) * 10));
  const step = top <= 20 ? 2 : top <= 50 ? 5 : 10;
  const y = (value: number): number => TOP + PLOT_HEIGHT - (Math.max(0, Math.min(top, value)) / top) * PLOT_HEIGHT;
  const height = TOP + PLOT_HEIGHT + BOTTOM;

  const levels = Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
  const grid = levels.map(
    (v) =>
      html`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${y(v)}" y2="${y(v)}" stroke="${v === 0 ? '#4a4a4a' : '#e1e4e8'}"/><text class="axis" x="${LEFT - 8}" y="${y(v) + 4}" text-anchor="end">${v}%</text>`,
  );
  const ticks = options.xLabels.map(
    (label, i) =>
      html`<line x1="${x(i)}" x2="${x(i)}" y1="${TOP + PLOT_HEIGHT}" y2="${TOP + PLOT_HEIGHT + 5}" stroke="#4a4a4a"/>${label.split('\n').map((line, k) => html`<text class="axis" x="${x(i)}" y="${TOP + PLOT_HEIGHT + 20 + k * 14}" text-anchor="middle">${line}</text>`)}`,
  );
  const upTo = options.shaded === null ? 0 : Math.min(options.shaded.upTo, count);
  // The shade ends halfway between the last shaded moment and the first one that is not.
  const shadeEnd = upTo >= count ? LEFT + plotWidth : (x(upTo - 1) + x(upTo)) / 2;
  const shade =
    options.shaded === null || upTo <= 0
      ? ''
      : html`<rect class="shaded" x="${LEFT}" y="${TOP}" width="${fixed(shadeEnd - LEFT, 1)}" height="${PLOT_HEIGHT}" fill="#eceff3"/><text class="note" x="${LEFT + 6}" y="${TOP + 14}">${options.shaded.note}</text>`;
  const lines = series.map((s, k) => {
    const points = s.values.map((v, i) => `${fixed(x(i), 1)},${fixed(y(v), 1)}`).join(' ');
    const dots = s.values.map(
      (v, i) =>
        html`<circle cx="${fixed(x(i), 1)}" cy="${fixed(y(v), 1)}" r="4" fill="#ffffff" stroke="${s.colour}" stroke-width="2"><title>${s.tooltips[i] ?? ''}</title></circle>`,
    );
    // Lines that coincide would hide each other: each is drawn a little thinner than the one before.
    return html`<g class="series" data-series="${s.label}"><polyline points="${points}" fill="none" stroke="${s.colour}" stroke-width="${Math.max(1.5, 4 - k * 0.5)}" stroke-linejoin="round"/>${dots}</g>`;
  });
  const legend = series.map(
    (s, k) =>
      html`<line x1="${LEFT + plotWidth + 20}" x2="${LEFT + plotWidth + 44}" y1="${TOP + 10 + k * 22}" y2="${TOP + 10 + k * 22}" stroke="${s.colour}" stroke-width="3"/><circle cx="${LEFT + plotWidth + 32}" cy="${TOP + 10 + k * 22}" r="4" fill="#ffffff" stroke="${s.colour}" stroke-width="2"/><text class="legend" x="${LEFT + plotWidth + 52}" y="${TOP + 14 + k * 22}">${truncate(s.label, 24)}<title>${s.label}</title></text>`,
  );
  return html`<svg class="chart lines" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${options.caption}">
<title>${options.caption}</title>
${shade}
${grid}
${ticks}
<text class="axis" transform="translate(16 ${TOP + PLOT_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${options.yLabel}</text>
${lines}
${legend}
</svg>`;
}
