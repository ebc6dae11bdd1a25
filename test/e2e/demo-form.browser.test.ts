import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalApp, type LocalApp } from '../../local/app';
import { type LocalDynamo, startLocalDynamo } from '../../local/dynamo-engine';
import { localPages } from '../../local/local-pages';
import { ManualClock } from '../../local/manual-clock';
import { startServer } from '../../local/server';
import { launchChromium } from '../support/browser';

let browser: Browser;
let dynamo: LocalDynamo;
let app: LocalApp;
let server: Awaited<ReturnType<typeof startServer>>;

beforeAll(async () => {
  dynamo = await startLocalDynamo({ tableName: 'browser-form' });
  const clock = new ManualClock('2026-11-18T16:00:00Z');
  app = createLocalApp({ client: dynamo.client, tableName: 'browser-form', clock });
  server = await startServer(app, { port: 0, pages: [localPages(app, clock)], settleAfterRequest: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dynamo?.close();
});

describe('the demo web form in a real browser', () => {
  it('a bad phone and no email (no way to reach the customer) shows a friendly message at the phone and keeps everything else typed', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);
    await page.fill('#fullName', 'Eve Moss');
    await page.fill('#phone', '555-01');
    await page.fill('#serviceAddress', '3 Bay Rd, Buda TX 78610');
    await page.selectOption('#serviceType', 'water_heater');
    await page.selectOption('#urgency', { label: 'Water or damage happening now' });
    await page.fill('#notes', 'Water pouring from the heater into the garage');
    await page.check('input[type=checkbox][name="consent.sms"]');

    // Act
    await Promise.all([page.waitForURL(/\/leads/), page.click('button[type=submit]')]);

    // Assess
    expect(await page.textContent('#error')).toContain('We could not send your request yet');
    expect(await page.textContent('#phone-problem')).toBe(
      'This phone number does not look right. Please enter it with the area code, like (512) 555-0123.',
    );
    expect(await page.getAttribute('#phone', 'aria-invalid')).toBe('true');
    expect(await page.inputValue('#phone')).toBe('555-01');
    expect(await page.inputValue('#fullName')).toBe('Eve Moss');
    expect(await page.inputValue('#email')).toBe('');
    expect(await page.inputValue('#serviceAddress')).toBe('3 Bay Rd, Buda TX 78610');
    expect(await page.inputValue('#serviceType')).toBe('water_heater');
    expect(await page.inputValue('#urgency')).toBe('active_loss');
    expect(await page.inputValue('#notes')).toBe('Water pouring from the heater into the garage');
    expect(await page.isChecked('input[type=checkbox][name="consent.sms"]')).toBe(true);
    const text = (await page.textContent('body')) ?? '';
    expect(text).not.toMatch(/validation_failed|"issues"|\{"/);
    expect((await app.deps.store.listOpen()).items).toHaveLength(0);

    // Act: the customer fixes the phone and sends it again
    await page.fill('#phone', '(512) 555-0188');
    await Promise.all([page.waitForURL(/\/thanks/), page.click('button[type=submit]')]);

    // Assess
    expect(await page.textContent('h1')).toBe('Thank you');
    await page.close();
  });

  it('people never see or reach the honeypot field', async () => {
    // Prepare
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/`);

    // Act
    const box = await page.locator('#website').boundingBox();

    // Assess
    expect(box === null || box.x + box.width <= 0).toBe(true);
    expect(await page.getAttribute('#website', 'tabindex')).toBe('-1');
    expect(await page.locator('.hp').getAttribute('aria-hidden')).toBe('true');
    await page.close();
  });
});
