import { describe, expect, it } from 'vitest';
import type { FailedHandoff, RetryAction } from '../../../shared/domain/failures';
import type { Lead } from '../../../shared/domain/lead';
import { staleReason } from '../../../shared/domain/stale-failures';
import { handoff, storedLead } from './fixtures';

const failure = (retry: RetryAction, kind: FailedHandoff['kind'] = 'notification'): FailedHandoff => ({
  id: 'f-1',
  leadId: 'lead-1',
  seq: 'seq' in retry ? retry.seq : 0,
  kind,
  what: 'something',
  reason: 'opted_out',
  attempts: 1,
  firstSeenAt: '2026-11-18T16:00:00.000Z',
  lastSeenAt: '2026-11-18T16:00:00.000Z',
  status: 'open',
  retry,
});

const MARCO = { id: 'marco', name: 'Marco Silva', role: 'on_call' } as const;
const waiting = storedLead({ handoff: handoff({ seq: 3, to: MARCO }) });
const accepted: Lead = storedLead({
  status: 'accepted',
  owner: MARCO,
  handoff: handoff({ seq: 3, to: MARCO, state: 'accepted' }),
});
const unowned = failure({ type: 'restart_ladder', leadId: 'lead-1', seq: 3 }, 'unowned');
const notify = (purpose: 'handoff' | 'moved' | 'acknowledgement' | 'taken', seq = 3) =>
  failure({ type: 'notify', leadId: 'lead-1', seq, recipientId: 'jules', channel: 'sms', purpose });

describe('staleReason', () => {
  it('keeps an unowned lead live while its handoff waits, and resolves it once accepted', () => {
    // Act / Assess
    expect(staleReason(unowned, waiting)).toBeUndefined();
    expect(staleReason(unowned, accepted)).toBe('no longer needed: the lead was accepted');
  });

  it('resolves everything once the lead is closed', () => {
    // Act / Assess
    expect(staleReason(notify('taken'), { ...accepted, status: 'closed' })).toBe(
      'no longer needed: the lead was closed',
    );
  });

  it('resolves a handoff request of a step that moved on, but not of the step that still waits', () => {
    // Act / Assess
    expect(staleReason(notify('handoff', 2), waiting)).toBe('no longer needed: the handoff moved on');
    expect(staleReason(notify('handoff', 3), waiting)).toBeUndefined();
  });

  it('resolves a missed "moved" note once someone accepted, an acknowledgement once the customer was contacted', () => {
    // Prepare
    const contacted: Lead = {
      ...accepted,
      lastContact: {
        at: '2026-11-18T16:30:00.000Z',
        by: MARCO,
        channel: 'call',
        summary: 'Booked for 2 PM',
        waitingOn: 'us',
        loggedAt: '2026-11-18T16:31:00.000Z',
      },
    };

    // Act / Assess
    expect(staleReason(notify('moved', 2), waiting)).toBeUndefined();
    expect(staleReason(notify('moved', 2), accepted)).toBe('no longer needed: the lead was accepted');
    expect(staleReason(notify('acknowledgement', 1), accepted)).toBeUndefined();
    expect(staleReason(notify('acknowledgement', 1), contacted)).toBe(
      'no longer needed: the customer was contacted',
    );
    expect(staleReason(notify('taken'), accepted)).toBeUndefined();
  });

  it('resolves an idle next-action message once a contact or a new next action replaced its check', () => {
    // Prepare
    const idle = failure({
      type: 'notify',
      leadId: 'lead-1',
      seq: 3,
      recipientId: 'marco',
      channel: 'sms',
      purpose: 'idle_reminder',
      idleRound: 1,
    });
    const check = {
      round: 1,
      dueAt: '2026-11-18T18:00:00.000Z',
      remindAt: '2026-11-18T18:00:00.000Z',
      escalateAt: '2026-11-18T18:30:00.000Z',
      state: 'reminded' as const,
    };

    // Act / Assess
    expect(staleReason(idle, { ...accepted, idleCheck: check })).toBeUndefined();
    expect(staleReason(idle, { ...accepted, idleCheck: { ...check, round: 2, state: 'scheduled' } })).toBe(
      'no longer needed: a contact or a new next action was logged',
    );
  });
});
