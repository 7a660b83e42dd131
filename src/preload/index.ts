import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, IPC_PREFIX } from '../shared/channels.ts';
import type { EvidentApi } from '../shared/contract.ts';

// One method per channel of the contract, each bound to its own IPC channel: the page gets no
// generic invoke and no ipcRenderer.
const api = Object.fromEntries(
  CHANNELS.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(IPC_PREFIX + channel, input)]),
) as EvidentApi;

contextBridge.exposeInMainWorld('evident', api);
