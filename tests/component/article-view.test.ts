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

  describe('captions', () => {
    const withCaptions: PublicArticle = {
      ...article,
      caption: { text: 'The leader at a parade. Crowds watched.', credit: 'AFP/Getty' },
      captions: [
        {
          id: 'c1',
          text: 'The leader at a parade. Crowds watched.',
          credit: 'AFP/Getty',
          sentences: [
            { id: 'c1.s1', text: 'The leader at a parade.' },
            { id: 'c1.s2', text: 'Crowds watched.' },
          ],
        },
        { id: 'c2', text: 'The council chamber.', sentences: [{ id: 'c2.s1', text: 'The council chamber.' }] },
      ],
    };

    it('shows every caption with its credit, each sentence highlightable as evidence', () => {
      const { container } = render(ArticleView, { article: withCaptions, highlighted: new Set(['c1.s2']) });
      const figures = container.querySelectorAll('figure.caption');
      expect(figures).toHaveLength(2);
      const mark = figures[0]?.querySelector('mark');
      expect(mark?.textContent).toBe('Evidence: Crowds watched.');
      expect(mark?.getAttribute('data-sentence')).toBe('c1.s2');
      expect(figures[0]?.textContent).toContain('Picture: AFP/Getty');
      expect(figures[1]?.querySelector('[data-sentence="c2.s1"]')?.textContent).toBe('The council chamber.');
      expect(container.querySelectorAll('mark')).toHaveLength(1);
    });

    it('lets a caption sentence be selected as evidence, before the body in reading order', async () => {
      const ontoggle = vi.fn();
      render(ArticleView, { article: withCaptions, selectable: true, selected: new Set(['c2.s1']), ontoggle });
      const boxes = screen.getAllByRole('checkbox');
      expect(boxes.map((box) => box.getAttribute('data-sentence'))).toEqual(['c1.s1', 'c1.s2', 'c2.s1', 'p1.s1', 'p1.s2', 'p2.s1']);
      expect(screen.getByRole('checkbox', { name: 'The council chamber.' }).getAttribute('aria-checked')).toBe('true');
      await fireEvent.click(screen.getByRole('checkbox', { name: 'The leader at a parade.' }));
      expect(ontoggle).toHaveBeenCalledExactlyOnceWith('c1.s1');
    });

    it('shows an article sent with one caption and no sentences as plain text', () => {
      const { container } = render(ArticleView, { article: { ...article, caption: { text: 'A plain caption.' } } });
      expect(container.querySelector('figure.caption')?.textContent).toContain('A plain caption.');
      expect(container.querySelector('figure.caption [data-sentence]')).toBeNull();
    });
  });
});
