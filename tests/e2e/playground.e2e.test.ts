/**
 * The playground in a real headless Chromium: it asks for an API key and keeps it, loads
 * from this service alone, offers the saved operations, runs one and shows its result,
 * and not one request leaves the local host.
 */
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueApiKey } from '../../src/auth/key-store.js';
import { readSavedOperations } from '../../src/playground/saved-operations.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
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
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('playground', () => {
  it('runs a saved operation with no request leaving the local host', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const origin = new URL(server.url).origin;

    await page.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    await expect.poll(() => page.title()).toBe('aims-graph');

    // No key yet: the page asks for one, and a wrong one is refused and asked for again.
    const dialog = page.locator('#aims-key-dialog');
    await expect.poll(() => dialog.isVisible(), { timeout: 20_000 }).toBe(true);
    await page.locator('#aims-key-input').fill('aimsg_not-a-real-key');
    await page.locator('#aims-key-save').click();
    await expect.poll(() => page.locator('#aims-key-problem').innerText(), { timeout: 20_000 }).toContain('refused');
    const { key } = await issueApiKey(server.graph, {
      name: `playground-${Date.now()}`,
      role: 'VIEWER',
      createdBy: 'test',
    });
    await page.locator('#aims-key-input').fill(key);
    await page.locator('#aims-key-save').click();
    await expect
      .poll(() => page.locator('#aims-key-shown').innerText(), { timeout: 20_000 })
      .toBe(`${key.slice(0, 12)}…`);
    expect(await dialog.isVisible()).toBe(false);

    // Every saved operation is in the editor, under its question, and offered by the run button.
    const textOf = async (selector: string): Promise<string> =>
      // Monaco renders spaces as no-break spaces.
      (await page.locator(selector).first().innerText()).replace(/\u00a0/g, ' ');
    const saved = readSavedOperations('queries');
    await expect.poll(() => textOf('.graphiql-editor'), { timeout: 20_000 }).toContain(`query ${saved[0]!.name}`);
    await page.locator('.graphiql-execute-button').click();
    const offered = page.locator('[role=menuitem]');
    await expect.poll(() => offered.allInnerTexts(), { timeout: 20_000 }).toEqual(saved.map((op) => op.name));

    const answered = page.waitForResponse(
      (r) =>
        r.url() === `${origin}/graphql` &&
        r.request().method() === 'POST' &&
        (r.request().postData() ?? '').includes('"operationName":"Frameworks"'),
    );
    await offered.filter({ hasText: /^Frameworks$/ }).click();
    const payload = (await (await answered).json()) as { data: { frameworks: { id: string }[] } };
    expect(payload.data.frameworks.map((f) => f.id)).toEqual([
      'eu-ai-act',
      'iso27001',
      'iso42001',
      'iso9001',
      'nist-ai-rmf',
    ]);
    // The result pane shows it (Monaco draws only the lines in view: check the first ones).
    await expect.poll(() => textOf('.graphiql-response'), { timeout: 20_000 }).toContain('"iso42001"');
    expect(await textOf('.graphiql-response')).toContain('"eu-ai-act"');

    const offHost = requested.filter(
      (url) => !url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'),
    );
    expect(offHost).toEqual([]);
    expect(requested.some((url) => url === `${origin}/graphql`)).toBe(true);

    // The key stays in this browser: a new page of the same context needs no prompt.
    const again = await context.newPage();
    await again.goto(`${server.url}/graphql`, { waitUntil: 'load' });
    await expect
      .poll(() => again.locator('#aims-key-shown').innerText(), { timeout: 20_000 })
      .toBe(`${key.slice(0, 12)}…`);
    expect(await again.locator('#aims-key-dialog').isVisible()).toBe(false);
    await context.close();
  });
});
