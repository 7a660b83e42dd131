// Loaded into the benchmarked server with `--import` (loopback-class.ts, when a benchmark asks for
// it): the server's own view of each student request, from the moment Node has parsed its headers
// to the moment the reply is handed to the socket, read through node:http's diagnostics channels
// so that nothing in the server changes. On the shared two-core machine the load generator eats
// CPU the server would otherwise have; this says how much of a reply's latency the server itself
// spent (queueing on its event loop included, the time before the headers were read not).
//
// On exit the durations (ms) of the requests whose path starts with EVIDENT_PROBE_PATH, in the order
// they finished, are written as JSON to EVIDENT_PROBE_OUT, with the event loop's delay and the
// durations of the disk syncs, from the first such request on.
import { subscribe } from 'node:diagnostics_channel';
import fs, { writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

const out = process.env['EVIDENT_PROBE_OUT'];
const prefix = process.env['EVIDENT_PROBE_PATH'] ?? '/session-api/answer';

if (out) {
  const started = new WeakMap<ServerResponse, number>();
  const durations: number[] = [];
  let measuring = false;
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  subscribe('http.server.request.start', (message) => {
    const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
    if (!request.url?.startsWith(prefix)) return;
    if (durations.length === 0 && !measuring) {
      measuring = true;
      loop.reset(); // the loop's delay while these requests are served, not while the class joined
    }
    started.set(response, performance.now());
  });
  subscribe('http.server.response.finish', (message) => {
    const { response } = message as { response: ServerResponse };
    const t0 = started.get(response);
    if (t0 !== undefined) durations.push(performance.now() - t0);
  });
  // How long each of the server's syncs took (group-commit.ts syncs the write-ahead log with
  // fs.fsync in Node's thread pool), from the call to its callback on the event loop: an answer is
  // acknowledged after its sync. That is the disk's time and, on a busy loop, the wait for the loop
  // to run the callback: here a sync of the log alone takes 0.25–0.5 ms, while the burst's syncs
  // measure 5–20 ms at their median, about the event loop's own delay.
  const syncs: number[] = [];
  const fsync = fs.fsync;
  fs.fsync = ((fd: number, done: (error: NodeJS.ErrnoException | null) => void) => {
    const t0 = performance.now();
    fsync(fd, (error) => {
      if (measuring) syncs.push(performance.now() - t0);
      done(error);
    });
  }) as typeof fs.fsync;
  syncBuiltinESMExports(); // the server's `import { fsync } from 'node:fs'` sees the wrapper
  process.once('exit', () => {
    loop.disable();
    const ms = (ns: number) => ns / 1e6;
    writeFileSync(
      out,
      JSON.stringify({
        durations,
        syncs,
        loopDelay: { p50: ms(loop.percentile(50)), p99: ms(loop.percentile(99)), max: ms(loop.max) },
      }),
    );
  });
}
