/** Lead bodies for the benchmarks: complete, valid, and each with its own phone (no 24-hour duplicates). */

/** A valid US number unique to `n` (0 ≤ n < 800,000): 512-2xx-xxxx and up. */
export const benchPhone = (n: number): string =>
  `+1512${200 + Math.floor(n / 10_000)}${String(n % 10_000).padStart(4, '0')}`;

export type BenchUrgency = 'emergency' | 'standard' | 'estimate';

/** A complete lead in the north market (Round Rock), routed by the example roster. */
export const benchLead = (n: number, urgency: BenchUrgency = 'standard', fullName = 'Bench Customer') => ({
  fullName,
  phone: benchPhone(n),
  email: `customer${n}@example.com`,
  serviceAddress: '400 Main St, Round Rock TX 78664',
  serviceType: 'plumbing_repair',
  urgency,
  notes: 'Water leaking under the kitchen sink',
  promisedNextStep: 'We call back within the hour',
  consent: { sms: true, email: true },
});

/** The example business's settings and roster (never a developer's own `config/*.json`). */
export const EXAMPLE_CONFIG_FILES = {
  business: 'config/business.example.json',
  roster: 'config/roster.example.json',
} as const;

/** Wed 10 AM in Austin: dispatch and techs on shift. */
export const IN_HOURS = '2026-11-18T16:00:00Z';
/** Tue 11 PM in Austin: only on-call people on shift. */
export const AFTER_HOURS = '2026-11-18T05:00:00Z';
