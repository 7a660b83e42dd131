import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/service/dispatch.ts';
import { MANIFEST_FILE, quizFileName, QuizFileManifest } from '../../src/service/library/quiz-file.ts';
import { ServiceError } from '../../src/service/service.ts';
import { readZip, writeZip } from '../../src/service/zip.ts';
import { ARTICLE, articleBank } from './library-fixtures.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';
import { rawZip } from './zip-support.ts';

// A quiz shared as a .evident file: what goes in (and what never does), what comes back, and
// each refusal naming the file, the entry and the problem, with nothing left half-imported.

let harness: Harness;
afterEach(() => harness?.close());

function ownHarness(): Harness {
  harness = serviceHarness({ ownQuizzes: true });
  return harness;
}

const decode = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

function ownQuiz(service: Harness['service']): string {
  const { quizId } = service.createQuiz({ article: ARTICLE });
  service.saveQuizBank({ quizId, bank: articleBank(quizId) });
  return quizId;
}

function filesOf(base64: string): Map<string, Uint8Array> {
  return readZip(Buffer.from(base64, 'base64'));
}

/** The data folder's quizzes/, every file with its bytes: compared before and after a refused import. */
function snapshot(dir: string): string[] {
  const root = join(dir, 'quizzes');
  const out: string[] = [];
  const walk = (folder: string, prefix: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path, `${prefix}${entry.name}/`);
      else out.push(`${prefix}${entry.name}:${readFileSync(path).toString('base64')}`);
    }
  };
  try {
    walk(root, '');
  } catch {
    return [];
  }
  return out.sort();
}

function refused(call: () => unknown): ServiceError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    return error as ServiceError;
  }
  throw new Error('expected the import to be refused');
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

function validFiles(service: Harness['service']): Record<string, Uint8Array> {
  const exported = service.exportQuizFile({ quizId: ownQuiz(service) });
  return Object.fromEntries(filesOf(exported.base64));
}

