import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AddressInfo } from 'node:net';
import { TEACHER_CHANNELS } from '../shared/channels.ts';
import type { Envelope, ErrorCode, WireError } from '../shared/contract.ts';
import { dispatch } from './dispatch.ts';
import type { Service } from './service.ts';

// The contract over node:http: POST /api/<channel> with a JSON body, and the built renderer as
// static files. It routes only; the service does the work.

export const MAX_BODY_BYTES = 64 * 1024;

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

const STATUS: Record<ErrorCode, number> = {
  'bad-request': 400,
  'invalid-response': 422,
  forbidden: 403,
  'not-found': 404,
  'unknown-channel': 404,
  conflict: 409,
  internal: 500,
};

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.json': 'application/json',
};

export interface HttpServerOptions {
  service: Service;
  rendererDir: string;
  host?: string;
  port?: number;
  log?: (message: string, error?: unknown) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const { service, rendererDir, host = '127.0.0.1', port = 0, log = console.error } = options;
  let allowedHosts = new Set<string>();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      log('an HTTP request failed', error);
      if (!response.headersSent) sendError(response, { code: 'internal', message: 'something went wrong; the error was logged' });
      else response.destroy();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Referrer-Policy', 'no-referrer');
    response.setHeader('Cross-Origin-Resource-Policy', 'same-origin');

    // Another web page in the same browser, or a DNS-rebound name, must not reach the API.
    const hostHeader = request.headers.host ?? '';
    if (!allowedHosts.has(hostHeader.toLowerCase())) {
      return sendError(response, { code: 'forbidden', message: 'this server answers only to its own address' });
    }
    const origin = request.headers.origin;
    if (origin !== undefined && origin !== `http://${hostHeader}`) {
      return sendError(response, { code: 'forbidden', message: 'requests from other sites are refused' });
    }

    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (request.method !== 'POST') {
        response.setHeader('Allow', 'POST');
        return sendJson(response, 405, { ok: false, error: { code: 'bad-request', message: 'use POST for the API' } });
      }
      if (!/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
        return sendError(response, { code: 'bad-request', message: 'send the request body as application/json' });
      }
      const body = await readBody(request);
      if (body === undefined) {
        return sendError(response, { code: 'bad-request', message: `the request body is larger than ${MAX_BODY_BYTES} bytes` });
      }
      let payload: unknown;
      try {
        payload = body.length === 0 ? {} : JSON.parse(body);
      } catch (error) {
        return sendError(response, { code: 'bad-request', message: `the request body is not JSON: ${(error as Error).message}` });
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      if ((TEACHER_CHANNELS as readonly string[]).includes(channel) && !isLoopbackAddress(request.socket.remoteAddress)) {
        return sendError(response, { code: 'forbidden', message: 'results are available only on the teacher’s own computer' });
      }
      return sendEnvelope(response, dispatch(service, channel, payload, log));
    }

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('Allow', 'GET, HEAD');
      return sendError(response, { code: 'bad-request', message: 'only GET and HEAD are served here' }, 405);
    }
    return serveStatic(url.pathname, request.method === 'HEAD', response);
  }

  async function serveStatic(pathname: string, headOnly: boolean, response: ServerResponse): Promise<void> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return sendError(response, { code: 'bad-request', message: 'the path is not valid' });
    }
    const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
    const root = normalize(rendererDir + sep);
    const file = normalize(join(root, relative));
    if (!file.startsWith(root) || decoded.includes('\0')) {
      return sendError(response, { code: 'not-found', message: 'no such file' });
    }
    let content: Buffer;
    try {
      content = await readFile(file);
    } catch {
      return sendError(response, { code: 'not-found', message: 'no such file' });
    }
    const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
    response.writeHead(200, {
      'Content-Type': type,
      'Content-Length': content.length,
      'Cache-Control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY } : {}),
    });
    response.end(headOnly ? undefined : content);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actualPort = (server.address() as AddressInfo).port;
  allowedHosts = new Set([`${host}:${actualPort}`, `localhost:${actualPort}`, `127.0.0.1:${actualPort}`]);
  return {
    url: `http://${host}:${actualPort}/`,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Whether a connection comes from this machine: 127.0.0.0/8 or ::1, also in their IPv6-mapped form. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (address === undefined) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(v4) || address === '::1';
}

/** Resolves to the body as text, or to undefined once it passes the size limit. */
function readBody(request: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendEnvelope(response: ServerResponse, envelope: Envelope<unknown>): void {
  sendJson(response, envelope.ok ? 200 : STATUS[envelope.error.code], envelope);
}

function sendError(response: ServerResponse, error: WireError, status = STATUS[error.code]): void {
  sendJson(response, status, { ok: false, error });
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
  });
  response.end(text);
}
