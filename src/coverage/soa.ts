/**
 * The Statement of Applicability, pure: entries from coverage results and applicability
 * decisions, and their CSV and Markdown renderings for an auditor.
 */
import type { ApplicabilityFact, ExplainedCoverage, RequirementCoverage } from './rule.js';

export interface SoaRow {
  readonly requirementId: string;
  readonly ref: string;
  readonly title: string;
  readonly applicable: boolean;
  readonly justification: string | null;
  readonly decisionId: string | null;
  readonly status: RequirementCoverage['status'];
  readonly controlIds: readonly string[];
  readonly evidenceIds: readonly string[];
}

/** The decision that holds for a scope: the exclusion the rule applied, else an inclusion for that scope. */
export function decisionFor(coverage: RequirementCoverage, decisions: readonly ApplicabilityFact[], systems: readonly string[] | null): ApplicabilityFact | null {
  if (coverage.exclusion !== null) return coverage.exclusion;
  const same = (a: readonly string[]): boolean => (systems === null ? a.length === 0 : a.length === systems.length && a.every((s) => systems.includes(s)));
  return decisions.find((d) => d.requirementId === coverage.requirementId && d.applicable && same(d.systems)) ?? decisions.find((d) => d.requirementId === coverage.requirementId && d.applicable && d.systems.length === 0) ?? null;
}

export function soaRow(
  coverage: ExplainedCoverage,
  requirement: { ref: string; title: string | null },
  decision: ApplicabilityFact | null,
): SoaRow {
  const controls = [...new Set([...coverage.contributions.map((c) => c.controlId), ...coverage.rejectedControls.map((c) => c.controlId)])];
  const evidence = [...new Set(coverage.contributions.flatMap((c) => c.validEvidence))];
  return {
    requirementId: coverage.requirementId,
    ref: requirement.ref,
    title: requirement.title ?? requirement.ref,
    applicable: coverage.status !== 'NOT_APPLICABLE',
    justification: decision?.justification ?? null,
    decisionId: decision?.id ?? null,
    status: coverage.status,
    controlIds: controls,
    evidenceIds: evidence,
  };
}

export const SOA_COLUMNS = ['Reference', 'Title', 'Applicable', 'Justification', 'Implementation status', 'Controls', 'Evidence'] as const;

/** The cells of one row, names in place of ids. */
export function soaCells(row: SoaRow, names: ReadonlyMap<string, string>): string[] {
  const list = (ids: readonly string[]): string => ids.map((id) => names.get(id) ?? id).join('; ');
  return [row.ref, row.title, row.applicable ? 'Yes' : 'No', row.justification ?? '', row.status, list(row.controlIds), list(row.evidenceIds)];
}

export function soaMarkdown(rows: readonly string[][]): string {
  const escape = (cell: string): string => cell.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const lines = [`| ${SOA_COLUMNS.join(' | ')} |`, `|${SOA_COLUMNS.map(() => '---').join('|')}|`];
  for (const row of rows) lines.push(`| ${row.map(escape).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}
