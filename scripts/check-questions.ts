// Checks question banks the way the app loads them, so a teacher finds every mistake before class.
//
//   npm run check-questions -- [--report | --json] [bank.json | quiz folder | folder of quizzes ...]
//
// With no paths, every quiz under questions/ is checked. Exit status: 0 when every bank is valid,
// 1 when any problem is found, 2 for a usage error. Problems go to stderr, one line each; the
// report and the JSON go to stdout.
import { fileURLToPath } from 'node:url';
import { formatProblem } from '../src/core/bank/load.ts';
import type { LoadedQuestion, LoadedQuiz } from '../src/core/bank/loaded.ts';
import { DIFFICULTIES, QUESTION_TYPES, SKILLS } from '../src/core/bank/schema.ts';
import { loadQuizDirectory, loadQuizPaths } from '../src/service/quiz-files.ts';

const USAGE = 'usage: check-questions [--report | --json] [bank.json | quiz folder ...]';

interface Options {
  mode: 'summary' | 'report' | 'json';
  paths: string[];
}

function parseArguments(args: readonly string[]): Options | string {
  const paths: string[] = [];
  let mode: Options['mode'] = 'summary';
  for (const arg of args) {
    if (arg === '--report' || arg === '--json') {
      const wanted = arg === '--report' ? 'report' : 'json';
      if (mode !== 'summary' && mode !== wanted) return 'choose one of --report and --json';
      mode = wanted;
    } else if (arg === '--help' || arg === '-h') {
      return USAGE;
    } else if (arg.startsWith('-')) {
      return `unknown option ${arg}`;
    } else {
      paths.push(arg);
    }
  }
  return { mode, paths };
}

function main(): number {
  const options = parseArguments(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options === USAGE ? USAGE : `${options}\n${USAGE}`);
    return options === USAGE ? 0 : 2;
  }

  const defaultDir = fileURLToPath(new URL('../questions', import.meta.url));
  const { quizzes, problems } = options.paths.length > 0 ? loadQuizPaths(options.paths) : loadQuizDirectory(defaultDir);

  // Keep stdout clean for --json, so that it can be piped into another program.
  const say = options.mode === 'json' ? console.error : console.log;
  for (const quiz of quizzes) say(summaryLine(quiz));
  if (options.mode === 'report') console.log(quizzes.map(coverageReport).join('\n'));
  if (options.mode === 'json') console.log(JSON.stringify(machineReport(quizzes), null, 2));

  for (const problem of problems) console.error(formatProblem(problem));
  if (problems.length > 0) {
    console.error(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
    return 1;
  }
  if (quizzes.length === 0) {
    console.error('no quizzes found (a quiz is a folder holding bank.json and its article)');
    return 1;
  }
  return 0;
}

function summaryLine(quiz: LoadedQuiz): string {
  const types = new Set(quiz.questions.map((question) => question.type)).size;
  return `ok ${quiz.id}: ${plural(quiz.questions.length, 'question')} of ${plural(types, 'type')}, citing ${citedParagraphs(quiz).size} of ${quiz.article.paragraphs.length} paragraphs`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Every sentence a question draws on: its evidence, and the sentences its answer points at. */
function sentencesUsedBy(question: LoadedQuestion): string[] {
  return [...question.evidenceSentenceIds, ...question.answerSentenceIds, ...Object.values(question.partBSentenceIds)];
}

function citedParagraphs(quiz: LoadedQuiz): Map<string, string[]> {
  const paragraphOf = new Map(quiz.article.sentences.map((sentence) => [sentence.id, sentence.paragraphId]));
  const questionIdsByParagraph = new Map<string, string[]>();
  for (const question of quiz.questions) {
    const paragraphs = new Set(sentencesUsedBy(question).map((sentenceId) => paragraphOf.get(sentenceId)));
    for (const paragraphId of paragraphs) {
      if (paragraphId === undefined) continue;
      const ids = questionIdsByParagraph.get(paragraphId) ?? [];
      ids.push(question.id);
      questionIdsByParagraph.set(paragraphId, ids);
    }
  }
  return questionIdsByParagraph;
}

function firstWords(text: string, count = 8): string {
  const words = text.split(/\s+/u);
  return words.length <= count ? text : `${words.slice(0, count).join(' ')} …`;
}

function coverageReport(quiz: LoadedQuiz): string {
  const cited = citedParagraphs(quiz);
  const lines = [
    `${quiz.title} (${quiz.id}): ${plural(quiz.questions.length, 'question')}`,
    '',
    'Paragraphs and the questions citing them:',
  ];
  for (const paragraph of quiz.article.paragraphs) {
    const questionIds = cited.get(paragraph.id) ?? [];
    const opening = firstWords(paragraph.sentences[0]?.text ?? '');
    const citing = questionIds.length > 0 ? questionIds.join(', ') : 'NOT CITED by any question';
    lines.push(`  ${String(paragraph.number).padStart(2)}. ${opening}`, `      ${citing}`);
  }
  const uncited = quiz.article.paragraphs.filter((paragraph) => !cited.has(paragraph.id));
  lines.push(
    uncited.length === 0
      ? 'Every paragraph is cited.'
      : `Not cited: ${uncited.map((paragraph) => `paragraph ${paragraph.number}`).join(', ')}`,
  );
  lines.push('', 'By type:', ...countLines(quiz.questions, QUESTION_TYPES, (question) => question.type));
  lines.push('', 'By skill:', ...countLines(quiz.questions, SKILLS, (question) => question.skill));
  lines.push('', 'By difficulty:', ...countLines(quiz.questions, DIFFICULTIES, (question) => question.difficulty));
  return `${lines.join('\n')}\n`;
}

/** Every possible value is listed, so that a missing type or skill shows as 0 rather than vanishing. */
function countLines(
  questions: readonly LoadedQuestion[],
  values: readonly string[],
  keyOf: (question: LoadedQuestion) => string,
): string[] {
  const width = Math.max(...values.map((value) => value.length));
  return values.map((value) => {
    const count = questions.filter((question) => keyOf(question) === value).length;
    return `  ${value.padEnd(width)}  ${String(count).padStart(3)}`;
  });
}

function machineReport(quizzes: readonly LoadedQuiz[]) {
  return {
    quizzes: quizzes.map((quiz) => {
      const textById = new Map(quiz.article.sentences.map((sentence) => [sentence.id, sentence.text]));
      return {
        id: quiz.id,
        sentences: quiz.article.sentences.map(({ id, paragraphId, text }) => ({ id, paragraphId, text })),
        questions: quiz.questions.map((question) => ({
          id: question.id,
          type: question.type,
          skill: question.skill,
          evidence: question.evidenceSentenceIds.map((sentenceId) => ({ sentenceId, text: textById.get(sentenceId) ?? '' })),
        })),
      };
    }),
  };
}

process.exitCode = main();
