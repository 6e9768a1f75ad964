import type { BatchLoadFn } from 'dataloader';

/** Told the size of every batch a loader sends (for the batch-size metric). */
export type BatchObserver = (loader: string, size: number) => void;

/** `batch`, reporting each call's number of keys to `onBatch` under the loader's name. */
export function observed<K, V>(
  name: string,
  onBatch: BatchObserver | undefined,
  batch: BatchLoadFn<K, V>,
): BatchLoadFn<K, V> {
  if (onBatch === undefined) return batch;
  return (keys) => {
    onBatch(name, keys.length);
    return batch(keys);
  };
}

/** The options every loader is made with. */
export interface LoaderOptions {
  readonly maxBatchSize: number;
}

export const BATCHED: LoaderOptions = { maxBatchSize: 1000 };
/** One statement per key (the benchmarks' "without DataLoader batching"); each request still caches what it loaded. */
export const UNBATCHED: LoaderOptions = { maxBatchSize: 1 };

/** Rows grouped by a key, in the order they came. */
export function groupBy<K, V>(rows: readonly V[], key: (row: V) => K): Map<K, V[]> {
  const out = new Map<K, V[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list === undefined) out.set(k, [row]);
    else list.push(row);
  }
  return out;
}
