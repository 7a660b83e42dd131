import type { Question, TruthValue } from '../bank/schema.ts';
import { type ImportedQuestionReport, MOODLE_IMPORT_LIMITS, type MoodleImport, options, slug } from './moodle-import.ts';
import { statusOf } from './gift-import.ts';

// Reads Aiken (https://docs.moodle.org/en/Aiken_format): a question on one line (or several,
// before its first option), options "A) text" or "A. text", then "ANSWER: B". Plain text only: it
// is kept as text and never shown as markup. Aiken carries no article, feedback or evidence, so
// every question it gives needs evidence unless the teacher's article quotes it.

export class AikenImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AikenImportError';
  }
}

const OPTION = /^([A-Z])\s*[.)]\s*(.*)$/;
const ANSWER = /^ANSWER\s*:\s*(.*)$/i;
const TRUTH: Record<string, TruthValue> = { true: 'true', false: 'false', 'not given': 'not-given' };

export function importAiken(source: string): MoodleImport {
  if (source.length > MOODLE_IMPORT_LIMITS.maxBytes) {
    throw new AikenImportError(`the file is larger than ${MOODLE_IMPORT_LIMITS.maxBytes / 2 ** 20} MB`);
  }
  const lines = source.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const questions: Question[] = [];
  const report: ImportedQuestionReport[] = [];
  const taken = new Set<string>();

  let stem: string[] = [];
  let stemLine = 0;
  let opts: { letter: string; text: string; line: number }[] = [];
  const where = () =>
    `line ${stemLine || opts[0]?.line || 0} (question ${questions.length + 1}${stem.length ? ` “${stem.join(' ').slice(0, 60)}”` : ''})`;
  const fail = (problem: string): never => {
    throw new AikenImportError(`${where()}: ${problem}`);
  };

  lines.forEach((raw, index) => {
    const line = raw.trim();
    const number = index + 1;
    if (line === '') {
      if (opts.length > 0) fail(`the options end without an “ANSWER:” line (line ${number} is blank)`);
      return;
    }
    const answer = ANSWER.exec(line);
    if (answer) {
      if (stem.length === 0) fail(`“ANSWER:” on line ${number} has no question before it`);
      if (opts.length < 2) fail(`a question needs at least two options (A) … B) …) before its answer; it has ${opts.length}`);
      const letter = answer[1]!.trim().toUpperCase();
      const right = opts.findIndex((o) => o.letter === letter);
      if (!/^[A-Z]$/.test(letter) || right < 0) {
        fail(
          `the answer “${answer[1]!.trim().slice(0, 40)}” on line ${number} is not the letter of one of its options (${opts.map((o) => o.letter).join(', ')})`,
        );
      }
      if (questions.length + 1 > MOODLE_IMPORT_LIMITS.maxQuestions) {
        throw new AikenImportError(`the file has more than ${MOODLE_IMPORT_LIMITS.maxQuestions} questions, the limit`);
      }
      const prompt = stem.join(' ').replace(/\s+/g, ' ').trim();
      const id = slug(prompt, taken, `question-${questions.length + 1}`);
      const texts = opts.map((o) => o.text);
      const labels = texts.map((t) => t.toLowerCase());
      const base = { id, prompt, explanation: 'See the article.', evidence: [], points: 1, skill: 'detail', difficulty: 'medium' } as const;
      let question: Question;
      if ((texts.length === 2 || texts.length === 3) && labels.every((l) => l in TRUTH) && new Set(labels).size === texts.length) {
        question = { ...base, evidence: [], type: 'true-false-not-given', answer: TRUTH[labels[right]!]! };
      } else {
        const built = options(texts);
        question = { ...base, evidence: [], type: 'single-choice', options: built, correct: built[right]!.id };
      }
      questions.push(question);
      report.push(statusOf(question));
      stem = [];
      stemLine = 0;
      opts = [];
      return;
    }
    const option = OPTION.exec(line);
    if (option && stem.length > 0) {
      const expected = String.fromCharCode(65 + opts.length);
      if (option[1] !== expected) fail(`line ${number}: option “${option[1]}” where “${expected}” comes next`);
      if (option[2]!.trim() === '') fail(`line ${number}: option ${option[1]} is empty`);
      opts.push({ letter: option[1]!, text: option[2]!.trim(), line: number });
      return;
    }
    if (opts.length > 0) fail(`line ${number} is neither an option (“C) …”) nor the “ANSWER:” line`);
    if (stem.length === 0) stemLine = number;
    stem.push(line);
  });
  if (stem.length > 0 || opts.length > 0) fail('the file ends before this question’s “ANSWER:” line');
  if (questions.length === 0) throw new AikenImportError('the file has no Aiken questions (a question, options “A) …”, then “ANSWER: A”)');
  return { questions, report };
}
