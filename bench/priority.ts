/**
 * 4. Priority under backlog, on the manual clock: 500 standard leads arrive at once in business hours
 * (500 standard-lane SMS, paced below the origination number's 1 SMS a second), then — while that
 * backlog drains — one emergency. The figure is the simulated time from the emergency's intake to the
 * moment its SMS leaves the origination number (the local sender delivers at most 1 SMS a second and
 * queues the rest, as the carrier does). Then the backlog is drained to the end to show it kept moving.
 */
import { benchLead, IN_HOURS } from './support/leads';
import { startPipeline } from './support/pipeline';
import type { SectionResult } from './support/report';
import { grouped, progress, round } from './support/stats';

const TARGET_MS = 2000;

export const runPriority = async (
  options: { backlog?: number; emergencyAfterSeconds?: number; observeMinutes?: number } = {},
): Promise<SectionResult> => {
  const backlog = options.backlog ?? 500;
  const emergencyAfter = options.emergencyAfterSeconds ?? 120;
  const observeMinutes = options.observeMinutes ?? 8;
  const pipe = await startPipeline({ start: IN_HOURS });
  try {
    const { app, clock } = pipe;
    const { smsPerSecond, standardLaneShare } = (await app.deps.config.load()).business.messaging;
    // Every SMS on the standard lane (what the pacer spaces), and of them the staff handoff requests.
    const standardSms = () => app.outbox.list().filter((m) => m.channel === 'sms' && m.lane === 'standard');
    const handoffSms = () => standardSms().filter((m) => m.ref?.purpose === 'handoff');
    const start = clock.now().getTime();
    progress(`priority: ${backlog} standard leads at ${clock.now().toISOString()}`);
    for (let n = 0; n < backlog; n += 1) {
      await pipe.postLead(benchLead(200_000 + n, 'standard'));
      if ((n + 1) % 100 === 0) progress(`priority: ${n + 1} standard leads posted`);
    }
    await pipe.advance(emergencyAfter);

    const waitingBefore = backlog - handoffSms().length;
    const queueDepth = app.queues.queues['notify-standard'].depth;
    const intakeAt = clock.now().getTime();
    const id = await pipe.postLead(benchLead(299_999, 'emergency', 'Priority Person'));
    const emergencySms = () =>
      app.outbox
        .list()
        .find((m) => m.channel === 'sms' && m.ref?.leadId === id && m.ref.purpose === 'handoff');
    let sms = emergencySms();
    for (let step = 0; !sms && step < 240; step += 1) {
      await pipe.advance(0.25);
      sms = emergencySms();
    }
    if (!sms) throw new Error('the emergency SMS was not sent within a minute');
    const latencyMs = Date.parse(sms.sentAt) - intakeAt;
    progress(`priority: emergency SMS ${latencyMs} ms after intake; draining the backlog`);

    // Keep watching the standard lane drain (within its 15-minute acceptance window, before the
    // unaccepted standard leads start escalating and add messages of their own).
    const standardQueue = app.queues.queues['notify-standard'];
    const watchUntil = start + observeMinutes * 60_000;
    while (clock.now().getTime() < watchUntil && standardQueue.depth > 0) {
      await pipe.advance(Math.min(60, (watchUntil - clock.now().getTime()) / 1000));
    }
    const watchedSeconds = (clock.now().getTime() - start) / 1000;
    const sent = standardSms()
      .map((m) => ({
        at: Date.parse(m.sentAt),
        queuedAtCarrier: Date.parse(m.sentAt) - Date.parse(m.acceptedAt),
      }))
      .sort((a, b) => a.at - b.at);
    const gaps = sent.slice(1).map((m, i) => m.at - (sent[i]?.at ?? m.at));
    const budget = (watchedSeconds * smsPerSecond * standardLaneShare) | 0;
    const figures = {
      backlog,
      smsPerSecond,
      standardLaneShare,
      emergencyAfterSeconds: emergencyAfter,
      standardSmsWaitingAtEmergency: waitingBefore,
      notifyStandardDepthAtEmergency: queueDepth,
      emergencyIntakeToSmsMs: latencyMs,
      emergencyLane: sms.lane,
      watchedSeconds,
      standardSmsSent: sent.length,
      handoffSmsSent: handoffSms().length,
      standardSmsBudget: budget,
      standardSmsPerSecond: round(sent.length / watchedSeconds, 3),
      standardLeft: standardQueue.depth,
      minGapBetweenSmsMs: gaps.length ? Math.min(...gaps) : null,
      maxCarrierQueueMs: sent.length ? Math.max(...sent.map((m) => m.queuedAtCarrier)) : 0,
      deadLettered: app.queues.deadLetters['notify-standard'].depth,
    };
    return {
      id: 'priority',
      title: `4. Priority under backlog (${backlog} standard leads, then an emergency; ${smsPerSecond} SMS/s)`,
      figures,
      checks: [
        {
          figure: 'emergency: intake → SMS sent (simulated clock)',
          measured: `${grouped(latencyMs)} ms`,
          target: `≤ ${grouped(TARGET_MS)} ms`,
          pass: latencyMs <= TARGET_MS,
        },
      ],
      tables: [
        {
          header: ['figure', 'value'],
          rows: [
            ['backlog handoff SMS not yet sent when the emergency arrived', grouped(waitingBefore)],
            ['emergency arrived after the burst', `${emergencyAfter} s`],
            ['emergency SMS lane', sms.lane ?? ''],
            [
              `standard-lane SMS sent in the first ${round(watchedSeconds / 60, 1)} min`,
              `${grouped(sent.length)} (${figures.standardSmsPerSecond}/s; the pacer allows ${grouped(budget)}, ${smsPerSecond * standardLaneShare}/s)`,
            ],
            [
              "…of which the backlog's handoff requests",
              `${grouped(figures.handoffSmsSent)} of ${grouped(backlog)}`,
            ],
            ['standard-lane notifications still queued', grouped(figures.standardLeft)],
            ['notifications dead-lettered so far', grouped(figures.deadLettered)],
            ['closest two standard-lane SMS', `${grouped(figures.minGapBetweenSmsMs ?? 0)} ms`],
            [
              'longest wait of a standard-lane SMS at the carrier',
              `${grouped(figures.maxCarrierQueueMs)} ms`,
            ],
          ],
        },
      ],
      notes: [
        'Simulated time (manual clock): the local runtime runs every timer, retry and paced send at its own instant; a failed (paced) invocation costs 20 ms of simulated time.',
        'Standard-lane SMS take spaced slots (1 / (smsPerSecond × standardLaneShare) s apart), so the carrier queue stays empty and an urgent SMS waits at most one send interval.',
        "A standard SMS reserves the next send slot and waits for it (up to 5 s) inside its invocation; only when every slot that soon is taken does it fail and come back after the queue's 60-second visibility timeout. Below the pacer's rate, what is left is the 500 intakes arriving at one instant (their first attempts find no slot free) and the runner's one-at-a-time simulation.",
      ],
    };
  } finally {
    await pipe.stop();
  }
};
