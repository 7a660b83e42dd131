import { describe, expect, it } from 'vitest';
import {
  mergeSentences,
  parseArticle,
  readReviewedArticle,
  REVIEWED_ARTICLE_MARKER,
  ReviewedArticleError,
  reviewedArticleText,
  sentencesOf,
  splitSentence,
} from '../../src/core/article/index.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';

// A checked article keeps what the teacher decided: its lines, details and sentence boundaries,
// through the article file and back, with no clean-up rule or segmenter deciding again.

const checked = {
  title: 'Council votes to close the bridge',
  byline: 'Jane Doe',
  publication: 'The Courier',
  date: '27 November 2026',
  address: 'https://example.org/bridge',
  captions: ['The old bridge at dusk.'],
  paragraphs: [
    // As text: the segmenter finds two sentences.
    'The council voted on Tuesday. The bridge closes in May.',
    // As sentences: the teacher merged what the segmenter split after "approx."
    ['It carries approx. 4,000 cars a day.'],
    // A line that the clean-up would remove as an advert, kept by the teacher.
    ['Advertisement'],
  ],
};

describe('sentence boundaries', () => {
  it('takes a paragraph given as sentences exactly, and segments one given as text', () => {
    expect(sentencesOf(['One. Two.', ' Three '])).toEqual(['One. Two.', 'Three']);
    expect(sentencesOf('One. Two.')).toEqual(['One.', 'Two.']);
  });

  it('merges a sentence with the next, and splits one at an offset', () => {
    expect(mergeSentences(['A b.', 'C d.', 'E.'], 0)).toEqual(['A b. C d.', 'E.']);
    expect(mergeSentences(['A.', 'B.'], 1)).toEqual(['A.', 'B.']);
    expect(splitSentence(['A b. C d.', 'E.'], 0, 4)).toEqual(['A b.', 'C d.', 'E.']);
    // A split at either end would leave an empty sentence: nothing changes.
    expect(splitSentence(['A b.'], 0, 0)).toEqual(['A b.']);
    expect(splitSentence(['A b.'], 0, 4)).toEqual(['A b.']);
  });
});

describe('the checked article file', () => {
  it('writes one sentence a line under its details, and reads back the same article', () => {
    const text = reviewedArticleText(checked);
    expect(text.split('\n').slice(0, 8)).toEqual([
      REVIEWED_ARTICLE_MARKER,
      'Headline: Council votes to close the bridge',
      'Byline: Jane Doe',
      'Publication: The Courier',
      'Date: 27 November 2026',
      'Address: https://example.org/bridge',
      'Caption: The old bridge at dusk.',
      '',
    ]);
    const read = readReviewedArticle(text);
    expect(read.paragraphs).toEqual([
      ['The council voted on Tuesday.', 'The bridge closes in May.'],
      ['It carries approx. 4,000 cars a day.'],
      ['Advertisement'],
    ]);
    expect(read).toMatchObject({ title: checked.title, byline: 'Jane Doe', captions: [{ text: 'The old bridge at dusk.' }] });
  });

  it('keeps a picture’s credit under its caption, apart from the caption’s sentences', () => {
    const text = reviewedArticleText({
      ...checked,
      captions: [{ text: 'The old bridge at dusk.', credit: 'Photo: Sam Lee/The Courier' }, 'A second picture.'],
    });
    expect(text).toContain('Caption: The old bridge at dusk.\nCredit: Photo: Sam Lee/The Courier\nCaption: A second picture.\n\n');
    expect(readReviewedArticle(text).captions).toEqual([
      { text: 'The old bridge at dusk.', credit: 'Photo: Sam Lee/The Courier' },
      { text: 'A second picture.' },
    ]);
    const article = parseArticle(text);
    expect(article.captions.map((c) => [c.text, c.credit, c.sentences?.map((s) => s.text)])).toEqual([
      ['The old bridge at dusk.', 'Photo: Sam Lee/The Courier', ['The old bridge at dusk.']],
      ['A second picture.', undefined, ['A second picture.']],
    ]);
  });

  it('refuses a Credit line that is not right under a Caption line, naming the line', () => {
    const orphan = `${REVIEWED_ARTICLE_MARKER}\nHeadline: H\nCredit: AP\n\nText.\n`;
    expect(() => readReviewedArticle(orphan)).toThrow(/line 3: a Credit line belongs right under the Caption line/);
    const twice = `${REVIEWED_ARTICLE_MARKER}\nHeadline: H\nCaption: A picture.\nCredit: AP\nCredit: Reuters\n\nText.\n`;
    expect(() => readReviewedArticle(twice)).toThrow(/line 5: a Credit line belongs/);
    const apart = `${REVIEWED_ARTICLE_MARKER}\nCaption: A picture.\nHeadline: H\nCredit: AP\n\nText.\n`;
    expect(() => readReviewedArticle(apart)).toThrow(/line 4: a Credit line belongs/);
  });

  it('parses to an article with the stored sentences and ids, nothing removed', () => {
    const article = parseArticle(reviewedArticleText(checked));
    expect(article.headline).toBe('Council votes to close the bridge');
    expect(article.byline).toBe('Jane Doe');
    expect(article.source).toEqual({ publication: 'The Courier', date: '27 November 2026', url: 'https://example.org/bridge' });
    // The caption's sentence is citable, numbered after the body (c1.s1).
    expect(article.captions).toEqual([
      {
        text: 'The old bridge at dusk.',
        id: 'c1',
        sentences: [{ id: 'c1.s1', paragraphId: 'c1', index: article.sentences.length, text: 'The old bridge at dusk.' }],
      },
    ]);
    expect(article.removed).toEqual([]);
    expect(article.sentences.map((s) => [s.id, s.text])).toEqual([
      ['p1.s1', 'The council voted on Tuesday.'],
      ['p1.s2', 'The bridge closes in May.'],
      ['p2.s1', 'It carries approx. 4,000 cars a day.'],
      ['p3.s1', 'Advertisement'],
    ]);
    // The same text pasted raw goes through the clean-up, which removes the share prompt.
    const raw = parseArticle('Council votes to close the bridge\n\nThe council voted on Tuesday.\n\nAdvertisement');
    expect(raw.removed.map((line) => line.text)).toContain('Advertisement');
  });

  it('puts line breaks inside a sentence or detail on one line, so they cannot end it', () => {
    const text = reviewedArticleText({ title: 'A\nB', paragraphs: [['One\nsentence.']], captions: [] });
    expect(readReviewedArticle(text)).toMatchObject({ title: 'A B', paragraphs: [['One sentence.']] });
  });

  it('refuses an article without a headline, naming it', () => {
    expect(() => reviewedArticleText({ title: '  ', paragraphs: ['Text.'], captions: [] })).toThrow(/needs a headline/);
  });

  it('names the line of a damaged file, and the bank loader reports it as a problem', () => {
    const damaged = `${REVIEWED_ARTICLE_MARKER}\nHeadline: H\nWho: me\n\nText.\n`;
    expect(() => readReviewedArticle(damaged)).toThrow(ReviewedArticleError);
    expect(() => readReviewedArticle(damaged)).toThrow(/line 3: “Who: me” is not a detail/);
    const loaded = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify({ id: 'q', questions: [] }), articleText: damaged });
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) expect(loaded.problems.map((p) => p.message).join('\n')).toMatch(/the article file is damaged: line 3/);
  });
});
