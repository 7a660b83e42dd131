import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadQuiz } from '../../src/core/bank/load.ts';
import { exportQuiz } from '../../src/core/interchange/index.ts';
import { ServiceError } from '../../src/service/service.ts';
import { seedQuiz, serviceHarness, type Harness } from './fixtures.ts';
import { canonical } from './interchange-canonical.ts';

// The service's questions in and out: a quiz exported in any format with its report, and a
// question file imported into a new draft quiz, its article from the file or from the teacher,
// evidence found where the questions quote it, the rest asked for in the editor.

let harness: Harness;
afterEach(() => harness?.close());

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'interchange');

const ARTICLE = [
  'Council votes to keep the town library open',
  '',
  'The council voted on Tuesday to keep the town library open after a year of argument.',
  '',
  'Readers had collected 4,000 signatures asking the council to change its mind.',
  '',
  'Mr Jones, who led the campaign, said the vote was closer than anyone expected.',
].join('\n');

const GIFT = [
  '// A teacher’s own GIFT file',
  '$CATEGORY: $course$/top/Library vote',
  '',
  '::signatures::How many signatures did readers collect? {',
  '  =4,000 ~400 ~40,000',
  '  ####The article says “Readers had collected 4,000 signatures asking the council to change its mind.”',
  '}',
  '',
  '::decision::The council voted to close the library.{F}',
  '',
  '::essay::Write about your own library. {}',
].join('\n');

function ownQuizCount(h: Harness): number {
  return h.service.libraryList({}).filter((entry) => entry.origin === 'own').length;
}

function importFails(h: Harness, input: Parameters<Harness['service']['importQuestionFile']>[0]) {
  return (h.service.importQuestionFile(input) as Promise<unknown>).then(
    () => {
      throw new Error('the import should have been refused');
    },
    (error: unknown) => error as ServiceError,
  );
}

