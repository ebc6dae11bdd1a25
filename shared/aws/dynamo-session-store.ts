/**
 * Board sign-in links, sessions and sign-in request counters in the single table (docs/product-rules.md §10). Links and
 * sessions are keyed by the SHA-256 of their secret (never the secret); counters by the SHA-256 of what
 * they count (an address may be a stranger's). Every write is a single-item conditional write; DynamoDB
 * TTL removes each item after it has ended.
 *
 * | item          | PK                     | SK               | notes                                |
 * | ------------- | ---------------------- | ---------------- | ------------------------------------ |
 * | sign-in link  | `SIGNIN#<tokenHash>`   | `SIGNIN`         | `SignInTokenRecord`, `usedAt`, `ttl` |
 * | session       | `SESSION#<idHash>`     | `SESSION`        | `SessionRecord` + `ttl`              |
 * | request count | `SIGNIN_RATE#<sha256>` | `<window start>` | `count` + `ttl`                      |
 */
import { createHash } from 'node:crypto';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError } from '../errors';
import type { SessionRecord, SessionStore, SignInTokenRecord } from '../ports';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { CorruptItemError, isConditionalCheckFailed, toDomainError } from './errors';

/** How long an ended link or session item is kept before TTL removes it (a day: "used" stays tellable). */
const RETENTION_SECONDS = 24 * 60 * 60;

const signInKey = (tokenHash: string) => ({ PK: `SIGNIN#${tokenHash}`, SK: 'SIGNIN' });
const sessionKey = (idHash: string) => ({ PK: `SESSION#${idHash}`, SK: 'SESSION' });

const ttlOf = (iso: string): number => Math.floor(Date.parse(iso) / 1000) + RETENTION_SECONDS;

const isString = (value: unknown): value is string => typeof value === 'string';

const signInFrom = (item: Record<string, unknown>): SignInTokenRecord => {
  const { tokenHash, personId, createdAt, expiresAt } = item;
  if (!isString(tokenHash) || !isString(personId) || !isString(createdAt) || !isString(expiresAt)) {
    throw new CorruptItemError('Stored sign-in link is corrupt');
  }
  return { tokenHash, personId, createdAt, expiresAt };
};

const sessionFrom = (item: Record<string, unknown>): SessionRecord => {
  const { idHash, personId, csrfToken, createdAt, expiresAt } = item;
  if (
    !isString(idHash) ||
    !isString(personId) ||
    !isString(csrfToken) ||
    !isString(createdAt) ||
    !isString(expiresAt)
  ) {
    throw new CorruptItemError('Stored session is corrupt');
  }
  return { idHash, personId, csrfToken, createdAt, expiresAt };
};

/** `SessionStore` over the single table; SDK errors surface as domain errors (`toDomainError`). */
export class DynamoSessionStore implements SessionStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putSignInToken(record: SignInTokenRecord): Promise<void> {
    await this.putNew({ ...signInKey(record.tokenHash), ...record }, record.expiresAt, 'sign-in link');
  }

  async peekSignInToken(tokenHash: string, now: Date): Promise<SignInTokenRecord | undefined> {
    const item = await this.read(signInKey(tokenHash), 'Reading a sign-in link');
    if (!item || item.usedAt !== undefined) return undefined;
    const record = signInFrom(item);
    return Date.parse(record.expiresAt) > now.getTime() ? record : undefined;
  }

  async consumeSignInToken(tokenHash: string, now: Date): Promise<SignInTokenRecord | undefined> {
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: signInKey(tokenHash),
          UpdateExpression: 'SET #used = :now',
          ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#used) AND #exp > :now',
          ExpressionAttributeNames: {
            '#pk': TABLE_KEYS.partitionKey,
            '#used': 'usedAt',
            '#exp': 'expiresAt',
          },
          ExpressionAttributeValues: { ':now': now.toISOString() },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? signInFrom(Attributes) : undefined;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return undefined;
      throw toDomainError(error, 'Using a sign-in link');
    }
  }

  async putSession(record: SessionRecord): Promise<void> {
    await this.putNew({ ...sessionKey(record.idHash), ...record }, record.expiresAt, 'session');
  }

  async getSession(idHash: string, now: Date): Promise<SessionRecord | undefined> {
    const item = await this.read(sessionKey(idHash), 'Reading a session');
    if (!item) return undefined;
    const record = sessionFrom(item);
    return Date.parse(record.expiresAt) > now.getTime() ? record : undefined;
  }

  async deleteSession(idHash: string): Promise<void> {
    try {
      await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: sessionKey(idHash) }));
    } catch (error) {
      throw toDomainError(error, 'Ending a session');
    }
  }

  async countRequest(key: string, now: Date, windowMinutes: number, limit: number): Promise<boolean> {
    const windowMs = windowMinutes * 60_000;
    const start = Math.floor(now.getTime() / windowMs) * windowMs;
    const hash = createHash('sha256').update(key, 'utf8').digest('hex');
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { PK: `SIGNIN_RATE#${hash}`, SK: new Date(start).toISOString() },
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':ttl': Math.floor((start + windowMs) / 1000) + RETENTION_SECONDS,
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailed(error)) return false;
      throw toDomainError(error, 'Counting a sign-in request');
    }
  }

  private async putNew(item: Record<string, unknown>, expiresAt: string, what: string): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...item, [TTL_ATTRIBUTE]: ttlOf(expiresAt) },
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new AlreadyExistsError(`A ${what} with this hash already exists`, { cause: error });
      }
      throw toDomainError(error, `Storing a ${what}`);
    }
  }

  private async read(
    key: { PK: string; SK: string },
    what: string,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
      );
      return Item;
    } catch (error) {
      throw toDomainError(error, what);
    }
  }
}
