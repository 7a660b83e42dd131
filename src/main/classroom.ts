import { app, ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { Classroom } from '../service/classroom/classroom.ts';
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
