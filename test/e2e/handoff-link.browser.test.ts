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
  dynamo = await startLocalDynamo({ tableName: 'browser' });
  const clock = new ManualClock('2026-11-18T16:00:00Z');
  app = createLocalApp({ client: dynamo.client, tableName: 'browser', clock });
  server = await startServer(app, { port: 0, pages: [localPages(app, clock)], settleAfterRequest: true });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await dynamo?.close();
});

let phone = 300;
const postLead = async (
  overrides: Record<string, unknown> = {},
): Promise<{ leadId: string; owner: { id: string } }> => {
  phone += 1;
  const res = await fetch(`${server.url}/leads`, {
    method: 'POST',
    headers: { 'x-api-key': 'local-web-form-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      fullName: 'Rosa Delgado',
      phone: `512-555-0${phone}`,
      serviceAddress: '400 Main St, Round Rock TX 78664',
      serviceType: 'plumbing_repair',
      urgency: 'standard',
      notes: 'Water heater leaking into the garage',
      promisedNextStep: 'A tech calls back within the hour',
      consent: { sms: true, email: true },
      ...overrides,
    }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { leadId: string; owner: { id: string } };
};

const leadState = async (id: string) => {
  const res = await fetch(`${server.url}/leads/${id}`, { headers: { 'x-api-key': 'local-ops-key' } });
  return (await res.json()) as {
    status: string;
    version: number;
    owner?: { id: string };
    handoff: { to: { role: string } };
  };
};

/** The handoff link the recipient got by email (the local phone's outbox, as JSON). */
const linkFor = async (recipientId: string): Promise<string> => {
  const outbox = (await (await fetch(`${server.url}/_local/outbox?recipientId=${recipientId}`)).json()) as {
    link?: string;
  }[];
  const link = outbox.filter((m) => m.link).at(-1)?.link;
  if (!link) throw new Error(`no link for ${recipientId}`);
  return link;
};

describe('handoff link in a real browser', () => {
  it('shows the handoff note, changes nothing on open, and accepts with the four confirmations', async () => {
    // Prepare
    const { leadId, owner } = await postLead();
    const link = await linkFor(owner.id);
    const before = await leadState(leadId);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });

    // Act: open (twice, as an SMS app's preview would), then accept
    await fetch(link);
    await page.goto(link);
    const opened = await leadState(leadId);
    const note = await page.locator('main').innerText();
    for (const box of await page.locator('#accept-form input[type=checkbox]').all()) await box.check();
    await page.locator('#accept-form button[type=submit]').click();
    await page.waitForSelector('main[data-state="card"]');

    // Assess
    expect(note).toContain('Rosa Delgado');
    expect(note).toContain('Water heater leaking into the garage');
    expect(note).toContain('A tech calls back within the hour');
    expect(opened).toEqual(before);
    expect(await page.locator('main').innerText()).toMatch(/Accepted by you at/);
    expect(await leadState(leadId)).toMatchObject({ status: 'accepted', owner: { id: owner.id } });
    await page.close();
  });

  it('the lead card logs a contact and sets Estimate Sent with the prefilled follow-up date, without script', async () => {
    // Prepare
    const { leadId, owner } = await postLead({ fullName: 'Card Owner', phone: '512-555-0477' });
    const link = await linkFor(owner.id);
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(link);
    for (const box of await page.locator('#accept-form input[type=checkbox]').all()) await box.check();
    await page.locator('#accept-form button[type=submit]').click();
    await page.waitForSelector('main[data-state="card"]');

    // Act: log a contact, then set the status with the follow-up date the page prefilled
    await page.locator('#contact-channel-call').check();
    await page.locator('#contact-summary').fill('Walked the customer through the estimate');
    await page.locator('#waiting-on-customer').check();
    await page.locator('#contact-form button[type=submit]').click();
    await page.waitForSelector('#notice');
    await page.locator('#stage').selectOption('estimate_sent');
    await page.locator('#status-form button[type=submit]').click();
    await page.waitForSelector('#notice');

    // Assess
    const lead = (await leadState(leadId)) as unknown as {
      lastContact?: { summary: string; waitingOn: string };
      stage: string;
      followUps?: unknown[];
    };
    expect(lead.lastContact).toMatchObject({
      summary: 'Walked the customer through the estimate',
      waitingOn: 'customer',
    });
    expect(lead.stage).toBe('estimate_sent');
    expect(lead.followUps).toHaveLength(3);
    expect(await page.locator('#follow-ups li').count()).toBe(3);
    await page.close();
  });

  it('rejects with a missing-data reason and the lead goes back to intake', async () => {
    // Prepare
    const { leadId, owner } = await postLead({ fullName: 'Sam Lee', phone: '512-555-0444' });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(await linkFor(owner.id));

    // Act
    await page.locator('#reject-form input[value="missing_address"]').check();
    await page.locator('#reject-form textarea[name="text"]').fill('Apartment number missing');
    await page.locator('#reject-form button[type=submit]').click();
    await page.waitForSelector('main[data-state="rejected"]');

    // Assess
    const lead = await leadState(leadId);
    expect(lead.status).toBe('needs_info');
    expect(lead.handoff.to.role).toBe('intake');
    await page.close();
  });
});
