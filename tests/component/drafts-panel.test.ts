import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import DraftsPanel from '../../src/renderer/src/teacher/drafts/DraftsPanel.svelte';
import { DraftsPanelState, type BankQuestion, type DraftsDeps } from '../../src/renderer/src/teacher/drafts/drafts.svelte.ts';
import type { DraftQuestionsInput, DraftQuestionsResult } from '../../src/shared/contract.ts';

// The drafts panel: the state class with a fake service, and the panel on top of it.

const COUNCIL = 'The 15-member council has been urged to refer the case to the International Criminal Court.';
const KIM = 'If the council takes any action, “maybe we will take necessary measures,” diplomat Kim Song said on Friday.';

function result(seed: number): DraftQuestionsResult {
  return {
    quizId: 'council',
    seed,
    total: 3,
    paragraphs: [
      {
        paragraphId: 'p1',
        number: 1,
        opening: 'The 15-member council has been urged to refer the case …',
        drafts: [
          {
            score: 88,
            generator: 'cloze',
            sentenceIds: ['p1.s1'],
            question: {
              id: 'cloze-p1-s1',
              type: 'cloze',
              skill: 'detail',
              difficulty: 'easy',
              points: 1,
              drafted: true,
              prompt: 'Complete the sentence from paragraph 1 with words from the article.',
              text: 'The {{gap-1}}-member council has been urged to refer the case to the International Criminal Court.',
              gaps: [{ id: 'gap-1', accepted: ['15'] }],
              evidence: [COUNCIL],
              explanation: `Paragraph 1 says: “${COUNCIL}”`,
            },
          },
          {
            score: 61,
            generator: 'true-false',
            sentenceIds: ['p1.s1'],
            question: {
              id: 'tfng-p1-s1',
              type: 'true-false-not-given',
              skill: 'detail',
              difficulty: 'medium',
              points: 1,
              drafted: true,
              prompt: `The 15-member council has been urged to refer the case to the ${seed === 1 ? 'UN' : 'FBI'}.`,
              answer: 'false',
              evidence: [COUNCIL],
              explanation: 'False.',
            },
          },
        ],
      },
      {
        paragraphId: 'p2',
        number: 2,
        opening: 'If the council takes any action, “maybe we will take …',
        drafts: [
          {
            score: 70,
            generator: 'who-said-it',
            sentenceIds: ['p2.s1'],
            question: {
              id: 'who-said-p2-s1',
              type: 'single-choice',
              skill: 'quotation',
              difficulty: 'easy',
              points: 1,
              drafted: true,
              prompt: 'Who said this, according to paragraph 2? “maybe we will take necessary measures”',
              options: [
                { id: 'china', text: 'China' },
                { id: 'diplomat-kim-song', text: 'Diplomat Kim Song' },
                { id: 'seth-rogen', text: 'Seth Rogen' },
              ],
              correct: 'diplomat-kim-song',
              evidence: [KIM],
              explanation: 'Paragraph 2.',
            },
          },
        ],
      },
    ],
  };
}

function setup(overrides: Partial<DraftsDeps> = {}) {
  const accepted: BankQuestion[] = [];
  const draft = vi.fn(async (input: DraftQuestionsInput) => result(input.seed ?? 1));
  const accept = vi.fn(async (question: BankQuestion) => {
    accepted.push(question);
  });
  const state = new DraftsPanelState({
    quizId: 'council',
    draft,
    accept,
    bankIds: () => ['cloze-p1-s1', ...accepted.map((question) => question.id)],
    messageOf: (error) => (error instanceof Error ? error.message : String(error)),
    ...overrides,
  });
  return { state, draft, accept, accepted };
}

