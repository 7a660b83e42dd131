import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../shared/channels.ts';
import { dispatch } from '../service/dispatch.ts';
import type { Service } from '../service/service.ts';
import { isTrustedSender, untrustedSender } from './security.ts';

// The contract over IPC: one handler per channel; the sender must be the app's own page.

export function registerIpc(service: Service, rendererUrl: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event: IpcMainInvokeEvent, payload: unknown, teacherToken: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) return untrustedSender();
      // The teacher token is only passed on; the service decides what it opens.
      return dispatch(service, channel, payload, undefined, { teacherToken: typeof teacherToken === 'string' ? teacherToken : undefined });
    });
  }
}
