/**
 * The names every function shares in CloudWatch, set by `infra/` on each function and read by the
 * alarms and the dashboard: one service, so each business metric has the same `service` dimension
 * whichever function emitted it, and an alarm on `service=lead-handoff` matches all of them.
 */

/** `POWERTOOLS_SERVICE_NAME` of every function: the `service` dimension of every business metric. */
export const SERVICE_NAME = 'lead-handoff';

/** `POWERTOOLS_METRICS_NAMESPACE` of every function: the CloudWatch namespace of the business metrics. */
export const METRICS_NAMESPACE = 'LeadHandoff';
