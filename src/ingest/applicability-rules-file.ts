/**
 * Validation of seed/rules/eu-ai-act-applicability.json. Pure: takes parsed JSON and the
 * catalogue it speaks of, returns typed rules or every problem found, each naming the
 * rule or schedule step.
 */
import type {
  ApplicabilityRule,
  ApplicabilityRules,
  RuleCondition,
  ScheduleStep,
} from '../domain/ai-act-applicability.js';
import { AI_ACT_SPECIAL_CASES, EU_AI_ACT_CLASSES, HIGH_RISK_ROUTES } from '../domain/organisation.js';
import { OPERATOR_ROLES } from '../domain/vocabulary.js';
import { isCalendarDate } from '../domain/date-time.js';
import type { Catalogue } from './catalogue-file.js';

export type RulesParseResult = { ok: true; rules: ApplicabilityRules } | { ok: false; problems: string[] };

type Json = unknown;
const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
const RULE_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const CONDITION_KEYS: Readonly<Record<keyof RuleCondition, readonly string[]>> = {
  riskClass: EU_AI_ACT_CLASSES,
  highRiskRoute: HIGH_RISK_ROUTES,
  roles: OPERATOR_ROLES,
  allOf: AI_ACT_SPECIAL_CASES,
  anyOf: AI_ACT_SPECIAL_CASES,
  noneOf: AI_ACT_SPECIAL_CASES,
};

/**
 * Parses the rules file. Every article a rule names must be an auditable requirement of
 * the catalogue version the file names, and every schedule must end with a step that
 * holds unconditionally.
 */
export function parseApplicabilityRules(json: Json, file: string, catalogues: readonly Catalogue[]): RulesParseResult {
  const problems: string[] = [];
  const at = (where: string, message: string): void => {
    problems.push(`${file}: ${where}: ${message}`);
  };
  if (!isObject(json)) return { ok: false, problems: [`${file}: must be a JSON object`] };

  const text = (obj: Record<string, Json>, key: string, where: string): string => {
    const value = obj[key];
    if (typeof value === 'string' && value.trim() !== '' && value.length <= 2000) return value;
    at(where, `"${key}" must be a non-empty string of at most 2000 characters`);
    return '';
  };

  const framework = text(json, 'framework', 'file');
  const version = text(json, 'version', 'file');
  const catalogue = catalogues.find((c) => c.framework.id === framework && c.framework.version === version);
  if (framework && version && !catalogue) at('file', `no catalogue for framework "${framework}" version "${version}"`);
  const auditable = new Set(catalogue?.requirements.filter((r) => r.auditable).map((r) => r.ref) ?? []);

  const condition = (value: Json, where: string): RuleCondition => {
    if (!isObject(value)) {
      at(where, '"when" must be an object');
      return {};
    }
    const result: Record<string, readonly string[]> = {};
    for (const [key, list] of Object.entries(value)) {
      const allowed = CONDITION_KEYS[key as keyof RuleCondition];
      if (!allowed) {
        at(where, `unknown condition "${key}" (allowed: ${Object.keys(CONDITION_KEYS).join(', ')})`);
        continue;
      }
      if (!Array.isArray(list) || list.length === 0) {
        at(where, `"${key}" must be a non-empty list`);
        continue;
      }
      for (const item of list) {
        if (typeof item !== 'string' || !allowed.includes(item))
          at(where, `"${key}" holds ${JSON.stringify(item)}, not one of ${allowed.join(', ')}`);
      }
      result[key] = list.filter((item): item is string => typeof item === 'string');
    }
    return result as RuleCondition;
  };

  const schedules: Record<string, ScheduleStep[]> = {};
  if (!isObject(json.schedules)) at('file', '"schedules" must be an object');
  else {
    for (const [name, steps] of Object.entries(json.schedules)) {
      const where = `schedule "${name}"`;
      if (!Array.isArray(steps) || steps.length === 0) {
        at(where, 'must be a non-empty list of steps');
        continue;
      }
      schedules[name] = steps.map((step: Json, i): ScheduleStep => {
        const stepWhere = `${where} step ${i + 1}`;
        if (!isObject(step)) {
          at(stepWhere, 'must be an object');
          return { when: null, date: null, basis: '' };
        }
        const date = step.date;
        if (date !== null && (typeof date !== 'string' || !isCalendarDate(date))) {
          at(stepWhere, '"date" must be a calendar date (YYYY-MM-DD) or null');
        }
        const isLast = i === steps.length - 1;
        if (isLast && step.when !== undefined) at(stepWhere, 'the last step must hold unconditionally (no "when")');
        if (!isLast && step.when === undefined)
          at(stepWhere, 'only the last step may hold unconditionally; later steps would never be reached');
        return {
          when: step.when === undefined ? null : condition(step.when, stepWhere),
          date: typeof date === 'string' ? date : null,
          basis: text(step, 'basis', stepWhere),
        };
      });
    }
  }

  const rules: ApplicabilityRule[] = [];
  if (!Array.isArray(json.rules) || json.rules.length === 0) at('file', '"rules" must be a non-empty list');
  else {
    const seen = new Set<string>();
    json.rules.forEach((rule: Json, i) => {
      if (!isObject(rule)) {
        at(`rule ${i + 1}`, 'must be an object');
        return;
      }
      const id = typeof rule.id === 'string' ? rule.id : '';
      const where = `rule ${i + 1} "${id}"`;
      if (!RULE_ID.test(id)) at(where, '"id" must be lower-case words joined by hyphens');
      if (seen.has(id)) at(where, 'id is used by an earlier rule');
      seen.add(id);
      const articles = Array.isArray(rule.articles)
        ? rule.articles.filter((a): a is string => typeof a === 'string')
        : [];
      if (!Array.isArray(rule.articles) || articles.length === 0 || articles.length !== rule.articles.length) {
        at(where, '"articles" must be a non-empty list of article refs');
      }
      for (const article of articles) {
        if (catalogue && !auditable.has(article))
          at(where, `"${article}" is not an auditable requirement of ${framework} ${version}`);
      }
      if (new Set(articles).size !== articles.length) at(where, '"articles" lists an article twice');
      const schedule = typeof rule.schedule === 'string' ? rule.schedule : '';
      if (!(schedule in schedules))
        at(where, `"schedule" must name one of the schedules (got ${JSON.stringify(rule.schedule)})`);
      rules.push({
        id,
        title: text(rule, 'title', where),
        basis: text(rule, 'basis', where),
        when: condition(rule.when, where),
        articles,
        schedule,
      });
    });
  }
  for (const name of Object.keys(schedules)) {
    if (!rules.some((r) => r.schedule === name)) at(`schedule "${name}"`, 'no rule uses it');
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rules: { framework, version, schedules, rules } };
}
