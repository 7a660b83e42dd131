import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import Ordering from '../../src/renderer/src/questions/Ordering.svelte';
import type { PublicQuestion } from '../../src/shared/contract.ts';

const question: Extract<PublicQuestion, { type: 'ordering' }> = {
  id: 'timeline',
  number: 7,
  prompt: 'Put the events in order.',
  points: 2,
  skill: 'sequence',
  difficulty: 'medium',
  type: 'ordering',
  items: [
    { id: 'hack', text: 'Sony is hacked' },
    { id: 'fbi', text: 'The FBI blames North Korea' },
    { id: 'cancel', text: 'Sony cancels the film' },
  ],
};
const order = (...ids: string[]) => ({ type: 'ordering' as const, order: ids });
const rows = () =>
  screen
    .getAllByRole('listitem')
    .map((li) => li.querySelector('.position')?.textContent + ' ' + li.querySelector('.text')?.textContent?.trim());

describe('Ordering', () => {
  it('lists the items with their positions, in the saved order', () => {
    render(Ordering, { question, response: order('cancel', 'hack', 'fbi'), disabled: false, onanswer: vi.fn() });
    expect(rows()).toEqual(['1. Sony cancels the film', '2. Sony is hacked', '3. The FBI blames North Korea']);
  });

  it('accepts the given order as an answer, once', async () => {
    const onanswer = vi.fn();
    const { rerender } = render(Ordering, { question, response: undefined, disabled: false, onanswer });
    expect(rows()).toEqual(['1. Sony is hacked', '2. The FBI blames North Korea', '3. Sony cancels the film']);
    await fireEvent.click(screen.getByRole('button', { name: 'This order is my answer' }));
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(order('hack', 'fbi', 'cancel'));
    await rerender({ response: order('hack', 'fbi', 'cancel') });
    expect(screen.queryByRole('button', { name: 'This order is my answer' })).toBeNull();
  });

  it('moves an item with the Move up and Move down buttons', async () => {
    const onanswer = vi.fn();
    render(Ordering, { question, response: undefined, disabled: false, onanswer });
    await fireEvent.click(screen.getByRole('button', { name: 'Move up: Sony cancels the film' }));
    expect(onanswer).toHaveBeenLastCalledWith(order('hack', 'cancel', 'fbi'));
    await fireEvent.click(screen.getByRole('button', { name: 'Move down: Sony is hacked' }));
    expect(onanswer).toHaveBeenLastCalledWith(order('fbi', 'hack', 'cancel'));
    expect(screen.getByRole('status').textContent).toBe('“Sony is hacked” moved to position 2 of 3.');
  });

  it('cannot move the first item up or the last down', () => {
    render(Ordering, { question, response: undefined, disabled: false, onanswer: vi.fn() });
    expect((screen.getByRole('button', { name: 'Move up: Sony is hacked' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Move down: Sony cancels the film' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('keeps the focus on the moved item’s button', async () => {
    // Like the app, the parent saves the new order at once, so the list re-renders under the focus.
    const { rerender } = render(Ordering, {
      question,
      response: undefined,
      disabled: false,
      onanswer: (response) => {
        if (response.type === 'ordering') void rerender({ response });
      },
    });
    const down = screen.getByRole('button', { name: 'Move down: The FBI blames North Korea' });
    down.focus();
    await fireEvent.click(down);
    await new Promise((resolve) => setTimeout(resolve));
    expect(rows()[2]).toBe('3. The FBI blames North Korea');
    // Now last, the item can go down no further: the focus moves to its Move up button.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Move up: The FBI blames North Korea' }));
  });

  it('moves an item by drag and drop', async () => {
    const onanswer = vi.fn();
    render(Ordering, { question, response: undefined, disabled: false, onanswer });
    const [first, , last] = screen.getAllByRole('listitem');
    expect(last?.getAttribute('draggable')).toBe('true');
    await fireEvent.dragStart(last!);
    await fireEvent.dragOver(first!);
    await fireEvent.drop(first!);
    expect(onanswer).toHaveBeenCalledExactlyOnceWith(order('cancel', 'hack', 'fbi'));
  });

  it('sends nothing when disabled', async () => {
    const onanswer = vi.fn();
    render(Ordering, { question, response: undefined, disabled: true, onanswer });
    expect(screen.queryAllByRole('button')).toHaveLength(0);
    const [first, , last] = screen.getAllByRole('listitem');
    expect(last?.getAttribute('draggable')).toBe('false');
    await fireEvent.dragStart(last!);
    await fireEvent.drop(first!);
    expect(onanswer).not.toHaveBeenCalled();
  });

  it('gives each item its correct position, in words', () => {
    render(Ordering, {
      question,
      response: order('fbi', 'hack', 'cancel'),
      correct: order('hack', 'fbi', 'cancel'),
      disabled: true,
      onanswer: vi.fn(),
    });
    expect(screen.getByText('Your answer, with each item’s correct position:')).toBeTruthy();
    expect(rows().map((row) => row.replace(/\s+/g, ' '))).toEqual([
      '1. The FBI blames North Korea correct position: 2',
      '2. Sony is hacked correct position: 1',
      '3. Sony cancels the film ✓ correct position: 3',
    ]);
  });
});
