/**
 * Webhook payloads no connector could read (docs/product-rules.md §11), one item each, kept until a person has
 * entered the lead (no TTL: nothing a customer sent is lost). A retry of the same payload is the same
 * item (conditional put on a deterministic id).
 *
 * | item          | PK              | SK      | notes                          |
 * | ------------- | --------------- | ------- | ------------------------------ |
 * | unmapped hook | `INBOX#<id>`    | `INBOX` | `UnmappedHook` as stored       |
 */
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HookInbox, UnmappedHook } from '../ports';
import { TABLE_KEYS } from '../settings';
import { CorruptItemError, isConditionalCheckFailed, toDomainError } from './errors';

const keyOf = (id: string) => ({ [TABLE_KEYS.partitionKey]: `INBOX#${id}`, [TABLE_KEYS.sortKey]: 'INBOX' });

const FIELDS = ['id', 'connector', 'receivedAt', 'reason', 'contentType', 'body'] as const;

export class DynamoHookInbox implements HookInbox {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async keep(hook: UnmappedHook): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...keyOf(hook.id), ...hook },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, 'Keeping a webhook payload');
    }
  }

  async get(id: string): Promise<UnmappedHook | undefined> {
    const { Item } = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: keyOf(id), ConsistentRead: true }),
    );
    if (!Item) return undefined;
    if (!FIELDS.every((field) => typeof Item[field] === 'string')) {
      throw new CorruptItemError('Stored webhook payload is corrupt');
    }
    const [idValue, connector, receivedAt, reason, contentType, body] = FIELDS.map((f) => String(Item[f]));
    return {
      id: idValue ?? id,
      connector: connector ?? '',
      receivedAt: receivedAt ?? '',
      reason: reason ?? '',
      contentType: contentType ?? '',
      body: body ?? '',
    };
  }
}
