/** `CustomerSmsLimits` in memory, with the same rules as the DynamoDB adapter (which is tested on dynalite). */
import type { CustomerSmsLimits } from '../../shared/ports';

export class InMemoryCustomerSmsLimits implements CustomerSmsLimits {
  readonly claims = new Map<string, { leadId: string; until: number }>();
  readonly days = new Map<string, number>();

  async claimAcknowledgement(phone: string, leadId: string, now: Date, hours: number): Promise<boolean> {
    const held = this.claims.get(phone);
    if (held && held.until > now.getTime() && held.leadId !== leadId) return false;
    this.claims.set(phone, { leadId, until: now.getTime() + hours * 3_600_000 });
    return true;
  }

  async releaseAcknowledgement(phone: string, leadId: string): Promise<void> {
    if (this.claims.get(phone)?.leadId === leadId) this.claims.delete(phone);
  }

  async countDaily(day: string, _now: Date, limit: number): Promise<boolean> {
    const count = this.days.get(day) ?? 0;
    if (count >= limit) return false;
    this.days.set(day, count + 1);
    return true;
  }

  async uncountDaily(day: string): Promise<void> {
    const count = this.days.get(day) ?? 0;
    if (count > 0) this.days.set(day, count - 1);
  }
}
