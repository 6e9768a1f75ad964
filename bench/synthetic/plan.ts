/**
 * A synthetic organisation of any size, for measuring the service at scale: AI systems,
 * models, datasets, risks, controls, obligations, evidence, parties and applicability
 * entries, linked by every kind of link the organisation graph has, with skewed degrees
 * (a few controls carry much of the evidence, a few models serve many systems). Pure:
 * the same scale, seed and catalogue give the same plan, value for value, so two loads
 * give identical graphs apart from the load's own timestamps.
 *
 * Ids have the service's form (`sys_<uuid>`), with a UUID of version 8 (RFC 9562, custom)
 * whose first group is the synthetic mark: `sys_5717e71c-SSSS-8SSS-8000-NNNNNNNNNNNN`
 * (S the seed, N the ordinal). Ids the service makes are version 4 or 5, so synthetic
 * records can always be told apart and removed.
 */
import { ENTITIES, ENTITY_TYPES, type EntityType, type NodeKind } from '../../src/domain/entity-spec.js';
import {
  AI_ACT_SPECIAL_CASES,
  CONTROL_TYPES,
  DATA_QUALITY_STATUSES,
  DATASET_PURPOSES,
  EVIDENCE_TYPES,
  LIFECYCLE_STAGES,
  RISK_CATEGORIES,
  RISK_STATUSES,
} from '../../src/domain/organisation.js';
import { FRAMEWORK_IDS, type FrameworkId } from '../../src/domain/vocabulary.js';

/** The first group of every synthetic record's UUID. */
export const SYNTHETIC_MARK = '5717e71c';
export const DEFAULT_SYNTHETIC_SEED = 8477;
/** Seeds are stored in seven hexadecimal digits of the id. */
export const MAX_SYNTHETIC_SEED = 0xfffffff;
export const MAX_SYNTHETIC_SCALE = 100;
/** Evidence periods and due dates are laid out around this date, not the day of the load, so that plans do not depend on the clock. */
export const SYNTHETIC_ANCHOR = '2024-01-01';

/** The id prefix of synthetic records of one type, e.g. `sys_5717e71c-`. */
export function syntheticIdPrefix(type: EntityType): string {
  return `${ENTITIES[type].prefix}_${SYNTHETIC_MARK}-`;
}

/** Whether an id is a synthetic record's: the mark, then the version-8 digit after the seed group. */
export function isSyntheticId(id: string): boolean {
  const type = ENTITY_TYPES.find((t) => id.startsWith(syntheticIdPrefix(t)));
  if (type === undefined) return false;
  return id.charAt(syntheticIdPrefix(type).length + 5) === '8';
}

export function syntheticId(type: EntityType, seed: number, ordinal: number): string {
  const s = seed.toString(16).padStart(7, '0');
  return `${syntheticIdPrefix(type)}${s.slice(0, 4)}-8${s.slice(4)}-8000-${ordinal.toString(16).padStart(12, '0')}`;
}

export type SyntheticValue = string | number | boolean | readonly string[] | null;

export interface SyntheticRecord {
  readonly id: string;
  readonly type: EntityType;
  /** Every field of the type, null when absent. */
  readonly values: Readonly<Record<string, SyntheticValue>>;
}

export interface SyntheticLink {
  readonly kind: string;
  readonly from: string;
  readonly fromType: EntityType;
  readonly to: string;
  readonly toKind: NodeKind;
  /** The link's required property (purpose or coverage), or null. */
  readonly property: string | null;
}

export interface SyntheticPlan {
  readonly scale: number;
  readonly seed: number;
  readonly records: Readonly<Record<EntityType, readonly SyntheticRecord[]>>;
  readonly links: readonly SyntheticLink[];
}

/** Current, auditable requirement ids of each framework, as the catalogue in the graph holds them. */
export type RequirementsByFramework = Readonly<Record<FrameworkId, readonly string[]>>;

