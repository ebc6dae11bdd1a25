import { createHash } from 'node:crypto';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  AwsCustomResource,
  AwsCustomResourcePolicy,
  Logging,
  PhysicalResourceId,
} from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CONFIG_KEY, INDEXES, TABLE_KEYS, TTL_ATTRIBUTE } from '../../shared/settings';

/** What the deploy writes to the config item: the files as written (the functions validate on read). */
export interface ConfigSeed {
  business: unknown;
  roster: unknown;
}

/** The config to seed. */
export interface LeadTableProps {
  seed: ConfigSeed;
}

/** A short, stable digest of the seed content: it keys the seeding resource, so only a change re-runs it. */
export const seedDigest = (seed: ConfigSeed): string =>
  createHash('sha256')
    .update(JSON.stringify([seed.business, seed.roster]))
    .digest('hex')
    .slice(0, 12);

/**
 * The single table of `shared/settings.ts` (leads, idempotency records, config), built so that
 * leads are never lost: on-demand, point-in-time recovery, deletion protection and RETAIN on stack
 * deletion. Encryption uses the AWS-managed key (`aws/dynamodb`): encrypted with KMS and auditable in
 * CloudTrail, rotated by AWS, with no key policy to get wrong and no extra grants for the functions.
 *
 * It also seeds the business settings and roster into the config item on deploy (see `seedConfig`).
 */
export class LeadTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: LeadTableProps) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      timeToLiveAttribute: TTL_ATTRIBUTE,
    });
    for (const index of Object.values(INDEXES)) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.include],
      });
    }

    this.seedConfig(props.seed);
  }

  /**
   * Puts the config item with an `AwsCustomResource` that runs only when the seed content changes: the
   * construct id carries a digest of the content and only `onCreate` is defined. A new digest creates a
   * new resource (one `PutItem` recording the digest it came from); an unchanged one makes the resource's
   * update a no-op, so a deploy never overwrites a config that ops changed in the table since.
   * Its role may `PutItem` on this table and write its own log group, nothing else.
   */
  private seedConfig(seed: ConfigSeed): void {
    const digest = seedDigest(seed);
    const logGroup = new LogGroup(this, 'ConfigSeedLogs', {
      // The call's data (the roster's staff contacts) is hidden from these logs; keep them short anyway.
      retention: RetentionDays.ONE_DAY,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const role = new Role(this, 'ConfigSeedRole', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: 'Lead Handoff: seeds the config item on deploy',
    });
    logGroup.grantWrite(role);

    new AwsCustomResource(this, `ConfigSeed${digest}`, {
      resourceType: 'Custom::LeadHandoffConfigSeed',
      installLatestAwsSdk: false,
      role,
      logGroup,
      timeout: Duration.minutes(1),
      onCreate: {
        service: 'DynamoDB',
        action: 'putItem',
        parameters: {
          TableName: this.table.tableName,
          Item: {
            [TABLE_KEYS.partitionKey]: { S: CONFIG_KEY[TABLE_KEYS.partitionKey] },
            [TABLE_KEYS.sortKey]: { S: CONFIG_KEY[TABLE_KEYS.sortKey] },
            business: { S: JSON.stringify(seed.business) },
            roster: { S: JSON.stringify(seed.roster) },
            seededFromDigest: { S: digest },
          },
        },
        physicalResourceId: PhysicalResourceId.of(`lead-handoff-config-${digest}`),
        logging: Logging.withDataHidden(),
      },
      policy: AwsCustomResourcePolicy.fromStatements([
        new PolicyStatement({ actions: ['dynamodb:PutItem'], resources: [this.table.tableArn] }),
      ]),
    });
  }
}
