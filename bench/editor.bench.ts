// The question editor's check as the teacher types: one keystroke in one question of a
// 200-question bank, through dispatch (the path IPC and HTTP share: input parsed, the loader's
// schema and checks on the edited question, the cheap cross-question rule, the reply parsed).
// Target: the verdict in < 50 ms (the editor's own debounce comes on top and is not counted).
//
//   node bench/editor.bench.ts [keystrokes, default 400]
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Question } from '../src/core/bank/schema.ts';
import { dispatch } from '../src/service/dispatch.ts';
import { seedQuiz, serviceHarness } from '../tests/unit/fixtures.ts';

const KEYSTROKES = Number(process.argv[2] ?? 400);
const BANK_SIZE = 200;
const TARGET_MS = 50;

const quiz = seedQuiz();
const harness = serviceHarness();
const seed = quiz.bank.questions;
const bank: Question[] = Array.from({ length: BANK_SIZE }, (_, i) => ({ ...structuredClone(seed[i % seed.length]!), id: `q${i + 1}` }));
const ids = bank.map((q) => q.id);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? NaN;

function typeInto(label: string, edit: (question: Question, typed: string) => Question): void {
  const times: number[] = [];
  for (let k = 0; k < KEYSTROKES; k++) {
    const index = k % BANK_SIZE;
    const typed = 'abcdefghij'.slice(0, (k % 10) + 1);
    const question = edit(bank[index]!, typed);
    const otherIds = ids.filter((_, i) => i !== index);
    const start = performance.now();
    const reply = dispatch(harness.service, 'checkQuestion', { quizId: quiz.id, question, otherIds }, () => {});
    times.push(performance.now() - start);
    if (!reply.ok) throw new Error(reply.error.message);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label}: median ${percentile(times, 50).toFixed(2)} ms, p99 ${percentile(times, 99).toFixed(2)} ms, max ${times.at(-1)!.toFixed(2)} ms over ${KEYSTROKES} keystrokes (target < ${TARGET_MS} ms)`,
  );
}

console.log(`${os.cpus()[0]?.model ?? 'CPU'}, ${os.cpus().length} cores, Node ${process.version}; bank of ${BANK_SIZE} questions`);
typeInto('keystroke in a prompt', (question, typed) => ({ ...question, prompt: `${question.prompt} ${typed}` }));
// A new quote on every keystroke: the quote index's cache cannot answer, the article is searched.
typeInto('keystroke in an evidence quote', (question, typed) => ({ ...question, evidence: [`${question.evidence[0]!} ${typed}`] }));
harness.close();
