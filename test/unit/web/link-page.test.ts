import { describe, expect, it } from 'vitest';
import { type HandoffNote, handoffNote } from '../../../shared/domain/handoff-note';
import { type Lead, REJECT_REASONS } from '../../../shared/domain/lead';
import { CONFIRMATIONS, type LinkPageState } from '../../../shared/domain/link-page-state';
import { REJECT_REASON_LABELS } from '../../../shared/domain/wording';
import { linkPage } from '../../../shared/web/link-page';
import { problemPage } from '../../../shared/web/problem-page';
import { exampleConfig, handoff, storedLead } from '../domain/fixtures';

const config = exampleConfig();
const ACTION_URL = './tok_abc';

const noteOf = (lead: Partial<Lead> = {}): HandoffNote =>
  handoffNote(
    storedLead({ fullName: 'Ana Díaz', urgency: 'emergency', market: 'south', zip: '78704', ...lead }),
    handoff({
      to: { id: 'dana-internal-7f3a', name: 'Dana Whitfield', role: 'dispatch' },
      reason: 'rule urgent-dispatch-in-hours: Dana Whitfield (dispatch), 3/40 open',
    }),
    config,
  );

const open = (note = noteOf(), error?: string): LinkPageState => ({
  kind: 'open',
  note,
  actionUrl: ACTION_URL,
  ...(error === undefined ? {} : { error }),
});

const ALL_STATES = (note = noteOf()): LinkPageState[] => [
  open(note, 'Tick all four confirmations to accept.'),
  {
    kind: 'accepted',
    note,
    acceptedAt: '2026-03-10T15:07:00.000Z',
    byYou: true,
    timeZone: config.business.timezone,
  },
  {
    kind: 'accepted',
    note,
    acceptedAt: '2026-03-10T15:07:00.000Z',
    byYou: false,
    timeZone: config.business.timezone,
  },
  { kind: 'rejected', note, reasonLabel: 'Missing address' },
  {
    kind: 'moved',
    leadName: note.leadName,
    message: 'This handoff has moved on. It is owned by Marco Diaz.',
  },
  { kind: 'expired' },
  { kind: 'not_found' },
];

/** The opening tag of the element with this id. */
const tagWithId = (html: string, id: string): string => {
  const match = new RegExp(`<[a-z]+[^>]*\\sid="${id}"[^>]*>`).exec(html);
  if (!match) throw new Error(`no element with id ${id}`);
  return match[0];
};

/** The markup of a form, from its opening tag to its end. */
const formById = (html: string, id: string): string => {
  const start = html.indexOf(tagWithId(html, id));
  return html.slice(start, html.indexOf('</form>', start) + '</form>'.length);
};

describe('problemPage', () => {
  it('is a complete document with its title as the h1 and its message as the status', () => {
    // Act
    const html = problemPage('Too large', 'The form is too large.');

    // Assess
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<main id="main" data-state="problem">');
    expect(html).toContain('<title>Too large</title>');
    expect(html).toContain('<h1>Too large</h1>');
    expect(html).toContain('<div class="status" role="status" id="status">The form is too large.</div>');
    expect(html).not.toMatch(/<script|<form|<link|<img|src=/i);
  });

  it('escapes its title and message, in the title, the heading and the text', () => {
    // Act
    const html = problemPage(`<a href="x" title='y'>&</a>`, '<script>alert("x")</script>');

    // Assess
    expect(html).not.toContain('<a href="x"');
    expect(html).not.toContain('<script');
    expect(html).toContain(`<h1>&lt;a href=&quot;x&quot; title='y'>&amp;&lt;/a></h1>`);
    expect(html).toContain(`<title>&lt;a href=&quot;x&quot; title='y'>&amp;&lt;/a></title>`);
    expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
  });
});

