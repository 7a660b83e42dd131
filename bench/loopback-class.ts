// What the classroom benchmarks share: the server as it ships (out/main/serve.js, built by
// `npm run bench`) in its own process, so its memory is its own; JSON posts over keep-alive
// connections from many loopback addresses (Linux routes 127/8 to loopback, so per-address
// rules see many computers); a session's students joined. Loopback only, always.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../src/service/server-flags.ts';
import { tempDir } from '../tests/unit/fixtures.ts';

export interface Reply {
  status: number;
  body: { ok: boolean; value?: any; error?: { message: string } };
}

export interface TeacherServer {
  port: number;
  /** The unlocked teacher's token: teacher channels and the dashboard's stream need it. */
  token: string;
  /** A teacher channel, called as the unlocked teacher. */
  teacher(path: string, payload: unknown): Promise<Reply>;
  process: ChildProcess;
  /** VmRSS or VmHWM (peak) of the server process, in MB. */
  memoryMb(field: 'VmRSS' | 'VmHWM'): number;
  /** CPU time the server process has used so far (user + system), in ms: steadier than wall time on a shared machine. */
  cpuMs(): number;
  /**
   * The same by kind of thread, in ms: the event loop's (user and system apart: system is mostly
   * the sockets' reads and writes), V8's helpers (concurrent GC and compilation), libuv's pool
   * (the syncs of the log) and worker threads (the checkpointer). Threads that exited are left out.
   */
  cpuByThread(): ThreadCpu;
  stop(): Promise<void>;
  /**
   * With `probe`, once stopped: how long the server itself took over each request of the probed
   * path (bench/server-probe.ts), in ms, and its event loop's delay meanwhile.
   */
  probed(): ServerProbe | undefined;
}

export interface ServerProbe {
  durations: number[];
  /** The server's syncs of its write-ahead log, in ms. */
  syncs: number[];
  loopDelay: { p50: number; p99: number; max: number };
}

export interface ThreadCpu {
  loopUser: number;
  loopSystem: number;
  v8Helpers: number;
  libuvPool: number;
  workers: number;
  other: number;
  /** How long the event loop's thread was ready to run but waited for a core (schedstat), in ms. */
  loopWaitedForCore: number;
}

/** utime and stime (fields 14 and 15 of /proc/…/stat, in clock ticks of 10 ms) of one process or thread, in ms. */
function statCpuMs(path: string): { user: number; system: number } {
  const fields = readFileSync(path, 'utf8').split(') ')[1]!.split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}

function threadCpu(pid: number): ThreadCpu {
  const cpu: ThreadCpu = { loopUser: 0, loopSystem: 0, v8Helpers: 0, libuvPool: 0, workers: 0, other: 0, loopWaitedForCore: 0 };
  try {
    // /proc/<pid>/schedstat: time on a core, time waiting in the run queue (ns), slices.
    cpu.loopWaitedForCore = Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
  } catch {
    // a kernel without scheduler statistics: the line says 0
  }
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    let name: string;
    let used: { user: number; system: number };
    try {
      name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      used = statCpuMs(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      continue; // the thread exited meanwhile
    }
    if (Number(tid) === pid) {
      cpu.loopUser += used.user;
      cpu.loopSystem += used.system;
      continue;
    }
    const total = used.user + used.system;
    if (name.startsWith('V8Worker')) cpu.v8Helpers += total;
    else if (name.startsWith('libuv-worker')) cpu.libuvPool += total;
    else if (name.startsWith('WorkerThread')) cpu.workers += total;
    else cpu.other += total;
  }
  return cpu;
}

/** What the server's threads used between two readings, in µs an answer, on one line. */
export function describeThreadCpu(before: ThreadCpu, after: ThreadCpu, answers: number): string {
  const per = (key: keyof ThreadCpu) => (((after[key] - before[key]) * 1000) / Math.max(1, answers)).toFixed(0);
  return (
    `  the server's CPU an answer by thread: event loop ${per('loopUser')} µs user + ${per('loopSystem')} µs system, ` +
    `V8's helpers ${per('v8Helpers')} µs, libuv's pool (syncs) ${per('libuvPool')} µs, worker threads ${per('workers')} µs, other ${per('other')} µs; ` +
    `the event loop waited for a core (other processes had both) ${(after.loopWaitedForCore - before.loopWaitedForCore).toFixed(0)} ms in all`
  );
}

export interface TeacherServerOptions {
  /** Times the server's own handling of requests under this path (bench/server-probe.ts). */
  probe?: string;
}

