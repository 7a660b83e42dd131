import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { CHANNELS, CLASSROOM_CHANNELS, type Channel, type ClassroomChannel } from '../../src/shared/channels.ts';
import { fakeClock, seedQuiz, serviceHarness, TEST_PASSPHRASE, type Harness } from './fixtures.ts';
import { checkEnvelope, payloads, responseFor, slug, watchDatabase, weirdValues } from './fuzz-support.ts';

// Every channel takes random and mutated payloads through dispatch, the path both transports
// share. Each reply must be a well-formed envelope, never a throw and never `internal`; and a
// refused payload must leave the database exactly as it was.

const RUNS_PER_CHANNEL = 10_000;

const quiz = seedQuiz();
const questions = quiz.questions;
const sentenceIds = quiz.article.sentences.map((s) => s.id);

let harness: Harness;
let watcher: ReturnType<typeof watchDatabase>;
let digest: () => string;
const logged: string[] = [];
/** Attempt ids that exist (or existed: deleteAttempt removes some), so payloads can name real attempts of other students. */
const knownAttempts: string[] = [];

beforeAll(async () => {
  const clock = fakeClock();
  harness = serviceHarness({ now: clock.now });
  const start = (settings: object) => {
    const reply = dispatch(harness.service, 'startAttempt', { quizId: quiz.id, studentName: 'Pool', settings }, () => {});
    if (!reply.ok) throw new Error(reply.error.message);
    const { attemptId } = reply.value as { attemptId: string };
    knownAttempts.push(attemptId);
    return attemptId;
  };
  const timed = start({ timeLimitMinutes: 1 });
  start({});
  const immediate = start({ feedback: 'immediate' });
  start({ shuffle: true });
  const submitted = start({});
  await harness.service.answer({ attemptId: immediate, questionId: questions[0]!.id, response: correctResponse(questions[0]!) });
  harness.service.submit({ attemptId: submitted });
  clock.advance(10 * 60_000); // the timed attempt is now over time
  void timed;

  watcher = watchDatabase(harness.file);
  digest = watcher.digest;
});

afterAll(() => {
  watcher?.close();
  harness?.close();
});

const knownAttempt = fc.nat().map((i) => knownAttempts[i % knownAttempts.length]!);
const weird = weirdValues(knownAttempt);

// ── Valid payloads, channel by channel ────────────────────────────────────────────────────

const quizId = fc.oneof(fc.constant(quiz.id), slug);
const attemptId = fc.oneof({ weight: 4, arbitrary: knownAttempt }, { weight: 1, arbitrary: fc.uuid() });
const byAttempt = fc.record({ attemptId });

const responses = questions.map((q) => responseFor(q, sentenceIds));
const answerPayload = fc
  .tuple(attemptId, fc.nat(questions.length - 1), fc.nat(questions.length - 1), fc.boolean(), fc.boolean())
  .chain(([attempt, qi, ri, matching, right]) => {
    const question = questions[qi]!;
    // Usually the response fits its question; sometimes it is another question's (a mismatch).
    const response = right ? fc.constant(correctResponse(question)) : responses[matching ? qi : ri]!;
    return fc.record({
      attemptId: fc.constant(attempt),
      questionId: fc.oneof({ weight: 6, arbitrary: fc.constant(question.id) }, { weight: 1, arbitrary: slug }),
      response,
    });
  });

const name = fc.oneof(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 70, unit: 'grapheme' }));
const settings = fc.record(
  {
    feedback: fc.constantFrom('immediate', 'deferred'),
    shuffle: fc.boolean(),
    timeLimitMinutes: fc.integer({ min: 1, max: 240 }),
  },
  { requiredKeys: [] },
);

// The editor's channels get the bank's own questions, sometimes broken apart by the mutator, and
// answers meant for other questions.
const draftQuestion = fc.oneof(fc.constantFrom(...quiz.bank.questions), fc.anything());
const otherIds = fc.array(fc.oneof(fc.constantFrom(...questions.map((q) => q.id)), slug), { maxLength: 40 });

// The classroom's channels need a session server; tests/unit/fuzz-classroom.test.ts fuzzes them.
type FuzzedChannel = Exclude<Channel, ClassroomChannel>;

