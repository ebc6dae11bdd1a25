/**
 * Completeness: the handoff-contract fields a well-formed lead still lacks. An incomplete lead is stored
 * anyway and belongs to intake until they are supplied.
 */
import type { CompletenessField, LeadDetails } from './lead';

/**
 * Handoff-contract fields `details` still lacks: a name, a phone, somewhere to go (a street address, a
 * market or a zip), the service type, the urgency, notes on what the customer asked, a contact-consent
 * record, and for a referral who referred the customer.
 */
export const missingFields = (details: LeadDetails): CompletenessField[] => {
  const missing: CompletenessField[] = [];
  if (details.fullName === undefined) missing.push('fullName');
  if (details.phone === undefined) missing.push('phone');
  if (details.serviceAddress === undefined && details.market === undefined && details.zip === undefined) {
    missing.push('serviceAddress');
  }
  if (details.serviceType === undefined) missing.push('serviceType');
  if (details.urgency === undefined) missing.push('urgency');
  if (details.notes === undefined) missing.push('notes');
  if (details.consent === undefined) missing.push('consent');
  if (details.source === 'referral' && details.referredBy === undefined) missing.push('referredBy');
  return missing;
};