export async function startTeacherServer(options: TeacherServerOptions = {}): Promise<TeacherServer> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { dir, cleanup } = tempDir();
  const { dir: probeDir, cleanup: probeCleanup } = tempDir();
  const probeFile = join(probeDir, 'probe.json');
  const probeFlags = options.probe ? [`--import=${join(root, 'bench/server-probe.ts')}`] : [];
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  // The server's own flags, as `npm run serve` passes them; EXTRA_SERVER_FLAGS (diagnosis only,
  // e.g. "--trace-gc", whose output is then shown) come after them. BENCH_SERVER (comparisons
  // only) runs another build's serve.js, such as one of main before a change, on the same load.
  const script = process.env['BENCH_SERVER'] ?? join(root, 'out/main/serve.js');
  const flags = (process.env['EXTRA_SERVER_FLAGS'] ?? '').split(' ').filter(Boolean);
  const server = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, ...flags, ...probeFlags, script, '--port', String(port), '--data-dir', dir, '--renderer', dir],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      ...(options.probe ? { env: { ...process.env, EVIDENT_PROBE_OUT: probeFile, EVIDENT_PROBE_PATH: options.probe } } : {}),
    },
  );
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (chunk: Buffer) => {
      if (flags.length > 0) process.stderr.write(chunk);
      if (chunk.toString().includes('is serving')) resolve();
    });
    server.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const unlocked = await post(port, '/api/setTeacherPassphrase', { passphrase: 'the benchmark teacher' });
  if (!unlocked.body.ok) throw new Error(`setTeacherPassphrase: ${unlocked.body.error?.message}`);
  const token = (unlocked.body.value as { token: string }).token;
  let probe: ServerProbe | undefined;
  return {
    port,
    token,
    teacher: (path, payload) => post(port, path, payload, { token }),
    process: server,
    memoryMb(field) {
      const line = readFileSync(`/proc/${server.pid}/status`, 'utf8')
        .split('\n')
        .find((l) => l.startsWith(field));
      return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
    },
    cpuMs() {
      const { user, system } = statCpuMs(`/proc/${server.pid}/stat`);
      return user + system;
    },
    cpuByThread: () => threadCpu(server.pid!),
    async stop() {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      cleanup();
      if (options.probe && existsSync(probeFile)) probe = JSON.parse(readFileSync(probeFile, 'utf8')) as ServerProbe;
      probeCleanup();
    },
    probed: () => probe,
  };
}

/** One line: the server's own latency for the probed requests, its event loop's delay, the disk's syncs. */
export function describeProbe(probe: ServerProbe | undefined, what: string): string | undefined {
  if (!probe || probe.durations.length === 0) return undefined;
  const inServer = [...probe.durations].sort((a, b) => a - b);
  const syncs = [...probe.syncs].sort((a, b) => a - b);
  const { loopDelay } = probe;
  return (
    `  inside the server (headers read → reply handed to the socket): ${what} p50 ${percentile(inServer, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(inServer, 99).toFixed(1)} ms, max ${(inServer.at(-1) ?? NaN).toFixed(0)} ms; ` +
    `event loop delay p50 ${loopDelay.p50.toFixed(1)} ms, p99 ${loopDelay.p99.toFixed(1)} ms, max ${loopDelay.max.toFixed(0)} ms; ` +
    `the log's ${syncs.length.toLocaleString('en')} syncs, from their start to their callback on the event loop (the disk's time and the loop's wait; an answer waits for one): p50 ${percentile(syncs, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(syncs, 99).toFixed(1)} ms, max ${(syncs.at(-1) ?? NaN).toFixed(0)} ms`
  );
}

export function post(
  port: number,
  path: string,
  payload: unknown,
  options: { agent?: Agent; from?: string; token?: string } = {},
): Promise<Reply> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        ...(options.agent ? { agent: options.agent } : {}),
        ...(options.from ? { localAddress: options.from } : {}),
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'Content-Length': Buffer.byteLength(body),
          ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Reply['body'] });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: { ok: false, error: { message: text.slice(0, 200) } } });
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** The nth simulated computer. */
export const addressOf = (n: number) => `127.0.${1 + Math.floor(n / 250)}.${1 + (n % 250)}`;
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

export interface Seat {
  i: number;
  agent: Agent;
  from: string;
  token: string;
  attemptId: string;
}

