import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpServer, type RunningServer } from '../../src/service/http.ts';
import { serviceHarness, tempDir, type Harness } from './fixtures.ts';

// Every page load asks POST /session-api/info whether a class session served it. The teacher's
// own server must answer "no" plainly, not with a 405 that the browser logs on every load.

let harness: Harness;
let server: RunningServer;
let cleanup: () => void;

beforeAll(async () => {
  harness = serviceHarness();
  const temp = tempDir();
  cleanup = temp.cleanup;
  const rendererDir = join(temp.dir, 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Evident</title>');
  server = await startHttpServer({ service: harness.service, rendererDir, log: () => {} });
});

afterAll(async () => {
  await server.close();
  harness.close();
  cleanup();
});

describe('the teacher’s server asked whether it is a class session', () => {
  it('answers 200: not a session', async () => {
    const reply = await fetch(`${server.url}session-api/info`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ ok: true, value: { session: false } });
  });

  it('still answers none of the session’s other operations', async () => {
    const reply = await fetch(`${server.url}session-api/join`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"code":"ABCDEF","name":"Ada"}',
    });
    expect(reply.status).not.toBe(200);
  });
});