describe('DraftsPanelState', () => {
  it('accepts a draft as a drafted question with an id the bank does not have yet', async () => {
    const { state, accept } = setup();
    await state.load();
    expect(state.status).toBe('ready');
    await state.accept('cloze-p1-s1');
    expect(accept).toHaveBeenCalledTimes(1);
    const question = accept.mock.calls[0]![0];
    expect(question.id).toBe('cloze-p1-s1-2');
    expect(question.drafted).toBe(true);
    expect(state.decisionOf('cloze-p1-s1')).toBe('accepted');
    // Accepting twice adds it once.
    await state.accept('cloze-p1-s1');
    expect(accept).toHaveBeenCalledTimes(1);
    expect(state.acceptedCount).toBe(1);
    expect(state.undecidedCount).toBe(2);
  });

  it('keeps a draft whose save failed, with the reason, so it can be accepted again', async () => {
    const accept = vi
      .fn()
      .mockRejectedValueOnce(new Error('a bundled quiz is read-only: duplicate it first'))
      .mockResolvedValueOnce(undefined);
    const { state } = setup({ accept });
    await state.load();
    await state.accept('tfng-p1-s1');
    expect(state.decisionOf('tfng-p1-s1')).toBe('failed');
    expect(state.failures['tfng-p1-s1']).toMatch(/read-only/u);
    await state.accept('tfng-p1-s1');
    expect(state.decisionOf('tfng-p1-s1')).toBe('accepted');
  });

  it('drafts again with the next seed, and ignores a reply that arrives after a newer one', async () => {
    let release: (value: DraftQuestionsResult) => void = () => {};
    const draft = vi
      .fn<(input: DraftQuestionsInput) => Promise<DraftQuestionsResult>>()
      .mockImplementationOnce(() => new Promise((resolve) => (release = resolve)))
      .mockImplementation(async (input) => result(input.seed ?? 1));
    const { state } = setup({ draft });
    const slow = state.load();
    await state.load(5);
    release(result(1));
    await slow;
    expect(state.result?.seed).toBe(5);
    await state.again();
    expect(draft).toHaveBeenLastCalledWith({ quizId: 'council', seed: 6 });
  });
});

describe('DraftsPanel', () => {
  it('lists drafts by paragraph with score, answer and evidence; accept and reject change the card', async () => {
    const { state, accepted } = setup();
    render(DraftsPanel, { drafts: state });
    const first = await screen.findByRole('region', { name: /Paragraph 1/u });
    expect(within(first).getAllByRole('listitem', { name: /.+/u })).toHaveLength(2);
    expect(within(first).getByText('Score 88')).toBeTruthy();
    expect(within(first).getAllByText(COUNCIL)).toHaveLength(2);
    const second = screen.getByRole('region', { name: /Paragraph 2/u });
    expect(within(second).getByText('(the answer)').parentElement?.textContent).toMatch(/Diplomat Kim Song/u);

    const card = screen.getByRole('listitem', { name: /Who said this/u });
    await fireEvent.click(within(card).getByRole('button', { name: 'Accept' }));
    await waitFor(() => expect(within(card).getByText(/Added to the quiz, marked as drafted/u)).toBeTruthy());
    expect(accepted.map((question) => question.id)).toEqual(['who-said-p2-s1']);

    const statement = screen.getByRole('listitem', { name: /refer the case to the UN/u });
    await fireEvent.click(within(statement).getByRole('button', { name: 'Reject' }));
    expect(within(statement).getByText(/^Rejected:/u)).toBeTruthy();
    expect(screen.getByText(/1 accepted, 1 rejected, 1 to decide/u)).toBeTruthy();
    await fireEvent.click(within(statement).getByRole('button', { name: 'Undo' }));
    expect(within(statement).getByRole('button', { name: 'Accept' })).toBeTruthy();

    await fireEvent.click(screen.getByRole('checkbox', { name: 'Hide decided drafts' }));
    expect(screen.queryByRole('region', { name: /Paragraph 2/u })).toBeNull();
  });

  it('says why when the drafts cannot be made, and tries again', async () => {
    const draft = vi
      .fn()
      .mockRejectedValueOnce(new Error('there is no quiz “council”'))
      .mockImplementation(async () => result(1));
    const { state } = setup({ draft });
    render(DraftsPanel, { drafts: state });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/no quiz “council”/u);
    await fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('region', { name: /Paragraph 1/u })).toBeTruthy();
  });
});
