// The teacher's views at 100,000 answers (issue 16): class results with item analysis, and the
// CSV exports, from the server as it ships (out/main/serve.js, built by `npm run bench`, with
// the Node flags `npm run serve` gives it) in its own process, so that its peak memory (VmHWM)
// is the service's own.
//   1. quizResults (class results + item analysis, summed in SQL). Target: < 200 ms.
//   2. the responses CSV (the larger export: one row per answer), streamed over HTTP and read by
//      this process as it arrives; and the attempts CSV. Target: peak RSS of the server < 150 MB.
// Memory is reported in steps, because the teacher's unlock is a peak of its own: scrypt at the
// design's cost (N = 2^15, r = 8) takes 128·N·r = 32 MiB while it runs, freed at once. So: the
// server's RSS once started; its peak through the unlock; and each view's peak, measured from
// the RSS it started at (the peak is reset through /proc/<pid>/clear_refs), beside the whole
// process's peak, unlock included, which is the figure held against the target.
// For scale, the row-by-row computation that results used before (every answer read, parsed
// and summed in JavaScript) is timed in this process on the same database: compare the ratio.
//
//   node --expose-gc bench/results.bench.ts [responses, default 100000]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { classResults } from '../src/core/results/class-results.ts';
import { scoreResponse } from '../src/core/scoring/index.ts';
import { openStore } from '../src/service/store.ts';
import { CSV_EXPORT_PATH } from '../src/shared/channels.ts';
import { seedQuiz, tempDir, variedResponse } from '../tests/unit/fixtures.ts';
import { post } from './loopback-class.ts';
import { SERVER_NODE_FLAGS } from '../src/service/server-flags.ts';

const RESPONSES = Number(process.argv[2] ?? 100_000);
const TARGET_RESULTS_MS = 200;
const TARGET_CSV_RSS_MB = 150;
const RUNS = 5;

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
const root = fileURLToPath(new URL('..', import.meta.url));
const { dir, cleanup } = tempDir();
const file = join(dir, 'evident.db');

// ── Seed: a class of students per day over four weeks, every answer scored as the service would.
const seedStart = performance.now();
const store = openStore(file, undefined, { synchronous: 'NORMAL' });
let answered = 0;
let attempts = 0;
store.transaction(() => {
  while (answered < RESPONSES) {
    const id = `00000000-0000-4000-8000-${String(attempts).padStart(12, '0')}`;
    const startedAt = new Date(Date.UTC(2026, 10, 1 + (attempts % 28), 9, 0, attempts % 3600)).toISOString();
    store.insertAttempt({
      id,
      quizId: quiz.id,
      studentName: `Student ${attempts % 400}`,
      settings: { feedback: 'deferred', shuffle: false },
      seed: attempts,
      status: attempts % 20 === 0 ? 'in-progress' : 'submitted',
      startedAt,
      submittedAt: attempts % 20 === 0 ? null : startedAt,
    });
    for (const [k, question] of quiz.questions.entries()) {
      if (answered >= RESPONSES) break;
      const response = variedResponse(question, attempts * 7 + k * (1 + (attempts % 5)), sentenceIds);
      void store.saveResponse(id, { questionId: question.id, response, ...scoreResponse(question, response), answeredAt: startedAt });
      answered++;
    }
    attempts++;
  }
});
console.log(
  `seeded ${answered.toLocaleString('en')} answers in ${attempts.toLocaleString('en')} attempts (${((performance.now() - seedStart) / 1000).toFixed(1)} s)`,
);

// ── For scale: the row-by-row computation, in this process.
{
  const t0 = performance.now();
  const answers = store.responsesByAttempt({ quizId: quiz.id }, () => {});
  const list = store.listAttempts({ quizId: quiz.id }).map((a) => ({ ...a, answers: answers.get(a.id) ?? [] }));
  classResults(quiz.questions, sentenceIds, list);
  console.log(`row by row in JavaScript (before, for comparison): ${(performance.now() - t0).toFixed(0)} ms`);
}
store.close();

