/** The pure parts of the report pages: escaping, parameters, month ends, layout. */
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, reportHref, truncate } from '../../src/reports/html.js';
import { monthEnds, ReportError, ReportParams } from '../../src/reports/params.js';
import { bounded, DRAWN_PER_COLUMN, evidenceState } from '../../src/reports/pages/trace.js';
import { crosswalkMatrix } from '../../src/reports/svg/matrix.js';
import { orderLayers, type GraphNode } from '../../src/reports/svg/layered.js';
import { lineChart } from '../../src/reports/svg/lines.js';

const params = (query: string, spec: Record<string, 'one' | 'many'>): ReportParams =>
  ReportParams.of(new URLSearchParams(query), spec);

function refused(run: () => unknown): ReportError {
  try {
    run();
  } catch (err) {
    if (err instanceof ReportError) return err;
    throw err;
  }
  throw new Error('not refused');
}

describe('html', () => {
  it.each([
    ['<script>', '&lt;script&gt;'],
    ['a & b', 'a &amp; b'],
    [`"double" 'single'`, '&quot;double&quot; &#39;single&#39;'],
    ['plain', 'plain'],
  ])('escapes %s', (text, escaped) => {
    expect(escapeHtml(text)).toBe(escaped);
    expect(html`<p title="${text}">${text}</p>`.markup).toBe(`<p title="${escaped}">${escaped}</p>`);
  });

  it('keeps its own markup, joins lists, drops null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`${inner}${[html`<br>`, '<br>']}${null}${undefined}${false}${0}`.markup).toBe(
      '<b>&lt;i&gt;</b><br>&lt;br&gt;0',
    );
  });

  it('builds report links with their parameters encoded, leaving out empty ones', () => {
    expect(reportHref('coverage', { framework: 'iso42001', system: ['a&b', 'c'], asOf: null, ref: '' })).toBe(
      '/reports/coverage?framework=iso42001&system=a%26b&system=c',
    );
    expect(reportHref('', {})).toBe('/reports');
    expect(html`<a href="${reportHref('requirement', { ref: 'Art. 9"><x' })}">`.markup).toBe(
      '<a href="/reports/requirement?ref=Art.+9%22%3E%3Cx">',
    );
  });

  it('truncates by characters, not UTF-16 units', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
    expect(truncate('😀😀😀😀😀', 3)).toBe('😀😀…');
  });
});

describe('report parameters', () => {
  it('refuses unknown, repeated, missing and malformed parameters, naming them', () => {
    const spec = { framework: 'one', system: 'many', asOf: 'one' } as const;
    expect(refused(() => params('frameworks=iso42001', spec)).extensions).toEqual({ parameter: 'frameworks' });
    expect(refused(() => params('framework=a&framework=b', spec)).message).toMatch(/at most once/);
    expect(refused(() => params('', spec).framework()).status).toBe(400);
    expect(refused(() => params('framework=ISO42001', spec).framework()).code).toBe('BAD_USER_INPUT');
    expect(refused(() => params('asOf=2026-13-01', spec).day()).extensions).toEqual({ parameter: 'asOf' });
    expect(refused(() => params('asOf=2026-02-29', spec).day()).extensions).toEqual({ parameter: 'asOf' });
    expect(refused(() => params(`${'system=s&'.repeat(21)}`, spec).scope()).message).toMatch(/at most 20/);
  });

  it('reads dates, scopes and empty values', () => {
    const spec = { framework: 'one', system: 'many', asOf: 'one' } as const;
    expect(params('asOf=2028-02-29', spec).day()).toEqual({ date: '2028-02-29', moment: '2028-02-29T23:59:59Z' });
    expect(params('asOf=', spec).day().moment).toBeNull();
    expect(params('system=a&system=b&system=a&system=', spec).scope()).toEqual({ systems: ['a', 'b'] });
    expect(params('', spec).scope()).toEqual({ systems: null });
    expect(params('framework=eu-ai-act', spec).framework()).toBe('eu-ai-act');
  });

  it('gives the last moment of each of twelve months, ending with the day asked for', () => {
    const moments = monthEnds({ date: '2026-03-15', moment: '2026-03-15T23:59:59Z' }, 12);
    expect(moments).toHaveLength(12);
    expect(moments[0]).toBe('2025-04-30T23:59:59Z');
    expect(moments).toContain('2026-02-28T23:59:59Z');
    expect(moments).toContain('2025-12-31T23:59:59Z');
    expect(moments[10]).toBe('2026-02-28T23:59:59Z');
    expect(moments[11]).toBe('2026-03-15T23:59:59Z');
    expect(monthEnds({ date: '2024-03-01', moment: null }, 2, new Date('2024-03-01T10:00:00.123Z'))).toEqual([
      '2024-02-29T23:59:59Z',
      '2024-03-01T10:00:00Z',
    ]);
  });
});

