import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { NagSuppressions } from 'cdk-nag';
import { Construct } from 'constructs';
import { ENV, INDEXES, METRICS_NAMESPACE, SERVICE_NAME } from '../../shared/settings';
import { PROJECT_ROOT, projectPath } from '../config';

/** DynamoDB actions a reading function gets on the table: point reads, queries and transaction checks. */
export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;

/** Added for `readWrite`: single-item writes (Powertools Idempotency also deletes its in-progress records). */
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
] as const;

/** Indexes are only ever queried, so their ARNs get `dynamodb:Query` and nothing else. */
export const INDEX_ACTIONS = ['dynamodb:Query'] as const;

/** Which function to build; everything else has the project's defaults. */
export interface LeadHandoffFunctionProps {
  /** Folder under `functions/` whose `handler.ts` exports `handler`. */
  name: string;
  /** Default 10 seconds: well under API Gateway's 29-second integration timeout. */
  timeout?: Duration;
  /** Default 512 MB. */
  memorySize?: number;
  environment?: Record<string, string>;
  /** What happens to the log group when the stack is deleted. Default DESTROY (logs expire anyway). */
  logRemovalPolicy?: RemovalPolicy;
}

/** The table to bind and how much the function may do with it. */
export interface BindTableOptions {
  table: ITable;
  accessMode: 'read' | 'readWrite';
  /** Indexes the function may query; default every index of the single-table design. */
  indexNames?: readonly string[];
}

/**
 * A `NodejsFunction` with the project's defaults fixed in one place: Node.js 24 on arm64, X-Ray tracing,
 * a minified ESM bundle with source maps built by the local esbuild (never Docker), the AWS SDK v3 left
 * to the runtime, and its own log group with one-month retention. The role is created here without
 * `AWSLambdaBasicExecutionRole`: it may write to its own log group and nothing else until granted more.
 */
export class LeadHandoffFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;
  /** The function's timeout: queue visibility timeouts are derived from it. */
  readonly timeout: Duration;

  constructor(scope: Construct, id: string, props: LeadHandoffFunctionProps) {
    super(scope, id);
    this.timeout = props.timeout ?? Duration.seconds(10);

    this.logGroup = new LogGroup(this, 'LogGroup', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.logRemovalPolicy ?? RemovalPolicy.DESTROY,
    });

    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Lead Handoff ${props.name} function`,
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      entry: projectPath('functions', props.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: projectPath('package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: this.timeout,
      tracing: Tracing.ACTIVE,
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      environment: {
        NODE_OPTIONS: '--enable-source-maps',
        // One service for every function: business metrics share the `service` dimension the alarms
        // match on; each log line already names the function that wrote it.
        POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        ...props.environment,
      },
      bundling: {
        forceDockerBundling: false,
        // CommonJS: the runtime's AWS SDK is CommonJS, and a CommonJS bundle `require`s it directly, while an
        // ES module has Node lex each SDK package for its named exports first: 35-55 ms more per cold start
        // (bench/cold-start.ts measures both).
        format: OutputFormat.CJS,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        mainFields: ['module', 'main'],
        externalModules: ['@aws-sdk/*'],
        tsconfig: projectPath('tsconfig.json'),
      },
    });
    // The function's log group must exist before it runs, or Lambda logs nowhere.
    this.fn.node.addDependency(this.logGroup);

    NagSuppressions.addResourceSuppressions(
      this.role,
      [
        {
          id: 'AwsSolutions-IAM5',
          reason:
            'X-Ray tracing (Tracing.ACTIVE): xray:PutTraceSegments and xray:PutTelemetryRecords do not support ' +
            'resource-level permissions, so AWS documents Resource "*" for them.',
          appliesTo: ['Resource::*'],
        },
      ],
      true,
    );
  }

  /**
   * Grants the function least-privilege access to `table` and tells it the table name, in one call:
   * explicit item actions on the table (never `Scan`, never `dynamodb:*`) and `Query` on each index.
   */
  bindTable({ table, accessMode, indexNames }: BindTableOptions): void {
    const actions =
      accessMode === 'read' ? [...TABLE_READ_ACTIONS] : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS];
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions, resources: [table.tableArn] }));
    const indexes = indexNames ?? Object.values(INDEXES).map((index) => index.name);
    if (indexes.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: [...INDEX_ACTIONS],
          resources: indexes.map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
    }
    this.fn.addEnvironment(ENV.TABLE_NAME, table.tableName);
  }
}
