/**
 * Coverage over time: for each framework, the share of its applicable requirements that
 * are covered (directly or through the crosswalk) at the end of each of the last twelve
 * months, the last point being the day asked for. Each point is one side of a
 * `coverageChange` comparison (six comparisons give the twelve points), so it is the
 * graph as it stood then, with evidence judged on that day. The six comparisons of a
 * framework are one operation (run side by side by the API); two frameworks are asked
 * for at a time.
 */
import {
  ReportChangeLogStartDocument,
  ReportHistoryDocument,
  type ReportFrameworkFragment,
  type ReportSummaryFragment,
} from '../generated/graphql.js';
import { fixed, html, reportHref } from '../html.js';
import { monthEnds, ReportError, ReportParams, scopeArgument } from '../params.js';
import { lineChart, type LineSeries } from '../svg/lines.js';
import { SERIES_COLOURS } from '../svg/palette.js';
import {
  article,
  coveredShare,
  mapBounded,
  reportHeader,
  scopeFacts,
  scopeParams,
  scopeSystems,
  section,
  type Page,
} from './common.js';

/** As many as ReportHistory has moments ($t0 to $t11). */
export const HISTORY_MONTHS = 12;
const DEFAULT_FRAMEWORKS = ['iso42001', 'iso27001', 'iso9001', 'eu-ai-act', 'nist-ai-rmf'];
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' });

interface FrameworkHistory {
  readonly framework: ReportFrameworkFragment;
  readonly points: readonly ReportSummaryFragment[];
}

export const historyPage: Page = async ({ params: search, run, now }) => {
  const params = ReportParams.of(search, { framework: 'many', system: 'many', asOf: 'one' });
  const frameworkIds = params.frameworks() ?? DEFAULT_FRAMEWORKS;
  if (frameworkIds.length > SERIES_COLOURS.length) {
    throw new ReportError(400, 'BAD_USER_INPUT', `Name at most ${SERIES_COLOURS.length} frameworks`, {
      parameter: 'framework',
    });
  }
  const scope = params.scope();
  const day = params.day();
  const systems = await scopeSystems(run, scope);
  const moments = monthEnds(day, HISTORY_MONTHS, now);
  const t = (i: number): string => moments[i]!;
  const at = {
    t0: t(0),
    t1: t(1),
    t2: t(2),
    t3: t(3),
    t4: t(4),
    t5: t(5),
    t6: t(6),
    t7: t(7),
    t8: t(8),
    t9: t(9),
    t10: t(10),
    t11: t(11),
  };

  const [histories, { changes }] = await Promise.all([
    mapBounded(frameworkIds, 2, async (id): Promise<FrameworkHistory> => {
      const data = await run(ReportHistoryDocument, { framework: id, scope: scopeArgument(scope), ...at });
      if (data.framework === null) throw new ReportError(404, 'NOT_FOUND', `Framework "${id}" does not exist`, { id });
      const pairs = [data.p0, data.p1, data.p2, data.p3, data.p4, data.p5];
      return { framework: data.framework, points: pairs.flatMap((p) => [p.before, p.after]) };
    }),
    run(ReportChangeLogStartDocument, {}),
  ]);
  const logStart = changes.edges[0]?.node.at ?? null;
  const before = logStart === null ? 0 : moments.filter((m) => Date.parse(m) < Date.parse(logStart)).length;
  // A point is a forecast when its day is after today (the end of today, as asOf=today gives, is not).
  const today = now.toISOString().slice(0, 10);
  const forecastFrom = moments.findIndex((m) => m.slice(0, 10) > today);
  // The month, with the year under the first point, every January and the last point (the day itself).
  const labels = moments.map((m, i) =>
    i === moments.length - 1
      ? `${Number(m.slice(8, 10))} ${MONTH.format(new Date(m))}\n${m.slice(0, 4)}`
      : `${MONTH.format(new Date(m))}${i === 0 || m.slice(5, 7) === '01' ? `\n${m.slice(0, 4)}` : ''}`,
  );

  const series: LineSeries[] = histories.map((h, k) => ({
    label: h.framework.name,
    colour: SERIES_COLOURS[k]!,
    values: h.points.map(coveredShare),
    tooltips: h.points.map(
      (p, i) =>
        `${h.framework.name}, ${moments[i]!.slice(0, 10)}: ${fixed(coveredShare(p), 1)}% covered (${p.covered} directly, ${p.coveredViaCrosswalk} via crosswalk, ${p.partial} partial, ${p.gap} gaps of ${p.total - p.notApplicable} applicable)`,
    ),
  }));
  const first = moments[0]!.slice(0, 10);
  const last = moments[moments.length - 1]!.slice(0, 10);
  const title = 'Coverage over time';
  const header = reportHeader(
    title,
    [
      ['Frameworks', histories.map((h) => `${h.framework.name} (${h.framework.version})`).join(', ')],
      ['Scope', scopeFacts(systems, last)],
      ['Period', `${first} to ${last}, month ends`],
      ['Change log begins', logStart === null ? 'empty: every point is the present graph' : logStart.slice(0, 10)],
    ],
    now,
  );
  const notes = [
    before > 0
      ? `Points before the change log began (${logStart!.slice(0, 10)}) show the graph as it stood when the log began; the shaded area marks them.`
      : null,
    forecastFrom >= 0
      ? `Points after ${today} are a forecast: the present graph, with evidence judged on those dates.`
      : null,
  ].filter((n): n is string => n !== null);
  const table = html`<table class="data history"><thead><tr><th>Framework</th>${labels.map((l, i) => html`<th class="num${forecastFrom >= 0 && i >= forecastFrom ? ' forecast' : ''}">${l.split('\n').map((line, k) => html`${k > 0 ? html`<br>` : ''}${line}`)}</th>`)}</tr></thead><tbody>${histories.map(
    (h) =>
      html`<tr><th scope="row"><a href="${reportHref('coverage', { framework: h.framework.id, ...scopeParams(scope, day) })}">${h.framework.name}</a></th>${h.points.map(
        (p, i) =>
          html`<td class="num" data-framework="${h.framework.id}" data-moment="${moments[i]}" data-covered="${p.covered + p.coveredViaCrosswalk}" data-applicable="${p.total - p.notApplicable}" title="${p.covered} covered, ${p.coveredViaCrosswalk} via crosswalk, ${p.partial} partial, ${p.gap} gaps">${fixed(coveredShare(p), 0)}%<br><span class="muted">${p.covered + p.coveredViaCrosswalk}/${p.total - p.notApplicable}</span></td>`,
      )}</tr>`,
  )}</tbody></table>`;
  return article(
    'history',
    title,
    html`${header}
${section(
  'Share of requirements covered',
  html`<figure class="chart-box">${lineChart(series, {
    caption: `Share of applicable requirements covered, ${first} to ${last}`,
    xLabels: labels,
    yLabel: 'covered (directly or via crosswalk)',
    shaded: before > 0 ? { upTo: before, note: 'before the change log began' } : null,
  })}<figcaption>Covered directly or through the crosswalk, as a share of the requirements not excluded, at each month end.</figcaption></figure>${notes.map((n) => html`<p class="note">${n}</p>`)}`,
)}
${section('The numbers', table)}`,
  );
};
