/**
 * The board's views through the board handler on the local API (docs/product-rules.md §8, §9): sign in
 * as a roster person, ask `GET /board` for a view, a search or a filter, and read the page. Every list
 * is one view of the leads that person may see; a bad parameter is a 400 page and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../shared/domain/board-query';
import { boardPage, failureIds, navCount, rowIds, signIn } from '../support/board-list';
import { KEYS, type LocalApi, startLocalApi, tableItems } from '../support/local-api';
import { getLead, IN_HOURS, leadBody, postLead } from '../support/scenario';

const DANA_PHONE = '+15125550102';

let api: LocalApi;
const ids = {} as Record<'ana' | 'bo' | 'cy' | 'dee' | 'eve' | 'ed', string>;
let manager: string;
let tech: string;

/** Closes a lead as won (the close action is the lead card's; here only its outcome matters). */
const closeLead = async (id: string): Promise<void> => {
  const lead = await getLead(api, id);
  await api.app.deps.store.replace(
    { ...lead, status: 'closed', stage: 'closed_won', version: lead.version + 1 },
    lead.version,
  );
};

beforeAll(async () => {
  api = await startLocalApi(IN_HOURS);
  // Dana (dispatch) cannot get SMS: the emergency lead leaves a failed-handoff record.
  api.app.sms.optedOut.add(DANA_PHONE);
  ids.ana = await postLead(api, leadBody({ fullName: 'Ana Díaz', phone: '(512) 555-0100' }));
  ids.bo = await postLead(
    api,
    leadBody({ fullName: 'Bo Kim', serviceAddress: '9 Elm St, Austin TX 78704', serviceType: 'hvac_repair' }),
  );
  ids.cy = await postLead(
    api,
    leadBody({ fullName: 'Cy Park', urgency: 'emergency', serviceType: 'leak_detection' }),
  );
  ids.dee = await postLead(
    api,
    leadBody({ fullName: 'Dee Lopez', serviceAddress: undefined, serviceType: undefined }),
  );
  const phoneCall = await api.request('POST', '/leads', {
    key: KEYS.phone,
    body: leadBody({
      fullName: 'Eve Moss',
      serviceAddress: '2 Oak St, Austin TX 78745',
      serviceType: 'water_heater',
    }),
  });
  ids.eve = phoneCall.json.leadId;
  ids.ed = await postLead(api, leadBody({ fullName: 'Ed Stone', phone: '512-555-0177' }));
  await closeLead(ids.ed);
  // Let the paced standard-lane messages go out; every acceptance window (>= 5 min) is still open.
  await api.advance(120);
  manager = await signIn(api, 'priya');
  tech = await signIn(api, 'tomas');
});

afterAll(async () => {
  await api.stop();
});