describe('exporting a quiz as a .evident file', () => {
  it('holds the manifest, the checked article and the bank, and nothing of any student', () => {
    const { service } = ownHarness();
    const quizId = ownQuiz(service);
    service.publishQuiz({ quizId, published: true });
    const attempt = service.startAttempt({ quizId, studentName: 'Zelda Quillfeather' });
    service.answer({
      attemptId: attempt.attemptId,
      questionId: 'margin',
      response: { type: 'short-answer', text: 'Zelda thinks it was unanimous' },
    });

    const exported = service.exportQuizFile({ quizId });
    expect(exported.fileName).toBe('Council votes to keep the town library open.evident');
    const files = filesOf(exported.base64);
    expect([...files.keys()].sort()).toEqual(['article.txt', 'bank.json', 'manifest.json']);

    const manifest = QuizFileManifest.parse(JSON.parse(decode(files.get(MANIFEST_FILE))));
    expect(manifest).toMatchObject({
      format: 'evident-quiz',
      formatVersion: 1,
      title: 'Council votes to keep the town library open',
      quizVersion: 1,
      details: { byline: 'Jane Doe', publication: 'The Courier', date: '27 November 2026', address: 'https://example.org/library-vote' },
    });
    expect(manifest.evidentVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(decode(files.get('article.txt'))).toBe(readFileSync(join(harness.dir, 'quizzes', quizId, 'article.txt'), 'utf8'));
    expect(JSON.parse(decode(files.get('bank.json'))).questions).toEqual(articleBank(quizId)['questions']);

    for (const [name, bytes] of files) {
      expect(decode(bytes), name).not.toMatch(/Zelda|Quillfeather|unanimous|attempt/i);
    }
  });

  it('exports a bundled quiz too, its raw page written in the checked format', () => {
    const { service } = ownHarness();
    const seed = seedQuiz();
    const exported = service.exportQuizFile({ quizId: seed.id });
    const files = filesOf(exported.base64);
    expect(decode(files.get('article.txt'))).toMatch(/^evident-article: 1\n/);
    const bank = JSON.parse(decode(files.get('bank.json')));
    expect(bank.$schema).toBeUndefined();
    expect(bank.questions).toHaveLength(seed.questions.length);
  });

  it('makes file names that every system accepts', () => {
    expect(quizFileName('What: the <UN> said / did? "Yes" | no*')).toBe('What the UN said did Yes no.evident');
    expect(quizFileName('CON')).toBe('CON quiz.evident');
    expect(quizFileName('...hidden. ')).toBe('hidden.evident');
    expect(quizFileName('\u202Eexe.txt')).toBe('exe.txt.evident');
    expect(quizFileName('   ')).toBe('quiz.evident');
    expect(quizFileName('Zoë’s café')).toBe('Zoë’s café.evident');
    expect(quizFileName('x'.repeat(300))).toBe(`${'x'.repeat(100)}.evident`);
  });
});

describe('importing a .evident file', () => {
  it('gives a new own quiz, unpublished, with the same article and questions, its title suffixed', () => {
    const { service } = ownHarness();
    const quizId = ownQuiz(service);
    service.publishQuiz({ quizId, published: true });
    const exported = service.exportQuizFile({ quizId });

    const imported = service.importQuizFile({ fileName: exported.fileName, base64: exported.base64 });
    expect(imported).toEqual({
      quizId: expect.not.stringMatching(new RegExp(`^${quizId}$`)),
      title: 'Council votes to keep the town library open (2)',
      questionCount: 2,
      problems: [],
    });
    const entry = service.libraryList({}).find((e) => e.quizId === imported.quizId);
    expect(entry).toMatchObject({ origin: 'own', status: 'ready', offered: false, version: 1, attemptCount: 0, questionCount: 2 });

    const before = service.getQuizSource({ quizId });
    const after = service.getQuizSource({ quizId: imported.quizId });
    expect(after.article).toEqual(before.article);
    expect((after.bank as { questions: unknown }).questions).toEqual((before.bank as { questions: unknown }).questions);
    expect(after.bank).toMatchObject({ id: imported.quizId, title: imported.title, article: 'article.txt' });

    // A third import: the next free title.
    expect(service.importQuizFile(exported).title).toBe('Council votes to keep the town library open (3)');
  });

  it('brings the bundled quiz back whole: same sentences, captions and questions, and it loads', () => {
    const { service } = ownHarness();
    const seed = seedQuiz();
    const imported = service.importQuizFile(service.exportQuizFile({ quizId: seed.id }));
    expect(imported.problems).toEqual([]);
    const before = service.getQuizSource({ quizId: seed.id });
    const after = service.getQuizSource({ quizId: imported.quizId });
    expect(after.article.paragraphs).toEqual(before.article.paragraphs);
    expect(after.article.captions).toEqual(before.article.captions);
    // The picture's credit travels with its caption ("Picture: AFP/Getty" on the seed's page).
    expect(after.article.captions[0]?.credit).toBe('AFP/Getty');
    expect(after.article.headline).toBe(before.article.headline);
    expect((after.bank as { questions: unknown }).questions).toEqual((before.bank as { questions: unknown }).questions);
    // It is a quiz like any other: a student can take it once published.
    service.publishQuiz({ quizId: imported.quizId, published: true });
    expect(service.startAttempt({ quizId: imported.quizId, studentName: 'Ada' }).questions).toHaveLength(seed.questions.length);
  });

  it('keeps a bank with problems as a draft and lists them, as the editor would', () => {
    const { service } = ownHarness();
    const files = validFiles(service);
    const bank = JSON.parse(decode(files['bank.json']));
    bank.questions[0].evidence = ['A sentence that is nowhere in the article.'];
    const imported = service.importQuizFile({
      fileName: 'shared.evident',
      base64: toBase64(writeZip({ ...files, 'bank.json': JSON.stringify(bank) })),
    });
    expect(imported.problems).toEqual([
      expect.objectContaining({ questionId: 'vote-result', message: expect.stringMatching(/not found/i) }),
    ]);
    expect(service.libraryList({}).find((e) => e.quizId === imported.quizId)).toMatchObject({ status: 'draft', problemCount: 1 });
  });

  it('is a teacher channel: refused while locked', () => {
    const { guarded, service } = ownHarness();
    const exported = service.exportQuizFile({ quizId: seedQuiz().id });
    expect(dispatch(guarded, 'importQuizFile', exported, () => {}, {})).toMatchObject({ ok: false, error: { reason: 'locked' } });
    expect(dispatch(guarded, 'exportQuizFile', { quizId: seedQuiz().id }, () => {}, {})).toMatchObject({
      ok: false,
      error: { reason: 'locked' },
    });
  });
});

describe('a refused .evident file names the file, the entry and the problem, and leaves nothing', () => {
  type Case = [string, (files: Record<string, Uint8Array>) => Uint8Array, string, RegExp];
  const text = (s: string) => new TextEncoder().encode(s);
  const manifestWith = (files: Record<string, Uint8Array>, change: (m: Record<string, unknown>) => unknown) =>
    text(JSON.stringify(change(JSON.parse(decode(files[MANIFEST_FILE])))));
  const cases: Case[] = [
    ['not a zip', () => text('hello, I am a text file'), 'zip-unreadable', /not an Evident quiz file \(not a zip\)/],
    ['an unknown entry', (f) => writeZip({ ...f, 'run-me.sh': 'rm -rf /' }), 'invalid-quiz-file', /run-me\.sh: a quiz file holds only/],
    ['a folder entry', (f) => writeZip({ ...f, 'extra/notes.txt': 'x' }), 'invalid-quiz-file', /extra\/notes\.txt: a quiz file holds only/],
    [
      'a missing bank',
      (f) => writeZip({ [MANIFEST_FILE]: f[MANIFEST_FILE]!, 'article.txt': f['article.txt']! }),
      'invalid-quiz-file',
      /bank\.json: this entry is missing/,
    ],
    [
      'another format',
      (f) => writeZip({ ...f, [MANIFEST_FILE]: manifestWith(f, (m) => ({ ...m, format: 'moodle' })) }),
      'invalid-quiz-file',
      /manifest\.json: not an Evident quiz file/,
    ],
    [
      'a newer format',
      (f) => writeZip({ ...f, [MANIFEST_FILE]: manifestWith(f, (m) => ({ ...m, formatVersion: 2, evidentVersion: '9.0.0' })) }),
      'invalid-quiz-file',
      /manifest\.json: the file is in format 2, made by a newer Evident \(9\.0\.0\)/,
    ],
    [
      'a manifest with a bad field',
      (f) => writeZip({ ...f, [MANIFEST_FILE]: manifestWith(f, (m) => ({ ...m, exportedAt: 'yesterday' })) }),
      'invalid-quiz-file',
      /manifest\.json: exportedAt: /,
    ],
    [
      'a manifest with an unknown field',
      (f) => writeZip({ ...f, [MANIFEST_FILE]: manifestWith(f, (m) => ({ ...m, students: ['Ada'] })) }),
      'invalid-quiz-file',
      /manifest\.json: .*students/,
    ],
    ['a manifest that is not JSON', (f) => writeZip({ ...f, [MANIFEST_FILE]: '{' }), 'invalid-quiz-file', /manifest\.json: not valid JSON/],
    [
      'an article that is not the checked format',
      (f) => writeZip({ ...f, 'article.txt': 'Just a headline\n\nSome text.' }),
      'invalid-quiz-file',
      /article\.txt: line 1: a checked article starts with/,
    ],
    [
      'an article with a bad detail line',
      (f) => writeZip({ ...f, 'article.txt': 'evident-article: 1\nHeadline: A\nScript: alert(1)\n\nText.' }),
      'invalid-quiz-file',
      /article\.txt: line 3: “Script: alert\(1\)” is not a detail/,
    ],
    ['a bank that is not JSON', (f) => writeZip({ ...f, 'bank.json': '{"id": ' }), 'invalid-quiz-file', /bank\.json: not valid JSON/],
    ['a bank that is a list', (f) => writeZip({ ...f, 'bank.json': '[1,2]' }), 'invalid-quiz-file', /bank\.json: a bank is a JSON object/],
    [
      'a bank whose questions are not a list',
      (f) => writeZip({ ...f, 'bank.json': '{"id":"x","questions":{}}' }),
      'invalid-quiz-file',
      /bank\.json: “questions” must be a list/,
    ],
    [
      'text that is not UTF-8',
      (f) => writeZip({ ...f, 'bank.json': new Uint8Array([0x7b, 0xff, 0x7d]) }),
      'invalid-quiz-file',
      /bank\.json: not UTF-8/,
    ],
    [
      'a name climbing out of the folder',
      (f) => rawZip([...Object.entries(f).map(([name, data]) => ({ name, data })), { name: '../../evil.json', data: '{}' }]),
      'zip-unsafe-name',
      /the entry "\.\.\/\.\.\/evil\.json" climbs out/,
    ],
    [
      'a duplicate bank',
      (f) => rawZip([...Object.entries(f).map(([name, data]) => ({ name, data })), { name: 'bank.json', data: '{}' }]),
      'zip-duplicate-name',
      /"bank\.json" appears twice/,
    ],
  ];

  for (const [what, make, reason, words] of cases) {
    it(`${what}: ${reason}`, () => {
      const { service } = ownHarness();
      const files = validFiles(service);
      const before = snapshot(harness.dir);
      const error = refused(() => service.importQuizFile({ fileName: 'From a colleague.evident', base64: toBase64(make(files)) }));
      expect(error.reason).toBe(reason);
      expect(error.message).toMatch(/^“From a colleague\.evident” cannot be imported: /);
      expect(error.message).toMatch(words);
      expect(snapshot(harness.dir)).toEqual(before);
      expect(service.libraryList({})).toHaveLength(2);
    });
  }

  it('a file over 10 MB is refused by the contract before it is decoded, naming the limit', () => {
    const { service } = ownHarness();
    const reply = dispatch(service, 'importQuizFile', { fileName: 'big.evident', base64: 'A'.repeat(14 * 1024 * 1024) }, () => {});
    expect(reply).toMatchObject({
      ok: false,
      error: {
        reason: 'invalid-request',
        issues: [{ path: 'base64', message: expect.stringMatching(/over the limit of 10 MB for a quiz file/) }],
      },
    });
  });
});
