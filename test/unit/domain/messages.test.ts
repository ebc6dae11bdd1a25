import { describe, expect, it } from 'vitest';
import { type HandoffNote, handoffNote } from '../../../shared/domain/handoff-note';
import type { Handoff, HandoffKind, Lead, PersonRef } from '../../../shared/domain/lead';
import {
  type HandoffMessageInput,
  handoffEmail,
  handoffSms,
  movedEmail,
  movedSms,
} from '../../../shared/domain/messages';
import { SMS_MAX_SEPTETS, smsEncoding, toGsm } from '../../../shared/domain/sms';
import { exampleConfig, handoff, storedLead } from './fixtures';

const config = exampleConfig();
const TIME_ZONE = config.business.timezone;
const LINK = 'https://links.example.com/h/abc123';
/** The longest link the SMS must carry whole: 120 characters. */
const LONG_LINK =
  `https://handoff-links.lonestar-plumbing-and-air.example.com/h/${'Zq9_x-'.repeat(20)}`.slice(0, 120);
const LONG_BUSINESS = 'Lone Star Plumbing, Heating, Air Conditioning & Restoration – Austin';
const marco: PersonRef = { id: 'marco', name: 'Marco Diaz', role: 'on_call' };

const noteOf = (lead: Partial<Lead> = {}, step: Partial<Handoff> = {}): HandoffNote =>
  handoffNote(
    storedLead({ fullName: 'Ana Díaz', urgency: 'emergency', market: 'south', zip: '78704', ...lead }),
    handoff(step),
    config,
  );

const smsInput = (note: HandoffNote, kind: HandoffKind = 'route', link = LINK): HandoffMessageInput => ({
  note,
  link,
  timeZone: TIME_ZONE,
  businessName: config.business.name,
  kind,
  step: 0,
});

/** A renotify SMS built to overflow every variable part: name, service, area, business name, link. */
const worstCase = (): HandoffMessageInput => {
  const roster = {
    ...config.roster,
    markets: config.roster.markets.map((market) => ({
      ...market,
      name: `${market.name}, Kyle, San Marcos, Dripping Springs and the Hill Country`,
    })),
  };
  const note = handoffNote(
    storedLead({
      fullName: 'Maximiliánó-Ægidius Ólafsdóttir-Přemyslovská de la Concepción',
      urgency: 'active_loss',
      serviceType: 'emergency_water_extraction_and_structural_drying_with_mould_remediation_“premium”',
      market: 'south',
      zip: '78704',
    }),
    handoff({ kind: 'renotify', step: 9 }),
    { ...config, roster },
  );
  return {
    note,
    link: LONG_LINK,
    timeZone: TIME_ZONE,
    businessName: LONG_BUSINESS,
    kind: 'renotify',
    step: 9,
  };
};

