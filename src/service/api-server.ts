import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';
import { refusal, type Envelope } from '../shared/contract.ts';
import { listen, readJsonRequest, refuseForeignRequest, sendEnvelope, sendError, setSecurityHeaders } from './http-common.ts';
import { serveRendererFile } from './static-files.ts';

export interface ApiServerOptions {
  /** Requests under this path are API calls: a JSON body routed by the channel name after it. */
  apiPrefix: string;
  /** The largest body taken, in bytes: one number, or one per request (a channel that takes files). */
  bodyLimit: number | ((channel: string, request: IncomingMessage) => number);
  rendererDir: string;
  /** Answers one API call; the transport does nothing else with it. */
  route: (channel: string, payload: unknown, request: IncomingMessage) => Envelope<unknown> | Promise<Envelope<unknown>>;
  log: (message: string, error?: unknown) => void;
  serverOptions?: ServerOptions;
  /** Paths that do not exist on this server whatever the method (another server's API). */
  absentPrefixes?: readonly string[];
  /** The clock of the dropped-request log's window (tests move it by hand). */
  now?: () => number;
  /** Paths answered with a fixed reply whatever the method (the teacher's server saying it is no class session). */
  fixedReplies?: Readonly<Record<string, Envelope<unknown>>>;
  /** GET paths answered by a long-lived stream (server-sent events), each by its own handler. */
  streams?: Readonly<Record<string, (request: IncomingMessage, response: ServerResponse, url: URL) => void>>;
}

/** At most one line a minute about requests that clients dropped half-way. */
export const DROPPED_LOG_WINDOW_MS = 60_000;

/**
 * A client that drops its request half-way (a closed laptop lid, or somebody flooding the
 * server) is the client's business: one line, no stack trace, and at most one line a window,
 * which counts the drops it kept quiet about. Otherwise any client could flood the log.
 */
export function createDroppedRequestLog(log: (message: string) => void, now: () => number, windowMs = DROPPED_LOG_WINDOW_MS) {
  let windowStart = -Infinity;
  let quiet = 0;
  return (remoteAddress: string | undefined): void => {
    const time = now();
    if (time - windowStart < windowMs) {
      quiet++;
      return;
    }
    const earlier = quiet > 0 ? ` (${quiet + 1} requests dropped since the last such line, ${quiet} of them not logged)` : '';
    log(`a request from ${remoteAddress ?? 'an unknown address'} was dropped by the client before it was complete${earlier}`);
    windowStart = time;
    quiet = 0;
  };
}

function isDropped(request: IncomingMessage, error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ECONNRESET' || code === 'ECONNABORTED' || code === 'EPIPE' || (request.destroyed && !request.complete);
}

export interface ApiServer {
  /** Starts listening; from then on only `hosts` (host:port) are answered. */
  listen(host: string, port: number, hosts: (port: number) => string[]): Promise<number>;
  close(): Promise<void>;
}

/**
 * Node checks the request and headers timeouts only every `connectionsCheckingInterval`, 30 s by
 * default, so a configured 15 s fired at 38–45 s. Checking ten times per shortest timeout (at
 * most once a second, at least every 50 ms) keeps each within a tenth of what was configured.
 */
export function withTimeoutChecks(serverOptions: ServerOptions): ServerOptions {
  const timeouts = [serverOptions.requestTimeout, serverOptions.headersTimeout].filter((t): t is number => t !== undefined && t > 0);
  if (timeouts.length === 0 || serverOptions.connectionsCheckingInterval !== undefined) return serverOptions;
  const interval = Math.min(1_000, Math.max(50, Math.floor(Math.min(...timeouts) / 10)));
  return { ...serverOptions, connectionsCheckingInterval: interval };
}

/**
 * What both servers do with every request: security headers, the Host and Origin checks, then
 * either an API call (size-limited JSON, routed) or a file of the built renderer.
 */
export function createApiServer(options: ApiServerOptions): ApiServer {
  const { apiPrefix, bodyLimit, rendererDir, route, log } = options;
  const logDropped = createDroppedRequestLog((message) => log(message), options.now ?? Date.now);
  let allowedHosts = new Set<string>();

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // JSON replies (sendJson) carry the security headers themselves; files and streams get them here.
    const foreign = refuseForeignRequest(request, allowedHosts);
    if (foreign) return sendError(response, foreign);

    const url = new URL(request.url ?? '/', 'http://server');
    const fixed =
      options.fixedReplies && Object.hasOwn(options.fixedReplies, url.pathname) ? options.fixedReplies[url.pathname] : undefined;
    if (fixed) return sendEnvelope(response, fixed);
    if (options.absentPrefixes?.some((prefix) => url.pathname.startsWith(prefix))) {
      return sendError(response, refusal('no-such-route', 'there is no such thing here'));
    }
    const stream = options.streams && Object.hasOwn(options.streams, url.pathname) ? options.streams[url.pathname] : undefined;
    if (stream && request.method === 'GET') {
      setSecurityHeaders(response);
      return stream(request, response, url);
    }
    if (!url.pathname.startsWith(apiPrefix)) {
      setSecurityHeaders(response);
      return serveRendererFile(request, response, rendererDir, url.pathname);
    }
    let channel: string;
    try {
      channel = decodeURIComponent(url.pathname.slice(apiPrefix.length));
    } catch {
      return sendError(response, refusal('unknown-channel', 'the channel name is not valid'));
    }
    const body = await readJsonRequest(request, typeof bodyLimit === 'number' ? bodyLimit : bodyLimit(channel, request));
    if (!body.ok) {
      if (body.status === 405) response.setHeader('Allow', 'POST');
      return sendError(response, body.error, body.status);
    }
    return sendEnvelope(response, await route(channel, body.payload, request));
  }

  const server = createServer(withTimeoutChecks(options.serverOptions ?? {}), (request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (isDropped(request, error)) {
        logDropped(request.socket.remoteAddress);
        return void response.destroy();
      }
      log('an HTTP request failed', error);
      if (!response.headersSent) sendError(response, refusal('unexpected-error', 'something went wrong; the error was logged'));
      else response.destroy();
    });
  });

  return {
    async listen(host, port, hosts) {
      const actualPort = await listen(server, host, port);
      allowedHosts = new Set(hosts(actualPort));
      return actualPort;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