interface Server {
  port: number;
  token: string;
  process: ChildProcess;
  /** RSS once started, before the unlock; the peak through the unlock. */
  startedMb: number;
  unlockPeakMb: number;
  /** The peak since start (or since resetPeak). */
  hwmMb(): number;
  rssMb(): number;
  /** CPU time the server has used (user + system), in ms: steadier than wall time on a loaded machine. */
  cpuMs(): number;
  /** Sets the peak back to the present RSS (Linux: /proc/<pid>/clear_refs). False where that is refused. */
  resetPeak(): boolean;
  stop(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const child = spawn(
    process.execPath,
    [...SERVER_NODE_FLAGS, join(root, 'out/main/serve.js'), '--port', String(port), '--data-dir', dir, '--renderer', dir],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const status = (field: string) => {
    const line = readFileSync(`/proc/${child.pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(field));
    return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
  };
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('is serving') && resolve());
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}`)));
  });
  const path = join(dir, 'teacher.json');
  await new Promise((resolve) => setTimeout(resolve, 200)); // let start-up settle
  const startedMb = status('VmRSS');
  const first = await post(port, '/api/setTeacherPassphrase', { passphrase: 'the benchmark teacher' });
  const unlocked = first.body.ok ? first : await post(port, '/api/unlockTeacher', { passphrase: 'the benchmark teacher' });
  if (!unlocked.body.ok) throw new Error(`unlock (${path}): ${unlocked.body.error?.message}`);
  return {
    port,
    token: (unlocked.body.value as { token: string }).token,
    process: child,
    startedMb,
    unlockPeakMb: status('VmHWM'),
    hwmMb: () => status('VmHWM'),
    rssMb: () => status('VmRSS'),
    cpuMs() {
      // /proc/<pid>/stat: utime and stime, fields 14 and 15, in clock ticks (100 a second on Linux).
      const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    },
    resetPeak() {
      try {
        writeFileSync(`/proc/${child.pid}/clear_refs`, '5');
        return true;
      } catch {
        return false;
      }
    },
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** Reads a streamed export to its end, keeping only its size. */
function download(server: Server, kind: string): Promise<{ bytes: number; ms: number }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    get(
      {
        host: '127.0.0.1',
        port: server.port,
        path: `${CSV_EXPORT_PATH}?kind=${kind}&quizId=${quiz.id}`,
        headers: { Authorization: `Bearer ${server.token}` },
      },
      (res) => {
        if (res.statusCode !== 200) reject(new Error(`export ${kind}: HTTP ${res.statusCode}`));
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ bytes, ms: performance.now() - t0 }));
      },
    ).on('error', reject);
  });
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const mb = (n: number) => `${n.toFixed(0)} MB`;
try {
  // 1. Class results, in a fresh server.
  const a = await startServer();
  console.log(
    `server once started: RSS ${mb(a.startedMb)}; peak through the teacher's unlock ${mb(a.unlockPeakMb)} (scrypt N = 2^15, r = 8 takes 32 MiB while it runs)`,
  );
  const before = a.rssMb();
  const reset = a.resetPeak();
  const times: number[] = [];
  let body: { attempts?: unknown[] } = {};
  const cpu0 = a.cpuMs();
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const reply = await post(a.port, '/api/quizResults', { quizId: quiz.id }, { token: a.token });
    times.push(performance.now() - t0);
    if (!reply.body.ok) throw new Error(`quizResults: ${reply.body.error?.message}`);
    body = reply.body.value;
  }
  const cpuPerCall = (a.cpuMs() - cpu0) / RUNS;
  times.sort((x, y) => x - y);
  const median = times[Math.floor(RUNS / 2)]!;
  console.log(
    `class results + item analysis (${(body.attempts ?? []).length} attempts): median ${median.toFixed(0)} ms, best ${times[0]!.toFixed(0)} ms over ${RUNS} calls (server CPU ${cpuPerCall.toFixed(0)} ms a call); server peak RSS while answering ${reset ? mb(a.hwmMb()) : 'n/a'} (from ${mb(before)}); load average ${load()}`,
  );
  console.log(
    `target class results + item analysis < ${TARGET_RESULTS_MS} ms: median ${median.toFixed(0)} ms (${median < TARGET_RESULTS_MS ? 'met' : 'missed'})`,
  );
  await a.stop();

  // 2. The CSV exports, streamed, in a fresh server.
  const b = await startServer();
  const exportStart = b.rssMb();
  const canReset = b.resetPeak();
  let exportPeak = 0;
  for (const kind of ['responses', 'attempts']) {
    const { bytes, ms } = await download(b, kind);
    exportPeak = Math.max(exportPeak, b.hwmMb());
    console.log(
      `CSV export, ${kind} (${(bytes / 2 ** 20).toFixed(1)} MB): ${ms.toFixed(0)} ms; server peak RSS while exporting ${canReset ? mb(exportPeak) : 'n/a'} (from ${mb(exportStart)}); load average ${load()}`,
    );
  }
  const peak = Math.max(exportPeak, b.unlockPeakMb);
  console.log(
    `target CSV export peak RSS < ${TARGET_CSV_RSS_MB} MB: server peak ${mb(peak)} from its start, unlock included (exports ${canReset ? mb(exportPeak) : 'n/a'}, unlock ${mb(b.unlockPeakMb)}) (${peak < TARGET_CSV_RSS_MB ? 'met' : 'missed'})`,
  );
  await b.stop();
} finally {
  cleanup();
}
