/**
 * A framework's coverage as OSCAL 1.2 assessment-results: one result for the coverage
 * run; a finding per auditable requirement in scope (satisfied when COVERED or
 * COVERED_VIA_CROSSWALK, not satisfied when PARTIAL or GAP, with the coverage status and
 * its reason); requirements excluded for the scope are left out of the reviewed controls
 * with their justification. Each evidence item that counts is an observation whose
 * relevant-evidence points at a back-matter resource carrying the item's URI and SHA-256
 * hash. Pure.
 */
import type { CoverageStatus } from '../coverage/rule.js';
import { OSCAL_VERSION, oscalToken, props, uuidFor } from './oscal-common.js';

export interface AssessedRequirement {
  readonly ref: string;
  readonly title: string | null;
  readonly status: CoverageStatus;
  readonly reason: string;
  /** Evidence ids that count for it (directly, through its controls). */
  readonly evidence: readonly string[];
  /** For NOT_APPLICABLE: the justification. */
  readonly exclusion: string | null;
}

export interface EvidenceItem {
  readonly id: string;
  readonly title: string;
  readonly uri: string | null;
  readonly sha256: string | null;
  readonly uploadedAt: string | null;
  readonly effectiveFrom: string | null;
  readonly validUntil: string | null;
}

export interface AssessmentRun {
  readonly frameworkId: string;
  readonly frameworkTitle: string;
  readonly frameworkVersion: string;
  /** The moment assessed (ISO date-time with zone). */
  readonly asOf: string;
  /** Null for the whole organisation. */
  readonly systems: readonly string[] | null;
}

const SATISFIED = new Set<CoverageStatus>(['COVERED', 'COVERED_VIA_CROSSWALK']);

export function coverageToAssessmentResults(
  run: AssessmentRun,
  requirements: readonly AssessedRequirement[],
  evidence: readonly EvidenceItem[],
  lastModified: string,
): unknown {
  const runKey = `${run.frameworkId}:${run.frameworkVersion}:${run.asOf}:${(run.systems ?? []).join(',')}`;
  const method = uuidFor(`assessment-method:${runKey}`);
  const observationOf = (id: string) => uuidFor(`observation:${runKey}:${id}`);
  const resourceOf = (id: string) => uuidFor(`evidence:${id}`);
  const assessed = requirements.filter((r) => r.status !== 'NOT_APPLICABLE');
  const excluded = requirements.filter((r) => r.status === 'NOT_APPLICABLE');
  const used = new Set(assessed.flatMap((r) => r.evidence));
  const items = evidence.filter((e) => used.has(e.id));
  const scope = run.systems === null ? 'the whole organisation' : `the AI systems ${run.systems.join(', ')}`;
  return {
    'assessment-results': {
      uuid: uuidFor(`assessment-results:${runKey}:${lastModified}`),
      metadata: {
        title: `${run.frameworkTitle.trim()}: coverage on ${run.asOf}`,
        'last-modified': lastModified,
        version: lastModified,
        'oscal-version': OSCAL_VERSION,
      },
      // There is no separate assessment plan: the plan is the coverage rule, described in the back matter.
      'import-ap': {
        href: `#${method}`,
        remarks: 'The assessment method is the coverage rule of aims-graph, applied to the organisation graph.',
      },
      results: [
        {
          uuid: uuidFor(`result:${runKey}`),
          title: `Coverage of ${run.frameworkTitle.trim()} (${run.frameworkVersion})`,
          description: `Every auditable requirement of ${run.frameworkId}, assessed for ${scope} on ${run.asOf} by the coverage rule: a requirement is satisfied when in-scope controls that are implemented or operating implement all of it with evidence valid on that date, directly or through a crosswalk mapping that contains it.`,
          start: run.asOf,
          end: run.asOf,
          props: props({
            framework: run.frameworkId,
            scope: run.systems === null ? 'organisation' : run.systems.join(' '),
          }),
          'reviewed-controls': {
            'control-selections': [
              {
                'include-all': {},
                ...(excluded.length > 0
                  ? { 'exclude-controls': excluded.map((r) => ({ 'control-id': oscalToken(r.ref) })) }
                  : {}),
              },
            ],
            ...(excluded.length > 0
              ? { remarks: excluded.map((r) => `${r.ref} is excluded: ${r.exclusion ?? ''}`.trim()).join('\n') }
              : {}),
          },
          ...(items.length > 0
            ? {
                observations: items.map((e) => ({
                  uuid: observationOf(e.id),
                  title: e.title.trim(),
                  description: `Evidence ${e.title.trim()}, valid ${e.effectiveFrom ?? '(open start)'} to ${e.validUntil ?? '(open end)'}.`,
                  props: props({ 'aims-graph-id': e.id }),
                  methods: ['EXAMINE'],
                  types: ['control-objective'],
                  'relevant-evidence': [{ href: `#${resourceOf(e.id)}`, description: e.title.trim() }],
                  collected: e.uploadedAt ?? `${e.effectiveFrom ?? run.asOf.slice(0, 10)}T00:00:00Z`,
                  ...(e.validUntil ? { expires: `${e.validUntil}T23:59:59Z` } : {}),
                })),
              }
            : {}),
          ...(assessed.length > 0
            ? {
                findings: assessed.map((r) => ({
                  uuid: uuidFor(`finding:${runKey}:${r.ref}`),
                  title: `${r.ref}${r.title ? ` ${r.title}` : ''}`.trim(),
                  description: r.reason.trim(),
                  props: props({ 'coverage-status': r.status, label: r.ref }),
                  target: {
                    type: 'objective-id',
                    'target-id': oscalToken(r.ref),
                    status: { state: SATISFIED.has(r.status) ? 'satisfied' : 'not-satisfied' },
                  },
                  ...(r.evidence.length > 0
                    ? { 'related-observations': r.evidence.map((id) => ({ 'observation-uuid': observationOf(id) })) }
                    : {}),
                })),
              }
            : {}),
        },
      ],
      'back-matter': {
        resources: [
          {
            uuid: method,
            title: 'The aims-graph coverage rule',
            description:
              'COVERED: in-scope controls that are implemented or operating implement all of the requirement and have evidence valid on the date. COVERED_VIA_CROSSWALK: a fully met requirement contains it through stored or composed mappings. PARTIAL: something contributes in part. GAP: nothing does. Partial contributions never add up to a full one.',
          },
          ...items.map((e) => ({
            uuid: resourceOf(e.id),
            title: e.title.trim(),
            // Hashes belong to a link; without a URI the digest is kept as a property.
            props: props({ 'aims-graph-id': e.id, sha256: e.uri ? null : e.sha256 }),
            ...(e.uri
              ? {
                  rlinks: [
                    { href: e.uri, ...(e.sha256 ? { hashes: [{ algorithm: 'SHA-256', value: e.sha256 }] } : {}) },
                  ],
                }
              : {}),
          })),
        ],
      },
    },
  };
}
