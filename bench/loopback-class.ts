// What the classroom benchmarks share: the server as it ships (out/main/serve.js, built by
// `npm run bench`) in its own process, so its memory is its own; JSON posts over keep-alive
// connections from many loopback addresses (Linux routes 127/8 to loopback, so per-address
// rules see many computers); a session's students joined. Loopback only, always.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
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
      // /proc/<pid>/stat: utime and stime are fields 14 and 15, in clock ticks (100 a second on Linux).
      const fields = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
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
    `the disk's ${syncs.length.toLocaleString('en')} syncs of the log (an answer waits for one): p50 ${percentile(syncs, 50).toFixed(1)} ms, ` +
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
