/** The options of `npm run seed:synthetic`, parsed and checked. */
import { parseArgs } from 'node:util';
import { DEFAULT_SYNTHETIC_SEED, MAX_SYNTHETIC_SCALE, MAX_SYNTHETIC_SEED } from './plan.js';
import { DEFAULT_SYNTHETIC_BATCH } from './load.js';

export const SYNTHETIC_USAGE = `usage: npm run seed:synthetic -- [--scale S] [--seed N] [--replace] [--force] [--remove]
                                   [--batch-size ROWS] [--no-change-log]
  --scale S          size of the organisation, above 0 and at most ${MAX_SYNTHETIC_SCALE} (default 1: about 100 AI
                     systems, 1,000 risks, 1,000 controls, 10,000 evidence items)
  --seed N           seed of the generator, 0 to ${MAX_SYNTHETIC_SEED} (default ${DEFAULT_SYNTHETIC_SEED}); the same scale and
                     seed give the same organisation
  --replace          remove the synthetic records already in the graph first
  --force            load even though the graph holds organisation records that are not synthetic
  --remove           only remove the synthetic records (and their change log entries)
  --batch-size ROWS  rows per statement and transaction (default ${DEFAULT_SYNTHETIC_BATCH})
  --no-change-log    do not append change log entries (faster; coverage over time then
                     cannot see the synthetic records arrive)`;

export interface SyntheticArgs {
  readonly scale: number;
  readonly seed: number;
  readonly replace: boolean;
  readonly force: boolean;
  readonly remove: boolean;
  readonly batchSize: number;
  readonly changeLog: boolean;
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function parseSyntheticArgs(argv: readonly string[]): SyntheticArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        scale: { type: 'string' },
        seed: { type: 'string' },
        replace: { type: 'boolean' },
        force: { type: 'boolean' },
        remove: { type: 'boolean' },
        'batch-size': { type: 'string' },
        'no-change-log': { type: 'boolean' },
      },
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}\n${SYNTHETIC_USAGE}`);
  }
  const number = (name: string, text: string | undefined, fallback: number): number => {
    if (text === undefined) return fallback;
    const value = Number(text);
    if (text.trim() === '' || !Number.isFinite(value))
      throw new UsageError(`--${name} must be a number, not "${text}"\n${SYNTHETIC_USAGE}`);
    return value;
  };
  const scale = number('scale', parsed.scale, 1);
  const seed = number('seed', parsed.seed, DEFAULT_SYNTHETIC_SEED);
  const batchSize = number('batch-size', parsed['batch-size'], DEFAULT_SYNTHETIC_BATCH);
  if (!(scale > 0 && scale <= MAX_SYNTHETIC_SCALE))
    throw new UsageError(`--scale must be above 0 and at most ${MAX_SYNTHETIC_SCALE}\n${SYNTHETIC_USAGE}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SYNTHETIC_SEED)
    throw new UsageError(`--seed must be an integer from 0 to ${MAX_SYNTHETIC_SEED}\n${SYNTHETIC_USAGE}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 50_000)
    throw new UsageError(`--batch-size must be an integer from 1 to 50000\n${SYNTHETIC_USAGE}`);
  return {
    scale,
    seed,
    replace: parsed.replace === true,
    force: parsed.force === true,
    remove: parsed.remove === true,
    batchSize,
    changeLog: parsed['no-change-log'] !== true,
  };
}
