/**
 * The saved analyst operations in queries/: one named operation per file, a leading
 * comment saying the question it answers, and optionally a `# variables: {...}` line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse } from 'graphql';

export interface SavedOperation {
  readonly file: string;
  readonly name: string;
  readonly question: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
}

export class SavedOperationError extends Error {
  override name = 'SavedOperationError';
}

export function parseSavedOperation(file: string, text: string): SavedOperation {
  const header: string[] = [];
  for (const line of text.split('\n')) {
    if (!line.startsWith('#')) break;
    header.push(line.replace(/^#\s?/, ''));
  }
  let variables: Record<string, unknown> = {};
  const question: string[] = [];
  for (const line of header) {
    const match = /^variables:\s*(.*)$/.exec(line);
    if (!match) {
      question.push(line);
      continue;
    }
    try {
      const parsed: unknown = JSON.parse(match[1] ?? '');
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      variables = parsed as Record<string, unknown>;
    } catch (err) {
      throw new SavedOperationError(`${file}: the variables line is not a JSON object (${(err as Error).message})`);
    }
  }
  if (question.length === 0) throw new SavedOperationError(`${file}: starts with no comment saying what it answers`);
  const operations = parse(text).definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const [operation] = operations;
  if (operations.length !== 1 || operation === undefined || !operation.name) {
    throw new SavedOperationError(`${file}: must hold exactly one named operation`);
  }
  // The playground embeds the text in a <script>; a closing tag would end it early.
  if (/<\/script/i.test(text)) throw new SavedOperationError(`${file}: must not contain "</script"`);
  return { file, name: operation.name.value, question: question.join(' ').trim(), query: text, variables };
}

export function readSavedOperations(dir: string): SavedOperation[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => parseSavedOperation(file, readFileSync(path.join(dir, file), 'utf8')));
}
