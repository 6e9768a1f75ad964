import { describe, expect, it } from 'vitest';
import { parseSavedOperation, readSavedOperations } from '../../src/playground/saved-operations.js';

describe('saved operations', () => {
  it('reads the question, the variables and the operation name', () => {
    const op = parseSavedOperation(
      'q.graphql',
      '# What is Art. 9?\n# Asked by analysts.\n# variables: {"ref": "Art. 9"}\nquery Art($ref: String!) { requirement(framework: "eu-ai-act", ref: $ref) { title } }\n',
    );
    expect(op).toMatchObject({
      name: 'Art',
      question: 'What is Art. 9? Asked by analysts.',
      variables: { ref: 'Art. 9' },
    });
  });

  it.each([
    ['no leading comment', 'query A { frameworks { id } }', /starts with no comment/],
    [
      'two operations',
      '# q\nquery A { frameworks { id } }\nquery B { frameworks { id } }',
      /exactly one named operation/,
    ],
    ['an anonymous operation', '# q\n{ frameworks { id } }', /exactly one named operation/],
    ['bad variables', '# q\n# variables: [1]\nquery A { frameworks { id } }', /not a JSON object/],
  ])('rejects %s', (_name, text, message) => {
    expect(() => parseSavedOperation('q.graphql', text)).toThrowError(message);
  });

  it('every file in queries/ is a valid saved operation with a unique name', () => {
    const ops = readSavedOperations('queries');
    expect(ops.length).toBeGreaterThanOrEqual(3);
    expect(new Set(ops.map((op) => op.name)).size).toBe(ops.length);
  });
});

describe('playground variables', () => {
  it('merges the saved operations\u2019 variables and refuses a clash', async () => {
    const { mergeVariables } = await import('../../src/playground/playground.js');
    const op = (file: string, variables: Record<string, unknown>) =>
      parseSavedOperation(
        file,
        `# q\n# variables: ${JSON.stringify(variables)}\nquery ${file.replace('.graphql', '')} { frameworks { id } }`,
      );
    expect(mergeVariables([op('A.graphql', { ref: 'Art. 9' }), op('B.graphql', { ref: 'Art. 9', hops: 2 })])).toEqual({
      ref: 'Art. 9',
      hops: 2,
    });
    expect(() =>
      mergeVariables([op('A.graphql', { ref: 'Art. 9' }), op('B.graphql', { ref: 'MAP 1.1' })]),
    ).toThrowError(/B.graphql and A.graphql both use \$ref/);
    expect(() => mergeVariables(readSavedOperations('queries'))).not.toThrow();
  });
});
