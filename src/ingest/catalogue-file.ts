/**
 * Validation of seed/catalogues/*.json. Pure: takes parsed JSON, returns a typed
 * catalogue or every problem found, each naming the file and the item.
 */
import {
  FRAMEWORK_IDS,
  FRAMEWORK_KINDS,
  OPERATOR_ROLES,
  REQUIREMENT_KINDS,
  type FrameworkKind,
  type OperatorRole,
  type RequirementKind,
} from '../domain/vocabulary.js';

export interface CatalogueRequirement {
  readonly ref: string;
  readonly title: string | null;
  readonly kind: RequirementKind;
  readonly parent: string | null;
  readonly auditable: boolean;
  readonly summary: string | null;
  readonly roles: readonly OperatorRole[];
  readonly rolesConditional: readonly OperatorRole[];
  readonly rolesNote: string | null;
  readonly position: number;
}

export interface Catalogue {
  readonly framework: {
    readonly id: string;
    readonly name: string;
    readonly title: string;
    readonly version: string;
    readonly publisher: string;
    readonly kind: FrameworkKind;
    /** The version the service works with by default; a framework has exactly one. */
    readonly current: boolean;
    /** What a reader should know about this version (for example that it is not yet verified). */
    readonly versionNote: string | null;
  };
  readonly source: {
    readonly edition: string;
    readonly references: readonly string[];
    readonly licence: string;
  };
  readonly requirements: readonly CatalogueRequirement[];
}

export type ParseResult = { ok: true; catalogue: Catalogue } | { ok: false; problems: string[] };

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const MAX_TEXT = 2000;

export function parseCatalogueFile(json: Json, file: string): ParseResult {
  const problems: string[] = [];
  const at = (where: string, message: string): void => {
    problems.push(`${file}: ${where}: ${message}`);
  };
  const str = (
    obj: Record<string, Json>,
    key: string,
    where: string,
    opts: { nullable?: boolean } = {},
  ): string | null => {
    const value = obj[key];
    if (value === null && opts.nullable) return null;
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT) {
      at(
        where,
        `"${key}" must be a non-empty string of at most ${MAX_TEXT} characters${opts.nullable ? ' or null' : ''}`,
      );
      return null;
    }
    return value;
  };
  const optionalStr = (obj: Record<string, Json>, key: string, where: string): string | null =>
    obj[key] === undefined ? null : str(obj, key, where, { nullable: true });
  const enumOf = <T extends string>(value: Json, allowed: readonly T[], where: string, key: string): T | null => {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    at(where, `"${key}" must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return null;
  };
  const roleList = (obj: Record<string, Json>, key: string, where: string): OperatorRole[] => {
    const value = obj[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      at(where, `"${key}" must be a list`);
      return [];
    }
    return value.flatMap((role) => enumOf(role, OPERATOR_ROLES, where, key) ?? []);
  };

  if (!isObject(json)) return { ok: false, problems: [`${file}: the file must hold a JSON object`] };
  const fw = json.framework;
  const src = json.source;
  const items = json.requirements;
  if (!isObject(fw)) at('framework', 'missing');
  if (!isObject(src)) at('source', 'missing (every catalogue names its source and licence)');
  if (!Array.isArray(items) || items.length === 0) at('requirements', 'must be a non-empty list');
  if (!isObject(fw) || !isObject(src) || !Array.isArray(items)) return { ok: false, problems };

  const id = str(fw, 'id', 'framework');
  if (id !== null && !(FRAMEWORK_IDS as readonly string[]).includes(id)) {
    at('framework', `unknown framework id "${id}" (known: ${FRAMEWORK_IDS.join(', ')})`);
  }
  const framework = {
    id: id ?? '',
    name: str(fw, 'name', 'framework') ?? '',
    title: str(fw, 'title', 'framework') ?? '',
    version: str(fw, 'version', 'framework') ?? '',
    publisher: str(fw, 'publisher', 'framework') ?? '',
    kind: enumOf(fw.kind, FRAMEWORK_KINDS, 'framework', 'kind') ?? 'STANDARD',
    current: fw.current === undefined ? true : fw.current === true,
    versionNote: optionalStr(fw, 'versionNote', 'framework'),
  };
  if (fw.current !== undefined && typeof fw.current !== 'boolean') at('framework', '"current" must be true or false');
  const references = Array.isArray(src.references)
    ? src.references.filter((r): r is string => typeof r === 'string')
    : [];
  if (references.length === 0) at('source', '"references" must list at least one source');
  const source = {
    edition: str(src, 'edition', 'source') ?? '',
    references,
    licence: str(src, 'licence', 'source') ?? '',
  };

  const seen = new Set<string>();
  const requirements: CatalogueRequirement[] = [];
  items.forEach((item: Json, index: number) => {
    const where = `requirements[${index}]`;
    if (!isObject(item)) {
      at(where, 'must be an object');
      return;
    }
    const ref = str(item, 'ref', where);
    const label = ref === null ? where : `${where} (${ref})`;
    const kind = enumOf(item.kind, REQUIREMENT_KINDS, label, 'kind');
    const title = str(item, 'title', label, { nullable: kind === 'PARAGRAPH' });
    const parent = item.parent === null ? null : str(item, 'parent', label);
    if (typeof item.auditable !== 'boolean') at(label, '"auditable" must be true or false');
    if (ref !== null) {
      if (seen.has(ref)) at(label, `duplicate ref "${ref}"`);
      if (parent !== null && !seen.has(parent)) at(label, `parent "${parent}" is not defined before it`);
      if (parent === ref) at(label, 'is its own parent');
      seen.add(ref);
    }
    if (ref === null || kind === null) return;
    requirements.push({
      ref,
      title,
      kind,
      parent,
      auditable: item.auditable === true,
      summary: optionalStr(item, 'summary', label),
      roles: roleList(item, 'roles', label),
      rolesConditional: roleList(item, 'rolesConditional', label),
      rolesNote: optionalStr(item, 'rolesNote', label),
      position: index,
    });
  });

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, catalogue: { framework, source, requirements } };
}
