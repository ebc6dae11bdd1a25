/**
 * Business settings and roster from JSON files, re-read when a file changes, so the local runner
 * picks up roster edits without a restart (as the deployed app does from its table).
 */

import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../shared/domain/config';
import { parseAppConfig } from '../shared/domain/load-config';
import { ConfigError } from '../shared/errors';
import type { ConfigSource } from '../shared/ports';

/** `business.json`/`roster.json` in `dir` when present, else the shipped `*.example.json`. */
export const configFiles = (dir: string): { business: string; roster: string } => {
  const pick = (name: string) =>
    existsSync(join(dir, `${name}.json`)) ? join(dir, `${name}.json`) : join(dir, `${name}.example.json`);
  return { business: pick('business'), roster: pick('roster') };
};

/** A file's JSON, or a `ConfigError` naming the file. */
const parseJson = (file: string, text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError('Invalid configuration', [
      { path: file, message: `not valid JSON (${(error as Error).message})` },
    ]);
  }
};

export class FileConfigSource implements ConfigSource {
  private cached?: { key: string; config: AppConfig };

  constructor(private readonly files: { business: string; roster: string }) {}

  async load(): Promise<AppConfig> {
    const [business, roster] = await Promise.all([stat(this.files.business), stat(this.files.roster)]);
    const key = `${business.mtimeMs}:${roster.mtimeMs}`;
    if (this.cached?.key === key) return this.cached.config;
    const [businessJson, rosterJson] = await Promise.all([
      readFile(this.files.business, 'utf8'),
      readFile(this.files.roster, 'utf8'),
    ]);
    const config = parseAppConfig(
      parseJson(this.files.business, businessJson),
      parseJson(this.files.roster, rosterJson),
    );
    this.cached = { key, config };
    return config;
  }
}
