/**
 * Validation of entity inputs against the entity descriptions. Pure: returns the values
 * to store, or every problem, each naming its field.
 */
import { isCalendarDate, isDateTime } from './date-time.js';
import type { EntityDef, FieldDef } from './entity-spec.js';

export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

export type InputResult = { ok: true; values: Record<string, unknown> } | { ok: false; problems: FieldProblem[] };

const hasControlCharacters = (value: string, allowLines: boolean): boolean =>
  [...value].some((ch) => {
    const code = ch.charCodeAt(0);
    if (allowLines && (ch === '\n' || ch === '\t' || ch === '\r')) return false;
    return code < 0x20 || code === 0x7f;
  });

function checkField(field: FieldDef, value: unknown): string | null {
  const spec = field.spec;
  switch (spec.kind) {
    case 'string':
    case 'text': {
      if (typeof value !== 'string') return 'must be a string';
      if (value.trim() === '') return 'must not be blank';
      if (value.length > spec.maxLength) return `must be at most ${spec.maxLength} characters`;
      if (hasControlCharacters(value, spec.kind === 'text')) return 'must not contain control characters';
      if (spec.kind === 'string' && spec.pattern && !spec.pattern.test(value))
        return `must be ${spec.patternHint ?? 'well formed'}`;
      return null;
    }
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value)
        ? null
        : `must be one of ${spec.values.join(', ')}`;
    case 'enumList':
      return Array.isArray(value) && value.every((v) => typeof v === 'string' && spec.values.includes(v))
        ? null
        : `must be a list of ${spec.values.join(', ')}`;
    case 'int':
      return Number.isInteger(value) && (value as number) >= spec.min && (value as number) <= spec.max
        ? null
        : `must be a whole number from ${spec.min} to ${spec.max}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value) ? null : 'must be a date, YYYY-MM-DD';
    case 'datetime':
      return typeof value === 'string' && isDateTime(value)
        ? null
        : 'must be a date and time with a time zone, hours 00 to 23 and an offset of at most 18:00, e.g. 2026-11-27T09:30:00Z';
  }
}

/**
 * Checks an input. On create, required fields must be present and defaults fill the
 * rest; on update, only the fields given are checked, and null clears an optional field.
 * Fields the description does not know are refused.
 */
export function validateEntityInput(
  def: EntityDef,
  input: Readonly<Record<string, unknown>>,
  mode: 'create' | 'update',
): InputResult {
  const problems: FieldProblem[] = [];
  const values: Record<string, unknown> = {};
  const known = new Set(def.fields.map((f) => f.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) problems.push({ field: key, message: `is not a field of ${def.type}` });
  }
  for (const field of def.fields) {
    const present = Object.prototype.hasOwnProperty.call(input, field.name) && input[field.name] !== undefined;
    const value = present ? input[field.name] : undefined;
    if (!present || value === null) {
      if (mode === 'create') {
        if (field.default !== undefined) values[field.name] = field.default;
        else if (field.required) problems.push({ field: field.name, message: 'is required' });
        else values[field.name] = null;
      } else if (value === null) {
        if (field.required) problems.push({ field: field.name, message: 'is required and cannot be cleared' });
        else values[field.name] = field.default ?? null;
      }
      continue;
    }
    const problem = checkField(field, value);
    if (problem !== null) problems.push({ field: field.name, message: problem });
    else
      values[field.name] =
        field.spec.kind === 'enumList'
          ? [...new Set(value as string[])]
          : field.spec.kind === 'string'
            ? (value as string).trim()
            : value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** Rules across fields, checked on the values an entity would have after a write. */
export function crossFieldProblems(type: string, values: Readonly<Record<string, unknown>>): FieldProblem[] {
  if (type === 'Evidence') {
    const from = values.effectiveFrom;
    const until = values.validUntil;
    if (typeof from === 'string' && typeof until === 'string' && from > until) {
      return [{ field: 'validUntil', message: 'must not be before effectiveFrom' }];
    }
  }
  return [];
}
