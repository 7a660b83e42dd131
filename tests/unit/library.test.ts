import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/service/dispatch.ts';
import { loadQuizPaths } from '../../src/service/quiz-files.ts';
import { startHttpServer } from '../../src/service/http.ts';
import { ServiceError } from '../../src/service/service.ts';
import { LIBRARY_CHANNELS } from '../../src/shared/channels.ts';
import { seedQuiz, serviceHarness, tempDir, TEST_PASSPHRASE, type Harness } from './fixtures.ts';
import { ARTICLE, articleBank } from './library-fixtures.ts';

// The quiz library at the service: own quizzes in the data folder beside the bundled ones, as
// drafts until they have questions, checked by the same checker as load, and behind the teacher's gate.

let harness: Harness;
afterEach(() => harness?.close());

function ownHarness(): Harness {
  harness = serviceHarness({ ownQuizzes: true });
  return harness;
}

function refusedWith(reason: string, call: () => unknown): ServiceError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ServiceError);
    expect((error as ServiceError).reason).toBe(reason);
    return error as ServiceError;
  }
  throw new Error(`expected a refusal (${reason})`);
}

describe('the library', () => {
  it('lists the bundled quiz, published and read-only, with its article figures', () => {
    const { service } = ownHarness();
    const [entry] = service.libraryList({});
    expect(entry).toMatchObject({
      quizId: 'north-korea-un',
      origin: 'bundled',
      status: 'published',
      offered: true,
      questionCount: seedQuiz().questions.length,
      problemCount: 0,
      attemptCount: 0,
      version: 1,
      publication: 'The Scotsman',
    });
    expect(entry!.words).toBeGreaterThan(400);
    expect(entry!.readingMinutes).toBeGreaterThanOrEqual(2);
    const error = refusedWith('quiz-read-only', () => service.saveQuizBank({ quizId: 'north-korea-un', bank: seedQuiz().bank }));
    expect(error.message).toMatch(/duplicate it/);
  });

  it('creates a draft from a checked article: listed for the teacher, never offered to students', () => {
    const { service, guarded } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    expect(quizId).toBe('council-votes-to-keep-the-town-library-open');
    const entry = service.libraryList({}).find((e) => e.quizId === quizId);
    expect(entry).toMatchObject({ origin: 'own', status: 'draft', offered: false, questionCount: 0, problemCount: 0, version: 1 });
    expect(entry!.title).toBe(ARTICLE.title);
    expect(entry!.words).toBe(39);
    // The student's side: not listed, and not startable by id.
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un']);
    refusedWith('quiz-not-found', () => guarded.startAttempt({ quizId, studentName: 'Ada' }, {}));
  });

  it('stores the article as the teacher checked it: details, captions and sentence boundaries come back exactly', () => {
    const { service } = ownHarness();
    // The caption as the import screen sends it: with the picture's credit the clean-up found.
    const captions = [{ text: 'The library on Main Street, built in 1904.', credit: 'Sam Lee/The Courier' }];
    const { quizId } = service.createQuiz({ article: { ...ARTICLE, captions } });
    const { article, bank, origin, version, published, problems } = service.getQuizSource({ quizId });
    expect({ origin, version, published, problems }).toEqual({ origin: 'own', version: 1, published: false, problems: [] });
    expect(article.headline).toBe(ARTICLE.title);
    expect(article.byline).toBe('Jane Doe');
    expect(article.source).toEqual({ publication: 'The Courier', date: '27 November 2026', url: 'https://example.org/library-vote' });
    expect(article.captions).toEqual([
      {
        id: 'c1',
        text: 'The library on Main Street, built in 1904.',
        credit: 'Sam Lee/The Courier',
        sentences: [{ id: 'c1.s1', text: 'The library on Main Street, built in 1904.' }],
      },
    ]);
    expect(article.paragraphs.map((p) => p.sentences.map((s) => `${s.id} ${s.text}`))).toEqual([
      ['p1.s1 The council voted on Tuesday to keep the town library open.', 'p1.s2 The vote ended a year of argument.'],
      ['p2.s1 Mr. Jones, who led the campaign, said the vote was close.', 'p2.s2 It passed by one vote.'],
      ['p3.s1 Readers had collected 4,000 signatures.'],
    ]);
    expect(bank).toEqual({ id: quizId, article: 'article.txt', questions: [] });
  });

  it('keeps own quizzes in the bundled folder format, so check-questions reads them', () => {
    const { service, dir } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    const folder = join(dir, 'quizzes', quizId);
    expect(existsSync(join(folder, 'bank.json')) && existsSync(join(folder, 'article.txt'))).toBe(true);
    // A draft: the checker says what is missing.
    expect(loadQuizPaths([folder]).problems.map((p) => p.message)).toEqual(['a bank needs at least one question']);
    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    const checked = loadQuizPaths([folder]);
    expect(checked.problems).toEqual([]);
    expect(checked.quizzes[0]?.questions.map((q) => q.evidenceSentenceIds)).toEqual([['p1.s1'], ['p2.s2']]);
  });

  it('saves a bank: the same checker as load reports each problem by question and field, and the quiz is ready once there are none', () => {
    const { service } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    const broken = articleBank(quizId);
    (broken['questions'] as { evidence: string[] }[])[1]!.evidence = ['It passed by two votes.'];
    const saved = service.saveQuizBank({ quizId, bank: broken });
    expect(saved).toMatchObject({ version: 1, newVersion: false, status: 'draft' });
    expect(saved.problems).toEqual([expect.objectContaining({ questionId: 'margin', field: 'evidence.0' })]);
    expect(saved.problems[0]!.message).toMatch(/not found|closest/i);
    expect(service.libraryList({}).find((e) => e.quizId === quizId)).toMatchObject({ status: 'draft', problemCount: 1, questionCount: 2 });

    const fixed = service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    expect(fixed).toMatchObject({ version: 1, newVersion: false, status: 'ready', problems: [] });
    expect(service.getQuizSource({ quizId }).bank).toEqual({ ...articleBank(quizId), id: quizId });
  });

  it('refuses a bank that is not this quiz’s, or that points at another article', () => {
    const { service } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    expect(
      refusedWith('invalid-bank', () => service.saveQuizBank({ quizId, bank: { ...articleBank(quizId), id: 'other' } })).message,
    ).toMatch(/“other” is not this quiz's id/);
    expect(
      refusedWith('invalid-bank', () => service.saveQuizBank({ quizId, bank: { ...articleBank(quizId), article: '../../etc/passwd' } }))
        .message,
    ).toMatch(/must stay “article.txt”/);
    refusedWith('invalid-bank', () => service.saveQuizBank({ quizId, bank: [1, 2] }));
    refusedWith('quiz-not-found', () => service.saveQuizBank({ quizId: 'no-such-quiz', bank: {} }));
    // Nothing of those reached the file.
    expect(service.getQuizSource({ quizId }).bank).toEqual({ id: quizId, article: 'article.txt', questions: [] });
  });

  it('gives each new quiz its own id, never one that attempts are stored under', () => {
    const { service, store } = ownHarness();
    store.insertAttempt({
      id: '00000000-0000-4000-8000-000000000001',
      quizId: 'budget-day',
      studentName: 'Ada',
      settings: { feedback: 'deferred', shuffle: false },
      seed: 1,
      status: 'submitted',
      startedAt: '2026-11-27T09:00:00.000Z',
      submittedAt: '2026-11-27T09:10:00.000Z',
    });
    const article = { ...ARTICLE, title: 'Budget day' };
    const ids = [service.createQuiz({ article }).quizId, service.createQuiz({ article }).quizId];
    expect(ids).toEqual(['budget-day-2', 'budget-day-3']);
    expect(service.createQuiz({ article: { ...ARTICLE, title: 'Élan: ½ «vital»!' } }).quizId).toBe('elan-1-2-vital');
    expect(service.createQuiz({ article: { ...ARTICLE, title: '北朝鮮' } }).quizId).toBe('quiz');
  });

  it('finds own quizzes again after a restart, and leaves out a folder whose files are damaged with a reason', () => {
    const { dir } = ownHarness();
    let { service } = harness;
    const { quizId } = service.createQuiz({ article: ARTICLE });
    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    writeFileSync(join(dir, 'quizzes', quizId, 'quiz.json'), '{ not json');
    harness = harness.reopen();
    ({ service } = harness);
    expect(service.libraryList({}).find((e) => e.quizId === quizId)).toMatchObject({ status: 'ready', questionCount: 2 });
  });

  it('answers only the unlocked teacher, on every library channel', () => {
    const { guarded } = ownHarness();
    for (const channel of LIBRARY_CHANNELS) {
      const reply = dispatch(guarded, channel, {}, () => {}, {});
      expect(reply).toMatchObject({ ok: false, error: { reason: 'locked' } });
    }
  });

  it('refuses an article that breaks a limit, naming the field', () => {
    const { service } = ownHarness();
    const reply = dispatch(service, 'createQuiz', { article: { ...ARTICLE, title: '' } }, () => {});
    expect(reply).toMatchObject({
      ok: false,
      error: { reason: 'invalid-request', issues: [expect.objectContaining({ path: 'article.title' })] },
    });
  });

  it('creates, saves and reads a quiz over HTTP with the teacher token, and refuses without it', async () => {
    const { guarded } = ownHarness();
    const temp = tempDir();
    const server = await startHttpServer({ service: guarded, rendererDir: temp.dir, log: () => {} });
    try {
      const call = async (channel: string, payload: unknown, token?: string) => {
        const response = await fetch(`${server.url}api/${channel}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(payload),
        });
        return (await response.json()) as { ok: boolean; value?: any; error?: { reason: string } };
      };
      expect(await call('createQuiz', { article: ARTICLE })).toMatchObject({ ok: false, error: { reason: 'locked' } });
      const { value: unlock } = await call('unlockTeacher', { passphrase: TEST_PASSPHRASE });
      const created = await call('createQuiz', { article: ARTICLE }, unlock.token);
      expect(created).toMatchObject({ ok: true, value: { quizId: 'council-votes-to-keep-the-town-library-open' } });
      const { quizId } = created.value as { quizId: string };
      const saved = await call('saveQuizBank', { quizId, bank: articleBank(quizId) }, unlock.token);
      expect(saved).toMatchObject({ ok: true, value: { status: 'ready', problems: [] } });
      const source = await call('getQuizSource', { quizId }, unlock.token);
      expect(source.value.article.paragraphs[1].sentences[0].text).toBe('Mr. Jones, who led the campaign, said the vote was close.');
      const list = await call('libraryList', {}, unlock.token);
      expect(list.value.map((e: { quizId: string }) => e.quizId)).toEqual(['north-korea-un', quizId]);
    } finally {
      await server.close();
      temp.cleanup();
    }
  });

  it('lets the teacher try an unpublished quiz, and keeps an attempt on the version it was taken on', async () => {
    const { service } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    const attempt = service.startAttempt({ quizId, studentName: 'Teacher' });
    const first = service.getQuizSource({ quizId });
    const quiz = (first.bank as { questions: unknown[] }).questions;
    expect(quiz).toHaveLength(2);

    // An edit once attempts exist makes version 2; version 1 stays as the attempt saw it.
    const fewer = articleBank(quizId);
    fewer['questions'] = (fewer['questions'] as unknown[]).slice(0, 1);
    const saved = service.saveQuizBank({ quizId, bank: fewer });
    expect(saved).toMatchObject({ version: 2, newVersion: true });
    expect(service.getAttempt({ attemptId: attempt.attemptId }).questions.map((q) => q.id)).toEqual(['vote-result', 'margin']);
    const loaded = harness.store.getAttempt(attempt.attemptId);
    expect(loaded?.quizVersion).toBe(1);
    const margin = { type: 'short-answer', text: 'one' } as const;
    expect((await service.answer({ attemptId: attempt.attemptId, questionId: 'margin', response: margin })).questionId).toBe('margin');
    // A new attempt is on version 2: one question.
    const second = service.startAttempt({ quizId, studentName: 'Teacher' });
    expect(second.questions.map((q) => q.id)).toEqual(['vote-result']);
    expect(harness.store.getAttempt(second.attemptId)?.quizVersion).toBe(2);
    // Version 2 has an attempt too, so the next edit is version 3; with none at 3, saving stays there.
    expect(service.saveQuizBank({ quizId, bank: articleBank(quizId) })).toMatchObject({ version: 3, newVersion: true });
    expect(service.getQuizSource({ quizId })).toMatchObject({ version: 3, attemptCount: 2, attemptsAtVersion: 0 });
    expect(service.saveQuizBank({ quizId, bank: articleBank(quizId) })).toMatchObject({ version: 3, newVersion: false });
  });
});

describe('publishing, renaming, duplicating and deleting', () => {
  it('publishes a quiz only once it has questions and no problems; students see it then, and not after unpublishing', () => {
    const { service, guarded } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    expect(refusedWith('quiz-has-no-questions', () => service.publishQuiz({ quizId, published: true })).message).toMatch(
      /no questions yet/,
    );
    const broken = articleBank(quizId);
    broken['questions'][0].correct = 'nowhere';
    service.saveQuizBank({ quizId, bank: broken });
    expect(refusedWith('quiz-has-problems', () => service.publishQuiz({ quizId, published: true })).message).toMatch(
      /1 problem to fix .*vote-result: correct/,
    );
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un']);

    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    expect(service.publishQuiz({ quizId, published: true })).toMatchObject({ status: 'published', offered: true });
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un', quizId]);
    expect(guarded.startAttempt({ quizId, studentName: 'Ada' }, {}).questions).toHaveLength(2);

    expect(service.publishQuiz({ quizId, published: false })).toMatchObject({ status: 'ready', offered: false });
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un']);
    refusedWith('quiz-not-found', () => guarded.startAttempt({ quizId, studentName: 'Ada' }, {}));
  });

  it('unpublishes the bundled quiz and remembers it across a restart; a fresh install offers it', () => {
    const { service, guarded } = ownHarness();
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un']);
    service.publishQuiz({ quizId: 'north-korea-un', published: false });
    expect(guarded.listQuizzes({})).toEqual([]);
    harness = harness.reopen();
    expect(harness.guarded.listQuizzes({})).toEqual([]);
    expect(harness.service.libraryList({})[0]).toMatchObject({ quizId: 'north-korea-un', status: 'ready', offered: false });
  });

  it('a published quiz saved with a problem is no longer offered until it is fixed', () => {
    const { service, guarded } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    service.publishQuiz({ quizId, published: true });
    const broken = articleBank(quizId);
    broken['questions'][1].evidence = ['Nobody said this.'];
    expect(service.saveQuizBank({ quizId, bank: broken }).status).toBe('published');
    expect(service.libraryList({}).find((e) => e.quizId === quizId)).toMatchObject({
      status: 'published',
      offered: false,
      problemCount: 1,
    });
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un']);
  });

  it('renames an own quiz everywhere, and refuses the bundled one', () => {
    const { service, guarded } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    service.publishQuiz({ quizId, published: true });
    expect(service.renameQuiz({ quizId, title: '  The library   vote ' })).toMatchObject({ quizId, title: 'The library vote' });
    expect(guarded.listQuizzes({}).find((q) => q.id === quizId)?.title).toBe('The library vote');
    expect((service.getQuizSource({ quizId }).bank as { title: string }).title).toBe('The library vote');
    refusedWith('quiz-read-only', () => service.renameQuiz({ quizId: 'north-korea-un', title: 'Mine' }));
  });

  it('duplicates the bundled quiz into an own, editable, unpublished copy that loads as the original does', () => {
    const { service, dir } = ownHarness();
    const { quizId } = service.duplicateQuiz({ quizId: 'north-korea-un' });
    expect(quizId).toBe('north-korea-fires-threats-at-un-copy');
    const entry = service.libraryList({}).find((e) => e.quizId === quizId);
    expect(entry).toMatchObject({
      origin: 'own',
      status: 'ready',
      questionCount: seedQuiz().questions.length,
      problemCount: 0,
      copiedFrom: 'north-korea-un',
      title: 'North Korea fires threats at UN (copy)',
    });
    const bank = JSON.parse(readFileSync(join(dir, 'quizzes', quizId, 'bank.json'), 'utf8')) as Record<string, string>;
    expect(bank['$schema']).toBeUndefined();
    expect(bank['id']).toBe(quizId);
    // Now editable: a save works where the original refuses.
    expect(service.saveQuizBank({ quizId, bank }).problems).toEqual([]);
    expect(service.duplicateQuiz({ quizId, title: 'Second copy' })).toEqual({ quizId: 'second-copy' });
  });

  it('deletes an own quiz: gone from the library and from students, its attempts kept and still open in results', async () => {
    const { service, guarded } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    service.saveQuizBank({ quizId, bank: articleBank(quizId) });
    service.publishQuiz({ quizId, published: true });
    const attempt = guarded.startAttempt({ quizId, studentName: 'Ada' }, {});
    await guarded.answer({ attemptId: attempt.attemptId, questionId: 'margin', response: { type: 'short-answer', text: 'one' } }, {});
    guarded.submit({ attemptId: attempt.attemptId }, {});
    expect(service.libraryList({}).find((e) => e.quizId === quizId)?.attemptCount).toBe(1);

    expect(service.deleteQuiz({ quizId })).toEqual({ deleted: true, attemptsKept: 1 });
    expect(service.libraryList({}).map((e) => e.quizId)).toEqual(['north-korea-un']);
    expect(guarded.listQuizzes({}).map((q) => q.id)).toEqual(['north-korea-un']);
    // The attempt and its review stay, after a restart too.
    harness = harness.reopen();
    expect(harness.guarded.review({ attemptId: attempt.attemptId }, {}).points).toBe(1);
    expect(harness.service.listAttempts({ quizId })[0]).toMatchObject({ title: ARTICLE.title, points: 1 });
    expect(harness.service.quizResults({ quizId }).attempts).toHaveLength(1);
    // A new quiz with the same headline does not take the deleted one's id (its attempts would mix).
    expect(harness.service.createQuiz({ article: ARTICLE }).quizId).toBe(`${quizId}-2`);
    refusedWith('quiz-read-only', () => harness.service.deleteQuiz({ quizId: 'north-korea-un' }));
    refusedWith('quiz-not-found', () => harness.service.deleteQuiz({ quizId }));
  });
});

describe('a question that cites a caption', () => {
  it('shows the caption’s sentence as its evidence to the teacher, and counts it on the passage', async () => {
    const { service } = ownHarness();
    const { quizId } = service.createQuiz({ article: ARTICLE });
    const caption = ARTICLE.captions[0]!.text;
    const bank = {
      id: quizId,
      questions: [
        {
          id: 'built',
          type: 'single-choice',
          skill: 'detail',
          difficulty: 'easy',
          prompt: 'When was the library built?',
          options: [
            { id: 'y1904', text: 'In 1904' },
            { id: 'y1950', text: 'In 1950' },
          ],
          correct: 'y1904',
          evidence: [caption],
          explanation: 'The picture’s caption says so.',
        },
      ],
    };
    expect(service.saveQuizBank({ quizId, bank }).problems).toEqual([]);
    const { attemptId } = service.startAttempt({ quizId, studentName: 'Ada', settings: { feedback: 'deferred', shuffle: false } });
    await service.answer({ attemptId, questionId: 'built', response: { type: 'single-choice', optionId: 'y1950' } });
    service.submit({ attemptId });

    const [detail] = service.attemptDetail({ attemptId }).questions;
    expect(detail!.evidence).toEqual([{ sentenceId: 'c1.s1', text: caption }]);
    const results = service.quizResults({ quizId });
    expect(results.sentences).toContainEqual(expect.objectContaining({ sentenceId: 'c1.s1', missed: 1, answered: 1 }));
  });
});
