import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { TEACHER_CHANNELS } from '../shared/channels.ts';
import { dispatch } from './dispatch.ts';
import {
  hostNames,
  listen,
  isLoopbackAddress,
  readJsonRequest,
  refuseForeignRequest,
  sendEnvelope,
  sendError,
  setSecurityHeaders,
} from './http-common.ts';
import type { Service } from './service.ts';
import { serveRendererFile } from './static-files.ts';

// The contract over node:http: POST /api/<channel> with a JSON body, and the built renderer as
// static files. It routes only; the service does the work.

export { CONTENT_SECURITY_POLICY, isLoopbackAddress } from './http-common.ts';

export const MAX_BODY_BYTES = 64 * 1024;

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
    setSecurityHeaders(response);
    const refusal = refuseForeignRequest(request, allowedHosts);
    if (refusal) return sendError(response, refusal);

    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      const body = await readJsonRequest(request, MAX_BODY_BYTES);
      if (!body.ok) {
        if (body.status === 405) response.setHeader('Allow', 'POST');
        return sendError(response, body.error, body.status);
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      if ((TEACHER_CHANNELS as readonly string[]).includes(channel) && !isLoopbackAddress(request.socket.remoteAddress)) {
        return sendError(response, { code: 'forbidden', message: 'results are available only on the teacher’s own computer' });
      }
      return sendEnvelope(response, await dispatch(service, channel, body.payload, log));
    }

    return serveRendererFile(request, response, rendererDir, url.pathname);
  }

  const actualPort = await listen(server, host, port);
  allowedHosts = new Set([...hostNames(host, actualPort), `localhost:${actualPort}`, `127.0.0.1:${actualPort}`]);
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
