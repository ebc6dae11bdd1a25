import { describe, expect, it } from 'vitest';
import type { BoardRow } from '../../../shared/domain/board-row';
import type { FailedRow } from '../../../shared/domain/failed-row';
import { type BoardPageProps, boardPage } from '../../../shared/web/board-page';

const row = (overrides: Partial<BoardRow> = {}): BoardRow => ({
  leadId: '01AAAAAAAAAAAAAAAAAAAAAAAA',
  customer: 'Ana Díaz',
  service: 'Plumbing repair',
  area: 'North Austin / Round Rock (78664)',
  stage: 'New Lead – Needs Qualification',
  status: 'Waiting for Tomás to accept until Wed 10:15 AM',
  nextAction: 'Call the customer',
  dueAt: '2026-11-18T16:15:00.000Z',
  dueText: 'Wed Nov 18, 10:15 AM',
  overdue: false,
  unowned: false,
  closed: false,
  capture: { test: false, warnings: [], otherDetails: [] },
  lastContact: 'None yet. The customer is waiting on us.',
  source: 'Web form',
  ...overrides,
});

const props = (overrides: Partial<BoardPageProps> = {}): BoardPageProps => ({
  businessName: 'Lone Star Plumbing & Air',
  viewerName: 'Priya Raman',
  timeZone: 'America/Chicago',
  view: 'all',
  views: ['all', 'mine', 'unowned', 'overdue', 'needs_info', 'failed'],
  counts: { all: 1, mine: 0, unowned: 0, overdue: 0, needs_info: 0, failed: 1 },
  filters: {},
  list: { kind: 'leads', rows: [row()] },
  paged: false,
  csrfToken: 'token-1',
  base: './board',
  signOutAction: './sign-out',
  leadHref: (id) => `./board/leads/${id}`,
  retryAction: (id) => `./board/failed/${encodeURIComponent(id)}/retry`,
  retryAllAction: './board/failed/retry-all',
  refreshSeconds: 60,
  ...overrides,
});

describe('the board page', () => {
  it('escapes what people typed: a name or a search never becomes markup', () => {
    // Act
    const page = boardPage(
      props({
        filters: { q: '"><script>alert(1)</script>' },
        list: { kind: 'leads', rows: [row({ customer: '<img src=x onerror=alert(1)>' })] },
      }),
    );

    // Assess
    expect(page).not.toContain('<script>alert');
    expect(page).not.toContain('<img src=x');
    expect(page).toContain('&lt;img src=x onerror=alert(1)>');
  });

  it('says overdue and unowned in words, and keeps the filters in the view links and the next page', () => {
    // Act
    const page = boardPage(
      props({
        filters: { q: 'ana', source: 'referral' },
        list: { kind: 'leads', rows: [row({ overdue: true, unowned: true })] },
        next: 'CURSOR',
      }),
    );

    // Assess
    expect(page).toContain('<li class="overdue unowned"');
    expect(page).toContain('<span class="tag overdue-tag">Overdue</span>');
    expect(page).toContain('<span class="tag unowned-tag">Unowned</span>');
    expect(page).toContain('href="./board?view=overdue&amp;q=ana&amp;source=referral"');
    expect(page).toContain('href="./board?view=failed"');
    expect(page).toContain(
      'href="./board?view=all&amp;q=ana&amp;source=referral&amp;cursor=CURSOR" rel="next"',
    );
  });

  it('marks an urgent lead with its urgency in words, and links to the roster page', () => {
    // Act
    const page = boardPage(props({ list: { kind: 'leads', rows: [row({ urgent: 'Emergency' }), row()] } }));

    // Assess
    expect(page.match(/<span class="tag urgent-tag">Emergency<\/span>/g)).toHaveLength(1);
    expect(page).toContain('href="./board/roster" id="roster-link">Who is working now</a>');
  });

  it('gives each failed handoff a Retry form and the list a Retry all form, each with the CSRF token', () => {
    // Prepare
    const failed: FailedRow = {
      failureId: '01AAAAAAAAAAAAAAAAAAAAAAAA.1.timer',
      leadId: '01AAAAAAAAAAAAAAAAAAAAAAAA',
      customer: 'Ana Díaz',
      step: 'Timer: the acceptance timer',
      reason: 'The scheduler was unavailable',
      age: '4 min',
      attempts: '3 attempts',
    };

    // Act
    const page = boardPage(props({ view: 'failed', list: { kind: 'failed', rows: [failed] } }));

    // Assess
    expect(page).toContain(
      '<form method="post" action="./board/failed/01AAAAAAAAAAAAAAAAAAAAAAAA.1.timer/retry"><input type="hidden" name="csrf" value="token-1"/>',
    );
    expect(page).toContain(
      '<form method="post" action="./board/failed/retry-all"><input type="hidden" name="csrf" value="token-1"/>',
    );
    expect(page).toContain('First seen 4 min ago · 3 attempts');
    expect(page).not.toContain('id="filters"');
  });
});
