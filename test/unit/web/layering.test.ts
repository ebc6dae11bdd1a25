import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

/** The TypeScript sources under `dir` (relative to the project root), recursively. */
const sources = (dir: string): string[] =>
  readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => join(dir, file));

const read = (file: string): string => readFileSync(join(ROOT, file), 'utf8');

/** The code of a file without its comments (a doc comment may name an element, e.g. `<input>`). */
const code = (file: string): string =>
  read(file)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

describe('layering: pages live in the web layer', () => {
  it('keeps markup and CSS out of the domain', () => {
    // Prepare
    const files = sources('shared/domain');

    // Act
    const withMarkup = files.filter((file) =>
      /<(!doctype|html|head|body|main|style|div|form|input|section|label|select|textarea)\b/i.test(
        code(file),
      ),
    );

    // Assess
    expect(files.length).toBeGreaterThan(10);
    expect(withMarkup).toEqual([]);
  });

  it('leaves escaping to the renderer: no hand-written HTML escaping in product code', () => {
    // Prepare
    const files = ['functions', 'shared', 'local', 'infra'].flatMap(sources);

    // Act
    const escaping = files.filter((file) => /escapeHtml|&amp;'|&lt;'|&quot;'/.test(read(file)));

    // Assess
    expect(escaping).toEqual([]);
  });

  it('keeps the app layer independent of the web layer', () => {
    // Act
    const importing = sources('shared/app').filter((file) => read(file).includes("from '../web/"));

    // Assess
    expect(importing).toEqual([]);
  });
});
