import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Matching from '../../src/renderer/src/questions/Matching.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'matching' }> = {
  id: 'numbers',
  number: 8,
  prompt: 'Match each number.',
  points: 2,
  skill: 'detail',
  difficulty: 'medium',
  type: 'matching',
  left: [
    { id: 'fifteen', text: '15' },
    { id: 'dozens', text: 'Dozens' },
  ],
  right: [
    { id: 'members', text: 'Council members' },
    { id: 'defectors', text: 'Defectors' },
    { id: 'inmates', text: 'Inmates' },
  ],
};
const select = (name: string) => screen.getByRole('combobox', { name }) as HTMLSelectElement;
const matching = (pairs: Record<string, string>) => ({ type: 'matching' as const, pairs });

describe('Matching', () => {
  it('gives each left item a labelled select of the right items, after “Choose…”', () => {
    render(Matching, { question, response: matching({ dozens: 'defectors' }), disabled: false, onanswer: vi.fn() });
    expect(screen.getAllByRole('combobox')).toHaveLength(2);
    expect([...select('1. 15').options].map((o) => o.text)).toEqual(['Choose…', 'Council members', 'Defectors', 'Inmates']);
    expect(select('1. 15').value).toBe('');
    expect(select('2. Dozens').value).toBe('defectors');
  });

  it('sends the chosen pairs, keeping the others', async () => {
    const onanswer = vi.fn();
    render(Matching, { question, response: matching({ dozens: 'defectors' }), disabled: false, onanswer });
    await fireEvent.change(select('1. 15'), { target: { value: 'members' } });
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(matching({ fifteen: 'members', dozens: 'defectors' }));
  });

  it('drops a pair set back to “Choose…”', async () => {
    const onanswer = vi.fn();
    render(Matching, { question, response: matching({ fifteen: 'members', dozens: 'defectors' }), disabled: false, onanswer });
    await fireEvent.change(select('2. Dozens'), { target: { value: '' } });
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(matching({ fifteen: 'members' }));
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(Matching, { question, response: undefined, disabled: true, onanswer });
    expect(select('1. 15').matches(':disabled')).toBe(true);
    await fireEvent.change(select('1. 15'), { target: { value: 'members' } });
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('shows the correct match beside a wrong one, in words', () => {
    const { container } = render(Matching, {
      question,
      response: matching({ fifteen: 'members', dozens: 'inmates' }),
      correct: matching({ fifteen: 'members', dozens: 'defectors' }),
      disabled: true,
      onanswer: vi.fn(),
    });
    const notes = [...container.querySelectorAll('.pair p')].map((p) => p.textContent?.replace(/\s+/g, ' ').trim());
    expect(notes).toEqual(['✓ Your answer is correct.', 'Correct answer: Defectors']);
  });
});
