import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion, LoadedQuiz } from '../../src/core/bank/loaded.ts';
import type { Response } from '../../src/core/scoring/response.ts';
import { loadQuizDirectory } from '../../src/service/quiz-files.ts';
import { createService, type Caller, type Service, type ServiceDeps } from '../../src/service/service.ts';
import { openStore, type Store } from '../../src/service/store.ts';
import { createTeacherGate } from '../../src/service/teacher/gate.ts';
import { memoryTeacherStorage, type TeacherStorage } from '../../src/service/teacher/teacher-file.ts';
import { CHANNELS } from '../../src/shared/channels.ts';
import { createLibrary } from '../../src/service/library/library.ts';

export const questionsDir = fileURLToPath(new URL('../../questions', import.meta.url));

let cached: LoadedQuiz[] | undefined;
export function seedQuizzes(): LoadedQuiz[] {
  if (!cached) {
    const { quizzes, problems } = loadQuizDirectory(questionsDir);
    if (problems.length > 0) throw new Error(`the seed banks have problems: ${JSON.stringify(problems)}`);
    cached = quizzes;
  }
  return cached;
}

export function seedQuiz(): LoadedQuiz {
  const quiz = seedQuizzes().find((q) => q.id === 'north-korea-un');
  if (!quiz) throw new Error('the seed quiz north-korea-un is missing');
  return quiz;
}

export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'evident-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export const TEST_PASSPHRASE = 'correct horse battery staple';
/** scrypt at its cheapest, so that the many harnesses do not spend seconds hashing. */
export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

/** Teacher mode for a test service: its own storage, a cheap hash, and a session that outlasts any fake clock. */
export function testTeacher(now?: () => Date, storage: TeacherStorage = memoryTeacherStorage()): NonNullable<ServiceDeps['teacher']> {
  return { storage, gate: createTeacherGate({ storage, cost: CHEAP_SCRYPT, lockAfterMinutes: 365 * 24 * 60, ...(now ? { now } : {}) }) };
}

/**
 * The service as the unlocked teacher calls it: the passphrase is set (or unlocked) first, and
 * every call without a caller of its own is made with that teacher session. Tests of the
 * refusals pass a caller of their own (`{}` for a student).
 */
export function asTeacher(service: Service): { service: Service; teacher: Caller } {
  const status = service.teacherStatus({});
  const { token } = status.passphraseSet
    ? service.unlockTeacher({ passphrase: TEST_PASSPHRASE })
    : service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE });
  const teacher: Caller = { teacherToken: token };
  const bound = Object.fromEntries(
    CHANNELS.map((channel) => {
      const handler = service[channel] as (input: unknown, caller?: Caller) => unknown;
      return [channel, (input: unknown, caller?: Caller) => handler(input, caller ?? teacher)];
    }),
  ) as unknown as Service;
  return { service: bound, teacher };
}

export interface Harness {
  /** Called as the unlocked teacher unless a call names its own caller. */
  service: Service;
  /** The same service as nobody in particular calls it: teacher channels are refused. */
  guarded: Service;
  teacher: Caller;
  store: Store;
  file: string;
  /** The harness's folder: the database, and the own quizzes when the harness keeps them. */
  dir: string;
  reopen(): Harness;
  close(): void;
}

/** A clock the test moves by hand, for time limits and for "newest first". */
export interface FakeClock {
  now: () => Date;
  advance(ms: number): void;
}

export function fakeClock(start = '2026-11-27T09:00:00.000Z'): FakeClock {
  let time = Date.parse(start);
  return { now: () => new Date(time), advance: (ms) => void (time += ms) };
}

/**
 * `ownQuizzes`: the library keeps quizzes of the teacher's own in the harness's folder (`dir`),
 * as the app does in its data folder; without it, only the bundled quizzes exist.
 */
export function serviceHarness(options: { now?: () => Date; newSeed?: () => number; ownQuizzes?: boolean } = {}): Harness {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'evident.db');
  const storage = memoryTeacherStorage();
  const { ownQuizzes = false, ...deps } = options;
  const make = (): Harness => {
    const store = openStore(file);
    const library = createLibrary({
      bundled: seedQuizzes(),
      bundledDir: questionsDir,
      ...(ownQuizzes ? { dataDir: dir } : {}),
      store,
      ...(deps.now ? { now: deps.now } : {}),
    });
    const guarded = createService({ library, store, ...deps, teacher: testTeacher(deps.now, storage) });
    const { service, teacher } = asTeacher(guarded);
    return {
      service,
      guarded,
      teacher,
      store,
      file,
      dir,
      reopen() {
        store.close();
        return make();
      },
      close() {
        try {
          store.close();
        } catch {
          // already closed by reopen()
        }
        cleanup();
      },
    };
  };
  return make();
}

/**
 * A response to `question` that varies with `i`: right, wrong or half right, for every type.
 * For benchmarks and bulk tests that need many plausible answers without a random source.
 */
export function variedResponse(question: LoadedQuestion, i: number, sentenceIds: readonly string[]): Response {
  if (i % 3 === 0) return correctResponse(question);
  const half = i % 3 === 1;
  switch (question.type) {
    case 'single-choice':
      return { type: question.type, optionId: question.options[i % question.options.length]!.id };
    case 'multiple-select':
      return { type: question.type, optionIds: question.options.slice(0, half ? 2 : 3).map((o) => o.id) };
    case 'true-false-not-given':
      return { type: question.type, value: (['true', 'false', 'not-given'] as const)[i % 3]! };
    case 'short-answer':
      return { type: question.type, text: half ? ` ${question.accepted[0]!.toUpperCase()}.` : 'something else entirely' };
    case 'cloze':
      return {
        type: question.type,
        gaps: Object.fromEntries(question.gaps.map((g, k) => [g.id, k % 2 === 0 && half ? g.accepted[0]! : 'guess'])),
      };
    case 'evidence-selection':
      return { type: question.type, sentenceIds: half ? [question.answerSentenceIds[0]!, sentenceIds[0]!] : sentenceIds.slice(1, 3) };
    case 'ordering':
      return { type: question.type, order: half ? [...question.order].reverse() : [...question.order.slice(1), question.order[0]!] };
    case 'matching': {
      const rights = question.right.map((r) => r.id);
      return { type: question.type, pairs: Object.fromEntries(question.left.map((l, k) => [l.id, rights[(k + i) % rights.length]!])) };
    }
    case 'two-part':
      return {
        type: question.type,
        partA: half ? question.partA.correct : question.partA.options.find((o) => o.id !== question.partA.correct)!.id,
        partB: question.partB.options.slice(0, 2).map((o) => o.id),
      };
  }
}
