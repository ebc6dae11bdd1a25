/**
 * `npm run openapi`: writes the API's OpenAPI 3.1 description (the one `GET /openapi.json` serves) to
 * `docs/openapi.json`, for people reading the repository. A test fails when the file falls behind.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApiDocument } from '../shared/http/openapi';

export const OPENAPI_FILE = join(import.meta.dirname, '..', 'docs', 'openapi.json');

writeFileSync(OPENAPI_FILE, `${JSON.stringify(openApiDocument(), null, 2)}\n`);
// In the repository's own JSON style, so `npm run lint` stays clean.
execFileSync('npx', ['biome', 'format', '--write', OPENAPI_FILE], { stdio: 'ignore' });
console.log(`Wrote ${OPENAPI_FILE}`);
