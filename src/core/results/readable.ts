import type { LoadedQuestion } from '../bank/loaded.ts';
import type { TruthValue } from '../bank/schema.ts';
import type { Response, ResponseOf } from '../scoring/response.ts';

// Responses as a teacher reads them: option texts rather than ids.

export const TRUTH_LABELS: Record<TruthValue, string> = { true: 'True', false: 'False', 'not-given': 'Not given' };

const LIST = ' | ';

/** Looks up a sentence's text by id; undefined when the article has no such sentence. */
export type SentenceText = (sentenceId: string) => string | undefined;

interface Choice {
  id: string;
  text: string;
}

/** A removed or unknown option still shows as its id rather than vanishing. */
export function textOf(choices: readonly Choice[], id: string): string {
  return choices.find((c) => c.id === id)?.text ?? id;
}

function texts(choices: readonly Choice[], ids: readonly string[]): string {
  return ids.map((id) => textOf(choices, id)).join(LIST);
}

function own(record: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/**
 * The response in words. When the question is gone from the bank or has changed type, the
 * stored response is written out as it is, so that nothing a student gave is lost from an export.
 */
export function readableResponse(question: LoadedQuestion | undefined, response: Response, sentenceText: SentenceText): string {
  if (!question || question.type !== response.type) return JSON.stringify(response);
  // The casts are safe: the two types were just checked to agree.
  switch (question.type) {
    case 'single-choice':
      return textOf(question.options, (response as ResponseOf<'single-choice'>).optionId);
    case 'multiple-select':
      return texts(question.options, (response as ResponseOf<'multiple-select'>).optionIds);
    case 'true-false-not-given':
      return TRUTH_LABELS[(response as ResponseOf<'true-false-not-given'>).value];
    case 'short-answer':
      return (response as ResponseOf<'short-answer'>).text;
    case 'cloze': {
      const gaps = (response as ResponseOf<'cloze'>).gaps;
      return question.gaps.flatMap((g) => (own(gaps, g.id) === undefined ? [] : [`${g.id}: ${own(gaps, g.id)}`])).join(LIST);
    }
    case 'evidence-selection':
      return (response as ResponseOf<'evidence-selection'>).sentenceIds
        .map((id) => {
          const text = sentenceText(id);
          return text === undefined ? id : `${id} “${text}”`;
        })
        .join(LIST);
    case 'ordering':
      return (response as ResponseOf<'ordering'>).order.map((id) => textOf(question.items, id)).join(' → ');
    case 'matching': {
      const pairs = (response as ResponseOf<'matching'>).pairs;
      return question.left
        .flatMap((l) => {
          const right = own(pairs, l.id);
          return right === undefined ? [] : [`${l.text} → ${textOf(question.right, right)}`];
        })
        .join(LIST);
    }
    case 'two-part': {
      const r = response as ResponseOf<'two-part'>;
      const quotes = r.partB.map((id) => question.partB.options.find((o) => o.id === id)?.quote ?? id);
      return `A: ${textOf(question.partA.options, r.partA)}${LIST}B: ${quotes.join(' / ')}`;
    }
  }
}

/**
 * The wrong choices a response made, as texts, for the question types whose answer is picked
 * from a list; empty for the others. A multiple-select response can make several.
 */
export function wrongChoices(question: LoadedQuestion, response: Response): string[] {
  if (question.type !== response.type) return [];
  switch (question.type) {
    case 'single-choice': {
      const { optionId } = response as ResponseOf<'single-choice'>;
      return optionId === question.correct ? [] : [textOf(question.options, optionId)];
    }
    case 'multiple-select': {
      const right = new Set(question.correct);
      return (response as ResponseOf<'multiple-select'>).optionIds.filter((id) => !right.has(id)).map((id) => textOf(question.options, id));
    }
    case 'true-false-not-given': {
      const { value } = response as ResponseOf<'true-false-not-given'>;
      return value === question.answer ? [] : [TRUTH_LABELS[value]];
    }
    case 'two-part': {
      const { partA } = response as ResponseOf<'two-part'>;
      return partA === question.partA.correct ? [] : [textOf(question.partA.options, partA)];
    }
    case 'matching': {
      const pairs = (response as ResponseOf<'matching'>).pairs;
      const answer = new Map(question.pairs.map((p) => [p.left, p.right]));
      return question.left.flatMap((l) => {
        const given = own(pairs, l.id);
        return given === undefined || given === answer.get(l.id) ? [] : [`${l.text} → ${textOf(question.right, given)}`];
      });
    }
    case 'short-answer':
    case 'cloze':
    case 'evidence-selection':
    case 'ordering':
      return [];
  }
}

export const CHOICE_TYPES: ReadonlySet<LoadedQuestion['type']> = new Set([
  'single-choice',
  'multiple-select',
  'true-false-not-given',
  'two-part',
  'matching',
]);
