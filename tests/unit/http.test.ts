import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startHttpServer, type RunningServer } from '../../src/service/http.ts';
import { serviceHarness, tempDir, type Harness } from './fixtures.ts';

let harness: Harness;
let server: RunningServer;
let rendererDir: string;
let cleanupRenderer: () => void;

beforeAll(async () => {
  harness = serviceHarness();
  const temp = tempDir();
  cleanupRenderer = temp.cleanup;
  rendererDir = join(temp.dir, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Evident</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(temp.dir, 'secret.txt'), 'outside the renderer');
  server = await startHttpServer({ service: harness.service, rendererDir, log: () => {} });
});

afterAll(async () => {
  await server.close();
  harness.close();
  cleanupRenderer();
});

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw request, so that tests can send headers a browser would not let fetch() forge. */
function send(method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, method, path, headers: { Host: `127.0.0.1:${server.port}`, ...options.headers } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

const json = { 'Content-Type': 'application/json' };

describe('the HTTP binding', () => {
  it('serves the contract: POST /api/<channel> with a JSON body', async () => {
    const reply = await send('POST', '/api/listQuizzes', { body: '{}', headers: json });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: true, value: [{ id: 'north-korea-un' }] });
  });

  it('maps error codes onto statuses and keeps the error as data', async () => {
    const unknown = await send('POST', '/api/dropTables', { body: '{}', headers: json });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body)).toEqual({
      ok: false,
      error: { code: 'unknown-channel', reason: 'unknown-channel', message: 'there is no channel “dropTables”' },
    });

    const bad = await send('POST', '/api/startAttempt', { body: '{"quizId":"north-korea-un"}', headers: json });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.issues).toEqual([{ path: 'studentName', message: expect.any(String) }]);

    const notJson = await send('POST', '/api/listQuizzes', { body: '{"oops', headers: json });
    expect(notJson.status).toBe(400);
    expect(JSON.parse(notJson.body).error).toMatchObject({ reason: 'body-not-json', message: expect.stringMatching(/not JSON/) });

    const getApi = await send('GET', '/api/listQuizzes');
    expect(getApi.status).toBe(405);
    expect(JSON.parse(getApi.body).error.reason).toBe('wrong-method');
  });

  it('refuses a body over the size limit', async () => {
    const reply = await send('POST', '/api/listQuizzes', { body: `{"x":"${'a'.repeat(MAX_BODY_BYTES)}"}`, headers: json });
    expect(reply.status).toBe(413);
    expect(JSON.parse(reply.body).error).toMatchObject({ reason: 'body-too-large', message: expect.stringMatching(/larger than/) });
  });

  it('refuses other sites and other host names (cross-site requests, DNS rebinding)', async () => {
    const rebound = await send('POST', '/api/listQuizzes', { body: '{}', headers: { ...json, Host: `evil.example:${server.port}` } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body).error.reason).toBe('wrong-host');
    const crossSite = await send('POST', '/api/listQuizzes', { body: '{}', headers: { ...json, Origin: 'http://evil.example' } });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error.reason).toBe('cross-site');
    expect(crossSite.body).not.toContain('north-korea-un');
    const sameSite = await send('POST', '/api/listQuizzes', {
      body: '{}',
      headers: { ...json, Origin: `http://127.0.0.1:${server.port}` },
    });
    expect(sameSite.status).toBe(200);
    // A form post cannot carry JSON's content type, so it cannot reach the API either.
    const form = await send('POST', '/api/listQuizzes', { body: 'a=1', headers: { 'Content-Type': 'text/plain' } });
    expect(form.status).toBe(415);
  });

  it('sends the security headers with every kind of reply: an answer, a refusal, a 405 with its Allow, a file, a missing file', async () => {
    const replies = {
      answer: await send('POST', '/api/listQuizzes', { body: '{}', headers: json }),
      refusal: await send('POST', '/api/startAttempt', { body: '{}', headers: json }),
      foreign: await send('POST', '/api/listQuizzes', { body: '{}', headers: { ...json, Host: `evil.example:${server.port}` } }),
      wrongMethod: await send('GET', '/api/listQuizzes'),
      file: await send('GET', '/assets/app.js'),
      missing: await send('GET', '/nothing-here.js'),
    };
    for (const [kind, reply] of Object.entries(replies)) {
      expect(reply.headers, kind).toMatchObject({
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cross-origin-resource-policy': 'same-origin',
        'x-frame-options': 'DENY',
      });
    }
    expect(replies.answer.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      'content-length': String(Buffer.byteLength(replies.answer.body)),
    });
    expect(replies.wrongMethod.headers['allow']).toBe('POST');
    expect(replies.file.headers['content-type']).toMatch(/javascript/);
  });

  it('serves the renderer with a CSP and nothing outside it', async () => {
    const index = await send('GET', '/');
    expect(index.status).toBe(200);
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toMatch(/script-src[^;]*unsafe-inline/);
    const asset = await send('GET', '/assets/app.js');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/%00', '/nothing-here.js']) {
      const reply = await send('GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.body, path).not.toContain('outside the renderer');
    }
  });
});
