/** Local stand-ins for the recovery side of AWS: failure queues, DLQ redrive, and config changes by ops. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../shared/domain/config';
import { parseAppConfig } from '../shared/domain/load-config';
import type { ConfigWriter, DeadLetterMessage, DeadLetterReader, Redriver } from '../shared/ports';
import type { FailureQueueName, QueueName } from '../shared/settings';
import type { LocalQueue, LocalQueues } from './queues';

export class LocalDeadLetterReader implements DeadLetterReader {
  constructor(private readonly queues: Record<FailureQueueName, LocalQueue>) {}

  async receive(queue: FailureQueueName, max: number): Promise<DeadLetterMessage[]> {
    return this.queues[queue].receive(max).map((m) => ({ id: m.id, body: m.body, attributes: {} }));
  }

  async delete(queue: FailureQueueName, id: string): Promise<void> {
    this.queues[queue].delete(id);
  }
}

export class LocalRedriver implements Redriver {
  constructor(private readonly queues: LocalQueues) {}

  async redrive(queue: QueueName): Promise<{ started: boolean; detail: string }> {
    const moved = this.queues.redrive(queue);
    return { started: moved > 0, detail: `${moved} message(s) moved back to ${queue}` };
  }
}

/** Writes `business.json` and `roster.json` into the config directory, after validating them together. */
export class FileConfigWriter implements ConfigWriter {
  constructor(private readonly dir: string) {}

  async put(business: unknown, roster: unknown): Promise<AppConfig> {
    const config = parseAppConfig(business, roster);
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, 'business.json'), `${JSON.stringify(business, null, 2)}\n`);
    await writeFile(join(this.dir, 'roster.json'), `${JSON.stringify(roster, null, 2)}\n`);
    return config;
  }
}
