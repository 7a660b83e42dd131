import { describe, it, expect } from 'vitest';
import { segmentSentences } from '../../src/core/article/index.ts';

// [what the case exercises, paragraph text, expected sentences]
const CASES: [string, string, string[]][] = [
  [
    'full stop after closing quotes',
    'It calls the defectors “human scum”. Then it threatened them.',
    ['It calls the defectors “human scum”.', 'Then it threatened them.'],
  ],
  ['full stop inside closing quotes', 'A diplomat said: “We will.” Then he left.', ['A diplomat said: “We will.”', 'Then he left.']],
  ['straight quotes', 'He said "We will." Then he left.', ['He said "We will."', 'Then he left.']],
  ['quoted sentences inside a sentence', 'He said: “I came. I saw.” Then he left.', ['He said: “I came.', 'I saw.”', 'Then he left.']],
  [
    'question mark inside quotes, sentence carries on',
    'He asked “Why?” and walked out. Nobody followed.',
    ['He asked “Why?” and walked out.', 'Nobody followed.'],
  ],
  ['exclamation mark inside quotes ends the sentence', 'He shouted “Stop!” The crowd froze.', ['He shouted “Stop!”', 'The crowd froze.']],
  ['question mark followed by a lowercase speech tag', 'Why? he asked. Nobody knew.', ['Why? he asked.', 'Nobody knew.']],
  [
    'titles before names',
    'Mr. Smith met Dr. Jones and Mrs. May at St. Paul’s. They talked.',
    ['Mr. Smith met Dr. Jones and Mrs. May at St. Paul’s.', 'They talked.'],
  ],
  ['dotted acronyms mid-sentence', 'The U.S. and the U.N. disagreed. Talks ended.', ['The U.S. and the U.N. disagreed.', 'Talks ended.']],
  ['dotted acronym ending a sentence', 'He lives in the U.S. He likes it.', ['He lives in the U.S.', 'He likes it.']],
  [
    'e.g., i.e., etc. and vs.',
    'Some nations, e.g. China, disagree, i.e. they veto, etc. and Sony vs. Apple was cited. Done.',
    ['Some nations, e.g. China, disagree, i.e. they veto, etc. and Sony vs. Apple was cited.', 'Done.'],
  ],
  [
    'No. and month abbreviations before numbers',
    'The meeting at No. 10 Downing Street on Jan. 3 went well. Feb. 14 Valentine’s Day was worse.',
    ['The meeting at No. 10 Downing Street on Jan. 3 went well.', 'Feb. 14 Valentine’s Day was worse.'],
  ],
  [
    'initials',
    'J. K. Rowling met George R. R. Martin. They signed books.',
    ['J. K. Rowling met George R. R. Martin.', 'They signed books.'],
  ],
  [
    'numbers with thousands separators and decimals',
    'Up to 120,000 inmates and 3.5 per cent of the $2.2m budget. It grew.',
    ['Up to 120,000 inmates and 3.5 per cent of the $2.2m budget.', 'It grew.'],
  ],
  [
    'ellipsis does not end a sentence',
    'We will... take measures. He paused... Then he left… Quietly.',
    ['We will... take measures.', 'He paused... Then he left… Quietly.'],
  ],
  [
    'photo credit stays with its sentence',
    'Kim is furious at the allegations. Picture: AFP/Getty',
    ['Kim is furious at the allegations. Picture: AFP/Getty'],
  ],
  ['photo credit with initials', 'Crowds gathered in Seoul. Photo: A. N. Other/PA', ['Crowds gathered in Seoul. Photo: A. N. Other/PA']],
  ['merged pieces keep their original spacing', 'Mr.  Smith  arrived. Then he left.', ['Mr.  Smith  arrived.', 'Then he left.']],
  ['surrounding whitespace is trimmed, inner spacing kept', '  First one.   Second one.  ', ['First one.', 'Second one.']],
];

describe('segmentSentences', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    expect(segmentSentences(text)).toEqual(expected);
  });

  it('returns no sentences for blank text', () => {
    expect(segmentSentences(' \n ')).toEqual([]);
  });
});
