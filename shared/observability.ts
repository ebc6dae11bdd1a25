/**
 * One structured logger for the product (Powertools Logger, JSON). Log ids and codes, never personal
 * data: no names, phones, emails, addresses or free-text notes. As a safety net the formatter masks
 * personal data in every attribute it prints (`redact`), and every line logged while a lead is being
 * handled carries that lead's id (`withLeadContext`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redact, redactText } from './log-redaction';

/** The lead being handled by the current async call chain (concurrent records each see their own). */
const leadContext = new AsyncLocalStorage<string>();

/** The lead id `withLeadContext` set for the code running now, if any. */
export const currentLeadId = (): string | undefined => leadContext.getStore();

/**
 * Powertools' standard JSON layout, with every attribute passed through `redact` (persistent and
 * temporary keys, extra input, errors and their causes) and the message through the pattern rules.
 * Adds `leadId` from `withLeadContext` unless the line names a lead itself.
 */
export class RedactingLogFormatter extends LogFormatter {
  override formatAttributes(
    attributes: UnformattedAttributes,
    additionalLogAttributes: LogAttributes,
  ): LogItem {
    const context = attributes.lambdaContext;
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: redactText(attributes.message),
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: context?.coldStart,
      function_arn: context?.invokedFunctionArn,
      function_memory_size: context?.memoryLimitInMB,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      sampling_rate: attributes.sampleRateValue,
      xray_trace_id: attributes.xRayTraceId,
      tenant_id: context?.tenantId,
    };
    const leadId = currentLeadId();
    const extra = redact(
      leadId === undefined ? additionalLogAttributes : { leadId, ...additionalLogAttributes },
    );
    return new LogItem({ attributes: base }).addAttributes(extra as LogAttributes);
  }
}

/** The product's logger: service from `POWERTOOLS_SERVICE_NAME` (default `lead-handoff`), redacting. */
export const logger = new Logger({
  serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'lead-handoff',
  logFormatter: new RedactingLogFormatter(),
});

/**
 * Runs `run` with `leadId` on every line logged until it settles (including by code it awaits), so one
 * lead's story can be read across functions by filtering on `leadId`. Scoped to the async call chain,
 * not appended to the shared logger, so records a batch handles in parallel never swap ids. Without a
 * lead id it just runs `run`.
 */
export const withLeadContext = <T>(leadId: string | undefined, run: () => Promise<T>): Promise<T> =>
  leadId === undefined ? run() : leadContext.run(leadId, run);
