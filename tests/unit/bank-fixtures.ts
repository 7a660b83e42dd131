// A small article and a valid bank using every question type, for tests to break one piece at a time.
import type { BankInput } from '../../src/core/bank/schema.ts';

export const FIXTURE_ARTICLE = `Council to meet on human rights

The council met on Monday to discuss the report. The regime stayed away.
Officials said the council would meet again in March. The regime stayed away from the talks.
Up to 120,000 people are held in the camps, the report said.
`;

const common = { explanation: 'Because the text says so.', skill: 'detail', difficulty: 'easy' } as const;

export function fixtureBank(): BankInput {
  return {
    id: 'fixture',
    questions: [
      {
        ...common,
        id: 'sc',
        type: 'single-choice',
        prompt: 'When did the council meet?',
        options: [
          { id: 'monday', text: 'Monday' },
          { id: 'march', text: 'March' },
        ],
        correct: 'monday',
        evidence: ['The council met on Monday to discuss the report.'],
      },
      {
        ...common,
        id: 'ms',
        type: 'multiple-select',
        prompt: 'Which are true?',
        options: [
          { id: 'met', text: 'The council met' },
          { id: 'again', text: 'It will meet again' },
          { id: 'attended', text: 'The regime attended' },
        ],
        correct: ['met', 'again'],
        evidence: ['The council met on Monday', 'would meet again in March'],
      },
      {
        ...common,
        id: 'tfng',
        type: 'true-false-not-given',
        prompt: 'The regime attended.',
        answer: 'false',
        evidence: ['The regime stayed away.'],
      },
      {
        ...common,
        id: 'sa',
        type: 'short-answer',
        prompt: 'When will the council meet again?',
        accepted: ['March', 'in March'],
        evidence: ['Officials said the council would meet again in March.'],
      },
      {
        ...common,
        id: 'cz',
        type: 'cloze',
        prompt: 'Complete the sentence.',
        text: 'Up to {{count}} people are held in the {{place}}, the report said.',
        gaps: [
          { id: 'count', accepted: ['120,000'] },
          { id: 'place', accepted: ['camps'] },
        ],
        evidence: ['Up to 120,000 people are held in the camps, the report said.'],
      },
      {
        ...common,
        id: 'es',
        type: 'evidence-selection',
        prompt: 'Select the sentences saying the regime stayed away.',
        answer: ['The regime stayed away.', 'The regime stayed away from the talks.'],
        evidence: ['The regime stayed away.', 'The regime stayed away from the talks.'],
      },
      {
        ...common,
        id: 'ord',
        type: 'ordering',
        prompt: 'Put in order.',
        items: [
          { id: 'march', text: 'Meeting in March' },
          { id: 'monday', text: 'Meeting on Monday' },
          { id: 'report', text: 'The report' },
        ],
        order: ['report', 'monday', 'march'],
        evidence: ['The council met on Monday to discuss the report.', 'would meet again in March'],
      },
      {
        ...common,
        id: 'mt',
        type: 'matching',
        prompt: 'Match.',
        left: [
          { id: 'monday', text: 'Monday' },
          { id: 'march', text: 'March' },
        ],
        right: [
          { id: 'met', text: 'The council met' },
          { id: 'will-meet', text: 'The council will meet' },
          { id: 'unused', text: 'Nothing' },
        ],
        pairs: [
          { left: 'monday', right: 'met' },
          { left: 'march', right: 'will-meet' },
        ],
        evidence: ['The council met on Monday', 'would meet again in March'],
      },
      {
        ...common,
        id: 'tp',
        type: 'two-part',
        prompt: 'Two parts.',
        partA: {
          prompt: 'Did the regime attend?',
          options: [
            { id: 'yes', text: 'Yes' },
            { id: 'no', text: 'No' },
          ],
          correct: 'no',
        },
        partB: {
          prompt: 'Which sentence shows it?',
          options: [
            { id: 'stayed', quote: 'The regime stayed away.' },
            { id: 'monday', quote: 'The council met on Monday to discuss the report.' },
          ],
          correct: ['stayed'],
        },
        evidence: ['The regime stayed away.'],
      },
    ],
  };
}

/** The fixture bank with its questions as plain records, for tests that break them on purpose. */
export function mutableFixtureBank(): { id: string; questions: Record<string, unknown>[]; [key: string]: unknown } {
  return structuredClone(fixtureBank()) as unknown as { id: string; questions: Record<string, unknown>[] };
}
