import { describe, expect, it } from 'vitest';
import { handoffNote } from '../../../shared/domain/handoff-note';
import {
  type FollowUp,
  type Lead,
  type PersonRef,
  STAGE_LABELS,
  STAGES,
  type TimelineEvent,
} from '../../../shared/domain/lead';
import { CARD_FORM_FIELDS, followUpHint, type LeadCardState } from '../../../shared/domain/lead-card-state';
import { leadCardPage } from '../../../shared/web/lead-card-page';
import { CARD_STYLE } from '../../../shared/web/styles';
import { exampleConfig, handoff, storedLead } from '../domain/fixtures';

const config = exampleConfig();
const TZ = config.business.timezone;
const ACTION_URL = './tok_abc';
const sam: PersonRef = { id: 'sam', name: 'Sam Ortega', role: 'sales' };
const lee: PersonRef = { id: 'lee', name: 'Lee Bishop', role: 'operations' };

const followUp = (overrides: Partial<FollowUp>): FollowUp => ({
  sequence: 2,
  n: 1,
  kind: 'estimate',
  opensAt: '2026-03-10T20:00:00.000Z',
  remindAt: '2026-03-10T21:00:00.000Z',
  dueAt: '2026-03-10T22:00:00.000Z',
  state: 'scheduled',
  ...overrides,
});

/** A timeline entry as the page shows it (type, time, summary, who); its facts do not matter here. */
const event = (at: string, type: TimelineEvent['type'], summary: string, name?: string): TimelineEvent =>
  ({
    at,
    type,
    actor: name === undefined ? { kind: 'system' } : { kind: 'person', id: 'sam', name },
    summary,
  }) as TimelineEvent;

/** An accepted estimate lead owned by Sam, with an estimate sent on Tuesday at 3 PM (America/Chicago). */
const cardLead = (overrides: Partial<Lead> = {}): Lead =>
  storedLead({
    urgency: 'estimate',
    status: 'accepted',
    stage: 'estimate_sent',
    owner: sam,
    handoff: handoff({
      to: sam,
      state: 'accepted',
      resolvedAt: '2026-03-10T15:04:00.000Z',
      ladder: 'estimate',
      nextAction: 'Call to book the estimate visit',
      dueAt: '2026-03-10T16:00:00.000Z',
    }),
    nextAction: 'Send two appointment options for the install',
    nextActionDueAt: '2026-03-11T14:00:00.000Z',
    followUpSequence: 2,
    followUps: [
      followUp({ sequence: 1, n: 1, state: 'cancelled', dueAt: '2026-03-09T22:00:00.000Z' }),
      followUp({ n: 1, state: 'logged', loggedAt: '2026-03-10T21:30:00.000Z' }),
      followUp({ n: 2, state: 'missed', dueAt: '2026-03-12T19:00:00.000Z', escalatedTo: lee }),
      followUp({ n: 3, state: 'scheduled', dueAt: '2026-03-16T19:00:00.000Z' }),
    ],
    lastContact: {
      at: '2026-03-10T21:30:00.000Z',
      by: sam,
      channel: 'sms',
      summary: 'Sent estimate range and asked for preferred appointment window.',
      waitingOn: 'customer',
      loggedAt: '2026-03-10T21:31:00.000Z',
    },
    timeline: [
      {
        ...event('2026-03-10T15:00:00.000Z', 'lead_received', 'Lead received from the web form'),
        actor: { kind: 'source' },
      },
      event('2026-03-10T15:04:00.000Z', 'accepted', 'Accepted the handoff', 'Sam Ortega'),
      event('2026-03-10T20:00:00.000Z', 'status_changed', 'Status set to Estimate Sent', 'Sam Ortega'),
      event('2026-03-10T21:30:00.000Z', 'contact_logged', 'Texted the estimate range', 'Sam Ortega'),
    ],
    ...overrides,
  });

