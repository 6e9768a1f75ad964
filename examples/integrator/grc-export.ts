/**
 * The mapping an integrator writes once (the service checks every value again and names
 * the item and field of anything it refuses): a GRC tool's export (here three CSVs in a
 * ServiceNow-like layout, see sample/) turned into one aims-graph sync batch. Column
 * names, state names and framework names are the tool's; ids stay the tool's ids.
 */
import { parse } from 'csv-parse/sync';
import type {
  ControlStatus,
  ControlType,
  EvidenceType,
  LifecycleStage,
  OperatorRole,
  SyncBatchInput,
  SyncEntityInput,
  SyncLinkInput,
} from './generated/graphql.js';

/** How the tool names frameworks in "Framework Mappings", and the aims-graph framework ids. */
const FRAMEWORKS: Readonly<Record<string, string>> = {
  'ISO/IEC 42001': 'iso42001',
  'ISO/IEC 27001': 'iso27001',
  'ISO 9001': 'iso9001',
  'EU AI Act': 'eu-ai-act',
  'NIST AI RMF': 'nist-ai-rmf',
};

const enumOf = (value: string): string =>
  value
    .trim()
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '_');
const rows = (text: string): Record<string, string>[] =>
  parse(text, { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
const list = (cell: string | undefined, separator: string): string[] =>
  (cell ?? '')
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);

/** "ISO/IEC 42001 A.6.2.5 (full)" -> iso42001:A.6.2.5, FULL. */
export function parseMapping(text: string): { requirement: string; coverage: 'FULL' | 'PARTIAL' } {
  const framework = Object.keys(FRAMEWORKS).find((name) => text.trim().startsWith(`${name} `));
  const match = framework ? /^(.+?)\s+\((full|partial)\)$/i.exec(text.trim().slice(framework.length).trim()) : null;
  if (!framework || !match) throw new Error(`cannot read the mapping "${text}"`);
  return {
    requirement: `${FRAMEWORKS[framework]}:${match[1]}`,
    coverage: match[2]!.toUpperCase() as 'FULL' | 'PARTIAL',
  };
}

export function batchFromGrcExport(
  source: string,
  files: { systems: string; controls: string; evidence: string },
): SyncBatchInput {
  const entities: SyncEntityInput[] = [];
  const links: SyncLinkInput[] = [];
  for (const s of rows(files.systems)) {
    const riskClass = /high risk/i.test(s['EU AI Act class'] ?? '') ? 'HIGH_RISK' : null;
    entities.push({
      ref: s['System ID']!,
      aiSystem: {
        name: s.Name!,
        lifecycleStage: enumOf(s.Lifecycle!) as LifecycleStage,
        riskClass,
        highRiskRoute: /annex iii/i.test(s['EU AI Act class'] ?? '') ? 'ANNEX_III' : null,
        operatorRoles: list(s.Roles, ';').map((role) => enumOf(role) as OperatorRole),
      },
    });
  }
  for (const c of rows(files.controls)) {
    entities.push({
      ref: c['Control ID']!,
      control: {
        name: c['Control Name']!,
        description: c['Control Description'] || null,
        status: enumOf(c.State!) as ControlStatus,
        controlType: enumOf(c.Category!) as ControlType,
      },
      // The tool's export lists every mapping of a control: one it drops must go here too.
      replaceLinks: ['IMPLEMENTS', 'APPLIES_TO'],
    });
    for (const mapping of list(c['Framework Mappings'], '|').map(parseMapping)) {
      links.push({ kind: 'IMPLEMENTS', from: c['Control ID']!, to: mapping.requirement, coverage: mapping.coverage });
    }
    for (const system of list(c['Applies To'], ';'))
      links.push({ kind: 'APPLIES_TO', from: c['Control ID']!, to: system });
  }
  for (const e of rows(files.evidence)) {
    entities.push({
      ref: e['Evidence ID']!,
      evidence: {
        title: e.Title!,
        evidenceType: enumOf(e.Type!) as EvidenceType,
        uri: e.Link || null,
        sha256: e['SHA-256'] || null,
        collectedBy: e.Owner || null,
        effectiveFrom: e['Valid From'] || null,
        validUntil: e['Valid To'] || null,
      },
      // No replaceLinks: the tool's "Supports" column names controls only, so it cannot say
      // which requirements the evidence supports directly; those links are left alone.
    });
    for (const control of list(e.Supports, ';')) links.push({ kind: 'SUPPORTS', from: e['Evidence ID']!, to: control });
  }
  return { source, entities, links };
}
