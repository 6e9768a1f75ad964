/**
 * The whole graph out and back in: a backup as JSON lines, and a restore that replaces
 * everything in one transaction after the file was checked whole (graph/backup.ts keeps
 * the format, the checks and the statements). A restore runs the migrations first, so a
 * backup of an older store lands on the current schema.
 */
import { backupLines, parseBackup, readBackup, restoreBackup } from '../graph/backup.js';
import { migrate } from '../graph/migrations.js';
import type { RequestScope } from './scope.js';

/** The backup's lines, and how many nodes and relationships it holds. */
export async function backUp(
  scope: Pick<RequestScope, 'graph'>,
): Promise<{ lines: string[]; nodes: number; relationships: number }> {
  const backup = await readBackup(scope.graph);
  return { lines: [...backupLines(backup)], nodes: backup.header.nodes, relationships: backup.header.relationships };
}

/** Replaces the graph with a backup's lines; refuses a file it cannot read whole before anything is written. */
export async function restore(
  scope: Pick<RequestScope, 'graph'>,
  lines: readonly string[],
  say: (line: string) => void,
): Promise<{ nodes: number; relationships: number }> {
  const backup = parseBackup(lines);
  say(`restore: ${backup.header.nodes} nodes and ${backup.header.relationships} relationships`);
  await migrate(scope.graph);
  await restoreBackup(scope.graph, backup, say);
  return { nodes: backup.header.nodes, relationships: backup.header.relationships };
}
