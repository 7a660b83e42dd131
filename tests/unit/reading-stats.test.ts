import { describe, expect, it } from 'vitest';
import { articleReadingStats, parseArticle, readingStats, readingStatsOfSentences, wordsOfText } from '../../src/core/article/index.ts';

// Every expected figure below was worked out by hand from the published formulas:
//   Flesch–Kincaid grade = 0.39 × words/sentences + 11.8 × syllables/words − 15.59
//   Flesch reading ease  = 206.835 − 1.015 × words/sentences − 84.6 × syllables/words
//   Coleman–Liau index   = 0.0588 × letters per 100 words − 0.296 × sentences per 100 words − 15.8

describe('reading statistics', () => {
  it('an easy text: 9 words, 2 sentences, 10 syllables, 27 letters', () => {
    // The(1) cat(1) sat(1) on(1) the(1) mat(1) / It(1) was(1) hap-py(2)
    const stats = readingStats(['The cat sat on the mat. It was happy.']);
    expect(stats).toEqual({
      words: 9,
      sentences: 2,
      syllables: 10,
      letters: 27,
      readingMinutes: 1,
      // 0.39 × 4.5 + 11.8 × 10/9 − 15.59 = −0.72
      fleschKincaidGrade: -0.7,
      // 206.835 − 4.5675 − 94 = 108.27
      fleschReadingEase: 108.3,
      // 0.0588 × 300 − 0.296 × 22.2 − 15.8 = −4.74
      colemanLiauGrade: -4.7,
      // the mean is below the first grade: shown as grade 1
      gradeLevel: 1,
    });
  });

  it('a hard text: long words push both grade formulas up', () => {
    // Com-pre-hen-sion(4) re-quires(2) de-lib-er-ate(4) at-ten-tion(3) / Stu-dents(2) read(1) it(1) twice(1)
    // letters 13 + 8 + 10 + 9 + 8 + 4 + 2 + 5 = 59
    const stats = readingStats(['Comprehension requires deliberate attention. Students read it twice.']);
    expect(stats).toMatchObject({ words: 8, sentences: 2, syllables: 18, letters: 59 });
    // 0.39 × 4 + 11.8 × 2.25 − 15.59 = 12.52
    expect(stats.fleschKincaidGrade).toBe(12.5);
    // 206.835 − 4.06 − 190.35 = 12.425
    expect(stats.fleschReadingEase).toBe(12.4);
    // 0.0588 × 737.5 − 0.296 × 25 − 15.8 = 20.165
    expect(stats.colemanLiauGrade).toBe(20.2);
    // (12.52 + 20.165) / 2 = 16.34
    expect(stats.gradeLevel).toBe(16);
  });

  it('counts a word as printed: hyphenated words, contractions and numbers are one word, a lone dash none', () => {
    expect(wordsOfText('It cost 10,000 dollars — an e-mail said so, didn’t it?')).toEqual([
      'It',
      'cost',
      '10,000',
      'dollars',
      'an',
      'e-mail',
      'said',
      'so,',
      'didn’t',
      'it?',
    ]);
    // A number has at least one syllable: "1966" is not a word of none.
    expect(readingStats(['It was 1966.']).syllables).toBe(3);
  });

  it('reading time rounds up to whole minutes at 200 words a minute, or at the speed given', () => {
    const sentence = (words: number): string => `${Array.from({ length: words - 1 }, () => 'word').join(' ')} end.`;
    expect(readingStats([sentence(200)]).readingMinutes).toBe(1);
    expect(readingStats([sentence(201)]).readingMinutes).toBe(2);
    expect(readingStats([sentence(401)]).readingMinutes).toBe(3);
    expect(readingStats([sentence(300)], { wordsPerMinute: 100 }).readingMinutes).toBe(3);
    expect(() => readingStats(['A text.'], { wordsPerMinute: 0 })).toThrow(/words per minute/);
  });

  it('an empty text has no grade and takes no time', () => {
    expect(readingStats([])).toEqual({
      words: 0,
      sentences: 0,
      syllables: 0,
      letters: 0,
      readingMinutes: 0,
      fleschKincaidGrade: 0,
      fleschReadingEase: 0,
      colemanLiauGrade: 0,
    });
    expect(readingStatsOfSentences(['—', '  '])).toMatchObject({ words: 0, sentences: 0 });
  });

  it('of a parsed article: the numbered body only, not the headline or a caption', () => {
    const article = parseArticle(
      'A headline about cats\n\nThe cat sat on the mat. It was happy.\n\nA grey cat on a mat. Picture: AFP/Getty\n',
    );
    expect(article.captions).toHaveLength(1);
    expect(articleReadingStats(article)).toEqual(readingStats(['The cat sat on the mat. It was happy.']));
  });
});
