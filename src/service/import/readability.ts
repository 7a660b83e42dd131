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

type WorkerReply = { ok: true; page: ReadablePage } | { ok: false; message: string };

// Plain JavaScript: it runs in the worker as it is, with no build step.
const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { Readability } = require(workerData.readability);
const { parseHTML } = require(workerData.linkedom);
let reply;
try {
  // linkedom never runs a script or fetches anything; Readability edits the document it reads.
  const { document } = parseHTML(workerData.html);
  const result = new Readability(document).parse();
  const text = (value) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  reply = result && text(result.content)
    ? { ok: true, page: { content: result.content, title: text(result.title), byline: text(result.byline), siteName: text(result.siteName) } }
    : { ok: true, page: { body: document.body ? document.body.innerHTML : '' } };
} catch (error) {
  reply = { ok: false, message: error instanceof Error ? error.message : String(error) };
}
parentPort.postMessage(reply);
`;

let modules: { readability: string; linkedom: string } | undefined;

function modulePaths(): { readability: string; linkedom: string } {
  if (!modules) {
    const require = createRequire(import.meta.url);
    modules = { readability: require.resolve('@mozilla/readability'), linkedom: require.resolve('linkedom') };
  }
  return modules;
}

/**
 * Reads a saved page with Readability over linkedom in a worker thread, which is terminated when
 * the deadline passes (the import is then refused as too slow).
 */
export async function readPage(html: string, deadline: Deadline): Promise<ReadablePage> {
  deadline.check();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { html, ...modulePaths() },
    // A page cannot make the worker take the service's memory with it.
    resourceLimits: { maxOldGenerationSizeMb: 512 },
    stdout: true,
    stderr: true,
  });
  const reply = new Promise<WorkerReply>((resolve, reject) => {
    worker.once('message', (message: WorkerReply) => resolve(message));
    worker.once('error', (error) => reject(error));
    worker.once('exit', (code) => reject(new Error(`the page reader stopped (exit code ${code})`)));
  });
  try {
    const answer = await deadline.race(reply, () => worker.terminate());
    if (!answer.ok) throw new ImportError('unreadable-file', `the page could not be read as HTML (${answer.message})`);
    return answer.page;
  } catch (error) {
    if (error instanceof ImportError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/memory/iu.test(message)) throw new ImportError('unreadable-file', 'the page is too complex to read: it needs more memory than allowed');
    throw new ImportError('unreadable-file', `the page could not be read as HTML (${message})`);
  } finally {
    void worker.terminate();
  }
}
