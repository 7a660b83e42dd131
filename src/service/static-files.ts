import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { refusal } from '../shared/contract.ts';
import { CONTENT_SECURITY_POLICY, sendError } from './http-common.ts';

// The built renderer as static files, for both HTTP servers. Nothing outside `rendererDir` is
// ever read: the path is decoded once, normalised, and must stay under the root; and the file's
// real path (symbolic links resolved) must be under the root's real path too.

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

export async function serveStatic(rendererDir: string, pathname: string, headOnly: boolean, response: ServerResponse): Promise<void> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return sendError(response, refusal('invalid-path', 'the path is not valid'));
  }
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = normalize(rendererDir + sep);
  const file = normalize(join(root, relative));
  if (!file.startsWith(root) || decoded.includes('\0')) {
    return sendError(response, refusal('no-such-file', 'no such file'));
  }
  let content: Buffer;
  try {
    const realRoot = await realpath(rendererDir);
    const realFile = await realpath(file);
    if (!realFile.startsWith(realRoot + sep)) throw new Error('outside the renderer folder');
    content = await readFile(realFile);
  } catch {
    return sendError(response, refusal('no-such-file', 'no such file'));
  }
  const type = CONTENT_TYPES[extname(file)] ?? 'application/octet-stream';
  response.writeHead(200, {
    'Content-Type': type,
    'Content-Length': content.length,
    'Cache-Control': type.startsWith('text/html') ? 'no-cache' : 'public, max-age=3600',
    // On every reply, not only pages: an SVG or a JSON file opened directly is a document too.
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  });
  response.end(headOnly ? undefined : content);
}

/** Everything that is not the API: the built renderer's files, read-only. */
export function serveRendererFile(
  request: IncomingMessage,
  response: ServerResponse,
  rendererDir: string,
  pathname: string,
): Promise<void> | void {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.setHeader('Allow', 'GET, HEAD');
    return sendError(response, refusal('wrong-method', 'only GET and HEAD are served here'), 405);
  }
  return serveStatic(rendererDir, pathname, request.method === 'HEAD', response);
}