/** Starts a session on 127.0.0.1 and seats `n` students, each from its own address, within `spreadMs`. */
export async function seatClass(server: TeacherServer, quizId: string, n: number, spreadMs: number) {
  const started = await server.teacher('/api/startSession', { quizId, host: '127.0.0.1', port: 0, settings: {} });
  if (!started.body.ok) throw new Error(`startSession: ${started.body.error?.message}`);
  const { sessionId, port, joinCode } = started.body.value as { sessionId: string; port: number; joinCode: string };
  const seats: Seat[] = await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      await sleep(Math.random() * spreadMs);
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const from = addressOf(i);
      const reply = await post(port, '/session-api/join', { code: joinCode, name: `Student ${i}` }, { agent, from });
      if (!reply.body.ok) throw new Error(`join ${i}: ${reply.body.error?.message}`);
      return { i, agent, from, token: reply.body.value.token as string, attemptId: reply.body.value.seat.attempt.attemptId as string };
    }),
  );
  return { sessionId, port, seats };
}

/**
 * One student's computer as the burst drives it: a keep-alive connection of its own, from its own
 * address, that writes each request as bytes built before the clock starts and reads the reply by
 * its status line, Content-Length and body, then parses the body as JSON, as a client must to know
 * what it was told. node:http's client (post above) spent 110–150 µs of CPU an answer on its
 * request, agent and response objects, on the two cores the server also runs on; this takes a
 * fraction of that, so the server gets the cores and the load generator's own event loop, serving
 * 300 students at once, adds less of its queueing to each student's latency. What is timed is
 * still the whole exchange: from just before the first byte is written to after the last byte of
 * the reply is read and its status and body checked.
 */
export class StudentConnection {
  readonly #port: number;
  readonly #from: string | undefined;
  #socket: Socket | undefined;
  #received: Buffer | undefined;
  #waiting: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;

  constructor(port: number, from?: string) {
    this.#port = port;
    this.#from = from;
  }

  /** The request bytes of a JSON POST to `path` (built once, before any timing). */
  static request(port: number, path: string, payload: unknown): Buffer {
    const body = Buffer.from(JSON.stringify(payload), 'utf8');
    const head =
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${body.length}\r\nConnection: keep-alive\r\n\r\n`;
    return Buffer.concat([Buffer.from(head, 'latin1'), body]);
  }

  /** Opens the connection now (a browser's is open from the join on), so that no request waits for it. */
  open(): Promise<void> {
    const socket = (this.#socket ??= this.#connect());
    if (!socket.connecting) return Promise.resolve();
    return new Promise((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('error', reject);
    });
  }

  /** Sends one request (one at a time per connection) and resolves with its reply once read whole. */
  send(request: Buffer): Promise<Reply> {
    if (this.#waiting) return Promise.reject(new Error('a request is already waiting on this connection'));
    return new Promise((resolve, reject) => {
      this.#waiting = { resolve, reject };
      this.#received = undefined;
      const socket = (this.#socket ??= this.#connect());
      socket.write(request);
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }

  #connect(): Socket {
    const socket = connect({ host: '127.0.0.1', port: this.#port, ...(this.#from ? { localAddress: this.#from } : {}) });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.#read(chunk));
    const lost = (error?: Error) => {
      if (this.#socket === socket) this.#socket = undefined; // the next request opens a new connection
      const waiting = this.#waiting;
      this.#waiting = undefined;
      waiting?.reject(error ?? new Error('the server closed the connection before replying'));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
    return socket;
  }

  #read(chunk: Buffer): void {
    const received = (this.#received = this.#received ? Buffer.concat([this.#received, chunk]) : chunk);
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = received.toString('latin1', 0, headEnd);
    const length = /\r\ncontent-length: *(\d+)/i.exec(head);
    if (!length) return this.#fail(new Error(`a reply without a Content-Length: ${head.slice(0, 80)}`));
    const end = headEnd + 4 + Number(length[1]);
    if (received.length < end) return; // the rest of the body is still on its way
    if (received.length > end) return this.#fail(new Error('bytes after the reply, which nothing asked for'));
    const status = Number(head.slice(9, 12));
    const text = received.toString('utf8', headEnd + 4, end);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.#received = undefined;
    if (/\r\nconnection: *close/i.test(head)) this.close();
    let body: Reply['body'];
    try {
      body = JSON.parse(text) as Reply['body'];
    } catch {
      body = { ok: false, error: { message: text.slice(0, 200) } };
    }
    waiting?.resolve({ status, body });
  }

  #fail(error: Error): void {
    const waiting = this.#waiting;
    this.#waiting = undefined;
    this.close();
    waiting?.reject(error);
  }
}
