/**
 * A framework as an OSCAL 1.2 catalog. Requirements that only group others become
 * groups; requirements assessed on their own (and childless items) become controls, and
 * what sits below a control becomes its child controls. The reference is kept as each
 * item's `label`; ISO body text is never part of the catalogue, so controls carry only
 * headings (and our one-line summaries, as an overview part).
 */
import type { FrameworkRow, RequirementRow } from '../graph/rows.js';
import { OSCAL_VERSION, oscalToken, props, uuidFor } from './oscal-common.js';

interface Item {
  id: string;
  title: string;
  props: ReturnType<typeof props>;
  parts?: { id: string; name: string; prose: string }[];
  groups?: Item[];
  controls?: Item[];
}

export function frameworkToOscalCatalog(
  framework: FrameworkRow,
  requirements: readonly RequirementRow[],
  lastModified: string,
): unknown {
  const children = new Map<string | null, RequirementRow[]>();
  for (const r of [...requirements].sort((a, b) => a.position - b.position)) {
    const list = children.get(r.parentId) ?? [];
    list.push(r);
    children.set(r.parentId, list);
  }
  const describe = (r: RequirementRow): Item => ({
    id: oscalToken(r.ref),
    // OSCAL requires a title; unheaded paragraphs (ISO 9001 8.7.1) are titled by their number.
    title: r.title ?? r.ref,
    props: props({ label: r.ref, kind: r.kind, auditable: r.auditable, untitled: r.title === null ? true : null }),
    ...(r.summary ? { parts: [{ id: `${oscalToken(r.ref)}_ovw`, name: 'overview', prose: r.summary.trim() }] } : {}),
  });
  const asControl = (r: RequirementRow): Item => {
    const below = children.get(r.id) ?? [];
    return { ...describe(r), ...(below.length > 0 ? { controls: below.map(asControl) } : {}) };
  };
  const asGroupOrControl = (r: RequirementRow): { group?: Item; control?: Item } => {
    const below = children.get(r.id) ?? [];
    if (r.auditable || below.length === 0) return { control: asControl(r) };
    return { group: { ...describe(r), ...place(below) } };
  };
  // An OSCAL group holds either groups or controls, not both: where a level mixes them,
  // the grouping items become controls too (their `auditable` property says which they are).
  const place = (items: readonly RequirementRow[]): { groups?: Item[]; controls?: Item[] } => {
    const placed = items.map(asGroupOrControl);
    const groups = placed.flatMap((p) => (p.group ? [p.group] : []));
    const controls = placed.flatMap((p) => (p.control ? [p.control] : []));
    if (groups.length > 0 && controls.length > 0) return { controls: items.map(asControl) };
    return { ...(groups.length > 0 ? { groups } : {}), ...(controls.length > 0 ? { controls } : {}) };
  };
  const { groups = [], controls = [] } = place(children.get(null) ?? []);
  return {
    catalog: {
      uuid: uuidFor(`catalog:${framework.id}:${framework.version}`),
      metadata: {
        title: framework.title.trim(),
        'last-modified': lastModified,
        version: framework.version,
        'oscal-version': OSCAL_VERSION,
        props: props({
          'framework-id': framework.id,
          publisher: framework.publisher,
          kind: framework.kind,
          licence: framework.licence,
        }),
      },
      ...(groups.length > 0 ? { groups } : {}),
      ...(controls.length > 0 ? { controls } : {}),
      'back-matter': {
        resources: framework.references.map((reference, index) => ({
          uuid: uuidFor(`source:${framework.id}:${index}`),
          title: reference.trim(),
        })),
      },
    },
  };
}
