/** Latency figures from the times of the good answers; no side effects (the load and clients processes both use it). */
import type { LoadResult } from './load.js';

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** What the good answers' times say: how many, how fast, p50 and p95 (ms). */
export function latencies(times: number[], seconds: number): Omit<LoadResult, 'errors'> {
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    seconds,
    perSecond: times.length / seconds,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
  };
}
