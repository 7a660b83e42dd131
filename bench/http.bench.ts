// answer() through the HTTP binding on loopback, as a browser in the classroom sends it: one
// keep-alive connection, JSON in and out, the durable write (synchronous = FULL) included.
// Target: p99 < 5 ms.
//
//   node --expose-gc bench/http.bench.ts
import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startHttpServer } from '../src/service/http.ts';
import { createService } from '../src/service/service.ts';
import { openStore } from '../src/service/store.ts';
import { seedQuiz, tempDir, variedResponse } from '../tests/unit/fixtures.ts';

const ANSWERS = 5_100;
const WARM_UP = 340;
const TARGET_P99_MS = 5;

const quiz = seedQuiz();
const sentenceIds = quiz.article.sentences.map((s) => s.id);
const { dir, cleanup } = tempDir();
const store = openStore(join(dir, 'evident.db'));
const server = await startHttpServer({ service: createService({ quizzes: [quiz], store }), rendererDir: dir, log: () => {} });
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(channel: string, payload: unknown): Promise<{ status: number; body: string }> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: `/api/${channel}`,
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function answerMany(count: number): Promise<number[]> {
  const times: number[] = [];
  let attemptId = '';
  for (let i = 0; i < count; i++) {
    const index = i % quiz.questions.length;
    if (index === 0) {
      const reply = await post('startAttempt', { quizId: quiz.id, studentName: `Student ${i}` });
      attemptId = (JSON.parse(reply.body) as { value: { attemptId: string } }).value.attemptId;
    }
    const question = quiz.questions[index]!;
    const start = performance.now();
    const reply = await post('answer', { attemptId, questionId: question.id, response: variedResponse(question, i, sentenceIds) });
    times.push(performance.now() - start);
    if (reply.status !== 200) throw new Error(`${question.id}: ${reply.status} ${reply.body}`);
  }
  return times;
}

await answerMany(WARM_UP);
const times = (await answerMany(ANSWERS)).sort((a, b) => a - b);
const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!;
console.log(
  `answer() over HTTP on loopback, keep-alive, synchronous=FULL, ${ANSWERS.toLocaleString('en')} answers (after ${WARM_UP} warm-up):`,
);
console.log(`  p50 ${at(50).toFixed(3)} ms, p99 ${at(99).toFixed(3)} ms, max ${times.at(-1)!.toFixed(3)} ms`);
console.log(`  target p99 < ${TARGET_P99_MS} ms: ${at(99) < TARGET_P99_MS ? 'met' : 'MISSED'}`);

agent.destroy();
await server.close();
store.close();
cleanup();
