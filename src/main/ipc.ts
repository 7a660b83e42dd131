import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../shared/channels.ts';
import { dispatch } from '../service/dispatch.ts';
import type { Service } from '../service/service.ts';
import { isAppUrl } from './security.ts';

// The contract over IPC: one handler per channel; the sender must be the app's own page.

export function registerIpc(service: Service, rendererUrl: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      if (!frame || frame.parent !== null || !isAppUrl(frame.url, rendererUrl)) {
        return { ok: false, error: { code: 'forbidden', message: 'this page may not use the Evident API' } };
      }
      return dispatch(service, channel, payload);
    });
  }
}
