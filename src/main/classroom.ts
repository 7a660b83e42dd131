import { app, ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { TeacherWatch } from '../service/app.ts';
import type { Classroom } from '../service/classroom/classroom.ts';
import { FeedWatches } from '../service/classroom/feed-watches.ts';
import { FEED_IPC } from '../shared/channels.ts';
import { forwardStudentCall } from '../service/classroom/proxy.ts';
import { SESSION_CHANNELS, SESSION_IPC_PREFIX } from '../shared/session-channels.ts';
import { isTrustedSender, untrustedSender } from './security.ts';

// Class sessions in the desktop app: the teacher's session server lives as long as the app
// (reopened on start, stopped before quitting, the session itself kept for next time), and a
// student's calls to another computer's session go through main (see service/classroom/proxy.ts).

export function runClassroom(classroom: Classroom): void {
  void classroom.resume();
  let stopped = false;
  app.on('before-quit', (event) => {
    if (stopped) return;
    event.preventDefault();
    void classroom.stop().finally(() => {
      stopped = true;
      app.quit();
    });
  });
}

export function registerSessionProxy(rendererUrl: string): void {
  for (const channel of SESSION_CHANNELS) {
    ipcMain.handle(SESSION_IPC_PREFIX + channel, (event: IpcMainInvokeEvent, address: unknown, payload: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) return untrustedSender();
      return forwardStudentCall(address, channel, payload);
    });
  }
}

/**
 * The live dashboard pushed to the page (webContents.send) rather than polled: main hears of
 * every change anyway, and a push costs nothing while the class is quiet. The page subscribes
 * through the preload's typed watchSession; its watches end when it reloads or closes.
 */
export function registerSessionFeed(watchSession: TeacherWatch, rendererUrl: string): void {
  const watches = new FeedWatches(watchSession);
  const followed = new WeakSet<WebContents>();
  ipcMain.handle(FEED_IPC.watch, (event: IpcMainInvokeEvent, watchId: unknown, sessionId: unknown, teacherToken: unknown) => {
    if (!isTrustedSender(event, rendererUrl)) return untrustedSender();
    const page = event.sender;
    if (!followed.has(page)) {
      followed.add(page);
      const id = page.id;
      page.once('destroyed', () => watches.stopPage(id));
      page.on('did-start-navigation', (details) => {
        if (details.isMainFrame && !details.isSameDocument) watches.stopPage(id);
      });
    }
    return watches.start(page.id, watchId, sessionId, teacherToken, (id, sessionEvent) => {
      if (!page.isDestroyed()) page.send(FEED_IPC.event, id, sessionEvent);
    });
  });
  ipcMain.handle(FEED_IPC.unwatch, (event: IpcMainInvokeEvent, watchId: unknown) => {
    watches.stop(event.sender.id, watchId);
    return { ok: true, value: null };
  });
}