describe('the board’s views (docs/product-rules.md §8)', () => {
  it('shows the office manager every open lead by default, with every view and its count', async () => {
    // Act
    const page = (await boardPage(api, manager)).body;

    // Assess
    expect(rowIds(page).toSorted()).toEqual([ids.ana, ids.bo, ids.cy, ids.dee, ids.eve].toSorted());
    expect(page).not.toContain('Ed Stone');
    expect(page).toContain('aria-current="page" data-view="all"');
    expect(
      ['all', 'mine', 'unowned', 'overdue', 'needs_info', 'failed'].map((v) => navCount(page, v)),
    ).toEqual([5, 0, 0, 0, 1, 1]);
  });

  it('shows each row in words: service and area, locked status, whom it waits on, next action, due, last contact, source', async () => {
    // Act
    const page = (await boardPage(api, manager)).body;
    const row = page.slice(
      page.indexOf(`data-lead="${ids.ana}"`),
      page.indexOf('</li>', page.indexOf(ids.ana)),
    );

    // Assess
    expect(row).toContain('Ana Díaz');
    expect(row).toContain('Plumbing repair · North Austin / Round Rock (78664)');
    expect(row).toContain('<strong>New Lead – Needs Qualification</strong>');
    expect(row).toMatch(/Waiting for Tomás to accept until Wed 10:15 AM/);
    expect(row).toContain('Next: Call the customer');
    expect(row).toContain('Due Wed Nov 18, 10:15 AM');
    expect(row).toMatch(
      /Last contact: Wed Nov 18, 10:0\d AM – an automatic message\. The customer is waiting on us\./,
    );
    expect(row).toContain('Source: Web form');
    expect(page).toContain('Times are the business’s local time (America/Chicago).');
    expect(page.slice(page.indexOf(`data-lead="${ids.eve}"`))).toContain('Source: Phone call');
  });

  it('lists the leads that need information, and a person’s own leads', async () => {
    // Act
    const needsInfo = (await boardPage(api, manager, { view: 'needs_info' })).body;
    const mine = (await boardPage(api, tech)).body;

    // Assess
    expect(rowIds(needsInfo)).toEqual([ids.dee]);
    expect(rowIds(mine)).toEqual([ids.ana]);
  });

  it('shows a tech only their own leads and views: no other view, no failed handoffs (404)', async () => {
    // Act
    const page = (await boardPage(api, tech)).body;
    const failed = await boardPage(api, tech, { view: 'failed' });
    const all = await boardPage(api, tech, { view: 'all' });
    const theirs = await boardPage(api, tech, { q: 'Bo Kim' });

    // Assess
    expect(page).toContain('aria-current="page" data-view="mine"');
    expect(navCount(page, 'mine')).toBe(1);
    expect(navCount(page, 'overdue')).toBe(0);
    expect(navCount(page, 'all')).toBeUndefined();
    expect(navCount(page, 'failed')).toBeUndefined();
    expect(page).not.toContain('Bo Kim');
    expect(failed.status).toBe(404);
    expect(failed.body).not.toContain('Retry');
    expect(all.status).toBe(404);
    expect(rowIds(theirs.body)).toEqual([]);
  });

  it('lists failed handoffs with lead, step, reason in words and age, each with a Retry form, and Retry all', async () => {
    // Prepare
    const csrf = /name="csrf" value="([^"]+)"/.exec((await boardPage(api, manager)).body)?.[1] ?? '';
    const [failure] = (await api.app.deps.failureStore.listOpen()).items;

    // Act
    const page = (await boardPage(api, manager, { view: 'failed' })).body;

    // Assess
    expect(failure?.leadId).toBe(ids.cy);
    expect(failureIds(page)).toEqual([failure?.id]);
    expect(page).toContain('Cy Park');
    expect(page).toContain('Message: SMS handoff request to Dana Whitfield (dispatch)');
    expect(page).toContain('Why: The number has opted out of texts');
    expect(page).toMatch(/First seen 2 min ago · 1 attempt/);
    expect(page).toContain(
      `<form method="post" action="./board/failed/${failure?.id}/retry"><input type="hidden" name="csrf" value="${csrf}"/>`,
    );
    expect(page).toContain(
      `<form method="post" action="./board/failed/retry-all"><input type="hidden" name="csrf" value="${csrf}"/>`,
    );
  });
});

describe('searching the board', () => {
  it.each(['(512) 555-0100', '512.555.0100', '+1 512 555 0100'])(
    'finds a lead by its phone typed as %s',
    async (q) => {
      // Act
      const page = (await boardPage(api, manager, { q })).body;

      // Assess
      expect(rowIds(page)).toEqual([ids.ana]);
      expect(page).toContain('Leads with the number +15125550100, closed ones included.');
    },
  );

  it('finds a closed lead by phone (marked Closed), but not by name', async () => {
    // Act
    const byPhone = (await boardPage(api, manager, { q: '(512) 555-0177' })).body;
    const byName = (await boardPage(api, manager, { q: 'Ed Stone' })).body;

    // Assess
    expect(rowIds(byPhone)).toEqual([ids.ed]);
    expect(byPhone).toContain('<span class="tag closed-tag">Closed</span>');
    expect(rowIds(byName)).toEqual([]);
  });

  it('finds open leads by part of a name, whatever the case and accents', async () => {
    // Act
    const plain = (await boardPage(api, manager, { q: 'diaz' })).body;
    const upper = (await boardPage(api, manager, { q: 'ANA DÍ' })).body;

    // Assess
    expect(rowIds(plain)).toEqual([ids.ana]);
    expect(rowIds(upper)).toEqual([ids.ana]);
  });

  it('filters by status and by source, and counts the views within the filter', async () => {
    // Act
    const needsInfo = (await boardPage(api, manager, { status: 'needs_info' })).body;
    const phoneCalls = (await boardPage(api, manager, { source: 'phone' })).body;
    const won = (await boardPage(api, manager, { status: 'closed_won' })).body;

    // Assess
    expect(rowIds(needsInfo)).toEqual([ids.dee]);
    expect(navCount(needsInfo, 'all')).toBe(1);
    expect(rowIds(phoneCalls)).toEqual([ids.eve]);
    expect(rowIds(won)).toEqual([]);
  });

  it('refuses bad parameters with a 400 page saying what is wrong, changing nothing', async () => {
    // Prepare
    const before = await tableItems(api);
    const cases: [Record<string, string>, string][] = [
      [{ view: 'everything' }, 'View must be one of'],
      [{ status: 'won' }, 'Status must be one of'],
      [{ key: 'x' }, 'is not a board parameter'],
      [{ q: '0100' }, 'Type a whole phone number'],
      [{ cursor: 'forged' }, 'The page link (cursor) is not one the board made'],
      [{ cursor: Buffer.from('L|{"PK":"LEAD#X"}').toString('base64url') }, 'not one the board made'],
      [
        { view: 'failed', cursor: encodeCursor('leads', `2026-11-18T16:00:00.000Z#${ids.ana}`) },
        'another view',
      ],
    ];

    // Act
    const answers = await Promise.all(cases.map(([query]) => boardPage(api, manager, query)));

    // Assess
    for (const [index, answer] of answers.entries()) {
      expect(answer.status).toBe(400);
      expect(answer.body).toContain(cases[index]?.[1]);
      expect(answer.body).not.toMatch(/\.ts:\d+/);
    }
    expect(await tableItems(api)).toEqual(before);
  });
});

