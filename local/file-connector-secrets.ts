/**
 * The connectors' credentials in the local runner: `config/connectors.json` when present, else the shipped
 * `config/connectors.example.json` (example values only: docs/connectors.md). Re-read when the file changes.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ConnectorSecrets } from '../shared/ports';

/** `connectors.json` in `dir` when present, else `connectors.example.json`. */
export const connectorsFile = (dir: string): string =>
  existsSync(join(dir, 'connectors.json'))
    ? join(dir, 'connectors.json')
    : join(dir, 'connectors.example.json');

export class FileConnectorSecrets implements ConnectorSecrets {
  private cached?: { mtimeMs: number; all: Record<string, unknown> };

  constructor(private readonly file: string) {}

  async get(name: string): Promise<unknown> {
    if (!existsSync(this.file)) return undefined;
    const { mtimeMs } = await stat(this.file);
    if (this.cached?.mtimeMs !== mtimeMs) {
      const all = JSON.parse(await readFile(this.file, 'utf8')) as Record<string, unknown>;
      this.cached = { mtimeMs, all };
    }
    return this.cached.all[name];
  }
}
