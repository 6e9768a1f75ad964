/**
 * OSCAL exchange of the organisation's side: controls as a component-definition (out, and
 * in through `sync`), and a framework's coverage as assessment-results.
 */
import { reasonFor } from '../coverage/explain.js';
import { FRAMEWORK_IDS } from '../domain/vocabulary.js';
import { AppError, BadUserInputError, ErrorCode } from '../errors.js';
import type { ControlStatus, ControlType, SyncBatchInput } from '../generated/resolvers.js';
import { listRefsOfFrameworks } from '../graph/statements/crosswalk.js';
import { listControlsForOscal } from '../graph/statements/sync.js';
import { coverageToAssessmentResults, type EvidenceItem } from '../ingest/oscal-assessment.js';
import {
  componentDefinitionToControls,
  ComponentDefinitionError,
  controlsToComponentDefinition,
} from '../ingest/oscal-component.js';
import { dateTimeOf } from './checks.js';
import { assessFramework, coverageQuestion, explained } from './coverage.js';
import type { RequestScope } from './scope.js';
import { sync } from './sync.js';

function checkSource(source: string | null | undefined): string {
  const value = (source ?? 'oscal').trim();
  if (value === '' || value.length > 200 || value.includes('|'))
    throw new BadUserInputError('source must be 1 to 200 characters, without "|"', 'source');
  return value;
}

async function frameworkLabels(scope: RequestScope) {
  const found = await scope.loaders.frameworkById.loadMany([...FRAMEWORK_IDS]);
  return found.flatMap((f) =>
    f === null || f instanceof Error ? [] : [{ id: f.id, title: f.title, version: f.version }],
  );
}

/** The controls that carry a reference in `sourceName` (default "oscal") as an OSCAL component-definition. */
export async function exportComponentDefinition(scope: RequestScope, sourceName: string | null | undefined) {
  const source = checkSource(sourceName);
  const rows = await scope.graph.read(listControlsForOscal(source));
  const document = controlsToComponentDefinition(
    rows.map((r) => ({
      id: r.entity.id,
      name: String(r.entity.name),
      description: (r.entity.description as string | null) ?? null,
      status: String(r.entity.status),
      controlType: (r.entity.controlType as string | null) ?? null,
      uuid: r.oscalRef,
      systems: r.systems,
      implements: r.implements,
    })),
    await frameworkLabels(scope),
    dateTimeOf(scope.clock()),
  );
  return {
    fileName: 'controls.oscal-component-definition.json',
    mediaType: 'application/json',
    content: `${JSON.stringify(document, null, 2)}\n`,
  };
}

/** A framework's coverage for the question's scope as OSCAL assessment-results. */
export async function exportAssessmentResults(scope: RequestScope, args: Parameters<typeof coverageQuestion>[1]) {
  const q = await coverageQuestion(scope, args);
  const assessment = await assessFramework(scope, q.framework.id, q.systems, q.asOfDate, 2);
  const results = await explained(scope, assessment.question, assessment.results);
  const requirements = await scope.loaders.requirementById.loadMany(results.map((r) => r.requirementId));
  const evidenceIds = [...new Set(results.flatMap((r) => r.contributions.flatMap((c) => c.validEvidence)))];
  const evidence = (await scope.loaders.entityById.loadMany(evidenceIds)).flatMap((e): EvidenceItem[] =>
    e === null || e instanceof Error
      ? []
      : [
          {
            id: e.id,
            title: String(e.title),
            uri: (e.uri as string | null) ?? null,
            sha256: (e.sha256 as string | null) ?? null,
            uploadedAt: (e.uploadedAt as string | null) ?? null,
            effectiveFrom: (e.effectiveFrom as string | null) ?? null,
            validUntil: (e.validUntil as string | null) ?? null,
          },
        ],
  );
  const assessed = results.flatMap((r, i) => {
    const requirement = requirements[i];
    if (requirement === null || requirement === undefined || requirement instanceof Error) return [];
    return [
      {
        ref: requirement.ref,
        title: requirement.title,
        status: r.status,
        reason: reasonFor(r),
        evidence: [...new Set(r.contributions.flatMap((c) => c.validEvidence))],
        exclusion: r.exclusion?.justification ?? null,
      },
    ];
  });
  const document = coverageToAssessmentResults(
    {
      frameworkId: q.framework.id,
      frameworkTitle: q.framework.title,
      frameworkVersion: q.framework.version,
      asOf: q.asOf,
      systems: q.systems,
    },
    assessed,
    evidence,
    dateTimeOf(scope.clock()),
  );
  return {
    fileName: `${q.framework.id}.oscal-assessment-results.json`,
    mediaType: 'application/json',
    content: `${JSON.stringify(document, null, 2)}\n`,
  };
}

/** Controls from an OSCAL component-definition, applied as one sync batch keyed by component UUID. */
export async function importComponentDefinition(
  scope: RequestScope,
  content: string,
  sourceName: string | null | undefined,
  dryRun: boolean,
) {
  const source = checkSource(sourceName);
  let doc: unknown;
  try {
    doc = JSON.parse(content);
  } catch {
    throw new BadUserInputError('The content is not valid JSON', 'content');
  }
  const refRows = await scope.graph.read(listRefsOfFrameworks(FRAMEWORK_IDS));
  const refs = new Map(refRows.map((r) => [r.frameworkId, r.refs]));
  let components;
  try {
    components = componentDefinitionToControls(doc, (framework) => refs.get(framework));
  } catch (err) {
    if (!(err instanceof ComponentDefinitionError)) throw err;
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `The document is not a usable component-definition: ${err.problems.slice(0, 3).join('; ')}`,
      {
        field: 'content',
        problems: err.problems.slice(0, 1000),
      },
    );
  }
  const batch: SyncBatchInput = {
    source,
    dryRun: dryRun === true,
    entities: components.map((c) => ({
      ref: c.uuid,
      // A component exported from here names its control: importing it updates that control.
      id: c.aimsGraphId,
      control: {
        name: c.name,
        description: c.description,
        status: c.status as ControlStatus,
        controlType: c.controlType as ControlType | null,
      },
      replaceLinks: ['IMPLEMENTS'],
    })),
    links: components.flatMap((c) =>
      c.implements.map((i) => ({
        kind: 'IMPLEMENTS' as const,
        from: c.uuid,
        to: i.requirementId,
        coverage: i.coverage,
      })),
    ),
  };
  return sync(scope, batch);
}
