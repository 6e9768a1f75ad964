/**
 * The query parameters of the report pages, checked before any GraphQL runs: a missing,
 * repeated, malformed or unknown parameter is refused with 400 BAD_USER_INPUT naming it.
 * Whether a framework, requirement or AI system exists is the API's to say (404).
 */
import { isCalendarDate } from '../domain/date-time.js';
import { ErrorCode } from '../errors.js';

/** A refusal of a report request: the HTTP status, a stable code, a message for people. */
export class ReportError extends Error {
  override name = 'ReportError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const badParameter = (parameter: string, message: string): ReportError =>
  new ReportError(400, ErrorCode.BAD_USER_INPUT, message, { parameter });

/** The scope of a report: the whole organisation, or some AI systems. */
export interface ReportScope {
  readonly systems: readonly string[] | null;
}

/** The day a report is for: `date` (YYYY-MM-DD, UTC) and the moment sent to the API (its end), or today. */
export interface ReportDay {
  readonly date: string;
  /** The end of that day, or null for now (the API's default). */
  readonly moment: string | null;
}

export const MAX_SCOPE_SYSTEMS = 20;
const FRAMEWORK_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

type Spec = Readonly<Record<string, 'one' | 'many'>>;

/** The parameters of one request, checked against the names a page takes. */
export class ReportParams {
  private constructor(private readonly search: URLSearchParams) {}

  static of(search: URLSearchParams, spec: Spec): ReportParams {
    for (const name of new Set(search.keys())) {
      const kind = spec[name];
      if (kind === undefined) {
        const known = Object.keys(spec);
        throw badParameter(
          name,
          `Unknown parameter "${name}"${known.length === 0 ? ': this page takes none' : `; this page takes ${known.join(', ')}`}`,
        );
      }
      if (kind === 'one' && search.getAll(name).length > 1) throw badParameter(name, `Give "${name}" at most once`);
    }
    return new ReportParams(search);
  }

  /** A single value; an empty one counts as absent. */
  optional(name: string): string | null {
    const value = this.search.get(name);
    if (value === null || value.trim() === '') return null;
    if (value.length > 300 || [...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
      throw badParameter(name, `"${name}" must be 1 to 300 printable characters`);
    }
    return value.trim();
  }

  required(name: string, what: string): string {
    const value = this.optional(name);
    if (value === null) throw badParameter(name, `The parameter "${name}" (${what}) is required`);
    return value;
  }

  framework(name = 'framework'): string {
    return checkFramework(name, this.required(name, 'a framework id such as iso42001'));
  }

  /** Repeated framework ids, or null when none is given. */
  frameworks(name = 'framework'): string[] | null {
    const values = this.search.getAll(name).filter((v) => v.trim() !== '');
    if (values.length === 0) return null;
    return [...new Set(values.map((v) => checkFramework(name, v.trim())))];
  }

  scope(): ReportScope {
    const values = this.search
      .getAll('system')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    if (values.length === 0) return { systems: null };
    if (values.length > MAX_SCOPE_SYSTEMS)
      throw badParameter('system', `Name at most ${MAX_SCOPE_SYSTEMS} AI systems in "system"`);
    for (const v of values) {
      if (v.length > 300 || [...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
        throw badParameter('system', '"system" must be an AI system id (1 to 300 printable characters)');
      }
    }
    return { systems: [...new Set(values)] };
  }

  day(name = 'asOf'): ReportDay {
    const value = this.optional(name);
    if (value === null) return { date: new Date().toISOString().slice(0, 10), moment: null };
    if (!isCalendarDate(value)) {
      throw badParameter(name, `"${name}" must be a date written YYYY-MM-DD, for example 2026-11-27`);
    }
    return { date: value, moment: `${value}T23:59:59Z` };
  }
}

function checkFramework(name: string, value: string): string {
  if (!FRAMEWORK_ID.test(value))
    throw badParameter(name, `"${name}" must be a framework id such as iso42001 or eu-ai-act`);
  return value;
}

/** The scope as the API's CoverageScope argument (null for the whole organisation). */
export const scopeArgument = (scope: ReportScope): { systems: string[] } | null =>
  scope.systems === null ? null : { systems: [...scope.systems] };

/** The last moment of each of the `count` months ending with `day`'s month, the last one being `day`'s moment itself (or now). */
export function monthEnds(day: ReportDay, count: number, now: Date = new Date()): string[] {
  const last = day.moment ?? now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const [year, month] = day.date.split('-').map(Number) as [number, number];
  const moments: string[] = [];
  for (let back = count - 1; back >= 1; back -= 1) {
    // Day 0 of the next month is the last day of this one.
    const end = new Date(Date.UTC(year, month - 1 - back + 1, 0));
    moments.push(`${end.toISOString().slice(0, 10)}T23:59:59Z`);
  }
  moments.push(last);
  return moments;
}
