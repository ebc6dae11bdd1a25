/**
 * Whether an SMS to a customer may go out (docs/product-rules.md §10): the number's country and type
 * (`customerSmsRefusal`), one acknowledgement per number per `ACKNOWLEDGEMENT_WINDOW_HOURS`, and the
 * business's daily budget of customer SMS. Reaching the budget emits `CustomerSmsBudgetReached`, which
 * pages ops. No personal data is logged.
 */
import type { BusinessSettings } from '../domain/config';
import { type CustomerSmsRefusal, customerSmsRefusal, REFUSAL_WORDS } from '../domain/customer-sms';
import { CUSTOMER_RECIPIENT } from '../domain/lead';
import { localDate } from '../domain/zoned-time';
import { logger } from '../observability';
import type { CustomerSmsLimits, MetricSink, NotifyMessage } from '../ports';
import { METRICS } from '../settings';

/** One acknowledgement per customer number in this many hours. */
export const ACKNOWLEDGEMENT_WINDOW_HOURS = 24;

/** The outcome: send (and `undo` the counts if it does not go out after all), or the timeline's words why not. */
export type CustomerSmsPass =
  | { send: true; undo: () => Promise<void> }
  | { send: false; reason: CustomerSmsRefusal; summary: string };

const nothing = async () => {};

/**
 * Checks and counts one SMS to the customer (other messages pass untouched): country and type of
 * `address`, the acknowledgement claim on the number (held by this lead, so its retry passes), the
 * day's budget.
 */
export const passCustomerSms = async (
  deps: { customerSms: CustomerSmsLimits; metrics: MetricSink },
  message: NotifyMessage,
  address: string,
  leadId: string,
  business: BusinessSettings,
  now: Date,
): Promise<CustomerSmsPass> => {
  if (message.recipientId !== CUSTOMER_RECIPIENT || message.channel !== 'sms') {
    return { send: true, undo: nothing };
  }
  const { customerSms: limits, metrics } = deps;
  const acknowledgement = message.purpose === 'acknowledgement';
  const refuse = (reason: CustomerSmsRefusal): CustomerSmsPass => {
    metrics.count(METRICS.CustomerSmsSkipped, 1, { reason });
    return { send: false, reason, summary: `No text sent to the customer: ${REFUSAL_WORDS[reason]}.` };
  };
  const fixed = customerSmsRefusal(address, business);
  if (fixed) return refuse(fixed);
  const claimed =
    !acknowledgement ||
    (await limits.claimAcknowledgement(address, leadId, now, ACKNOWLEDGEMENT_WINDOW_HOURS));
  if (!claimed) return refuse('recently_acknowledged');
  const release = async () => {
    if (acknowledgement) await limits.releaseAcknowledgement(address, leadId);
  };
  const day = localDate(now, business.timezone);
  if (!(await limits.countDaily(day, now, business.customerSmsDailyBudget))) {
    await release();
    metrics.count(METRICS.CustomerSmsBudgetReached);
    logger.warn('Customer SMS daily budget reached: no more customer SMS today', {
      day,
      budget: business.customerSmsDailyBudget,
    });
    return refuse('daily_budget');
  }
  return {
    send: true,
    undo: async () => {
      await limits.uncountDaily(day);
      await release();
    },
  };
};
