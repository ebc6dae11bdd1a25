/**
 * Phone markers over DynamoDB (see the table layout in `shared/settings.ts`): one item per phone,
 * `PK = PHONE#<e164>`, `SK = OPEN_LEAD`, holding the lead it points at, the end of its repeat-contact
 * window and the table's TTL attribute. Every write is conditional and every read strongly consistent:
 * the marker is where submissions racing from one phone agree on one lead (the `byPhone` index is
 * eventually consistent). An expired marker no longer counts, even before DynamoDB's TTL deletes it.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { TransientError } from '../errors';
import type { PhoneClaim, PhoneMarker } from '../ports';
import { TABLE_KEYS, TTL_ATTRIBUTE } from '../settings';
import { isString, phonePartition } from './dynamo-lead-item';
import type { LeadTable } from './dynamo-lead-queries';
import { CorruptItemError, isConditionalCheckFailed, toDomainError } from './errors';

const MARKER_SK = 'OPEN_LEAD';
/** Write → read rounds when the marker changes in between (deleted by TTL, say); then a retryable error. */
const ATTEMPTS = 5;

/** The primary key of a phone's marker. */
export const phoneMarkerKey = (phone: string): { PK: string; SK: string } => ({
  PK: phonePartition(phone),
  SK: MARKER_SK,
});

const toMarkerItem = (marker: PhoneMarker): Record<string, unknown> => ({
  ...phoneMarkerKey(marker.phone),
  leadId: marker.leadId,
  expiresAt: marker.expiresAt,
  [TTL_ATTRIBUTE]: Math.ceil(Date.parse(marker.expiresAt) / 1000),
});

/** No marker, or one whose window has ended. */
const FREE = 'attribute_not_exists(#pk) OR #expiresAt <= :now';
/** Still exactly the marker that was read. */
const UNCHANGED = '#leadId = :leadId AND #expiresAt = :expiresAt';

/** Writes the marker if the stored one is free at `now` (or, with `previous`, still exactly it). */
const putIf = async (
  table: LeadTable,
  marker: PhoneMarker,
  now: Date,
  previous: PhoneMarker | undefined,
): Promise<boolean> => {
  try {
    await table.doc.send(
      new PutCommand({
        TableName: table.tableName,
        Item: toMarkerItem(marker),
        ...(previous
          ? {
              ConditionExpression: UNCHANGED,
              ExpressionAttributeNames: { '#leadId': 'leadId', '#expiresAt': 'expiresAt' },
              ExpressionAttributeValues: { ':leadId': previous.leadId, ':expiresAt': previous.expiresAt },
            }
          : {
              ConditionExpression: FREE,
              ExpressionAttributeNames: { '#pk': TABLE_KEYS.partitionKey, '#expiresAt': 'expiresAt' },
              ExpressionAttributeValues: { ':now': now.toISOString() },
            }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

/** The phone's stored marker if it counts at `now` (strongly consistent read). */
const liveMarker = async (table: LeadTable, phone: string, now: Date): Promise<PhoneMarker | undefined> => {
  const { Item } = await table.doc.send(
    new GetCommand({ TableName: table.tableName, Key: phoneMarkerKey(phone), ConsistentRead: true }),
  );
  if (Item === undefined) return undefined;
  // The message names no phone: it is personal data.
  if (!isString(Item.leadId) || !isString(Item.expiresAt))
    throw new CorruptItemError('A phone marker is corrupt');
  return Item.expiresAt > now.toISOString()
    ? { phone, leadId: Item.leadId, expiresAt: Item.expiresAt }
    : undefined;
};

/**
 * `claimPhone`, and with `previous` `takeOverPhone`, of `LeadStore`: a conditional put, and when its
 * condition fails, the marker that counts instead. A marker gone or expired by then is claimed as free.
 */
export const writePhoneMarker = async (
  table: LeadTable,
  marker: PhoneMarker,
  now: Date,
  previous?: PhoneMarker,
): Promise<PhoneClaim> => {
  try {
    let replacing = previous;
    for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
      if (await putIf(table, marker, now, replacing)) return { claimed: true };
      const holder = await liveMarker(table, marker.phone, now);
      if (holder) return { claimed: false, holder };
      replacing = undefined;
    }
    throw new TransientError('A phone marker kept changing under this write; try again');
  } catch (error) {
    throw toDomainError(error, 'Writing a phone marker');
  }
};
