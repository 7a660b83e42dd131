import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer, withTimeoutChecks, type ApiServer } from '../../src/service/api-server.ts';
import { startHttpServer, type RunningServer } from '../../src/service/http.ts';
import { REQUEST_TIMEOUTS } from '../../src/service/http-common.ts';
import { serviceHarness, type Harness } from './fixtures.ts';

// Node checks request and header timeouts only every `connectionsCheckingInterval` (30 s by
// default), so a configured 15 s fired at 38–45 s. The server sets the interval from its own
// timeouts; here they are short, so the test waits well under a second, not 30.

let server: ApiServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** Sends `text` and never finishes the request; resolves with what came back and when the server hung up. */
function stall(port: number, text: string): Promise<{ reply: string; afterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk.toString()));
    socket.on('close', () => resolve({ reply, afterMs: performance.now() - started }));
    socket.on('error', reject);
  });
}

async function start(serverOptions: { requestTimeout: number; headersTimeout: number }): Promise<number> {
  server = createApiServer({
    apiPrefix: '/api/',
    bodyLimit: 1024,
    rendererDir: '/nonexistent',
    log: () => {},
    serverOptions,
    route: () => ({ ok: true, value: null }),
  });
  return server.listen('127.0.0.1', 0, (port) => [`127.0.0.1:${port}`]);
}

describe('slow requests', () => {
  it('a request whose headers never end is cut off at the configured headers timeout', { timeout: 5_000 }, async () => {
    const port = await start({ requestTimeout: 800, headersTimeout: 400 });
    const { reply, afterMs } = await stall(port, `POST /api/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: `);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(350);
    expect(afterMs).toBeLessThan(2_000);
  });

  it('a request whose body never ends is cut off at the configured request timeout', { timeout: 5_000 }, async () => {
    const port = await start({ requestTimeout: 600, headersTimeout: 400 });
    const head = `POST /api/x HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":`;
    const { afterMs } = await stall(port, head);
    expect(afterMs).toBeGreaterThanOrEqual(550);
    expect(afterMs).toBeLessThan(2_500);
  });
});

describe('the checking interval', () => {
  it('keeps the session server’s 10 s and 15 s within a second of what was configured', () => {
    expect(withTimeoutChecks({ requestTimeout: 15_000, headersTimeout: 10_000 }).connectionsCheckingInterval).toBe(1_000);
  });

  it('leaves a server without timeouts, or with its own interval, as it was', () => {
    expect(withTimeoutChecks({}).connectionsCheckingInterval).toBeUndefined();
    expect(withTimeoutChecks({ requestTimeout: 5_000, connectionsCheckingInterval: 7 }).connectionsCheckingInterval).toBe(7);
  });
});

describe('the teacher’s loopback server', () => {
  let teacher: RunningServer | undefined;
  let harness: Harness | undefined;
  afterEach(async () => {
    await teacher?.close();
    harness?.close();
    teacher = undefined;
    harness = undefined;
  });

  it('cuts off a request whose headers never end, as the session server does', { timeout: 5_000 }, async () => {
    harness = serviceHarness();
    teacher = await startHttpServer({
      service: harness.service,
      rendererDir: '/nonexistent',
      log: () => {},
      timeouts: { headersTimeout: 400, requestTimeout: 800, keepAliveTimeout: 400 },
    });
    const { reply, afterMs } = await stall(teacher.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${teacher.port}\r\nX-Slow: `);
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
    expect(afterMs).toBeGreaterThanOrEqual(350);
    expect(afterMs).toBeLessThan(2_000);
  });

  it('has the session server’s timeouts when none are given (Node’s own keep 60 s, 300 s and 5 s)', async () => {
    harness = serviceHarness();
    teacher = await startHttpServer({ service: harness.service, rendererDir: '/nonexistent', log: () => {} });
    // The keep-alive timeout is announced on every reply; the others travel with it in one object.
    const keepAlive = await new Promise<string | undefined>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: teacher!.port, path: '/session-api/info', agent: new Agent({ keepAlive: true }) },
        (res) => {
          res.resume();
          resolve(String(res.headers['keep-alive']));
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(keepAlive).toBe(`timeout=${REQUEST_TIMEOUTS.keepAliveTimeout / 1000}`);
    expect(REQUEST_TIMEOUTS).toEqual({ headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 10_000 });
  });
});
