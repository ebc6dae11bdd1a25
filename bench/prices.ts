/**
 * On-demand prices in US East (N. Virginia), USD, without free tiers or volume discounts (a small
 * business never reaches the discounts; the free tiers would make most lines zero). SMS is billed per
 * message by AWS End User Messaging plus carrier fees, which depend on the country and the number type:
 * those are left apart, as the issue asks.
 *
 * Sources (read when these figures were written):
 * - DynamoDB on-demand, Standard table class: https://aws.amazon.com/dynamodb/pricing/on-demand/
 *   ($0.625 per million write request units, $0.125 per million read request units; a write unit
 *   writes up to 1 KB, a read unit reads up to 4 KB strongly consistent or 8 KB eventually consistent;
 *   every global secondary index entry written is billed as a write on the index).
 * - SQS standard queues: https://aws.amazon.com/sqs/pricing/ ($0.40 per million requests; each 64 KB
 *   chunk of a payload is a request; Lambda's pollers' ReceiveMessage/DeleteMessageBatch count).
 * - EventBridge Scheduler: https://aws.amazon.com/eventbridge/pricing/ ($1.00 per million scheduled
 *   invocations; creating and deleting schedules is not billed).
 * - SNS: https://aws.amazon.com/sns/pricing/ ($0.50 per million publishes; email deliveries $2.00 per
 *   100,000).
 * - Lambda, Arm: https://aws.amazon.com/lambda/pricing/ ($0.20 per million requests,
 *   $0.0000133334 per GB-second, i.e. $0.0000000067 per ms at 512 MB and $0.0000000017 at 128 MB).
 * - API Gateway REST APIs: https://aws.amazon.com/api-gateway/pricing/ ($3.50 per million requests,
 *   first 333 million a month).
 */
export const PRICES = {
  dynamoWriteRequestUnit: 0.625 / 1e6,
  dynamoReadRequestUnit: 0.125 / 1e6,
  sqsRequest: 0.4 / 1e6,
  schedulerInvocation: 1.0 / 1e6,
  snsPublish: 0.5 / 1e6,
  snsEmailDelivery: 2.0 / 1e5,
  lambdaRequest: 0.2 / 1e6,
  lambdaGbSecondArm: 0.0000133334,
  apiGatewayRestRequest: 3.5 / 1e6,
} as const;

/** Every function's memory (`infra/constructs/lead-handoff-function.ts` default; no function overrides it). */
export const LAMBDA_MEMORY_MB = 512;

/**
 * Billed Lambda time is estimated, not measured (local durations say nothing about Lambda's): a
 * warm invocation's own work plus one in-region AWS call at a time, each about this long.
 */
export const LAMBDA_DURATION_MODEL = { baseMs: 5, perAwsCallMs: 8 } as const;

/** Lambda cost of `ms` billed milliseconds at the stack's memory size. */
export const lambdaDurationCost = (ms: number): number =>
  (ms / 1000) * (LAMBDA_MEMORY_MB / 1024) * PRICES.lambdaGbSecondArm;
