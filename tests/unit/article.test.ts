import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { REMOVAL_REASONS, citableSentences, findSentenceByQuote, normaliseForMatch, parseArticle } from '../../src/core/article/index.ts';

const seedText = readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8');
const seed = parseArticle(seedText, { publication: 'The Scotsman' });

const CAPTION_LINE =
  "The North's leader Kim Jong-Un, centre, is furious at allegations his regime hacked Sony's computer systems. Picture: AFP/Getty";

// Opening words of each report paragraph of the seed, in order.
const REPORT_PARAGRAPH_OPENINGS = [
  'FURIOUS officials in North Korea',
  'The Stalinist regime’s rage',
  'After the FBI’s assertion',
  'On Saturday, it said',
  'North Korea said it would not attend',
  'If the council takes any action',
  'The regime sent a sharp warning',
  'The council has had North Korea’s nuclear program',
  'Two-thirds of the security council',
  'China and its veto power',
  'Sony’s cancellation last week',
];

function paragraphText(id: string): string {
  const paragraph = seed.paragraphs.find((candidate) => candidate.id === id);
  return paragraph?.sentences.map((sentence) => sentence.text).join(' ') ?? '';
}

describe('parseArticle on the seed article', () => {
  it('takes the first non-empty line as the headline', () => {
    expect(seed.headline).toBe('North Korea fires threats at UN');
  });

  it('splits the caption from its credit, and numbers its sentence after the body as c1.s1', () => {
    const text = "The North's leader Kim Jong-Un, centre, is furious at allegations his regime hacked Sony's computer systems.";
    expect(seed.caption).toEqual({
      text,
      credit: 'AFP/Getty',
      id: 'c1',
      sentences: [{ id: 'c1.s1', paragraphId: 'c1', index: seed.sentences.length, text }],
    });
    expect(seed.captions).toEqual([seed.caption]);
  });

  it('numbers the body the same with or without the caption (results store sentence ids)', () => {
    const raw = readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8');
    const withoutCaption = parseArticle(
      raw
        .split('\n')
        .filter((line) => !line.includes('Picture: AFP/Getty'))
        .join('\n'),
    );
    expect(withoutCaption.captions).toEqual([]);
    expect(seed.sentences).toEqual(withoutCaption.sentences);
    expect(seed.sentences.every((sentence) => sentence.id.startsWith('p'))).toBe(true);
  });

  it('lets a bank cite the caption: its key fact is found in sentence c1.s1', () => {
    const match = findSentenceByQuote(seed, 'is furious at allegations his regime hacked Sony');
    expect(match.kind === 'found' && match.sentence.id).toBe('c1.s1');
    expect(citableSentences(seed).map((sentence) => sentence.id)).toEqual([...seed.sentences.map((sentence) => sentence.id), 'c1.s1']);
  });

  it('keeps the caption out of the body and removes its duplicate', () => {
    const bodyText = seed.sentences.map((sentence) => sentence.text).join('\n');
    expect(bodyText).not.toContain('furious at allegations');
    expect(seed.removed.filter((line) => line.reason === 'duplicated-caption')).toEqual([
      { line: 4, text: CAPTION_LINE, reason: 'duplicated-caption' },
    ]);
  });

  it('finds the 11 report paragraphs and 18 sentences', () => {
    expect(seed.paragraphs).toHaveLength(11);
    expect(seed.sentences).toHaveLength(18);
  });

  it('keeps every report paragraph whole and in order', () => {
    const rawLines = seedText.split('\n');
    const reportParagraphs = REPORT_PARAGRAPH_OPENINGS.map((opening) => rawLines.find((line) => line.startsWith(opening)));
    expect(seed.paragraphs.map((paragraph) => paragraphText(paragraph.id))).toEqual(reportParagraphs);
  });

  it('removes each furniture line with the reason it was recognised by', () => {
    expect(seed.removed).toEqual([
      { line: 4, text: CAPTION_LINE, reason: 'duplicated-caption' },
      { line: 5, text: 'Share this article', reason: 'share-prompt' },
      { line: 6, text: 'Have your say', reason: 'comment-prompt' },
      {
        line: 17,
        text: 'Subscribe to our daily newsletter (requires registration) and get the latest news, sport and business headlines delivered to your inbox every morning',
        reason: 'newsletter-prompt',
      },
      { line: 19, text: '• You can also follow us on Facebook, Twitter and Google +', reason: 'social-follow' },
      { line: 36, text: '• Download your free 30-day trial for our iPad, Android and Kindle apps', reason: 'app-prompt' },
      {
        line: 38,
        text: 'Keep up to date with all aspects of Scottish life with The Scotsman iPhone app, completely free to download and use',
        reason: 'app-prompt',
      },
    ]);
  });

  it('leaves no furniture phrase in the body', () => {
    const bodyText = seed.sentences.map((sentence) => sentence.text).join('\n');
    for (const phrase of ['Share this article', 'Have your say', 'newsletter', 'follow us', 'Kindle', 'iPhone app']) {
      expect(bodyText).not.toContain(phrase);
    }
  });

  it('gives stable, well-formed ids and a running index', () => {
    expect(seed.paragraphs.map((paragraph) => paragraph.id)).toEqual(Array.from({ length: 11 }, (_, index) => `p${index + 1}`));
    expect(seed.paragraphs.map((paragraph) => paragraph.number)).toEqual(Array.from({ length: 11 }, (_, i) => i + 1));
    expect(seed.sentences.map((sentence) => sentence.index)).toEqual(Array.from({ length: 18 }, (_, i) => i));
    expect(seed.paragraphs[3]?.sentences.map((sentence) => sentence.id)).toEqual(['p4.s1', 'p4.s2', 'p4.s3', 'p4.s4', 'p4.s5']);
    expect(seed.sentences.every((sentence) => sentence.id.startsWith(`${sentence.paragraphId}.s`))).toBe(true);
    expect(parseArticle(seedText)).toEqual({ ...seed, source: {} });
  });

  it('keeps the flat sentence list identical to the paragraphs’ sentences', () => {
    expect(seed.sentences).toEqual(seed.paragraphs.flatMap((paragraph) => paragraph.sentences));
  });

  it('splits the FBI paragraph into 2 sentences and the "On Saturday" paragraph into 5', () => {
    expect(seed.paragraphs[2]?.sentences.map((sentence) => sentence.text)).toEqual([
      'After the FBI’s assertion North Korea was responsible for a hack into Sony’s computer systems, Kim’s officials are still denying involvement.',
      '“Our toughest counteraction will be boldly taken against the White House, the Pentagon and the whole US mainland, the cesspool of terrorism,” a statement in North Korean state media said yesterday.',
    ]);
    expect(seed.paragraphs[3]?.sentences).toHaveLength(5);
    expect(seed.paragraphs[3]?.sentences[4]?.text).toBe(
      'It is the boldest effort yet to confront Pyongyang over an issue it has openly dismissed in the past.',
    );
  });

  it('copies the source it is given', () => {
    expect(seed.source).toEqual({ publication: 'The Scotsman' });
  });
});

