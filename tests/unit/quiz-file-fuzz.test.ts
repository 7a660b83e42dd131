import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_QUIZ_FILE_BYTES } from '../../src/shared/channels.ts';
import { ServiceError } from '../../src/service/service.ts';
import { readZip, writeZip } from '../../src/service/zip.ts';
import { ARTICLE, articleBank } from './library-fixtures.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';
import { rawZip, zeroBomb, type RawEntry } from './zip-support.ts';

// Hostile .evident files (issue 10): random bytes, truncated and damaged files, oversized ones,
// zip bombs (high ratio, many entries), names that climb out of the folder, duplicate names, and
// sound zips whose manifest or bank is hostile. Every refusal must be a clean ServiceError (a
// reason and a message naming the file), and the data folder's quizzes/ must be exactly as it
// was: nothing half-imported. Whatever is accepted must be a whole, ordinary quiz folder. And
// the round trip: export, then import, gives back the same article and bank.

const RUNS = 100;
const FILE_NAME = 'shared.evident';

let harness: Harness;
let service: Harness['service'];
let valid: Record<string, Uint8Array>;
let validBytes: Uint8Array;
let originalQuizId: string;

beforeAll(() => {
  harness = serviceHarness({ ownQuizzes: true });
  service = harness.service;
  originalQuizId = service.createQuiz({ article: ARTICLE }).quizId;
  service.saveQuizBank({ quizId: originalQuizId, bank: articleBank(originalQuizId) });
  validBytes = Buffer.from(service.exportQuizFile({ quizId: originalQuizId }).base64, 'base64');
  valid = Object.fromEntries(readZip(validBytes));
});
afterAll(() => harness?.close());

/** quizzes/ in the data folder, every file with its bytes, deleted quizzes aside. */
function snapshot(): string[] {
  const out: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (prefix === '' && entry.name === '.deleted') continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else out.push(`${prefix}${entry.name}:${readFileSync(path).toString('base64')}`);
    }
  };
  walk(join(harness.dir, 'quizzes'), '');
  return out.sort();
}

const REASONS = /^(zip-[a-z-]+|invalid-quiz-file)$/;

type Outcome = { refused: ServiceError } | { quizId: string };

/** Imports `bytes`; a refusal must be clean and change nothing, an acceptance must be a whole quiz (then removed). */
function attempt(bytes: Uint8Array): Outcome {
  const before = snapshot();
  const listed = service.libraryList({}).length;
  try {
    const imported = service.importQuizFile({ fileName: FILE_NAME, base64: Buffer.from(bytes).toString('base64') });
    const folder = join(harness.dir, 'quizzes', imported.quizId);
    expect(readdirSync(folder).sort()).toEqual(['article.txt', 'bank.json', 'quiz.json']);
    const bank = JSON.parse(readFileSync(join(folder, 'bank.json'), 'utf8'));
    expect(bank).toMatchObject({ id: imported.quizId, article: 'article.txt', title: imported.title });
    expect(service.libraryList({}).find((e) => e.quizId === imported.quizId)).toMatchObject({ origin: 'own', offered: false });
    service.deleteQuiz({ quizId: imported.quizId });
    expect(snapshot()).toEqual(before);
    return { quizId: imported.quizId };
  } catch (error) {
    if (!(error instanceof ServiceError)) throw error;
    expect(error.reason).toMatch(REASONS);
    expect(error.message).toMatch(/^“shared\.evident” cannot be imported: \S/);
    expect(error.message.length).toBeLessThan(600);
    expect(snapshot()).toEqual(before);
    expect(service.libraryList({})).toHaveLength(listed);
    return { refused: error };
  }
}

function refusedWith(bytes: Uint8Array, reasons: RegExp): ServiceError {
  const outcome = attempt(bytes);
  if (!('refused' in outcome)) throw new Error('expected a refusal, but the file was imported');
  expect(outcome.refused.reason).toMatch(reasons);
  return outcome.refused;
}

const entriesOf = (files: Record<string, Uint8Array | string>): RawEntry[] => Object.entries(files).map(([name, data]) => ({ name, data }));

