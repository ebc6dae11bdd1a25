/**
 * `HookService` with a small fake connector: a connector that must always answer in its own format
 * (Twilio's TwiML) gives its answer for a payload kept unmapped, and the connector's ports carry the
 * time of the request and the business time zone.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Connector, ConnectorPorts, Mapping } from '../../../shared/connectors/connector';
import { hookHarness, hookRequest } from '../../support/hooks';

const OWN_ANSWER = { statusCode: 200, contentType: 'text/xml', body: '<Response/>' };

/** A connector that maps whatever `mapping` says, and records the ports it was given. */
const fakeConnector = (mapping: Mapping, ownAnswer: boolean) => {
  const seen: ConnectorPorts[] = [];
  const connector: Connector = {
    name: 'fake',
    source: 'phone',
    credentials: z.unknown(),
    verify: () => undefined,
    map: async (_request, _credentials, ports) => {
      seen.push(ports);
      return mapping;
    },
    ...(ownAnswer ? { unmappedAnswer: () => OWN_ANSWER } : {}),
  };
  return { connector, seen };
};

const harnessWith = (connector: Connector) => hookHarness(new Map([['fake', connector]]), { fake: {} });

const unreadable: Mapping = { kind: 'unmapped', reason: 'changed upstream' };
const noContact: Mapping = { kind: 'lead', lead: { externalId: 'x-1', fields: { fullName: 'No Contact' } } };

describe('HookService: answers for a kept payload', () => {
  it.each([
    ['an unreadable payload', unreadable],
    ['a lead with no usable contact', noContact],
  ])("answers %s with the connector's own answer, and keeps it for a person", async (_, mapping) => {
    // Prepare
    const { connector } = fakeConnector(mapping, true);
    const { hooks, inbox, reported, store } = harnessWith(connector);

    // Act
    const outcome = await hooks.handle('fake', hookRequest('fake', 'payload'));

    // Assess
    expect(outcome).toEqual({ kind: 'answer', response: OWN_ANSWER });
    expect(inbox.kept.size).toBe(1);
    expect(reported).toHaveLength(1);
    expect(store.leads.size).toBe(0);
  });

  it('answers JSON with the kept id when the connector has no answer of its own', async () => {
    // Prepare
    const { connector } = fakeConnector(unreadable, false);
    const { hooks, inbox } = harnessWith(connector);

    // Act
    const outcome = await hooks.handle('fake', hookRequest('fake', 'payload'));

    // Assess
    const [id] = [...inbox.kept.keys()];
    expect(outcome).toEqual({
      kind: 'answer',
      response: {
        statusCode: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ok: true, kept: id }),
      },
    });
  });

  it('gives the connector the time of the request and the business time zone', async () => {
    // Prepare
    const { connector, seen } = fakeConnector({ kind: 'none' }, false);
    const { hooks, clock } = harnessWith(connector);

    // Act
    await hooks.handle('fake', hookRequest('fake', 'payload'));

    // Assess
    expect(seen).toEqual([expect.objectContaining({ now: clock.now(), timeZone: 'America/Chicago' })]);
  });
});
