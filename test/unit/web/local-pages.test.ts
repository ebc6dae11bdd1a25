import { describe, expect, it } from 'vitest';
import { demoForm, thanksPage } from '../../../shared/web/demo-form';
import { type PhoneMessage, phonePage } from '../../../shared/web/phone-page';
import { exampleConfig } from '../domain/fixtures';

const message = (overrides: Partial<PhoneMessage>): PhoneMessage => ({
  channel: 'sms',
  to: '+15125550199',
  recipientId: 'dana',
  body: 'New lead',
  sentAt: '2026-03-10T15:00:00.000Z',
  ...overrides,
});

const CHICAGO = { timeZone: 'America/Chicago' };

describe('phonePage', () => {
  it('lists messages newest first with their links clickable', () => {
    // Prepare
    const messages = [
      message({ body: 'first' }),
      message({
        channel: 'email',
        subject: 'Accept a lead',
        body: 'Open http://localhost:3000/h/tok_A-1 to accept.',
      }),
      message({ body: 'Sign in: http://192.168.1.20:3000/s/tok_B-2.' }),
    ];

    // Act
    const html = phonePage(messages, { ...CHICAGO, names: new Map([['dana', 'Dana Whit']]) });

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.indexOf('Accept a lead')).toBeLessThan(html.indexOf('<pre>first</pre>'));
    expect(html).toContain(
      '<li class="email"><div class="meta">EMAIL to Dana Whit · +15125550199 · <time datetime="2026-03-10T15:00:00.000Z">Tue Mar 10, 10:00 AM</time></div><strong>Accept a lead</strong><br/>',
    );
    expect(html).toContain(
      '<pre>Open <a href="http://localhost:3000/h/tok_A-1">http://localhost:3000/h/tok_A-1</a> to accept.</pre>',
    );
    expect(html).toContain(
      '<pre>Sign in: <a href="http://192.168.1.20:3000/s/tok_B-2">http://192.168.1.20:3000/s/tok_B-2</a>.</pre>',
    );
  });

  it('shows times on the business wall clock, not UTC, across a DST change', () => {
    // Prepare: 06:30 UTC is 12:30 AM in Chicago in winter (UTC-6), 1:30 AM in summer (UTC-5)
    const messages = [
      message({ sentAt: '2026-01-10T06:30:00.000Z' }),
      message({ sentAt: '2026-07-10T06:30:00.000Z' }),
    ];

    // Act
    const html = phonePage(messages, { ...CHICAGO, now: new Date('2026-07-10T07:00:00Z') });

    // Assess
    expect(html).toContain('Sat Jan 10, 12:30 AM');
    expect(html).toContain('Fri Jul 10, 1:30 AM');
    expect(html).toContain('it is now Fri Jul 10, 2:00 AM');
    expect(html).not.toMatch(/>[^<]*\d{4}-\d{2}-\d{2}T/);
  });

  it('reloads itself and wraps long links instead of scrolling sideways', () => {
    // Act
    const html = phonePage([message({ body: `http://localhost:3000/h/${'x'.repeat(200)}` })], CHICAGO);

    // Assess
    expect(html).toContain('<meta http-equiv="refresh" content="5"/>');
    expect(html).toMatch(/a\{[^}]*overflow-wrap:anywhere/);
    expect(html).toMatch(/pre\{[^}]*white-space:pre-wrap;overflow-wrap:anywhere/);
  });

  it('says when nothing was sent', () => {
    // Act
    const html = phonePage([], CHICAGO);

    // Assess
    expect(html).toContain('<ul id="outbox"><li>Nothing sent yet.</li></ul>');
  });

  it('escapes what a message carries', () => {
    // Prepare
    const hostile = '<script>alert("x")</script>';

    // Act
    const html = phonePage(
      [message({ body: hostile, subject: hostile, to: hostile, recipientId: hostile })],
      CHICAGO,
    );

    // Assess
    expect(html).not.toContain('<script');
    expect(html.split('&lt;script>alert(&quot;x&quot;)&lt;/script>').length - 1).toBe(4);
  });
});

describe('demoForm and thanksPage', () => {
  it('posts the form fields to /leads with the key, redirecting to the thank-you page', () => {
    // Act
    const html = demoForm(exampleConfig(), 'http://localhost:3000', 'k&y"1');

    // Assess
    expect(html).toContain('<form method="post" action="/leads?key=k%26y%221" id="request-form">');
    expect(html).toContain('<input type="hidden" name="redirect" value="http://localhost:3000/thanks"/>');
    for (const name of ['fullName', 'phone', 'email', 'serviceAddress', 'serviceType', 'urgency', 'notes']) {
      expect(html).toMatch(new RegExp(`<(input|select|textarea)[^>]* id="${name}" name="${name}"`));
    }
    expect(html).toContain('<option value="active_loss">Water or damage happening now</option>');
    expect(html).toContain('<option value="estimate">Planning / getting a quote</option>');
    expect(html).toContain(' Text me about this request');
  });

  it('shows the reference and status, escaped', () => {
    // Act
    const html = thanksPage('<b>01J</b>', 'awaiting_acceptance');

    // Assess
    expect(html).toContain('Reference: <code>&lt;b>01J&lt;/b></code>');
    expect(html).toContain('We have your request. Our team has it and will call you.');
    expect(html).not.toContain('awaiting');
  });
});
