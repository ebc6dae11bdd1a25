import { describe, expect, it } from 'vitest';
import type { Consent, LeadDetails } from '../../../shared/domain/lead-details';
import { changedFields, mergePatch } from '../../../shared/domain/lead-patch';

const consent: Consent = {
  sms: true,
  email: false,
  capturedAt: '2026-11-18T16:00:00.000Z',
  method: 'web_form checkbox',
};
const stored: LeadDetails = {
  fullName: 'Ana Diaz',
  phone: '+15125550199',
  source: 'web_form',
  fit: 'unknown',
  notes: 'Slow drain',
  consent,
};

describe('mergePatch', () => {
  it('leaves a field given as null as it is stored', () => {
    expect(mergePatch(stored, { fullName: null, notes: 'Two drains' })).toEqual({
      ...stored,
      notes: 'Two drains',
    });
  });

  it('keeps the stored consent when a PATCH says the same yes/no without a capture time', () => {
    expect(mergePatch(stored, { consent: { sms: true } }).consent).toEqual(consent);
    expect(mergePatch(stored, { consent: { sms: true, email: false, method: 'verbal' } }).consent).toEqual({
      ...consent,
      method: 'verbal',
    });
  });

  it('reads a different choice, or an explicit capture time, as new consent', () => {
    expect(mergePatch(stored, { consent: { sms: false, email: true } }).consent).toEqual({
      sms: false,
      email: true,
    });
    const at = { sms: true, email: false, capturedAt: '2026-11-19T10:00:00Z' };
    expect(mergePatch(stored, { consent: at }).consent).toEqual(at);
  });

  it('keeps a __proto__ key as a field (reported as unknown), never as the prototype', () => {
    const merged = mergePatch(stored, JSON.parse('{"__proto__": {"polluted": true}}'));
    expect(Object.keys(merged)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('changedFields', () => {
  it('names only the fields whose values differ, in the field table order', () => {
    const after: LeadDetails = {
      ...stored,
      notes: 'Two drains',
      fullName: 'Ana Díaz',
      email: 'ana@example.com',
    };
    expect(changedFields(stored, after)).toEqual(['fullName', 'email', 'notes']);
  });

  it('compares consent part by part', () => {
    expect(changedFields(stored, { ...stored, consent: { ...consent } })).toEqual([]);
    expect(
      changedFields(stored, {
        ...stored,
        consent: { ...consent, capturedAt: '2026-11-19T10:00:00.000Z' },
      }),
    ).toEqual(['consent']);
  });
});
