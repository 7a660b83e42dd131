import { inflateSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ZIP_LIMITS, readZip, unsafeNameProblem, writeZip, ZipError, type ZipRefusal } from '../../src/service/zip.ts';
import { ERROR_REASONS } from '../../src/shared/contract.ts';
import { rawZip, zeroBomb } from './zip-support.ts';

function refusal(run: () => unknown): ZipError {
  try {
    run();
  } catch (error) {
    if (error instanceof ZipError) return error;
    throw new Error(`expected a ZipError, got ${String(error)}`, { cause: error });
  }
  throw new Error('expected a ZipError, but the zip was accepted');
}

function expectRefused(bytes: Uint8Array, reason: ZipRefusal, words: RegExp, limits = {}) {
  const error = refusal(() => readZip(bytes, limits));
  expect(error.reason).toBe(reason);
  expect(error.message).toMatch(words);
  expect(error.code).toBe('bad-request');
  expect(error.toWire()).toEqual({ code: 'bad-request', reason, message: error.message });
  return error;
}

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('readZip reads honest zips', () => {
  it('reads back what writeZip wrote, text and bytes, folders left out', () => {
    const binary = new Uint8Array([0, 1, 2, 255, 254]);
    const zip = writeZip({ 'manifest.json': '{"a":1}', 'quiz/article.txt': 'Zoë’s “story”\n', 'data.bin': binary });
    const files = readZip(zip);
    expect([...files.keys()].sort()).toEqual(['data.bin', 'manifest.json', 'quiz/article.txt']);
    expect(text(files.get('quiz/article.txt'))).toBe('Zoë’s “story”\n');
    expect([...files.get('data.bin')!]).toEqual([...binary]);
  });

  it('reads zips written by another writer: stored entries, folders, an empty file', () => {
    const zip = zipSync({ 'folder/': new Uint8Array(0), 'folder/a.txt': [strToU8('hello'), { level: 0 }], 'empty.txt': new Uint8Array(0) });
    const files = readZip(zip);
    expect(text(files.get('folder/a.txt'))).toBe('hello');
    expect(files.get('empty.txt')!.length).toBe(0);
    expect(files.has('folder/')).toBe(false);
  });

  it('accepts a repetitive file below the ratio floor (honest text compresses well)', () => {
    const spaces = ' '.repeat(200_000);
    expect(text(readZip(writeZip({ 'a.txt': spaces })).get('a.txt'))).toBe(spaces);
  });

  it('every refusal reason is a wire reason with the bad-request code', () => {
    const reasons: ZipRefusal[] = [
      'zip-unreadable',
      'zip-too-large',
      'zip-too-many-entries',
      'zip-entry-too-large',
      'zip-inflates-too-large',
      'zip-ratio-too-high',
      'zip-unsafe-name',
      'zip-duplicate-name',
      'zip-encrypted',
    ];
    for (const reason of reasons) expect(ERROR_REASONS[reason]).toBe('bad-request');
  });
});

describe('readZip refuses what is not a zip', () => {
  it('random bytes, an empty file, text', () => {
    expectRefused(new Uint8Array(0), 'zip-unreadable', /not a zip/);
    expectRefused(strToU8('just some text, not a zip at all'), 'zip-unreadable', /not a zip/);
    expectRefused(
      new Uint8Array(5000).map((_, i) => (i * 7919) % 251),
      'zip-unreadable',
      /not a zip/,
    );
  });

  it('a zip cut short names the entry it ends inside', () => {
    const zip = writeZip({ 'bank.json': 'x'.repeat(5000) + Math.random() });
    // Keep the end record but lose the middle: the table now points past the data.
    const cut = new Uint8Array([...zip.subarray(0, 20), ...zip.subarray(zip.length - 60)]);
    expectRefused(cut, 'zip-unreadable', /cannot be read/);
  });

  it('damaged compressed data, a wrong checksum, a lying size', () => {
    const garbage = new Uint8Array(64).fill(0xff);
    expectRefused(rawZip([{ name: 'a.txt', data: 'hello', compressed: garbage }]), 'zip-unreadable', /"a\.txt" is damaged/);
    expectRefused(rawZip([{ name: 'a.txt', data: 'hello', claimedCrc: 1234 }]), 'zip-unreadable', /"a\.txt" is damaged \(its checksum/);
    expectRefused(
      rawZip([{ name: 'a.txt', data: 'hello', claimedSize: 3 }]),
      'zip-unreadable',
      /"a\.txt" inflates to 5 bytes where the zip says 3/,
    );
  });

  it('an unknown compression method, ZIP64 markers and a local name that disagrees', () => {
    expectRefused(rawZip([{ name: 'a.txt', data: 'hello', method: 12 }]), 'zip-unreadable', /"a\.txt" is compressed with method 12/);
    expectRefused(rawZip([{ name: 'a.txt', data: 'hello', claimedSize: 0xffffffff }]), 'zip-unreadable', /ZIP64/);
    expectRefused(rawZip([{ name: 'a.txt', data: 'hello', localName: 'b.txt' }]), 'zip-unreadable', /"a\.txt" is named differently/);
  });

  it('a file over the size limit, before reading anything', () => {
    const zip = writeZip({ 'a.txt': 'hello' });
    expectRefused(zip, 'zip-too-large', /at most 100 bytes is accepted/, { maxZipBytes: 100 });
  });
});

describe('readZip refuses bombs while inflating, never trusting the header', () => {
  it('an entry over its cap is stopped mid-stream even when the header claims 10 bytes', () => {
    const zip = rawZip([{ name: 'bomb.txt', compressed: zeroBomb(3 * 1024 * 1024), claimedSize: 10 }]);
    expectRefused(zip, 'zip-entry-too-large', /"bomb\.txt" inflates to more than 1 MB, the limit for one entry/, {
      maxEntryBytes: 1024 * 1024,
      maxRatio: 1e9,
    });
  });

  it('a high-ratio entry is refused as a bomb with the default limits', () => {
    const zip = rawZip([{ name: 'zeros.bin', compressed: zeroBomb(4 * 1024 * 1024), claimedSize: 4 * 1024 * 1024 }]);
    expect(zip.length).toBeLessThan(30_000);
    expectRefused(zip, 'zip-ratio-too-high', /"zeros\.bin" inflates more than 100 times its compressed size .* zip bomb/);
  });

  it('a 128 MB bomb is stopped as soon as it passes the entry cap (the default cap is tried in the slow fuzz suite)', () => {
    const bomb = zeroBomb(128 * 1024 * 1024);
    expect(inflateSync(zeroBomb(100_000))).toEqual(new Uint8Array(100_000));
    const zip = rawZip([{ name: 'big.bin', compressed: bomb, claimedSize: 1, claimedCrc: 0 }]);
    expectRefused(zip, 'zip-entry-too-large', /"big\.bin" inflates to more than 4 MB/, { maxRatio: 1e9, maxEntryBytes: 4 * 1024 * 1024 });
  });

  it('many entries that together pass the total cap name the entry where it was passed', () => {
    const chunk = new Uint8Array(300 * 1024).map((_, i) => i % 7);
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 5; i++) files[`part-${i}.bin`] = chunk;
    expectRefused(writeZip(files), 'zip-inflates-too-large', /up to "part-3\.bin" inflate to more than 1 MB, the limit for the whole zip/, {
      maxTotalBytes: 1024 * 1024,
    });
  });

  it('more entries than allowed, before inflating any', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`q${i}.txt`] = 'x';
    expectRefused(writeZip(files), 'zip-too-many-entries', /holds 12 entries; at most 10 are accepted/, { maxEntries: 10 });
    expect(DEFAULT_ZIP_LIMITS.maxEntries).toBe(1000);
  });

  it('overlapping entries (one compressed stream counted many times) are refused', () => {
    const zip = rawZip([
      { name: 'a.txt', data: 'hello' },
      { name: 'b.txt', data: 'hello', localOffsetOf: 0, localName: 'a.txt' },
    ]);
    const error = refusal(() => readZip(zip));
    expect(error.reason).toBe('zip-unreadable');
  });
});