describe('linkPage: every page', () => {
  it.each(ALL_STATES().map((state) => [state.kind, state] as const))(
    'is a complete document with lang, viewport, one h1 and its state on <main> (%s)',
    (kind, state) => {
      // Act
      const html = linkPage(state);

      // Assess
      expect(html.startsWith('<!doctype html>')).toBe(true);
      expect(html).toContain('<html lang="en">');
      expect(html).toMatch(/<meta name="viewport" content="width=device-width, initial-scale=1"\/?>/);
      expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
      expect(html).toContain(`<main id="main" data-state="${kind}">`);
    },
  );

  it.each(ALL_STATES().map((state) => [state.kind, state] as const))(
    'loads nothing external and runs no script (%s)',
    (_kind, state) => {
      // Act
      const html = linkPage(state);

      // Assess
      expect(html).not.toMatch(/<script|<link|<img|<iframe|\son[a-z]+=|src=|url\(|@import|javascript:/i);
      expect(html).not.toMatch(/(href|action)="https?:/);
    },
  );

  it.each(ALL_STATES().map((state) => [state.kind, state] as const))(
    'has a status region (%s)',
    (_kind, state) => {
      // Act
      const html = linkPage(state);

      // Assess
      expect(html).toMatch(/<div class="status" role="status" id="status">[^<]*\S/);
    },
  );

  it('escapes a hostile customer name on every page that shows it', () => {
    // Prepare
    const hostile = '<script>alert("x")</script>';
    const states = ALL_STATES(noteOf({ fullName: hostile }));

    // Act
    const pages = states.map(linkPage);

    // Assess
    for (const html of pages) expect(html).not.toContain('<script');
    const showing = pages.filter((html) => html.includes('&lt;script>alert(&quot;x&quot;)&lt;/script>'));
    expect(showing).toHaveLength(5);
  });

  it('escapes every field of the note', () => {
    // Prepare
    const evil = '"><b>x</b>';
    const note = noteOf({
      notes: evil,
      promisedNextStep: evil,
      serviceAddress: evil,
      email: `a${evil}@example.com`,
      campaign: evil,
      referredBy: evil,
      returned: {
        by: { id: 'x', name: evil, role: 'tech' },
        reason: 'other',
        text: evil,
        at: '2026-03-10T15:00:00Z',
      },
    });

    // Act
    const html = linkPage(open(note, evil));

    // Assess
    expect(html).not.toContain('<b>');
    expect(html).toContain('&quot;>&lt;b>x&lt;/b>');
  });

  it('escapes the action URL', () => {
    // Prepare
    const state: LinkPageState = { kind: 'open', note: noteOf(), actionUrl: './a"b<c' };

    // Act
    const html = linkPage(state);

    // Assess
    expect(html).toContain('action="./a&quot;b&lt;c"');
  });

  it.each(ALL_STATES().map((state) => [state.kind, state] as const))(
    'shows no internal id but the lead id and no error details (%s)',
    (_kind, state) => {
      // Act
      const html = linkPage(state);

      // Assess
      expect(html).not.toContain('dana-internal-7f3a');
      expect(html).not.toContain('urgent-dispatch-in-hours');
      expect(html).not.toMatch(/\bat .+:\d+:\d+|Error:|undefined|\[object Object\]/);
    },
  );

  it('reveals nothing about any lead when the token is unknown', () => {
    // Act
    const html = linkPage({ kind: 'not_found' });

    // Assess
    expect(html).not.toContain('lead-1');
    expect(html).not.toMatch(/<form|<dl/);
  });
});

describe('linkPage: open', () => {
  it('shows the handoff note with local times, owners, unclear items and contact links', () => {
    // Prepare
    const note = noteOf({ email: undefined, promisedNextStep: 'Tech on site within the hour' });

    // Act
    const html = linkPage(open(note));

    // Assess
    for (const expected of [
      '<dd data-fact="lead">Ana Díaz</dd>',
      '<dd data-fact="reference">lead-1</dd>',
      '<dd data-fact="urgency">Emergency</dd>',
      '<dd data-fact="service">Plumbing repair</dd>',
      '<dd data-fact="area">South Austin / Buda (78704)</dd>',
      '<dd data-fact="asked">Kitchen sink leaking under the cabinet</dd>',
      '<dd data-fact="promised">Tech on site within the hour</dd>',
      '<dd data-fact="next_action">Call the customer within 5 minutes and dispatch the nearest tech</dd>',
      '<dd data-fact="due">Tue Mar 10, 10:15 AM</dd>',
      '<dd data-fact="accept_by">Tue Mar 10, 10:05 AM</dd>',
      '<dd data-fact="recipient">Dana Whitfield (dispatch)</dd>',
      '<dd data-fact="last_contact">No contact logged yet</dd>',
      '<li>No email on file</li>',
      '<a class="tap" href="tel:+15125550199">+15125550199</a>',
      '<dd data-fact="address">12 Elm St, Round Rock, TX 78664</dd>',
    ]) {
      expect(html).toContain(expected);
    }
  });

  it('has an accept form posting the four required confirmations to the action URL', () => {
    // Act
    const form = formById(linkPage(open()), 'accept-form');

    // Assess
    expect(form).toMatch(
      /^<form id="accept-form" method="post" action="\.\/tok_abc" enctype="application\/x-www-form-urlencoded">/,
    );
    const boxes = [
      ...form.matchAll(/<input type="checkbox"[^>]*name="confirm" value="([a-z_]+)" required\/?>/g),
    ];
    expect(boxes.map((box) => box[1])).toEqual([...CONFIRMATIONS]);
    expect(form).toContain('<legend>');
    expect(form).toMatch(/<button type="submit"[^>]*name="action" value="accept">/);
  });

  it('has a reject form posting a required reason and a text to the action URL', () => {
    // Act
    const form = formById(linkPage(open()), 'reject-form');

    // Assess
    expect(form).toMatch(
      /^<form id="reject-form" method="post" action="\.\/tok_abc" enctype="application\/x-www-form-urlencoded">/,
    );
    const radios = [
      ...form.matchAll(/<input type="radio"[^>]*name="reason" value="([a-z_]+)" required\/?>/g),
    ];
    expect(radios.map((radio) => radio[1])).toEqual([...REJECT_REASONS]);
    for (const reason of REJECT_REASONS)
      expect(form).toContain(`<span>${REJECT_REASON_LABELS[reason]}</span>`);
    expect(form).toMatch(/<textarea id="reject-text" name="text"/);
    expect(form).toContain('Required when the reason is Other.');
    expect(form).toMatch(/<button type="submit"[^>]*name="action" value="reject">/);
  });

  it('labels every input and the textarea', () => {
    // Act
    const html = linkPage(open());

    // Assess
    const controls = [...html.matchAll(/<(?:input|textarea|select)\b[^>]*>/g)].map((match) => match[0]);
    expect(controls.length).toBe(CONFIRMATIONS.length + REJECT_REASONS.length + 1);
    for (const control of controls) {
      const id = /\sid="([^"]+)"/.exec(control)?.[1];
      expect(id, control).toBeDefined();
      expect(html).toMatch(new RegExp(`<label[^>]*\\sfor="${id}"`));
    }
  });

  it('groups the confirmations and the reasons in fieldsets with legends', () => {
    // Act
    const html = linkPage(open());

    // Assess
    expect(html.match(/<fieldset>\s*<legend>[^<]+<\/legend>/g)).toHaveLength(2);
  });

  it('shows the deadline next to the deadline confirmation', () => {
    // Act
    const html = linkPage(open());

    // Assess
    expect(html).toContain('<span>I know the deadline (next action due Tue Mar 10, 10:15 AM)</span>');
  });

  it('shows an error in an alert at the top', () => {
    // Act
    const html = linkPage(open(noteOf(), 'Tick all four confirmations to accept.'));

    // Assess
    const alert = html.indexOf(
      '<div class="alert" role="alert" id="error">Tick all four confirmations to accept.</div>',
    );
    expect(alert).toBeGreaterThan(-1);
    expect(alert).toBeLessThan(html.indexOf('id="accept-form"'));
  });

  it('shows no alert without an error', () => {
    // Act
    const html = linkPage(open());

    // Assess
    expect(html).not.toContain('role="alert"');
  });
});

