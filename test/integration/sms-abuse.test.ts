/**
 * SMS abuse through the public web-form key (docs/product-rules.md §10), on the local runner: leads are
 * posted with `KEYS.webForm` as anyone could, and the outbox is read like a phone. Customer SMS go only
 * to numbers of the business's countries (never premium or toll-free), once per number per 24 h, within
 * a daily budget that pages ops when reached; no customer-typed link goes out working in any SMS.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../local/outbox';
import { METRICS } from '../../shared/settings';
import { exampleConfig, staticConfig } from '../support/fakes';
import { KEYS, type LocalApi, startLocalApi } from '../support/local-api';
import { acceptLink, getLead, IN_HOURS, latestLink, leadBody, linkPath, openLink } from '../support/scenario';

let api: LocalApi;
afterEach(async () => {
  await api?.stop();
});

const toCustomer = () => api.app.outbox.list('customer');
const allSms = (): OutboxMessage[] => api.app.outbox.list().filter((m) => m.channel === 'sms');
/** Link-shaped: a scheme, `www.`, or a dot between a letter and a letter or digit. */
const LINK_SHAPED = /:\/\/|www\.|\p{L}\.[\p{L}\p{N}]/u;

/** Posts a lead as the public web form can; returns its id. */
const post = async (overrides: Record<string, unknown>): Promise<string> => {
  const res = await api.request('POST', '/leads', { key: KEYS.webForm, body: leadBody(overrides) });
  expect(res.status).toBe(201);
  return res.json.leadId as string;
};

const timelineSays = async (id: string, words: string) =>
  (await getLead(api, id)).timeline.some((e) =>
    e.summary.startsWith(`No text sent to the customer: ${words}`),
  );

describe('customer SMS only to the business’s countries, never to premium or toll-free numbers', () => {
  it.each([
    ['Nigeria', '+234 803 123 4567'],
    ['Russia', '+7 916 123 4567'],
    ['the United Kingdom', '+44 7911 123456'],
    ['Jamaica (+1-876)', '+1 876 555 0123'],
  ])('a number in %s with SMS consent gets no text; the staff handoff still goes out', async (_, phone) => {
    api = await startLocalApi(IN_HOURS);
    const id = await post({ phone, fullName: 'Ana Diaz' });

    await api.advance(300);

    expect(toCustomer()).toEqual([]);
    expect(await timelineSays(id, 'the number is outside the countries we text')).toBe(true);
    expect((await getLead(api, id)).handoff?.state).toBe('awaiting_acceptance');
    expect(allSms().some((m) => m.ref?.leadId === id && m.ref.purpose === 'handoff')).toBe(true);
  });

  it.each([
    ['premium-rate', '+1 900 555 0123'],
    ['toll-free', '+1 800 555 0123'],
  ])('a %s number gets no text', async (_, phone) => {
    api = await startLocalApi(IN_HOURS);
    const id = await post({ phone });

    await api.advance(300);

    expect(toCustomer()).toEqual([]);
    expect(await timelineSays(id, 'the number is a premium, toll-free')).toBe(true);
  });

  it('a country added to customerSmsCountries is texted', async () => {
    const config = exampleConfig();
    config.business.customerSmsCountries = ['US', 'GB'];
    api = await startLocalApi(IN_HOURS, { config: staticConfig(config) });
    await post({ phone: '+44 7400 123456' });

    await api.advance(300);

    expect(toCustomer()).toHaveLength(1);
  });
});

describe('no customer-typed link goes out in any SMS', () => {
  it('a link in the name and notes is neutralized for the customer and staff; our own link still works', async () => {
    api = await startLocalApi(IN_HOURS);
    const id = await post({
      fullName: 'https://evil.example/h/AAAA Smith',
      notes: 'see www.evil.example or evil.example/x now',
      serviceAddress: '400 Main St, evil.example, Round Rock TX 78664',
    });

    await api.advance(300);

    const sms = allSms().filter((m) => m.ref?.leadId === id);
    expect(sms.length).toBeGreaterThanOrEqual(2);
    const [ack] = toCustomer();
    expect(ack?.body).toMatch(/^Hi, thanks for contacting Lone Star Plumbing & Air/);
    for (const message of sms) {
      expect(message.body.replace(message.link ?? '\u0000', '')).not.toMatch(LINK_SHAPED);
      expect(message.body).not.toContain('evil.example');
    }
    const handoff = sms.find((m) => m.ref?.purpose === 'handoff');
    expect(handoff?.link).toBeDefined();
    expect(handoff?.body).toContain(handoff?.link ?? 'missing');
    const link = latestLink(api, handoff?.recipientId ?? '?');
    expect((await openLink(api, link)).status).toBe(200);
    expect((await acceptLink(api, link)).status).toBe(200);
    expect(linkPath(link)).toMatch(/^\/h\//);
  });

  it('a plausible name is used in the greeting', async () => {
    api = await startLocalApi(IN_HOURS);
    await post({ fullName: "Zoë O'Neil-Brown" });

    await api.advance(300);

    expect(toCustomer()[0]?.body).toMatch(/^Hi Zoe, thanks for contacting/);
  });
});

describe('one acknowledgement per number per 24 hours', () => {
  /** Accepts the lead's handoff and closes it as lost, so the same phone may make a new lead. */
  const closeLead = async (id: string) => {
    const handoff = allSms().find((m) => m.ref?.leadId === id && m.ref.purpose === 'handoff');
    const link = handoff?.link ?? 'missing';
    expect((await acceptLink(api, link)).status).toBe(200);
    const res = await api.request('POST', linkPath(link), {
      body: new URLSearchParams({
        action: 'set_status',
        submission: `close-${id}`,
        stage: 'closed_lost',
        follow_up_at: '',
      }).toString(),
      contentType: 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(200);
    expect((await getLead(api, id)).status).toBe('closed');
  };

  it('a second lead from the same number within 24 h gets no acknowledgement; one after 24 h does', async () => {
    api = await startLocalApi(IN_HOURS);
    const phone = '512-555-0177';
    const first = await post({ phone });
    await api.advance(300);
    await closeLead(first);

    const second = await post({ phone });
    await api.advance(300);

    expect(second).not.toBe(first);
    expect(toCustomer()).toHaveLength(1);
    expect(await timelineSays(second, 'the number already got an acknowledgement')).toBe(true);

    await closeLead(second);
    await api.advance(24 * 3600 - 600);
    const third = await post({ phone });
    await api.advance(300);

    expect(toCustomer()).toHaveLength(2);
    expect(toCustomer()[1]?.ref?.leadId).toBe(third);
  });
});

describe('a daily budget of customer SMS', () => {
  it('the SMS after the budget is not sent, and the alarmed metric is emitted', async () => {
    const config = exampleConfig();
    config.business.customerSmsDailyBudget = 2;
    api = await startLocalApi(IN_HOURS, { config: staticConfig(config) });

    const ids = [await post({}), await post({}), await post({})];
    await api.advance(300);

    expect(toCustomer()).toHaveLength(2);
    const refused = ids.filter((id) => !toCustomer().some((m) => m.ref?.leadId === id));
    expect(refused).toHaveLength(1);
    expect(await timelineSays(refused[0] ?? '?', "today's budget of customer texts is used up")).toBe(true);
    expect(api.app.metrics.total(METRICS.CustomerSmsBudgetReached)).toBe(1);
  });
});