describe('hostile .evident files are refused cleanly, leaving nothing behind', { timeout: 300_000 }, () => {
  it('random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4_000 }), (bytes) => void refusedWith(bytes, /^zip-unreadable$/)),
      { numRuns: RUNS },
    );
  });

  it('random bytes behind a zip signature, and a valid file with random bytes spliced in', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2_000 }), fc.nat(), (noise, at) => {
        void refusedWith(new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise]), REASONS);
        const cut = at % validBytes.length;
        attempt(new Uint8Array([...validBytes.subarray(0, cut), ...noise, ...validBytes.subarray(cut)]));
      }),
      { numRuns: RUNS },
    );
  });

  it('a valid file cut short anywhere', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: validBytes.length - 1 }),
        (length) => void refusedWith(validBytes.subarray(0, length), REASONS),
      ),
      { numRuns: RUNS },
    );
  });

  it('a valid file with bytes flipped: refused, or (a date, an unused field) the same quiz', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (flips) => {
        const bytes = validBytes.slice();
        for (const [at, mask] of flips) bytes[at % bytes.length]! ^= mask;
        attempt(bytes);
      }),
      { numRuns: RUNS },
    );
  });

  it('a file over the size limit', () => {
    const error = refusedWith(new Uint8Array(MAX_QUIZ_FILE_BYTES + 1), /^zip-too-large$/);
    expect(error.message).toMatch(/a quiz file has at most 10 MB/);
  });

  it('zip bombs: a high ratio in any entry, up to 512 MB, with honest or lying sizes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('bank.json', 'article.txt', 'manifest.json'),
        fc.integer({ min: 2 * 1024 * 1024, max: 512 * 1024 * 1024 }),
        fc.boolean(),
        (name, size, lie) => {
          const bomb: RawEntry = { name, compressed: zeroBomb(size), claimedSize: lie ? 100 : size, claimedCrc: 0 };
          const others = entriesOf(valid).filter((e) => e.name !== name);
          const error = refusedWith(rawZip([...others, bomb]), /^zip-(ratio-too-high|entry-too-large|inflates-too-large|too-large)$/);
          if (error.reason !== 'zip-too-large') expect(error.message).toContain(`"${name}"`);
        },
      ),
      { numRuns: 20 },
    );
  });

  it('many entries', () => {
    fc.assert(
      fc.property(fc.integer({ min: 17, max: 1_500 }), (count) => {
        const extra = Array.from({ length: count }, (_, i) => ({ name: `q/${i}.json`, data: '{}' }));
        void refusedWith(rawZip([...entriesOf(valid), ...extra]), /^zip-too-many-entries$/);
      }),
      { numRuns: 10 },
    );
  });

  it('names that climb out, are absolute, use backslashes, drives or NUL', () => {
    const segment = fc.constantFrom('..', '.', '', 'bank.json', 'quizzes', 'a', 'C:', 'c:\\x', '\\..', '\0', 'évident', '..\\..');
    const hostileName = fc
      .array(segment, { minLength: 1, maxLength: 5 })
      .map((parts) => parts.join('/'))
      .filter((name) => /(^|\/)\.\.?(\/|$)|^\/|\\|:|\0|\/\/|^$/.test(name));
    fc.assert(
      fc.property(hostileName, fc.boolean(), (name, replace) => {
        const entries = entriesOf(valid).filter((e) => !(replace && e.name === 'bank.json'));
        const error = refusedWith(rawZip([...entries, { name, data: '{}' }]), /^zip-unsafe-name$/);
        expect(error.message).toContain('the entry "');
      }),
      { numRuns: RUNS },
    );
  });

  it('duplicate names, and names that are the same file on Windows or macOS', () => {
    fc.assert(
      fc.property(fc.constantFrom('bank.json', 'article.txt', 'manifest.json'), fc.boolean(), (name, upper) => {
        const twin = upper ? name.toUpperCase() : name;
        void refusedWith(rawZip([...entriesOf(valid), { name: twin, data: '{}' }]), /^zip-duplicate-name$/);
      }),
      { numRuns: 30 },
    );
  });

  it('encrypted entries', () => {
    const entries = entriesOf(valid).map((e) => (e.name === 'bank.json' ? { ...e, flags: 0x801 } : e));
    void refusedWith(rawZip(entries), /^zip-encrypted$/);
  });

  it('a sound zip with a hostile manifest', () => {
    const manifest = JSON.parse(new TextDecoder().decode(valid['manifest.json'])) as Record<string, unknown>;
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 4 }),
      fc
        .record({ key: fc.constantFrom(...Object.keys(manifest), '__proto__', 'constructor'), value: fc.jsonValue({ maxDepth: 2 }) })
        .map(({ key, value }) => ({ ...manifest, [key]: value })),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const outcome = attempt(writeZip({ ...valid, 'manifest.json': JSON.stringify(value) }));
        if ('refused' in outcome) expect(outcome.refused.message).toMatch(/manifest\.json: /);
      }),
      { numRuns: RUNS },
    );
  });

  it('a sound zip with a hostile bank: refused naming bank.json, or kept whole as a draft with its problems', () => {
    const bank = JSON.parse(new TextDecoder().decode(valid['bank.json'])) as Record<string, unknown>;
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 5 }),
      fc
        .record({
          key: fc.constantFrom('id', 'article', 'title', 'questions', 'source', '$schema', '__proto__'),
          value: fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom('../../../etc/passwd', '/etc/passwd', 'C:\\Windows', '..')),
        })
        .map(({ key, value }) => ({ ...bank, [key]: value })),
      fc.string({ maxLength: 200 }),
    );
    fc.assert(
      fc.property(hostile, (value) => {
        const text = typeof value === 'string' ? value : JSON.stringify(value);
        const outcome = attempt(writeZip({ ...valid, 'bank.json': text }));
        if ('refused' in outcome) expect(outcome.refused.message).toMatch(/bank\.json: /);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('the round trip', { timeout: 300_000 }, () => {
  const sentence = fc
    .string({ minLength: 1, maxLength: 60 })
    .map((s) => s.replace(/\s+/gu, ' ').trim())
    .filter((s) => /\p{L}/u.test(s))
    .map((s) => `${s[0]!.toUpperCase()}${s.slice(1)}.`);
  const article = fc.record({
    title: sentence,
    byline: fc.option(sentence, { nil: undefined }),
    publication: fc.option(sentence, { nil: undefined }),
    date: fc.option(fc.constantFrom('27 November 2026', '2026-11-27'), { nil: undefined }),
    address: fc.option(fc.webUrl(), { nil: undefined }),
    paragraphs: fc.array(fc.array(sentence, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
    // Some with a picture's credit, which travels under its caption.
    captions: fc.array(fc.record({ text: sentence, credit: sentence }, { requiredKeys: ['text'] }), { maxLength: 2 }),
  });

  it('export then import gives the same article and bank, for any own quiz', () => {
    fc.assert(
      fc.property(article, fc.nat(), (input, pick) => {
        const clean = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as typeof input;
        const { quizId } = service.createQuiz({ article: clean });
        const sentences = service.getQuizSource({ quizId }).article.paragraphs.flatMap((p) => p.sentences);
        const cited = sentences[pick % sentences.length]!;
        const bank = {
          id: quizId,
          questions: [
            {
              id: 'find-it',
              type: 'evidence-selection',
              skill: 'detail',
              difficulty: 'easy',
              prompt: 'Which sentence is cited?',
              evidence: [cited.text],
              explanation: 'That one.',
            },
          ],
        };
        service.saveQuizBank({ quizId, bank });
        const original = service.getQuizSource({ quizId });
        const imported = service.importQuizFile(service.exportQuizFile({ quizId }));
        const copy = service.getQuizSource({ quizId: imported.quizId });
        expect(copy.article).toEqual(original.article);
        expect(copy.bank).toEqual({ ...(original.bank as object), id: imported.quizId, title: imported.title, article: 'article.txt' });
        expect(copy.problems).toEqual(original.problems);
        expect(imported.problems).toEqual(original.problems);
        service.deleteQuiz({ quizId });
        service.deleteQuiz({ quizId: imported.quizId });
      }),
      { numRuns: 25 },
    );
  });

  it('the bundled quiz comes back with the same sentences and questions', () => {
    const seed = seedQuiz();
    const imported = service.importQuizFile(service.exportQuizFile({ quizId: seed.id }));
    const copy = service.getQuizSource({ quizId: imported.quizId });
    expect(copy.article.paragraphs).toEqual(service.getQuizSource({ quizId: seed.id }).article.paragraphs);
    expect((copy.bank as { questions: unknown }).questions).toEqual(seed.bank.questions);
    expect(copy.problems).toEqual([]);
    service.deleteQuiz({ quizId: imported.quizId });
  });
});
