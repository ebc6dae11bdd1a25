/**
 * The lead store over DynamoDB (see the table layout in `shared/settings.ts`): one item per lead carrying its current handoff
 * and timeline, every state change a single-item conditional write on `version`. The item and its index
 * keys are derived from the lead in `dynamo-lead-item.ts`; the index reads are in `dynamo-lead-queries.ts`;
 * the phone markers (one open lead per phone) in `dynamo-phone-markers.ts`.
 */
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Lead } from '../domain/lead';
import { AlreadyExistsError, ConflictError } from '../errors';
import type { LeadRef, LeadStore, OpenLeadRef, Page, PhoneClaim, PhoneMarker } from '../ports';
import { TABLE_KEYS } from '../settings';
import { fromItem, leadKey, toItem } from './dynamo-lead-item';
import { findByPhoneSince, getMany, type LeadTable, listCreated, listOpen } from './dynamo-lead-queries';
import { writePhoneMarker } from './dynamo-phone-markers';
import { isConditionalCheckFailed, toDomainError } from './errors';

export { fromItem, type LeadItem, leadKey, NO_DUE_AT, toItem } from './dynamo-lead-item';

/**
 * A DocumentClient for the store: drops `undefined` (optional lead fields) and refuses class instances,
 * so a lead is always written as the plain data it is.
 */
export const makeDocumentClient = (client: DynamoDBClient): DynamoDBDocumentClient =>
  DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });

/** `LeadStore` over one DynamoDB table; SDK errors surface as domain errors (`toDomainError`). */
export class DynamoLeadStore implements LeadStore {
  private readonly table: LeadTable;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    this.table = { doc, tableName };
  }

  async get(id: string): Promise<Lead | undefined> {
    try {
      const { Item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: leadKey(id), ConsistentRead: true }),
      );
      return Item === undefined ? undefined : fromItem(Item);
    } catch (error) {
      throw toDomainError(error, `Reading lead ${id}`);
    }
  }

  async create(lead: Lead): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(lead),
          ConditionExpression: 'attribute_not_exists(#pk)',
          ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new AlreadyExistsError(`Lead ${lead.id} already exists`, { cause: error });
      }
      throw toDomainError(error, `Creating lead ${lead.id}`);
    }
  }

  async replace(lead: Lead, expectedVersion: number): Promise<void> {
    if (lead.version !== expectedVersion + 1) {
      throw new Error(
        `Lead ${lead.id}: the new state must carry version ${expectedVersion + 1}, not ${lead.version}`,
      );
    }
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: toItem(lead),
          ConditionExpression: '#version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        }),
      );
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new ConflictError(
          `Lead ${lead.id} is no longer at version ${expectedVersion} (or is missing)`,
          {
            cause: error,
          },
        );
      }
      throw toDomainError(error, `Replacing lead ${lead.id}`);
    }
  }

  claimPhone(marker: PhoneMarker, now: Date): Promise<PhoneClaim> {
    return writePhoneMarker(this.table, marker, now);
  }

  takeOverPhone(marker: PhoneMarker, previous: PhoneMarker, now: Date): Promise<PhoneClaim> {
    return writePhoneMarker(this.table, marker, now, previous);
  }

  findByPhoneSince(phone: string, sinceIso: string): Promise<LeadRef[]> {
    return findByPhoneSince(this.table, phone, sinceIso);
  }

  listOpen(options?: { dueBefore?: string; limit?: number; cursor?: string }): Promise<Page<OpenLeadRef>> {
    return listOpen(this.table, options);
  }

  listCreated(fromIso: string, toIso: string): Promise<LeadRef[]> {
    return listCreated(this.table, fromIso, toIso);
  }

  getMany(ids: readonly string[]): Promise<Lead[]> {
    return getMany(this.table, ids);
  }
}
