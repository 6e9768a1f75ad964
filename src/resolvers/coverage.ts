/** Coverage questions through GraphQL: the work is services/coverage.ts's; here, how each answer is shown. */
import type { Resolvers } from '../generated/resolvers.js';
import { reasonFor } from '../coverage/explain.js';
import {
  coverage,
  coverageChange,
  evidenceReuse,
  explanation,
  gaps,
  reusableEvidence,
  statementOfApplicability,
} from '../services/coverage.js';
import { readFrom } from '../services/crosswalk.js';
import type { Context } from '../context.js';
import { loadEntityOrFail, requirementAt } from './projection.js';

/** A chain's steps as read from their `from` end: each mapping from the mappings of the requirement it leaves (batched). */
function chainViews(chain: readonly { mappingId: string; from: string }[], context: Context) {
  return Promise.all(
    chain.map(async (step) => {
      const mappings = await context.loaders.mappingsByRequirementId.load(step.from);
      const row = mappings.find((m) => m.id === step.mappingId);
      if (row === undefined) throw new Error(`mapping ${step.mappingId} is missing`);
      return readFrom(row, step.from);
    }),
  );
}

export const coverageResolvers: Resolvers = {
  Query: {
    statementOfApplicability: (_root, args, context) => statementOfApplicability(context.scope, args),
    evidenceReuse: (_root, args, context) => evidenceReuse(context.scope, args.evidence, args.asOf),
    reusableEvidence: (_root, args, context) => reusableEvidence(context.scope, args.framework, args.asOf),
    gaps: (_root, args, context) => gaps(context.scope, args),
    coverageChange: (_root, args, context) => coverageChange(context.scope, args),
    coverage: (_root, args, context) => coverage(context.scope, args),
  },
  CoverageChange: {
    framework: async (view, _args, context) => (await context.loaders.frameworkById.load(view.frameworkId))!,
    changes: async (view) => [...(await view.changes())],
  },
  CoverageStatusChange: {
    requirement: async (change, _args, context) => {
      const requirement = await context.loaders.requirementById.load(change.requirementId);
      if (requirement === null) throw new Error(`requirement ${change.requirementId} is missing`);
      return requirement;
    },
    reasons: (change) => [...change.reasons],
  },
  CoverageChangeReason: {
    changes: (reason) => [...reason.changes],
  },
  FrameworkCoverage: {
    summary: (view) => view.summary(),
    requirements: (view) => view.requirements(),
    sections: (view) => view.sections(),
    framework: async (view, _args, context) => (await context.loaders.frameworkById.load(view.frameworkId))!,
    systems: async (view, _args, context, info) =>
      view.systemIds === null ? null : Promise.all(view.systemIds.map((id) => loadEntityOrFail(context, id, info))),
  },
  SectionCoverage: {
    section: async (view, _args, context) => (await context.loaders.requirementById.load(view.sectionId))!,
  },
  RequirementCoverage: {
    requirement: async (view, _args, context) => (await context.loaders.requirementById.load(view.requirementId))!,
    reason: (view) => reasonFor(view),
    contributions: async (view, _args, context) => [
      ...(view.contributions ?? (await explanation(context.scope, view.question, view)).contributions),
    ],
    rejectedControls: async (view, _args, context) => [
      ...(view.rejectedControls ?? (await explanation(context.scope, view.question, view)).rejectedControls),
    ],
    crosswalk: (view) => [...view.crosswalk],
    rejectedCrosswalk: (view) => [...view.rejectedCrosswalk],
    exclusion: async (view, _args, context, info) =>
      view.exclusion === null ? null : loadEntityOrFail(context, view.exclusion.id, info),
  },
  ControlContribution: {
    control: (c, _args, context, info) => loadEntityOrFail(context, c.controlId, info),
    validEvidence: (c, _args, context, info) =>
      Promise.all(c.validEvidence.map((id) => loadEntityOrFail(context, id, info))),
  },
  StatementOfApplicability: {
    framework: async (view, _args, context) => (await context.loaders.frameworkById.load(view.frameworkId))!,
    entries: (view) => [...view.rows],
    csv: (view) => view.csv(),
    markdown: (view) => view.markdown(),
  },
  SoaEntry: {
    requirement: async (row, _args, context) => (await context.loaders.requirementById.load(row.requirementId))!,
    decision: (row, _args, context, info) =>
      row.decisionId === null ? null : loadEntityOrFail(context, row.decisionId, info),
    implementationStatus: (row) => row.status,
    controls: (row, _args, context, info) =>
      Promise.all(row.controlIds.map((id) => loadEntityOrFail(context, id, info))),
    evidence: (row, _args, context, info) =>
      Promise.all(row.evidenceIds.map((id) => loadEntityOrFail(context, id, info))),
  },
  EvidenceReuse: {
    evidence: (view, _args, context, info) => loadEntityOrFail(context, view.evidenceId, info),
    frameworks: async (view, _args, context) => {
      const ids = [...new Set(view.uses.map((u) => u.requirementId.slice(0, u.requirementId.indexOf(':'))))].sort();
      return (await Promise.all(ids.map((id) => context.loaders.frameworkById.load(id)))).filter((f) => f !== null);
    },
  },
  ReusableEvidence: {
    evidence: (view, _args, context, info) => loadEntityOrFail(context, view.evidenceId, info),
  },
  EvidenceUse: {
    requirement: async (use, _args, context) => (await context.loaders.requirementById.load(use.requirementId))!,
    control: (use, _args, context, info) => loadEntityOrFail(context, use.controlId, info),
    from: async (use, _args, context, info) =>
      use.fromRequirementId === null ? null : requirementAt(context, use.fromRequirementId, info),
    chain: (use, _args, context) => chainViews(use.chain, context),
  },
  Gap: {
    risks: (gap, _args, context, info) => Promise.all(gap.riskIds.map((id) => loadEntityOrFail(context, id, info))),
  },
  Remedy: {
    control: (remedy, _args, context, info) =>
      remedy.controlId === null ? null : loadEntityOrFail(context, remedy.controlId, info),
    partner: async (remedy, _args, context) =>
      remedy.partnerId === null ? null : context.loaders.requirementById.load(remedy.partnerId),
  },
  EvidenceRejection: {
    evidence: (e, _args, context, info) => loadEntityOrFail(context, e.evidenceId, info),
  },
  RejectedControl: {
    control: (c, _args, context, info) => loadEntityOrFail(context, c.controlId, info),
  },
  CrosswalkContribution: {
    from: (c, _args, context, info) => requirementAt(context, c.from, info),
    chain: (c, _args, context) => chainViews(c.chain, context),
  },
  RejectedCrosswalk: {
    from: (c, _args, context, info) => requirementAt(context, c.from, info),
    chain: (c, _args, context) => chainViews(c.chain, context),
  },
};