const VALID: Record<FuzzedChannel, fc.Arbitrary<unknown>> = {
  listQuizzes: fc.constant({}),
  attemptSettings: fc.constant({}),
  leaveAttempt: byAttempt,
  resumeAttempt: fc.record({ studentName: fc.oneof(fc.constant('Pool'), name), resumeCode: fc.string({ maxLength: 12 }) }),
  teacherStatus: fc.constant({}),
  setTeacherPassphrase: fc.record({ passphrase: fc.string({ maxLength: 40 }) }),
  unlockTeacher: fc.record({ passphrase: fc.oneof(fc.constant(TEST_PASSPHRASE), fc.string({ maxLength: 40 })) }),
  lockTeacher: fc.constant({}),
  setAttemptSettings: settings,
  startAttempt: fc.record({ quizId, studentName: name, settings }, { requiredKeys: ['quizId', 'studentName'] }),
  getAttempt: byAttempt,
  answer: answerPayload,
  submit: byAttempt,
  review: byAttempt,
  listAttempts: fc.record(
    { quizId, studentName: fc.string({ maxLength: 10 }), status: fc.constantFrom('in-progress', 'submitted') },
    { requiredKeys: [] },
  ),
  deleteAttempt: byAttempt,
  quizResults: fc.record(
    { quizId, practice: fc.constant(true as const), from: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
    { requiredKeys: ['quizId'] },
  ),
  resultsOverview: fc.record({ quizId }),
  exportCsv: fc.record({ kind: fc.constantFrom('attempts', 'responses', 'gradebook'), quizId }, { requiredKeys: ['kind'] }),
  attemptDetail: byAttempt,
  overrideMark: fc.record(
    {
      attemptId,
      questionId: fc.constantFrom(...questions.map((q) => q.id)),
      correct: fc.boolean(),
      gaps: fc.dictionary(slug, fc.boolean(), { maxKeys: 3 }),
      reason: fc.string({ maxLength: 20 }),
      clear: fc.constant(true as const),
    },
    { requiredKeys: ['attemptId', 'questionId'] },
  ),
  checkQuestion: fc.record({ quizId, question: draftQuestion, otherIds }, { requiredKeys: ['quizId', 'question'] }),
  previewQuestion: fc.record(
    { quizId, question: draftQuestion, response: fc.oneof(...responses) },
    { requiredKeys: ['quizId', 'question'] },
  ),
  articleStatistics: fc.record({ sentences: fc.array(fc.string({ maxLength: 80 }), { maxLength: 20 }) }),
  importArticle: fc.oneof(
    fc.record({
      from: fc.constant('paste'),
      text: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('Headline\n\nA sentence. Another one.')),
    }),
    fc.record({
      from: fc.constant('file'),
      name: fc.constantFrom('a.txt', 'page.html', 'doc.docx', 'paper.pdf', 'image.png', 'noextension'),
      base64: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64')),
    }),
  ),
  projectorStatus: fc.constant({}),
  draftQuestions: fc.record(
    { quizId, seed: fc.integer({ min: -3, max: 2 ** 31 + 3 }), max: fc.integer({ min: -1, max: 260 }) },
    { requiredKeys: ['quizId'] },
  ),
  libraryList: fc.constant({}),
  createQuiz: fc.record({
    article: fc.record(
      {
        title: fc.string({ minLength: 1, maxLength: 80 }),
        byline: fc.string({ maxLength: 40 }),
        paragraphs: fc.array(
          fc.oneof(fc.string({ maxLength: 200 }), fc.array(fc.string({ minLength: 1, maxLength: 80 }), { minLength: 1, maxLength: 4 })),
          {
            maxLength: 5,
          },
        ),
        captions: fc.array(fc.string({ maxLength: 60 }), { maxLength: 2 }),
      },
      { requiredKeys: ['title', 'paragraphs'] },
    ),
  }),
  getQuizSource: fc.record({ quizId }),
  // This harness keeps no quizzes of its own (thousands of folders would be the test's whole
  // time): every creation and save is refused, with a reason; library.test.ts creates and saves.
  exportQuizAs: fc.record({ quizId, format: fc.constantFrom('moodle-xml', 'gift', 'aiken', 'qti3', 'pdf') }),
  // No data folder here either: a file that reads well is refused at createQuiz, with its reason.
  importQuestionFile: fc.record(
    {
      fileName: fc.constantFrom('q.xml', 'q.gift', 'q.txt', 'q.aiken.txt', 'image.png', ''),
      base64: fc.oneof(
        fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64')),
        fc
          .constantFrom('Q? {=a ~b}', 'Q?\nA) a\nB) b\nANSWER: A', '<quiz><question type="essay"/></quiz>')
          .map((t) => Buffer.from(t).toString('base64')),
      ),
      articleText: fc.oneof(fc.string({ maxLength: 200 }), fc.constant('Headline\n\nA sentence. Another one.')),
    },
    { requiredKeys: ['fileName', 'base64'] },
  ),
  saveQuizBank: fc.record({ quizId, bank: fc.oneof(fc.constant(quiz.bank as unknown), fc.jsonValue({ maxDepth: 3 })) }),
  publishQuiz: fc.record({ quizId, published: fc.boolean() }),
  renameQuiz: fc.record({ quizId, title: fc.string({ maxLength: 220 }) }),
  duplicateQuiz: fc.record({ quizId, title: fc.string({ maxLength: 220 }) }, { requiredKeys: ['quizId'] }),
  deleteQuiz: fc.record({ quizId }),
  exportQuizFile: fc.record({ quizId }),
  // Hostile .evident files have their own fuzz suite (quiz-file-fuzz.test.ts), with a data folder.
  importQuizFile: fc.record({
    fileName: fc.string({ maxLength: 80 }),
    base64: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes).toString('base64')),
  }),
};

