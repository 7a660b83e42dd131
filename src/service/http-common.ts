import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostAndPort } from '../core/classroom/address.ts';
import { refusal, type Envelope, type ErrorCode, type WireError } from '../shared/contract.ts';

// What both HTTP servers share: the teacher's loopback binding (http.ts) and the classroom's
// session server (classroom/server.ts). Headers, the Host and Origin checks, bodies, replies.

/**
 * How long a client may take over one request, on both servers: a laptop that stalls mid-request
 * (or somebody holding connections open on purpose) must not keep a connection for minutes. The
 * server checks these often enough to hold them (api-server.ts, withTimeoutChecks). A long-lived
 * stream (the dashboard's server-sent events) is not cut: these bound receiving the request only.
 */
export const REQUEST_TIMEOUTS = { headersTimeout: 10_000, requestTimeout: 15_000, keepAliveTimeout: 10_000 } as const;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  'invalid-response': 422,
  forbidden: 403,
  'not-found': 404,
  'unknown-channel': 404,
  conflict: 409,
  'rate-limited': 429,
  internal: 500,
};

/** What every reply carries, as name, value, name, value… (writeHead's flat form). */
const SECURITY_HEADERS: readonly string[] = [
  'X-Content-Type-Options',
  'nosniff',
  'Referrer-Policy',
  'no-referrer',
  'Cross-Origin-Resource-Policy',
  'same-origin',
  'X-Frame-Options',
  'DENY',
];

/** The security headers, on a reply whose other headers come later (a file, a stream); JSON replies carry them in sendJson. */
export function setSecurityHeaders(response: ServerResponse): void {
  for (let i = 0; i < SECURITY_HEADERS.length; i += 2) response.setHeader(SECURITY_HEADERS[i]!, SECURITY_HEADERS[i + 1]!);
}

/**
 * Another web page in the same browser, or a DNS-rebound name, must not reach the API: the Host
 * header must be one of the server's own addresses, and an Origin, when sent, must be the same.
 * Returns the refusal, or undefined when the request may go on.
 */
export function refuseForeignRequest(request: IncomingMessage, allowedHosts: ReadonlySet<string>): WireError | undefined {
  const hostHeader = request.headers.host ?? '';
  if (!allowedHosts.has(hostHeader.toLowerCase())) {
    return refusal('wrong-host', 'this server answers only to its own address');
  }
  const origin = request.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${hostHeader.toLowerCase()}`) {
    return refusal('cross-site', 'requests from other sites are refused');
  }
  return undefined;
}

/** The host:port strings a server on `host` answers to (IPv6 addresses in brackets). */
export function hostNames(host: string, port: number): string[] {
  const names = [hostAndPort(host, port)];
  if (isLoopbackAddress(host)) names.push(`localhost:${port}`, `127.0.0.1:${port}`);
  return names.map((n) => n.toLowerCase());
}

/** Whether a connection comes from this machine: 127.0.0.0/8 or ::1, also in their IPv6-mapped form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

export type JsonBody = { ok: true; payload: unknown } | { ok: false; error: WireError; status?: number };

/**
 * Exactly `application/json`, with no parameter or a UTF-8 charset (quoted or not, any case):
 * nothing looser, so no other encoding, type or parameter is ever read as JSON. A whitelist,
 * so a pattern suffices where a general Content-Type parser would not add anything.
 */
export function isJsonContentType(header: string | undefined): boolean {
  return /^[ \t]*application\/json[ \t]*(?:;[ \t]*charset[ \t]*=[ \t]*(?:utf-8|"utf-8")[ \t]*)?$/i.test(header ?? '');
}

/** A POST with a JSON body of at most `limit` bytes, parsed; or the reason it was refused. */
export async function readJsonRequest(request: IncomingMessage, limit: number): Promise<JsonBody> {
  if (request.method !== 'POST') {
    return { ok: false, error: refusal('wrong-method', 'use POST for the API'), status: 405 };
  }
  if (!isJsonContentType(request.headers['content-type'])) {
    return {
      ok: false,
      error: refusal('wrong-content-type', 'send the request body as application/json, in UTF-8 (charset=utf-8 or none)'),
      status: 415,
    };
  }
  const body = await readBody(request, limit);
  if (body === undefined) {
    return { ok: false, error: refusal('body-too-large', `the request body is larger than ${limit} bytes`), status: 413 };
  }
  try {
    return { ok: true, payload: body.length === 0 ? {} : (JSON.parse(body) as unknown) };
  } catch (error) {
    return { ok: false, error: refusal('body-not-json', `the request body is not JSON: ${(error as Error).message}`) };
  }
}

/** Resolves to the body as text, or to undefined once it passes the size limit (the rest is drained, not kept). */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

export function sendEnvelope(response: ServerResponse, envelope: Envelope<unknown>): void {
  sendJson(response, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
}

export function sendError(response: ServerResponse, error: WireError, status = STATUS[error.code]): void {
  sendJson(response, status, { ok: false, error });
}

const JSON_HEADERS: readonly string[] = [
  ...SECURITY_HEADERS,
  'Content-Type',
  'application/json; charset=utf-8',
  'Cache-Control',
  'no-store',
];

/**
 * Every header of a JSON reply (the security headers included) goes to writeHead at once, as one
 * flat list: set one by one (setHeader), each kept in a map of its own before the head was
 * written, and a class's burst of answers spent about 2.5 KB of garbage and a few µs on that per
 * reply. Headers a caller set before (Allow) are kept.
 */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, [...JSON_HEADERS, 'Content-Length', String(Buffer.byteLength(text))]);
  response.end(text);
}

/** Starts listening and resolves to the port actually bound (the one asked for, or a free one for 0). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
