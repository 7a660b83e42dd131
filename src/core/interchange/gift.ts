import type { LoadedQuestion, LoadedQuiz } from '../bank/loaded.ts';
import { citableSentences } from '../article/captions.ts';
import { type ExportResult, QuestionDrops } from './report.ts';
import { articleLines, evidenceTexts, percent, sentencesById, textOf, xmlSafe } from './text.ts';

// GIFT (https://docs.moodle.org/en/GIFT_format): plain text, one question per block. The
// explanation and the evidence go in the general feedback (####); GIFT has no points, no tags,
// one blank per question and no ordering type.

/** Escapes GIFT's special characters ~ = # { } : and the backslash itself; newlines become \n. */
export function giftEscape(text: string): string {
  return xmlSafe(text)
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, '\\n');
}

const POINTS = 'points (GIFT has none: every question is worth its default mark)';
const TAGS = 'skill and difficulty';
const LENIENT = 'Evident’s lenient answer matching (punctuation, small spelling slips) becomes Moodle’s exact, case-insensitive match';

function feedback(quiz: LoadedQuiz, q: LoadedQuestion): string {
  const quotes = evidenceTexts(quiz, q).map((text) => `“${text}”`);
  return `####${giftEscape(`${q.explanation} Evidence: ${quotes.join(' ')}`)}`;
}

function selection(options: readonly { id: string; text: string }[], correct: readonly string[]): string {
  const k = correct.length;
  return options.map((o) => `~%${percent(correct.includes(o.id) ? 1 / k : -1 / k)}%${giftEscape(o.text)}`).join(' ');
}

function title(id: string): string {
  return `::${giftEscape(id)}::`;
}

function block(quiz: LoadedQuiz, q: LoadedQuestion, prompt: string, answers: string): string {
  return `${title(q.id)}${giftEscape(prompt)} {\n  ${answers}\n  ${feedback(quiz, q)}\n}`;
}

function questionBlocks(quiz: LoadedQuiz, q: LoadedQuestion, drops: QuestionDrops): string[] {
  switch (q.type) {
    case 'single-choice':
      return [block(quiz, q, q.prompt, q.options.map((o) => `${o.id === q.correct ? '=' : '~'}${giftEscape(o.text)}`).join(' '))];
    case 'multiple-select':
      return [block(quiz, q, q.prompt, selection(q.options, q.correct))];
    case 'true-false-not-given': {
      // GIFT's true/false has two values; the third needs a three-option multiple choice.
      const labels = { true: 'True', false: 'False', 'not-given': 'Not given' } as const;
      return [
        block(
          quiz,
          q,
          q.prompt,
          (['true', 'false', 'not-given'] as const).map((v) => `${v === q.answer ? '=' : '~'}${labels[v]}`).join(' '),
        ),
      ];
    }
    case 'short-answer':
      drops.drop(LENIENT);
      return [block(quiz, q, q.prompt, q.accepted.map((a) => `=${giftEscape(a)}`).join(' '))];
    case 'cloze': {
      if (q.gaps.length > 1) {
        drops.skip(`GIFT holds one blank per question and this has ${q.gaps.length}`);
        return [];
      }
      drops.drop(LENIENT);
      const gap = q.gaps[0]!;
      const [before = '', after = ''] = q.text.split(`{{${gap.id}}}`);
      const answers = `{${gap.accepted.map((a) => `=${giftEscape(a)}`).join(' ')} ${feedback(quiz, q)}}`;
      return [`${title(q.id)}${giftEscape(`${q.prompt} ${before}`)}${answers}${giftEscape(after)}`];
    }
    case 'evidence-selection': {
      const sentences = citableSentences(quiz.article).map((s) => ({ id: s.id, text: s.text }));
      return [block(quiz, q, q.prompt, selection(sentences, q.answerSentenceIds))];
    }
    case 'ordering': {
      drops.drop('ordering became matching each item to its place (1, 2, 3 …): the partial credit for a nearly right order is lost');
      const pairs = q.order.map((id, index) => `=${giftEscape(textOf(q.items, id))} -> ${index + 1}`);
      return [block(quiz, q, q.prompt, pairs.join(' '))];
    }
    case 'matching': {
      const paired = new Set(q.pairs.map((p) => p.right));
      if (q.right.some((r) => !paired.has(r.id))) drops.drop('distractors on the right (GIFT matching lists only pairs)');
      const pairs = q.pairs.map((p) => `=${giftEscape(textOf(q.left, p.left))} -> ${giftEscape(textOf(q.right, p.right))}`);
      return [block(quiz, q, q.prompt, pairs.join(' '))];
    }
    case 'two-part': {
      drops.drop('the link between the parts: written as two questions, and Part B no longer depends on Part A');
      const byId = sentencesById(quiz);
      const a = q.partA.options.map((o) => `${o.id === q.partA.correct ? '=' : '~'}${giftEscape(o.text)}`).join(' ');
      const bOptions = q.partB.options.map((o) => ({ id: o.id, text: byId.get(q.partBSentenceIds[o.id] ?? '')?.text ?? o.quote }));
      return [
        `${title(`${q.id}-a`)}${giftEscape(`${q.prompt} ${q.partA.prompt}`)} {\n  ${a}\n  ${feedback(quiz, q)}\n}`,
        `${title(`${q.id}-b`)}${giftEscape(q.partB.prompt)} {\n  ${selection(bOptions, q.partB.correct)}\n  ${feedback(quiz, q)}\n}`,
      ];
    }
  }
}

export function exportGift(quiz: LoadedQuiz): ExportResult {
  const blocks = [
    `// Evident quiz "${quiz.id}" exported as GIFT`, // Moodle reads the category line as it stands (no escapes); a slash inside a name is doubled.
    `$CATEGORY: $course$/top/Evident/${xmlSafe(quiz.title).replace(/\s+/g, ' ').replace(/\//g, '//')}`,
  ];
  // A GIFT block without answers is a description: the article, shown before the questions.
  blocks.push(`::Article::${articleLines(quiz).map(giftEscape).join('\\n\\n')}`);
  const reports = [];
  for (const q of quiz.questions) {
    const drops = new QuestionDrops(q.id, q.type);
    const written = questionBlocks(quiz, q, drops);
    if (written.length > 0) {
      if (q.points !== 1) drops.drop(POINTS);
      drops.drop(TAGS);
    }
    blocks.push(...written);
    reports.push(drops.report());
  }
  return {
    text: `${blocks.join('\n\n')}\n`,
    report: {
      format: 'gift',
      quiz: [
        'the article is a description before the questions, as plain text (no headings or captions styling)',
        'evidence is quoted in each question’s general feedback, not linked to sentences of the article',
      ],
      questions: reports,
    },
  };
}
