import { app, session, shell, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../service/http.ts';

// The Electron security checklist, applied once for every web contents the app creates.

export function isAppUrl(url: string, rendererUrl: string): boolean {
  if (rendererUrl.startsWith('file:')) return url.split(/[?#]/)[0] === rendererUrl;
  try {
    return new URL(url).origin === new URL(rendererUrl).origin;
  } catch {
    return false;
  }
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
