import { describe, expect, it } from 'vitest';
import { runDemo } from '../../local/demo';

describe('npm run demo', () => {
  it('escalates the emergency twice, accepts it by link, sends the standard lead back with a reason', async () => {
    // Prepare
    const lines: string[] = [];

    // Act
    const { leads, minutes } = await runDemo((line) => lines.push(line));

    // Assess
    expect(leads.emergency.timeline.filter((e) => e.type === 'escalated')).toHaveLength(2);
    expect(leads.emergency.status).toBe('accepted');
    expect(leads.emergency.owner?.id).toBe(leads.emergency.handoff?.to.id);
    expect(leads.standard.status).toBe('needs_info');
    expect(leads.standard.returned?.reason).toBe('missing_address');
    expect(leads.standard.timeline.some((e) => e.type === 'rejected')).toBe(true);
    expect(leads.estimate.status).toBe('awaiting_acceptance');
    expect(minutes).toBeLessThan(15);
    expect(lines.join('\n')).toContain('accepted');
  });
});
