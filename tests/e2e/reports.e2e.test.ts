/**
 * The report pages in a real headless Chromium, on the demo organisation: the key
 * prompt, each page with the numbers the API gives (asked here through GraphQL, not
 * written down), the Statement of Applicability's download, the print stylesheet, a
 * record whose name is hostile markup, and not one request leaving the local host nor
 * one Content-Security-Policy violation. Screenshots and PDFs are written to
 * test-results/reports/ (not committed).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/auth/key-store.js';
import { cleanUp } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const ARTEFACTS = 'test-results/reports';
const TAG = 'reports-e2e ';
const REPORT_TIMEOUT = 90_000;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
let key: string;
const requested: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  mkdirSync(ARTEFACTS, { recursive: true });
  server = await startTestServer();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  context.on('request', (request) => requested.push(request.url()));
  context.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  ({ key } = await issueApiKey(server.graph, { name: `reports-e2e-${Date.now()}`, role: 'VIEWER', createdBy: 'test' }));
});

afterAll(async () => {
  await cleanUp(server.graph, TAG);
  await browser?.close();
  await server?.close();
});

async function data<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { body } = await server.gql<T>(query, variables);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

/** Opens a report and waits for its fragment. */
async function open(page: Page, url: string, report: string): Promise<void> {
  await page.goto(`${server.url}${url}`, { waitUntil: 'load' });
  await page.waitForSelector(`article.report[data-report="${report}"]`, { timeout: REPORT_TIMEOUT });
}

/** The top of the page (for the README) and the whole page. */
async function screenshots(page: Page, name: string): Promise<void> {
  const height = (await page.evaluate('document.documentElement.scrollHeight')) as number;
  await page.screenshot({
    path: path.join(ARTEFACTS, `${name}.png`),
    fullPage: true,
    clip: { x: 0, y: 0, width: 1280, height: Math.min(height, 1150) },
  });
  await page.screenshot({ path: path.join(ARTEFACTS, `${name}-full.png`), fullPage: true });
}

const count = async (page: Page, name: string): Promise<number> =>
  Number(await page.locator(`dd[data-count="${name}"]`).first().innerText());
const today = (): string => new Date().toISOString().slice(0, 10);

