/**
 * The crosswalk between two frameworks as a matrix: the requirements that take part in
 * a stored mapping, on both axes, grouped by top-level section in document order; cells
 * coloured by relationship with the provenance on hover, then the same mappings as a
 * table for paper.
 */
import {
  ReportCrosswalkDocument,
  type Relationship,
  type ReportCrosswalkAxisFragment,
  type ReportMappingFragment,
} from '../generated/graphql.js';
import { html, reportHref } from '../html.js';
import { ReportError, ReportParams } from '../params.js';
import { crosswalkMatrix, type AxisSection, type MatrixCell } from '../svg/matrix.js';
import { RELATIONSHIP_LABEL, RELATIONSHIP_ORDER, RELATIONSHIP_PHRASE } from '../svg/palette.js';
import { article, classOf, frameworkName, refAndTitle, reportHeader, section, type Page } from './common.js';

/** The requirements of `framework` among `ids`, grouped by their top-level section, both in document order. */
function axis(framework: ReportCrosswalkAxisFragment, ids: ReadonlySet<string>): AxisSection[] {
  const roots = new Map(framework.roots.map((r) => [r.id, r]));
  const sections = new Map<string, AxisSection & { items: AxisSection['items'][number][] }>();
  for (const r of framework.requirements) {
    if (!ids.has(r.id)) continue;
    const rootId = r.ancestors[0]?.id ?? r.id;
    const root = roots.get(rootId);
    const label = root === undefined ? rootId : refAndTitle(root);
    if (!sections.has(rootId)) sections.set(rootId, { label, title: `${framework.name} ${label}`, items: [] });
    sections.get(rootId)!.items.push({ id: r.id, label: r.ref, title: `${framework.name} ${refAndTitle(r)}` });
  }
  return [...sections.values()];
}

function tooltip(m: ReportMappingFragment): string {
  const lines = [
    `${m.source.framework.name} ${refAndTitle(m.source)}`,
    `  is ${RELATIONSHIP_PHRASE[m.relationship]}`,
    `${m.target.framework.name} ${refAndTitle(m.target)}`,
    `Set: ${m.provenance.set.title} (${m.provenance.set.id})`,
    `Publisher: ${m.provenance.publisher}`,
    `Source: ${m.provenance.source}${m.provenance.sourceUrl ? ` <${m.provenance.sourceUrl}>` : ''}`,
    `Licence: ${m.provenance.licence}`,
    `Added by ${m.provenance.addedBy} on ${m.provenance.addedAt.slice(0, 10)}`,
    `Rationale ${m.rationale.toLowerCase()}, method ${m.method.toLowerCase()}, status ${m.status.toLowerCase()}${m.strength === null ? '' : `, strength ${m.strength}`}${
      m.confidence === null ? '' : `, confidence ${m.confidence}`
    }${m.inverted ? ' (stored the other way round)' : ''}`,
  ];
  if (m.originalRelationship) lines.push(`The source's relationship: ${m.originalRelationship}`);
  if (m.citation) lines.push(`The source's reference: ${m.citation}`);
  if (m.justification) lines.push(`Why: ${m.justification}`);
  return lines.join('\n');
}

