import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import AttemptView from '../../src/renderer/src/teacher/results/AttemptView.svelte';
import { AttemptReview, type AttemptReviewClient } from '../../src/renderer/src/teacher/results/attempt-review.svelte.ts';
import { ApiError } from '../../src/renderer/src/lib/api.ts';
import type { AttemptDetail, AttemptDetailQuestion } from '../../src/shared/contract.ts';

// One attempt as the teacher reads it, and the override controls on short answers and cloze gaps,
// against a fake service that marks as the real one does: the teacher's mark replaces the points,
// the automatic one is kept beside it, and `clear` puts it back.

const ATTEMPT_ID = '6f1c2a54-3b1e-4c8e-9d2f-1a2b3c4d5e61';

function question(
  over: Partial<AttemptDetailQuestion> & Pick<AttemptDetailQuestion, 'number' | 'questionId' | 'type'>,
): AttemptDetailQuestion {
  return {
    prompt: `Question ${over.number}?`,
    skill: 'detail',
    response: 'an answer',
    key: 'the key',
    points: 0,
    maxPoints: 1,
    verdict: 'incorrect',
    evidence: [{ sentenceId: 'p1.s1', text: 'The council met on Tuesday.' }],
    answeredAt: '2026-11-24T09:20:00.000Z',
    secondsSpent: 125,
    overridable: false,
    ...over,
  };
}

function fakeService() {
  const questions: AttemptDetailQuestion[] = [
    question({
      number: 1,
      questionId: 'q-choice',
      type: 'single-choice',
      points: 1,
      verdict: 'correct',
      response: 'Tuesday',
      key: 'Tuesday',
    }),
    question({ number: 2, questionId: 'q-short', type: 'short-answer', response: 'tusday', key: 'Tuesday', overridable: true }),
    question({
      number: 3,
      questionId: 'q-cloze',
      type: 'cloze',
      points: 1,
      maxPoints: 2,
      verdict: 'partial',
      response: 'council / tusday',
      key: 'council / Tuesday',
      overridable: true,
      gaps: [
        { id: 'g1', given: 'council', accepted: ['council'], correct: true },
        { id: 'g2', given: 'tusday', accepted: ['Tuesday'], correct: false },
      ],
    }),
  ];
  const total = () => questions.reduce((sum, q) => sum + q.points, 0);
  const detail = (): AttemptDetail => ({
    attempt: {
      attemptId: ATTEMPT_ID,
      quizId: 'council',
      title: 'Council meets',
      studentName: 'Ada Lovelace',
      status: 'submitted',
      startedAt: '2026-11-24T09:15:00.000Z',
      submittedAt: '2026-11-24T09:40:00.000Z',
      answered: 3,
      questionCount: 3,
      points: total(),
      maxPoints: 4,
      percentage: Math.round((total() / 4) * 100),
    },
    quizVersion: 2,
    questions: questions.map((q) => structuredClone(q)),
    unreadable: [],
  });
  const client = {
    attemptDetail: vi.fn<AttemptReviewClient['attemptDetail']>(async () => detail()),
    overrideMark: vi.fn<AttemptReviewClient['overrideMark']>(async (input) => {
      const q = questions.find((x) => x.questionId === input.questionId)!;
      const automatic = q.original ?? { points: q.points, verdict: q.verdict! };
      if (input.clear) {
        q.points = automatic.points;
        q.verdict = automatic.verdict;
        delete q.original;
        delete q.override;
        return detail();
      }
      if (input.gaps && q.gaps) {
        for (const gap of q.gaps) gap.correct = input.gaps[gap.id] ?? gap.correct;
        q.points = q.gaps.filter((g) => g.correct).length;
      } else {
        q.points = input.correct ? q.maxPoints : 0;
      }
      q.verdict = q.points === q.maxPoints ? 'correct' : q.points === 0 ? 'incorrect' : 'partial';
      q.original = automatic;
      q.override = { at: '2026-11-27T10:00:00.000Z', ...(input.reason ? { reason: input.reason } : {}) };
      return detail();
    }),
  };
  return { client };
}

async function renderAttempt() {
  const { client } = fakeService();
  const review = new AttemptReview(client, ATTEMPT_ID);
  const onback = vi.fn();
  render(AttemptView, { review, onback });
  await review.load();
  await screen.findByRole('heading', { name: 'Ada Lovelace' });
  return { client, review, onback };
}

const item = (number: number) => {
  const heading = screen.getByRole('heading', { name: new RegExp(`^${number}\\. Question ${number}\\?$`) });
  return heading.closest('li')!;
};

