/** The local phone page on a 390 px phone: long links wrap, times are the business's, it reloads itself. */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp } from '../../local/app';
import { type LocalDynamo, startLocalDynamo } from '../../local/dynamo-engine';
import { localPages } from '../../local/local-pages';
import { ManualClock } from '../../local/manual-clock';
import { startServer } from '../../local/server';
import { launchChromium } from '../support/browser';

let browser: Browser;
let dynamo: LocalDynamo;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  dynamo = await startLocalDynamo({ tableName: 'phone-page' });
  // Wednesday 10:00 in Austin (16:00 UTC).
  const clock = new ManualClock('2026-11-18T16:00:00Z');
  const app = createLocalApp({ client: dynamo.client, tableName: 'phone-page', clock });
  server = await startServer(app, { port: 0, pages: [localPages(app, clock)], settleAfterRequest: true });
  browser = await launchChromium();
  const res = await fetch(`${server.url}/leads`, {
    method: 'POST',
    headers: { 'x-api-key': 'local-web-form-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      fullName: 'Rosa Delgado',
      phone: '512-555-0301',
      serviceAddress: '400 Main St, Austin TX 78704',
      serviceType: 'plumbing_repair',
      urgency: 'emergency',
      notes: 'Burst pipe under the kitchen sink',
      consent: { sms: true, email: true },
    }),
  });
  expect(res.status).toBe(201);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dynamo?.close();
});

describe('local phone page', () => {
  it('fits a 390 px screen without sideways scrolling and shows local times', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });

    // Act
    await page.goto(`${server.url}/_local/phone`);
    const widths = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    const link = page.locator('#outbox a[href*="/h/"]').first();
    const linkBox = await link.boundingBox();
    const times = await page.locator('#outbox time').allTextContents();
    const refresh = await page.locator('meta[http-equiv="refresh"]').getAttribute('content');
    await page.close();

    // Assess
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
    expect((linkBox?.x ?? 0) + (linkBox?.width ?? Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(390);
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) expect(time).toBe('Wed Nov 18, 10:00 AM');
    expect(refresh).toBe('5');
  });
});
