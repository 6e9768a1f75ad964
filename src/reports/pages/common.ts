/** Pieces every report fragment shares: the printed header, the scope, status badges, summaries. */
import {
  ReportScopeSystemDocument,
  type CoverageStatus,
  type ReportFrameworkFragment,
  type ReportSummaryFragment,
} from '../generated/graphql.js';
import { html, type Html, reportHref } from '../html.js';
import { ReportError, type ReportDay, type ReportScope } from '../params.js';
import type { ReportRunner } from '../run.js';
import { STATUS_COLOUR, STATUS_LABEL, STATUS_ORDER } from '../svg/palette.js';

/** What a page needs to render: its parameters and a way to ask the API. */
export interface PageRequest {
  readonly params: URLSearchParams;
  readonly run: ReportRunner;
  /** When the page is rendered (printed in its header). */
  readonly now: Date;
}

export type Page = (request: PageRequest) => Promise<Html>;

export interface ScopeSystem {
  readonly id: string;
  readonly name: string;
}

/** The named AI systems of a scope (404 for one that is not an AI system). */
export async function scopeSystems(run: ReportRunner, scope: ReportScope): Promise<ScopeSystem[] | null> {
  if (scope.systems === null) return null;
  return mapBounded(scope.systems, 4, async (id) => {
    const { node } = await run(ReportScopeSystemDocument, { id });
    if (node === null || node.__typename !== 'AISystem')
      throw new ReportError(404, 'NOT_FOUND', `AI system "${id}" does not exist`, { id });
    return { id, name: node.name };
  });
}

export const frameworkName = (f: Pick<ReportFrameworkFragment, 'name' | 'version'>): string =>
  `${f.name} (${f.version})`;

export function scopeFacts(systems: readonly ScopeSystem[] | null, asOf: string): Html {
  if (systems === null) return html`Whole organisation`;
  return html`${systems.map((s, i) => html`${i > 0 ? ', ' : ''}<a href="${reportHref('trace', { system: s.id, asOf })}">${s.name}</a>`)}`;
}

/** The report's header, printed on paper too: what it is, for what, as of when. */
export function reportHeader(title: string, facts: readonly (readonly [string, Html | string])[], now: Date): Html {
  return html`<header class="report-head">
<p class="kicker">aims-graph report</p>
<h1>${title}</h1>
<dl class="facts">${facts.map(([label, value]) => html`<div><dt>${label}</dt><dd>${value}</dd></div>`)}<div><dt>Generated</dt><dd>${now.toISOString().replace(/\.\d{3}Z$/, 'Z')}</dd></div></dl>
</header>`;
}

/** The root of a fragment: the page it belongs to and the document title the shell sets. */
export function article(report: string, title: string, body: Html): Html {
  return html`<article class="report" data-report="${report}" data-title="${title}">${body}</article>`;
}

/** An enum value as a CSS class suffix: `COVERED_VIA_CROSSWALK` → `covered-via-crosswalk`. */
export const classOf = (value: string): string => value.toLowerCase().replace(/_/g, '-');

/** A requirement's reference followed by its title, when it has one. */
export const refAndTitle = (r: { readonly ref: string; readonly title?: string | null }): string =>
  `${r.ref}${r.title ? ` ${r.title}` : ''}`;

export function statusBadge(status: CoverageStatus): Html {
  return html`<span class="badge status-${classOf(status)}" data-status="${status}">${STATUS_LABEL[status]}</span>`;
}

/** The status colour key, for pages whose tables use the badges. */
export function statusLegend(): Html {
  return html`<ul class="legend">${STATUS_ORDER.map(
    (s) =>
      html`<li><svg width="14" height="14" aria-hidden="true"><rect width="14" height="14" rx="3" fill="${STATUS_COLOUR[s]}"/></svg> ${STATUS_LABEL[s]}</li>`,
  )}</ul>`;
}

const SUMMARY_ITEMS: readonly (readonly [keyof ReportSummaryFragment, string, CoverageStatus | null])[] = [
  ['total', 'Auditable requirements', null],
  ['covered', 'Covered', 'COVERED'],
  ['coveredViaCrosswalk', 'Covered via crosswalk', 'COVERED_VIA_CROSSWALK'],
  ['partial', 'Partial', 'PARTIAL'],
  ['gap', 'Gap', 'GAP'],
  ['notApplicable', 'Not applicable', 'NOT_APPLICABLE'],
];

/** Share of the applicable requirements that are covered, directly or through the crosswalk. */
export function coveredShare(s: ReportSummaryFragment): number {
  const applicable = s.total - s.notApplicable;
  return applicable === 0 ? 0 : ((s.covered + s.coveredViaCrosswalk) / applicable) * 100;
}

export function summaryList(summary: ReportSummaryFragment): Html {
  return html`<dl class="summary">${SUMMARY_ITEMS.map(
    ([key, label, status]) =>
      html`<div class="${status === null ? 'total' : `status-${classOf(status)}`}"><dt>${label}</dt><dd data-count="${key}">${summary[key]}</dd></div>`,
  )}</dl>`;
}

export function section(title: string, body: Html, className = ''): Html {
  return html`<section class="report-section ${className}"><h2>${title}</h2>${body}</section>`;
}

/** A date-time as its UTC date. */
export const dateOf = (moment: string): string => moment.slice(0, 10);

/** The day as a link parameter: null when the report is for today. */
export const dayParam = (day: ReportDay): string | null => (day.moment === null ? null : day.date);

/** The scope and day as link parameters. */
export function scopeParams(scope: ReportScope, day: ReportDay): Record<string, string | readonly string[] | null> {
  return { system: scope.systems, asOf: dayParam(day) };
}

/**
 * `work` applied to every item, at most `limit` at a time, the results in the items'
 * order: a report's operations overlap their waits without flooding the database.
 */
export async function mapBounded<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next;
      next += 1;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
