import { describe, expect, it } from 'vitest';
import {
  FIELD_LABELS,
  FIELDS_FILLED_BY_REPEAT_CONTACT,
  IMMUTABLE_FIELDS,
  LEAD_FIELDS,
  leadDetailsOf,
  MAX_FIELD_LENGTHS,
  MISSING_TEXT,
  PATCHABLE_FIELDS,
  TEXT_FIELDS,
} from '../../../shared/domain/intake-fields';
import { COMPLETENESS_FIELDS } from '../../../shared/domain/lead';
import { storedLead } from './fixtures';

describe('the lead field table and the lists derived from it', () => {
  it('reads every field as text except the estimated value (a number) and consent (an object)', () => {
    // Act
    const notText = Object.keys(LEAD_FIELDS).filter((field) => !(TEXT_FIELDS as string[]).includes(field));

    // Assess
    expect(notText).toEqual(['consent', 'estimatedValue']);
    expect(TEXT_FIELDS).toEqual([
      'fullName',
      'phone',
      'email',
      'serviceAddress',
      'market',
      'zip',
      'serviceType',
      'urgency',
      'source',
      'campaign',
      'notes',
      'promisedNextStep',
      'fit',
      'referredBy',
      'missedBy',
      'externalId',
    ]);
  });

  it('limits every text field, the estimated value and each consent part, and nothing else', () => {
    // Assess
    expect(MAX_FIELD_LENGTHS).toEqual({
      fullName: 200,
      phone: 40,
      email: 254,
      serviceAddress: 500,
      market: 100,
      zip: 10,
      serviceType: 100,
      urgency: 40,
      source: 40,
      fit: 40,
      campaign: 200,
      notes: 4000,
      promisedNextStep: 500,
      referredBy: 500,
      missedBy: 100,
      externalId: 200,
      estimatedValue: 40,
      'consent.method': 200,
      'consent.capturedAt': 40,
      'consent.sms': 10,
      'consent.email': 10,
    });
  });

  it('lets PATCH change every field but the ones that identify the lead: its source and external id', () => {
    // Assess
    expect(IMMUTABLE_FIELDS).toEqual(['source', 'externalId']);
    expect([...PATCHABLE_FIELDS, ...IMMUTABLE_FIELDS].sort()).toEqual(Object.keys(LEAD_FIELDS).sort());
  });

  it('lets a repeat contact fill in what the lead lacks, but not the phone or how this contact came in', () => {
    // Assess
    expect(FIELDS_FILLED_BY_REPEAT_CONTACT).toEqual([
      'fullName',
      'email',
      'serviceAddress',
      'market',
      'zip',
      'serviceType',
      'urgency',
      'notes',
      'promisedNextStep',
      'consent',
      'estimatedValue',
      'referredBy',
    ]);
  });

  it('has a missing-field text for every handoff-contract field', () => {
    // Assess
    expect(Object.keys(MISSING_TEXT).sort()).toEqual([...COMPLETENESS_FIELDS].sort());
    expect(MISSING_TEXT.phone).toBe('No phone number');
    expect(MISSING_TEXT.serviceAddress).toBe('No service address or area');
  });

  it('labels every field for people', () => {
    // Assess
    expect(Object.keys(FIELD_LABELS)).toEqual(Object.keys(LEAD_FIELDS));
    expect(FIELD_LABELS.serviceAddress).toBe('Service address');
    expect(FIELD_LABELS.notes).toBe('What the customer asked');
  });

  it('reads the captured fields of a stored lead, leaving out its bookkeeping and absent fields', () => {
    // Prepare
    const lead = { ...storedLead(), campaign: undefined };

    // Act
    const details = leadDetailsOf(lead);

    // Assess
    expect(Object.keys(details).every((key) => key in LEAD_FIELDS)).toBe(true);
    expect(details).not.toHaveProperty('campaign');
    expect(details).not.toHaveProperty('timeline');
    expect(details).toMatchObject({ fullName: lead.fullName, phone: lead.phone, source: lead.source });
  });
});
