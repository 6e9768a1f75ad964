import { describe, expect, it } from 'vitest';
import type { MetricsAccess } from '../../src/config.js';
import { decideMetricsAccess } from '../../src/metrics/access.js';
import { OperationLabels } from '../../src/metrics/metrics.js';

const TOKEN: MetricsAccess = { kind: 'token', token: 'scrape-secret-0123456789' };

describe('decideMetricsAccess', () => {
  const cases: [string, MetricsAccess, string | undefined, string][] = [
    ['public, no header', { kind: 'public' }, undefined, 'allow'],
    ['public, any header', { kind: 'public' }, 'Bearer nonsense', 'allow'],
    ['token, the right one', TOKEN, 'Bearer scrape-secret-0123456789', 'allow'],
    ['token, scheme in any case', TOKEN, 'bearer scrape-secret-0123456789', 'allow'],
    ['token, none', TOKEN, undefined, 'deny'],
    ['token, a wrong one', TOKEN, 'Bearer scrape-secret-0123456780', 'deny'],
    ['token, a prefix of it', TOKEN, 'Bearer scrape-secret', 'deny'],
    ['token, another scheme', TOKEN, 'Basic scrape-secret-0123456789', 'deny'],
    ['token, empty', TOKEN, 'Bearer ', 'deny'],
    ['credential, left to authentication', { kind: 'credential' }, 'Bearer scrape-secret-0123456789', 'authenticate'],
  ];
  it.each(cases)('%s', (_label, access, header, expected) =>
    expect(decideMetricsAccess(access, header)).toBe(expected),
  );
});

describe('OperationLabels', () => {
  it('keeps saved names and the first few others, then says "other"', () => {
    const labels = new OperationLabels(['Frameworks'], 2);
    expect([
      labels.label('Frameworks'),
      labels.label('A'),
      labels.label('B'),
      labels.label('C'),
      labels.label('A'),
      labels.label('Frameworks'),
    ]).toEqual(['Frameworks', 'A', 'B', 'other', 'A', 'Frameworks']);
    expect([labels.label(null), labels.label(undefined)]).toEqual(['anonymous', 'unknown']);
  });
});