describe('importQuestionFile', () => {
  it('makes a GIFT file and a pasted article into a draft quiz: quoted evidence found, the rest asked for, publishing refused', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const { quizId, title, report } = await harness.service.importQuestionFile({
      fileName: 'library.gift',
      base64: b64(GIFT),
      articleText: ARTICLE,
    });
    expect(title).toBe('Council votes to keep the town library open');
    expect(report).toMatchObject({ format: 'gift', articleFrom: 'teacher', imported: 1, needsEvidence: 1, skipped: 1 });
    expect(report.questions).toEqual([
      { id: 'signatures', type: 'single-choice', status: 'imported' },
      {
        id: 'decision',
        type: 'true-false-not-given',
        status: 'needs-evidence',
        reason: 'needs evidence: pick the sentence that proves the answer',
      },
      { id: 'essay', type: 'essay', status: 'skipped', reason: 'Evident has no essay questions' },
    ]);
    expect(report.notes[0]).toMatch(/category “\$course\$\/top\/Library vote”.*no categories/);

    const source = harness.service.getQuizSource({ quizId });
    expect(source.origin).toBe('own');
    expect(source.published).toBe(false);
    const bank = source.bank as { questions: { id: string; evidence: string[] }[] };
    expect(bank.questions.map((q) => q.id)).toEqual(['signatures', 'decision']);
    expect(bank.questions[0]!.evidence).toEqual(['Readers had collected 4,000 signatures asking the council to change its mind.']);
    // The editor lists the question without evidence as a problem, in the words it shows.
    expect(source.problems).toContainEqual(
      expect.objectContaining({
        questionId: 'decision',
        message: expect.stringMatching(/needs evidence: pick the sentence that proves the answer/),
      }),
    );
    expect(() => harness.service.publishQuiz({ quizId, published: true })).toThrow(
      expect.objectContaining({ reason: 'quiz-has-problems', message: expect.stringMatching(/needs evidence/) }),
    );
  });

  it('takes the article a Moodle XML export carries, and gives the seed quiz back question for question', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const seed = seedQuiz();
    const { text } = exportQuiz(seed, 'moodle-xml');
    const { quizId, report } = await harness.service.importQuestionFile({ fileName: 'seed.xml', base64: b64(text) });
    expect(report.articleFrom).toBe('file');
    expect(report.questions.filter((q) => q.status !== 'imported')).toEqual([]);
    const source = harness.service.getQuizSource({ quizId });
    expect(source.problems).toEqual([]);
    const articleText = readFileSync(join(harness.dir, 'quizzes', quizId, 'article.txt'), 'utf8');
    const loaded = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(source.bank), articleText });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.quiz.questions.map(canonical)).toEqual(seed.questions.map(canonical));
    // Ready to publish as it stands.
    expect(harness.service.publishQuiz({ quizId, published: true }).offered).toBe(true);
  });

  it('reads a QTI 3 package (a zip): the seed quiz exported and imported comes back question for question', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const seed = seedQuiz();
    const exported = harness.service.exportQuizAs({ quizId: seed.id, format: 'qti3' });
    expect(exported).toMatchObject({ fileName: 'north-korea-un-qti3.zip', mimeType: 'application/zip' });
    const { quizId, report } = await harness.service.importQuestionFile({ fileName: exported.fileName, base64: exported.base64 });
    expect(report).toMatchObject({ format: 'qti', articleFrom: 'file' });
    expect(report.questions.filter((q) => q.status !== 'imported')).toEqual([]);
    const source = harness.service.getQuizSource({ quizId });
    expect(source.problems).toEqual([]);
    const articleText = readFileSync(join(harness.dir, 'quizzes', quizId, 'article.txt'), 'utf8');
    const loaded = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(source.bank), articleText });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.quiz.questions.map(canonical)).toEqual(seed.questions.map(canonical));
  });

  it('refuses a zip that is not safe to open, with the zip reader’s reason and the file’s name, and keeps nothing', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const before = ownQuizCount(harness);
    const notZip = await importFails(harness, { fileName: 'package.zip', base64: b64('PK\u0003\u0004 but not really a zip') });
    expect(notZip.reason).toMatch(/^zip-/);
    expect(notZip.message).toMatch(/^“package\.zip”: /);
    expect(ownQuizCount(harness)).toBe(before);
  });

  it('refuses a file without an article when none is given, and keeps nothing', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const before = ownQuizCount(harness);
    const error = await importFails(harness, { fileName: 'library.gift', base64: b64(GIFT) });
    expect(error).toMatchObject({ reason: 'article-needed', message: expect.stringMatching(/“library\.gift” carries no article: paste/) });
    expect(ownQuizCount(harness)).toBe(before);
  });

  it('refuses a broken file naming the file, the line and the question, and keeps nothing', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const before = ownQuizCount(harness);
    const broken = '::one::Fine? {=yes ~no}\n\n::two::Where does this end? {=here ~there\n';
    const error = await importFails(harness, { fileName: 'broken.gift', base64: b64(broken), articleText: ARTICLE });
    expect(error.reason).toBe('invalid-question-file');
    expect(error.message).toBe('“broken.gift” (GIFT), line 3 (question 2 “two”): the answer part opened with { has no closing }');
    const aiken = readFileSync(join(FIXTURES, 'moodle-aiken-errors.aiken.txt'));
    const refused = await importFails(harness, {
      fileName: 'aiken_errors.txt',
      base64: aiken.toString('base64'),
      format: 'aiken',
      articleText: ARTICLE,
    });
    expect(refused.message).toMatch(
      /^“aiken_errors\.txt” \(Aiken\), line 1 \(question 1 “A question with too few answers”\): .*at least two options/,
    );
    expect(ownQuizCount(harness)).toBe(before);
  });

  it('refuses a file of nothing Evident can take, and a file it cannot recognise', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    const essays = await importFails(harness, {
      fileName: 'essays.gift',
      base64: b64('::e1::Why? {}\n\n::n1::How many? {#3}'),
      articleText: ARTICLE,
    });
    expect(essays.message).toMatch(
      /“essays\.gift” has no question Evident can take: e1 \(Evident has no essay questions\); n1 \(Evident has no numerical/,
    );
    const unknown = await importFails(harness, { fileName: 'notes.txt', base64: b64('Just some notes.'), articleText: ARTICLE });
    expect(unknown).toMatchObject({ reason: 'unsupported-format', message: expect.stringMatching(/“notes\.txt” is not a question file/) });
  });

  it('is a teacher channel: a student is refused', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    await expect(
      harness.guarded.importQuestionFile({ fileName: 'q.gift', base64: b64(GIFT), articleText: ARTICLE }, {}),
    ).rejects.toMatchObject({
      reason: 'locked',
    });
    expect(() => harness.guarded.exportQuizAs({ quizId: 'north-korea-un', format: 'gift' }, {})).toThrow(
      expect.objectContaining({ reason: 'locked' }),
    );
  });
});

describe('exportQuizAs', () => {
  it('writes the quiz in each format with its report, as core does', () => {
    harness = serviceHarness();
    const seed = seedQuiz();
    for (const format of ['moodle-xml', 'gift', 'aiken'] as const) {
      const file = harness.service.exportQuizAs({ quizId: seed.id, format });
      const expected = exportQuiz(seed, format);
      expect(Buffer.from(file.base64, 'base64').toString('utf8')).toBe(expected.text);
      expect(file.report).toEqual(expected.report);
      expect(file.fileName).toBe(`north-korea-un${{ 'moodle-xml': '.xml', gift: '.gift.txt', aiken: '.aiken.txt' }[format]}`);
    }
  });

  it('refuses a quiz that does not exist, and a draft that does not load yet', async () => {
    harness = serviceHarness({ ownQuizzes: true });
    expect(() => harness.service.exportQuizAs({ quizId: 'no-such-quiz', format: 'gift' })).toThrow(
      expect.objectContaining({ reason: 'quiz-not-found' }),
    );
    const { quizId } = await harness.service.importQuestionFile({ fileName: 'library.gift', base64: b64(GIFT), articleText: ARTICLE });
    expect(() => harness.service.exportQuizAs({ quizId, format: 'gift' })).toThrow(
      expect.objectContaining({ reason: 'quiz-has-problems' }),
    );
  });
});
