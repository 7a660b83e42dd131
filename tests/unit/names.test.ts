import { describe, expect, it } from 'vitest';
import { StudentName } from '../../src/shared/contract.ts';
import { sessionContract } from '../../src/shared/session-contract.ts';

// A name is shown to the teacher, in Class results, in the CSV and on the projector: it must
// look like what it is, and be stored as the join returned it.

const joinName = (name: string) => sessionContract.join.input.safeParse({ code: 'ABCDEF', name });

function refusal(name: string): string {
  const parsed = StudentName.safeParse(name);
  if (parsed.success) throw new Error(`“${name}” was accepted as “${parsed.data}”`);
  return parsed.error.issues.map((i) => i.message).join('; ');
}

describe('student names', () => {
  it('are stored in composed form (NFC), so the same name is always the same text', () => {
    expect(StudentName.parse('Zoe\u0301')).toBe('Zoé');
    expect(StudentName.parse('Nguye\u0302\u0303n')).toBe('Nguyễn');
    expect(joinName('Zoe\u0301')).toMatchObject({ success: true, data: { name: 'Zoé' } });
  });

  it('take names from many scripts as they are written', () => {
    for (const name of [
      'José',
      'Zoë O’Brien',
      'Nguyễn Thị Ánh',
      'محمد',
      '王小明',
      'प्रिया',
      'น้ำฝน',
      'Ølga-Marie',
      'ʻAnela',
      'Ana 👩‍🎓',
      'میر‌علی',
    ]) {
      expect(StudentName.safeParse(name).success, name).toBe(true);
    }
  });

  it('refuse characters that reverse the direction of text (“Evil\u202Egnp.exe” shows as Evilexe.png)', () => {
    for (const control of [
      '\u202E',
      '\u202D',
      '\u202A',
      '\u202B',
      '\u202C',
      '\u2066',
      '\u2067',
      '\u2068',
      '\u2069',
      '\u200E',
      '\u200F',
      '\u061C',
    ]) {
      expect(refusal(`Evil${control}gnp.exe`)).toMatch(/direction/);
    }
  });

  it('refuse control characters, C1 and line separators included', () => {
    for (const control of ['\u0007', '\u0085', '\u009B', '\u0080', '\u2028', '\u2029']) {
      expect(refusal(`Bob${control}by`)).toMatch(/control/);
    }
  });

  it('refuse a name with nothing visible in it', () => {
    for (const name of ['\u200B\u200B', '\u0301\u0302', '\u200D', '\u2060\u200C', '\u034F\u034F', '\u3164']) {
      expect(refusal(name)).toMatch(/visible/);
    }
    // What trims away entirely is simply no name.
    expect(refusal('\uFEFF ')).toBe('enter your name');
  });

  it('refuse runs of combining marks that draw over other rows', () => {
    expect(refusal('Z\u0300\u0301\u0302\u0303\u0304\u0305algo')).toMatch(/marks/);
    expect(refusal('a\u0316\u0317\u0318\u0319')).toMatch(/marks/);
    // Three on one letter still reads as a letter.
    expect(StudentName.safeParse('a\u0316\u0317\u0318').success).toBe(true);
  });

  it('refuse lone surrogates, which would be stored differently from what the join returned', () => {
    expect(refusal('Bob\uD800')).toMatch(/broken/);
    expect(refusal('\uDC00Bob')).toMatch(/broken/);
    expect(joinName('Bob\uD800').success).toBe(false);
  });

  it('say what is wrong, in the session’s join too', () => {
    const parsed = joinName('Evil\u202Egnp.exe');
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['name'], message: expect.stringMatching(/direction/) });
  });
});
