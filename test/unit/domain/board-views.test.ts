import { describe, expect, it } from 'vitest';
import type { Viewer } from '../../../shared/domain/board-access';
import { viewsFor } from '../../../shared/domain/board-access';
import { decodeCursor } from '../../../shared/domain/board-query';
import { statusWords } from '../../../shared/domain/board-row';
import { foldText, selectFailures, selectLeads } from '../../../shared/domain/board-views';
import { reasonWords } from '../../../shared/domain/failed-row';
import type { FailedHandoff } from '../../../shared/domain/failures';
import { lastContactOf } from '../../../shared/domain/last-contact';
import type { Lead } from '../../../shared/domain/lead';
import { timelineEvent } from '../../../shared/domain/timeline';
import { handoff, storedLead, TUESDAY_10AM } from './fixtures';

const TZ = 'America/Chicago';
const priya: Viewer = { id: 'priya', role: 'office_manager' };
const tomas: Viewer = { id: 'tomas', role: 'tech' };
const marco: Viewer = { id: 'marco', role: 'on_call' };
const tomasRef = { id: 'tomas', name: 'Tomás Vega', role: 'tech' as const };
const julesRef = { id: 'jules', name: 'Jules Okafor', role: 'on_call' as const };

/** Leads at TUESDAY_10AM: one waiting for Tomás, one owned by Jules, one unowned (re-notified), one needing info, one closed. */
const leads = (): Lead[] => [
  storedLead({
    id: '01AAAAAAAAAAAAAAAAAAAAAAAA',
    fullName: 'Ana Díaz',
    handoff: handoff({ to: tomasRef, acceptBy: '2026-03-10T15:15:00.000Z' }),
  }),
  storedLead({
    id: '01BBBBBBBBBBBBBBBBBBBBBBBB',
    fullName: 'Bo Kim',
    source: 'referral',
    status: 'accepted',
    stage: 'estimate_sent',
    owner: julesRef,
    handoff: handoff({ to: julesRef, state: 'accepted' }),
    nextActionDueAt: '2026-03-10T14:00:00.000Z',
  }),
  storedLead({
    id: '01CCCCCCCCCCCCCCCCCCCCCCCC',
    fullName: 'Cy Park',
    handoff: handoff({ kind: 'renotify', to: julesRef, acceptBy: '2026-03-10T15:20:00.000Z' }),
  }),
  storedLead({
    id: '01DDDDDDDDDDDDDDDDDDDDDDDD',
    fullName: 'Dee Lopez',
    status: 'needs_info',
    handoff: handoff({ kind: 'needs_info', to: { id: 'irene', name: 'Irene Castillo', role: 'intake' } }),
  }),
  storedLead({
    id: '01EEEEEEEEEEEEEEEEEEEEEEEE',
    fullName: 'Ana Stone',
    status: 'closed',
    stage: 'closed_won',
  }),
];

const select = (viewer: Viewer, view: Parameters<typeof selectLeads>[0]['view'], extra = {}) =>
  selectLeads({
    leads: leads(),
    viewer,
    views: viewsFor(viewer.role),
    view,
    filters: {},
    now: TUESDAY_10AM,
    pageSize: 25,
    ...extra,
  });

const ids = (selection: ReturnType<typeof selectLeads>) => selection.page.items.map((lead) => lead.fullName);

