import type { Article } from '../core/article/index.ts';
import type { LoadedQuestion, LoadedQuiz } from '../core/bank/loaded.ts';
import { deriveSeed, seededShuffle } from '../core/shuffle.ts';
import type { PublicArticle, PublicQuestion, QuizSummary } from '../shared/contract.ts';

// Projections of loaded quizzes onto what a student may see. Each one copies named fields
// only, so nothing of the answer key can ride along by accident.

export function publicArticle(article: Article): PublicArticle {
  return {
    headline: article.headline,
    ...(article.caption
      ? { caption: { text: article.caption.text, ...(article.caption.credit && { credit: article.caption.credit }) } }
      : {}),
    ...(article.captions.length > 0 && {
      captions: article.captions.map((caption, index) => ({
        id: caption.id ?? `c${index + 1}`,
        text: caption.text,
        ...(caption.credit && { credit: caption.credit }),
        sentences: (caption.sentences ?? []).map((s) => ({ id: s.id, text: s.text })),
      })),
    }),
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
 * `number` is the position on screen. `seed` is the attempt's: items whose order could give
 * the answer away (ordering's items, matching's right-hand list) are always shown in a seeded
 * order that is not the key's, whatever `shuffleOptions` says; with `shuffleOptions`, the
 * options of choice questions are shuffled too.
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
      return {
        ...common,
        type: question.type,
        items: shuffledAwayFromKey(choices(question.items), deriveSeed(seed, question.id), orderingKey(question)),
      };
    case 'matching':
      return {
        ...common,
        type: question.type,
        left: choices(question.left),
        right: shuffledAwayFromKey(choices(question.right), deriveSeed(seed, `${question.id}/right`), matchingKey(question)),
      };
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

/** Whether a shown order of ordering's items is the answer itself. */
function orderingKey(question: Extract<LoadedQuestion, { type: 'ordering' }>) {
  return (shown: readonly { id: string }[]) => shown.every((item, i) => item.id === question.order[i]);
}

/**
 * Whether a shown right-hand list of matching is in key order: reading the left rows down (they
 * are shown in bank order), each row's answer comes no earlier in the list than the row
 * above's. Then "option i answers row i", or the same with distractors between, gives it away.
 */
function matchingKey(question: Extract<LoadedQuestion, { type: 'matching' }>) {
  const answerOf = new Map(question.pairs.map((p) => [p.left, p.right]));
  const answers = question.left.map((l) => answerOf.get(l.id));
  return (shown: readonly { id: string }[]) => {
    const position = new Map(shown.map((item, i) => [item.id, i]));
    const places = answers.map((id) => position.get(id ?? '') ?? -1);
    return places.every((place, i) => i === 0 || place >= (places[i - 1] ?? -1));
  };
}

/**
 * A seeded shuffle of `items` that is not in key order. A shuffle can land on the key itself;
 * then the seed steps on, so the same attempt always gets the same order (and its review
 * replays it). When no order avoids the key (every row has the same answer), none is needed.
 */
function shuffledAwayFromKey<T extends { id: string }>(items: T[], seed: number, inKeyOrder: (shown: readonly T[]) => boolean): T[] {
  for (let step = 0; step < 64; step++) {
    const shuffled = seededShuffle(items, (seed + step) >>> 0);
    if (!inKeyOrder(shuffled)) return shuffled;
  }
  // Beyond reach for any real question (each try lands on the key with probability ≤ 1/2), but
  // an order must still be chosen: rotate until one avoids the key, or keep the bank's.
  for (let turn = 1; turn < items.length; turn++) {
    const rotated = [...items.slice(turn), ...items.slice(0, turn)];
    if (!inKeyOrder(rotated)) return rotated;
  }
  return items;
}
