import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeGraph } from '../../../local/fake-graph';

describe('the local fake Graph API', () => {
  it('answers Meta’s own Graph URLs, so the example settings keep the URL a deployed stack needs', () => {
    // Act
    const meta = fakeGraph(new URL('https://graph.facebook.com/v24.0/900000000000001?access_token=x'));
    const local = fakeGraph(new URL('http://127.0.0.1:4000/_local/graph/900000000000001?access_token=x'));
    const other = fakeGraph(new URL('https://example.com/v24.0/900000000000001?access_token=x'));

    // Assess
    expect(meta).toEqual(local);
    expect(meta?.status).toBe(200);
    expect(other).toBeUndefined();
  });

  it('is not named by the example business settings, which a stack without business.json deploys', () => {
    // Act
    const example = readFileSync(join(import.meta.dirname, '../../../config/business.example.json'), 'utf8');

    // Assess
    expect(example).not.toMatch(/localhost|127\.0\.0\.1|_local/);
  });
});
