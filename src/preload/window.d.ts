import type { EvidentApi, SessionFeedApi } from '../shared/contract.ts';
import type { SessionProxyApi } from '../shared/session-contract.ts';

declare global {
  interface Window {
    /** Present in the desktop app (set by the preload); absent in a browser. */
    evident?: EvidentApi;
    /** The desktop app's way into a class session on another computer; absent in a browser. */
    evidentSession?: SessionProxyApi;
    /** The live class dashboard pushed by main (desktop app); absent in a browser, which uses server-sent events. */
    evidentFeed?: SessionFeedApi;
  }
}

export {};
