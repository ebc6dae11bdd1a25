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

/** The module specifiers a file imports or re-exports (static, side-effect and dynamic imports). */
const importsOf = (file: string): string[] =>
  [
    ...code(file).matchAll(
      /(?:^|[\s;])(?:import|export)\s[^'"`;]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*\(?\s*['"]([^'"]+)['"]/gm,
    ),
  ].map((match) => match[1] ?? match[2] ?? '');

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
    // TwiML is XML read by Twilio, not a page: its three verbs are written by a small escaping XML writer
    // (test/unit/connectors/twiml.test.ts), which keeps a template library out of the hooks bundle.
    const xmlWriters = ['shared/connectors/twiml.ts'];
    const files = ['functions', 'shared', 'local', 'infra']
      .flatMap(sources)
      .filter((file) => !xmlWriters.includes(file));

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

describe('layering: who may import whom', () => {
  it('keeps the domain pure: it imports other domain modules, the kernel, npm packages and node builtins only', () => {
    // Prepare
    const kernel = ['../errors', '../ids', '../random'];
    const files = sources('shared/domain');

    // Act
    const outside = files.flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('.') && !/^\.\/[^/]+$/.test(spec) && !kernel.includes(spec))
        .map((spec) => `${file} → ${spec}`),
    );

    // Assess
    expect(files.length).toBeGreaterThan(10);
    expect(outside).toEqual([]);
  });

  it('keeps services apart: no app service imports another service, not even for a type', () => {
    // Prepare
    const services = sources('shared/app').filter((file) => file.endsWith('-service.ts'));

    // Act
    const importing = services.flatMap((file) =>
      importsOf(file)
        .filter((spec) => /-service$/.test(spec))
        .map((spec) => `${file} → ${spec}`),
    );

    // Assess
    expect(services.length).toBeGreaterThan(5);
    expect(importing).toEqual([]);
  });

  it('keeps the ports declarations only: shared/ports.ts exports types and interfaces, nothing that runs', () => {
    // Act
    const exported = [...code('shared/ports.ts').matchAll(/^\s*export\s+(?:declare\s+)?(\w+|[{*])/gm)].map(
      (match) => match[1],
    );
    const runnable = exported.filter((keyword) => keyword !== 'interface' && keyword !== 'type');

    // Assess
    expect(exported.length).toBeGreaterThan(5);
    expect(runnable).toEqual([]);
  });
});

describe('bundles: imports that keep a function small', () => {
  it('imports zod as a namespace: `import { z }` pulls every locale into a bundle (hooks grew to 673 KB)', () => {
    // Prepare
    const files = ['functions', 'shared', 'local'].flatMap(sources);

    // Act
    const named = files.filter((file) => /import\s*\{\s*z\s*\}\s*from\s*'zod'/.test(code(file)));

    // Assess
    expect(named).toEqual([]);
  });

  it('imports libphonenumber-js from its ES2015+ build (`libphonenumber-js/core/es6`): the ES5 one is 15 KB more per bundle', () => {
    // Prepare
    const files = ['functions', 'shared', 'local'].flatMap(sources);

    // Act
    const legacy = files.filter((file) =>
      importsOf(file).some(
        (spec) => spec.startsWith('libphonenumber-js') && spec !== 'libphonenumber-js/core/es6',
      ),
    );

    // Assess
    expect(legacy).toEqual([]);
  });
});
