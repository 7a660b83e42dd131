import { app, session, shell, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../service/http.ts';
import { refusal, type Envelope } from '../shared/contract.ts';

// The Electron security checklist, applied once for every web contents the app creates.

export function isAppUrl(url: string, rendererUrl: string): boolean {
  if (rendererUrl.startsWith('file:')) return url.split(/[?#]/)[0] === rendererUrl;
  try {
    return new URL(url).origin === new URL(rendererUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The sender check of every IPC handler: only the app's own page, in its top frame, may call.
 * A subframe, another origin, or another `file:` page than the app's is refused, and so is a
 * frame already gone (Electron then gives no senderFrame).
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, rendererUrl: string): boolean {
  const frame = event.senderFrame;
  return frame != null && frame.parent === null && isAppUrl(frame.url, rendererUrl);
}

/** What an untrusted sender gets back, instead of running anything. */
export function untrustedSender(): Envelope<never> {
  return { ok: false, error: refusal('untrusted-sender', 'this page may not use the Evident API') };
}

export function hardenSessions(): void {
  const defaultSession = session.defaultSession;
  defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

export function hardenWebContents(rendererUrl: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, rendererUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Links in an article open in the user's browser, never inside the app.
      if (url.startsWith('https:')) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}
