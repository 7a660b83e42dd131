import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, FEED_IPC, IPC_PREFIX } from '../shared/channels.ts';
import { SESSION_CHANNELS, SESSION_IPC_PREFIX } from '../shared/session-channels.ts';
import type { Envelope, EvidentApi, SessionEvent, SessionFeedApi } from '../shared/contract.ts';
import type { SessionProxyApi } from '../shared/session-contract.ts';

// One method per channel of the contract, each bound to its own IPC channel: the page gets no
// generic invoke and no ipcRenderer.
const api = Object.fromEntries(
  CHANNELS.map((channel) => [
    channel,
    (input: unknown, teacherToken?: string) => ipcRenderer.invoke(IPC_PREFIX + channel, input, teacherToken),
  ]),
) as EvidentApi;

// A student's calls to a class session on another computer, forwarded by main: one method per
// student channel, each taking the session's address.
const sessionProxy = Object.fromEntries(
  SESSION_CHANNELS.map((channel) => [
    channel,
    (address: string, input: unknown) => ipcRenderer.invoke(SESSION_IPC_PREFIX + channel, address, input),
  ]),
) as SessionProxyApi;

// The live class dashboard, pushed by main: each watch has its own id, so that two views of the
// page (the dashboard and the projector) can watch at once and stop independently.
let watches = 0;
const feed: SessionFeedApi = {
  watchSession(sessionId, onEvent, onProblem, teacherToken) {
    const watchId = ++watches;
    const listener = (_event: IpcRendererEvent, id: unknown, sessionEvent: SessionEvent) => {
      if (id === watchId) onEvent(sessionEvent);
    };
    ipcRenderer.on(FEED_IPC.event, listener);
    void ipcRenderer.invoke(FEED_IPC.watch, watchId, sessionId, teacherToken).then(
      (reply: Envelope<null>) => onProblem(reply.ok ? null : reply.error.message),
      () => onProblem('the live view could not start; reopen the session screen'),
    );
    return () => {
      ipcRenderer.off(FEED_IPC.event, listener);
      void ipcRenderer.invoke(FEED_IPC.unwatch, watchId);
    };
  },
};

contextBridge.exposeInMainWorld('evident', api);
contextBridge.exposeInMainWorld('evidentFeed', feed);
contextBridge.exposeInMainWorld('evidentSession', sessionProxy);
