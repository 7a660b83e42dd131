import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ArticleView from '../../src/renderer/src/ArticleView.svelte';
import type { PublicArticle } from '../../src/shared/contract.ts';

const article: PublicArticle = {
  headline: 'Council meets',
  source: { publication: 'The Paper', date: '2014-12-23' },
  paragraphs: [
    {
      id: 'p1',
      number: 1,
      sentences: [
        { id: 'p1.s1', text: 'The council met.' },
        { id: 'p1.s2', text: 'North Korea stayed away.' },
      ],
    },
    { id: 'p2', number: 2, sentences: [{ id: 'p2.s1', text: 'China could block action.' }] },
  ],
};

beforeAll(() => {
  // jsdom has no layout, so no scrollIntoView; the component calls it for highlighted evidence.
  Element.prototype.scrollIntoView ??= () => {};
});

describe('ArticleView', () => {
  it('marks highlighted sentences with <mark> and leaves the rest plain', () => {
    const { container } = render(ArticleView, { article, highlighted: new Set(['p1.s2']) });
    const marks = container.querySelectorAll('mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]?.textContent).toBe('Evidence: North Korea stayed away.');
    expect(container.querySelector('[data-sentence="p1.s1"]')?.tagName).toBe('SPAN');
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
  });

  it('offers no selection unless selectable', () => {
    const { container } = render(ArticleView, { article, selected: new Set(['p1.s1']), ontoggle: vi.fn() });
    expect(screen.queryAllByRole('checkbox')).toHaveLength(0);
    expect(container.querySelector('[tabindex="0"]')).toBeNull();
  });

  it('makes every sentence a focusable checkbox, checked when selected, with a tick', () => {
    render(ArticleView, { article, selectable: true, selected: new Set(['p2.s1']), ontoggle: vi.fn() });
    const boxes = screen.getAllByRole('checkbox');
    expect(boxes.map((b) => b.getAttribute('tabindex'))).toEqual(['0', '0', '0']);
    expect(boxes.map((b) => b.getAttribute('aria-checked'))).toEqual(['false', 'false', 'true']);
    const chosen = screen.getByRole('checkbox', { name: 'China could block action.' });
    expect(chosen.textContent).toBe('✓China could block action.');
    expect(chosen.classList.contains('selected')).toBe(true);
    expect(screen.getByText(/press Space/)).toBeTruthy();
  });

  it('toggles a sentence by click', async () => {
    const ontoggle = vi.fn();
    render(ArticleView, { article, selectable: true, selected: new Set<string>(), ontoggle });
    await fireEvent.click(screen.getByRole('checkbox', { name: 'North Korea stayed away.' }));
    expect(ontoggle).toHaveBeenCalledExactlyOnceWith('p1.s2');
  });

  it('toggles a sentence by Space and Enter, and ignores other keys', async () => {
    const ontoggle = vi.fn();
    render(ArticleView, { article, selectable: true, selected: new Set<string>(), ontoggle });
    const sentence = screen.getByRole('checkbox', { name: 'The council met.' });
    const space = new KeyboardEvent('keydown', { key: ' ', bubbles: true, cancelable: true });
    sentence.dispatchEvent(space);
    expect(space.defaultPrevented).toBe(true); // or the page would scroll
    await fireEvent.keyDown(sentence, { key: 'Enter' });
    await fireEvent.keyDown(sentence, { key: 'a' });
    expect(ontoggle.mock.calls).toEqual([['p1.s1'], ['p1.s1']]);
  });
});
