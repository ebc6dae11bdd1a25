/**
 * SQS side of recovery: reading the failure queues into records (`DeadLetterReader`) and redriving a
 * pipeline dead-letter queue back to its queue with `StartMessageMoveTask` (`Redriver`).
 */
import {
  DeleteMessageCommand,
  ReceiveMessageCommand,
  type SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { ConfigError } from '../errors';
import type { DeadLetterMessage, DeadLetterReader, Redriver } from '../ports';
import type { FailureQueueName, QueueName } from '../settings';
import { errorName, toDomainError } from './errors';

export class SqsDeadLetterReader implements DeadLetterReader {
  constructor(
    private readonly client: SQSClient,
    private readonly urls: Record<FailureQueueName, string>,
  ) {}

  async receive(queue: FailureQueueName, max: number): Promise<DeadLetterMessage[]> {
    try {
      const result = await this.client.send(
        new ReceiveMessageCommand({
          QueueUrl: this.urls[queue],
          MaxNumberOfMessages: Math.min(10, Math.max(1, max)),
          WaitTimeSeconds: 0,
          VisibilityTimeout: 60,
          MessageAttributeNames: ['All'],
        }),
      );
      return (result.Messages ?? []).map((message) => ({
        id: message.ReceiptHandle ?? '',
        body: message.Body ?? '',
        attributes: Object.fromEntries(
          Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
            name,
            value.StringValue ?? '',
          ]),
        ),
      }));
    } catch (error) {
      throw toDomainError(error, `Reading ${queue}`);
    }
  }

  async delete(queue: FailureQueueName, id: string): Promise<void> {
    try {
      await this.client.send(new DeleteMessageCommand({ QueueUrl: this.urls[queue], ReceiptHandle: id }));
    } catch (error) {
      throw toDomainError(error, `Deleting a message of ${queue}`);
    }
  }
}

export interface RedriveTarget {
  deadLetterArn: string;
  sourceArn: string;
}

export class SqsRedriver implements Redriver {
  constructor(
    private readonly client: SQSClient,
    private readonly targets: Partial<Record<QueueName, RedriveTarget>>,
  ) {}

  async redrive(queue: QueueName): Promise<{ started: boolean; detail: string }> {
    const target = this.targets[queue];
    if (!target) throw new ConfigError(`No redrive target configured for ${queue}`);
    try {
      const result = await this.client.send(
        new StartMessageMoveTaskCommand({
          SourceArn: target.deadLetterArn,
          DestinationArn: target.sourceArn,
        }),
      );
      return { started: true, detail: `move task ${result.TaskHandle ?? 'started'}` };
    } catch (error) {
      // One move task at a time per queue: a running one is already doing this redrive.
      const name = errorName(error);
      if (
        name === 'UnsupportedOperation' ||
        name === 'InvalidParameterValueException' ||
        name === 'ResourceNotFoundException'
      ) {
        return {
          started: false,
          detail: `${name}: a move task may already be running, or the queue is empty`,
        };
      }
      throw toDomainError(error, `Redriving ${queue}`);
    }
  }
}
