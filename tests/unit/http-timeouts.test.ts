import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiServer, withTimeoutChecks, type ApiServer } from '../../src/service/api-server.ts';

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
