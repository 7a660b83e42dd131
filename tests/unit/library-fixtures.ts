import type { ParsedInput } from '../../src/shared/contract.ts';

// An own quiz's article and a bank that loads against it, for the library's tests.

export const ARTICLE: ParsedInput<'createQuiz'>['article'] = {
  title: 'Council votes to keep the town library open',
  byline: 'Jane Doe',
  publication: 'The Courier',
  date: '27 November 2026',
  address: 'https://example.org/library-vote',
  paragraphs: [
    'The council voted on Tuesday to keep the town library open. The vote ended a year of argument.',
    // Boundaries the teacher fixed: the segmenter would not split after "Mr." here, and must not join these.
    ['Mr. Jones, who led the campaign, said the vote was close.', 'It passed by one vote.'],
    'Readers had collected 4,000 signatures.',
  ],
  captions: [{ text: 'The library on Main Street, built in 1904.' }],
};

/** A valid bank for ARTICLE: two questions citing its sentences. */
export function articleBank(quizId: string): Record<string, any> {
  return {
    id: quizId,
    questions: [
      {
        id: 'vote-result',
        type: 'single-choice',
        skill: 'detail',
        difficulty: 'easy',
        prompt: 'What did the council decide?',
        options: [
          { id: 'keep', text: 'To keep the library open' },
          { id: 'close', text: 'To close the library' },
        ],
        correct: 'keep',
        evidence: ['The council voted on Tuesday to keep the town library open.'],
        explanation: 'The first sentence says the council voted to keep it open.',
      },
      {
        id: 'margin',
        type: 'short-answer',
        skill: 'detail',
        difficulty: 'easy',
        prompt: 'By how many votes did it pass?',
        accepted: ['one', 'one vote', '1'],
        evidence: ['It passed by one vote.'],
        explanation: 'It passed by one vote.',
      },
    ],
  };
}