describe('reports in the browser', () => {
  let page: Page;

  it('ask for the key the playground keeps, refuse a wrong one, and list the pickers', async () => {
    page = await context.newPage();
    await page.goto(`${server.url}/reports`, { waitUntil: 'load' });
    const dialog = page.locator('#aims-key-dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    await page.locator('#aims-key-input').fill('aimsg_not-a-real-key');
    await page.locator('#aims-key-save').click();
    await expect.poll(() => page.locator('#aims-key-problem').innerText(), { timeout: 20_000 }).toContain('refused');
    expect(await page.evaluate("localStorage.getItem('aims-graph.api-key')")).toBe('aimsg_not-a-real-key');
    await page.locator('#aims-key-input').fill(key);
    await page.locator('#aims-key-save').click();
    await page.waitForSelector('article.report[data-report="index"]', { timeout: REPORT_TIMEOUT });
    expect(await dialog.isVisible()).toBe(false);
    expect(await page.locator('#aims-key-shown').innerText()).toBe(`${key.slice(0, 12)}…`);

    const { frameworks, aiSystems, crosswalkSets } = await data<{
      frameworks: unknown[];
      aiSystems: { totalCount: number };
      crosswalkSets: unknown[];
    }>('{ frameworks { id } aiSystems(first: 500) { totalCount } crosswalkSets { id } }');
    expect(await page.locator('#coverage-framework option').count()).toBe(frameworks.length);
    expect(await page.locator('#trace-system option').count()).toBe(aiSystems.totalCount);
    expect(await page.locator('ul.sets li').count()).toBe(crosswalkSets.length);
    // The playground's page of the same origin finds the same key: one entry for both.
    const playground = await context.newPage();
    await playground.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    await expect
      .poll(() => playground.locator('#aims-key-shown').innerText(), { timeout: 20_000 })
      .toBe(`${key.slice(0, 12)}…`);
    await playground.close();
  });

  it(
    'show coverage as the API counts it, with the heat map, the gaps and the explanations',
    { timeout: 180_000 },
    async () => {
      await page.locator('#coverage-framework').selectOption('iso42001');
      await page.locator('#pick-coverage button[type=submit]').click();
      await page.waitForSelector('article.report[data-report="coverage"]', { timeout: REPORT_TIMEOUT });
      expect(new URL(page.url()).pathname).toBe('/reports/coverage');
      const { coverage, gaps } = await data<{
        coverage: {
          summary: Record<string, number>;
          sections: unknown[];
          requirements: { requirement: { ref: string }; status: string }[];
        };
        gaps: { coverage: { requirement: { ref: string }; status: string } }[];
      }>(`{ coverage(framework: "iso42001") { summary { total covered coveredViaCrosswalk partial gap notApplicable } sections { summary { total } } requirements { requirement { ref } status } }
         gaps(framework: "iso42001") { coverage { requirement { ref } status } } }`);
      for (const [name, value] of Object.entries(coverage.summary)) expect(await count(page, name), name).toBe(value);
      expect(await page.locator('svg.heatmap g.row').count()).toBe(coverage.sections.length);
      const cells = await page
        .locator('svg.heatmap g.cell[data-status="GAP"]')
        .evaluateAll((gs) => gs.map((g) => Number(g.getAttribute('data-count'))));
      expect(cells.reduce((a, b) => a + b, 0)).toBe(coverage.summary.gap);
      expect(await page.locator('table.gaps tbody tr').count()).toBe(gaps.length);
      expect(await page.locator('table.every tbody tr').count()).toBe(coverage.requirements.length);
      await screenshots(page, 'coverage');

      // Every requirement links to its explanation: follow the riskiest gap's.
      const first = gaps[0]!.coverage;
      await page.locator('table.gaps tbody tr').first().locator('a').click();
      await page.waitForSelector('article.report[data-report="requirement"]', { timeout: REPORT_TIMEOUT });
      expect(new URL(page.url()).searchParams.get('ref')).toBe(first.requirement.ref);
      expect(await page.locator('.verdict .badge').getAttribute('data-status')).toBe(first.status);
      await screenshots(page, 'requirement');
    },
  );

  it(
    'draw the crosswalk matrix with one cell per mapped pair and the provenance on hover',
    { timeout: 120_000 },
    async () => {
      await open(page, '/reports/crosswalk?from=eu-ai-act&to=iso42001', 'crosswalk');
      const { crosswalk } = await data<{
        crosswalk: {
          source: { id: string };
          target: { id: string };
          relationship: string;
          provenance: { set: { title: string }; publisher: string };
        }[];
      }>(
        '{ crosswalk(from: "eu-ai-act", to: "iso42001") { source { id } target { id } relationship provenance { set { title } publisher } } }',
      );
      expect(await count(page, 'mappings')).toBe(crosswalk.length);
      expect(await count(page, 'rows')).toBe(new Set(crosswalk.map((m) => m.source.id)).size);
      expect(await count(page, 'columns')).toBe(new Set(crosswalk.map((m) => m.target.id)).size);
      const pairs = new Set(crosswalk.map((m) => `${m.source.id} ${m.target.id}`));
      expect(await page.locator('svg.matrix g.mapping').count()).toBe(pairs.size);
      const tooltip = await page.locator('svg.matrix g.mapping title').first().textContent();
      expect(tooltip).toContain(`Set: ${crosswalk[0]!.provenance.set.title}`);
      expect(tooltip).toContain(`Publisher: ${crosswalk[0]!.provenance.publisher}`);
      expect(await page.locator('table.mappings tbody tr').count()).toBe(crosswalk.length);
      await screenshots(page, 'crosswalk');
    },
  );

  it('draw the trace of an AI system with its gaps and expired evidence marked', { timeout: 120_000 }, async () => {
    const { aiSystems } = await data<{ aiSystems: { edges: { node: { id: string; name: string } }[] } }>(
      '{ aiSystems(first: 50) { edges { node { id name } } } }',
    );
    const system = aiSystems.edges.map((e) => e.node).find((s) => s.name === 'Credit scoring')!;
    const { trace } = await data<{
      trace: {
        requirements: {
          requirement: { id: string; framework: { id: string } };
          evidence: { id: string; validUntil: string | null }[];
        }[];
      };
    }>(
      'query ($id: ID!) { trace(from: $id) { requirements { requirement { id framework { id } } evidence { id validUntil } } } }',
      { id: system.id },
    );
    const status = new Map<string, string>();
    for (const framework of new Set(trace.requirements.map((r) => r.requirement.framework.id))) {
      const { coverage } = await data<{
        coverage: { requirements: { requirement: { id: string }; status: string }[] };
      }>(
        'query ($f: ID!, $s: ID!) { coverage(framework: $f, scope: { systems: [$s] }) { requirements { requirement { id } status } } }',
        { f: framework, s: system.id },
      );
      for (const r of coverage.requirements) status.set(r.requirement.id, r.status);
    }
    const evidence = new Map(trace.requirements.flatMap((r) => r.evidence).map((e) => [e.id, e]));
    const expired = [...evidence.values()].filter((e) => e.validUntil !== null && e.validUntil < today());
    const gaps = trace.requirements.filter((r) => status.get(r.requirement.id) === 'GAP');

    await page.goto(`${server.url}/reports`, { waitUntil: 'load' });
    await page.waitForSelector('article.report[data-report="index"]', { timeout: REPORT_TIMEOUT });
    await page.locator('#trace-system').selectOption(system.id);
    await page.locator('#pick-trace button[type=submit]').click();
    await page.waitForSelector('article.report[data-report="trace"]', { timeout: REPORT_TIMEOUT });
    expect(await count(page, 'requirements')).toBe(trace.requirements.length);
    expect(await page.locator('svg.trace-graph g.node.requirement').count()).toBe(trace.requirements.length);
    expect(await page.locator('svg.trace-graph g.node.evidence').count()).toBe(evidence.size);
    expect(expired.length).toBeGreaterThan(0);
    expect(await count(page, 'expired')).toBe(expired.length);
    expect(await page.locator('svg.trace-graph g.node.evidence.expired').count()).toBe(expired.length);
    expect(await count(page, 'gaps')).toBe(gaps.length);
    expect(await page.locator('svg.trace-graph g.node.requirement.status-gap').count()).toBe(gaps.length);
    expect(await page.locator('svg.trace-graph text', { hasText: 'Evidence expired' }).count()).toBe(1);
    await screenshots(page, 'trace');
  });

  it('draw coverage over time, a line per framework over twelve month ends', { timeout: 240_000 }, async () => {
    await open(page, '/reports/history', 'history');
    const { frameworks } = await data<{ frameworks: { id: string }[] }>('{ frameworks { id } }');
    expect(await page.locator('svg.lines g.series').count()).toBe(frameworks.length);
    for (const series of await page.locator('svg.lines g.series').all())
      expect(await series.locator('circle').count()).toBe(12);
    // The last point is today, and says what coverage says today.
    for (const { id } of frameworks) {
      const { coverage } = await data<{
        coverage: { summary: { total: number; covered: number; coveredViaCrosswalk: number; notApplicable: number } };
      }>(
        'query ($f: ID!) { coverage(framework: $f) { summary { total covered coveredViaCrosswalk notApplicable } } }',
        { f: id },
      );
      const cells = page.locator(`td[data-framework="${id}"]`);
      expect(await cells.count()).toBe(12);
      const last = cells.last();
      expect(Number(await last.getAttribute('data-covered')), id).toBe(
        coverage.summary.covered + coverage.summary.coveredViaCrosswalk,
      );
      expect(Number(await last.getAttribute('data-applicable')), id).toBe(
        coverage.summary.total - coverage.summary.notApplicable,
      );
    }
    await screenshots(page, 'history');
  });

  it('print the Statement of Applicability, and hand it out as CSV', { timeout: 120_000 }, async () => {
    await open(page, '/reports/soa?framework=iso42001', 'soa');
    const { statementOfApplicability: soa } = await data<{
      statementOfApplicability: { entries: { applicable: boolean }[]; csv: string };
    }>('{ statementOfApplicability(framework: "iso42001") { entries { applicable } csv } }');
    expect(await count(page, 'entries')).toBe(soa.entries.length);
    expect(await count(page, 'applicable')).toBe(soa.entries.filter((e) => e.applicable).length);
    expect(await page.locator('table.soa tbody tr').count()).toBe(soa.entries.length);
    await screenshots(page, 'soa');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('button[data-download*="soa.csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`soa-iso42001-${today()}.csv`);
    const saved = path.join(ARTEFACTS, download.suggestedFilename());
    await download.saveAs(saved);
    expect(readFileSync(saved, 'utf8')).toBe(soa.csv);

    // On paper: no navigation, the header with framework, scope and date, the colours kept.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('header.chrome').isVisible()).toBe(false);
    expect(await page.locator('.downloads').isVisible()).toBe(false);
    const facts = await page.locator('.report-head .facts').innerText();
    expect(facts).toContain('ISO/IEC');
    expect(facts).toContain('Whole organisation');
    expect(facts).toContain(today());
    expect(await page.evaluate("getComputedStyle(document.querySelectorAll('.report-section')[1]).breakBefore")).toBe(
      'page',
    );
    await page.pdf({ path: path.join(ARTEFACTS, 'soa.pdf'), printBackground: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('show a hostile name as text and run nothing from it', { timeout: 120_000 }, async () => {
    const name = `${TAG}<script>alert("x")</script><img src=x onerror="alert('y')"> & 'quotes'`;
    const { createAISystem } = await data<{ createAISystem: { aiSystem: { id: string } } }>(
      'mutation ($name: String!) { createAISystem(input: { name: $name, lifecycleStage: INCEPTION, riskClass: MINIMAL, operatorRoles: [DEPLOYER] }) { aiSystem { id } } }',
      { name },
    );
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await open(page, `/reports/trace?system=${createAISystem.aiSystem.id}`, 'trace');
    expect(await page.locator('.report-head h1').innerText()).toBe(`Trace of ${name}`);
    await open(page, `/reports/coverage?framework=iso42001&system=${createAISystem.aiSystem.id}`, 'coverage');
    expect(await page.locator('.report-head .facts').innerText()).toContain(name);
    expect(await page.locator('article img').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('made no request beyond the local host and broke no rule of the page policy', () => {
    const origin = new URL(server.url).origin;
    expect(
      requested.filter((url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')),
    ).toEqual([]);
    expect(requested.some((url) => url.startsWith(`${origin}/reports/api/`))).toBe(true);
    // The wrong key's refusal is the one error the console may show.
    expect(consoleErrors.filter((text) => !text.includes('401'))).toEqual([]);
  });
});
