import { fireEvent, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { article, form, inForm, renderEditor, sentence } from './editor-helpers.ts';

// The seed's picture caption ("c1.s1") in the editor's article picker: listed as a caption after
// the body, selectable as evidence like a body sentence, and counted by the coverage strip.

const captionText = article.captions[0]!.sentences![0]!.text;
const lastBodyId = article.sentences.at(-1)!.id;
const picker = () => screen.getByRole('region', { name: 'Article' });
const captionStrip = () => document.querySelector<HTMLElement>('[data-caption="c1"] .strip')!;

describe('captions in the article picker', () => {
  it('lists the caption after the body, under its own heading, with its credit apart', () => {
    renderEditor();
    const boxes = within(picker())
      .getAllByRole('checkbox')
      .map((box) => box.getAttribute('data-sentence'));
    expect(boxes.at(-1)).toBe('c1.s1');
    expect(boxes.indexOf(lastBodyId)).toBe(boxes.length - 2);
    const captions = within(picker()).getByRole('region', { name: 'Picture caption' });
    expect(within(captions).getByRole('checkbox').textContent).toBe(captionText);
    expect(captions.textContent).toContain('(AFP/Getty)');
    expect(captionStrip().textContent).toContain('0 questions cite this caption');
  });

  it('reaches the caption from the body with the arrow keys and selects it with Space', async () => {
    renderEditor();
    const last = sentence(lastBodyId);
    last.focus();
    await fireEvent.keyDown(last, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement?.getAttribute('data-sentence')).toBe('c1.s1'));
    await fireEvent.keyDown(sentence('c1.s1'), { key: ' ' });
    expect(sentence('c1.s1').getAttribute('aria-checked')).toBe('true');
  });

  it('makes a question citing the caption: the checker accepts the quote, the bank stores it, the strip counts it', async () => {
    const { lastBank } = renderEditor();
    await fireEvent.click(sentence('c1.s1'));
    await fireEvent.click(screen.getByRole('button', { name: /^True \/ false \/ not given/ }));
    expect(within(form()).getByText(/^“The North's leader Kim Jong-Un, centre/)).toBeTruthy();
    await fireEvent.input(inForm().getByLabelText(/^Statement/), { target: { value: 'The picture shows Kim Jong-Un.' } });
    await fireEvent.input(inForm().getByLabelText(/^Explanation/), { target: { value: 'The caption under the picture names him.' } });
    await waitFor(() => expect(inForm().getByText('No problems.')).toBeTruthy());
    await waitFor(() => expect(lastBank()?.questions[0]?.evidence).toEqual([captionText]));
    expect(captionStrip().textContent).toContain('1 question cites this caption');
    expect(sentence('c1.s1').classList.contains('selected')).toBe(true);
  });
});
