import type { Response } from './response.ts';

/**
 * Whether a response holds no answer at all: every option unticked, every sentence removed,
 * every gap or the text field emptied. Such a response is not stored as an answer: the
 * question becomes unanswered again, and counts in the unanswered warning and the results.
 * Single choice and true/false/not given cannot be emptied once chosen.
 */
export function isEmptyResponse(response: Response): boolean {
  switch (response.type) {
    case 'single-choice':
    case 'true-false-not-given':
      return false;
    case 'multiple-select':
      return response.optionIds.length === 0;
    case 'short-answer':
      return response.text.trim() === '';
    case 'cloze':
      return Object.values(response.gaps).every((text) => text.trim() === '');
    case 'evidence-selection':
      return response.sentenceIds.length === 0;
    case 'ordering':
      return response.order.length === 0;
    case 'matching':
      return Object.keys(response.pairs).length === 0;
    case 'two-part':
      return false; // part A is a single choice, always made
  }
}
