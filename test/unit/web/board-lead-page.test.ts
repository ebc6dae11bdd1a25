import { describe, expect, it } from 'vitest';
import { boardLeadPage } from '../../../shared/web/board-lead-page';
import { exampleConfig, storedLead } from '../domain/fixtures';

const config = exampleConfig();

const page = (lead: ReturnType<typeof storedLead>) =>
  boardLeadPage({
    businessName: 'Lone Star',
    lead,
    config,
    now: new Date('2026-11-18T16:00:00Z'),
    actions: [],
    transferTo: [],
    csrfToken: 'csrf',
    toRoot: '../../',
  });

describe('the board’s lead page', () => {
  it('says how the lead came in: test lead, the warnings and other details, escaped', () => {
    // Prepare
    const lead = storedLead({
      test: true,
      status: 'closed',
      warnings: [
        {
          field: 'market',
          message: 'The customer wrote the area as “<b>north</b>”: we could not match it to a market.',
          words: '<b>north</b>',
        },
      ],
      extra: { CallSid: '<script>x</script>' },
    });

    // Act
    const html = page(lead);

    // Assess
    expect(html).toContain('Status: <strong>Test lead</strong>');
    expect(html).toContain('nobody notified');
    expect(html).toContain('How this lead came in');
    expect(html).toContain('&lt;b>north&lt;/b>');
    expect(html).toContain('&lt;script>x&lt;/script>');
    expect(html).not.toContain('<script>x');
  });

  it('leaves the section out for a lead captured without warnings or other details', () => {
    // Act
    const html = page(storedLead({}));

    // Assess
    expect(html).not.toContain('How this lead came in');
    expect(html).not.toContain('Test lead');
  });
});
