/**
 * The trace of an AI system as a picture: the system, the risks raised on it, the
 * controls and obligations, the requirements they reach, and the evidence for each, in
 * five columns. Requirements carry their coverage status for the system (a gap or a
 * partial one stands out), and evidence whose period has ended is marked expired.
 */
import {
  ReportTraceDocument,
  ReportTraceStatusDocument,
  type CoverageStatus,
  type ReportTraceQuery,
} from '../generated/graphql.js';
import { html, type Html, reportHref } from '../html.js';
import { ReportParams } from '../params.js';
import { layeredGraph, type GraphEdge, type GraphNode, type LegendEntry } from '../svg/layered.js';
import { STATUS_COLOUR, STATUS_LABEL } from '../svg/palette.js';
import {
  article,
  classOf,
  dayParam,
  mapBounded,
  refAndTitle,
  reportHeader,
  section,
  statusBadge,
  type Page,
} from './common.js';

type Traced = ReportTraceQuery['trace']['requirements'][number];
type Step = Traced['paths'][number]['steps'][number];
type EvidenceItem = Traced['evidence'][number];

const LAYERS = ['AI system', 'Risks', 'Controls and obligations', 'Requirements', 'Evidence'];
/** The most nodes one column of the picture draws: past that, what needs attention first (gaps, expired evidence, idle controls). */
export const DRAWN_PER_COLUMN = 60;
/** The most paths, or evidence items, one cell of the table lists (expired and pending evidence first). */
export const LISTED_PER_CELL = 12;
const ATTENTION = ['status-gap', 'status-partial', 'expired', 'pending', 'idle'];

/** At most DRAWN_PER_COLUMN nodes a column, the ones needing attention first, and the edges between those drawn. */
export function bounded(nodes: readonly GraphNode[], edges: readonly GraphEdge[]) {
  const needsAttention = (n: GraphNode): boolean => n.className.split(' ').some((c) => ATTENTION.includes(c));
  const kept: GraphNode[] = [];
  const left = LAYERS.map(() => 0);
  LAYERS.forEach((_name, layer) => {
    const column = nodes.filter((n) => n.layer === layer);
    const ordered = [...column.filter(needsAttention), ...column.filter((n) => !needsAttention(n))];
    kept.push(...ordered.slice(0, DRAWN_PER_COLUMN));
    left[layer] = Math.max(0, column.length - DRAWN_PER_COLUMN);
  });
  const drawn = new Set(kept.map((n) => n.id));
  return { nodes: kept, edges: edges.filter((e) => drawn.has(e.from) && drawn.has(e.to)), left };
}

/** The first `limit` items, and a last line saying how many more there are. */
function capped<T>(items: readonly T[], show: (item: T) => Html, limit = LISTED_PER_CELL): Html[] {
  const more = items.length - limit;
  return [
    ...items.slice(0, limit).map(show),
    ...(more > 0 ? [html`<li class="muted more">and ${more} more</li>`] : []),
  ];
}
const CONTRIBUTING = new Set(['IMPLEMENTED', 'OPERATING']);

const STYLE = {
  start: { fill: '#e6edf7', stroke: '#3b5b8c' },
  risk: { fill: '#fdf0e4', stroke: '#b35806' },
  control: { fill: '#e9f4ea', stroke: '#2f6f3a' },
  idle: { fill: '#f2f2f2', stroke: '#8c8c8c' },
  obligation: { fill: '#f1ecf8', stroke: '#5e3c99' },
  evidence: { fill: '#f7f7f7', stroke: '#4d4d4d' },
  expired: { fill: '#fde7e9', stroke: '#c51b2a' },
  pending: { fill: '#f7f7f7', stroke: '#8c8c8c' },
} as const;

/** Whether an evidence item's period covers `date` (YYYY-MM-DD), has ended, or has not begun. */
export function evidenceState(
  e: Pick<EvidenceItem, 'effectiveFrom' | 'validUntil'>,
  date: string,
): 'valid' | 'expired' | 'pending' {
  if (e.validUntil !== null && e.validUntil < date) return 'expired';
  if (e.effectiveFrom !== null && e.effectiveFrom > date) return 'pending';
  return 'valid';
}

