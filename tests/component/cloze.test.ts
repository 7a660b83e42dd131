import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Cloze from '../../src/renderer/src/questions/Cloze.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'cloze' }> = {
  id: 'warning',
  number: 5,
  prompt: 'Complete the sentence.',
  points: 2,
  skill: 'detail',
  difficulty: 'medium',
  type: 'cloze',
  text: 'The regime threatened further {{threat}}, after the vote to move the issue to the {{body}}.',
  gaps: [{ id: 'threat' }, { id: 'body' }],
};
const gap = (n: number) => screen.getByRole('textbox', { name: `Gap ${n}` }) as HTMLInputElement;

describe('Cloze', () => {
  it('puts a labelled input in place of each gap', () => {
    const { container } = render(Cloze, { question, response: undefined, disabled: false, onanswer: vi.fn() });
    expect(screen.getAllByRole('textbox')).toHaveLength(2);
    const text = container.querySelector('.text');
    expect(text?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'The regime threatened further , after the vote to move the issue to the .',
    );
    expect(text?.children[0]).toBe(gap(1));
    expect(text?.children[1]).toBe(gap(2));
    expect(container.textContent).not.toContain('{{');
  });

  it('sends the filled gaps as they are typed, leaving blanks out, with no button of its own', async () => {
    const onanswer = vi.fn();
    render(Cloze, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.input(gap(2), { target: { value: 'Security Council' } });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'cloze', gaps: { body: 'Security Council' } });
    await fireEvent.input(gap(1), { target: { value: '  ' } });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'cloze', gaps: { body: 'Security Council' } });
    await fireEvent.input(gap(2), { target: { value: '' } });
    expect(onanswer).toHaveBeenLastCalledWith({ type: 'cloze', gaps: {} });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('commits with Enter in any gap', async () => {
    const oncommit = vi.fn();
    render(Cloze, { question, response: undefined, disabled: false, onanswer: vi.fn(), oncommit });
    await fireEvent.input(gap(1), { target: { value: 'action' } });
    await fireEvent.keyDown(gap(1), { key: 'Enter' });
    expect(oncommit).toHaveBeenCalledOnce();
  });

  it('starts from the saved answer', () => {
    render(Cloze, { question, response: { type: 'cloze', gaps: { threat: 'action' } }, disabled: false, onanswer: vi.fn() });
    expect(gap(1).value).toBe('action');
    expect(gap(2).value).toBe('');
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(Cloze, { question, response: { type: 'cloze', gaps: { threat: 'action' } }, disabled: true, onanswer });
    expect(gap(1).disabled).toBe(true);
    await fireEvent.keyDown(gap(1), { key: 'Enter' });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('lists each gap’s correct answer beside the student’s', () => {
    render(Cloze, {
      question,
      response: { type: 'cloze', gaps: { threat: 'action' } },
      correct: { type: 'cloze', gaps: { threat: 'action', body: 'Security Council' } },
      disabled: true,
      onanswer: vi.fn(),
    });
    const items = screen.getAllByRole('listitem').map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    expect(items).toEqual([
      'Gap 1: your answer action; correct answer action',
      'Gap 2: your answer (blank); correct answer Security Council',
    ]);
  });
});
