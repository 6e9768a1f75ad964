/**
 * One requirement's coverage, explained: the controls and evidence that count, those
 * considered and rejected with why, the crosswalk chains with their provenance, and an
 * exclusion's justification.
 */
import {
  ReportRequirementCoverageDocument,
  type ContributionLevel,
  type ControlRejectionReason,
  type CrosswalkRejectionReason,
  type EvidenceRejectionReason,
  type ReportMappingFragment,
} from '../generated/graphql.js';
import { html, type Html, reportHref } from '../html.js';
import { ReportError, ReportParams, scopeArgument } from '../params.js';
import { RELATIONSHIP_PHRASE } from '../svg/palette.js';
import {
  article,
  classOf,
  dateOf,
  frameworkName,
  refAndTitle,
  reportHeader,
  scopeFacts,
  scopeParams,
  scopeSystems,
  section,
  statusBadge,
  type Page,
} from './common.js';

const CONTROL_REJECTION: Readonly<Record<ControlRejectionReason, string>> = {
  CONTROL_NOT_CONTRIBUTING: 'the control is planned, ineffective or retired',
  CONTROL_OUT_OF_SCOPE: 'the control applies only to AI systems outside the scope',
  NO_VALID_EVIDENCE: 'no evidence valid on the date and in the scope, so it counts only in part',
};

const EVIDENCE_REJECTION: Readonly<Record<EvidenceRejectionReason, string>> = {
  NOT_YET_EFFECTIVE: 'not yet effective',
  EXPIRED: 'expired',
  OUT_OF_SCOPE: 'scoped to AI systems outside the scope',
};

const CROSSWALK_REJECTION: Readonly<Record<CrosswalkRejectionReason, string>> = {
  NO_RELATIONSHIP: 'the chain includes a mapping recorded as no relationship',
  UNDETERMINED: 'the composition of the chain says nothing about the two ends',
};

const LEVEL: Readonly<Record<ContributionLevel, string>> = { FULL: 'in full', PART: 'in part', NONE: 'not at all' };

const period = (from: string | null, until: string | null): string =>
  from === null && until === null ? 'open-ended' : `${from ?? '…'} to ${until ?? '…'}`;

function chainList(chain: readonly ReportMappingFragment[]): Html {
  return html`<ol class="chain">${chain.map(
    (
      m,
    ) => html`<li><span class="ref">${m.source.framework.name} ${m.source.ref}</span> <span class="rel rel-${classOf(m.relationship)}">${RELATIONSHIP_PHRASE[m.relationship]}</span> <span class="ref">${m.target.framework.name} ${m.target.ref}</span>
<span class="provenance">— ${m.provenance.set.title}; ${m.provenance.publisher}; ${m.provenance.source}; ${m.status.toLowerCase()}${m.justification ? html`; “${m.justification}”` : ''}</span></li>`,
  )}</ol>`;
}

