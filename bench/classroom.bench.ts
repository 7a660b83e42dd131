// A whole hall on loopback: N simulated students join from their own 127.x.y.z addresses, then
// each answers every question of the seed quiz with a think time of 0.5–1.5 s, through the
// session server's HTTP API with a keep-alive connection, as a browser does. The teacher's
// dashboard listens to the pushed updates (server-sent events on the loopback binding), as the
// browser build does. The server runs in its own process, built as it ships.
//
// Targets at 2,000 students: answer p99 < 100 ms, 0 lost answers, an answer on the dashboard
// within 1 s (p99), server peak RSS < 250 MB. N grows until one of them breaks; the largest N
// that meets them all is printed. Figures are printed, never asserted.
//
//   node bench/classroom.bench.ts [N ...]
import { get } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { SessionEvent } from '../src/shared/contract.ts';
import { SESSION_EVENTS_PATH } from '../src/shared/channels.ts';
import { seedQuiz, variedResponse } from '../tests/unit/fixtures.ts';
import { describeProbe, percentile, post, seatClass, sleep, startTeacherServer, type TeacherServer } from './loopback-class.ts';

const TARGET_N = 2_000;
const TARGET_P99_MS = 100;
const TARGET_DASHBOARD_MS = 1_000;
const TARGET_RSS_MB = 250;
const SIZES = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
const sizes = SIZES.length > 0 ? SIZES : [500, 1000, 1500, 2000, 2500, 3000];

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);

/** The dashboard as a browser gets it: each student's answered count, with the time each change arrived. */
function watchDashboard(teacherPort: number, sessionId: string, token: string) {
  const history = new Map<string, { at: number; answered: number }[]>();
  let bytes = 0;
  let events = 0;
  const record = (attemptId: string, answered: number, at: number) => {
    const list = history.get(attemptId) ?? [];
    if (list.at(-1)?.answered !== answered) list.push({ at, answered });
    history.set(attemptId, list);
  };
  const request = get(
    { host: '127.0.0.1', port: teacherPort, path: `${SESSION_EVENTS_PATH}?sessionId=${sessionId}&token=${token}` },
    (response) => {
      let buffered = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = performance.now();
        bytes += chunk.length;
        buffered += chunk;
        const blocks = buffered.split('\n\n');
        buffered = blocks.pop() ?? '';
        for (const block of blocks) {
          const data = block.split('\n').find((line) => line.startsWith('data: '));
          if (!data) continue;
          events++;
          const event = JSON.parse(data.slice(6)) as SessionEvent;
          const students = event.kind === 'snapshot' ? event.status.students : event.update.students;
          for (const s of students) record(s.attemptId, s.answered, at);
        }
      });
    },
  );
  return {
    /** When the dashboard first showed at least `count` answers of the attempt; undefined if never. */
    shownAt(attemptId: string, count: number): number | undefined {
      return history.get(attemptId)?.find((h) => h.answered >= count)?.at;
    },
    stats: () => ({ bytes, events }),
    close: () => request.destroy(),
  };
}