const cardState = (overrides: Partial<LeadCardState> = {}, lead = cardLead()): LeadCardState => ({
  note: handoffNote(lead, lead.handoff ?? handoff(), config),
  lead,
  actionUrl: ACTION_URL,
  timeZone: TZ,
  people: config.roster.people.map(({ id, name }) => ({ id, name })),
  viewerId: 'sam',
  submission: 'sub-123',
  followUpDefault: '2026-03-10T22:00:00.000Z',
  followUpHint: followUpHint(config.business),
  readOnly: false,
  ...overrides,
});

/** The opening tag of the element with this id. */
const tagWithId = (html: string, id: string): string => {
  const match = new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with id ${id}`);
  return match[0];
};

/** The markup from the element with this id to the first closing tag `end` after it. */
const elementById = (html: string, id: string, end: string): string => {
  const start = html.indexOf(tagWithId(html, id));
  return html.slice(start, html.indexOf(end, start) + end.length);
};

const formById = (html: string, id: string): string => elementById(html, id, '</form>');

/** The distinct `name`s a form posts, in order of appearance. */
const namesIn = (form: string): string[] => [
  ...new Set(
    [...form.matchAll(/<(?:input|select|textarea)\b[^>]*\sname="([a-z_]+)"/g)].map((m) => m[1] ?? ''),
  ),
];

describe('leadCardPage: the page', () => {
  it('is a complete document with one h1 and data-state "card"', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(html).toContain('<h1>Lead card</h1>');
    expect(html).toContain('<main id="main" data-state="card">');
  });

  it('loads nothing external and runs no script, in the page or in its extra style', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    for (const text of [html, CARD_STYLE]) {
      expect(text).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=|src=|url\(|@import|javascript:/i);
      expect(text).not.toMatch(/(href|action)="https?:/);
    }
  });

  it('says the status and the owner in the status region', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    expect(html).toContain(
      '<div class="status" role="status" id="status">Status: <strong>Estimate Sent</strong>. Owner: Sam Ortega (sales), you.</div>',
    );
  });

  it('shows the parts in reading order: status, notice, summary, next action, follow-ups, last contact, forms, note, timeline', () => {
    // Act
    const html = leadCardPage(cardState({ notice: 'Contact logged.' }));

    // Assess
    const order = [
      'id="status"',
      'id="notice"',
      'id="summary"',
      'id="next-action"',
      'id="follow-ups"',
      'id="last-contact"',
      'id="contact-form"',
      'id="status-form"',
      'id="next-action-form"',
      'id="note"',
      'id="timeline"',
      `Times are in ${TZ} time.`,
    ].map((marker) => html.indexOf(marker));
    expect(order.every((position) => position > -1)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("shows the lead's current next action and its local due time, also in the note", () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    expect(html).toContain(
      '<p id="next-action"><strong>Send two appointment options for the install</strong><br/>Due Wed Mar 11, 9:00 AM</p>',
    );
    expect(html).toContain('<dd data-fact="next_action">Send two appointment options for the install</dd>');
    expect(html).not.toContain('Call to book the estimate visit');
  });

  it('shows the last contact and the next pending follow-up of the card in the note too', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    expect(html).toContain(
      '<dd data-fact="last_contact">Tue Mar 10, 4:30 PM – Sam Ortega: Sent estimate range and asked for preferred appointment window. (Text; we are waiting on the customer)</dd>',
    );
    expect(html).toContain('<dd data-fact="follow_up">Thu Mar 12, 2:00 PM</dd>');
  });

  it('says when the handoff was accepted, not its acceptance deadline', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    expect(html).toContain('<dd data-fact="accepted">Tue Mar 10, 10:04 AM</dd>');
    expect(html).not.toContain('data-fact="accept_by"');
  });

  it('shows a notice after a successful post', () => {
    // Act
    const html = leadCardPage(cardState({ notice: 'Contact logged. Follow-up 1 of 3 logged.' }));

    // Assess
    expect(html).toContain(
      '<div class="status notice" role="status" id="notice">Contact logged. Follow-up 1 of 3 logged.</div>',
    );
    expect(html).not.toContain('role="alert"');
  });
});

describe('leadCardPage: follow-ups, last contact, timeline', () => {
  it('lists the follow-ups of the latest sequence with their states in words', () => {
    // Act
    const list = elementById(leadCardPage(cardState()), 'follow-ups', '</ol>');

    // Assess
    expect(list.match(/<li/g)).toHaveLength(3);
    expect(list).toContain(
      '<li data-state="logged"><strong>Follow-up 1 of 3</strong> (estimate), due Tue Mar 10, 5:00 PM: logged at Tue Mar 10, 4:30 PM</li>',
    );
    expect(list).toContain(
      '<li data-state="missed"><strong>Follow-up 2 of 3</strong> (estimate), due Thu Mar 12, 2:00 PM: missed (escalated to Lee Bishop (operations))</li>',
    );
    expect(list).toContain(
      '<li data-state="scheduled"><strong>Follow-up 3 of 3</strong> (estimate), due Mon Mar 16, 2:00 PM: scheduled</li>',
    );
    expect(list).not.toContain('cancelled');
  });

  it.each([
    ['reminded', 'reminded, not logged yet'],
    ['cancelled', 'cancelled'],
  ] as const)('says a %s follow-up is %s', (state, words) => {
    // Prepare
    const lead = cardLead({
      stage: 'no_decision',
      followUps: [followUp({ kind: 'no_decision', state, dueAt: '2026-03-12T14:00:00.000Z' })],
    });

    // Act
    const list = elementById(leadCardPage(cardState({}, lead)), 'follow-ups', '</ol>');

    // Assess
    expect(list).toContain(
      `<li data-state="${state}"><strong>Follow-up 1 of 1</strong> (No Decision), due Thu Mar 12, 9:00 AM: ${words}</li>`,
    );
  });

  it('says when no follow-up is scheduled', () => {
    // Act
    const html = leadCardPage(cardState({}, cardLead({ followUps: undefined })));

    // Assess
    expect(html).toContain('<p id="follow-ups">No follow-ups scheduled.</p>');
  });

  it('shows the last contact: when, who, how, what, and who is waiting on whom', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    for (const expected of [
      '<dd data-fact="contact_at">Tue Mar 10, 4:30 PM</dd>',
      '<dd data-fact="contact_by">Sam Ortega (sales)</dd>',
      '<dd data-fact="contact_channel">Text</dd>',
      '<dd data-fact="contact_summary">Sent estimate range and asked for preferred appointment window.</dd>',
      '<dd data-fact="waiting_on">We are waiting on the customer</dd>',
    ]) {
      expect(html).toContain(expected);
    }
  });

  it("falls back to the note's last contact when none was logged on the card", () => {
    // Act
    const html = leadCardPage(cardState({}, cardLead({ lastContact: undefined, timeline: [] })));

    // Assess
    expect(html).toContain('<p id="last-contact">No contact logged yet</p>');
  });

  it('lists the timeline newest first with local time, summary and who', () => {
    // Act
    const list = elementById(leadCardPage(cardState()), 'timeline', '</ol>');

    // Assess
    expect(list.startsWith('<ol id="timeline" reversed>')).toBe(true);
    const summaries = [...list.matchAll(/<\/time>: ([^<]+) <span/g)].map((m) => m[1]);
    expect(summaries).toEqual([
      'Texted the estimate range',
      'Status set to Estimate Sent',
      'Accepted the handoff',
      'Lead received from the web form',
    ]);
    expect(list).toContain(
      '<li data-event="contact_logged"><time datetime="2026-03-10T21:30:00.000Z">Tue Mar 10, 4:30 PM</time>: Texted the estimate range <span class="hint">(Sam Ortega)</span></li>',
    );
    expect(list).toContain('<span class="hint">(the customer)</span>');
  });
});

describe('leadCardPage: forms', () => {
  it.each([
    ['contact-form', 'log_contact'],
    ['status-form', 'set_status'],
    ['next-action-form', 'set_next_action'],
  ] as const)('%s posts action=%s, the submission id and exactly its fields to the link', (id, action) => {
    // Act
    const form = formById(leadCardPage(cardState()), id);

    // Assess
    expect(form).toMatch(
      new RegExp(
        `^<form id="${id}" method="post" action="\\./tok_abc" enctype="application/x-www-form-urlencoded">`,
      ),
    );
    expect(form).toContain(`<input type="hidden" name="action" value="${action}"/>`);
    expect(form).toContain('<input type="hidden" name="submission" value="sub-123"/>');
    expect(namesIn(form)).toEqual(['action', 'submission', ...CARD_FORM_FIELDS[action]]);
    expect(form).toMatch(/<button type="submit"[^>]*>[^<]+<\/button>\s*<\/form>$/);
  });

  it('keeps the form contract the server parses', () => {
    // Assess
    expect(CARD_FORM_FIELDS).toEqual({
      log_contact: ['contact_at', 'contact_by', 'contact_channel', 'contact_summary', 'waiting_on'],
      set_status: ['stage', 'follow_up_at'],
      set_next_action: ['next_action', 'next_action_due'],
    });
  });

  it('offers the seven locked status names with the current one selected', () => {
    // Act
    const select = elementById(leadCardPage(cardState()), 'stage', '</select>');

    // Assess
    const options = [...select.matchAll(/<option value="([a-z_]+)"( selected)?>([^<]+)<\/option>/g)];
    expect(options.map((m) => m[1])).toEqual([...STAGES]);
    expect(options.map((m) => m[3])).toEqual([
      'New Lead – Needs Qualification',
      'Qualified – Ready to Schedule',
      'Estimate Sent',
      'Work Approved',
      'No Decision',
      'Closed Won',
      'Closed Lost',
    ]);
    expect(options.filter((m) => m[2]).map((m) => m[3])).toEqual([STAGE_LABELS.estimate_sent]);
  });

  it('prefills the follow-up date in local time and says when it is required', () => {
    // Act
    const form = formById(leadCardPage(cardState()), 'status-form');

    // Assess
    expect(form).toContain(
      '<input type="datetime-local" id="follow-up-at" name="follow_up_at" value="2026-03-10T17:00" aria-describedby="follow-up-at-hint"/>',
    );
    expect(form).toContain('Required for Estimate Sent and No Decision.');
    expect(form).toContain(
      'the same day if sent before 3 PM, else the next business morning; then 48 hours after the estimate; then on day 5.',
    );
  });

  it('leaves the contact time empty for now and picks the viewer as who contacted them', () => {
    // Act
    const form = formById(leadCardPage(cardState()), 'contact-form');

    // Assess
    // (an empty value renders as a bare `value`, which HTML reads as `value=""`)
    expect(form).toMatch(/<input type="datetime-local" id="contact-at" name="contact_at" value(="")?[\s/>]/);
    expect(form).toContain('Leave empty for now.');
    expect(form).toContain('<option value="sam" selected>Sam Ortega</option>');
    expect(form.match(/ selected/g)).toHaveLength(1);
    expect(form).toMatch(
      /<textarea id="contact-summary" name="contact_summary" rows="4" maxlength="500" required/,
    );
  });

  it('offers the contact channels and who waits on whom as required radios', () => {
    // Act
    const form = formById(leadCardPage(cardState()), 'contact-form');

    // Assess
    const radios = (name: string) =>
      [
        ...form.matchAll(
          new RegExp(`name="${name}" value="([a-z]+)" required\\/?>\\s*<span>([^<]+)</span>`, 'g'),
        ),
      ].map((m) => `${m[1]}=${m[2]}`);
    expect(radios('contact_channel')).toEqual([
      'call=Call',
      'sms=Text',
      'email=Email',
      'visit=Visit',
      'other=Other',
    ]);
    expect(radios('waiting_on')).toEqual([
      'us=The customer is waiting on us',
      'customer=We are waiting on the customer',
    ]);
    expect(form.match(/<fieldset>\s*<legend>[^<]+<\/legend>/g)).toHaveLength(2);
  });

  it('prefills the next action and its due time in local time, both required', () => {
    // Act
    const form = formById(leadCardPage(cardState()), 'next-action-form');

    // Assess
    expect(form).toMatch(
      /<input type="text" id="next-action-text" name="next_action" value="Send two appointment options for the install" maxlength="300" required/,
    );
    expect(form).toMatch(
      /<input type="datetime-local" id="next-action-due" name="next_action_due" value="2026-03-11T09:00" required/,
    );
    expect(form).toContain('not &quot;follow up&quot;, &quot;check later&quot; or &quot;see thread&quot;');
  });

  it('labels every visible control', () => {
    // Act
    const html = leadCardPage(cardState());

    // Assess
    const controls = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)]
      .map((match) => match[0])
      .filter((control) => !control.includes('type="hidden"'));
    expect(controls.length).toBe(1 + 1 + 5 + 1 + 2 + 1 + 1 + 1 + 1);
    for (const control of controls) {
      const id = /\sid="([^"]+)"/.exec(control)?.[1];
      expect(id, control).toBeDefined();
      expect(html).toMatch(new RegExp(`<label[^>]*\\sfor="${id}"`));
    }
  });
});

describe('leadCardPage: a refused post', () => {
  const refused = (): LeadCardState =>
    cardState({
      error: {
        form: 'set_next_action',
        problems: { next_action: 'Next action "follow up" is too vague.' },
        values: { next_action: 'follow up', next_action_due: '2026-03-12T08:30' },
      },
    });

  it('re-renders that form with the posted values kept', () => {
    // Act
    const form = formById(leadCardPage(refused()), 'next-action-form');

    // Assess
    expect(form).toContain('name="next_action" value="follow up"');
    expect(form).toContain('name="next_action_due" value="2026-03-12T08:30"');
  });

  it('marks the field invalid and describes it with the problem next to it', () => {
    // Act
    const form = formById(leadCardPage(refused()), 'next-action-form');

    // Assess
    expect(form).toContain(
      '<p class="problem" id="next-action-text-problem">Next action &quot;follow up&quot; is too vague.</p><input type="text" id="next-action-text"',
    );
    expect(tagWithId(form, 'next-action-text')).toContain(
      'aria-describedby="next-action-text-hint next-action-text-problem" aria-invalid="true"',
    );
    expect(tagWithId(form, 'next-action-due')).not.toContain('aria-invalid');
  });

  it('says nothing was saved in an alert near the top, linking to the field', () => {
    // Act
    const html = leadCardPage(refused());

    // Assess
    expect(html).toContain(
      '<div class="alert" role="alert" id="error">Nothing was saved. Check the Set the next action form:<ul><li><a href="#next-action-text">Next action &quot;follow up&quot; is too vague.</a></li></ul></div>',
    );
    expect(html.indexOf('id="error"')).toBeLessThan(html.indexOf('id="summary"'));
  });

  it('leaves the other forms with their defaults', () => {
    // Act
    const html = leadCardPage(refused());

    // Assess
    expect(formById(html, 'status-form')).not.toContain('aria-invalid');
    expect(formById(html, 'contact-form')).toContain('<option value="sam" selected>');
  });

  it('marks a radio group through its fieldset and keeps the other posted values', () => {
    // Prepare
    const state = cardState({
      error: {
        form: 'log_contact',
        problems: { waiting_on: 'Say who is waiting on whom.' },
        values: { contact_by: 'dana', contact_channel: 'visit', contact_summary: 'Measured the attic' },
      },
    });

    // Act
    const form = formById(leadCardPage(state), 'contact-form');

    // Assess
    expect(form).toContain(
      '<fieldset aria-describedby="waiting-on-problem"><legend>Who is waiting on whom?</legend><p class="problem" id="waiting-on-problem">Say who is waiting on whom.</p>',
    );
    expect(tagWithId(form, 'waiting-on-us')).toContain('aria-invalid="true"');
    expect(tagWithId(form, 'contact-channel-visit')).toContain(' checked');
    expect(form).toContain('<option value="dana" selected>Dana Whitfield</option>');
    expect(form).toContain('>Measured the attic</textarea>');
  });
});

describe('leadCardPage: read only', () => {
  it('has no form on a closed lead and says there is nothing more to do', () => {
    // Prepare
    const lead = cardLead({ status: 'closed', stage: 'closed_won', followUps: [] });

    // Act
    const html = leadCardPage(cardState({ readOnly: true }, lead));

    // Assess
    expect(html).not.toMatch(/<form|<input|<select|<textarea/);
    expect(html).toContain(
      '<div class="status" role="status" id="status"><strong>Closed Won</strong> – nothing more to do. Owner: Sam Ortega (sales), you.</div>',
    );
    expect(html).toContain('id="timeline"');
  });

  it('is a read-only review page for the operations lead', () => {
    // Act
    const html = leadCardPage(cardState({ readOnly: true, reviewer: 'Lee Bishop', viewerId: 'lee' }));

    // Assess
    expect(html).toContain('<main id="main" data-state="review">');
    expect(html).toContain(
      '<div class="status" role="status" id="status">Review link for Lee Bishop: read only. Status: <strong>Estimate Sent</strong>. Owner: Sam Ortega (sales).</div>',
    );
    expect(html).not.toContain('<form');
  });
});

describe('leadCardPage: escaping', () => {
  const hostile = `<script>alert("x")</script>'`;
  // The renderer escapes `<`, `&` and `"` (enough in text and in double-quoted attributes); `>` and `'` stay.
  const escaped = "&lt;script>alert(&quot;x&quot;)&lt;/script>'";

  it('escapes every value that comes from people: notes, contacts, timeline, next action, names', () => {
    // Prepare
    const evil: PersonRef = { id: 'evil', name: hostile, role: 'tech' };
    const lead = cardLead({
      fullName: hostile,
      notes: hostile,
      nextAction: hostile,
      owner: evil,
      lastContact: {
        at: '2026-03-10T21:30:00.000Z',
        by: evil,
        channel: 'call',
        summary: hostile,
        waitingOn: 'us',
        loggedAt: '2026-03-10T21:30:00.000Z',
      },
      followUps: [followUp({ state: 'missed', escalatedTo: evil })],
      timeline: [event('2026-03-10T21:30:00.000Z', 'contact_logged', hostile, hostile)],
    });
    const state = cardState(
      {
        people: [{ id: `x"><b>`, name: hostile }],
        viewerId: `x"><b>`,
        notice: hostile,
        reviewer: undefined,
      },
      lead,
    );

    // Act
    const html = leadCardPage(state);

    // Assess
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<b>');
    expect(html.split(escaped).length - 1).toBeGreaterThanOrEqual(10);
    expect(html).toContain('<option value="x&quot;>&lt;b>" selected>');
  });

  it('escapes posted values, problems, the action URL and the submission id', () => {
    // Prepare
    const state = cardState({
      actionUrl: './a"b<c',
      submission: `"><script>`,
      reviewer: undefined,
      error: {
        form: 'log_contact',
        problems: { contact_summary: hostile, stale: hostile },
        values: { contact_summary: `</textarea>${hostile}`, contact_at: `"><script>` },
      },
    });

    // Act
    const html = leadCardPage(state);

    // Assess
    expect(html).not.toContain('<script');
    // (the page's own `</textarea>` is now followed directly by the next tag, so look for the posted one)
    expect(html).not.toContain('</textarea><script');
    expect(html).toContain(`>&lt;/textarea>${escaped}</textarea>`);
    expect(html).toContain('action="./a&quot;b&lt;c"');
    expect(html).toContain('name="submission" value="&quot;>&lt;script>"');
    expect(html).toContain(`<li>${escaped}</li>`);
  });
});
