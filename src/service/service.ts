import { randomInt, randomUUID } from 'node:crypto';
import type { LoadedQuestion, LoadedQuiz } from '../core/bank/loaded.ts';
import { correctResponse } from '../core/bank/key.ts';
import { isEmptyResponse, scoreResponse, type ScoreResult } from '../core/scoring/index.ts';
import type { Response } from '../core/scoring/response.ts';
import { summarise } from '../core/scoring/summary.ts';
import {
  ASYNC_CHANNELS,
  TEACHER_CHANNELS,
  type AsyncChannel,
  type Channel,
  type ClassroomChannel,
  type ProjectorChannel,
} from '../shared/channels.ts';
import type { Feedback, Output, ParsedInput, Review, AttemptView } from '../shared/contract.ts';
import type { AttemptRecord, ResponseRecord, Store } from './store.ts';
import { publicArticle, publicQuestion, questionsInOrder, quizSummary } from './public.ts';
import { ServiceError } from './errors.ts';
import { createResultsChannels } from './results.ts';
import { createResultsOverviewChannel } from './results-overview.ts';
import { createAuthoringChannels } from './authoring/channels.ts';
import { createDraftChannels } from './draft/channel.ts';
import { createTeacherGate, type Caller, type TeacherGate } from './teacher/gate.ts';
import { normaliseResumeCode, resumeCodeOf } from './teacher/resume-code.ts';
import { memoryTeacherStorage, type TeacherStorage } from './teacher/teacher-file.ts';
import { createSlowdown } from './teacher/slowdown.ts';
import { createImportChannels } from './import/channel.ts';
import type { ImportOptions } from './import/import-article.ts';
import { fixedCatalogue, type QuizCatalogue } from './library/catalogue.ts';
import { createLibrary, type Library } from './library/library.ts';
import { createInterchange } from './interchange/channel.ts';

// In its own module so that results.ts can throw it without importing this file back.
export { ServiceError };

export type { Caller };

/**
 * One method per channel. `caller` is who the transport says is calling: teacher channels
 * answer only a caller holding an unlocked teacher session.
 */
export type Service = {
  [C in Channel]: (input: ParsedInput<C>, caller?: Caller) => C extends AsyncChannel ? Promise<Output<C>> : Output<C>;
};

/** A student's own attempt: start, answer, submit, review, leave and resume. The classroom reuses these for its seats. */
export type AttemptChannels = Pick<
  Service,
  'listQuizzes' | 'attemptSettings' | 'startAttempt' | 'getAttempt' | 'answer' | 'submit' | 'review' | 'leaveAttempt' | 'resumeAttempt'
>;

type TeacherModeChannels = Pick<Service, 'teacherStatus' | 'setTeacherPassphrase' | 'unlockTeacher' | 'lockTeacher' | 'setAttemptSettings'>;

/** The teacher's session channels; src/service/classroom implements them. */
export type ClassroomChannels = Pick<Service, ClassroomChannel | ProjectorChannel>;

/**
 * Answers that arrive this long after the deadline are still taken: a student who clicked in
 * the last second should not lose the answer to network or disk latency.
 */
export const DEADLINE_GRACE_MS = 2_000;

/** When a timed attempt's answers stop being accepted (before the grace); undefined when untimed. */
export function deadlineOf(attempt: Pick<AttemptRecord, 'startedAt' | 'settings'>): Date | undefined {
  const minutes = attempt.settings.timeLimitMinutes;
  return minutes === undefined ? undefined : new Date(Date.parse(attempt.startedAt) + minutes * 60_000);
}

export interface ServiceDeps {
  /** Fixed quizzes, each published (tests and tools); the app passes `library` instead. */
  quizzes?: readonly LoadedQuiz[];
  /** The quiz library (bundled and own quizzes, publishing, versions); made from `quizzes` when absent. */
  library?: Library;
  store: Store;
  now?: () => Date;
  newId?: () => string;
  newSeed?: () => number;
  /** Hosting classroom sessions; without it (tests, tools) those channels refuse politely. */
  classroom?: ClassroomChannels;
  /**
   * Teacher mode: the passphrase, the resume secret and the settings for new attempts. Without
   * it they live in memory with no passphrase set, so every teacher channel is refused.
   */
  teacher?: { storage: TeacherStorage; gate?: TeacherGate };
  /** Told of every answer once it is committed (the classroom's live dashboard). */
  onAnswered?: (attemptId: string, record: ResponseRecord) => void;
  /** Limits of importing a teacher's article (tests make them small); the defaults otherwise. */
  importOptions?: ImportOptions;
  /** Told of every answer the student emptied (the question is unanswered again), once it is gone from the database. */
  onCleared?: (attemptId: string, questionId: string, clearedAt: string) => void;
  /** Told of every attempt the teacher deletes (a seat of a running session leaves its dashboard). */
  onAttemptDeleted?: (attemptId: string) => void;
}

