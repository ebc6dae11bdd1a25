/**
 * With `--data-dir`, what the runner holds only in memory survives a restart: pending timers, queued
 * messages (visible, in flight or delayed, dead letters too), the outbox, and the manual clock's time.
 * Each is one JSON file in `<data dir>/runner/`, replaced whole: written to a temporary file and renamed
 * over the old one, so a crash leaves the old file or the new one, never half of one. Files are written
 * a moment after a change (changes in between are written together) and once more at stop.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { timerPayloadSchema } from '../shared/app/message-schemas';
import { NOTIFICATION_PURPOSES } from '../shared/domain/lead';
import type { LocalApp } from './app';
import type { ManualClock } from './manual-clock';
import type { LocalOutbox, OutboxMessage } from './outbox';
import type { LocalMessage, LocalQueue } from './queues';
import type { LocalSchedule, LocalScheduler } from './scheduler';
import { StartupError } from './startup-error';

/** How long after a change the files are written. */
const WRITE_DELAY_MS = 50;

const instant = z.number().int().nonnegative();

const scheduleSchema: z.ZodType<LocalSchedule> = z.object({
  name: z.string().min(1),
  at: instant,
  payload: timerPayloadSchema,
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: instant,
});

const messageSchema: z.ZodType<LocalMessage> = z.object({
  id: z.string().min(1),
  body: z.string(),
  sentAt: instant,
  visibleAt: instant,
  receiveCount: z.number().int().nonnegative(),
  firstReceivedAt: instant.optional(),
});

const outboxMessageSchema: z.ZodType<OutboxMessage> = z.object({
  id: z.string().min(1),
  channel: z.enum(['sms', 'email']),
  to: z.string(),
  recipientId: z.string(),
  subject: z.string().optional(),
  body: z.string(),
  link: z.string().optional(),
  sentAt: z.string(),
  acceptedAt: z.string(),
  lane: z.enum(['urgent', 'standard']).optional(),
  ref: z
    .object({ leadId: z.string(), seq: z.number().int(), purpose: z.enum(NOTIFICATION_PURPOSES) })
    .optional(),
});

const FILES = {
  timers: {
    file: 'timers.json',
    schema: z.object({ version: z.literal(1), timers: z.array(scheduleSchema) }),
  },
  queues: {
    file: 'queues.json',
    schema: z.object({ version: z.literal(1), queues: z.record(z.string(), z.array(messageSchema)) }),
  },
  outbox: {
    file: 'outbox.json',
    schema: z.object({ version: z.literal(1), messages: z.array(outboxMessageSchema) }),
  },
  clock: { file: 'clock.json', schema: z.object({ version: z.literal(1), now: z.iso.datetime() }) },
} as const;

type Part = keyof typeof FILES;

interface Parts {
  scheduler: LocalScheduler;
  queues: Map<string, LocalQueue>;
  outbox: LocalOutbox;
  clock?: ManualClock;
}

/** What a data dir held at start (empty for a new one). */
export interface SavedState {
  timers: LocalSchedule[];
  queues: Record<string, LocalMessage[]>;
  outbox: OutboxMessage[];
  /** The manual clock's time when the runner stopped, if it ran on one. */
  clock?: Date;
}

/** Every queue the runner has, by its name (pipeline queues, their dead-letter queues, failure queues). */
const queuesOf = (app: LocalApp): Map<string, LocalQueue> =>
  new Map(
    [
      ...Object.values(app.queues.queues),
      ...Object.values(app.queues.deadLetters),
      app.schedulerDeadLetter,
      app.schedulerDlq,
    ].map((queue) => [queue.name, queue]),
  );

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The runner's files in one data dir: read at start, then kept up to date while it runs. */
export class RunnerState {
  private readonly dir: string;
  private readonly dirty = new Set<Part>();
  private writeTimer: NodeJS.Timeout | undefined;
  private parts: Parts | undefined;

  constructor(dataDir: string) {
    this.dir = join(dataDir, 'runner');
  }