export const requirementPage: Page = async ({ params: search, run, now }) => {
  const params = ReportParams.of(search, { framework: 'one', ref: 'one', system: 'many', asOf: 'one' });
  const frameworkId = params.framework();
  const ref = params.required('ref', 'a requirement reference such as A.6.2.4');
  const scope = params.scope();
  const day = params.day();
  const systems = await scopeSystems(run, scope);
  const data = await run(ReportRequirementCoverageDocument, {
    framework: frameworkId,
    ref,
    scope: scopeArgument(scope),
    asOf: day.moment,
  });
  const { framework, requirement } = data;
  if (framework === null)
    throw new ReportError(404, 'NOT_FOUND', `Framework "${frameworkId}" does not exist`, { id: frameworkId });
  if (requirement === null)
    throw new ReportError(404, 'NOT_FOUND', `${framework.name} has no requirement "${ref}"`, {
      id: `${frameworkId}:${ref}`,
    });
  const coverage = data.coverage.requirements.find((r) => r.requirement.id === requirement.id);
  if (coverage === undefined) {
    throw new ReportError(
      404,
      'NOT_FOUND',
      `${framework.name} ${ref} only groups other requirements: it has no coverage status of its own`,
      { id: requirement.id },
    );
  }
  const asOf = dateOf(data.coverage.asOf);
  const back = reportHref('coverage', { framework: framework.id, ...scopeParams(scope, day) });
  const title = `${framework.name} ${refAndTitle(requirement)}`;
  const header = reportHeader(
    title,
    [
      ['Framework', frameworkName(framework)],
      ['Where', requirement.ancestors.length === 0 ? 'top level' : requirement.ancestors.map(refAndTitle).join(' › ')],
      ['Scope', scopeFacts(systems, asOf)],
      ['As of', asOf],
    ],
    now,
  );

  const contributions =
    coverage.contributions.length === 0
      ? html`<p class="muted">No in-scope, operating control implements it.</p>`
      : html`<table class="data"><thead><tr><th>Control</th><th>Implements</th><th>Counts for</th><th>Valid evidence</th><th>Evidence that does not count</th></tr></thead><tbody>${coverage.contributions.map(
          (
            c,
          ) => html`<tr><td>${c.control.name} <span class="muted">(${c.control.status.toLowerCase()})</span></td><td>${c.coverage === 'FULL' ? 'all of it' : 'part of it'}</td><td>${LEVEL[c.level]}</td>
<td>${c.validEvidence.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${c.validEvidence.map((e) => html`<li>${e.title} <span class="muted">(${period(e.effectiveFrom, e.validUntil)})</span></li>`)}</ul>`}</td>
<td>${c.invalidEvidence.length === 0 ? html`<span class="muted">none</span>` : html`<ul class="plain">${c.invalidEvidence.map((e) => html`<li class="rejected">${e.evidence.title} <span class="muted">(${period(e.evidence.effectiveFrom, e.evidence.validUntil)})</span>: ${EVIDENCE_REJECTION[e.reason]}</li>`)}</ul>`}</td></tr>`,
        )}</tbody></table>`;
  const rejected =
    coverage.rejectedControls.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<ul>${coverage.rejectedControls.map((c) => html`<li>${c.control.name} <span class="muted">(${c.control.status.toLowerCase()})</span>: ${CONTROL_REJECTION[c.reason]}</li>`)}</ul>`;
  const crosswalk =
    coverage.crosswalk.length === 0
      ? html`<p class="muted">Nothing reaches it through the crosswalk from a requirement that is met directly.</p>`
      : html`<ul class="claims">${coverage.crosswalk.map(
          (c) =>
            html`<li><p><span class="ref">${c.from.framework.name} ${c.from.ref}</span> ${c.from.title ?? ''} is met ${LEVEL[c.fromLevel]}; it is <strong>${RELATIONSHIP_PHRASE[c.relationship]}</strong> this requirement, so it contributes ${LEVEL[c.level]}.</p>${chainList(c.chain)}</li>`,
        )}</ul>`;
  const rejectedCrosswalk =
    coverage.rejectedCrosswalk.length === 0
      ? html`<p class="muted">None.</p>`
      : html`<ul class="claims">${coverage.rejectedCrosswalk.map(
          (c) =>
            html`<li><p><span class="ref">${c.from.framework.name} ${c.from.ref}</span> ${c.from.title ?? ''}: ${CROSSWALK_REJECTION[c.reason]}.</p>${chainList(c.chain)}</li>`,
        )}</ul>`;

  return article(
    'requirement',
    title,
    html`${header}<nav class="related" aria-label="Related reports"><a href="${back}">Back to the coverage of ${framework.name}</a></nav>
${section(
  'Status',
  html`<p class="verdict">${statusBadge(coverage.status)} <span class="reason">${coverage.reason}</span></p>${requirement.summary ? html`<p class="muted">${requirement.summary}</p>` : ''}${
    coverage.exclusion === null
      ? ''
      : html`<p><strong>Excluded for this scope:</strong> ${coverage.exclusion.justification}</p>`
  }`,
)}
${section('Controls that count', contributions)}
${section('Controls considered that do not count in full', rejected)}
${section('Through the crosswalk', crosswalk)}
${section('Crosswalk chains that prove nothing', rejectedCrosswalk)}`,
  );
};