export function createService(deps: ServiceDeps): Service {
  const { store, now = () => new Date() } = deps;
  const storage = deps.teacher?.storage ?? memoryTeacherStorage();
  const gate = deps.teacher?.gate ?? createTeacherGate({ storage, now });
  const library = deps.library ?? createLibrary({ bundled: deps.quizzes ?? [], store, now });
  const catalogue = library.catalogue;
  const results = createResultsChannels({ catalogue, store, now });
  const open: Service = {
    ...createAttemptChannels({ ...deps, catalogue, teacher: { storage, gate } }),
    ...createTeacherModeChannels(storage, gate),
    ...results,
    ...createResultsOverviewChannel(store),
    deleteAttempt(input) {
      const deleted = results.deleteAttempt(input);
      deps.onAttemptDeleted?.(input.attemptId);
      return deleted;
    },
    ...(deps.classroom ?? noClassroom),
    // The editor and the drafter work on the quiz's article, a draft's too (the library has it).
    ...createAuthoringChannels({ articleOf: (quizId) => library.articleOf(quizId) }),
    ...createDraftChannels({ articleOf: (quizId) => library.articleOf(quizId) }),
    // A teacher's own article (service/import)
    ...createImportChannels(deps.importOptions),
    // The quiz library (service/library)
    ...library.channels,
    // Questions in and out: other formats (service/interchange)
    ...createInterchange({ catalogue, library, ...(deps.importOptions && { importOptions: deps.importOptions }) }).channels,
  };
  // The one place teacher channels are guarded: every transport reaches the service through here.
  const guarded = { ...open } as Record<Channel, (input: unknown, caller?: Caller) => unknown>;
  for (const channel of TEACHER_CHANNELS) {
    const handler = open[channel] as (input: unknown, caller?: Caller) => unknown;
    guarded[channel] = (input, caller) => {
      try {
        gate.require(caller);
      } catch (error) {
        if ((ASYNC_CHANNELS as readonly Channel[]).includes(channel)) return Promise.reject(error);
        throw error;
      }
      return handler(input, caller);
    };
  }
  // Settings other than the teacher's (trying a quiz out), and quizzes not published (a draft
  // the teacher is checking), are the teacher's to ask for.
  guarded.startAttempt = (input, caller) => {
    const { quizId, settings } = input as ParsedInput<'startAttempt'>;
    if (settings !== undefined) gate.require(caller);
    if (!catalogue.isOffered(quizId) && !gate.status(caller).unlocked) {
      throw new ServiceError('quiz-not-found', `there is no published quiz “${quizId}”`);
    }
    return open.startAttempt(input as ParsedInput<'startAttempt'>, caller);
  };
  return guarded as Service;
}

function createTeacherModeChannels(storage: TeacherStorage, gate: TeacherGate): TeacherModeChannels {
  return {
    teacherStatus: (_input, caller) => gate.status(caller),
    setTeacherPassphrase: ({ passphrase }) => gate.setPassphrase(passphrase),
    unlockTeacher: ({ passphrase }) => gate.unlock(passphrase),
    lockTeacher: (_input, caller) => {
      gate.lock(caller);
      return { locked: true };
    },
    setAttemptSettings(settings) {
      const data = storage.read();
      data.newAttempts = settings;
      storage.write(data);
      return data.newAttempts;
    },
  };
}

const refuseHosting = (): never => {
  throw new ServiceError('hosting-unavailable', 'this copy of Evident cannot host class sessions');
};
const noClassroom: ClassroomChannels = {
  listNetworkInterfaces: () => [],
  startSession: () => Promise.reject(new ServiceError('hosting-unavailable', 'this copy of Evident cannot host class sessions')),
  sessionStatus: () => null,
  lockJoining: refuseHosting,
  removeStudent: refuseHosting,
  readmitStudent: refuseHosting,
  releaseReview: refuseHosting,
  endSession: refuseHosting,
  projectorStatus: () => null,
};