/**
 * How many records of each type a scale asks for. Scale 1 is about 100 AI systems,
 * 1,000 risks, 1,000 controls and 10,000 evidence items; everything grows linearly with
 * the scale except the controls, which are shared across systems and grow as
 * scale^log10(5) (5,000 at scale 10).
 */
export function syntheticCounts(scale: number): Readonly<Record<EntityType, number>> {
  const linear = (n: number): number => Math.max(1, Math.round(n * scale));
  return {
    AISystem: linear(100),
    Model: linear(40),
    Dataset: linear(150),
    Risk: linear(1000),
    Control: Math.max(1, Math.round(1000 * scale ** Math.log10(5))),
    Obligation: linear(300),
    Evidence: linear(10_000),
    Party: linear(80),
    Applicability: linear(120),
  };
}

/** sfc32 (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32. */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let state = seed >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let i = 0; i < 12; i += 1) this.next();
  }

  /** A number in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[this.int(items.length)]!;
  }

  /** One of the values, with the given relative weights. */
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let u = this.next() * total;
    for (const [value, w] of choices) {
      u -= w;
      if (u < 0) return value;
    }
    return choices[choices.length - 1]![0];
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i -= 1) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j]!, items[i]!];
    }
    return items;
  }
}

/**
 * Draws indexes in [0, n) with Zipf-like weights 1/rank^s, the ranks given to the
 * indexes in a random order, so the popular items are spread over the list.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;
  private readonly byRank: number[];

  constructor(
    rng: Prng,
    readonly n: number,
    s: number,
  ) {
    if (n < 1) throw new RangeError('a Zipf sampler needs at least one item');
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k += 1) {
      total += 1 / (k + 1) ** s;
      this.cumulative[k] = total;
    }
    this.byRank = rng.shuffle(Array.from({ length: n }, (_, i) => i));
  }

  sample(rng: Prng): number {
    const u = rng.next() * this.cumulative[this.n - 1]!;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return this.byRank[lo]!;
  }

  /** Up to k distinct indexes (fewer only when n < k). */
  distinct(rng: Prng, k: number): number[] {
    const want = Math.min(k, this.n);
    const found = new Set<number>();
    for (let tries = 0; found.size < want && tries < want * 50; tries += 1) found.add(this.sample(rng));
    for (let i = 0; found.size < want; i += 1) found.add(i);
    return [...found];
  }
}

