// Readability runs in a worker thread, so that the import's time limit can stop it. Readability
// is synchronous: on the service's own thread a pathological page (tens of thousands of nested
// or sibling elements) would hold the event loop past any timer, and the limit would fire only
// after the work was done. In a worker, the limit terminates the thread, whatever it is doing.
//
// The worker is started from source text (`eval`), not from a file, so that it runs the same in
// the bundled main process, in the browser build's server and in Node running the sources (tests,
// benchmarks): the packages it needs are resolved here, on the service's side, and passed to it
// as absolute paths. It sends back HTML (the article Readability found, or the page's body when
// it found none), which the service turns into lines as before.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Deadline } from './errors.ts';
import { ImportError } from './errors.ts';

export interface ReadablePage {
  /** The article's HTML as Readability cleaned it; absent when it found no article. */
  content?: string;
  /** The page's body, when Readability found no article: read as it is. */
  body?: string;
  title?: string;
  byline?: string;
  siteName?: string;
}

type WorkerReply = { id: number } & ({ ok: true; page: ReadablePage } | { ok: false; message: string });

// Plain JavaScript: it runs in the worker as it is, with no build step. One page at a time.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { Readability } = require(workerData.readability);
const { parseHTML } = require(workerData.linkedom);
const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
parentPort.on('message', ({ id, html }) => {
  let reply;
  try {
    // linkedom never runs a script or fetches anything; Readability edits the document it reads.
    const { document } = parseHTML(html);
    const result = new Readability(document).parse();
    reply = result && text(result.content)
      ? { id, ok: true, page: { content: result.content, title: text(result.title), byline: text(result.byline), siteName: text(result.siteName) } }
      : { id, ok: true, page: { body: document.body ? document.body.innerHTML : '' } };
  } catch (error) {
    reply = { id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort.postMessage(reply);
});
`;

// A reader left idle this long is stopped, giving its memory back; the next page starts another.
const IDLE_MILLISECONDS = 60_000;

interface Reader {
  worker: Worker;
  pending: Map<number, { resolve: (reply: WorkerReply) => void; reject: (error: unknown) => void }>;
}

let modules: { readability: string; linkedom: string } | undefined;
let current: Reader | undefined;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
let nextId = 0;
let queue: Promise<unknown> = Promise.resolve();

function modulePaths(): { readability: string; linkedom: string } {
  if (!modules) {
    const require = createRequire(import.meta.url);
    modules = { readability: require.resolve('@mozilla/readability'), linkedom: require.resolve('linkedom') };
  }
  return modules;
}

function startReader(): Reader {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: modulePaths(),
    // A page cannot make the worker take the service's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  const reader: Reader = { worker, pending: new Map() };
  const fail = (error: unknown): void => {
    if (current === reader) current = undefined;
    for (const waiting of reader.pending.values()) waiting.reject(error);
    reader.pending.clear();
  };
  worker.on('message', (reply: WorkerReply) => {
    reader.pending.get(reply.id)?.resolve(reply);
    reader.pending.delete(reply.id);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`the page reader stopped (exit code ${code})`)));
  // An idle reader never keeps the service (or a script) from exiting; a page being read is
  // waited for by the deadline's timer. (After the listeners: adding one refs the thread again.)
  worker.unref();
  return reader;
}

function stop(reader: Reader): Promise<number> {
  if (current === reader) current = undefined;
  return reader.worker.terminate();
}

async function readNow(html: string, deadline: Deadline): Promise<ReadablePage> {
  deadline.check();
  clearTimeout(idleTimer);
  const reader = (current ??= startReader());
  const id = nextId++;
  const reply = new Promise<WorkerReply>((resolve, reject) => reader.pending.set(id, { resolve, reject }));
  reader.worker.postMessage({ id, html });
  try {
    // At the limit the thread is terminated, whatever Readability is doing.
    const answer = await deadline.race(reply, () => stop(reader));
    if (!answer.ok) throw new ImportError('unreadable-file', `the page could not be read as HTML (${answer.message})`);
    return answer.page;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/memory/iu.test(message))
      throw new ImportError('unreadable-file', 'the page is too complex to read: it needs more memory than allowed');
    throw new ImportError('unreadable-file', `the page could not be read as HTML (${message})`);
  } finally {
    if (current === reader) {
      idleTimer = setTimeout(() => void stop(reader), IDLE_MILLISECONDS);
      idleTimer.unref();
    }
  }
}

/**
 * Reads a saved page with Readability over linkedom in a worker thread, one page at a time. The
 * thread is terminated when the deadline passes (the import is then refused as too slow); the
 * next page starts a new one.
 */
export function readPage(html: string, deadline: Deadline): Promise<ReadablePage> {
  const read = queue.then(() => readNow(html, deadline));
  queue = read.catch(() => undefined);
  return read;
}
