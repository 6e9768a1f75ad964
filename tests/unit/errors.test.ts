import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { BadUserInputError, createErrorFormatter, NotFoundError, QueryTooComplexError } from '../../src/errors.js';

const logged: unknown[] = [];
const format = createErrorFormatter((error) => logged.push(error));

describe('error formatter', () => {
  it('keeps the codes clients rely on and drops stack traces', () => {
    const error = new BadUserInputError('ref must be 1 to 300 characters long', 'ref');
    const out = format({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x'] } }, error);
    expect(out).toEqual({ message: error.message, extensions: { code: 'BAD_USER_INPUT', field: 'ref' } });
  });

  it('passes Apollo request errors through', () => {
    const out = format(
      { message: 'Syntax Error', extensions: { code: 'GRAPHQL_PARSE_FAILED' } },
      new GraphQLError('x'),
    );
    expect(out.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it("gives a limit rule's code back to the validation error Apollo relabels", () => {
    const limit = new QueryTooComplexError('depth', 12, 14);
    // Apollo's ValidationError: the rule's message, its own code, the rule's error as originalError.
    const wrapped = new GraphQLError(limit.message, {
      originalError: limit,
      extensions: { ...limit.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const out = format(
      { message: limit.message, locations: [{ line: 1, column: 1 }], extensions: { ...wrapped.extensions } },
      wrapped,
    );
    expect(out).toEqual({
      message: 'The operation is too complex: its depth (fields nested in fields) is 14, more than the 12 allowed',
      locations: [{ line: 1, column: 1 }],
      extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: 12, actual: 14 },
    });
  });

  it("reports the parser's token limit as QUERY_TOO_COMPLEX", () => {
    const message = 'Syntax Error: Document contains more that 100 tokens. Parsing aborted.';
    const out = format({ message, extensions: { code: 'GRAPHQL_PARSE_FAILED' } }, new GraphQLError(message));
    expect(out.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'tokens', max: 100 });
  });

  it('answers graphql-js giving up on too many bad variable values as bad input, not internal', () => {
    const limit = new GraphQLError('Too many errors processing variables, error limit reached. Execution aborted.');
    const out = format({ message: limit.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, limit);
    expect(out).toEqual({ message: limit.message, extensions: { code: 'BAD_USER_INPUT' } });
  });

  it('answers a request Apollo refuses with a 4xx status but no code as BAD_REQUEST', () => {
    const refused = new GraphQLError('provided sha does not match query', {
      extensions: { http: { status: 400, headers: {} } },
    });
    const out = format({ message: refused.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, refused);
    expect(out).toEqual({ message: refused.message, extensions: { code: 'BAD_REQUEST' } });
    const failed = new GraphQLError('upstream down', { extensions: { http: { status: 503, headers: {} } } });
    expect(
      format({ message: failed.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, failed).extensions?.code,
    ).toBe('INTERNAL_SERVER_ERROR');
  });

  it('masks anything unexpected and logs the original', () => {
    const original = new Error('Neo.ClientError.Statement.SyntaxError: MATCH (n:Secret) ...');
    const out = format(
      { message: original.message, path: ['frameworks'], extensions: { code: 'SOMETHING_ELSE' } },
      original,
    );
    expect(out).toEqual({
      message: 'Internal server error',
      path: ['frameworks'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logged).toContain(original);
  });

  it('masks a thrown error even when Apollo has labelled it INTERNAL_SERVER_ERROR', () => {
    const original = new Error("Invalid input '|': MATCH (n:Entity) WITH all, size(all)");
    const wrapped = new GraphQLError(original.message, {
      originalError: original,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    const out = format({ message: original.message, extensions: { code: 'INTERNAL_SERVER_ERROR' } }, wrapped);
    expect(out).toEqual({ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('masks a raw error that claims a public code', () => {
    const original = Object.assign(new Error('MATCH (secret)'), { extensions: { code: 'BAD_USER_INPUT' } });
    const out = format({ message: original.message, extensions: { code: 'BAD_USER_INPUT' } }, original);
    expect(out.message).toBe('Internal server error');
  });

  it('builds NOT_FOUND with the id', () => {
    expect(new NotFoundError('Control', 'c-1').extensions).toEqual({ code: 'NOT_FOUND', id: 'c-1' });
  });
});