export function createAttemptChannels({
  catalogue: given,
  quizzes = [],
  store,
  now = () => new Date(),
  newId = randomUUID,
  newSeed = () => randomInt(0, 2 ** 31),
  teacher,
  onAnswered,
  onCleared,
}: ServiceDeps & { catalogue?: QuizCatalogue }): AttemptChannels {
  const catalogue = given ?? fixedCatalogue(quizzes);
  const storage = teacher?.storage ?? memoryTeacherStorage();
  // Wrong resume codes are slowed down like wrong passphrases: guessing one is hopeless.
  const resumeTries = createSlowdown(now);

  function quizOf(quizId: string): LoadedQuiz {
    const quiz = catalogue.current(quizId);
    if (!quiz) throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
    return quiz;
  }

  function attemptOf(attemptId: string): { attempt: AttemptRecord; quiz: LoadedQuiz } {
    const attempt = store.getAttempt(attemptId);
    if (!attempt) throw new ServiceError('attempt-not-found', `there is no attempt ${attemptId}`);
    const quiz = catalogue.atVersion(attempt.quizId, attempt.quizVersion);
    if (!quiz) {
      throw new ServiceError(
        'quiz-not-found',
        `the quiz “${attempt.quizId}” (version ${attempt.quizVersion}) of attempt ${attemptId} is no longer installed`,
      );
    }
    return { attempt, quiz };
  }

  function feedbackFor(
    question: LoadedQuestion,
    score: Pick<ScoreResult, 'points' | 'maxPoints' | 'verdict'>,
    response?: Response,
  ): Feedback {
    const parts = question.type === 'cloze' && response ? partsOf(question, response) : undefined;
    return {
      points: score.points,
      maxPoints: score.maxPoints,
      verdict: score.verdict,
      explanation: question.explanation,
      evidenceSentenceIds: [...question.evidenceSentenceIds],
      correctResponse: correctResponse(question),
      ...(parts ? { parts } : {}),
    };
  }

  /** Which gaps of a cloze were right, so the student is told which one was wrong. */
  function partsOf(question: LoadedQuestion, response: Response): Feedback['parts'] {
    try {
      return scoreResponse(question, response).parts?.map(({ id, correct }) => ({ id, correct }));
    } catch {
      return undefined; // a stored answer the bank has changed under: the verdict stands without parts
    }
  }

  /** The attempt's questions as its student sees them, in its order and with its numbers. */
  function shownQuestions(attempt: AttemptRecord, quiz: LoadedQuiz) {
    const { shuffle } = attempt.settings;
    return questionsInOrder(quiz.questions, attempt.seed, shuffle).map((question, i) => ({
      question,
      shown: publicQuestion(question, i + 1, attempt.seed, shuffle),
    }));
  }

  function view(attempt: AttemptRecord, quiz: LoadedQuiz): AttemptView {
    const showFeedback = attempt.settings.feedback === 'immediate' || attempt.status === 'submitted';
    const questionById = new Map(quiz.questions.map((q) => [q.id, q]));
    const deadline = deadlineOf(attempt);
    return {
      attemptId: attempt.id,
      quizId: quiz.id,
      title: quiz.title,
      studentName: attempt.studentName,
      status: attempt.status,
      settings: attempt.settings,
      startedAt: attempt.startedAt,
      ...(deadline ? { deadline: deadline.toISOString() } : {}),
      article: publicArticle(quiz.article),
      questions: shownQuestions(attempt, quiz).map(({ shown }) => shown),
      answers: store.listResponses(attempt.id).flatMap((r) => {
        const question = questionById.get(r.questionId);
        if (!question) return []; // the bank lost this question since; its answer stays stored
        return [
          {
            questionId: r.questionId,
            response: r.response,
            answeredAt: r.answeredAt,
            ...(showFeedback ? { feedback: feedbackFor(question, r, r.response) } : {}),
          },
        ];
      }),
    };
  }

  function review(attempt: AttemptRecord, quiz: LoadedQuiz): Review {
    const saved = new Map(store.listResponses(attempt.id).map((r) => [r.questionId, r]));
    const scores = new Map<string, ScoreResult>();
    for (const [id, r] of saved) scores.set(id, { points: r.points, maxPoints: r.maxPoints, verdict: r.verdict });
    const summary = summarise(quiz.questions, scores);
    return {
      attemptId: attempt.id,
      quizId: quiz.id,
      title: quiz.title,
      studentName: attempt.studentName,
      submittedAt: attempt.submittedAt ?? now().toISOString(),
      points: summary.points,
      maxPoints: summary.maxPoints,
      percentage: summary.percentage,
      bySkill: summary.bySkill,
      article: publicArticle(quiz.article),
      questions: shownQuestions(attempt, quiz).map(({ question, shown }) => {
        const r = saved.get(question.id);
        return {
          question: shown,
          response: r?.response ?? null,
          feedback: feedbackFor(question, r ?? { points: 0, maxPoints: question.points, verdict: 'incorrect' }, r?.response),
        };
      }),
    };
  }

  /** Refuses an answer once the time limit and its grace are over; submitting stays open. */
  function checkTimeLeft(attempt: AttemptRecord): void {
    const deadline = deadlineOf(attempt);
    if (deadline && now().getTime() > deadline.getTime() + DEADLINE_GRACE_MS) {
      throw new ServiceError(
        'time-up',
        `time is up: the time limit of ${attempt.settings.timeLimitMinutes} minutes ended at ${deadline.toISOString()}; submit the attempt to see the results`,
      );
    }
  }

  function getView(attempt: AttemptRecord): AttemptView {
    const quiz = catalogue.atVersion(attempt.quizId, attempt.quizVersion);
    if (!quiz) throw new ServiceError('quiz-not-found', `the quiz “${attempt.quizId}” of this attempt is no longer installed`);
    return view(attempt, quiz);
  }

  return {
    listQuizzes() {
      return catalogue.offered().map(quizSummary);
    },

    attemptSettings() {
      return storage.read().newAttempts;
    },

    startAttempt({ quizId, studentName, settings: asked }) {
      const quiz = quizOf(quizId);
      // A student gets the teacher's settings (createService lets only the teacher ask for others).
      const settings = asked ?? storage.read().newAttempts;
      const attempt: AttemptRecord = {
        id: newId(),
        quizId: quiz.id,
        studentName,
        settings,
        seed: newSeed(),
        status: 'in-progress',
        startedAt: now().toISOString(),
        submittedAt: null,
        quizVersion: catalogue.versionOf(quiz.id),
      };
      store.insertAttempt(attempt);
      return view(attempt, quiz);
    },

    getAttempt({ attemptId }) {
      const { attempt, quiz } = attemptOf(attemptId);
      return view(attempt, quiz);
    },

    async answer({ attemptId, questionId, response }) {
      const { attempt, quiz } = attemptOf(attemptId);
      if (attempt.status === 'submitted') {
        throw new ServiceError('attempt-submitted', 'this attempt has been submitted; its answers can no longer change');
      }
      checkTimeLeft(attempt);
      const question = quiz.questions.find((q) => q.id === questionId);
      if (!question) throw new ServiceError('question-not-found', `quiz “${quiz.id}” has no question “${questionId}”`);
      const immediate = attempt.settings.feedback === 'immediate';
      if (immediate && store.listResponses(attemptId).some((r) => r.questionId === questionId)) {
        throw new ServiceError('answer-locked', 'this question has been answered and its feedback shown; the answer is locked');
      }
      if (response.type === question.type && isEmptyResponse(response)) {
        // Emptied: the question is unanswered again, here as on the student's screen.
        const clearedAt = now().toISOString();
        if (store.deleteResponse(attemptId, questionId)) onCleared?.(attemptId, questionId, clearedAt);
        return { questionId, answeredAt: clearedAt, cleared: true as const };
      }
      const score = scoreResponse(question, response);
      const record: ResponseRecord = {
        questionId,
        response,
        points: score.points,
        maxPoints: score.maxPoints,
        verdict: score.verdict,
        answeredAt: now().toISOString(),
      };
      // Acknowledged only once committed; the commit is shared with the answers that arrived
      // at the same moment (store.ts, group-commit.ts).
      await store.saveResponse(attemptId, record);
      onAnswered?.(attemptId, record);
      return {
        questionId,
        answeredAt: record.answeredAt,
        ...(immediate ? { feedback: feedbackFor(question, score, response) } : {}),
      };
    },

    submit({ attemptId }) {
      const { attempt, quiz } = attemptOf(attemptId);
      // Submitting twice (a retried request) returns the same review instead of failing.
      if (attempt.status === 'in-progress') {
        const submittedAt = now().toISOString();
        store.markSubmitted(attemptId, submittedAt);
        // A new record: the store's own are read-only (it keeps them in memory).
        return review({ ...attempt, status: 'submitted', submittedAt }, quiz);
      }
      return review(attempt, quiz);
    },

    review({ attemptId }) {
      const { attempt, quiz } = attemptOf(attemptId);
      if (attempt.status !== 'submitted') {
        throw new ServiceError('not-submitted-yet', 'the review opens once the attempt is submitted');
      }
      return review(attempt, quiz);
    },

    leaveAttempt({ attemptId }) {
      const { attempt } = attemptOf(attemptId);
      if (attempt.status !== 'in-progress') throw new ServiceError('attempt-submitted', 'this attempt has been submitted');
      return { resumeCode: resumeCodeOf(storage.read().resumeSecret, attempt.id) };
    },

    resumeAttempt({ studentName, resumeCode }) {
      resumeTries.check('too many wrong resume codes');
      const secret = storage.read().resumeSecret;
      const sameName = (a: string) => a.trim().normalize('NFC').toLocaleLowerCase();
      const name = sameName(studentName);
      const code = normaliseResumeCode(resumeCode);
      const found = store
        .listAttempts({ status: 'in-progress' })
        .find((a) => sameName(a.studentName) === name && normaliseResumeCode(resumeCodeOf(secret, a.id)) === code);
      if (!found) {
        resumeTries.fail();
        throw new ServiceError('no-such-attempt', 'no unfinished attempt has that name and resume code; check both, or ask your teacher');
      }
      resumeTries.succeed();
      return getView(found);
    },
  };
}
