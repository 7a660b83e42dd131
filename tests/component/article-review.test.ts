import { describe, expect, it, vi } from 'vitest';
import { ApiError, type Client } from '../../src/renderer/src/lib/api.ts';
import { ArticleReview, REMOVED_BY_TEACHER } from '../../src/renderer/src/teacher/import/article-review.svelte.ts';
import { toBase64 } from '../../src/renderer/src/lib/download.ts';
import type { ImportedArticleView } from '../../src/shared/contract.ts';

// The import screen's state: the teacher's keep/remove clicks, "remove from here to the end",
// sentence joins and splits, and what Save sends to createQuiz, against a fake service.

const view: ImportedArticleView = {
  format: 'paste',
  words: 40,
  headline: 'Bridge to close',
  byline: 'Jane Doe',
  date: '27 November 2026',
  lines: [
    { line: 1, text: 'Menu', kind: 'removed', reason: 'navigation', explanation: 'A menu.', sentences: ['Menu'] },
    { line: 2, text: 'Bridge to close', kind: 'headline', sentences: ['Bridge to close'] },
    {
      line: 3,
      text: 'The bridge closes in May. Work starts at once.',
      kind: 'body',
      sentences: ['The bridge closes in May.', 'Work starts at once.'],
    },
    {
      line: 4,
      text: 'The old bridge. Picture: AFP',
      kind: 'caption',
      caption: { text: 'The old bridge.', credit: 'Picture: AFP' },
      sentences: ['The old bridge.'],
    },
    {
      line: 5,
      text: 'The old bridge. Picture: AFP',
      kind: 'removed',
      reason: 'duplicated-caption',
      explanation: 'Again.',
      caption: { text: 'The old bridge.', credit: 'Picture: AFP' },
      sentences: ['The old bridge.'],
    },
    { line: 6, text: 'Drivers go round. It takes ten minutes.', kind: 'body', sentences: ['Drivers go round.', 'It takes ten minutes.'] },
    { line: 7, text: 'Second story starts here.', kind: 'body', sentences: ['Second story starts here.'] },
    { line: 8, text: 'It goes on.', kind: 'body', sentences: ['It goes on.'] },
  ],
};

function fakeClient(overrides: Partial<Client> = {}) {
  const client = {
    importArticle: vi.fn(async () => structuredClone(view)),
    articleStatistics: vi.fn(async ({ sentences }: { sentences: string[] }) => ({
      words: sentences.join(' ').split(' ').length,
      sentences: sentences.length,
      readingMinutes: 1,
      fleschKincaidGrade: 3,
      fleschReadingEase: 80,
      colemanLiauGrade: 4,
      gradeLevel: 4,
    })),
    createQuiz: vi.fn(async () => ({ quizId: 'bridge-to-close' })),
    ...overrides,
  };
  return client as unknown as Client & typeof client;
}