  /**
   * Claims the data dir (one runner at a time: a second one would corrupt the store) and reads what it
   * holds. Throws `StartupError` when another runner uses it or a file cannot be read.
   */
  open(): SavedState {
    mkdirSync(this.dir, { recursive: true });
    const lock = join(this.dir, 'pid');
    const holder = existsSync(lock) ? Number(readFileSync(lock, 'utf8')) : undefined;
    if (holder !== undefined && holder !== process.pid && Number.isInteger(holder) && isAlive(holder)) {
      throw new StartupError(
        `The data dir ${join(this.dir, '..')} is in use by another runner (process ${holder}): stop it first, or use another --data-dir (no runner running? delete ${lock}).`,
      );
    }
    this.write(lock, String(process.pid));
    try {
      return this.readAll();
    } catch (error) {
      rmSync(lock, { force: true });
      throw error;
    }
  }

  /** Puts what was saved back into the app and saves every later change (and the manual clock's moves). */
  attach(app: LocalApp, saved: SavedState, clock?: ManualClock): void {
    const queues = queuesOf(app);
    app.scheduler.restore(saved.timers);
    for (const [name, messages] of Object.entries(saved.queues)) queues.get(name)?.restore(messages);
    app.outbox.restore(saved.outbox);
    this.parts = { scheduler: app.scheduler, queues, outbox: app.outbox, ...(clock ? { clock } : {}) };
    app.scheduler.onChange = () => this.changed('timers');
    for (const queue of queues.values()) queue.onChange = () => this.changed('queues');
    app.outbox.onChange = () => this.changed('outbox');
    if (clock) clock.onChange = () => this.changed('clock');
    for (const part of Object.keys(FILES) as Part[]) this.changed(part);
  }

  /** Writes every changed file now (at stop, and by tests). */
  flush(): void {
    if (this.writeTimer) clearTimeout(this.writeTimer);
    this.writeTimer = undefined;
    const parts = this.parts;
    if (!parts) return;
    for (const part of [...this.dirty]) {
      this.dirty.delete(part);
      try {
        this.write(join(this.dir, FILES[part].file), JSON.stringify(this.snapshot(part, parts)));
      } catch (error) {
        // Not fatal: the next change tries again.
        this.dirty.add(part);
        console.error(`Could not save ${FILES[part].file} in ${this.dir}: ${(error as Error).message}`);
      }
    }
  }

  /** Writes what is pending and lets the data dir go. */
  close(): void {
    this.flush();
    rmSync(join(this.dir, 'pid'), { force: true });
  }

  private readAll(): SavedState {
    const timers = this.read('timers');
    const queues = this.read('queues');
    const outbox = this.read('outbox');
    const clock = this.read('clock');
    return {
      timers: timers?.timers ?? [],
      queues: queues?.queues ?? {},
      outbox: outbox?.messages ?? [],
      ...(clock ? { clock: new Date(clock.now) } : {}),
    };
  }

  private snapshot(part: Part, parts: Parts): unknown {
    switch (part) {
      case 'timers':
        return { version: 1, timers: parts.scheduler.list() };
      case 'queues':
        return {
          version: 1,
          queues: Object.fromEntries([...parts.queues].map(([name, queue]) => [name, queue.list()])),
        };
      case 'outbox':
        return { version: 1, messages: parts.outbox.list() };
      case 'clock':
        return parts.clock ? { version: 1, now: parts.clock.now().toISOString() } : undefined;
    }
  }

  private changed(part: Part): void {
    if (part === 'clock' && !this.parts?.clock) return;
    this.dirty.add(part);
    this.writeTimer ??= setTimeout(() => this.flush(), WRITE_DELAY_MS);
    this.writeTimer.unref();
  }

  private read<P extends Part>(part: P): z.infer<(typeof FILES)[P]['schema']> | undefined {
    const path = join(this.dir, FILES[part].file);
    if (!existsSync(path)) return undefined;
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(path, 'utf8'));
    } catch (error) {
      throw new StartupError(
        `${path} is not valid JSON (${(error as Error).message}): move it away to start without it.`,
      );
    }
    const parsed = FILES[part].schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new StartupError(
        `${path} is not a runner state file (${issue?.path.join('.') || 'top level'}: ${issue?.message}): move it away to start without it.`,
      );
    }
    return parsed.data as z.infer<(typeof FILES)[P]['schema']>;
  }

  /** Atomic replace: a temporary file in the same directory, renamed over the old one. */
  private write(path: string, text: string): void {
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  }
}
