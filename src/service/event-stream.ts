import type { IncomingMessage, ServerResponse } from 'node:http';

// Server-sent events (the HTML standard's text/event-stream) on one response: what the teacher's
// dashboard listens to instead of asking twice a second. The browser's EventSource reconnects
// by itself after a dropped connection (`retry` below); the watcher sends a whole snapshot on
// every (re)connection, so nothing is missed across one, without replaying from Last-Event-ID.

/** Sent as a comment now and then, so that an idle stream is not taken for a dead one. */
const HEARTBEAT_MS = 15_000;
/** How long a browser waits before reconnecting a dropped stream. */
const RETRY_MS = 1_000;
/** A dashboard that reads slower than this falls behind: it is cut off and reconnects to a fresh snapshot. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface EventStream {
  /** Sends one event; the headers go out with the first. False once the stream is closed. */
  send(id: number, data: unknown): boolean;
  /** Called once the client has gone or the stream was closed. */
  onClose(callback: () => void): void;
  close(): void;
}

export function openEventStream(request: IncomingMessage, response: ServerResponse): EventStream {
  let open = true;
  let started = false;
  const closers: (() => void)[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const finish = () => {
    if (!open) return;
    open = false;
    clearInterval(heartbeat);
    for (const callback of closers.splice(0)) callback();
  };
  request.once('close', finish);
  response.once('close', finish);

  function start(): void {
    started = true;
    response.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    response.write(`retry: ${RETRY_MS}\n\n`);
    heartbeat = setInterval(() => response.write(': still here\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
  }

  const stream: EventStream = {
    send(id, data) {
      if (!open) return false;
      if (!started) start();
      if (response.writableLength > MAX_BUFFERED_BYTES) {
        stream.close();
        return false;
      }
      // JSON.stringify escapes line breaks inside strings, so the event is one data line.
      response.write(`id: ${id}\ndata: ${JSON.stringify(data)}\n\n`);
      return true;
    },
    onClose(callback) {
      if (open) closers.push(callback);
      else callback();
    },
    close() {
      if (!open) return;
      response.end();
      finish();
    },
  };
  return stream;
}