const USE_CASES = [
  'Credit scoring',
  'Payment fraud detection',
  'CV screening',
  'Customer chatbot',
  'Claims triage',
  'Document classification',
  'Demand forecasting',
  'Churn prediction',
  'Network anomaly detection',
  'Product recommendations',
  'Call transcription',
  'Visual quality inspection',
  'Dynamic pricing',
  'Identity verification',
  'Coding assistant',
  'Complaint sentiment analysis',
  'Route planning',
  'Predictive maintenance',
  'Machine translation',
  'Knowledge search',
] as const;
const BUSINESS_UNITS = [
  'Retail',
  'Corporate',
  'Operations',
  'HR',
  'Finance',
  'Marketing',
  'IT',
  'Legal',
  'Logistics',
  'Service',
] as const;
const MODEL_KINDS = [
  ['gradient-boosted trees', 'Northwind Data Science'],
  ['logistic regression', 'Northwind Data Science'],
  ['transformer language model', 'Third-party model provider'],
  ['convolutional network', 'Northwind Vision Lab'],
  ['speech-to-text model', 'Third-party model provider'],
  ['embedding model', 'Open-source community'],
  ['random forest', 'Northwind Data Science'],
  ['sequence model', 'Northwind Data Science'],
] as const;
const DATA_SOURCES = [
  'Core banking ledger',
  'CRM exports',
  'Public web corpus',
  'Licensed vendor feed',
  'Call centre recordings',
  'Sensor telemetry',
  'HR applicant tracking',
  'Card transactions',
] as const;
const LICENCES = ['Proprietary', 'CC-BY-4.0', 'Vendor licence', 'Apache-2.0', 'Internal use only'] as const;
const RISK_PHRASES: Readonly<Record<(typeof RISK_CATEGORIES)[number], readonly string[]>> = {
  BIAS: ['Unequal error rates across groups', 'Proxy discrimination through postcode', 'Historical bias in labels'],
  ROBUSTNESS: [
    'Performance drift after deployment',
    'Adversarial inputs change outcomes',
    'Out-of-distribution inputs',
  ],
  PRIVACY: ['Personal data used beyond its purpose', 'Re-identification from outputs', 'Excessive retention of inputs'],
  SECURITY: ['Prompt injection', 'Model theft through the API', 'Poisoned training data'],
  TRANSPARENCY: ['Users not told they deal with AI', 'Decisions cannot be explained', 'Synthetic content not marked'],
  SAFETY: ['Harmful recommendation reaches a customer', 'Unsafe automation without override'],
  ACCOUNTABILITY: ['No owner for model changes', 'Unclear escalation for incidents'],
  LEGAL: ['Non-compliance with sector rules', 'Contract terms of the model provider breached'],
  OTHER: ['Vendor lock-in', 'Reputational harm from errors'],
};
const CONTROL_THEMES = [
  'Bias testing',
  'Model validation',
  'Access review',
  'Data quality checks',
  'Human oversight',
  'Incident response',
  'Logging and monitoring',
  'Change management',
  'Supplier assessment',
  'Privacy impact assessment',
  'Robustness testing',
  'Explainability report',
  'Training data lineage',
  'Model card upkeep',
  'Red teaming',
  'Drift monitoring',
  'Secure development',
  'Backup and recovery',
  'AI policy review',
  'Transparency notice',
] as const;
const FIRST_NAMES = [
  'Amira',
  'Jonas',
  'Lea',
  'Mateo',
  'Sofia',
  'Ravi',
  'Chen',
  'Olga',
  'Tomás',
  'Ines',
  'Kwame',
  'Hanna',
  'Yusuf',
  'Marta',
  'Pieter',
  'Aiko',
] as const;
const LAST_NAMES = [
  'Haddad',
  'Weber',
  'Fischer',
  'Rossi',
  'Novak',
  'Okafor',
  'Lindqvist',
  'García',
  'Kowalski',
  'Dubois',
  'Sato',
  'Mensah',
  'Byrne',
  'Costa',
] as const;
const JOB_TITLES = [
  'Model risk manager',
  'Data scientist',
  'Product owner',
  'Compliance officer',
  'Security engineer',
  'Data protection lead',
  'ML engineer',
  'Internal auditor',
] as const;
const TEAM_NAMES = [
  'ML Platform',
  'Model Risk',
  'Security Operations',
  'Data Governance',
  'Compliance',
  'Internal Audit',
  'Customer Service',
  'Legal',
] as const;
const OBLIGATION_TEXTS = [
  'Register the system in the EU database',
  'Keep the technical documentation up to date',
  'Inform affected persons that AI is used',
  'Report serious incidents to the authority',
  'Keep logs for at least six months',
  'Carry out a fundamental rights impact assessment',
  'Assign trained human oversight',
  'Complete the conformity assessment',
] as const;

const DAY = 86_400_000;
const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const pad = (n: number, width = 4): string => String(n).padStart(width, '0');

/** The weights of the five frameworks among the requirements a control implements. */
const FRAMEWORK_WEIGHTS: readonly (readonly [FrameworkId, number])[] = [
  ['iso42001', 35],
  ['iso27001', 25],
  ['eu-ai-act', 15],
  ['nist-ai-rmf', 15],
  ['iso9001', 10],
];

