/**
 * Upserts by external reference: whether a stored record already says what an input
 * says, field by field, with the types the store gives back. Pure.
 */
import type { EntityDef } from './entity-spec.js';

const empty = (value: unknown): boolean => value === null || value === undefined;

/** True when every field of the description holds the same value in `stored` as in `values`. */
export function sameFields(
  def: EntityDef,
  stored: Readonly<Record<string, unknown>>,
  values: Readonly<Record<string, unknown>>,
): boolean {
  return def.fields.every((field) => {
    const a = stored[field.name];
    const b = values[field.name];
    if (empty(a) || empty(b)) return empty(a) && empty(b);
    switch (field.spec.kind) {
      case 'enumList': {
        const x = [...(a as string[])].sort();
        const y = [...(b as string[])].sort();
        return x.length === y.length && x.every((v, i) => v === y[i]);
      }
      case 'datetime':
        return Date.parse(String(a)) === Date.parse(String(b));
      case 'int':
        return Number(a) === Number(b);
      default:
        return a === b;
    }
  });
}
