/** The coverage table in the README is what the code computes for the demo organisation. */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { FRAMEWORK_IDS } from '../../src/domain/vocabulary.js';
import { countStatuses } from '../../src/coverage/explain.js';
import { assessFramework } from '../../src/services/coverage.js';
import { testGraph } from '../helpers/server.js';

const { driver, graph } = testGraph();
afterAll(() => driver.close());

describe('README coverage table', () => {
  it('matches npm run report:coverage on the demo organisation', async () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const framework of FRAMEWORK_IDS) {
      const { results } = await assessFramework({ graph }, framework, null, '2026-11-27', 2);
      const c = countStatuses(results.map((r) => r.status));
      const row = `| ${framework} | ${c.total} | ${c.covered} | ${c.coveredViaCrosswalk} | ${c.partial} | ${c.gap} | ${c.notApplicable} |`;
      expect(readme, framework).toContain(row);
    }
  });
});
