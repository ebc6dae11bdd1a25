import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { INDEXES, TABLE_KEYS, TRANSITION_INDEXES, TTL_ATTRIBUTE } from '../../shared/settings';

/**
 * The single table of `shared/settings.ts` (leads, idempotency records, config), built so that
 * leads are never lost: on-demand, point-in-time recovery, deletion protection and RETAIN on stack
 * deletion. Encryption uses the AWS-managed key (`aws/dynamodb`): encrypted with KMS and auditable in
 * CloudTrail, rotated by AWS, with no key policy to get wrong and no extra grants for the functions.
 *
 * The deploy writes nothing into it: the config item (business settings and roster, with people's
 * phones and emails) is put after deploy through `PUT /ops/config` (`npm run ops -- config push`), so
 * the template carries no personal data. Until then the functions answer that no config is stored.
 */
export class LeadTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string) {
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
    for (const index of [...Object.values(INDEXES), ...TRANSITION_INDEXES]) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.include],
      });
    }
  }
}