export const crosswalkPage: Page = async ({ params: search, run, now }) => {
  const params = ReportParams.of(search, { from: 'one', to: 'one' });
  const from = params.framework('from');
  const to = params.framework('to');
  if (from === to)
    throw new ReportError(400, 'BAD_USER_INPUT', 'Choose two different frameworks for "from" and "to"', {
      parameter: 'to',
    });
  const data = await run(ReportCrosswalkDocument, { from, to });
  const { fromFramework, toFramework, crosswalk } = data;
  if (fromFramework === null)
    throw new ReportError(404, 'NOT_FOUND', `Framework "${from}" does not exist`, { id: from });
  if (toFramework === null) throw new ReportError(404, 'NOT_FOUND', `Framework "${to}" does not exist`, { id: to });

  const rows = axis(fromFramework, new Set(crosswalk.map((m) => m.source.id)));
  const columns = axis(toFramework, new Set(crosswalk.map((m) => m.target.id)));
  const byCell = new Map<string, ReportMappingFragment[]>();
  for (const m of crosswalk) {
    const key = `${m.source.id}\u0000${m.target.id}`;
    byCell.set(key, [...(byCell.get(key) ?? []), m]);
  }
  const cells: MatrixCell[] = [...byCell.values()].map((ms) => ({
    row: ms[0]!.source.id,
    column: ms[0]!.target.id,
    relationships: ms.map((m) => m.relationship),
    tooltip: ms.map(tooltip).join('\n\n'),
  }));
  const counts = new Map<Relationship, number>(
    RELATIONSHIP_ORDER.map((r) => [r, crosswalk.filter((m) => m.relationship === r).length]),
  );
  const sets = [...new Map(crosswalk.map((m) => [m.provenance.set.id, m.provenance])).values()];
  const rowCount = rows.reduce((n, s) => n + s.items.length, 0);
  const columnCount = columns.reduce((n, s) => n + s.items.length, 0);
  const title = `Crosswalk: ${fromFramework.name} to ${toFramework.name}`;
  const header = reportHeader(
    title,
    [
      ['Rows', frameworkName(fromFramework)],
      ['Columns', frameworkName(toFramework)],
      ['Crosswalk sets', sets.length === 0 ? 'none' : sets.map((s) => `${s.set.title} (${s.publisher})`).join('; ')],
    ],
    now,
  );
  const swap = html`<nav class="related" aria-label="Related reports"><a href="${reportHref('crosswalk', { from: to, to: from })}">The other way round: ${toFramework.name} to ${fromFramework.name}</a></nav>`;
  if (crosswalk.length === 0) {
    return article(
      'crosswalk',
      title,
      html`${header}${swap}${section('Mappings', html`<p data-count="mappings" data-value="0">No crosswalk set maps ${fromFramework.name} to ${toFramework.name} directly. The reports index lists the pairs that have one.</p>`)}`,
    );
  }
  const summary = html`<dl class="summary"><div class="total"><dt>Stored mappings</dt><dd data-count="mappings">${crosswalk.length}</dd></div><div><dt>${fromFramework.name} requirements mapped</dt><dd data-count="rows">${rowCount}</dd></div><div><dt>${toFramework.name} requirements mapped</dt><dd data-count="columns">${columnCount}</dd></div>${RELATIONSHIP_ORDER.filter(
    (r) => counts.get(r)! > 0,
  ).map(
    (r) =>
      html`<div class="rel-${classOf(r)}"><dt>${RELATIONSHIP_LABEL[r].split(' (')[0] ?? r}</dt><dd data-count="${r}">${counts.get(r)}</dd></div>`,
  )}</dl>`;
  const table = html`<table class="data mappings"><thead><tr><th>${fromFramework.name}</th><th>Relationship</th><th>${toFramework.name}</th><th>Set</th><th>Publisher and source</th><th>Why</th></tr></thead><tbody>${crosswalk.map(
    (m) =>
      html`<tr><td><span class="ref">${m.source.ref}</span> ${m.source.title ?? ''}</td><td class="nowrap"><span class="rel rel-${classOf(m.relationship)}">${RELATIONSHIP_PHRASE[m.relationship]}</span></td><td><span class="ref">${m.target.ref}</span> ${m.target.title ?? ''}</td><td>${m.provenance.set.title}</td><td>${m.provenance.publisher}; ${m.provenance.source}</td><td>${m.justification}</td></tr>`,
  )}</tbody></table>`;
  return article(
    'crosswalk',
    title,
    html`${header}${swap}
${section('Summary', summary, 'summary-section')}
${section('Matrix', html`<p class="lead">Rows: ${fromFramework.name}; columns: ${toFramework.name}; only requirements that take part in a stored mapping, grouped by top-level section. Hover over a cell for its mappings and their provenance.</p><figure class="chart-box wide">${crosswalkMatrix(rows, columns, cells, title)}</figure>`)}
${section(`Every mapping (${crosswalk.length})`, table)}`,
  );
};
