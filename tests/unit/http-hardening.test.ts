import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer, type ApiServer } from '../../src/service/api-server.ts';
import { tempDir } from './fixtures.ts';

// What both HTTP servers refuse or survive: loose content types, symbolic links out of the
// renderer's folder, and clients that drop their requests half-way (a log flood).

let server: ApiServer | undefined;
let cleanups: (() => void)[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const cleanup of cleanups) cleanup();
  cleanups = [];
});

async function start(options: { rendererDir?: string; log?: (message: string, error?: unknown) => void; now?: () => number } = {}) {
  server = createApiServer({
    apiPrefix: '/api/',
    bodyLimit: 1024,
    rendererDir: options.rendererDir ?? '/nonexistent',
    log: options.log ?? (() => {}),
    ...(options.now ? { now: options.now } : {}),
    route: (_channel, payload) => ({ ok: true, value: payload }),
  });
  return server.listen('127.0.0.1', 0, (port) => [`127.0.0.1:${port}`]);
}

function send(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (c) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('request bodies', () => {
  const accepted = [
    'application/json',
    'application/json; charset=utf-8',
    'Application/JSON;Charset="UTF-8"',
    'application/json ; charset=UTF-8',
  ];
  const refused = [
    'application/json; charset=latin1',
    'application/json; charset=utf-16',
    'application/json-patch+json',
    'application/jsonp',
    'application/json; charset=utf-8; boundary=x',
    'application/json, text/plain',
    'text/plain',
    'text/json',
  ];

  for (const type of accepted) {
    it(`takes ${type}`, async () => {
      const port = await start();
      const reply = await send(port, 'POST', '/api/echo', { 'Content-Type': type }, '{"a":1}');
      expect(reply.status).toBe(200);
    });
  }

  for (const type of refused) {
    it(`refuses ${type}, saying what to send`, async () => {
      const port = await start();
      const reply = await send(port, 'POST', '/api/echo', { 'Content-Type': type }, '{"a":1}');
      expect(reply.status).toBe(415);
      expect(JSON.parse(reply.text).error.message).toMatch(/application\/json.*UTF-8/);
    });
  }

  it('refuses a body with no content type', async () => {
    const port = await start();
    expect((await send(port, 'POST', '/api/echo', {}, '{"a":1}')).status).toBe(415);
  });
});

describe('static files', () => {
  function rendererWithLinks() {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const renderer = join(dir, 'renderer');
    const outside = join(dir, 'outside');
    mkdirSync(join(renderer, 'assets'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(renderer, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(outside, 'secret.txt'), 'the teacher’s secret');
    symlinkSync(join(outside, 'secret.txt'), join(renderer, 'secret.txt'));
    symlinkSync(outside, join(renderer, 'linked'));
    // A link that stays inside is fine.
    symlinkSync(join(renderer, 'assets', 'app.js'), join(renderer, 'alias.js'));
    return renderer;
  }

  it('does not follow a symbolic link out of its folder, to a file or through a folder', async () => {
    const port = await start({ rendererDir: rendererWithLinks() });
    for (const path of ['/secret.txt', '/linked/secret.txt']) {
      const reply = await send(port, 'GET', path);
      expect(reply.status, path).toBe(404);
      expect(reply.text).not.toContain('secret');
    }
  });

  it('still serves its own files, and a link that stays inside', async () => {
    const port = await start({ rendererDir: rendererWithLinks() });
    expect((await send(port, 'GET', '/')).status).toBe(200);
    expect((await send(port, 'GET', '/assets/app.js')).status).toBe(200);
    expect((await send(port, 'GET', '/alias.js')).status).toBe(200);
  });
});

describe('dropped requests', () => {
  /** Starts a request with a body it never finishes, then drops the connection. */
  function dropHalfway(port: number): Promise<void> {
    return new Promise((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.write(
          `POST /api/echo HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`,
        );
        setTimeout(() => socket.destroy(), 20);
      });
      socket.on('close', () => resolve());
      socket.on('error', () => {});
    });
  }

  it('logs a flood of them once, on one line, and counts the rest in the next line', async () => {
    const lines: string[] = [];
    let clock = 0;
    const port = await start({
      log: (message, error) => lines.push(error === undefined ? message : `${message}\n${String((error as Error).stack)}`),
      now: () => clock,
    });
    for (let i = 0; i < 20; i++) await dropHalfway(port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).toMatch(/dropped/);
    clock += 61_000;
    await dropHalfway(port);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(/20 /); // this one and the 19 kept quiet before it
    expect(lines[1]).not.toContain('\n');
  });
});
