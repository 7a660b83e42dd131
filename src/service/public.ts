import type { Article } from '../core/article/index.ts';
import type { LoadedQuestion, LoadedQuiz } from '../core/bank/loaded.ts';
import { deriveSeed, seededShuffle } from '../core/shuffle.ts';
import type { PublicArticle, PublicQuestion, QuizSummary } from '../shared/contract.ts';

// Projections of loaded quizzes onto what a student may see. Each one copies named fields
// only, so nothing of the answer key can ride along by accident.

export function publicArticle(article: Article): PublicArticle {
  return {
    headline: article.headline,
    ...(article.caption ? { caption: { ...article.caption } } : {}),
    source: { ...article.source },
    paragraphs: article.paragraphs.map((p) => ({
      id: p.id,
      number: p.number,
      sentences: p.sentences.map((s) => ({ id: s.id, text: s.text })),
    })),
  };
}

const WORDS_READ_PER_MINUTE = 180;
const MINUTES_PER_QUESTION = 0.75;

export function quizSummary(quiz: LoadedQuiz): QuizSummary {
  const words = quiz.article.sentences.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
  return {
    id: quiz.id,
    title: quiz.title,
    headline: quiz.article.headline,
    source: { ...quiz.article.source },
    questionCount: quiz.questions.length,
    totalPoints: quiz.questions.reduce((n, q) => n + q.points, 0),
    estimatedMinutes: Math.ceil(words / WORDS_READ_PER_MINUTE + quiz.questions.length * MINUTES_PER_QUESTION),
  };
}

const choices = (options: readonly { id: string; text: string }[]) => options.map((o) => ({ id: o.id, text: o.text }));

/**
 * The questions in the order an attempt shows them. With `shuffle`, the order comes from the
 * attempt's stored seed, so a reload or a restart shows the same order as before.
 */
export function questionsInOrder(questions: readonly LoadedQuestion[], seed: number, shuffle: boolean): LoadedQuestion[] {
  return shuffle ? seededShuffle(questions, deriveSeed(seed, 'question-order')) : [...questions];
}

/**
 * `number` is the position on screen. `seed` is the attempt's: items whose bank order is the
 * answer (ordering) are always shown shuffled, so the order on screen never gives the answer
 * away; with `shuffleOptions`, the options of choice questions are shuffled too.
 */
export function publicQuestion(question: LoadedQuestion, number: number, seed: number, shuffleOptions = false): PublicQuestion {
  const mix = <T>(items: T[], part: string): T[] =>
    shuffleOptions ? seededShuffle(items, deriveSeed(seed, `${question.id}/${part}`)) : items;
  const common = {
    id: question.id,
    number,
    prompt: question.prompt,
    points: question.points,
    skill: question.skill,
    difficulty: question.difficulty,
  };
  switch (question.type) {
    case 'single-choice':
    case 'multiple-select':
      return { ...common, type: question.type, options: mix(choices(question.options), 'options') };
    case 'true-false-not-given':
    case 'short-answer':
    case 'evidence-selection':
      return { ...common, type: question.type };
    case 'cloze':
      return { ...common, type: question.type, text: question.text, gaps: question.gaps.map((g) => ({ id: g.id })) };
    case 'ordering':
      return { ...common, type: question.type, items: shuffledAwayFromAnswer(question, seed) };
    case 'matching':
      return { ...common, type: question.type, left: choices(question.left), right: mix(choices(question.right), 'right') };
    case 'two-part':
      return {
        ...common,
        type: question.type,
        partA: { prompt: question.partA.prompt, options: mix(choices(question.partA.options), 'part-a') },
        partB: {
          prompt: question.partB.prompt,
          options: question.partB.options.map((o) => ({
            id: o.id,
            quote: o.quote,
            sentenceId: question.partBSentenceIds[o.id] ?? '',
          })),
        },
      };
  }
}

function shuffledAwayFromAnswer(question: Extract<LoadedQuestion, { type: 'ordering' }>, seed: number) {
  const items = choices(question.items);
  const base = deriveSeed(seed, question.id);
  // A shuffle can land on the answer itself; step the seed until it does not.
  for (let attempt = 0; attempt < 16; attempt++) {
    const shuffled = seededShuffle(items, base + attempt);
    if (shuffled.some((item, i) => item.id !== question.order[i])) return shuffled;
  }
  return [...items].reverse();
}