// Reads and answers first while the database is small; the channels that add or remove
// attempts last, so that the pool of real attempts lasts for the others.
const ORDER: FuzzedChannel[] = [
  'listQuizzes',
  'projectorStatus',
  'attemptSettings',
  'teacherStatus',
  'leaveAttempt',
  'resumeAttempt',
  'setTeacherPassphrase',
  'unlockTeacher',
  'setAttemptSettings',
  'getAttempt',
  'answer',
  'listAttempts',
  'quizResults',
  'resultsOverview',
  'exportCsv',
  'attemptDetail',
  'overrideMark',
  'checkQuestion',
  'previewQuestion',
  'importArticle',
  'articleStatistics',
  'draftQuestions',
  'libraryList',
  'getQuizSource',
  'saveQuizBank',
  'createQuiz',
  'publishQuiz',
  'renameQuiz',
  'duplicateQuiz',
  'deleteQuiz',
  'exportQuizAs',
  'importQuestionFile',
  'exportQuizFile',
  'importQuizFile',
  'submit',
  'review',
  'startAttempt',
  'deleteAttempt',
  'lockTeacher',
];

/**
 * Channels whose every payload may be refused: the passphrase is already set, a wrong passphrase
 * or resume code makes the next try wait (and this clock stands still).
 */
const MAY_REFUSE_ALL: FuzzedChannel[] = [
  'setTeacherPassphrase',
  'unlockTeacher',
  'resumeAttempt',
  'saveQuizBank',
  'createQuiz',
  'publishQuiz',
  'renameQuiz',
  'duplicateQuiz',
  'deleteQuiz',
  // No data folder in this harness: a file that reads well is refused at createQuiz (library-unavailable).
  'importQuestionFile',
  'importQuizFile',
];
/** Channels that never refuse a valid payload and take no attempt. */
const NEVER_REFUSE: FuzzedChannel[] = ['listQuizzes', 'attemptSettings', 'teacherStatus', 'lockTeacher', 'projectorStatus', 'libraryList'];

// ── The property ──────────────────────────────────────────────────────────────────────────

describe('fuzzing every channel through dispatch', () => {
  it('covers every channel', () => {
    const covered: Channel[] = [...ORDER, ...CLASSROOM_CHANNELS];
    if (new Set(covered).size !== CHANNELS.length || !CHANNELS.every((c) => covered.includes(c))) {
      throw new Error(`the fuzz order ${ORDER.join()} does not match the channels ${CHANNELS.join()}`);
    }
  });

  for (const channel of ORDER) {
    it(`${channel}: ${RUNS_PER_CHANNEL} payloads, each answered with an envelope; refused ones change nothing`, async () => {
      let refused = 0;
      await fc.assert(
        fc.asyncProperty(payloads(VALID[channel], weird), async (payload) => {
          const before = digest();
          logged.length = 0;
          // lockTeacher is called by nobody in particular, so the teacher session the other channels use stays open.
          const caller = channel === 'lockTeacher' ? {} : undefined;
          // An answer's reply waits for its commit; the other channels answer at once.
          const reply = await dispatch(harness.service, channel, payload, (message) => logged.push(message), caller);
          checkEnvelope(reply);
          if (logged.length > 0) throw new Error(`dispatch logged: ${logged.join('; ')}`);
          if (!reply.ok) {
            refused++;
            const after = digest();
            if (after !== before) throw new Error(`a refused ${channel} (${reply.error.code}) changed the database: ${before} → ${after}`);
          } else if (channel === 'startAttempt') {
            knownAttempts.push((reply.value as { attemptId: string }).attemptId);
          }
        }),
        { numRuns: RUNS_PER_CHANNEL },
      );
      // Not a weak property by accident: most payloads are bad, and some are good.
      if (!NEVER_REFUSE.includes(channel) && refused === 0) throw new Error(`${channel}: no payload was refused; the generators are off`);
      if (!MAY_REFUSE_ALL.includes(channel) && refused === RUNS_PER_CHANNEL) {
        throw new Error(`${channel}: ${refused} of ${RUNS_PER_CHANNEL} refused; the generators are off`);
      }
    }, 120_000);
  }
});
