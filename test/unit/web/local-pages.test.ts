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

describe('phonePage', () => {
  it('lists messages newest first with their handoff links clickable', () => {
    // Prepare
    const messages = [
      message({ body: 'first' }),
      message({
        channel: 'email',
        subject: 'Accept a lead',
        body: 'Open http://localhost:3000/h/tok_A-1 to accept.',
      }),
    ];

    // Act
    const html = phonePage(messages);

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.indexOf('Accept a lead')).toBeLessThan(html.indexOf('<pre>first</pre>'));
    expect(html).toContain(
      '<li class="email"><div class="meta">EMAIL to dana · +15125550199 · 2026-03-10T15:00:00.000Z</div><strong>Accept a lead</strong><br/>',
    );
    expect(html).toContain(
      '<pre>Open <a href="http://localhost:3000/h/tok_A-1">http://localhost:3000/h/tok_A-1</a> to accept.</pre>',
    );
  });

  it('says when nothing was sent', () => {
    // Act
    const html = phonePage([]);

    // Assess
    expect(html).toContain('<ul id="outbox"><li>Nothing sent yet.</li></ul>');
  });

  it('escapes what a message carries', () => {
    // Prepare
    const hostile = '<script>alert("x")</script>';

    // Act
    const html = phonePage([message({ body: hostile, subject: hostile, to: hostile, recipientId: hostile })]);

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
