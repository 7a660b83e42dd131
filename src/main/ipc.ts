import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../shared/channels.ts';
import { dispatch } from '../service/dispatch.ts';
import type { Service } from '../service/service.ts';
import { isTrustedSender, untrustedSender } from './security.ts';

// The contract over IPC: one handler per channel; the sender must be the app's own page.

export function registerIpc(service: Service, rendererUrl: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      if (!isTrustedSender(event, rendererUrl)) return untrustedSender();
      return dispatch(service, channel, payload);
    });
  }
}