describe('smsEncoding', () => {
  it('fits 160 GSM-7 septets in one segment', () => {
    // Act
    const encoding = smsEncoding('a'.repeat(160));

    // Assess
    expect(encoding).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
  });

  it('splits 161 septets into two segments of at most 153', () => {
    // Act
    const encoding = smsEncoding('a'.repeat(161));

    // Assess
    expect(encoding).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('counts an extension character as two septets', () => {
    // Act
    const encoding = smsEncoding('Price: 5€ [approx]');

    // Assess
    expect(encoding).toEqual({ encoding: 'GSM-7', units: 21, segments: 1 });
  });

  it('keeps GSM accented letters such as é, ñ and ü in GSM-7', () => {
    // Act
    const encoding = smsEncoding('José Muñoz, Müller');

    // Assess
    expect(encoding.encoding).toBe('GSM-7');
  });

  it('never splits an escape pair across two segments', () => {
    // Prepare: 306 septets, but the € would straddle the first boundary, so it moves to the second part.
    const text = `${'a'.repeat(152)}€${'a'.repeat(152)}`;

    // Act
    const encoding = smsEncoding(text);

    // Assess
    expect(encoding).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
  });

  it('switches to UCS-2 for a single non-GSM character and fits 70 units in one segment', () => {
    // Act
    const encoding = smsEncoding(`Tomás ${'a'.repeat(64)}`);

    // Assess
    expect(encoding).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
  });

  it('splits 71 UCS-2 units into two segments of 67', () => {
    // Act
    const encoding = smsEncoding(`á${'a'.repeat(70)}`);

    // Assess
    expect(encoding).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
  });

  it('counts an emoji as two UCS-2 units', () => {
    // Act
    const encoding = smsEncoding('ok 👍');

    // Assess
    expect(encoding).toEqual({ encoding: 'UCS-2', units: 5, segments: 1 });
  });
});

describe('toGsm', () => {
  it('strips diacritics that GSM-7 lacks', () => {
    // Act
    const text = toGsm('Tomás Łukasz Ångström Çelik çay');

    // Assess
    expect(text).toBe('Tomas Lukasz Ångström Çelik cay');
  });

  it('straightens quotes, dashes and ellipses', () => {
    // Act
    const text = toGsm('“Leak” – it’s bad — really…');

    // Assess
    expect(text).toBe('"Leak" - it\'s bad - really...');
  });

  it('replaces anything else outside GSM-7 with a question mark', () => {
    // Act
    const text = toGsm('Pipe 🔧 水');

    // Assess
    expect(text).toBe('Pipe ? ?');
  });

  it('turns a decomposed accent into the plain letter', () => {
    // Act
    const text = toGsm('Toma\u0301s');

    // Assess
    expect(text).toBe('Tomas');
  });

  it('always yields GSM-7 text', () => {
    // Prepare
    const nasty = 'Zoë Ōtsuka‐Nguyễn «quote» `tick` ½ ™ © ∞ \t tab\u00a0nbsp 🚒 ﬁ';

    // Act
    const encoding = smsEncoding(toGsm(nasty));

    // Assess
    expect(encoding.encoding).toBe('GSM-7');
  });
});

describe('handoffSms', () => {
  it('says the urgency in capitals, the service, the area, the first name, the deadline and the link', () => {
    // Prepare
    const note = noteOf();

    // Act
    const sms = handoffSms(smsInput(note));

    // Assess
    expect(sms).toBe(
      `Lone Star Plumbing & Air: EMERGENCY plumbing repair, South Austin / Buda (78704), customer Ana. Accept by Tue 10:05 AM: ${LINK}`,
    );
  });

  it('names a standard lead without shouting', () => {
    // Prepare
    const note = noteOf({ urgency: 'standard' });

    // Act
    const sms = handoffSms(smsInput(note));

    // Assess
    expect(sms).toContain(': Standard lead, plumbing repair,');
  });

  it('says when the lead was escalated', () => {
    // Prepare
    const note = noteOf({}, { kind: 'escalation', step: 1, to: marco });

    // Act
    const sms = handoffSms(smsInput(note, 'escalation'));

    // Assess
    expect(sms).toMatch(/^Lone Star Plumbing & Air: Escalated to you: EMERGENCY/);
  });

  it('numbers re-notifications', () => {
    // Prepare: the urgent chain has three entries, so step 5 is the second reminder.
    const note = noteOf({}, { kind: 'renotify', step: 5 });

    // Act
    const sms = handoffSms({ ...smsInput(note, 'renotify'), step: 5 });

    // Assess
    expect(sms).toContain(': Reminder 2: EMERGENCY');
  });

  it('never carries the last name, phone, email or address', () => {
    // Prepare
    const note = noteOf();

    // Act
    const sms = handoffSms(smsInput(note));

    // Assess
    for (const secret of ['Díaz', 'Diaz', '5550199', 'avery@example.com', 'Elm St']) {
      expect(sms).not.toContain(secret);
    }
  });

  it('stays GSM-7 within two segments for the worst case, with the whole link at the end', () => {
    // Prepare
    const input = worstCase();

    // Act
    const sms = handoffSms(input);

    // Assess
    const encoding = smsEncoding(sms);
    expect(LONG_LINK).toHaveLength(120);
    expect(encoding.encoding).toBe('GSM-7');
    expect(encoding.units).toBeLessThanOrEqual(SMS_MAX_SEPTETS);
    expect(encoding.segments).toBeLessThanOrEqual(2);
    expect(sms.endsWith(`: ${LONG_LINK}`)).toBe(true);
  });

  it('keeps every element in the worst case, shortened', () => {
    // Prepare
    const input = worstCase();

    // Act
    const sms = handoffSms(input);

    // Assess
    expect(sms).toMatch(
      /^Lone Star Plumbing.*: Reminder 6: ACTIVE LOSS emergency water.*, South Austin.*, customer Maximiliano.*\. Accept by Tue 10:05 AM: https/,
    );
    expect(sms).not.toContain('Olafsdottir');
  });

  it('transliterates accented first names', () => {
    // Prepare
    const note = noteOf({ fullName: 'Tomás Ñúñez' });

    // Act
    const sms = handoffSms(smsInput(note));

    // Assess
    expect(sms).toContain('customer Tomas.');
    expect(smsEncoding(sms).encoding).toBe('GSM-7');
  });

  it('says so when the name was not captured', () => {
    // Prepare
    const note = noteOf({ fullName: undefined });

    // Act
    const sms = handoffSms(smsInput(note));

    // Assess
    expect(sms).toContain('customer name not captured.');
  });
});

describe('movedSms', () => {
  it('tells the previous recipient who has the lead now and why, in one segment', () => {
    // Prepare
    const note = noteOf();

    // Act
    const sms = movedSms({
      leadId: 'lead-1',
      note,
      to: marco,
      reason: 'not accepted within 5 min',
      businessName: config.business.name,
    });

    // Assess
    expect(sms).toBe(
      'Lone Star Plumbing & Air: EMERGENCY plumbing repair lead for Ana moved to Marco Diaz (on call): not accepted within 5 min. No action needed from you. Ref lead-1',
    );
    expect(smsEncoding(sms).segments).toBe(1);
  });

  it('carries no link and no customer details beyond the first name', () => {
    // Prepare
    const note = noteOf({ fullName: 'Ana Kowalczyk' });

    // Act
    const sms = movedSms({
      leadId: 'lead-1',
      note,
      to: marco,
      reason: 'transferred by ops',
      businessName: config.business.name,
    });

    // Assess
    for (const secret of ['http', 'Kowalczyk', '5550199', 'avery@example.com', 'Elm St']) {
      expect(sms).not.toContain(secret);
    }
  });

  it('stays GSM-7 within two segments for the worst case', () => {
    // Prepare
    const { note } = worstCase();

    // Act
    const sms = movedSms({
      leadId: '01HV6Z3Q8K2M4N5P7R9S1T3V5X',
      note,
      to: { id: 'x', name: 'Bartholomew Alexander Featherstonehaugh-Ñúñez', role: 'business_owner' },
      reason: `not accepted by Dana Whitfield (dispatch) within 5 min: ${'next on call person '.repeat(10)}`,
      businessName: LONG_BUSINESS,
    });

    // Assess
    const encoding = smsEncoding(sms);
    expect(encoding.encoding).toBe('GSM-7');
    expect(encoding.segments).toBeLessThanOrEqual(2);
    expect(sms).toContain('moved to Bartholomew');
  });
});

describe('handoffEmail', () => {
  it('has a subject with the urgency tag, the deadline, the service and the area', () => {
    // Prepare
    const note = noteOf();

    // Act
    const { subject } = handoffEmail(smsInput(note));

    // Assess
    expect(subject).toBe('[EMERGENCY] Accept by Tue 10:05 AM: plumbing repair, South Austin / Buda (78704)');
  });

  it('keeps the subject on one line whatever the lead data holds', () => {
    // Prepare
    const note = noteOf({ serviceType: 'drain\r\nBcc: attacker@example.com' });

    // Act
    const { subject } = handoffEmail(smsInput(note));

    // Assess
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('carries the whole note, contact details and unclear items included, and the link', () => {
    // Prepare
    const note = noteOf({ email: undefined, promisedNextStep: 'Tech on site within the hour' });

    // Act
    const { body } = handoffEmail(smsInput(note));

    // Assess
    for (const expected of [
      'Lead: Ana Díaz',
      'Reference: lead-1',
      'Urgency: Emergency',
      'Service type: Plumbing repair',
      'Area: South Austin / Buda (78704)',
      'What the customer asked: Kitchen sink leaking under the cabinet',
      'Promised next step: Tech on site within the hour',
      'Next action: Call the customer within 5 minutes and dispatch the nearest tech',
      'Next action due: Tue Mar 10, 10:15 AM',
      'Accept by: Tue Mar 10, 10:05 AM',
      'Handed to: Dana Whitfield (dispatch)',
      'Last contact: No contact logged yet',
      '  - No email on file',
      'Phone: +15125550199',
      'Service address: 12 Elm St, Round Rock, TX 78664',
      LINK,
    ]) {
      expect(body).toContain(expected);
    }
  });

  it('says that opening the link changes nothing and the buttons do', () => {
    // Prepare
    const note = noteOf();

    // Act
    const { body } = handoffEmail(smsInput(note));

    // Assess
    expect(body).toContain(
      'Opening the link changes nothing; only the Accept and Send back buttons on the page do.',
    );
  });

  it('says when the lead was escalated', () => {
    // Prepare
    const note = noteOf({}, { kind: 'escalation', step: 1, to: marco });

    // Act
    const { subject } = handoffEmail(smsInput(note, 'escalation'));

    // Assess
    expect(subject).toMatch(/^Escalated to you: \[EMERGENCY\] Accept by/);
  });
});

describe('movedEmail', () => {
  it('names who has the lead now and why, without customer contact details', () => {
    // Prepare
    const note = noteOf();

    // Act
    const email = movedEmail({
      leadId: 'lead-1',
      note,
      to: marco,
      reason: 'not accepted within 5 min',
      businessName: config.business.name,
    });

    // Assess
    expect(email.subject).toBe('Moved to Marco Diaz: EMERGENCY plumbing repair, South Austin / Buda (78704)');
    expect(email.body).toContain('this lead moved to Marco Diaz (on call)');
    expect(email.body).toContain('Why: not accepted within 5 min');
    for (const secret of ['Díaz', '5550199', 'avery@example.com', 'Elm St', 'http']) {
      expect(email.body).not.toContain(secret);
    }
  });
});