/** Plans a synthetic organisation over the given catalogue requirements. */
export function planSynthetic(options: {
  scale: number;
  seed: number;
  requirements: RequirementsByFramework;
}): SyntheticPlan {
  const { scale, seed, requirements } = options;
  if (!(scale > 0 && scale <= MAX_SYNTHETIC_SCALE))
    throw new RangeError(`scale must be above 0 and at most ${MAX_SYNTHETIC_SCALE}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SYNTHETIC_SEED)
    throw new RangeError(`seed must be an integer from 0 to ${MAX_SYNTHETIC_SEED}`);
  for (const framework of FRAMEWORK_IDS) {
    if ((requirements[framework]?.length ?? 0) === 0)
      throw new RangeError(`the catalogue has no auditable requirements of ${framework}`);
  }
  const counts = syntheticCounts(scale);
  const rng = new Prng(seed);
  const records = Object.fromEntries(ENTITY_TYPES.map((t) => [t, [] as SyntheticRecord[]])) as Record<
    EntityType,
    SyntheticRecord[]
  >;
  const links: SyntheticLink[] = [];
  const add = (type: EntityType, fields: Record<string, SyntheticValue>): SyntheticRecord => {
    const values: Record<string, SyntheticValue> = {};
    for (const field of ENTITIES[type].fields)
      values[field.name] = fields[field.name] ?? (field.default as SyntheticValue | undefined) ?? null;
    const record = { id: syntheticId(type, seed, records[type].length + 1), type, values };
    records[type].push(record);
    return record;
  };
  const link = (
    kind: string,
    from: SyntheticRecord,
    to: SyntheticRecord | string,
    property: string | null = null,
  ): void => {
    links.push(
      typeof to === 'string'
        ? { kind, from: from.id, fromType: from.type, to, toKind: 'Requirement', property }
        : { kind, from: from.id, fromType: from.type, to: to.id, toKind: to.type, property },
    );
  };
  const requirement = (framework: FrameworkId): string => rng.pick(requirements[framework]);

  // Parties: about one team in five.
  for (let i = 0; i < counts.Party; i += 1) {
    const n = i + 1;
    if (rng.chance(0.2)) {
      const team = rng.pick(TEAM_NAMES);
      add('Party', {
        name: `${team} team ${pad(n)}`,
        kind: 'TEAM',
        email: `team-${pad(n)}@synthetic.example`,
        jobTitle: `${team} function`,
      });
    } else {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      add('Party', {
        name: `${first} ${last} ${pad(n)}`,
        kind: 'PERSON',
        email: `person-${pad(n)}@synthetic.example`,
        jobTitle: rng.pick(JOB_TITLES),
      });
    }
  }
  const parties = new ZipfSampler(rng, counts.Party, 1.0);
  const own = (target: SyntheticRecord): void => {
    const accountable = parties.sample(rng);
    link('ACCOUNTABLE_FOR', records.Party[accountable]!, target);
    if (rng.chance(0.5)) {
      const responsible = parties.sample(rng);
      if (responsible !== accountable) link('RESPONSIBLE_FOR', records.Party[responsible]!, target);
    }
  };

  // Models and datasets; models are trained on a few datasets.
  for (let i = 0; i < counts.Dataset; i += 1) {
    const source = rng.pick(DATA_SOURCES);
    const personal = rng.chance(0.45);
    add('Dataset', {
      name: `${source} extract ${pad(i + 1)}`,
      description: `Extract of ${source.toLowerCase()} prepared for model work.`,
      source,
      licence: rng.pick(LICENCES),
      personalData: personal,
      provenance: `Collected ${2018 + rng.int(8)}; lineage recorded in the data catalogue.`,
      qualityStatus: rng.weighted([
        [DATA_QUALITY_STATUSES[0], 20],
        [DATA_QUALITY_STATUSES[1], 35],
        [DATA_QUALITY_STATUSES[2], 10],
        [DATA_QUALITY_STATUSES[3], 35],
      ]),
    });
  }
  const datasets = new ZipfSampler(rng, counts.Dataset, 0.8);
  for (let i = 0; i < counts.Model; i += 1) {
    const [modelType, provider] = rng.pick(MODEL_KINDS);
    const model = add('Model', {
      name: `${modelType.charAt(0).toUpperCase()}${modelType.slice(1)} ${pad(i + 1)}`,
      description: `A ${modelType} used by one or more AI systems.`,
      provider,
      modelType,
      modelVersion: `${1 + rng.int(9)}.${rng.int(20)}.${rng.int(10)}`,
    });
    for (const d of datasets.distinct(rng, 1 + rng.int(3))) link('TRAINED_ON', model, records.Dataset[d]!);
  }
  const models = new ZipfSampler(rng, counts.Model, 1.1);

  // AI systems, each with its models, datasets and owners.
  const highRisk: SyntheticRecord[] = [];
  for (let i = 0; i < counts.AISystem; i += 1) {
    const useCase = rng.pick(USE_CASES);
    const unit = rng.pick(BUSINESS_UNITS);
    const riskClass = rng.weighted([
      ['HIGH_RISK', 20],
      ['TRANSPARENCY', 20],
      ['MINIMAL', 60],
    ] as const);
    const route =
      riskClass === 'HIGH_RISK'
        ? rng.weighted([
            ['ANNEX_III', 80],
            ['ANNEX_I', 20],
          ] as const)
        : null;
    const roles = rng.weighted([
      [['PROVIDER', 'DEPLOYER'], 45],
      [['DEPLOYER'], 40],
      [['PROVIDER'], 10],
      [['IMPORTER', 'DEPLOYER'], 5],
    ] as const);
    const special = AI_ACT_SPECIAL_CASES.filter(() => rng.chance(0.05));
    const system = add('AISystem', {
      name: `${useCase} (${unit}) ${pad(i + 1)}`,
      purpose: `${useCase} for the ${unit.toLowerCase()} business.`,
      intendedUse: `Supports ${unit.toLowerCase()} staff; people take the final decisions.`,
      lifecycleStage: rng.weighted([
        [LIFECYCLE_STAGES[0], 5],
        [LIFECYCLE_STAGES[1], 10],
        [LIFECYCLE_STAGES[2], 10],
        [LIFECYCLE_STAGES[3], 10],
        [LIFECYCLE_STAGES[4], 50],
        [LIFECYCLE_STAGES[5], 10],
        [LIFECYCLE_STAGES[6], 5],
      ]),
      riskClass,
      highRiskRoute: route,
      highRiskArea: route === 'ANNEX_III' ? `Annex III ${1 + rng.int(8)}` : null,
      operatorRoles: [...roles],
      aiActSpecialCases: special,
    });
    if (riskClass === 'HIGH_RISK') highRisk.push(system);
    for (const m of models.distinct(rng, rng.chance(0.3) ? 2 : 1)) link('USES_MODEL', system, records.Model[m]!);
    for (const d of datasets.distinct(rng, 1 + rng.int(4)))
      link('USES_DATASET', system, records.Dataset[d]!, rng.pick(DATASET_PURPOSES));
    own(system);
  }
  const systems = new ZipfSampler(rng, counts.AISystem, 0.7);

  // The organisation works on part of each framework, whatever its size: three in five
  // requirements it implements (fully or partly), three in twenty only partly, and the
  // rest not at all, so coverage keeps gaps for the crosswalk to fill or not.
  const worked = Object.fromEntries(
    FRAMEWORK_IDS.map((framework) => {
      const ids = rng.shuffle([...requirements[framework]]);
      const full = Math.max(1, Math.round(ids.length * 0.6));
      const partial = Math.round(ids.length * 0.15);
      const chosen = ids.slice(0, full + partial);
      return [framework, { ids: chosen, partialFrom: full, zipf: new ZipfSampler(rng, chosen.length, 0.8) }];
    }),
  ) as Record<FrameworkId, { ids: string[]; partialFrom: number; zipf: ZipfSampler }>;
  const implementable = (framework: FrameworkId): { id: string; partialOnly: boolean } => {
    const w = worked[framework];
    const i = w.zipf.sample(rng);
    return { id: w.ids[i]!, partialOnly: i >= w.partialFrom };
  };

  // Controls: shared across systems; a quarter are organisation-wide (no APPLIES_TO).
  const controlSystems: number[][] = [];
  const controlRequirements: string[][] = [];
  for (let i = 0; i < counts.Control; i += 1) {
    const theme = rng.pick(CONTROL_THEMES);
    const control = add('Control', {
      name: `${theme} ${pad(i + 1, 5)}`,
      description: `${theme}, run as part of the AI management system.`,
      status: rng.weighted([
        ['OPERATING', 45],
        ['IMPLEMENTED', 30],
        ['PLANNED', 15],
        ['INEFFECTIVE', 5],
        ['RETIRED', 5],
      ] as const),
      controlType: rng.pick(CONTROL_TYPES),
    });
    const implemented = new Map<string, boolean>();
    for (let k = 1 + rng.int(4), tries = 0; implemented.size < k && tries < 100; tries += 1) {
      const { id, partialOnly } = implementable(rng.weighted(FRAMEWORK_WEIGHTS));
      implemented.set(id, partialOnly);
    }
    for (const [r, partialOnly] of implemented)
      link('IMPLEMENTS', control, r, !partialOnly && rng.chance(0.65) ? 'FULL' : 'PARTIAL');
    controlRequirements.push([...implemented.keys()]);
    const applies = rng.chance(0.25) ? [] : systems.distinct(rng, 1 + Math.floor(-Math.log(1 - rng.next()) * 1.5));
    for (const s of applies) link('APPLIES_TO', control, records.AISystem[s]!);
    controlSystems.push(applies);
    own(control);
  }
  const controls = new ZipfSampler(rng, counts.Control, 0.9);

  // Risks, raised on systems (some on datasets), mitigated by shared controls.
  for (let i = 0; i < counts.Risk; i += 1) {
    const category = rng.weighted(RISK_CATEGORIES.map((c) => [c, c === 'OTHER' ? 2 : 10] as const));
    const treatment = rng.weighted([
      ['MITIGATE', 65],
      ['ACCEPT', 20],
      ['TRANSFER', 8],
      ['AVOID', 7],
    ] as const);
    const risk = add('Risk', {
      title: `${rng.pick(RISK_PHRASES[category])} ${pad(i + 1, 5)}`,
      description: `A ${category.toLowerCase()} risk found in the AI risk assessment.`,
      category,
      likelihood: 1 + rng.int(5),
      impact: 1 + rng.int(5),
      treatment,
      status: rng.pick(RISK_STATUSES),
    });
    link(
      'RAISED_ON',
      risk,
      rng.chance(0.9) ? records.AISystem[systems.sample(rng)]! : records.Dataset[datasets.sample(rng)]!,
    );
    const mitigations = treatment === 'MITIGATE' ? 1 + rng.int(3) : rng.chance(0.3) ? 1 : 0;
    for (const c of controls.distinct(rng, mitigations)) link('MITIGATES', records.Control[c]!, risk);
    own(risk);
  }

  // Obligations, mostly from the EU AI Act, binding high-risk systems first.
  for (let i = 0; i < counts.Obligation; i += 1) {
    const obligation = add('Obligation', {
      title: `${rng.pick(OBLIGATION_TEXTS)} ${pad(i + 1, 5)}`,
      description: 'A duty the organisation carries for one AI system.',
      dueDate: addDays(SYNTHETIC_ANCHOR, 365 + rng.int(900)),
      status: rng.weighted([
        ['OPEN', 35],
        ['IN_PROGRESS', 30],
        ['MET', 25],
        ['OVERDUE', 7],
        ['WAIVED', 3],
      ] as const),
    });
    link('DERIVED_FROM', obligation, requirement(rng.chance(0.9) ? 'eu-ai-act' : 'iso42001'));
    link(
      'BINDS',
      obligation,
      highRisk.length > 0 && rng.chance(0.8) ? rng.pick(highRisk) : records.AISystem[systems.sample(rng)]!,
    );
    own(obligation);
  }

  // Evidence: Zipf over controls, so a few controls carry hundreds of items. Periods
  // start over about three years from the anchor and last six months to two years (one
  // in ten open-ended), so some have expired by any date and some are still to come.
  for (let i = 0; i < counts.Evidence; i += 1) {
    const c = controls.sample(rng);
    const control = records.Control[c]!;
    const evidenceType = rng.weighted(
      EVIDENCE_TYPES.map((t) => [t, t === 'OTHER' || t === 'SCREENSHOT' ? 3 : 10] as const),
    );
    const effectiveFrom = addDays(SYNTHETIC_ANCHOR, rng.int(1000));
    const validUntil = rng.chance(0.1) ? null : addDays(effectiveFrom, rng.pick([182, 365, 365, 730]) - 1);
    const uploaded = `${addDays(effectiveFrom, rng.int(15))}T${pad(8 + rng.int(10), 2)}:${pad(rng.int(60), 2)}:00Z`;
    let sha256 = '';
    while (sha256.length < 64) sha256 += (rng.int(0x100000000) >>> 0).toString(16).padStart(8, '0');
    const evidence = add('Evidence', {
      title: `${String(control.values.name)}: ${evidenceType.toLowerCase().replace('_', ' ')} ${effectiveFrom.slice(0, 7)} ${pad(i + 1, 6)}`,
      evidenceType,
      uri: `https://evidence.synthetic.example/items/${pad(i + 1, 6)}`,
      sha256,
      collectedBy: String(records.Party[parties.sample(rng)]!.values.name),
      uploadedAt: uploaded,
      effectiveFrom,
      validUntil,
    });
    link('SUPPORTS', evidence, control);
    if (rng.chance(0.1)) {
      const other = controls.sample(rng);
      if (other !== c) link('SUPPORTS', evidence, records.Control[other]!);
    }
    if (rng.chance(0.05)) link('SUPPORTS', evidence, rng.pick(controlRequirements[c]!));
    if (rng.chance(0.3)) {
      const scope = controlSystems[c]!;
      link('SCOPED_TO', evidence, records.AISystem[scope.length > 0 ? rng.pick(scope) : systems.sample(rng)]!);
    } else if (rng.chance(0.05)) {
      link('SCOPED_TO', evidence, records.Dataset[datasets.sample(rng)]!);
    }
  }

  // Applicability (ISO/IEC 42001 Annex A): a few organisation-wide decisions, the rest per
  // system; one decision per requirement and scope.
  const annexA = requirements.iso42001.filter((id) => id.startsWith('iso42001:A.'));
  const soaRequirements = annexA.length > 0 ? annexA : requirements.iso42001;
  const orgWide = rng
    .shuffle([...soaRequirements])
    .slice(0, Math.min(soaRequirements.length, Math.round(counts.Applicability * 0.15)));
  const decided = new Set<string>();
  for (let i = 0; i < counts.Applicability; i += 1) {
    let target: string;
    let system: SyntheticRecord | null = null;
    if (i < orgWide.length) target = orgWide[i]!;
    else {
      let tries = 0;
      do {
        target = rng.pick(soaRequirements);
        system = records.AISystem[systems.sample(rng)]!;
        tries += 1;
      } while (decided.has(`${target}|${system.id}`) && tries < 1000);
      if (decided.has(`${target}|${system.id}`)) break;
      decided.add(`${target}|${system.id}`);
    }
    const applicable = rng.chance(0.7);
    const entry = add('Applicability', {
      applicable,
      justification: applicable
        ? `Applies: the ${system ? 'system' : 'organisation'} develops or operates AI within the control's reach.`
        : `Excluded: the ${system ? 'system' : 'organisation'} does not perform the activity this control addresses.`,
    });
    link('FOR_REQUIREMENT', entry, target);
    if (system !== null) link('LIMITED_TO', entry, system);
  }

  return { scale, seed, records, links };
}
