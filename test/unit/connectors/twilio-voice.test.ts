/**
 * The Twilio Voice connector's answers when the business settings are missing or wrong: a call cannot
 * ring anyone, so it is a missed call at once, and the caller still hears TwiML.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectorPorts } from '../../../shared/connectors/connector';
import { twilioVoice } from '../../../shared/connectors/twilio-voice';
import { HOOKS_BASE_URL, hookRequest } from '../../support/hooks';
import { twilioIncomingCall } from '../../support/source-fixtures';
import { elementsOf, parseXml } from '../../support/xml';

const ports = (settings: Record<string, unknown> | undefined): ConnectorPorts => ({
  fetchJson: async () => ({}),
  hooksBaseUrl: HOOKS_BASE_URL,
  settings: settings === undefined ? {} : { 'twilio-voice': settings },
  now: new Date('2026-11-18T16:00:00Z'),
  timeZone: 'America/Chicago',
});

const incoming = hookRequest('twilio-voice', new URLSearchParams(twilioIncomingCall()).toString());

describe('twilio-voice without a usable dialNumber setting', () => {
  it.each([
    ['no settings', undefined],
    ['a dialNumber that is not E.164', { dialNumber: '512-555-0102' }],
  ])('takes an incoming call as missed at once with %s', async (_, settings) => {
    // Act
    const mapping = await twilioVoice.map(incoming, { authToken: 't' }, ports(settings));

    // Assess
    expect(mapping).toEqual({
      kind: 'lead',
      lead: {
        externalId: 'CA5f1a2b3c4d5e6f708192a3b4c5d6e7f8',
        fields: expect.objectContaining({
          phone: '+15125550199',
          notes:
            'Missed call on Wed Nov 18, 10:00 AM: no phone is set up to ring. Calling from AUSTIN, TX. Call the customer back.',
        }),
      },
    });
  });

  it('tells the caller we will call back, in TwiML, with the default message', () => {
    // Act
    const answer = twilioVoice.answer?.({ leadId: 'L1', existing: false }, incoming, ports(undefined));

    // Assess
    expect(answer?.contentType).toBe('text/xml');
    const verbs = elementsOf(parseXml(answer?.body ?? ''));
    expect(verbs.map((verb) => verb.name)).toEqual(['Say', 'Hangup']);
    expect(verbs[0]?.children).toEqual([
      'Sorry we missed your call. We have your number and will call you back shortly.',
    ]);
  });

  it("says the business's own message, escaped as XML", () => {
    // Act
    const answer = twilioVoice.unmappedAnswer?.(
      incoming,
      ports({ dialNumber: '+15125550102', callbackMessage: 'Thanks for calling Smith & Sons <Plumbing>!' }),
    );

    // Assess
    const [sayVerb] = elementsOf(parseXml(answer?.body ?? ''));
    expect(sayVerb?.children).toEqual(['Thanks for calling Smith & Sons <Plumbing>!']);
  });
});

describe('twilio-voice dial outcomes', () => {
  it.each(['completed', 'answered', 'constructor', 'toString', ''])(
    'stores nothing and hangs up for DialCallStatus %j',
    async (status) => {
      // Prepare
      const ended = new URLSearchParams({ ...twilioIncomingCall(), DialCallStatus: status }).toString();

      // Act
      const mapping = await twilioVoice.map(
        hookRequest('twilio-voice', ended),
        { authToken: 't' },
        ports({ dialNumber: '+15125550102' }),
      );

      // Assess
      expect(mapping.kind).toBe('none');
      const body = mapping.kind === 'none' ? (mapping.response?.body ?? '') : '';
      expect(elementsOf(parseXml(body)).map((verb) => verb.name)).toEqual(['Hangup']);
    },
  );
});
