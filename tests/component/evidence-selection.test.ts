import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import EvidenceSelection from '../../src/renderer/src/questions/EvidenceSelection.svelte';
import type { PublicArticle, PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'evidence-selection' }> = {
  id: 'denial',
  number: 6,
  prompt: 'Select the sentences that show a denial.',
  points: 2,
  skill: 'quotation',
  difficulty: 'medium',
  type: 'evidence-selection',
};
const article: PublicArticle = {
  headline: 'Council meets',
  source: {},
  paragraphs: [
    {
      id: 'p1',
      number: 1,
      sentences: [
        { id: 'p1.s1', text: 'Officials are still denying any involvement in the hack on Sony.' },
        { id: 'p1.s2', text: 'It said so.' },
      ],
    },
    { id: 'p2', number: 2, sentences: [{ id: 'p2.s1', text: 'China could block action.' }] },
  ],
};
const selection = (...sentenceIds: string[]) => ({ type: 'evidence-selection' as const, sentenceIds });

describe('EvidenceSelection', () => {
  it('counts the selected sentences and names them by their first words', () => {
    render(EvidenceSelection, { question, article, response: selection('p1.s1', 'p1.s2'), disabled: false, onanswer: vi.fn() });
    expect(screen.getByRole('status').textContent?.trim()).toBe('2 sentences selected');
    expect(screen.getAllByRole('listitem').map((li) => li.querySelector('.quote')?.textContent)).toEqual([
      '“Officials are still denying any involvement…”',
      '“It said so.”',
    ]);
  });

  it('says none are selected before any is picked', () => {
    render(EvidenceSelection, { question, article, response: undefined, disabled: false, onanswer: vi.fn() });
    expect(screen.getByRole('status').textContent?.trim()).toBe('0 sentences selected');
    expect(screen.queryAllByRole('listitem')).toHaveLength(0);
    expect(screen.getByText(/Select sentences in the article/)).toBeTruthy();
  });

  it('removes a sentence with its button, sending the rest', async () => {
    const onanswer = vi.fn();
    render(EvidenceSelection, { question, article, response: selection('p1.s1', 'p2.s1'), disabled: false, onanswer });
    await fireEvent.click(screen.getByRole('button', { name: 'Remove “Officials are still denying any involvement…”' }));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(selection('p2.s1'));
  });

  it('names sentences by place when it has no article', () => {
    render(EvidenceSelection, { question, response: selection('p2.s1'), disabled: false, onanswer: vi.fn() });
    expect(screen.getByRole('status').textContent?.trim()).toBe('1 sentence selected');
    expect(screen.getByRole('button', { name: 'Remove “Paragraph 2, sentence 1”' })).toBeTruthy();
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(EvidenceSelection, { question, article, response: selection('p1.s2'), disabled: true, onanswer });
    const remove = screen.getByRole('button', { name: /Remove/ }) as HTMLButtonElement;
    expect(remove.disabled).toBe(true);
    await fireEvent.click(remove);
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('lists the correct sentences beside the student’s, in words', () => {
    render(EvidenceSelection, {
      question,
      article,
      response: selection('p1.s1', 'p2.s1'),
      correct: selection('p1.s1', 'p1.s2'),
      disabled: true,
      onanswer: vi.fn(),
    });
    const mine = screen.getByRole('list', { name: 'Your answer' });
    expect([...mine.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      '“Officials are still denying any involvement…” ✓ correct',
      '“China could block action.” ✗ not needed',
    ]);
    const key = screen.getByRole('list', { name: 'Correct answer' });
    expect([...key.querySelectorAll('li')].map((li) => li.textContent?.trim())).toEqual([
      '“Officials are still denying any involvement…”',
      '“It said so.”',
    ]);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