describe('readZip refuses names that could escape a folder or mean two files', () => {
  const cases: [string, RegExp][] = [
    ['../evil.txt', /climbs out/],
    ['quiz/../../evil.txt', /climbs out/],
    ['/etc/passwd', /absolute path/],
    ['quiz\\..\\evil.txt', /backslash/],
    ['C:/Windows/evil.txt', /drive/],
    ['c:evil.txt', /drive/],
    ['bank.json:hidden', /stream/],
    ['a\0.txt', /NUL/],
    ['a\n.txt', /control character/],
    ['a//b.txt', /empty or "\." path segment/],
    ['./a.txt', /empty or "\." path segment/],
    ['', /is empty/],
  ];
  for (const [name, words] of cases) {
    it(`refuses ${JSON.stringify(name)}, naming it`, () => {
      const error = expectRefused(rawZip([{ name, data: 'x' }]), 'zip-unsafe-name', words);
      expect(error.entry).toBe(name);
      expect(error.message).toMatch(/the entry "/);
    });
  }

  it('refuses a name that is not UTF-8', () => {
    expectRefused(rawZip([{ name: new Uint8Array([0x61, 0xff, 0xfe]), data: 'x', flags: 0 }]), 'zip-unsafe-name', /not UTF-8/);
  });

  it('refuses duplicate names, and names that differ only in case or Unicode form', () => {
    expectRefused(
      rawZip([
        { name: 'bank.json', data: '1' },
        { name: 'bank.json', data: '2' },
      ]),
      'zip-duplicate-name',
      /"bank\.json" appears twice/,
    );
    expectRefused(
      rawZip([
        { name: 'Bank.json', data: '1' },
        { name: 'bank.JSON', data: '2' },
      ]),
      'zip-duplicate-name',
      /"bank\.JSON" and "Bank\.json" would be the same file/,
    );
    expectRefused(
      rawZip([
        { name: 'caf\u00e9.txt', data: '1' },
        { name: 'cafe\u0301.txt', data: '2' },
      ]),
      'zip-duplicate-name',
      /would be the same file/,
    );
  });

  it('accepts ordinary nested names', () => {
    expect(unsafeNameProblem('items/item-1.xml')).toBeUndefined();
    expect(unsafeNameProblem('folder/')).toBeUndefined();
    expect(unsafeNameProblem('a..b.txt')).toBeUndefined();
  });

  it('writeZip refuses to write an unsafe name', () => {
    expect(refusal(() => writeZip({ '../x': 'a' })).reason).toBe('zip-unsafe-name');
  });
});

describe('readZip refuses encrypted entries', () => {
  it('the traditional encryption flag', () => {
    expectRefused(rawZip([{ name: 'secret.txt', data: 'x', flags: 0x801 }]), 'zip-encrypted', /"secret\.txt" is encrypted/);
  });
  it('AES (method 99)', () => {
    expectRefused(rawZip([{ name: 'secret.txt', data: 'x', method: 99 }]), 'zip-encrypted', /"secret\.txt" is encrypted/);
  });
});