/** A node of a report picture, plain but for its id, column and class. */
const node = (id: string, layer: number, className = ''): GraphNode => ({
  id,
  layer,
  label: id,
  detail: '',
  title: id,
  fill: '#fff',
  stroke: '#000',
  dashed: false,
  className,
  href: null,
});

describe('report pictures', () => {
  it('judges evidence on the day: open ends are open', () => {
    expect(evidenceState({ effectiveFrom: null, validUntil: '2026-11-26' }, '2026-11-27')).toBe('expired');
    expect(evidenceState({ effectiveFrom: null, validUntil: '2026-11-27' }, '2026-11-27')).toBe('valid');
    expect(evidenceState({ effectiveFrom: '2026-11-28', validUntil: null }, '2026-11-27')).toBe('pending');
    expect(evidenceState({ effectiveFrom: null, validUntil: null }, '2026-11-27')).toBe('valid');
  });

  it('draws at most DRAWN_PER_COLUMN nodes a column, what needs attention first, and only edges between drawn nodes', () => {
    const evidence = Array.from({ length: DRAWN_PER_COLUMN + 5 }, (_, i) =>
      node(`e${i}`, 4, i >= DRAWN_PER_COLUMN ? 'evidence expired' : 'evidence valid'),
    );
    const requirement = node('r', 3, 'requirement status-gap');
    const edges = evidence.map((e) => ({ from: 'r', to: e.id, dashed: false }));
    const picture = bounded([requirement, ...evidence], edges);
    expect(picture.nodes.filter((n) => n.layer === 4)).toHaveLength(DRAWN_PER_COLUMN);
    // The five expired items are all drawn, before the valid ones.
    expect(picture.nodes.filter((n) => n.className.includes('expired'))).toHaveLength(5);
    expect(picture.left).toEqual([0, 0, 0, 0, 5]);
    expect(picture.edges).toHaveLength(DRAWN_PER_COLUMN);
    expect(picture.edges.every((e) => picture.nodes.some((n) => n.id === e.to))).toBe(true);
    expect(bounded([requirement], []).left).toEqual([0, 0, 0, 0, 0]);
  });

  it('orders a layer by its neighbours, undoing a crossing', () => {
    const nodes = [node('a', 0), node('b', 0), node('x', 1), node('y', 1)];
    // a-y and b-x cross when x sits above y.
    const layers = orderLayers(
      nodes,
      [
        { from: 'a', to: 'y', dashed: false },
        { from: 'b', to: 'x', dashed: false },
      ],
      2,
    );
    const first = layers[0]!.map((n) => n.id);
    const second = layers[1]!.map((n) => n.id);
    expect(first.indexOf('a') < first.indexOf('b')).toBe(second.indexOf('y') < second.indexOf('x'));
  });

  it('puts every mapping in its cell, with its provenance escaped in the tooltip', () => {
    const svg = crosswalkMatrix(
      [
        {
          label: 'S1',
          title: 'Section 1',
          items: [
            { id: 'r1', label: '1.1', title: 'one' },
            { id: 'r2', label: '1.2', title: 'two' },
          ],
        },
      ],
      [{ label: 'T', title: 'T', items: [{ id: 'c1', label: 'A', title: 'a' }] }],
      [
        { row: 'r2', column: 'c1', relationships: ['EQUAL'], tooltip: 'Set: <b>"x"</b>' },
        { row: 'r9', column: 'c1', relationships: ['EQUAL'], tooltip: 'not on the axes' },
      ],
      'caption',
    ).markup;
    expect(svg.match(/<g class="mapping"/g)).toHaveLength(1);
    expect(svg).toContain('<title>Set: &lt;b&gt;&quot;x&quot;&lt;/b&gt;</title>');
  });

  it('draws one point per moment and shades the moments before the log', () => {
    const svg = lineChart([{ label: 'F', colour: '#000', values: [0, 10, 20], tooltips: ['a', 'b', 'c'] }], {
      caption: 'c',
      xLabels: ['Jan\n2026', 'Feb', 'Mar'],
      yLabel: 'y',
      shaded: { upTo: 2, note: 'before' },
    }).markup;
    expect(/<g class="series"[\s\S]*?<\/g>/.exec(svg)![0].match(/<circle/g)).toHaveLength(3);
    expect(svg).toContain('class="shaded"');
    expect(svg).toContain('>2026</text>');
  });
});
