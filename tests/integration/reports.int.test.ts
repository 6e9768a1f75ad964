/**
 * The report pages over real HTTP: the shells are served to anyone with a strict
 * Content-Security-Policy and no data; the fragments need a credential (401 without),
 * refuse bad parameters with 400 and a stable code, answer 404 for what does not exist,
 * run under the caller's role (a VIEWER reads them, a token with no role is refused by
 * the API's own policy), carry the API's numbers, and escape every string they print.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authHeaders, testToken } from '../helpers/auth.js';
import { cleanUp } from '../helpers/organisation.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const TAG = 'reports-int ';
const PAGES = ['', 'coverage', 'requirement', 'crosswalk', 'trace', 'history', 'soa'];

let server: TestServer;
let viewer: Record<string, string>;
let cvScreening: string;

beforeAll(async () => {
  server = await startTestServer();
  viewer = await authHeaders('VIEWER');
  const { body } = await server.gql<{ aiSystems: { edges: { node: { id: string; name: string } }[] } }>(
    '{ aiSystems(first: 50, filter: { text: "CV screening" }) { edges { node { id name } } } }',
  );
  cvScreening = body.data!.aiSystems.edges.find((e) => e.node.name === 'CV screening')!.node.id;
});

afterAll(async () => {
  await cleanUp(server.graph, TAG);
  await server.close();
});

const get = (path: string, headers: Record<string, string> = {}): Promise<Response> =>
  fetch(`${server.url}${path}`, { headers });

async function refusal(
  path: string,
  status: number,
): Promise<{ message: string; extensions: Record<string, unknown> }> {
  const response = await get(path, viewer);
  const text = await response.text();
  expect(response.status, `${path}: ${text}`).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  // Never a stack trace, a file name or Cypher.
  expect(text).not.toMatch(/\bat \S+ \(|\.ts:\d+|MATCH \(/);
  return (JSON.parse(text) as { errors: { message: string; extensions: Record<string, unknown> }[] }).errors[0]!;
}

describe('report shells', () => {
  it('are served without a credential, hold no data, and allow nothing inline or from elsewhere', async () => {
    for (const page of PAGES) {
      const response = await get(`/reports${page === '' ? '' : `/${page}`}`);
      expect(response.status, page).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy')!;
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      const html = await response.text();
      expect(html).toContain(`data-page="${page}"`);
      expect(html).toContain('<script src="/reports/assets/reports.js" defer></script>');
      // No inline script, no inline style, nothing from another host.
      expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(html).not.toMatch(/\sstyle=|<style/);
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      expect(html).not.toContain('CV screening');
    }
  });

  it('serve their stylesheet, script and icon, and nothing else under /reports/assets', async () => {
    const css = await get('/reports/assets/reports.css');
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=utf-8']);
    expect(await css.text()).toContain('@media print');
    const js = await get('/reports/assets/reports.js');
    expect([js.status, js.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8']);
    expect(await js.text()).toContain("'aims-graph.api-key'");
    expect((await get('/reports/assets/icon.svg')).status).toBe(200);
    for (const path of [
      '/reports/assets/../../package.json',
      '/reports/assets/%2e%2e%2fhttp.ts',
      '/reports/assets/shell.ts',
      '/reports/nothing',
      '/reports/api/nothing',
    ]) {
      expect((await get(path, viewer)).status, path).toBe(404);
    }
    const post = await fetch(`${server.url}/reports/api/coverage?framework=iso42001`, {
      method: 'POST',
      headers: viewer,
    });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD']);
  });
});

describe('report fragments', () => {
  it('need a credential: 401 with WWW-Authenticate, whatever the parameters', async () => {
    for (const path of [
      '/reports/api/',
      '/reports/api/coverage?framework=iso42001',
      '/reports/api/coverage?framework=<bad>',
      '/reports/api/soa.csv?framework=iso42001',
      '/reports/api/trace?system=x',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="aims-graph"');
      expect(
        ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code,
      ).toBe('UNAUTHENTICATED');
    }
    expect(
      (await get('/reports/api/coverage?framework=iso42001', { authorization: 'Bearer aimsg_not-a-key' })).status,
    ).toBe(401);
  });

  it('refuse bad parameters with 400 BAD_USER_INPUT naming the parameter', async () => {
    const cases: [string, string, RegExp][] = [
      ['/reports/api/coverage', 'framework', /"framework".*required/],
      ['/reports/api/coverage?framework=ISO 42001', 'framework', /framework id/],
      ['/reports/api/coverage?framework=iso42001&asOf=2026-02-30', 'asOf', /YYYY-MM-DD/],
      ['/reports/api/coverage?framework=iso42001&asOf=yesterday', 'asOf', /YYYY-MM-DD/],
      ['/reports/api/coverage?framework=iso42001&framework=iso27001', 'framework', /at most once/],
      ['/reports/api/coverage?framework=iso42001&scope=all', 'scope', /Unknown parameter "scope"/],
      ['/reports/api/requirement?framework=iso42001', 'ref', /"ref".*required/],
      ['/reports/api/crosswalk?from=iso42001&to=iso42001', 'to', /two different frameworks/],
      ['/reports/api/crosswalk?from=iso42001', 'to', /"to".*required/],
      ['/reports/api/trace', 'system', /"system".*required/],
      [
        '/reports/api/history?framework=a&framework=b&framework=c&framework=d&framework=e&framework=f&framework=g&framework=h',
        'framework',
        /at most/,
      ],
      [`/reports/api/soa?framework=iso42001${'&system=s'.repeat(21)}`, 'system', /at most 20/],
      ['/reports/api/soa.csv?framework=iso42001&format=pdf', 'format', /Unknown parameter/],
      ['/reports/api/?framework=iso42001', 'framework', /takes none/],
    ];
    for (const [path, parameter, message] of cases) {
      const error = await refusal(path, 400);
      expect(error.extensions, path).toEqual({ code: 'BAD_USER_INPUT', parameter });
      expect(error.message, path).toMatch(message);
    }
  });

  it('answer 404 NOT_FOUND for a framework, requirement or AI system that does not exist', async () => {
    expect((await refusal('/reports/api/coverage?framework=iso99999', 404)).extensions.code).toBe('NOT_FOUND');
    expect((await refusal('/reports/api/requirement?framework=iso42001&ref=Z.9', 404)).message).toContain('Z.9');
    // A requirement that only groups others has no status of its own.
    expect((await refusal('/reports/api/requirement?framework=iso42001&ref=A.6', 404)).message).toContain(
      'only groups',
    );
    expect(
      (await refusal('/reports/api/coverage?framework=iso42001&system=sys_00000000-0000-0000-0000-000000000000', 404))
        .extensions.code,
    ).toBe('NOT_FOUND');
    expect(
      (await refusal('/reports/api/trace?system=sys_00000000-0000-0000-0000-000000000000', 404)).extensions.code,
    ).toBe('NOT_FOUND');
    expect((await refusal('/reports/api/crosswalk?from=iso42001&to=nope', 404)).extensions.code).toBe('NOT_FOUND');
  });

  it('are read by a VIEWER, and refused by the API policy to a credential with no role', async () => {
    const paths = [
      '/reports/api/',
      '/reports/api/coverage?framework=iso42001&asOf=2026-11-27',
      '/reports/api/requirement?framework=iso42001&ref=A.6.2.4',
      '/reports/api/crosswalk?from=eu-ai-act&to=iso42001',
      `/reports/api/trace?system=${cvScreening}`,
      '/reports/api/history?framework=iso42001',
      '/reports/api/soa?framework=iso42001',
    ];
    for (const path of paths) {
      const response = await get(path, viewer);
      const text = await response.text();
      expect(response.status, `${path}: ${text}`).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(text).toMatch(/^<article class="report" data-report="/);
      expect(text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    }
    const nobody = { authorization: `Bearer ${await testToken('VIEWER', 'nobody', { roles: [] })}` };
    const refused = await get('/reports/api/coverage?framework=iso42001', nobody);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe(
      'FORBIDDEN',
    );
  });

  it("carry the API's own numbers", async () => {
    const { body } = await server.gql<{
      coverage: { summary: Record<string, number>; sections: unknown[] };
      gaps: unknown[];
    }>(
      `{ coverage(framework: "iso42001", asOf: "2026-11-27T23:59:59Z") { summary { total covered coveredViaCrosswalk partial gap notApplicable } sections { summary { total } } }
         gaps(framework: "iso42001", asOf: "2026-11-27T23:59:59Z") { riskScore } }`,
    );
    const html = await (await get('/reports/api/coverage?framework=iso42001&asOf=2026-11-27', viewer)).text();
    const counted = Object.fromEntries(
      [...html.matchAll(/<dd data-count="(\w+)">(\d+)<\/dd>/g)].map((m) => [m[1]!, Number(m[2])]),
    );
    expect(counted).toEqual(body.data!.coverage.summary);
    expect(html.match(/<g class="row">/g)).toHaveLength(body.data!.coverage.sections.length);
    expect(html.match(/<table class="data gaps">[\s\S]*?<\/table>/)![0].match(/<tr data-status=/g)).toHaveLength(
      body.data!.gaps.length,
    );
  });

  it('draw coverage over time from coverageChange, at the end of each of the last eleven months and now', async () => {
    type Summary = { total: number; covered: number; coveredViaCrosswalk: number; notApplicable: number };
    const html = await (await get('/reports/api/history?framework=iso42001&framework=nist-ai-rmf', viewer)).text();
    const rendered = Date.now();
    for (const framework of ['iso42001', 'nist-ai-rmf']) {
      const cells = [
        ...html.matchAll(
          new RegExp(
            `data-framework="${framework}" data-moment="([^"]+)" data-covered="(\\d+)" data-applicable="(\\d+)"`,
            'g',
          ),
        ),
      ].map((m) => ({
        moment: m[1]!,
        covered: Number(m[2]),
        applicable: Number(m[3]),
      }));
      expect(cells, framework).toHaveLength(12);
      const moments = cells.map((c) => new Date(c.moment));
      // Eleven month ends in a row (a second later it is the first of the next month), then now, in the month after.
      moments.slice(0, 11).forEach((m, i) => {
        expect(new Date(m.getTime() + 1000).getUTCDate(), cells[i]!.moment).toBe(1);
        const next = moments[i + 1]!;
        expect(
          (next.getUTCFullYear() - m.getUTCFullYear()) * 12 + next.getUTCMonth() - m.getUTCMonth(),
          cells[i + 1]!.moment,
        ).toBe(1);
      });
      expect(Math.abs(moments[11]!.getTime() - rendered)).toBeLessThan(60_000);
      // Each point is a side of the API's own comparison between that moment and the last.
      for (const i of [0, 5, 10]) {
        const { body } = await server.gql<{ coverageChange: { before: Summary; after: Summary } }>(
          'query ($f: ID!, $from: DateTime!, $to: DateTime!) { coverageChange(framework: $f, from: $from, to: $to) { before { total covered coveredViaCrosswalk notApplicable } after { total covered coveredViaCrosswalk notApplicable } } }',
          { f: framework, from: cells[i]!.moment, to: cells[11]!.moment },
        );
        const { before, after } = body.data!.coverageChange;
        expect([cells[i]!.covered, cells[i]!.applicable], cells[i]!.moment).toEqual([
          before.covered + before.coveredViaCrosswalk,
          before.total - before.notApplicable,
        ]);
        expect([cells[11]!.covered, cells[11]!.applicable]).toEqual([
          after.covered + after.coveredViaCrosswalk,
          after.total - after.notApplicable,
        ]);
      }
    }
  });

  it('hand out the Statement of Applicability as the API writes it, as CSV and Markdown files', async () => {
    const { body } = await server.gql<{ statementOfApplicability: { csv: string; markdown: string } }>(
      '{ statementOfApplicability(framework: "iso42001", asOf: "2026-11-27T23:59:59Z") { csv markdown } }',
    );
    const csv = await get('/reports/api/soa.csv?framework=iso42001&asOf=2026-11-27', viewer);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="soa-iso42001-2026-11-27.csv"');
    expect(await csv.text()).toBe(body.data!.statementOfApplicability.csv);
    const md = await get('/reports/api/soa.md?framework=iso42001&asOf=2026-11-27', viewer);
    expect([md.status, md.headers.get('content-type')]).toEqual([200, 'text/markdown; charset=utf-8']);
    expect(await md.text()).toBe(body.data!.statementOfApplicability.markdown);
  });

  it('escape every string they print, in text and in attributes', async () => {
    const hostile = `${TAG}<script>alert("system")</script> & 'quoted' "name"`;
    const riskTitle = `${TAG}"><img src=x onerror=alert('risk')>`;
    const controlName = `${TAG}</text><script>alert(1)</script><text>`;
    const created = await server.gql<{
      s: { aiSystem: { id: string } };
      r: { risk: { id: string } };
      c: { control: { id: string } };
    }>(
      `mutation ($system: String!, $risk: String!, $control: String!) {
         s: createAISystem(input: { name: $system, lifecycleStage: DESIGN_AND_DEVELOPMENT, riskClass: MINIMAL, operatorRoles: [PROVIDER] }) { aiSystem { id } }
         r: createRisk(input: { title: $risk, category: BIAS, likelihood: 2, impact: 3 }) { risk { id } }
         c: createControl(input: { name: $control, status: PLANNED }) { control { id } } }`,
      { system: hostile, risk: riskTitle, control: controlName },
    );
    expect(created.body.errors).toBeUndefined();
    const { s, r, c } = created.body.data!;
    // PLANNED: the control reaches a requirement in the trace but changes nobody's coverage.
    for (const input of [
      { kind: 'RAISED_ON', from: r.risk.id, to: s.aiSystem.id },
      { kind: 'MITIGATES', from: c.control.id, to: r.risk.id },
      { kind: 'IMPLEMENTS', from: c.control.id, to: 'iso42001:A.6.2.4', coverage: 'PARTIAL' },
    ]) {
      const linked = await server.gql('mutation ($input: LinkInput!) { link(input: $input) { changed } }', { input });
      expect(linked.body.errors).toBeUndefined();
    }
    const pages = [
      `/reports/api/trace?system=${s.aiSystem.id}`,
      `/reports/api/coverage?framework=iso42001&system=${s.aiSystem.id}`,
      '/reports/api/',
    ];
    for (const path of pages) {
      const html = await (await get(path, viewer)).text();
      expect(html, path).not.toContain('<script');
      expect(html, path).not.toContain('<img');
      expect(html, path).not.toContain('"name"');
      expect(html, path).toContain(
        '&lt;script&gt;alert(&quot;system&quot;)&lt;/script&gt; &amp; &#39;quoted&#39; &quot;name&quot;',
      );
    }
    const trace = await (await get(`/reports/api/trace?system=${s.aiSystem.id}`, viewer)).text();
    expect(trace).toContain('&quot;&gt;&lt;img src=x onerror=alert(&#39;risk&#39;)&gt;');
    expect(trace).toContain('&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;text&gt;');
    expect(trace).toContain('data-count="controls">1<');
  });
});
