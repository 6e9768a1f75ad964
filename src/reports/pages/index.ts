/** The reports index: a picker for each report (framework, scope or system, pair of frameworks, date). */
import { ReportIndexDocument } from '../generated/graphql.js';
import { html, type Html, reportHref } from '../html.js';
import { ReportParams } from '../params.js';
import { article, reportHeader, section, type Page } from './common.js';

export const indexPage: Page = async ({ params: search, run, now }) => {
  ReportParams.of(search, {});
  const { frameworks, aiSystems, crosswalkSets } = await run(ReportIndexDocument, {});
  const systems = aiSystems.edges.map((e) => e.node);
  const frameworkOptions = (selected: string | null): Html =>
    html`${frameworks.map((f) => html`<option value="${f.id}"${f.id === selected ? html` selected` : ''}>${f.name} (${f.version})</option>`)}`;
  const systemOptions = html`${systems.map((s) => html`<option value="${s.id}">${s.name}${s.lifecycleStage === 'RETIREMENT' ? ' (retired)' : ''}</option>`)}`;
  const scopeField = (id: string): Html =>
    html`<label for="${id}">Scope <span class="hint">(none chosen: the whole organisation; Ctrl or ⌘ to choose several)</span></label><select id="${id}" name="system" multiple size="${Math.min(6, Math.max(2, systems.length))}">${systemOptions}</select>`;
  const dateField = (id: string, label = 'As of'): Html =>
    html`<label for="${id}">${label} <span class="hint">(empty: today)</span></label><input id="${id}" type="date" name="asOf">`;
  const more =
    aiSystems.totalCount > systems.length
      ? html`<p class="hint">The first ${systems.length} of ${aiSystems.totalCount} AI systems are offered; others can be named in the address with <code>system=&lt;id&gt;</code>.</p>`
      : '';

  const coverage = html`<form class="picker" action="/reports/coverage" method="get" id="pick-coverage">
<label for="coverage-framework">Framework</label><select id="coverage-framework" name="framework" required>${frameworkOptions('iso42001')}</select>
${scopeField('coverage-scope')}${dateField('coverage-date')}
<button type="submit">Show coverage</button></form>`;
  const crosswalk = html`<form class="picker" action="/reports/crosswalk" method="get" id="pick-crosswalk">
<label for="crosswalk-from">Rows</label><select id="crosswalk-from" name="from" required>${frameworkOptions('eu-ai-act')}</select>
<label for="crosswalk-to">Columns</label><select id="crosswalk-to" name="to" required>${frameworkOptions('iso42001')}</select>
<button type="submit">Show the matrix</button></form>
<p class="hint">Pairs with a crosswalk set:</p><ul class="sets">${crosswalkSets.map(
    (s) =>
      html`<li><a href="${reportHref('crosswalk', { from: s.from.id, to: s.to.id })}">${s.from.name} → ${s.to.name}</a> <span class="muted">${s.title}, ${s.mappingCount} mappings</span></li>`,
  )}</ul>`;
  const trace = html`<form class="picker" action="/reports/trace" method="get" id="pick-trace">
<label for="trace-system">AI system</label><select id="trace-system" name="system" required>${systemOptions}</select>
<label for="trace-framework">Frameworks</label><select id="trace-framework" name="framework"><option value="">All frameworks</option>${frameworkOptions(null)}</select>
${dateField('trace-date')}
<button type="submit">Show the trace</button></form>`;
  const history = html`<form class="picker" action="/reports/history" method="get" id="pick-history">
<fieldset><legend>Frameworks</legend>${frameworks.map((f) => html`<label class="check"><input type="checkbox" name="framework" value="${f.id}" checked> ${f.name}</label>`)}</fieldset>
${scopeField('history-scope')}${dateField('history-date', 'Last point')}
<button type="submit">Show coverage over time</button></form>`;
  const soa = html`<form class="picker" action="/reports/soa" method="get" id="pick-soa">
<label for="soa-framework">Framework</label><select id="soa-framework" name="framework" required>${frameworkOptions('iso42001')}</select>
${scopeField('soa-scope')}${dateField('soa-date')}
<button type="submit">Show the statement</button></form>`;

  return article(
    'index',
    'Reports',
    html`${reportHeader('Reports', [['Organisation', `${aiSystems.totalCount} AI systems, ${frameworks.length} frameworks, ${crosswalkSets.length} crosswalk sets`]], now)}
<div class="pickers">
${section('Coverage of a framework', html`<p class="lead">A heat map of sections against statuses, the summary, and the gaps riskiest first, each requirement linking to its explanation.</p>${coverage}`)}
${section('Crosswalk matrix', html`<p class="lead">Requirements of two frameworks on both axes, cells coloured by relationship, provenance on hover.</p>${crosswalk}`)}
${section('Trace of an AI system', html`<p class="lead">System, risks, controls, requirements and evidence as a graph; expired evidence and gaps marked.</p>${trace}`)}
${section('Coverage over time', html`<p class="lead">A line per framework across the last twelve months.</p>${history}`)}
${section('Statement of Applicability', html`<p class="lead">Printable, and as CSV or Markdown.</p>${soa}`)}
</div>${more}`,
  );
};