async function run(server: TeacherServer, n: number) {
  const { sessionId, port, seats } = await seatClass(server, quiz.id, n, 3_000);
  const dashboard = watchDashboard(server.port, sessionId, server.token);

  const latencies: number[] = [];
  const acks: { attemptId: string; count: number; at: number }[] = [];
  let lost = 0;
  const why = new Map<string, number>();
  const lose = (reason: string) => {
    lost++;
    why.set(reason, (why.get(reason) ?? 0) + 1);
  };
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, server.memoryMb('VmRSS'))), 200);
  const answeringStart = performance.now();
  await Promise.all(
    seats.map(async (s) => {
      for (const [k, question] of quiz.questions.entries()) {
        await sleep(500 + Math.random() * 1_000);
        const t0 = performance.now();
        try {
          const reply = await post(
            port,
            '/session-api/answer',
            { token: s.token, questionId: question.id, response: variedResponse(question, s.i + k, sentenceIds) },
            { agent: s.agent, from: s.from },
          );
          const t1 = performance.now();
          if (reply.status !== 200) lose(`${reply.status} ${reply.body.error?.message ?? ''}`);
          else {
            latencies.push(t1 - t0);
            acks.push({ attemptId: s.attemptId, count: k + 1, at: t1 });
          }
        } catch (error) {
          lose((error as Error).message);
        }
      }
    }),
  );
  const answeringSeconds = (performance.now() - answeringStart) / 1000;
  await sleep(TARGET_DASHBOARD_MS * 2);
  clearInterval(sampler);
  dashboard.close();

  // Dashboard latency: from an answer's acknowledgement to the first pushed update that shows it.
  const delays: number[] = [];
  let neverShown = 0;
  for (const ack of acks) {
    const shown = dashboard.shownAt(ack.attemptId, ack.count);
    if (shown === undefined) neverShown++;
    else delays.push(Math.max(0, shown - ack.at)); // a push can overtake the reply to the student
  }
  const final = await server.teacher('/api/sessionStatus', { sessionId });
  const stored = (final.body.value.students as { answered: number }[]).reduce((sum, s) => sum + s.answered, 0);
  const t0 = performance.now();
  await server.teacher('/api/endSession', { sessionId });
  const endMs = performance.now() - t0;
  for (const s of seats) s.agent.destroy();

  latencies.sort((a, b) => a - b);
  delays.sort((a, b) => a - b);
  const expected = n * quiz.questions.length;
  const lostTotal = lost + (expected - stored);
  const hwm = server.memoryMb('VmHWM');
  const { bytes, events } = dashboard.stats();
  const result = {
    n,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? NaN,
    lost: lostTotal,
    dashP99: percentile(delays, 99),
    dashMax: delays.at(-1) ?? NaN,
    neverShown,
    peakRss,
    hwm,
    rate: expected / answeringSeconds,
  };
  console.log(
    `N=${String(n).padStart(4)}: answer p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(0)} ms; ` +
      `${expected.toLocaleString('en')} answers at ${result.rate.toFixed(0)}/s, lost ${lostTotal}; ` +
      `dashboard p99 ${result.dashP99.toFixed(0)} ms (max ${result.dashMax.toFixed(0)}, never shown ${neverShown}), ${events} pushes, ${(bytes / 2 ** 20).toFixed(1)} MB pushed; ` +
      `server RSS peak ${result.peakRss.toFixed(0)} MB (high-water ${hwm.toFixed(0)} MB, since the server started); endSession ${endMs.toFixed(0)} ms`,
  );
  for (const [reason, count] of why) console.log(`  lost ${count}×: ${reason}`);
  return result;
}

console.log(
  `a whole hall on loopback: ${quiz.questions.length} questions each, think time 0.5–1.5 s, dashboard pushed (server-sent events), synchronous=FULL`,
);
let largestHolding = 0;
let breakage = '';
for (const n of sizes) {
  // A fresh server per size, so that its memory high-water mark is this size's.
  const server = await startTeacherServer({ probe: '/session-api/answer' });
  const r = await run(server, n);
  await server.stop();
  // The server's own share of the answer latency (bench/server-probe.ts): the load generator
  // shares the machine's cores, so the figures above include time the server waited for one.
  const probeLine = describeProbe(server.probed(), 'answer');
  if (probeLine) console.log(probeLine);
  const misses = [
    r.p99 >= TARGET_P99_MS ? `answer p99 ${r.p99.toFixed(0)} ms ≥ ${TARGET_P99_MS} ms` : '',
    r.lost > 0 ? `${r.lost} answers lost` : '',
    r.dashP99 > TARGET_DASHBOARD_MS || r.neverShown > 0 ? `dashboard p99 ${r.dashP99.toFixed(0)} ms > ${TARGET_DASHBOARD_MS} ms` : '',
    r.hwm > TARGET_RSS_MB ? `server RSS ${r.hwm.toFixed(0)} MB > ${TARGET_RSS_MB} MB` : '',
  ].filter(Boolean);
  if (misses.length === 0) largestHolding = n;
  else {
    breakage = `N=${n}: ${misses.join('; ')}`;
    break;
  }
}
console.log(
  `largest N meeting every target: ${largestHolding || 'none'}${breakage ? `; breaks at ${breakage}` : ' (did not break within the sizes tried)'}`,
);
console.log(`target: ${TARGET_N.toLocaleString('en')} students meeting every target: ${largestHolding >= TARGET_N ? 'met' : 'MISSED'}`);
