import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../shared/channels.ts';
import { SESSION_CHANNELS, SESSION_IPC_PREFIX } from '../shared/session-channels.ts';
import type { EvidentApi } from '../shared/contract.ts';
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

contextBridge.exposeInMainWorld('evident', api);
contextBridge.exposeInMainWorld('evidentSession', sessionProxy);