describe('AttemptView', () => {
  it('shows each answer with its key, points, evidence and time spent, and the total', async () => {
    await renderAttempt();
    expect(screen.getByLabelText('Total').textContent).toContain('2 of 4 points');
    expect(screen.getByLabelText('Total').textContent).toContain('50%');
    const first = within(item(1));
    expect(first.getByText('Tuesday', { selector: 'dd:first-of-type' })).toBeTruthy();
    expect(first.getByText('The council met on Tuesday.')).toBeTruthy();
    expect(item(1).textContent).toContain('time spent 2 min 05 s');
    expect(item(1).textContent).toContain('1 of 1');
    // (jsdom's accessible names drop the space before visually hidden text; a browser keeps it.)
    // Only short answers and cloze gaps can be overridden.
    expect(first.queryByRole('group', { name: 'Teacher’s mark' })).toBeNull();
    expect(within(item(2)).getByRole('group', { name: 'Teacher’s mark' })).toBeTruthy();
  });

  it('marks a short answer right with a reason: the points and the total change, the automatic mark stays in view', async () => {
    const { client } = await renderAttempt();
    const short = within(item(2));
    // Already wrong: marking it wrong again would change nothing.
    expect((short.getByRole('button', { name: /^Mark wrong ?question 2$/ }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(short.getByRole('textbox', { name: /Reason/ }), { target: { value: 'a spelling slip, the meaning is right' } });
    await fireEvent.click(short.getByRole('button', { name: /^Mark right ?question 2$/ }));
    expect(client.overrideMark).toHaveBeenCalledWith({
      attemptId: ATTEMPT_ID,
      questionId: 'q-short',
      correct: true,
      reason: 'a spelling slip, the meaning is right',
    });
    await waitFor(() => expect(screen.getByLabelText('Total').textContent).toContain('3 of 4 points'));
    expect(screen.getByLabelText('Total').textContent).toContain('75%');
    const group = within(item(2)).getByRole('group', { name: 'Teacher’s mark' });
    expect(group.textContent).toContain('Your mark: 1 of 1');
    expect(group.textContent).toContain('Automatic mark: 0 of 1 (Not correct)');
    expect(group.textContent).toContain('Reason: “a spelling slip, the meaning is right”');
    expect(item(2).textContent).toContain('overridden');
    expect(screen.getByRole('status').textContent).toBe('Marked question 2 right: 1 of 1. Total 3 of 4.');
  });

  it('undoes an override: back to the automatic mark and the old total', async () => {
    const { client } = await renderAttempt();
    expect(within(item(2)).queryByRole('button', { name: /Undo/ })).toBeNull();
    await fireEvent.click(within(item(2)).getByRole('button', { name: /^Mark right ?question 2$/ }));
    await waitFor(() => expect(screen.getByLabelText('Total').textContent).toContain('3 of 4 points'));
    // No reason given: none is sent.
    expect(client.overrideMark).toHaveBeenLastCalledWith({ attemptId: ATTEMPT_ID, questionId: 'q-short', correct: true });
    await fireEvent.click(within(item(2)).getByRole('button', { name: /^Undo the override ?of question 2$/ }));
    expect(client.overrideMark).toHaveBeenLastCalledWith({ attemptId: ATTEMPT_ID, questionId: 'q-short', clear: true });
    await waitFor(() => expect(screen.getByLabelText('Total').textContent).toContain('2 of 4 points'));
    expect(item(2).textContent).not.toContain('Automatic mark');
    expect(within(item(2)).queryByRole('button', { name: /Undo/ })).toBeNull();
  });

  it('marks one gap of a cloze, leaving the other as it was', async () => {
    const { client } = await renderAttempt();
    const cloze = within(item(3));
    expect((cloze.getByRole('button', { name: /^Mark right ?gap 1 of question 3$/ }) as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(cloze.getByRole('button', { name: /^Mark right ?gap 2 of question 3$/ }));
    expect(client.overrideMark).toHaveBeenLastCalledWith({ attemptId: ATTEMPT_ID, questionId: 'q-cloze', gaps: { g2: true } });
    await waitFor(() => expect(screen.getByLabelText('Total').textContent).toContain('3 of 4 points'));
    expect(item(3).textContent).toContain('Your mark: 2 of 2');
    expect(item(3).textContent).toContain('Automatic mark: 1 of 2 (Partly correct)');
    expect(screen.getByRole('status').textContent).toBe('Marked gap 2 of question 3 right: 2 of 2. Total 3 of 4.');
    await fireEvent.click(within(item(3)).getByRole('button', { name: /^Mark wrong ?gap 1 of question 3$/ }));
    expect(client.overrideMark).toHaveBeenLastCalledWith({ attemptId: ATTEMPT_ID, questionId: 'q-cloze', gaps: { g1: false } });
    await waitFor(() => expect(item(3).textContent).toContain('Your mark: 1 of 2'));
  });

  it('shows a refused override as an alert and keeps the marks as they were', async () => {
    const { client } = await renderAttempt();
    client.overrideMark.mockRejectedValueOnce(
      new ApiError({ code: 'bad-request', reason: 'invalid-request', message: 'a reason has at most 300 characters' }),
    );
    await fireEvent.click(within(item(2)).getByRole('button', { name: /^Mark right ?question 2$/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('A reason has at most 300 characters');
    expect(screen.getByLabelText('Total').textContent).toContain('2 of 4 points');
  });

  it('goes back to the results', async () => {
    const { onback } = await renderAttempt();
    await fireEvent.click(screen.getByRole('button', { name: '← Back to the results' }));
    expect(onback).toHaveBeenCalledOnce();
  });
});
