import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { DeployConfig } from './config';
import { pascalCase } from './constructs/api-keys';
import { LeadHandoffApi } from './constructs/lead-handoff-api';
import { LeadHandoffFunction } from './constructs/lead-handoff-function';
import { LeadTable } from './constructs/lead-table';

/** The validated deploy settings. */
export interface LeadHandoffStackProps extends StackProps {
  config: DeployConfig;
}

/**
 * Lead Handoff: the lead table (with the seeded config), the intake/leads functions and their
 * REST API behind a REQUEST authorizer with per-source API keys. Environment-agnostic: deploys to
 * whatever account and region the CLI credentials point at.
 */
export class LeadHandoffStack extends Stack {
  readonly table: LeadTable;
  readonly api: LeadHandoffApi;
  readonly functions: Readonly<Record<'authorizer' | 'intake' | 'leads', LeadHandoffFunction>>;

  constructor(scope: Construct, id: string, props: LeadHandoffStackProps) {
    super(scope, id, props);
    const { config } = props;

    this.table = new LeadTable(this, 'Leads', {
      seed: { business: config.files.business, roster: config.files.roster },
    });

    const authorizer = new LeadHandoffFunction(this, 'Authorizer', {
      name: 'authorizer',
      timeout: Duration.seconds(5),
    });
    const intake = new LeadHandoffFunction(this, 'Intake', { name: 'intake' });
    // Writes leads and Powertools Idempotency records (get, put, update, delete).
    intake.bindTable({ table: this.table.table, accessMode: 'readWrite' });
    const leads = new LeadHandoffFunction(this, 'LeadsFn', { name: 'leads' });
    leads.bindTable({ table: this.table.table, accessMode: 'readWrite' });

    this.functions = { authorizer, intake, leads };

    this.api = new LeadHandoffApi(this, 'Api', {
      apiKeyPrefix: config.apiKeyPrefix,
      sources: config.sources,
      authorizer,
      functions: { intake: intake.fn, leads: leads.fn },
      cloudWatchRole: config.apiGatewayCloudWatchRole,
    });

    new CfnOutput(this, 'ApiUrl', { value: this.api.api.url, description: 'Base URL of the API (stage v1)' });
    new CfnOutput(this, 'TableName', { value: this.table.table.tableName });
    const howToRead = 'read the value with: aws apigateway get-api-key --include-value --api-key <id>';
    for (const [source, key] of this.api.keys.intakeKeys) {
      new CfnOutput(this, `IntakeApiKeyId${pascalCase(source)}`, {
        value: key.keyId,
        description: `Id of the intake API key for source ${source}; ${howToRead}`,
      });
    }
    new CfnOutput(this, 'OpsApiKeyId', {
      value: this.api.keys.opsKey.keyId,
      description: `Id of the ops API key; ${howToRead}`,
    });
  }
}