function stepNode(step: Step): Omit<GraphNode, 'href'> | null {
  switch (step.__typename) {
    case 'Risk':
      return {
        id: step.id,
        layer: 1,
        label: step.title,
        detail: `risk score ${step.likelihood * step.impact} (likelihood ${step.likelihood} × impact ${step.impact})`,
        title: `Risk: ${step.title}`,
        ...STYLE.risk,
        dashed: false,
        className: 'risk',
      };
    case 'Control': {
      const operating = CONTRIBUTING.has(step.controlStatus);
      return {
        id: step.id,
        layer: 2,
        label: step.name,
        detail: `control · ${step.controlStatus.toLowerCase()}`,
        title: `Control: ${step.name} (${step.controlStatus.toLowerCase()}${operating ? '' : ': contributes nothing'})`,
        ...(operating ? STYLE.control : STYLE.idle),
        dashed: !operating,
        className: operating ? 'control' : 'control idle',
      };
    }
    case 'Obligation':
      return {
        id: step.id,
        layer: 2,
        label: step.title,
        detail: `obligation · ${step.obligationStatus.toLowerCase()}${step.dueDate ? ` · due ${step.dueDate}` : ''}`,
        title: `Obligation: ${step.title}`,
        ...STYLE.obligation,
        dashed: false,
        className: 'obligation',
      };
    default:
      return null;
  }
}

