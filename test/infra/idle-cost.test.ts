/** The settings that trim the idle monthly cost (README "Going live"): what each removes, and what stays. */
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../infra/app';
import type { LeadHandoffStack } from '../../infra/stack';
import { type Inspector, inspect, NO_BUNDLING } from './support';

const built = new Map<string, { stack: LeadHandoffStack; inspector: Inspector }>();

/** The stack built with `context` (each context built once: a build takes seconds). */
const alarmNames = (context: Record<string, unknown>) => {
  const key = JSON.stringify(context);
  const cached = built.get(key);
  if (cached) return cached;
  const { stack } = buildApp({ context: { ...NO_BUNDLING, ...context } });
  const made = { stack, inspector: inspect(stack) };
  built.set(key, made);
  return made;
};

describe('idle cost settings', () => {
  it('has a dashboard and per-function alarms by default', () => {
    const { stack, inspector } = alarmNames({});
    expect(inspector.resources('AWS::CloudWatch::Dashboard')).toHaveLength(1);
    expect(stack.alarms.errorAlarms.size).toBe(Object.keys(stack.functions).length);
    expect(stack.alarms.throttleAlarms.size).toBe(Object.keys(stack.functions).length);
  });

  it('drops the dashboard and its output with dashboard=false', () => {
    const { stack, inspector } = alarmNames({ dashboard: 'false' });
    expect(stack.dashboard).toBeUndefined();
    expect(inspector.resources('AWS::CloudWatch::Dashboard')).toEqual([]);
    expect(Object.keys(inspector.template.toJSON().Outputs ?? {})).not.toContain('DashboardName');
  });

  it('keeps the dead-letter and business alarms, and drops the per-function ones, with functionAlarms=false', () => {
    const all = alarmNames({});
    const { stack, inspector } = alarmNames({ functionAlarms: 'false' });
    expect(stack.alarms.errorAlarms.size + stack.alarms.throttleAlarms.size).toBe(0);
    expect(stack.alarms.deadLetterAlarms.size).toBe(all.stack.alarms.deadLetterAlarms.size);
    expect(stack.alarms.businessAlarms.size).toBe(all.stack.alarms.businessAlarms.size);
    expect(inspector.resources('AWS::CloudWatch::Alarm')).toHaveLength(
      stack.alarms.deadLetterAlarms.size + stack.alarms.businessAlarms.size,
    );
  });
});
