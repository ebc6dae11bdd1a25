/**
 * The team's board in a real browser (docs/product-rules.md §8, §9, §10): Debian's Chromium without
 * script, on the manual clock. The office manager signs in through the link in the outbox, reads and
 * filters the board and acts on leads through its forms; a tech sees only their own leads.
 */
import { mkdtemp, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../shared/domain/config';
import { launchChromium } from '../support/browser';
import { exampleConfig, staticConfig } from '../support/fakes';
import {
  acceptAs,
  type BoardEnv,
  follow,
  IN_HOURS,
  navText,
  openLead,
  pageWidth,
  postLead,
  rowIds,
  rowText,
  signIn,
  startBoard,
  storedLead,
} from './board-support';

const DANA_PHONE = '+15125550102';

/** The example configuration with nobody after dispatch on the urgent ladder. */
const onlyDispatchOnTheUrgentLadder = (): AppConfig => {
  const config = exampleConfig();
  const chains = { ...config.business.escalation.chains, urgent: ['dispatch'] };
  return {
    ...config,
    business: { ...config.business, escalation: { ...config.business.escalation, chains } },
  };
};

let browser: Browser;
let env: BoardEnv;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  for (const context of browser.contexts()) await context.close();
  await env?.close();
});

describe('the board for the office manager', () => {
  it('signs in through the outbox message and sees an emergency lead with its owner and due time', async () => {
    // Prepare: an emergency in office hours goes to dispatch (Dana), who accepts it
    env = await startBoard();
    const id = await postLead(env, { fullName: 'Cy Park', urgency: 'emergency' });
    await acceptAs(env, 'dana', id);

    // Act
    const page = await signIn(browser, env, 'priya');
    const bar = await page.locator('.bar').innerText();
    const row = await rowText(page, id);
    await openLead(page, id);

    // Assess
    expect(bar).toContain('Signed in as Priya Raman');
    expect(row).toContain('Cy Park');
    expect(row).toContain('Emergency');
    expect(row).toContain('Owned by Dana');
    expect(row).toContain('Next: Call the customer within 5 minutes and dispatch the nearest tech');
    expect(row).toContain('Due Wed Nov 18, 10:05 AM');
    expect(await page.locator('#status').innerText()).toContain('Owner: Dana Whitfield (dispatch).');
    expect(await page.locator('#summary').innerText()).toContain('Emergency Plumbing repair');
  });

  it('filters overdue leads once the clock passes a due time, marked in words', async () => {
    // Prepare: the emergency's 5-minute next action passes; a lead posted later is not due yet
    env = await startBoard();
    const late = await postLead(env, { fullName: 'Cy Park', urgency: 'emergency' });
    await acceptAs(env, 'dana', late);
    await env.advance(10 * 60);
    const fresh = await postLead(env, { fullName: 'Ana Diaz' });
    const page = await signIn(browser, env, 'priya');

    // Act
    await follow(page, 'a[data-view="overdue"]', 'board');

    // Assess
    expect(await page.locator('h1').innerText()).toBe('Overdue leads (1)');
    expect(await rowIds(page)).toEqual([late]);
    expect(await rowText(page, late)).toContain('Overdue');
    expect(await rowText(page, late)).toContain('Due Wed Nov 18, 10:05 AM (overdue)');
    expect(await navText(page)).toEqual(
      expect.arrayContaining(['All (2)', 'Overdue (1)', 'Needs info (0)', 'Failed (0)']),
    );
    await follow(page, 'a[data-view="all"]', 'board');
    expect((await rowIds(page)).toSorted()).toEqual([late, fresh].toSorted());
  });

  it('completes a needs-info lead through its form; the page says to whom it was routed', async () => {
    // Prepare: a lead without a service or an address waits on intake
    env = await startBoard();
    const id = await postLead(env, { fullName: 'Bo Kim', serviceType: undefined, serviceAddress: undefined });
    const page = await signIn(browser, env, 'priya');
    await follow(page, 'a[data-view="needs_info"]', 'board');
    await openLead(page, id);
    const before = await page.locator('#status').innerText();

    // Act
    await page.fill('#complete-serviceAddress', '12 Elm St, Round Rock TX 78664');
    await page.selectOption('#complete-serviceType', { label: 'Plumbing repair' });
    await follow(page, '#complete-form-button', 'board-lead');

    // Assess
    expect(before).toContain('Missing: Service address, Service type.');
    expect(await page.locator('#notice').innerText()).toBe(
      'Complete: routed to Tomás Vega (tech), who must accept by Wed Nov 18, 10:15 AM.',
    );
    expect(await page.locator('#status').innerText()).toContain(
      'Waiting for Tomás Vega (tech) to accept until Wed Nov 18, 10:15 AM.',
    );
    const lead = await storedLead(env, id);
    expect(lead).toMatchObject({ status: 'awaiting_acceptance', serviceType: 'plumbing_repair' });
    expect(lead.handoff?.to.id).toBe('tomas');
    expect(lead.timeline.find((e) => e.type === 'lead_completed')?.actor).toMatchObject({ id: 'priya' });
    const email = env.app.outbox
      .list('tomas')
      .find((m) => m.channel === 'email' && m.body.includes('Lead: Bo Kim'));
    expect(email?.link).toMatch(/\/h\//);
  });

  it('transfers a lead to a person with a reason: the new handoff waits for them', async () => {
    // Prepare
    env = await startBoard();
    const id = await postLead(env, { fullName: 'Ana Diaz' });
    await acceptAs(env, 'tomas', id);
    const page = await signIn(browser, env, 'priya');
    await openLead(page, id);

    // Act
    await page.selectOption('#transfer-to', { label: 'Kelly Nguyen (tech)' });
    await page.fill('#transfer-reason', 'Kelly knows this water heater model');
    await follow(page, '#transfer-form-button', 'board-lead');
    const notice = await page.locator('#notice').innerText();
    const status = await page.locator('#status').innerText();
    await follow(page, 'text=Back to the board', 'board');

    // Assess
    expect(notice).toBe('Transferred to Kelly Nguyen (tech), who must accept by Wed Nov 18, 10:15 AM.');
    expect(status).toContain(
      'Waiting for Kelly Nguyen (tech) to accept until Wed Nov 18, 10:15 AM. Tomás Vega (tech) stays responsible until then.',
    );
    expect(await rowText(page, id)).toContain(
      'Owned by Tomás; transfer waiting for Kelly to accept until Wed 10:15 AM',
    );
    const lead = await storedLead(env, id);
    expect(lead.owner?.id).toBe('tomas');
    expect(lead.handoff).toMatchObject({
      kind: 'transfer',
      state: 'awaiting_acceptance',
      to: { id: 'kelly' },
    });
    expect(lead.timeline.filter((e) => e.type === 'transferred').at(-1)).toMatchObject({
      actor: { id: 'priya' },
      summary: expect.stringContaining('Kelly knows this water heater model'),
    });
    const email = env.app.outbox.list('kelly').find((m) => m.channel === 'email');
    expect(email?.subject).toMatch(/^Transferred to you: /);
    expect(email?.body).toContain('Why it came to you: Transfer: Kelly knows this water heater model');
  });

  it('sets a next action and closes a lead as booked through the forms', async () => {
    // Prepare
    env = await startBoard();
    const id = await postLead(env, { fullName: 'Ana Diaz' });
    await acceptAs(env, 'tomas', id);
    const page = await signIn(browser, env, 'priya');
    await openLead(page, id);

    // Act
    await page.fill('#next-action-next-action', 'Call after 2 PM to book the inspection');
    await page.fill('#next-action-next-action-due', '2026-11-19T14:30');
    await follow(page, '#next-action-form-button', 'board-lead');
    const notice = await page.locator('#notice').innerText();
    await page.check('#outcome-booked');
    await follow(page, '#close-form-button', 'board-lead');

    // Assess
    expect(notice).toBe('Next action set, due Thu Nov 19, 2:30 PM.');
    expect(await page.locator('#notice').innerText()).toBe('Closed as booked.');
    expect(await page.locator('#status').innerText()).toContain('Closed Won');
    const lead = await storedLead(env, id);
    expect(lead.nextActionDueAt).toBe('2026-11-19T20:30:00.000Z');
    expect(lead).toMatchObject({ status: 'closed', stage: 'closed_won', closure: { outcome: 'booked' } });
  });

  it('retries a failed handoff, then the rest with Retry all, from the failed view', async () => {
    // Prepare: Dana's number refuses texts, so two emergencies leave failed handoffs; then it is fixed.
    // Nobody is after dispatch on the urgent ladder, so each keeps waiting on Dana (docs/product-rules.md §12).
    env = await startBoard(IN_HOURS, staticConfig(onlyDispatchOnTheUrgentLadder()));
    env.app.sms.optedOut.add(DANA_PHONE);
    const cy = await postLead(env, { fullName: 'Cy Park', urgency: 'emergency' });
    const dee = await postLead(env, { fullName: 'Dee Lopez', urgency: 'emergency' });
    const failures = (await env.app.deps.failureStore.listOpen()).items;
    env.app.sms.optedOut.delete(DANA_PHONE);
    const page = await signIn(browser, env, 'priya');
    await follow(page, 'a[data-view="failed"]', 'board');
    const listed = await page.locator('#failures').innerText();
    const cyFailure = failures.find((f) => f.leadId === cy)?.id ?? '';

    // Act
    await follow(page, `li[data-failure="${cyFailure}"] button`, 'board');
    const afterOne = await page.locator('#failures').innerText();
    await follow(page, '#retry-all button', 'board');

    // Assess
    expect(failures.map((f) => f.leadId).toSorted()).toEqual([cy, dee].toSorted());
    expect(listed).toContain('Cy Park');
    expect(listed).toContain('SMS handoff request to Dana Whitfield (dispatch)');
    expect(listed).toContain('Why: The number has opted out of texts');
    expect(afterOne).not.toContain('Cy Park');
    expect(afterOne).toContain('Dee Lopez');
    expect(await page.locator('#empty').innerText()).toBe('No failed handoffs right now.');
    expect(await page.locator('h1').innerText()).toBe('Failed handoffs (0)');
    expect((await env.app.deps.failureStore.listOpen()).items).toEqual([]);
    const danaTexts = env.app.outbox.list('dana').filter((m) => m.channel === 'sms');
    expect(danaTexts.filter((m) => m.body.includes('customer Cy'))).toHaveLength(1);
    expect(danaTexts.filter((m) => m.body.includes('customer Dee'))).toHaveLength(1);
    expect((await storedLead(env, cy)).timeline.some((e) => e.type === 'retried')).toBe(true);
  });
});

describe('the board for a tech', () => {
  it('shows only their own leads; another tech’s lead by its address is a 404 page', async () => {
    // Prepare: a plumbing lead in the north goes to Tomás, an HVAC lead in the south to Kelly
    env = await startBoard();
    const own = await postLead(env, { fullName: 'Ana Diaz' });
    const theirs = await postLead(env, {
      fullName: 'Bo Kim',
      serviceAddress: '9 Elm St, Austin TX 78704',
      serviceType: 'hvac_repair',
    });
    expect((await storedLead(env, theirs)).handoff?.to.id).toBe('kelly');

    // Act
    const page = await signIn(browser, env, 'tomas');
    const board = await page.locator('main').innerText();
    const nav = await navText(page);
    const ids = await rowIds(page);
    const response = await page.goto(`${env.url}/board/leads/${theirs}`);

    // Assess
    expect(board).toContain('Signed in as Tomás Vega');
    expect(ids).toEqual([own]);
    expect(board).not.toContain('Bo Kim');
    expect(nav).toEqual(['Mine (1)', 'Overdue (0)']);
    expect(response?.status()).toBe(404);
    expect(await page.locator('#status').innerText()).toBe('There is no such lead on your board.');
    expect(await page.locator('main').innerText()).not.toContain('Bo Kim');
  });
});

describe('the board on a 390 px phone', () => {
  /** The page's width in CSS pixels, after keeping a full-page screenshot of it in `dir`. */
  const phoneShot = async (page: Page, dir: string, name: string): Promise<[string, number]> => {
    const path = join(dir, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    expect((await stat(path)).size).toBeGreaterThan(0);
    return [name, await pageWidth(page)];
  };

  it('the board, its views, lead pages with every form (and a refused one) and the roster have no sideways scroll', async () => {
    // Prepare: long words people really type (a long name, an email, a link in the notes)
    env = await startBoard();
    env.app.sms.optedOut.add(DANA_PHONE);
    const urgent = await postLead(env, {
      fullName: 'Maximiliana Featherstonehaugh-Wolfeschlegelsteinhausen',
      email: 'maximiliana.featherstonehaugh.wolfeschlegelsteinhausen@example-subdomain.example.com',
      urgency: 'emergency',
      notes:
        'Photos: https://photos.example.com/shared/album/AF1QipNv3aVeryLongUnbrokenTokenWithoutAnySpaces0123456789',
    });
    env.app.sms.optedOut.delete(DANA_PHONE);
    const owned = await postLead(env, { fullName: 'Ana Diaz' });
    await acceptAs(env, 'tomas', owned);
    const needsInfo = await postLead(env, {
      fullName: 'Bo Kim',
      serviceType: undefined,
      serviceAddress: undefined,
    });
    const dir = await mkdtemp(join(tmpdir(), 'board-390-'));
    const page = await signIn(browser, env, 'priya');

    // Act
    const widths: [string, number][] = [];
    await page.click('summary');
    widths.push(await phoneShot(page, dir, 'board'));
    await follow(page, 'a[data-view="failed"]', 'board');
    widths.push(await phoneShot(page, dir, 'failed'));
    await follow(page, 'a[data-view="all"]', 'board');
    await openLead(page, owned);
    widths.push(await phoneShot(page, dir, 'lead-forms'));
    await page.selectOption('#transfer-to', { label: 'Kelly Nguyen (tech)' });
    await page.fill('#transfer-reason', 'no');
    await follow(page, '#transfer-form-button', 'board-lead');
    const refused = await page.locator('#error').innerText();
    widths.push(await phoneShot(page, dir, 'lead-refused'));
    await follow(page, 'text=Back to the board', 'board');
    await openLead(page, urgent);
    widths.push(await phoneShot(page, dir, 'lead-urgent'));
    await follow(page, 'text=Back to the board', 'board');
    await openLead(page, needsInfo);
    widths.push(await phoneShot(page, dir, 'lead-complete'));
    await follow(page, 'text=Back to the board', 'board');
    await follow(page, '#roster-link', 'roster');
    widths.push(await phoneShot(page, dir, 'roster'));

    // Assess
    expect(widths.map(([name]) => name)).toEqual([
      'board',
      'failed',
      'lead-forms',
      'lead-refused',
      'lead-urgent',
      'lead-complete',
      'roster',
    ]);
    for (const [name, width] of widths) expect(width, name).toBeLessThanOrEqual(390);
    expect(refused).toContain('Nothing was changed.');
    expect((await storedLead(env, owned)).handoff?.kind).not.toBe('transfer');
  });
});
