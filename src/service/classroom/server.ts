import type { IncomingMessage } from 'node:http';
import { SESSION_API_PREFIX, SESSION_CHANNELS, type SessionChannel } from '../../shared/session-channels.ts';
import { sessionContract, type RequestContext, type StudentChannels } from '../../shared/session-contract.ts';
import { refusal, type Envelope } from '../../shared/contract.ts';
import { callChecked } from '../dispatch.ts';
import { createApiServer } from '../api-server.ts';
import { hostNames, REQUEST_TIMEOUTS } from '../http-common.ts';

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
  /**
   * Who is asking, for per-computer rules such as the join limit: the connection's peer
   * address. Tests inject their own to simulate a class of computers on one loopback address
   * (macOS answers only 127.0.0.1 there).
   */
  clientAddress?: (request: IncomingMessage) => string | undefined;
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
): Envelope<unknown> | Promise<Envelope<unknown>> {
  if (!isSessionChannel(channel)) {
    return { ok: false, error: refusal('unknown-channel', `there is no channel “${channel.slice(0, 64)}”`) };
  }
  const handler = students[channel] as (input: unknown, context: RequestContext) => unknown;
  // An answer's reply waits for its commit; the other student handlers answer at once.
  return callChecked(channel, sessionContract[channel], (input) => handler(input, context), payload, log);
}

export async function startSessionServer(options: SessionServerOptions): Promise<RunningSessionServer> {
  const { host, port, rendererDir, students, log = console.error, clientAddress = (request) => request.socket.remoteAddress } = options;
  const server = createApiServer({
    apiPrefix: SESSION_API_PREFIX,
    bodyLimit: MAX_STUDENT_BODY_BYTES,
    rendererDir,
    log,
    // A student's laptop that stalls mid-request must not hold a connection for minutes.
    serverOptions: REQUEST_TIMEOUTS,
    absentPrefixes: ['/api/'],
    route: (channel, payload, request) =>
      dispatchStudent(students, channel, payload, { remoteAddress: clientAddress(request) ?? 'unknown' }, log),
  });
  const actualPort = await server.listen(host, port, (bound) => hostNames(host, bound));
  return { host, port: actualPort, close: server.close };
}