async function loaded(client = fakeClient(), onsaved = vi.fn()) {
  const review = new ArticleReview(client, { onsaved, statisticsDelayMs: 0 });
  review.pasted = 'anything';
  await review.importPasted();
  return { review, client, onsaved };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('ArticleReview', () => {
  it('sends the pasted text to the service and takes the details it found', async () => {
    const { review, client } = await loaded();
    expect(client.importArticle).toHaveBeenCalledWith({ from: 'paste', text: 'anything' });
    expect(review.details).toMatchObject({ headline: 'Bridge to close', byline: 'Jane Doe', date: '27 November 2026' });
    // The headline line is in the details, not among the lines to check.
    expect(review.lines.map((line) => line.line)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    expect(review.paragraphs).toHaveLength(4);
    expect(review.notice).toContain('4 paragraphs kept, 2 lines removed');
    await settle();
    expect(review.statistics?.sentences).toBe(6);
  });

  it('refuses nothing pasted without asking the service', async () => {
    const client = fakeClient();
    const review = new ArticleReview(client, { onsaved: vi.fn() });
    await review.importPasted();
    expect(review.error).toBe('Paste the article’s text first.');
    expect(client.importArticle).not.toHaveBeenCalled();
  });

  it('shows the service’s refusal, naming the file', async () => {
    const refused = new ApiError({ code: 'bad-request', reason: 'no-text-layer', message: 'the PDF has no text layer' });
    const client = fakeClient({ importArticle: vi.fn(async () => Promise.reject(refused)) });
    const review = new ArticleReview(client, { onsaved: vi.fn() });
    await review.importFile(new File(['%PDF'], 'scan.pdf'));
    expect(review.error).toBe('“scan.pdf” could not be imported: the PDF has no text layer');
    expect(review.source).toBeNull();
  });

  it('sends an opened file as base64, and refuses a type it cannot read before sending it', async () => {
    const client = fakeClient();
    const review = new ArticleReview(client, { onsaved: vi.fn() });
    await review.importFile(new File(['héllo'], 'a.txt'));
    expect(client.importArticle).toHaveBeenCalledWith({ from: 'file', name: 'a.txt', base64: Buffer.from('héllo').toString('base64') });
    await review.importFile(new File(['x'], 'photo.jpeg'));
    expect(review.error).toMatch(/“photo.jpeg” cannot be read: choose a .txt/);
    expect(client.importArticle).toHaveBeenCalledTimes(1);
    // Large files go in slices: the same base64 as Node's.
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(toBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });

  it('keeps a removed line with one click (a caption as a caption), and removes it again with its own reason', async () => {
    const { review } = await loaded();
    review.toggle(0); // "Menu" kept: a paragraph
    expect(review.lines[0]).toMatchObject({ kind: 'body', changed: true });
    expect(review.paragraphs[0]).toEqual(['Menu']);
    review.toggle(3); // the repeated caption kept: a caption
    expect(review.lines[3]?.kind).toBe('caption');
    // The picture's credit goes with each caption, to be stored under it.
    const caption = { text: 'The old bridge.', credit: 'Picture: AFP' };
    expect(review.captions).toEqual([caption, caption]);
    review.toggle(1); // a body line removed by the teacher
    expect(review.lines[1]).toMatchObject({ kind: 'removed', changed: true });
    expect(REMOVED_BY_TEACHER).toBe('Removed by you.');
    review.toggle(0);
    expect(review.lines[0]).toMatchObject({ kind: 'removed', changed: false });
  });

  it('removes from a line to the end', async () => {
    const { review } = await loaded();
    review.removeFromHere(5); // "Second story starts here."
    expect(review.paragraphs).toEqual([
      ['The bridge closes in May.', 'Work starts at once.'],
      ['Drivers go round.', 'It takes ten minutes.'],
    ]);
    expect(review.notice).toBe('Removed 2 lines, from line 7 to the end.');
  });

  it('joins and splits sentences, refusing a split at either end', async () => {
    const { review } = await loaded();
    review.mergeWithNext(1, 0);
    expect(review.lines[1]?.sentences).toEqual(['The bridge closes in May. Work starts at once.']);
    expect(review.notice).toBe('Joined sentences 1 and 2 of paragraph 1.');
    expect(review.split(1, 0, 0)).toBe(false);
    expect(review.error).toMatch(/Put the cursor inside the sentence/);
    expect(review.split(1, 0, 'The bridge closes'.length)).toBe(true);
    expect(review.lines[1]?.sentences).toEqual(['The bridge closes', 'in May. Work starts at once.']);
    // Paragraph numbers count kept body lines only: "Menu" (removed) is not one.
    review.mergeWithNext(4, 0);
    expect(review.notice).toBe('Joined sentences 1 and 2 of paragraph 2.');
  });

  it('saves the checked article through createQuiz, sentences as the teacher left them', async () => {
    const { review, client, onsaved } = await loaded();
    review.details.headline = '  Bridge to close for six months ';
    review.details.address = '';
    review.mergeWithNext(4, 0);
    review.removeFromHere(5);
    await review.save();
    expect(client.createQuiz).toHaveBeenCalledWith({
      article: {
        title: 'Bridge to close for six months',
        byline: 'Jane Doe',
        publication: undefined,
        date: '27 November 2026',
        address: undefined,
        standfirst: undefined,
        paragraphs: [['The bridge closes in May.', 'Work starts at once.'], ['Drivers go round. It takes ten minutes.']],
        captions: [{ text: 'The old bridge.', credit: 'Picture: AFP' }],
      },
    });
    expect(onsaved).toHaveBeenCalledWith('bridge-to-close', 'Bridge to close for six months');
  });

  it('says why it cannot save: no headline, or no line kept', async () => {
    const { review, client } = await loaded();
    review.details.headline = ' ';
    await review.save();
    expect(review.error).toBe('Give the article a headline.');
    review.details.headline = 'H';
    review.removeFromHere(0);
    await review.save();
    expect(review.error).toMatch(/Keep at least one line/);
    expect(client.createQuiz).not.toHaveBeenCalled();
  });
});
