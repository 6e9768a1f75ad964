/**
 * The organisation's controls as an OSCAL 1.2 component-definition, and back. Each
 * control is a component (a policy for a directive control, a process or procedure
 * otherwise); its IMPLEMENTS links are implemented-requirements, one control-implementation
 * per framework, whose `source` points at a back-matter resource naming the framework.
 * Reading keeps what a control is and what it implements; a document from elsewhere that
 * does not say how much of a requirement a component covers is read as PARTIAL, and a
 * component without a status as PLANNED, so an import never overstates coverage. Pure.
 */
import { OSCAL_VERSION, oscalToken, props, PROPS_NS, readProps, uuidFor } from './oscal-common.js';

export interface ComponentControl {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly status: string;
  readonly controlType: string | null;
  /** The component UUID: the control's reference in the OSCAL source when it has one. */
  readonly uuid: string | null;
  readonly systems: readonly string[];
  readonly implements: readonly { frameworkId: string; ref: string; coverage: 'FULL' | 'PARTIAL' }[];
}

export interface FrameworkLabel {
  readonly id: string;
  readonly title: string;
  readonly version: string;
}

const catalogResource = (f: FrameworkLabel): string => uuidFor(`catalog:${f.id}:${f.version}`);

export function controlsToComponentDefinition(
  controls: readonly ComponentControl[],
  frameworks: readonly FrameworkLabel[],
  lastModified: string,
): unknown {
  const byId = new Map(frameworks.map((f) => [f.id, f]));
  const used = new Set(controls.flatMap((c) => c.implements.map((i) => i.frameworkId)));
  return {
    'component-definition': {
      uuid: uuidFor(`component-definition:${controls.map((c) => c.id).join(',')}:${lastModified}`),
      metadata: {
        title: "The organisation's AI governance controls",
        'last-modified': lastModified,
        version: lastModified,
        'oscal-version': OSCAL_VERSION,
      },
      ...(controls.length > 0
        ? {
            components: controls.map((c) => {
              const uuid = c.uuid ?? uuidFor(`component:${c.id}`);
              const frameworksOf = [...new Set(c.implements.map((i) => i.frameworkId))].sort();
              return {
                uuid,
                type: c.controlType === 'DIRECTIVE' ? 'policy' : 'process-procedure',
                title: c.name.trim(),
                description: (c.description ?? c.name).trim(),
                props: [
                  ...props({ 'aims-graph-id': c.id, status: c.status, 'control-type': c.controlType }),
                  ...c.systems.map((s) => ({ name: 'applies-to', value: s, ns: PROPS_NS })),
                ],
                ...(frameworksOf.length > 0
                  ? {
                      'control-implementations': frameworksOf.map((fw) => ({
                        uuid: uuidFor(`control-implementation:${uuid}:${fw}`),
                        source: `#${catalogResource(byId.get(fw)!)}`,
                        description: `How ${c.name.trim()} implements ${byId.get(fw)!.title.trim()}.`,
                        props: props({ framework: fw }),
                        'implemented-requirements': c.implements
                          .filter((i) => i.frameworkId === fw)
                          .map((i) => ({
                            uuid: uuidFor(`implemented-requirement:${uuid}:${fw}:${i.ref}`),
                            'control-id': oscalToken(i.ref),
                            description: `${c.name.trim()} implements ${i.coverage === 'FULL' ? 'all' : 'part'} of ${i.ref}.`,
                            props: props({ label: i.ref, coverage: i.coverage }),
                          })),
                      })),
                    }
                  : {}),
              };
            }),
          }
        : {}),
      ...(used.size > 0
        ? {
            'back-matter': {
              resources: [...used].sort().map((fw) => ({
                uuid: catalogResource(byId.get(fw)!),
                title: `${byId.get(fw)!.title.trim()} (${byId.get(fw)!.version})`,
                props: props({ framework: fw }),
              })),
            },
          }
        : {}),
    },
  };
}

export class ComponentDefinitionError extends Error {
  override name = 'ComponentDefinitionError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('; '));
  }
}

export interface ImportedComponent {
  readonly uuid: string;
  /** This service's id of the control, when the document was exported here. */
  readonly aimsGraphId: string | null;
  readonly name: string;
  readonly description: string | null;
  readonly status: string;
  readonly controlType: string | null;
  readonly implements: readonly { requirementId: string; coverage: 'FULL' | 'PARTIAL' }[];
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const array = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/**
 * Reads a component-definition's components and their control implementations.
 * `refsOf(framework)` gives a framework's requirement references; control-ids are matched
 * to them by OSCAL token (or by our `label` property).
 */
export function componentDefinitionToControls(
  doc: unknown,
  refsOf: (framework: string) => readonly string[] | undefined,
): ImportedComponent[] {
  const problems: string[] = [];
  const root = isObject(doc) ? doc['component-definition'] : undefined;
  if (!isObject(root))
    throw new ComponentDefinitionError(['not an OSCAL component-definition (no "component-definition" object)']);
  const resources = new Map(
    array(isObject(root['back-matter']) ? root['back-matter'].resources : []).flatMap((r) =>
      isObject(r) && typeof r.uuid === 'string' ? [[r.uuid, readProps(r.props).get('framework')] as const] : [],
    ),
  );
  const out: ImportedComponent[] = [];
  array(root.components).forEach((component, ci) => {
    const where = `components[${ci}]`;
    if (!isObject(component) || typeof component.uuid !== 'string' || typeof component.title !== 'string') {
      problems.push(`${where}: needs a uuid and a title`);
      return;
    }
    const own = readProps(component.props);
    const implementsList: { requirementId: string; coverage: 'FULL' | 'PARTIAL' }[] = [];
    array(component['control-implementations']).forEach((ci2, ii) => {
      const at = `${where}.control-implementations[${ii}]`;
      if (!isObject(ci2)) return;
      const source = typeof ci2.source === 'string' ? ci2.source : '';
      const framework =
        readProps(ci2.props).get('framework') ?? (source.startsWith('#') ? resources.get(source.slice(1)) : undefined);
      const refs = framework === undefined ? undefined : refsOf(framework);
      if (framework === undefined || refs === undefined) {
        problems.push(`${at}: source ${JSON.stringify(source)} is not a framework this service holds`);
        return;
      }
      const byToken = new Map(refs.map((r) => [oscalToken(r), r]));
      array(ci2['implemented-requirements']).forEach((ir, ri) => {
        if (!isObject(ir)) return;
        const p = readProps(ir.props);
        const ref =
          p.get('label') ?? (typeof ir['control-id'] === 'string' ? byToken.get(ir['control-id']) : undefined);
        if (ref === undefined || !refs.includes(ref)) {
          problems.push(
            `${at}.implemented-requirements[${ri}]: control-id ${JSON.stringify(ir['control-id'])} is not in ${framework}`,
          );
          return;
        }
        implementsList.push({
          requirementId: `${framework}:${ref}`,
          coverage: p.get('coverage') === 'FULL' ? 'FULL' : 'PARTIAL',
        });
      });
    });
    out.push({
      uuid: component.uuid,
      aimsGraphId: own.get('aims-graph-id') ?? null,
      name: component.title.trim(),
      description:
        typeof component.description === 'string' && component.description.trim() !== component.title.trim()
          ? component.description.trim()
          : null,
      status: own.get('status') ?? 'PLANNED',
      controlType: own.get('control-type') ?? (component.type === 'policy' ? 'DIRECTIVE' : null),
      implements: implementsList,
    });
  });
  if (problems.length > 0) throw new ComponentDefinitionError(problems);
  return out;
}
