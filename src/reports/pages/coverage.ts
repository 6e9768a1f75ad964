/**
 * Coverage of a framework for a scope: the summary, a heat map of sections against
 * statuses, the gaps riskiest first with what would close them, and every requirement
 * with its status, each linking to its explanation.
 */
import { ReportCoverageDocument, type RemedyKind, type ReportCoverageQuery } from '../generated/graphql.js';
import { html, type Html, reportHref } from '../html.js';
import { ReportError, ReportParams, scopeArgument } from '../params.js';
import { heatmap } from '../svg/heatmap.js';
import { STATUS_ORDER } from '../svg/palette.js';
import {
  article,
  dateOf,
  frameworkName,
  refAndTitle,
  reportHeader,
  scopeFacts,
  scopeParams,
  scopeSystems,
  section,
  statusBadge,
  statusLegend,
  summaryList,
  type Page,
} from './common.js';

type Remedy = ReportCoverageQuery['gaps'][number]['remedies'][number];

const REMEDY: Readonly<Record<RemedyKind, (r: Remedy) => Html>> = {
  ADD_VALID_EVIDENCE: (r) => html`Collect valid evidence for <em>${r.control?.name ?? 'its control'}</em>`,
  OPERATE_CONTROL: (r) => html`Bring <em>${r.control?.name ?? 'its control'}</em> into operation`,
  EXTEND_CONTROL: (r) => html`Extend <em>${r.control?.name ?? 'its control'}</em> to all of it`,
  EXTEND_FROM_COVERED_PARTNER: (r) =>
    html`Extend the control of ${r.partner === null ? 'a fully met requirement' : html`<em>${r.partner.framework.name} ${r.partner.ref}</em>`} (fully met) to the rest`,
  IMPLEMENT_CONTROL: () => html`Implement a control`,
};

export const coveragePage: Page = async ({ params: search, run, now }) => {
  const params = ReportParams.of(search, { framework: 'one', system: 'many', asOf: 'one' });
  const frameworkId = params.framework();
  const scope = params.scope();
  const day = params.day();
  const systems = await scopeSystems(run, scope);
  const data = await run(ReportCoverageDocument, {
    framework: frameworkId,
    scope: scopeArgument(scope),
    asOf: day.moment,
  });
  const framework = data.framework;
  if (framework === null)
    throw new ReportError(404, 'NOT_FOUND', `Framework "${frameworkId}" does not exist`, { id: frameworkId });
  const { coverage, gaps } = data;
  const asOf = dateOf(coverage.asOf);
  const linkParams = { framework: framework.id, ...scopeParams(scope, day) };
  const explain = (ref: string): string => reportHref('requirement', { ...linkParams, ref });

  const rows = coverage.sections.map((s) => ({
    label: refAndTitle(s.section),
    title: `${refAndTitle(s.section)}: ${s.summary.total} auditable requirements`,
    counts: {
      COVERED: s.summary.covered,
      COVERED_VIA_CROSSWALK: s.summary.coveredViaCrosswalk,
      PARTIAL: s.summary.partial,
      GAP: s.summary.gap,
      NOT_APPLICABLE: s.summary.notApplicable,
    },
    total: s.summary.total,
  }));
  const title = `Coverage of ${frameworkName(framework)}`;
  const header = reportHeader(
    title,
    [
      ['Framework', `${framework.title} — ${framework.publisher}`],
      ['Scope', scopeFacts(systems, asOf)],
      ['As of', asOf],
    ],
    now,
  );
  const links = html`<nav class="related" aria-label="Related reports"><a href="${reportHref('soa', linkParams)}">Statement of Applicability</a> · <a href="${reportHref('history', linkParams)}">Coverage over time</a></nav>`;

  const gapRows = gaps.map(
    (gap, i) => html`<tr data-status="${gap.coverage.status}">
<td class="num">${i + 1}</td>
<td><a href="${explain(gap.coverage.requirement.ref)}"><span class="ref">${gap.coverage.requirement.ref}</span> ${gap.coverage.requirement.title ?? ''}</a></td>
<td>${statusBadge(gap.coverage.status)}</td>
<td class="num">${gap.riskScore}</td>
<td>${gap.risks.length === 0 ? html`<span class="muted">none recorded</span>` : html`<ul class="plain">${gap.risks.map((r) => html`<li>${r.title}</li>`)}</ul>`}</td>
<td><ul class="plain">${gap.remedies.map((r) => html`<li>${REMEDY[r.kind](r)}</li>`)}</ul></td>
</tr>`,
  );
  const gapTable =
    gaps.length === 0
      ? html`<p>No gaps and no partial requirements.</p>`
      : html`<table class="data gaps"><thead><tr><th>#</th><th>Requirement</th><th>Status</th><th>Risk score</th><th>Risks left untreated</th><th>What would close it</th></tr></thead><tbody>${gapRows}</tbody></table>`;

  const everyRow = coverage.requirements.map(
    (r) => html`<tr data-status="${r.status}">
<td class="nowrap"><a href="${explain(r.requirement.ref)}" class="ref">${r.requirement.ref}</a></td>
<td>${r.requirement.title ?? ''}</td>
<td>${statusBadge(r.status)}</td>
<td class="reason">${r.reason}</td>
</tr>`,
  );
  const counted = STATUS_ORDER.map((s) => coverage.requirements.filter((r) => r.status === s).length);

  return article(
    'coverage',
    title,
    html`${header}${links}
${section('Summary', html`${summaryList(coverage.summary)}${statusLegend()}`, 'summary-section')}
${section('By section', html`<figure class="chart-box">${heatmap(rows, `${framework.name}: requirements by section and status`)}<figcaption>Sections of ${framework.name} against the coverage statuses, as of ${asOf}.</figcaption></figure>`)}
${section(`Gaps and partial requirements, riskiest first (${gaps.length})`, html`<p class="lead">Ordered by the highest score among the in-scope risks treated by controls that implement each requirement, then gaps before partials. Each requirement links to the explanation of its status.</p>${gapTable}`, 'gaps-section')}
${section(
  `Every requirement (${coverage.requirements.length})`,
  html`<p class="lead" data-counts="${counted.join(',')}">Every auditable requirement of ${framework.name} with its status and the reason for it.</p><table class="data every"><thead><tr><th>Ref</th><th>Title</th><th>Status</th><th>Why</th></tr></thead><tbody>${everyRow}</tbody></table>`,
)}`,
  );
};
