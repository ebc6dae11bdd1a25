/**
 * Runs the go-live checks against one deployed stage and prints one line per check, with the fix under
 * each one that is not ready. A check that cannot read what it needs (no permission, a throttled call)
 * counts as not ready and says why; the run never stops half way.
 */
import { type CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { CHECKS, type Check, type CheckResult, type DoctorClients, type Stage } from './checks';

/** Reads the stack's outputs; undefined when the stack does not exist. */
export const loadStage = async (
  cloudformation: CloudFormationClient,
  stage: string,
  region: string,
): Promise<Stage | undefined> => {
  const stackName = `LeadHandoff-${stage}`;
  try {
    const { Stacks = [] } = await cloudformation.send(new DescribeStacksCommand({ StackName: stackName }));
    const stack = Stacks[0];
    if (!stack) return undefined;
    const outputs = Object.fromEntries(
      (stack.Outputs ?? []).flatMap((o) =>
        o.OutputKey && o.OutputValue ? [[o.OutputKey, o.OutputValue]] : [],
      ),
    );
    return { stackName, region, outputs, scheduleGroupName: `leadhandoff-${stage}` };
  } catch (error) {
    if ((error as Error).name === 'ValidationError') return undefined; // "Stack with id ... does not exist"
    throw error;
  }
};

const safely = async (check: Check, stage: Stage, clients: DoctorClients): Promise<CheckResult> => {
  try {
    return { name: check.name, ...(await check.run(stage, clients)) };
  } catch (error) {
    const { name, message } = error as Error;
    return {
      name: check.name,
      ok: false,
      found: `Could not check: ${name}${message ? ` (${message})` : ''}.`,
      fix: 'Run with credentials that may read this account (ReadOnlyAccess is enough) in the stage’s region.',
    };
  }
};

/** Runs every check; returns the results in checklist order. */
export const runChecks = async (
  stage: Stage,
  clients: DoctorClients,
  checks: readonly Check[] = CHECKS,
): Promise<CheckResult[]> => Promise.all(checks.map((check) => safely(check, stage, clients)));

/** The report: one line per check, the fix indented under each failing one, and a last summary line. */
export const reportLines = (results: readonly CheckResult[]): string[] => {
  const failing = results.filter((r) => !r.ok).length;
  return [
    ...results.flatMap((r) =>
      r.ok ? [`ok    ${r.name}: ${r.found}`] : [`FIX   ${r.name}: ${r.found}`, `      → ${r.fix ?? ''}`],
    ),
    failing === 0 ? 'Ready to go live.' : `${failing} of ${results.length} checks need attention.`,
  ];
};
