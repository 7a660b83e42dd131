import type { IncomingMessage, ServerResponse } from 'node:http';
import { CSV_EXPORT_PATH, isTeacherChannel, SESSION_EVENTS_PATH } from '../shared/channels.ts';
import { SESSION_API_PREFIX } from '../shared/session-channels.ts';
import { refusal, SessionId } from '../shared/contract.ts';
import { MAX_IMPORT_FILE_BYTES } from '../shared/import-contract.ts';
import { createApiServer } from './api-server.ts';
import { dispatch } from './dispatch.ts';
import { ServiceError } from './errors.ts';
import { openEventStream } from './event-stream.ts';
import { hostNames, isLoopbackAddress, REQUEST_TIMEOUTS, sendError } from './http-common.ts';
import type { Service } from './service.ts';
import type { TeacherCsvExport, TeacherWatch } from './app.ts';
import { writeCsv } from './results-export.ts';

// The contract over node:http: POST /api/<channel> with a JSON body, and the built renderer as
// static files. It routes only; the service does the work.

export { CONTENT_SECURITY_POLICY, isLoopbackAddress } from './http-common.ts';

export const MAX_BODY_BYTES = 64 * 1024;
/**
 * A teacher's call on this computer may carry an article file as base64 inside the JSON body:
 * the largest file the import takes, a third more for base64, and room for the rest.
 */
export const MAX_TEACHER_BODY_BYTES = Math.ceil(MAX_IMPORT_FILE_BYTES / 3) * 4 + 64 * 1024;

export interface HttpServerOptions {
  service: Service;
  rendererDir: string;
  host?: string;
  port?: number;
  log?: (message: string, error?: unknown) => void;
  /** The classroom's live dashboard, pushed as server-sent events to this computer's unlocked teacher only. */
  watchSession?: TeacherWatch;
  /** The slow-request timeouts: the session server's (REQUEST_TIMEOUTS) unless a test shortens them. */
  timeouts?: { headersTimeout: number; requestTimeout: number; keepAliveTimeout: number };
  /** CSV exports streamed at CSV_EXPORT_PATH, to this computer's unlocked teacher only. */
  csvExport?: TeacherCsvExport;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The teacher token, sent as `Authorization: Bearer <token>`; the service decides what it opens. */
export function bearerToken(request: IncomingMessage): string | undefined {
  const match = /^Bearer ([A-Za-z0-9_-]{16,200})$/.exec(request.headers.authorization ?? '');
  return match?.[1];
}

/** EventSource cannot send headers, so the dashboard's stream carries the teacher token as `?token=`. */
function queryToken(url: URL): string | undefined {
  const token = url.searchParams.get('token') ?? '';
  return /^[A-Za-z0-9_-]{16,200}$/.test(token) ? token : undefined;
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const {
    service,
    rendererDir,
    host = '127.0.0.1',
    port = 0,
    log = console.error,
    watchSession,
    csvExport,
    timeouts = REQUEST_TIMEOUTS,
  } = options;

  /** The export is written as it is read: the response's own buffer paces the database reads. */
  function csvDownload(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (!isLoopbackAddress(request.socket.remoteAddress)) {
      return sendError(response, refusal('teacher-only', 'results are available only on the teacher’s own computer'));
    }
    if (!csvExport) return sendError(response, refusal('no-such-route', 'this server does not export results'));
    const query = Object.fromEntries(url.searchParams);
    let file: ReturnType<TeacherCsvExport>;
    try {
      file = csvExport(query, { teacherToken: bearerToken(request) });
    } catch (error) {
      if (error instanceof ServiceError) return sendError(response, error.toWire());
      log('a CSV export failed', error);
      return sendError(response, refusal('unexpected-error', 'something went wrong; the error was logged'));
    }
    response.writeHead(200, {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Cache-Control': 'no-store',
    });
    writeCsv(file.records, response).then(
      () => {
        if (file.unreadable.length > 0) log(`the CSV export ${file.filename} left out ${file.unreadable.length} unreadable stored records`);
      },
      (error: unknown) => {
        // The headers are gone: the only honest thing left is to cut the file short.
        log('a CSV export stopped half-way', error);
        response.destroy();
      },
    );
  }

  function sessionEvents(request: IncomingMessage, response: ServerResponse, url: URL): void {
    if (!isLoopbackAddress(request.socket.remoteAddress)) {
      return sendError(response, refusal('teacher-only', 'the class dashboard is available only on the teacher’s own computer'));
    }
    const sessionId = SessionId.safeParse(url.searchParams.get('sessionId'));
    if (!sessionId.success) return sendError(response, refusal('invalid-request', 'name the session to watch: ?sessionId=<its id>'));
    if (!watchSession) return sendError(response, refusal('hosting-unavailable', 'this copy of Evident cannot host class sessions'));
    const stream = openEventStream(request, response);
    try {
      // A stream that closes (the dashboard went away, or fell too far behind) stops the watch.
      const caller = { teacherToken: bearerToken(request) ?? queryToken(url) };
      const stop = watchSession(
        sessionId.data,
        (event) => {
          stream.send(event.kind === 'snapshot' ? event.status.version : event.update.version, event);
        },
        caller,
      );
      stream.onClose(stop);
    } catch (error) {
      // Nothing was sent yet (the snapshot is the first event), so this is still a plain reply.
      if (error instanceof ServiceError) return sendError(response, error.toWire());
      log('watching a class session failed', error);
      sendError(response, refusal('unexpected-error', 'something went wrong; the error was logged'));
    }
  }

  const server = createApiServer({
    apiPrefix: '/api/',
    // The teacher's channels carry whole articles and files, and answer only on this computer.
    bodyLimit: (channel, request) =>
      isTeacherChannel(channel) && isLoopbackAddress(request.socket.remoteAddress) ? MAX_TEACHER_BODY_BYTES : MAX_BODY_BYTES,
    rendererDir,
    log,
    // The same limits as the session server's: a program on this computer that stalls a request
    // (or a page left half-loaded) must not hold connections open for minutes either.
    serverOptions: { ...timeouts },
    // Every page asks whether a class session served it (see the renderer's main.ts): here, no.
    fixedReplies: { [`${SESSION_API_PREFIX}info`]: { ok: true, value: { session: false } } },
    streams: { [SESSION_EVENTS_PATH]: sessionEvents, [CSV_EXPORT_PATH]: csvDownload },
    route: (channel, payload, request) => {
      if (isTeacherChannel(channel) && !isLoopbackAddress(request.socket.remoteAddress)) {
        return { ok: false, error: refusal('teacher-only', 'results are available only on the teacher’s own computer') };
      }
      return dispatch(service, channel, payload, log, { teacherToken: bearerToken(request) });
    },
  });
  const actualPort = await server.listen(host, port, (bound) => [...hostNames(host, bound), `localhost:${bound}`, `127.0.0.1:${bound}`]);
  return { url: `http://${host}:${actualPort}/`, port: actualPort, close: server.close };
}
