/**
 * The board in a real browser: a local app with its server on the manual clock, people signing in
 * through their own one-time link from the local outbox (in a browser context of their own), and leads
 * posted and accepted as a web form and a phone would.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createLocalApp, type LocalApp } from '../../local/app';
import { type LocalDynamo, startLocalDynamo } from '../../local/dynamo-engine';
import { localPages } from '../../local/local-pages';
import { ManualClock } from '../../local/manual-clock';
import { startServer } from '../../local/server';
import type { Lead } from '../../shared/domain/lead';
import { hashToken } from '../../shared/link-tokens';
import type { ConfigSource } from '../../shared/ports';

/** Wed Nov 18, 10 AM in Austin: dispatch and the techs are on shift. */
export const IN_HOURS = '2026-11-18T16:00:00Z';

/** The contact each example roster person types on the sign-in page (Tomás signs in by phone). */
export const CONTACTS = {
  priya: 'priya@lonestar.example.com',
  tomas: '(512) 555-0105',
} as const;

/** A local app with its server, on a manual clock. */
export interface BoardEnv {
  app: LocalApp;
  clock: ManualClock;
  url: string;
  /** Moves the manual clock, firing timers and draining queues at their own times. */
  advance(seconds: number): Promise<void>;
  close(): Promise<void>;
}

let tables = 0;

export const startBoard = async (start = IN_HOURS, config?: ConfigSource): Promise<BoardEnv> => {
  tables += 1;
  const tableName = `browser-board-${tables}`;
  const dynamo: LocalDynamo = await startLocalDynamo({ tableName });
  const clock = new ManualClock(start);
  const app = createLocalApp({ client: dynamo.client, tableName, clock, ...(config ? { config } : {}) });
  const server = await startServer(app, {
    port: 0,
    pages: [localPages(app, clock)],
    settleAfterRequest: true,
  });
  return {
    app,
    clock,
    url: server.url,
    advance: async (seconds) => {
      await app.runtime.advance(clock, seconds);
    },
    close: async () => {
      await server.close();
      await dynamo.close();
    },
  };
};

let phone = 400;
/** Posts a lead as the web form's site would (a fresh customer phone each time); returns its id. */
export const postLead = async (env: BoardEnv, overrides: Record<string, unknown> = {}): Promise<string> => {
  phone += 1;
  const res = await fetch(`${env.url}/leads`, {
    method: 'POST',
    headers: { 'x-api-key': 'local-web-form-key', 'content-type': 'application/json' },
    body: JSON.stringify({
      fullName: 'Rosa Delgado',
      phone: `512-555-0${phone}`,
      serviceAddress: '400 Main St, Round Rock TX 78664',
      serviceType: 'plumbing_repair',
      urgency: 'standard',
      notes: 'Water heater leaking into the garage',
      consent: { sms: true, email: true },
      ...overrides,
    }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { leadId: string }).leadId;
};

export const storedLead = async (env: BoardEnv, id: string): Promise<Lead> => {
  const lead = await env.app.deps.store.get(id);
  if (!lead) throw new Error(`lead ${id} not found`);
  return lead;
};

/** The person accepts the lead through the newest link they got for it, as their phone's browser would. */
export const acceptAs = async (env: BoardEnv, personId: string, leadId: string): Promise<void> => {
  const links = env.app.outbox
    .list(personId)
    .flatMap((m) => (m.link ? [m.link] : []))
    .reverse();
  let link: string | undefined;
  for (const candidate of links) {
    const token = new URL(candidate).pathname.split('/').pop() ?? '';
    if ((await env.app.deps.tokens.get(hashToken(token)))?.leadId === leadId) {
      link = candidate;
      break;
    }
  }
  if (!link) throw new Error(`${personId} has no link for lead ${leadId}`);
  const confirmations = ['saw_notes', 'understands_next_step', 'knows_deadline', 'enough_context'];
  const res = await fetch(link, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: ['action=accept', ...confirmations.map((c) => `confirm=${c}`)].join('&'),
  });
  expect(res.status).toBe(200);
  expect((await storedLead(env, leadId)).status).toBe('accepted');
};

/**
 * Signs a roster person in as a person does, in a browser context of their own (a 390 px phone, no
 * script): asks for a link on `/sign-in`, reads it from the local outbox, opens it (which changes
 * nothing) and presses "Sign in". Returns the page, now on the board.
 */
export const signIn = async (
  browser: Browser,
  env: BoardEnv,
  personId: keyof typeof CONTACTS,
): Promise<Page> => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    javaScriptEnabled: false,
  });
  const page = await context.newPage();
  await page.goto(`${env.url}/sign-in`);
  await page.fill('#contact', CONTACTS[personId]);
  await page.click('button[type=submit]');
  await page.waitForSelector('main[data-state="sign-in-sent"]');
  const message = env.app.outbox.list(personId).at(-1);
  const link = /https?:\/\/\S+\/s\/[A-Za-z0-9_-]{43}/.exec(message?.body ?? '')?.[0];
  if (!link) throw new Error(`${personId} got no sign-in link`);
  await page.goto(link);
  await page.waitForSelector('main[data-state="sign-in-link"]');
  await page.click('button[type=submit]');
  await page.waitForSelector('main[data-state="board"]');
  return page;
};

/** The text of the board's row for a lead. */
export const rowText = (page: Page, leadId: string): Promise<string> =>
  page.locator(`li[data-lead="${leadId}"]`).innerText();

/** The lead ids of the board's rows, in order. */
export const rowIds = async (page: Page): Promise<string[]> =>
  page.locator('li[data-lead]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-lead') ?? ''));

/** Follows a link or presses a button and waits for the page it leads to. */
export const follow = async (page: Page, selector: string, state: string): Promise<void> => {
  await page.click(selector);
  await page.waitForSelector(`main[data-state="${state}"]`);
};

/** The texts of the board's view links, e.g. `Overdue (1)`. */
export const navText = (page: Page): Promise<string[]> => page.locator('#views a').allInnerTexts();

/** Opens a lead from its row on the board. */
export const openLead = (page: Page, leadId: string): Promise<void> =>
  follow(page, `li[data-lead="${leadId}"] h2 a`, 'board-lead');

/** How wide the page is, in CSS pixels (more than the viewport: it scrolls sideways). */
export const pageWidth = (page: Page): Promise<number> =>
  page.evaluate(() => document.documentElement.scrollWidth);