export const tracePage: Page = async ({ params: search, run, now }) => {
  const params = ReportParams.of(search, { system: 'one', framework: 'one', asOf: 'one' });
  const from = params.required('system', 'the id of an AI system or dataset');
  const frameworkId = params.optional('framework') === null ? null : params.framework();
  const day = params.day();
  const { trace } = await run(ReportTraceDocument, { from, framework: frameworkId });
  const start = trace.from;
  const startName = start.__typename === 'AISystem' || start.__typename === 'Dataset' ? start.name : start.id;
  const isSystem = start.__typename === 'AISystem';

  // Each requirement's status by the coverage rule, for this system (a dataset: for the whole organisation).
  const status = new Map<string, CoverageStatus>();
  const frameworks = [...new Set(trace.requirements.map((r) => r.requirement.framework.id))];
  const assessed = await mapBounded(frameworks, 2, (framework) =>
    run(ReportTraceStatusDocument, { framework, scope: isSystem ? { systems: [start.id] } : null, asOf: day.moment }),
  );
  for (const { coverage } of assessed) for (const r of coverage.requirements) status.set(r.requirement.id, r.status);

  const nodes = new Map<string, GraphNode>();
  const edges = new Map<string, GraphEdge>();
  const addEdge = (a: string, b: string, dashed = false): void => {
    if (!edges.has(`${a}>${b}`)) edges.set(`${a}>${b}`, { from: a, to: b, dashed });
  };
  nodes.set(start.id, {
    id: start.id,
    layer: 0,
    label: startName,
    detail:
      start.__typename === 'AISystem'
        ? `${(start.riskClass ?? 'unclassified').toLowerCase().replace(/_/g, ' ')} · ${start.lifecycleStage.toLowerCase().replace(/_/g, ' ')}`
        : start.__typename.toLowerCase(),
    title: `${start.__typename === 'AISystem' ? 'AI system' : start.__typename}: ${startName}`,
    ...STYLE.start,
    dashed: false,
    className: 'start',
    href: null,
  });
  const expired: EvidenceItem[] = [];
  for (const traced of trace.requirements) {
    const r = traced.requirement;
    const s = status.get(r.id) ?? null;
    const colour = s === null ? '#4d4d4d' : STATUS_COLOUR[s];
    const weak = s === 'GAP' || s === 'PARTIAL';
    nodes.set(r.id, {
      id: r.id,
      layer: 3,
      label: refAndTitle(r),
      detail: `${r.framework.name} · ${s === null ? 'groups others' : STATUS_LABEL[s].toLowerCase()}`,
      title: `${r.framework.name} ${refAndTitle(r)}: ${s === null ? 'no status of its own' : STATUS_LABEL[s]}`,
      fill: s === 'GAP' ? '#fde7e9' : s === 'PARTIAL' ? '#fdf1e3' : '#ffffff',
      stroke: colour,
      dashed: weak,
      className: `requirement${s === null ? '' : ` status-${classOf(s)}`}`,
      href:
        s === null
          ? null
          : reportHref('requirement', {
              framework: r.framework.id,
              ref: r.ref,
              system: isSystem ? start.id : null,
              asOf: dayParam(day),
            }),
    });
    for (const path of traced.paths) {
      let previous = start.id;
      for (const step of path.steps.slice(1, -1)) {
        const node = stepNode(step);
        if (node === null) continue;
        if (!nodes.has(node.id)) nodes.set(node.id, { ...node, href: null });
        addEdge(previous, node.id);
        previous = node.id;
      }
      addEdge(previous, r.id, path.coverage === 'PARTIAL');
    }
    for (const e of traced.evidence) {
      const state = evidenceState(e, day.date);
      if (!nodes.has(e.id)) {
        if (state === 'expired') expired.push(e);
        nodes.set(e.id, {
          id: e.id,
          layer: 4,
          label: e.title,
          detail:
            state === 'expired'
              ? `EXPIRED ${e.validUntil}`
              : state === 'pending'
                ? `effective from ${e.effectiveFrom}`
                : e.validUntil === null
                  ? 'valid, open-ended'
                  : `valid until ${e.validUntil}`,
          title: `Evidence (${e.evidenceType.toLowerCase().replace(/_/g, ' ')}): ${e.title}, ${e.effectiveFrom ?? '…'} to ${e.validUntil ?? '…'}${state === 'expired' ? ': expired' : state === 'pending' ? ': not yet effective' : ''}`,
          ...STYLE[state === 'valid' ? 'evidence' : state],
          dashed: state !== 'valid',
          className: `evidence ${state}`,
          href: null,
        });
      }
      addEdge(r.id, e.id);
    }
  }

  const all = [...nodes.values()];
  const picture = bounded(all, [...edges.values()]);
  const notDrawn = picture.left
    .map((n, layer) => (n > 0 ? `${n} more ${LAYERS[layer]!.toLowerCase()}` : null))
    .filter((x) => x !== null);
  const countOf = (className: string): number => all.filter((n) => n.className.split(' ').includes(className)).length;
  const gaps = trace.requirements.filter((t) => status.get(t.requirement.id) === 'GAP');
  const partial = trace.requirements.filter((t) => status.get(t.requirement.id) === 'PARTIAL');
  const legend: LegendEntry[] = [
    { label: 'AI system', ...STYLE.start, dashed: false },
    { label: 'Risk raised on it', ...STYLE.risk, dashed: false },
    { label: 'Control (implemented or operating)', ...STYLE.control, dashed: false },
    { label: 'Control not in operation', ...STYLE.idle, dashed: true },
    { label: 'Obligation', ...STYLE.obligation, dashed: false },
    { label: 'Requirement covered', fill: '#ffffff', stroke: STATUS_COLOUR.COVERED, dashed: false },
    { label: 'Requirement partial', fill: '#fdf1e3', stroke: STATUS_COLOUR.PARTIAL, dashed: true },
    { label: 'Requirement with a gap', fill: '#fde7e9', stroke: STATUS_COLOUR.GAP, dashed: true },
    { label: 'Evidence valid', ...STYLE.evidence, dashed: false },
    { label: 'Evidence expired', ...STYLE.expired, dashed: true },
    { label: 'Evidence not yet effective', ...STYLE.pending, dashed: true },
    { label: 'Dashed line: implements in part', fill: '#ffffff', stroke: '#8a96a3', dashed: true },
  ];
  const title = `Trace of ${startName}`;
  const header = reportHeader(
    title,
    [
      [start.__typename === 'AISystem' ? 'AI system' : start.__typename, startName],
      ['Frameworks', frameworkId === null ? 'all' : frameworkId],
      ['Coverage scope', isSystem ? startName : 'Whole organisation'],
      ['As of', day.date],
    ],
    now,
  );
  const summary = html`<dl class="summary">
<div><dt>Risks</dt><dd data-count="risks">${countOf('risk')}</dd></div>
<div><dt>Controls</dt><dd data-count="controls">${countOf('control')}</dd></div>
<div><dt>Obligations</dt><dd data-count="obligations">${countOf('obligation')}</dd></div>
<div class="total"><dt>Requirements reached</dt><dd data-count="requirements">${trace.requirements.length}</dd></div>
<div class="status-gap"><dt>Gaps</dt><dd data-count="gaps">${gaps.length}</dd></div>
<div class="status-partial"><dt>Partial</dt><dd data-count="partial">${partial.length}</dd></div>
<div><dt>Evidence items</dt><dd data-count="evidence">${countOf('evidence')}</dd></div>
<div class="status-gap"><dt>Expired evidence</dt><dd data-count="expired">${expired.length}</dd></div>
</dl>`;
  const rows = trace.requirements.map((t) => {
    const s = status.get(t.requirement.id) ?? null;
    return html`<tr><td class="nowrap"><span class="ref">${t.requirement.framework.name} ${t.requirement.ref}</span></td><td>${t.requirement.title ?? ''}</td><td>${s === null ? html`<span class="muted">groups others</span>` : statusBadge(s)}</td>
<td><ul class="plain">${capped(t.paths, (p) => html`<li>${p.route.toLowerCase()}: ${pathText(p.steps)}${p.coverage === null ? '' : ` (${p.coverage.toLowerCase()})`}</li>`)}</ul></td>
<td>${t.evidence.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${capped(attentionFirst(t.evidence, day.date), (e) => evidenceItem(e, day.date))}</ul>`}</td></tr>`;
  });
  return article(
    'trace',
    title,
    html`${header}${isSystem ? html`<nav class="related" aria-label="Related reports"><a href="${reportHref('coverage', { framework: frameworkId ?? 'iso42001', system: start.id, asOf: dayParam(day) })}">Coverage for ${startName}</a></nav>` : ''}
${section('Summary', summary, 'summary-section')}
${section('Graph', trace.requirements.length === 0 ? html`<p>The trace reaches no requirement.</p>` : html`<figure class="chart-box">${layeredGraph(picture.nodes, picture.edges, LAYERS, legend, title)}<figcaption>From ${startName} through risks, controls and obligations to requirements and their evidence. Requirements link to the explanation of their status.${notDrawn.length === 0 ? '' : html` <span class="not-drawn">Not drawn: ${notDrawn.join(', ')} (each column draws ${DRAWN_PER_COLUMN}, gaps, expired evidence and idle controls first); the counts above include them, and the table lists every requirement.</span>`}</figcaption></figure>`)}
${section(`Requirements reached (${trace.requirements.length})`, html`<table class="data"><thead><tr><th>Ref</th><th>Title</th><th>Status</th><th>How</th><th>Evidence</th></tr></thead><tbody>${rows}</tbody></table>`)}`,
  );
};

function pathText(steps: readonly Step[]): string {
  return steps
    .slice(1, -1)
    .map((s) =>
      s.__typename === 'Risk'
        ? s.title
        : s.__typename === 'Control'
          ? s.name
          : s.__typename === 'Obligation'
            ? s.title
            : s.id,
    )
    .join(' → ');
}

/** Expired and not yet effective evidence first, each group in its order. */
function attentionFirst(evidence: readonly EvidenceItem[], date: string): EvidenceItem[] {
  const valid = (e: EvidenceItem): boolean => evidenceState(e, date) === 'valid';
  return [...evidence.filter((e) => !valid(e)), ...evidence.filter(valid)];
}

function evidenceItem(e: EvidenceItem, date: string): Html {
  const state = evidenceState(e, date);
  return html`<li class="evidence-${state}">${e.title} <span class="muted">(${e.effectiveFrom ?? '…'} to ${e.validUntil ?? '…'})</span>${state === 'expired' ? html` <strong class="mark-expired">expired</strong>` : state === 'pending' ? html` <strong class="mark-pending">not yet effective</strong>` : ''}</li>`;
}
