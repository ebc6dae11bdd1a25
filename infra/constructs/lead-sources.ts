import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ENV } from '../../shared/settings';
import { LeadHandoffFunction } from './lead-handoff-function';

export interface LeadSourcesProps {
  table: ITable;
}

/**
 * Lead source webhooks (`/hooks/{connector}`, docs/connectors.md): their function and the one secret
 * holding every connector's credentials. The secret is created holding `{}`; the operator puts the
 * credentials in after deploy (`aws secretsmanager put-secret-value`), so none is in the template. The
 * function captures leads like intake does (the same table access and dispatch queue, granted by the
 * stack), and may read that secret and nothing else of Secrets Manager.
 */
export class LeadSources extends Construct {
  readonly fn: LeadHandoffFunction;
  readonly secret: Secret;

  constructor(scope: Construct, id: string, { table }: LeadSourcesProps) {
    super(scope, id);
    this.secret = new Secret(this, 'ConnectorSecrets', {
      description: 'Lead Handoff: credentials of each lead source connector, JSON keyed by connector name',
      secretStringValue: SecretValue.unsafePlainText('{}'),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.fn = new LeadHandoffFunction(this, 'Hooks', { name: 'hooks' });
    this.fn.bindTable({ table, accessMode: 'readWrite' });
    this.secret.grantRead(this.fn.fn);
    this.fn.fn.addEnvironment(ENV.CONNECTORS_SECRET_ARN, this.secret.secretArn);
    NagSuppressions.addResourceSuppressions(this.secret, [
      {
        id: 'AwsSolutions-SMG4',
        reason:
          'The secret holds credentials that each lead source issues (a Twilio auth token, a Google key, a Meta ' +
          'app secret...): they are rotated in the source and pasted here, so there is no rotation Lambda to run.',
      },
    ]);
  }
}