describe('GET /leads: the board’s lists as JSON (ops key)', () => {
  it('lists every open lead with counts, as the roles that see every lead', async () => {
    // Act
    const res = await api.request('GET', '/leads', { key: KEYS.ops });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.view).toBe('all');
    expect(res.json.counts).toEqual({ all: 5, unowned: 0, overdue: 0, needs_info: 1, failed: 1 });
    expect(res.json.items.map((item: { id: string }) => item.id).toSorted()).toEqual(
      [ids.ana, ids.bo, ids.cy, ids.dee, ids.eve].toSorted(),
    );
    expect(res.json.cursor).toBeUndefined();
    const ana = res.json.items.find((item: { id: string }) => item.id === ids.ana);
    expect(ana).toMatchObject({
      fullName: 'Ana Díaz',
      phone: '+15125550100',
      status: 'awaiting_acceptance',
      stage: 'new_lead',
      asked: { id: 'tomas', acceptBy: '2026-11-18T16:15:00.000Z' },
      overdue: false,
      unowned: false,
      lastContact: { by: 'an automatic message', waitingOn: 'us' },
      words: { status: 'Waiting for Tomás to accept until Wed 10:15 AM', source: 'Web form' },
    });
  });

  it('lists failed handoffs, searches by phone and filters, like the board', async () => {
    // Act
    const failed = await api.request('GET', '/leads', { key: KEYS.ops, query: { view: 'failed' } });
    const byPhone = await api.request('GET', '/leads', { key: KEYS.ops, query: { q: '512.555.0177' } });
    const bySource = await api.request('GET', '/leads', { key: KEYS.ops, query: { source: 'phone' } });

    // Assess
    expect(failed.json.items).toHaveLength(1);
    expect(failed.json.items[0]).toMatchObject({
      leadId: ids.cy,
      fullName: 'Cy Park',
      kind: 'notification',
      reason: 'opted_out',
      reasonText: 'The number has opted out of texts',
    });
    expect(byPhone.json.items.map((item: { id: string }) => item.id)).toEqual([ids.ed]);
    expect(byPhone.json.items[0].status).toBe('closed');
    expect(bySource.json.items.map((item: { id: string }) => item.id)).toEqual([ids.eve]);
  });

  it('refuses a missing key (401), an intake key (403), and bad parameters (400) with every problem', async () => {
    // Act
    const noKey = await api.request('GET', '/leads');
    const intakeKey = await api.request('GET', '/leads', { key: KEYS.webForm });
    const bad = await api.request('GET', '/leads', {
      key: KEYS.ops,
      query: { cursor: 'forged', view: 'nope' },
    });
    const mine = await api.request('GET', '/leads', { key: KEYS.ops, query: { view: 'mine' } });

    // Assess
    expect(noKey.status).toBe(401);
    expect(intakeKey.status).toBe(403);
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('validation_failed');
    expect(bad.json.issues.map((issue: { path: string }) => issue.path).toSorted()).toEqual([
      'cursor',
      'view',
    ]);
    expect(mine.status).toBe(400);
    expect(mine.json.issues[0].message).toContain('mine needs a person');
  });
});
