import { describe, expect, it } from 'vitest';
import { answersMatch, normaliseAnswer } from '../../src/core/scoring/index.ts';

describe('normaliseAnswer', () => {
  it.each([
    ['Seoul', 'seoul'],
    ['  SEOUL  ', 'seoul'],
    ['Seoul.', 'seoul'],
    ['"Seoul!"', 'seoul'],
    ['(Seoul)', 'seoul'],
    ['…Seoul?', 'seoul'],
    ['Kim   Jong\tUn', 'kim jong un'],
    ['Korea’s', "korea's"],
    ['Korea`s', "korea's"],
    ['“Seoul”', 'seoul'],
    ['«Seoul»', 'seoul'],
    ['120,000', '120000'],
    ['120 000', '120000'],
    ['120\u202f000', '120000'],
    ['1,200,000', '1200000'],
    ['120,000 soldiers', '120000 soldiers'],
    ['１２０', '120'],
    ['1,5', '1,5'],
    ['3, 400', '3, 400'],
    ['12,0000', '12,0000'],
    ['Café', 'cafe'],
    ['The Security Council', 'security council'],
    ['the "Security Council"', 'security council'],
    ['a treaty', 'treaty'],
    ['An embargo', 'embargo'],
    ['there', 'there'],
    ['Vitamin A', 'vitamin a'],
    ['A', 'a'],
    ['-5', '-5'],
    ['$5', '$5'],
    ['U.N.', 'u.n'],
    ['', ''],
    ['  ...  ', ''],
  ])('%j → %j', (input, expected) => {
    expect(normaliseAnswer(input)).toBe(expected);
  });
});

describe('answersMatch', () => {
  it.each([
    // exact after normalisation
    ['seoul', ['Seoul'], true],
    ['The Seoul.', ['Seoul'], true],
    ['120 000', ['120,000'], true],
    ['120000', ['120,000'], true],
    ['Korea’s border', ["Korea's border"], true],
    ['Pusan', ['Busan', 'Pusan'], true],
    // typo tolerance
    ['Pyongyng', ['Pyongyang'], true],
    ['Pyongyng', ['the capital', 'Pyongyang'], true],
    ['Seuol', ['Seoul'], false], // a transposition costs 2 edits; 5 letters allow 1
    ['Seol', ['Seoul'], true],
    ['Pyngyng', ['Pyongyang'], true], // 9 letters allow 2
    ['Pyngyg', ['Pyongyang'], false],
    ['Sonya', ['Tonya'], false], // first letter differs
    ['Tony', ['Sony'], false],
    ['Soni', ['Sony'], false], // 4 letters: no tolerance
    ['Seoul', ['Sony'], false],
    // numbers are exact
    ['12000', ['120,000'], false],
    ['120001', ['120000'], false],
    ['12.50', ['1250'], false],
    ['1250', ['12.50'], false],
    ['120.000', ['120000'], false],
    ['1950 troops', ['1951 troops'], false],
    ['12000 people', ['120000 people'], false],
    // empty and blank
    ['', ['Seoul'], false],
    ['   ', ['Seoul'], false],
    ['.', ['.'], false],
    ['Seoul', [], false],
  ] as const)('%j against %j → %s', (given, accepted, expected) => {
    expect(answersMatch(given, accepted)).toBe(expected);
  });
});
