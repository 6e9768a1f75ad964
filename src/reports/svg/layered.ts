/**
 * A layered graph drawn left to right (a Sugiyama-style layout, kept small): nodes sit
 * in fixed columns, each column is ordered by the mean position of its neighbours in the
 * columns beside it (a few sweeps down and back to cut crossings), and edges are curves
 * from one column to a later one.
 */
import { html, type Html, truncate } from '../html.js';

export interface GraphNode {
  readonly id: string;
  readonly layer: number;
  readonly label: string;
  /** A second, smaller line: a status, a date. */
  readonly detail: string;
  /** The tooltip. */
  readonly title: string;
  readonly fill: string;
  readonly stroke: string;
  readonly dashed: boolean;
  /** A CSS class naming what the node is and any mark it carries (`expired`, `gap`). */
  readonly className: string;
  readonly href: string | null;
}

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly dashed: boolean;
}

export interface LegendEntry {
  readonly label: string;
  readonly fill: string;
  readonly stroke: string;
  readonly dashed: boolean;
}

const NODE_WIDTH = 210;
const NODE_HEIGHT = 36;
const GAP_X = 56;
const GAP_Y = 10;
const HEADER = 30;
const SWEEPS = 4;
/** What fits in a node at the label's and the detail's font sizes (an average glyph is about 0.57 em). */
const LABEL_CHARS = Math.floor((NODE_WIDTH - 14) / 6.7);
const DETAIL_CHARS = Math.floor((NODE_WIDTH - 14) / 5.9);

/** Orders the nodes of each layer to reduce edge crossings; returns the layers in order. */
export function orderLayers(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  layerCount: number,
): GraphNode[][] {
  const layers: GraphNode[][] = Array.from({ length: layerCount }, () => []);
  for (const node of nodes) layers[node.layer]?.push(node);
  const neighbours = new Map<string, Set<string>>();
  for (const edge of edges) {
    if (!neighbours.has(edge.from)) neighbours.set(edge.from, new Set());
    if (!neighbours.has(edge.to)) neighbours.set(edge.to, new Set());
    neighbours.get(edge.from)!.add(edge.to);
    neighbours.get(edge.to)!.add(edge.from);
  }
  const position = new Map<string, number>();
  const place = (layer: GraphNode[]): void =>
    layer.forEach((node, i) => position.set(node.id, i / Math.max(1, layer.length - 1)));
  layers.forEach(place);
  const sweep = (layer: GraphNode[], towards: (id: string) => boolean): void => {
    const key = new Map<string, number>();
    layer.forEach((node, i) => {
      const near = [...(neighbours.get(node.id) ?? [])].filter(towards).map((id) => position.get(id) ?? 0);
      // Nodes without neighbours on that side keep their place.
      key.set(
        node.id,
        near.length === 0 ? i / Math.max(1, layer.length - 1) : near.reduce((a, b) => a + b, 0) / near.length,
      );
    });
    // A stable sort: ties keep the order they came in (document order, say).
    layer.sort((a, b) => key.get(a.id)! - key.get(b.id)!);
    place(layer);
  };
  const layerOf = new Map(nodes.map((n) => [n.id, n.layer]));
  for (let s = 0; s < SWEEPS; s += 1) {
    for (let l = 1; l < layerCount; l += 1) sweep(layers[l]!, (id) => (layerOf.get(id) ?? l) < l);
    for (let l = layerCount - 2; l >= 0; l -= 1) sweep(layers[l]!, (id) => (layerOf.get(id) ?? l) > l);
  }
  return layers;
}

export function layeredGraph(
  nodes: readonly GraphNode[],
  edges: readonly GraphEdge[],
  layerTitles: readonly string[],
  legend: readonly LegendEntry[],
  caption: string,
): Html {
  const layers = orderLayers(nodes, edges, layerTitles.length);
  const tallest = Math.max(1, ...layers.map((l) => l.length));
  const columnHeight = tallest * (NODE_HEIGHT + GAP_Y);
  const where = new Map<string, { x: number; y: number }>();
  layers.forEach((layer, l) => {
    const offset = (columnHeight - layer.length * (NODE_HEIGHT + GAP_Y)) / 2;
    layer.forEach((node, i) =>
      where.set(node.id, { x: l * (NODE_WIDTH + GAP_X), y: HEADER + offset + i * (NODE_HEIGHT + GAP_Y) }),
    );
  });
  const width = layerTitles.length * NODE_WIDTH + (layerTitles.length - 1) * GAP_X;
  const legendTop = HEADER + columnHeight + 20;
  const legendRows = Math.ceil(legend.length / 3);
  const height = legendTop + legendRows * 22 + 4;

  const titles = layerTitles.map(
    (title, l) =>
      html`<text class="axis" x="${l * (NODE_WIDTH + GAP_X) + NODE_WIDTH / 2}" y="16" text-anchor="middle">${title}</text>`,
  );
  const lines = edges.flatMap((edge) => {
    const a = where.get(edge.from);
    const b = where.get(edge.to);
    if (a === undefined || b === undefined) return [];
    const [from, to] = a.x <= b.x ? [a, b] : [b, a];
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    const bend = Math.max(30, (x2 - x1) / 2);
    return [
      html`<path class="edge" d="M${x1} ${y1} C${x1 + bend} ${y1} ${x2 - bend} ${y2} ${x2} ${y2}" fill="none" stroke="#8a96a3" stroke-width="1.2"${edge.dashed ? html` stroke-dasharray="4 3"` : ''}/>`,
    ];
  });
  const boxes = nodes.map((node) => {
    const at = where.get(node.id)!;
    const box = html`<g class="node ${node.className}" data-id="${node.id}"><rect x="${at.x}" y="${at.y}" width="${NODE_WIDTH}" height="${NODE_HEIGHT}" rx="5" fill="${node.fill}" stroke="${node.stroke}" stroke-width="${node.dashed ? 2 : 1.5}"${
      node.dashed ? html` stroke-dasharray="5 3"` : ''
    }/><text class="node-label" x="${at.x + 8}" y="${at.y + 15}">${truncate(node.label, LABEL_CHARS)}</text><text class="node-detail" x="${at.x + 8}" y="${at.y + 29}">${truncate(node.detail, DETAIL_CHARS)}</text><title>${node.title}</title></g>`;
    return node.href === null ? box : html`<a href="${node.href}">${box}</a>`;
  });
  const key = legend.map((entry, i) => {
    const x = (i % 3) * 380;
    const y = legendTop + Math.floor(i / 3) * 22;
    return html`<rect x="${x}" y="${y - 11}" width="22" height="14" rx="3" fill="${entry.fill}" stroke="${entry.stroke}" stroke-width="1.5"${entry.dashed ? html` stroke-dasharray="4 2"` : ''}/><text class="legend" x="${x + 30}" y="${y}">${entry.label}</text>`;
  });
  return html`<svg class="chart trace-graph" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${caption}">
<title>${caption}</title>
${titles}
${lines}
${boxes}
${key}
</svg>`;
}
