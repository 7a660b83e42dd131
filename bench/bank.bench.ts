// How long loadQuiz takes on a bank far larger than any teacher will write: 10,000 questions of
// every type citing an article of 2,000 sentences. Target: under 1 s.
//
//   node bench/bank.bench.ts
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatProblem, loadQuiz } from '../src/core/bank/load.ts';
import type { BankInput } from '../src/core/bank/schema.ts';

const PARAGRAPHS = 400;
const SENTENCES_PER_PARAGRAPH = 5;
const QUESTIONS = 10_000;
const RUNS = 7;
const TARGET_MS = 1000;

const WORDS = ['council', 'regime', 'inquiry', 'report', 'officials', 'diplomats', 'statement', 'meeting'];

/** Every sentence is different, and its number makes each one quotable on its own. */
function sentenceText(index: number): string {
  const word = WORDS[index % WORDS.length] ?? 'report';
  return `The ${word} noted item ${index} on the agenda, and the delegates recorded figure ${index * 7} for it.`;
}

function buildArticle(): string {
  const lines = ['A generated article for timing the loader', ''];
  for (let p = 0; p < PARAGRAPHS; p++) {
    const sentences: string[] = [];
    for (let s = 0; s < SENTENCES_PER_PARAGRAPH; s++) sentences.push(sentenceText(p * SENTENCES_PER_PARAGRAPH + s));
    lines.push(sentences.join(' '));
  }
  return `${lines.join('\n')}\n`;
}

const SENTENCE_COUNT = PARAGRAPHS * SENTENCES_PER_PARAGRAPH;

/** Most quotes are whole sentences, as authors copy them; one in five is a fragment of one. */
function quote(index: number): string {
  const sentence = index % SENTENCE_COUNT;
  return index % 5 === 0 ? `noted item ${sentence} on the agenda` : sentenceText(sentence);
}

function buildQuestion(n: number): Record<string, unknown> {
  const common = {
    id: `q${n}`,
    prompt: `Question ${n}?`,
    explanation: 'The sentence quoted as evidence says so.',
    skill: 'detail',
    difficulty: 'medium',
    evidence: [quote(n), quote(n + 1)],
  };
  const options = [
    { id: 'a', text: 'First' },
    { id: 'b', text: 'Second' },
    { id: 'c', text: 'Third' },
  ];
  const sentence = n % SENTENCE_COUNT;
  switch (n % 9) {
    case 0:
      return { ...common, type: 'single-choice', options, correct: 'b' };
    case 1:
      return { ...common, type: 'multiple-select', options, correct: ['a', 'c'] };
    case 2:
      return { ...common, type: 'true-false-not-given', answer: 'not-given' };
    case 3:
      return { ...common, type: 'short-answer', accepted: [`item ${sentence}`] };
    case 4:
      return {
        ...common,
        type: 'cloze',
        text: `noted item {{number}} on the {{word}}`,
        gaps: [
          { id: 'number', accepted: [String(sentence)] },
          { id: 'word', accepted: ['agenda'] },
        ],
      };
    case 5:
      return { ...common, type: 'evidence-selection', answer: [quote(n), quote(n + 2)] };
    case 6:
      return { ...common, type: 'ordering', items: options, order: ['c', 'a', 'b'] };
    case 7:
      return {
        ...common,
        type: 'matching',
        left: options,
        right: [...options, { id: 'd', text: 'Fourth' }],
        pairs: [
          { left: 'a', right: 'b' },
          { left: 'b', right: 'c' },
          { left: 'c', right: 'a' },
        ],
      };
    default:
      return {
        ...common,
        type: 'two-part',
        partA: { prompt: 'Which?', options, correct: 'a' },
        partB: {
          prompt: 'Why?',
          options: [
            { id: 'x', quote: quote(n) },
            { id: 'y', quote: quote(n + 3) },
          ],
          correct: ['x'],
        },
      };
  }
}

function buildBank(): string {
  const bank = { id: 'bench', questions: Array.from({ length: QUESTIONS }, (_, n) => buildQuestion(n)) };
  return JSON.stringify(bank satisfies Omit<BankInput, 'questions'> & { questions: unknown[] });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const articleText = buildArticle();
const bankText = buildBank();
const input = { bankFile: 'bench/bank.json', bankText, articleText };

// Warm-up: lets the JIT compile the hot paths so the runs measure steady state.
const warmUp = loadQuiz(input);
if (!warmUp.ok) {
  console.error(warmUp.problems.slice(0, 10).map(formatProblem).join('\n'));
  throw new Error(`the generated bank is invalid (${warmUp.problems.length} problems)`);
}
if (warmUp.quiz.article.sentences.length !== SENTENCE_COUNT) {
  throw new Error(`expected ${SENTENCE_COUNT} sentences, the article has ${warmUp.quiz.article.sentences.length}`);
}
loadQuiz(input);

const timings: number[] = [];
for (let run = 0; run < RUNS; run++) {
  const start = performance.now();
  loadQuiz(input);
  timings.push(performance.now() - start);
}

const cpus = os.cpus();
const medianMs = median(timings);
console.log(
  `loadQuiz: ${QUESTIONS.toLocaleString('en')} questions of 9 types, ${SENTENCE_COUNT.toLocaleString('en')} sentences, bank ${(bankText.length / 1e6).toFixed(1)} MB`,
);
console.log(`machine:  ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} CPUs, Node ${process.version}`);
console.log(`runs:     ${timings.map((t) => t.toFixed(0)).join(', ')} ms`);
console.log(`median:   ${medianMs.toFixed(0)} ms (target < 1 s: ${medianMs < TARGET_MS ? 'met' : 'MISSED'})`);
process.exitCode = medianMs < TARGET_MS ? 0 : 1;
