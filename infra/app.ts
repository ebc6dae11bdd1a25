/**
 * CDK entry point (`cdk.json`: `npx tsx infra/app.ts`): one `LeadHandoff-<stage>` stack, checked by
 * cdk-nag's AwsSolutions rules. Tests call `buildApp` directly instead of running the CLI.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { App, Aspects } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError } from '../shared/errors';
import { readDeployConfig } from './config';
import { LeadHandoffStack } from './stack';

/** What `buildApp` needs from its caller; the CLI passes nothing (context comes from `cdk.json` and `-c`). */
export interface BuildAppOptions {
  /** CDK context (what `-c key=value` passes on the command line); merged over `cdk.json`'s when run by the CLI. */
  context?: Record<string, unknown>;
}

/** Builds the app and its stack without synthesizing; throws `ConfigError` on bad context or config. */
export const buildApp = ({
  context,
}: BuildAppOptions = {}): {
  app: App;
  stack: LeadHandoffStack;
} => {
  const app = new App(context === undefined ? {} : { context });
  const config = readDeployConfig((key) => app.node.tryGetContext(key));
  const stack = new LeadHandoffStack(app, `LeadHandoff-${config.stage}`, {
    config,
    description: `Lead Handoff (${config.stage}): intake API, lead table and handoff pipeline`,
  });
  Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
  return { app, stack };
};

const isEntryPoint = (): boolean => {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
};

if (isEntryPoint()) {
  try {
    buildApp().app.synth();
  } catch (error) {
    // A bad context or config is the deployer's to fix: say what is wrong, without a stack trace.
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Lead Handoff: ${error.message}`);
    process.exitCode = 1;
  }
}
