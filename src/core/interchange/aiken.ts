import type { LoadedQuestion, LoadedQuiz } from '../bank/loaded.ts';
import { citableSentences } from '../article/captions.ts';
import { type ExportResult, QuestionDrops } from './report.ts';
import { xmlSafe } from './text.ts';

// Aiken (https://docs.moodle.org/en/Aiken_format): single-answer multiple choice only, each
// question and option on one line, then "ANSWER: B". No feedback, points, article or evidence.

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** One line of Aiken: line breaks and runs of spaces become one space. */
export function aikenLine(text: string): string {
  return xmlSafe(text).replace(/\s+/g, ' ').trim();
}

function choice(prompt: string, options: readonly { id: string; text: string }[], correct: string): string {
  const lines = [aikenLine(prompt), ...options.map((o, i) => `${LETTERS[i]}. ${aikenLine(o.text)}`)];
  lines.push(`ANSWER: ${LETTERS[options.findIndex((o) => o.id === correct)]}`);
  return lines.join('\n');
}

function questionBlock(quiz: LoadedQuiz, q: LoadedQuestion, drops: QuestionDrops): string | undefined {
  switch (q.type) {
    case 'single-choice':
      return choice(q.prompt, q.options, q.correct);
    case 'true-false-not-given':
      return choice(
        q.prompt,
        [
          { id: 'true', text: 'True' },
          { id: 'false', text: 'False' },
          { id: 'not-given', text: 'Not given' },
        ],
        q.answer,
      );
    case 'evidence-selection': {
      const sentences = citableSentences(quiz.article);
      if (q.answerSentenceIds.length !== 1) {
        drops.skip('Aiken has one right answer and this question has several sentences to select');
        return undefined;
      }
      if (sentences.length > LETTERS.length) {
        drops.skip(`Aiken has at most ${LETTERS.length} options and the article has ${sentences.length} sentences`);
        return undefined;
      }
      return choice(q.prompt, sentences, q.answerSentenceIds[0]!);
    }
    case 'two-part':
      drops.drop('Part B (the evidence): Aiken has one answer per question, so only Part A is written');
      return choice(`${q.prompt} ${q.partA.prompt}`, q.partA.options, q.partA.correct);
    case 'multiple-select':
      drops.skip('Aiken has exactly one right answer per question');
      return undefined;
    default:
      drops.skip('Aiken holds only single-answer multiple choice');
      return undefined;
  }
}

export function exportAiken(quiz: LoadedQuiz): ExportResult {
  const blocks: string[] = [];
  const reports = [];
  for (const q of quiz.questions) {
    const drops = new QuestionDrops(q.id, q.type);
    const text = questionBlock(quiz, q, drops);
    if (text !== undefined) {
      drops.drop('explanation and evidence (Aiken has no feedback)');
      if (q.points !== 1) drops.drop('points (Aiken has none)');
      blocks.push(text);
    }
    reports.push(drops.report());
  }
  return {
    text: blocks.length > 0 ? `${blocks.join('\n\n')}\n` : '',
    report: {
      format: 'aiken',
      quiz: ['the article (Aiken holds questions only)', 'question ids, skill and difficulty'],
      questions: reports,
    },
  };
}