describe('board views (docs/product-rules.md §8)', () => {
  it('lists open leads earliest due first (overdue on top) and counts every view', () => {
    // Act
    const all = select(priya, 'all');

    // Assess
    expect(ids(all)).toEqual(['Bo Kim', 'Dee Lopez', 'Ana Díaz', 'Cy Park']);
    expect(all.counts).toEqual({ all: 4, mine: 0, unowned: 1, overdue: 1, needs_info: 1 });
  });

  it('gives a tech their own leads only, and an on-call person the unowned queue too', () => {
    // Act / Assess
    expect(ids(select(tomas, 'mine'))).toEqual(['Ana Díaz']);
    expect(select(tomas, 'mine').counts).toEqual({ mine: 1, overdue: 0 });
    expect(ids(select(marco, 'unowned'))).toEqual(['Cy Park']);
    expect(ids(select(marco, 'mine'))).toEqual([]);
  });

  it('searches names without regard to case or accents, open leads only; phones find closed leads too', () => {
    // Act
    const byName = select(priya, 'all', { filters: { search: { kind: 'name', text: 'ANA diaz' } } });
    const byPhone = select(priya, 'all', { filters: { search: { kind: 'phone', phone: '+15125550199' } } });

    // Assess
    expect(ids(byName)).toEqual(['Ana Díaz']);
    expect(ids(byPhone)).toEqual(['Bo Kim', 'Dee Lopez', 'Ana Díaz', 'Cy Park', 'Ana Stone']);
    expect(foldText('Zoë  Ñúñez')).toBe('zoe nunez');
  });

  it('filters by locked status name, by handoff state and by source', () => {
    // Act / Assess
    expect(ids(select(priya, 'all', { filters: { status: 'estimate_sent' } }))).toEqual(['Bo Kim']);
    expect(ids(select(priya, 'all', { filters: { status: 'needs_info' } }))).toEqual(['Dee Lopez']);
    expect(ids(select(priya, 'all', { filters: { source: 'referral' } }))).toEqual(['Bo Kim']);
  });

  it('pages at the cursor without repeating or skipping a row', () => {
    // Act
    const first = select(priya, 'all', { pageSize: 3 });
    const cursor = decodeCursor(first.page.next ?? '');
    const second = select(priya, 'all', { pageSize: 3, cursor });

    // Assess
    expect(ids(first)).toEqual(['Bo Kim', 'Dee Lopez', 'Ana Díaz']);
    expect(ids(second)).toEqual(['Cy Park']);
    expect(second.page.next).toBeUndefined();
  });

  it('lists open failed handoffs newest first, a page at a time', () => {
    // Prepare
    const failure = (id: string, lastSeenAt: string, status: 'open' | 'resolved' = 'open') =>
      ({ id: `01AAAAAAAAAAAAAAAAAAAAAAAA.1.${id}`, lastSeenAt, status }) as FailedHandoff;
    const failures = [
      failure('dispatch', '2026-03-10T14:00:00.000Z'),
      failure('timer', '2026-03-10T15:00:00.000Z'),
      failure('deadline', '2026-03-10T14:30:00.000Z', 'resolved'),
    ];

    // Act
    const first = selectFailures(failures, undefined, 1);
    const second = selectFailures(failures, decodeCursor(first.next ?? ''), 1);

    // Assess
    expect(first.items.map((f) => f.id)).toEqual(['01AAAAAAAAAAAAAAAAAAAAAAAA.1.timer']);
    expect(second.items.map((f) => f.id)).toEqual(['01AAAAAAAAAAAAAAAAAAAAAAAA.1.dispatch']);
    expect(second.next).toBeUndefined();
  });
});

describe('board rows in words', () => {
  it('says who owns a lead or whom it waits on, and until when', () => {
    // Prepare
    const [waiting, owned, unowned, needsInfo, closed] = leads();
    const transfer = storedLead({
      owner: julesRef,
      handoff: handoff({ kind: 'transfer', to: tomasRef, acceptBy: '2026-03-10T15:15:00.000Z' }),
    });

    // Act / Assess
    expect(waiting && statusWords(waiting, TZ)).toBe('Waiting for Tomás to accept until Tue 10:15 AM');
    expect(owned && statusWords(owned, TZ)).toBe('Owned by Jules');
    expect(unowned && statusWords(unowned, TZ)).toBe(
      'Nobody accepted: asking Jules to accept until Tue 10:20 AM again',
    );
    expect(needsInfo && statusWords(needsInfo, TZ)).toBe(
      'Needs information: waiting for Irene to accept until Tue 10:05 AM',
    );
    expect(closed && statusWords(closed, TZ)).toBe('Closed');
    expect(statusWords(transfer, TZ)).toBe(
      'Owned by Jules; transfer waiting for Tomás to accept until Tue 10:15 AM',
    );
  });

  it('takes the last contact from the card’s log or the timeline, whichever is later', () => {
    // Prepare
    const ack = timelineEvent(
      TUESDAY_10AM,
      'acknowledgement_sent',
      { kind: 'system' },
      'SMS acknowledgement',
      {
        seq: 1,
        channel: 'sms',
        purpose: 'acknowledgement',
        recipientId: 'customer',
      },
    );
    const logged = {
      at: '2026-03-10T16:00:00.000Z',
      by: julesRef,
      channel: 'call' as const,
      summary: 'Sent two slots',
      waitingOn: 'customer' as const,
      loggedAt: '2026-03-10T16:00:00.000Z',
    };

    // Act / Assess
    expect(lastContactOf({ timeline: [] })).toBeUndefined();
    expect(lastContactOf({ timeline: [ack] })).toMatchObject({ by: 'an automatic message', waitingOn: 'us' });
    expect(lastContactOf({ timeline: [ack], lastContact: logged })).toEqual({
      at: logged.at,
      by: 'Jules Okafor',
      byId: 'jules',
      what: 'Sent two slots',
      waitingOn: 'customer',
    });
  });

  it('spells out delivery codes in failure reasons', () => {
    // Act / Assess
    expect(reasonWords('opted_out')).toBe('The number has opted out of texts');
    expect(reasonWords('throttled after 8 attempts')).toBe('The text service was busy after 8 attempts');
    expect(reasonWords('deadline function failed: Unhandled')).toBe('Deadline function failed: Unhandled');
  });
});
