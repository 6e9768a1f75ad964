/**
 * The Statement of Applicability (ISO/IEC 42001 6.1.3 d) as a printable page, with the
 * API's CSV and Markdown forms to download: every entry, applicable or excluded with its
 * justification, its implementation status, its controls and its evidence.
 */
import { ReportSoaDocument, ReportSoaFileDocument } from '../generated/graphql.js';
import { html, reportHref } from '../html.js';
import { ReportError, ReportParams, scopeArgument } from '../params.js';
import { STATUS_LABEL, STATUS_ORDER } from '../svg/palette.js';
import {
  article,
  classOf,
  dateOf,
  frameworkName,
  reportHeader,
  scopeFacts,
  scopeParams,
  scopeSystems,
  section,
  statusBadge,
  statusLegend,
  type Page,
  type PageRequest,
} from './common.js';

const SOA_PARAMS = { framework: 'one', system: 'many', asOf: 'one' } as const;

export const soaPage: Page = async ({ params: search, run, now }) => {
  const params = ReportParams.of(search, SOA_PARAMS);
  const frameworkId = params.framework();
  const scope = params.scope();
  const day = params.day();
  const systems = await scopeSystems(run, scope);
  const data = await run(ReportSoaDocument, { framework: frameworkId, scope: scopeArgument(scope), asOf: day.moment });
  const framework = data.framework;
  if (framework === null)
    throw new ReportError(404, 'NOT_FOUND', `Framework "${frameworkId}" does not exist`, { id: frameworkId });
  const soa = data.statementOfApplicability;
  const asOf = dateOf(soa.asOf);
  const linkParams = { framework: framework.id, ...scopeParams(scope, day) };
  const applicable = soa.entries.filter((e) => e.applicable).length;
  const title = `Statement of Applicability: ${frameworkName(framework)}`;
  const header = reportHeader(
    title,
    [
      ['Framework', `${framework.title} — ${framework.publisher}`],
      ['Entries', framework.id === 'iso42001' ? 'the Annex A controls' : 'every auditable requirement'],
      ['Scope', scopeFacts(systems, asOf)],
      ['Implementation as of', asOf],
    ],
    now,
  );
  const fileName = `soa-${framework.id}-${asOf}`;
  const downloads = html`<nav class="related downloads" aria-label="Downloads"><button type="button" class="download" data-download="${reportHref('api/soa.csv', linkParams)}" data-filename="${fileName}.csv">Download CSV</button> <button type="button" class="download" data-download="${reportHref('api/soa.md', linkParams)}" data-filename="${fileName}.md">Download Markdown</button> · <a href="${reportHref('coverage', linkParams)}">Coverage of ${framework.name}</a></nav>`;
  const summary = html`<dl class="summary">
<div class="total"><dt>Entries</dt><dd data-count="entries">${soa.entries.length}</dd></div>
<div><dt>Applicable</dt><dd data-count="applicable">${applicable}</dd></div>
<div><dt>Excluded</dt><dd data-count="excluded">${soa.entries.length - applicable}</dd></div>
${STATUS_ORDER.map((s) => html`<div class="status-${classOf(s)}"><dt>${STATUS_LABEL[s]}</dt><dd data-count="${s}">${soa.entries.filter((e) => e.implementationStatus === s).length}</dd></div>`)}
</dl>`;
  const rows = soa.entries.map(
    (e) => html`<tr data-applicable="${e.applicable}">
<td class="nowrap"><a class="ref" href="${reportHref('requirement', { ...linkParams, ref: e.requirement.ref })}">${e.requirement.ref}</a></td>
<td>${e.requirement.title ?? ''}</td>
<td>${e.applicable ? 'Yes' : html`<strong>No</strong>`}</td>
<td>${e.justification ?? html`<span class="muted">no decision recorded</span>`}</td>
<td>${statusBadge(e.implementationStatus)}</td>
<td>${e.controls.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${e.controls.map((c) => html`<li>${c.name} <span class="muted">(${c.status.toLowerCase()})</span></li>`)}</ul>`}</td>
<td>${e.evidence.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${e.evidence.map((v) => html`<li>${v.title}${v.validUntil === null ? '' : html` <span class="muted">(until ${v.validUntil})</span>`}</li>`)}</ul>`}</td>
</tr>`,
  );
  return article(
    'soa',
    title,
    html`${header}${downloads}
${section('Summary', html`${summary}${statusLegend()}`, 'summary-section')}
${section('Statement', html`<table class="data soa"><thead><tr><th>Ref</th><th>Title</th><th>Applicable</th><th>Justification</th><th>Implementation status</th><th>Controls</th><th>Evidence</th></tr></thead><tbody>${rows}</tbody></table>`)}`,
  );
};

/** The statement as the API writes it: CSV or Markdown, with a file name. */
export async function soaFile(
  request: PageRequest,
  format: 'csv' | 'md',
): Promise<{ fileName: string; mediaType: string; content: string }> {
  const params = ReportParams.of(request.params, SOA_PARAMS);
  const framework = params.framework();
  const scope = params.scope();
  const day = params.day();
  const { statementOfApplicability: soa } = await request.run(ReportSoaFileDocument, {
    framework,
    scope: scopeArgument(scope),
    asOf: day.moment,
    csv: format === 'csv',
  });
  const content = (format === 'csv' ? soa.csv : soa.markdown) ?? '';
  return {
    fileName: `soa-${framework}-${day.date}.${format}`,
    mediaType: format === 'csv' ? 'text/csv; charset=utf-8' : 'text/markdown; charset=utf-8',
    content,
  };
}
