import type { EvidentApi } from '../shared/contract.ts';

declare global {
  interface Window {
    /** Present in the desktop app (set by the preload); absent in a browser. */
    evident?: EvidentApi;
  }
}

export {};