describe('linkPage: outcomes', () => {
  it('says the lead was accepted by you, in local time, and shows your next action', () => {
    // Act
    const html = linkPage({
      kind: 'accepted',
      note: noteOf(),
      acceptedAt: '2026-03-10T15:07:00.000Z',
      byYou: true,
      timeZone: config.business.timezone,
    });

    // Assess
    expect(html).toContain('Accepted by you at Tue 10:07 AM.');
    expect(html).toContain('Call the customer within 5 minutes and dispatch the nearest tech');
    expect(html).not.toContain('<form');
  });

  it('says who accepted it and hides the customer details from anyone else', () => {
    // Prepare
    const note = noteOf({ owner: { id: 'marco', name: 'Marco Diaz', role: 'on_call' } });

    // Act
    const html = linkPage({
      kind: 'accepted',
      note,
      acceptedAt: '2026-03-10T15:07:00.000Z',
      byYou: false,
      timeZone: config.business.timezone,
    });

    // Assess
    expect(html).toContain('Accepted by Marco Diaz at Tue 10:07 AM.');
    expect(html).not.toMatch(/5550199|avery@example\.com|Elm St/);
  });

  it('says the lead went back to intake with the reason', () => {
    // Act
    const html = linkPage({ kind: 'rejected', note: noteOf(), reasonLabel: 'Missing address' });

    // Assess
    expect(html).toContain('You sent it back to intake: Missing address.');
    expect(html).not.toContain('<form');
  });

  it('says the lead moved and offers no form', () => {
    // Act
    const html = linkPage({ kind: 'moved', leadName: 'Ana Díaz', message: 'It is owned by Marco Diaz.' });

    // Assess
    expect(html).toContain('Ana Díaz: It is owned by Marco Diaz.');
    expect(html).not.toContain('<form');
  });

  it('says an expired link changed nothing', () => {
    // Act
    const html = linkPage({ kind: 'expired' });

    // Assess
    expect(html).toContain('<h1>This link has expired</h1>');
    expect(html).toContain('Nothing was changed.');
  });
});