describe('parseArticle on other input', () => {
  it('keeps report sentences that mention apps, newsletters or sharing in normal prose', () => {
    const prose = [
      'Sony shares fell in early trading.',
      'The company said users should download the app update before Friday.',
      'Those who subscribe to the newsletter were told the story first.',
      'Download your banking apps only from official stores, the agency advised.',
      'You can also follow us on the map as the convoy moves, officials told reporters.',
      'Share this article with caution, the police warned.',
      'Keep up to date with the weather, the app said, but nobody could download it.',
    ];
    const article = parseArticle(['Headline', '', ...prose].join('\n'));
    expect(article.removed).toEqual([]);
    expect(article.sentences.map((sentence) => sentence.text)).toEqual(prose);
  });

  it('treats single newlines as paragraph breaks and handles CRLF', () => {
    const article = parseArticle('Title\r\nFirst paragraph.\r\nSecond paragraph.\r\n\r\nThird.');
    expect(article.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([
      'First paragraph.',
      'Second paragraph.',
      'Third.',
    ]);
  });

  it('has no caption when no line ends with a photo credit', () => {
    const article = parseArticle('Title\n\nKim met officials. He spoke for hours.');
    expect(article.caption).toBeUndefined();
    expect(article.paragraphs).toHaveLength(1);
  });

  it('does not take a sentence ending in "Image: ..." with a full stop for a caption', () => {
    const article = parseArticle('Title\nOfficials released one Image: Kim at a desk.');
    expect(article.caption).toBeUndefined();
    expect(article.paragraphs).toHaveLength(1);
  });

  it('recognises other credit words and removes the caption wherever it is printed again', () => {
    const article = parseArticle(
      'Title\nCrowds gathered. Photo: Reuters\nCrowds gathered. Photo: Reuters\nBody text.\nCrowds gathered. Photo: Reuters\nCrowds gathered.',
    );
    expect(article.caption).toMatchObject({ text: 'Crowds gathered.', credit: 'Reuters', id: 'c1' });
    expect(article.captions).toHaveLength(1);
    expect(article.removed.map((line) => [line.line, line.reason])).toEqual([
      [3, 'duplicated-caption'],
      [5, 'duplicated-caption'],
      [6, 'duplicated-caption'],
    ]);
    expect(article.paragraphs).toHaveLength(1);
  });

  it('removes a caption printed three times', () => {
    const caption = 'Protesters in Seoul. Image: PA';
    const article = parseArticle(['Title', caption, caption, '', caption, 'Body.'].join('\n'));
    expect(article.caption).toMatchObject({ text: 'Protesters in Seoul.', credit: 'PA' });
    expect(article.removed.map((line) => [line.line, line.reason])).toEqual([
      [3, 'duplicated-caption'],
      [5, 'duplicated-caption'],
    ]);
  });
});

describe('REMOVAL_REASONS', () => {
  it('describes every reason in a sentence a teacher can read', () => {
    for (const [name, description] of Object.entries(REMOVAL_REASONS)) {
      expect(name).toMatch(/^[a-z]+(?:-[a-z]+)*$/u);
      expect(description.length).toBeGreaterThan(10);
    }
  });

  it('matches "Share this article" case-insensitively but only as a whole line', () => {
    expect(parseArticle('Title\nSHARE THIS ARTICLE\nBody.').removed).toEqual([
      { line: 2, text: 'SHARE THIS ARTICLE', reason: 'share-prompt' },
    ]);
    expect(parseArticle('Title\nShare this article with friends.').removed).toEqual([]);
  });
});

describe('normaliseForMatch', () => {
  it('collapses whitespace, trims and straightens curly quotes', () => {
    expect(normaliseForMatch('  “Hello”\n\t ‘world’  ‚x‛ „y‟ ')).toBe('"Hello" \'world\' \'x\' "y"');
  });

  it('changes nothing else, not even case', () => {
    expect(normaliseForMatch('FURIOUS Kim-Jong Un, 120,000!')).toBe('FURIOUS Kim-Jong Un, 120,000!');
  });
});

describe('findSentenceByQuote', () => {
  it('finds a whole sentence', () => {
    const match = findSentenceByQuote(seed, 'Pyongyang rejects the inquiry’s findings but never allowed it into the country.');
    expect(match).toEqual({ kind: 'found', sentence: seed.sentences[14] });
    expect(match.kind === 'found' && match.sentence.id).toBe('p8.s2');
  });

  it('finds a sentence from a passage found in exactly one sentence', () => {
    const match = findSentenceByQuote(seed, 'up to 120,000 inmates');
    expect(match.kind === 'found' && match.sentence.id).toBe('p8.s1');
  });

  it('tolerates extra whitespace and straight instead of curly quotes', () => {
    const match = findSentenceByQuote(
      seed,
      '  It also calls   the dozens of people\nwho fled the country and aided the commission "human scum".',
    );
    expect(match.kind === 'found' && match.sentence.id).toBe('p5.s2');
    const apostrophe = findSentenceByQuote(seed, "the mere threat of damage to Kim Jong-Un's image");
    expect(apostrophe.kind === 'found' && apostrophe.sentence.id).toBe('p10.s1');
  });

  it('does not tolerate case differences', () => {
    expect(findSentenceByQuote(seed, 'pyongyang rejects the inquiry’s findings')).toEqual({ kind: 'missing' });
    expect(findSentenceByQuote(seed, 'Furious officials in North Korea')).toEqual({ kind: 'missing' });
  });

  it('reports a quote that is not in the article as missing', () => {
    expect(findSentenceByQuote(seed, 'Kim Jong-Un apologised')).toEqual({ kind: 'missing' });
    expect(findSentenceByQuote(seed, '   ')).toEqual({ kind: 'missing' });
  });

  it('reports a quote spanning two sentences as missing', () => {
    expect(findSentenceByQuote(seed, 'into the country. Two-thirds')).toEqual({ kind: 'missing' });
  });

  it('reports a passage found in several sentences as ambiguous, in article order', () => {
    const match = findSentenceByQuote(seed, 'human rights');
    expect(match.kind).toBe('ambiguous');
    expect(match.kind === 'ambiguous' && match.sentences.map((sentence) => sentence.id)).toEqual([
      'p4.s2',
      'p4.s4',
      'p5.s1',
      'p7.s1',
      'p9.s1',
    ]);
  });

  it('prefers the sentence equal to the quote over a longer one containing it', () => {
    const article = parseArticle('Title\nKim spoke. Officials said Kim spoke.');
    const match = findSentenceByQuote(article, 'Kim spoke.');
    expect(match.kind === 'found' && match.sentence.id).toBe('p1.s1');
  });

  it('reports a quote equal to several identical sentences as ambiguous', () => {
    const article = parseArticle('Title\nKim spoke.\nKim spoke. Officials listened.');
    const match = findSentenceByQuote(article, 'Kim spoke.');
    expect(match.kind === 'ambiguous' && match.sentences.map((sentence) => sentence.id)).toEqual(['p1.s1', 'p2.s1']);
  });
});
