import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SESSION_API_PREFIX, SESSION_CHANNELS, type SessionChannel } from '../../shared/session-channels.ts';
import { sessionContract, type RequestContext, type StudentChannels } from '../../shared/session-contract.ts';
import type { Envelope } from '../../shared/contract.ts';
import { callChecked } from '../dispatch.ts';
import { hostNames, listen, readJsonRequest, refuseForeignRequest, sendEnvelope, sendError, setSecurityHeaders } from '../http-common.ts';
import { serveRendererFile } from '../static-files.ts';

// The session server: what students on the school network reach. It answers the student
// contract at /session-api/<channel> and serves the built renderer; nothing else. The
// teacher's channels (/api/...) do not exist here at all, whatever the caller's address.

/** A student's request is a few hundred bytes; the largest answer is well under this. */
export const MAX_STUDENT_BODY_BYTES = 16 * 1024;

export interface SessionServerOptions {
  host: string;
  port: number;
  rendererDir: string;
  students: StudentChannels;
  log?: (message: string, error?: unknown) => void;
}

export interface RunningSessionServer {
  host: string;
  port: number;
  close(): Promise<void>;
}

function isSessionChannel(name: string): name is SessionChannel {
  return (SESSION_CHANNELS as readonly string[]).includes(name);
}

export function dispatchStudent(
  students: StudentChannels,
  channel: string,
  payload: unknown,
  context: RequestContext,
  log: (message: string, error: unknown) => void,
): Envelope<unknown> {
  if (!isSessionChannel(channel)) {
    return { ok: false, error: { code: 'unknown-channel', message: `there is no channel “${channel.slice(0, 64)}”` } };
  }
  const handler = students[channel] as (input: unknown, context: RequestContext) => unknown;
  // Student handlers are synchronous, so the reply is never a promise.
  return callChecked(channel, sessionContract[channel], (input) => handler(input, context), payload, log) as Envelope<unknown>;
}

export async function startSessionServer(options: SessionServerOptions): Promise<RunningSessionServer> {
  const { host, port, rendererDir, students, log = console.error } = options;
  let allowedHosts = new Set<string>();

  const server = createServer(
    // A student's laptop that stalls mid-request must not hold a connection for minutes.
    { requestTimeout: 15_000, headersTimeout: 10_000, keepAliveTimeout: 10_000 },
    (request, response) => {
      handle(request, response).catch((error: unknown) => {
        log('a session request failed', error);
        if (!response.headersSent) sendError(response, { code: 'internal', message: 'something went wrong; the error was logged' });
        else response.destroy();
      });
    },
  );

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    setSecurityHeaders(response);
    const refusal = refuseForeignRequest(request, allowedHosts);
    if (refusal) return sendError(response, refusal);

    const url = new URL(request.url ?? '/', 'http://session');
    if (url.pathname.startsWith(SESSION_API_PREFIX)) {
      const body = await readJsonRequest(request, MAX_STUDENT_BODY_BYTES);
      if (!body.ok) {
        if (body.status === 405) response.setHeader('Allow', 'POST');
        return sendError(response, body.error, body.status);
      }
      const channel = url.pathname.slice(SESSION_API_PREFIX.length);
      const context = { remoteAddress: request.socket.remoteAddress ?? 'unknown' };
      return sendEnvelope(response, dispatchStudent(students, channel, body.payload, context, log));
    }
    if (url.pathname.startsWith('/api/')) {
      return sendError(response, { code: 'not-found', message: 'there is no such thing here' });
    }
    return serveRendererFile(request, response, rendererDir, url.pathname);
  }

  const actualPort = await listen(server, host, port);
  allowedHosts = new Set(hostNames(host, actualPort));
  return {
    host,
    port: actualPort,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
