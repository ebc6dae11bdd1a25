/**
 * Who is away (docs/product-rules.md §12), in one item of the single table beside the config:
 *
 * | item | PK       | SK     | notes                                                        |
 * | ---- | -------- | ------ | ------------------------------------------------------------ |
 * | away | `CONFIG` | `AWAY` | `away#<personId>`: `{until, setAt, setBy: {id, name}, via}`  |
 *
 * One attribute per person, so an `AWAY` is one `UpdateItem` `SET` of that attribute and a `BACK` one
 * `REMOVE` (no read first, no race between two people), and everyone is read with one `GetItem`. The
 * item stays small: at most one attribute per roster person.
 */
import { type DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { AwayEntry } from '../domain/config';
import type { AvailabilityStore } from '../ports';
import { AWAY_KEY } from '../settings';
import { toDomainError } from './errors';

const PREFIX = 'away#';

const entrySchema = z.object({
  until: z.iso.datetime(),
  setAt: z.iso.datetime(),
  setBy: z.object({ id: z.string(), name: z.string() }),
  via: z.enum(['sms', 'board']),
});

export class DynamoAvailability implements AvailabilityStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async read(): Promise<Record<string, AwayEntry>> {
    let item: Record<string, unknown> | undefined;
    try {
      ({ Item: item } = await this.doc.send(
        new GetCommand({ TableName: this.tableName, Key: AWAY_KEY, ConsistentRead: true }),
      ));
    } catch (error) {
      throw toDomainError(error, 'Reading who is away');
    }
    const away: Record<string, AwayEntry> = {};
    for (const [name, value] of Object.entries(item ?? {})) {
      if (!name.startsWith(PREFIX)) continue;
      // An entry that does not read as one (written by hand) counts as nobody away.
      const entry = entrySchema.safeParse(value);
      if (entry.success) away[name.slice(PREFIX.length)] = entry.data;
    }
    return away;
  }

  async setAway(personId: string, entry: AwayEntry): Promise<void> {
    await this.update('SET #person = :entry', personId, { ':entry': entry }, 'Setting someone away');
  }

  async clearAway(personId: string): Promise<void> {
    await this.update('REMOVE #person', personId, undefined, 'Setting someone back');
  }

  private async update(
    expression: string,
    personId: string,
    values: Record<string, unknown> | undefined,
    what: string,
  ): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: AWAY_KEY,
          UpdateExpression: expression,
          ExpressionAttributeNames: { '#person': `${PREFIX}${personId}` },
          ...(values ? { ExpressionAttributeValues: values } : {}),
        }),
      );
    } catch (error) {
      throw toDomainError(error, what);
    }
  }
}
