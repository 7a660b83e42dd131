// Durable answers under a burst: 300 students answer without any think time, each as fast as
// its answers are acknowledged, through the session server on loopback, with synchronous=FULL
// (every acknowledged answer is on disk). Answers that arrive together share one commit
// (src/service/group-commit.ts). Each student goes through the quiz twice (68 answers), which
// stays inside the per-seat answer limit.
//
// Target: ≥ 5,000 acknowledged answers a second with p99 < 100 ms. Printed, never asserted.
//
//   node bench/burst.bench.ts [students]
import { performance } from 'node:perf_hooks';
import { seedQuiz, variedResponse } from '../tests/unit/fixtures.ts';
import { describeProbe, percentile, post, seatClass, startTeacherServer } from './loopback-class.ts';

const TARGET_RATE = 5_000;
const TARGET_P99_MS = 100;
const STUDENTS = Number(process.argv[2] ?? 300);
const PASSES = 2;

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
const server = await startTeacherServer({ probe: '/session-api/answer' });
const { sessionId, port, seats } = await seatClass(server, quiz.id, STUDENTS, 2_000);

const latencies: number[] = [];
let refused = 0;
let failed = 0;
const failures = new Map<string, number>();
const fail = (why: string) => {
  failed++;
  failures.set(why, (failures.get(why) ?? 0) + 1);
};
const cpuBefore = server.cpuMs();
const clientCpuBefore = process.cpuUsage();
const started = performance.now();
await Promise.all(
  seats.map(async (s) => {
    for (let pass = 0; pass < PASSES; pass++) {
      for (const [k, question] of quiz.questions.entries()) {
        const t0 = performance.now();
        try {
          const reply = await post(
            port,
            '/session-api/answer',
            { token: s.token, questionId: question.id, response: variedResponse(question, s.i + k + pass, sentenceIds) },
            { agent: s.agent, from: s.from },
          );
          if (reply.status === 200) latencies.push(performance.now() - t0);
          else if (reply.status === 429) refused++;
          else fail(`${reply.status} ${reply.body.error?.message ?? ''}`);
        } catch (error) {
          fail((error as Error).message);
        }
      }
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
const cpuPerAnswer = (server.cpuMs() - cpuBefore) / Math.max(1, latencies.length);
const clientCpu = process.cpuUsage(clientCpuBefore);
const clientCpuPerAnswer = (clientCpu.user + clientCpu.system) / 1000 / Math.max(1, latencies.length);
const final = await server.teacher('/api/sessionStatus', { sessionId });
const stored = (final.body.value.students as { answered: number }[]).reduce((sum, s) => sum + s.answered, 0);
for (const s of seats) s.agent.destroy();
const peak = server.memoryMb('VmHWM');
await server.stop();

latencies.sort((a, b) => a - b);
const rate = latencies.length / seconds;
const p99 = percentile(latencies, 99);
console.log(
  `burst: ${STUDENTS} students, no think time, ${PASSES} passes of ${quiz.questions.length} questions, session server on loopback, synchronous=FULL, group commit`,
);
console.log(
  `  ${latencies.length.toLocaleString('en')} answers acknowledged in ${seconds.toFixed(1)} s: ${rate.toFixed(0)} a second; ` +
    `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms, max ${(latencies.at(-1) ?? NaN).toFixed(0)} ms; ` +
    `refused by the per-seat limit ${refused}, failed ${failed}; every question answered on the dashboard: ${stored === STUDENTS * quiz.questions.length ? 'yes' : `NO (${stored})`}; server peak RSS ${peak.toFixed(0)} MB; ` +
    `CPU an answer: server ${(cpuPerAnswer * 1000).toFixed(0)} µs, this load generator ${(clientCpuPerAnswer * 1000).toFixed(0)} µs`,
);
// The server's own share of that latency (bench/server-probe.ts): this load generator runs on the
// same two cores, so the client's figures include the time the server waited for a core.
const probeLine = describeProbe(server.probed(), 'answer');
if (probeLine) console.log(probeLine);
for (const [why, count] of failures) console.log(`  failed ${count}×: ${why}`);
console.log(
  `  target ≥ ${TARGET_RATE.toLocaleString('en')} answers a second: ${rate >= TARGET_RATE ? 'met' : 'MISSED'} (${rate.toFixed(0)})`,
);
console.log(`  target p99 < ${TARGET_P99_MS} ms: ${p99 < TARGET_P99_MS ? 'met' : 'MISSED'} (${p99.toFixed(1)} ms)`);
