import type { Stage } from 'aws-cdk-lib/aws-apigateway';
import { CfnWebACL, CfnWebACLAssociation } from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';
import type { WafSettings } from '../config';

/** The status WAF answers a rate-limited request with (its default for a block is 403). */
export const RATE_LIMITED_STATUS = 429;

/** Which requests one rule counts: a method (or any) and URI paths matched as WAF sees them. */
export interface RateRuleScope {
  /** Names the rule and its CloudWatch metric. */
  name: string;
  /** Only requests with this method; undefined counts every method. */
  method?: string;
  /** Paths as sent to the stage, stage name included (`/v1/leads`), matched exactly or by prefix. */
  paths: ReadonlyArray<{ exactly: string } | { startsWith: string }>;
  /** Requests per IP address per window. */
  limit: number;
}

/**
 * The rate-limited routes of an API stage. Paths carry the stage name because WAF inspects the URI the
 * client sent to the default `execute-api` endpoint, `/v1/leads`, not the API's resource path.
 * `/s/` and `/sign-in` are reserved for the board (sign-in links and sessions) and limited from now on.
 */
export const rateRuleScopes = (stageName: string, waf: WafSettings): RateRuleScope[] => [
  {
    name: 'IntakePerIp',
    method: 'POST',
    paths: [{ exactly: `/${stageName}/leads` }, { startsWith: `/${stageName}/hooks/` }],
    limit: waf.intakeLimit,
  },
  {
    name: 'LinksPerIp',
    paths: [
      { startsWith: `/${stageName}/h/` },
      { startsWith: `/${stageName}/s/` },
      { exactly: `/${stageName}/sign-in` },
    ],
    limit: waf.linkLimit,
  },
];

const NO_TRANSFORMATION = [{ priority: 0, type: 'NONE' }];

const pathStatement = (path: RateRuleScope['paths'][number]): CfnWebACL.StatementProperty => ({
  byteMatchStatement: {
    fieldToMatch: { uriPath: {} },
    positionalConstraint: 'exactly' in path ? 'EXACTLY' : 'STARTS_WITH',
    searchString: 'exactly' in path ? path.exactly : path.startsWith,
    textTransformations: NO_TRANSFORMATION,
  },
});

/** The scope-down statement of one rule: its method (if any) and any of its paths. */
const scopeDown = ({ method, paths }: RateRuleScope): CfnWebACL.StatementProperty => {
  const [first, ...rest] = paths.map(pathStatement);
  if (first === undefined) throw new Error('A rate rule needs at least one path');
  const anyPath: CfnWebACL.StatementProperty =
    rest.length === 0 ? first : { orStatement: { statements: [first, ...rest] } };
  if (method === undefined) return anyPath;
  const methodIs: CfnWebACL.StatementProperty = {
    byteMatchStatement: {
      fieldToMatch: { method: {} },
      positionalConstraint: 'EXACTLY',
      searchString: method,
      textTransformations: NO_TRANSFORMATION,
    },
  };
  return { andStatement: { statements: [methodIs, anyPath] } };
};

const visibility = (metricName: string): CfnWebACL.VisibilityConfigProperty => ({
  cloudWatchMetricsEnabled: true,
  metricName,
  sampledRequestsEnabled: true,
});

/** The stage to protect, how it is named in paths, and the limits. */
export interface ApiFirewallProps {
  stage: Stage;
  /** The stage's name as a literal (`stage.stageName` is a reference): paths start with it. */
  stageName: string;
  /** Names the web ACL and prefixes its metrics. */
  name: string;
  waf: WafSettings;
}

/**
 * An AWS WAF web ACL on the API stage with per-IP rate-based rules (`rateRuleScopes`): one address that
 * floods intake or the link pages is answered 429 until its rate drops, while every other address goes
 * on being served. The web form's API key is public, so only a limit per address, not per key, can
 * stop one client from spending the intake capacity meant for real customers; link routes have no key
 * at all. Everything else is allowed (the authorizer, usage plans and tokens decide).
 */
export class ApiFirewall extends Construct {
  readonly webAcl: CfnWebACL;
  readonly association: CfnWebACLAssociation;
  readonly scopes: readonly RateRuleScope[];

  constructor(scope: Construct, id: string, { stage, stageName, name, waf }: ApiFirewallProps) {
    super(scope, id);
    this.scopes = rateRuleScopes(stageName, waf);

    this.webAcl = new CfnWebACL(this, 'WebAcl', {
      name,
      description: 'Lead Handoff: per-IP rate limits on intake and on link and sign-in pages',
      scope: 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: visibility(name),
      rules: this.scopes.map((rule, priority) => ({
        name: rule.name,
        priority,
        action: { block: { customResponse: { responseCode: RATE_LIMITED_STATUS } } },
        statement: {
          rateBasedStatement: {
            aggregateKeyType: 'IP',
            limit: rule.limit,
            evaluationWindowSec: waf.windowSeconds,
            scopeDownStatement: scopeDown(rule),
          },
        },
        visibilityConfig: visibility(`${name}-${rule.name}`),
      })),
    });

    this.association = new CfnWebACLAssociation(this, 'Association', {
      resourceArn: stage.stageArn,
      webAclArn: this.webAcl.attrArn,
    });
    // The stage ARN is built from the API id and the stage name, so nothing orders the two otherwise.
    this.association.node.addDependency(stage);
  }
}
