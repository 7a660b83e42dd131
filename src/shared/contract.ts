import { z } from 'zod';
import { Difficulty, QUESTION_TYPES, Skill, Slug, type QuestionType } from '../core/bank/schema.ts';
import { AttemptStatus, FeedbackMode, TimeLimitMinutes } from '../core/attempt.ts';
import { SentenceId } from '../core/article/sentence-id.ts';
import { SessionState } from '../core/classroom/session-state.ts';
import { Response } from '../core/scoring/response.ts';
import { Verdict } from '../core/scoring/verdict.ts';
import type { Channel } from './channels.ts';
import { importContract } from './import-contract.ts';
import { draftContract } from './draft-contract.ts';
import { libraryContract } from './library-contract.ts';
import { interchangeContract } from './interchange-contract.ts';
import { resultsOverviewContract } from './results-overview-contract.ts';
import { quizFileContract } from './quiz-file-contract.ts';

// The one contract between the service and every transport. Outputs are strict public
// schemas: the service's replies are parsed with them before they leave, so an answer key
// that slipped into a payload is an error, never a leak.

const AttemptId = z.uuid();
/** Marks that change the direction of the text around them: “Evil\u202Egnp.exe” shows as “Evilexe.png”. */
const DIRECTION_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
/** C0 and C1 controls, DEL, and the line and paragraph separators. */
const CONTROLS = /[\p{Cc}\u2028\u2029]/u;
/** What draws nothing by itself: marks, format characters, spaces, and the blank fillers of Hangul and Braille. */
const INVISIBLE = /[\p{M}\p{Cf}\p{White_Space}\u115F\u1160\u2800\u3164\uFFA0]/gu;
/** More than three marks on one letter stack up into a column over the rows around it. */
const MARK_RUN = /\p{M}{4,}/u;

/**
 * A student's name, as the teacher, Class results, the CSV and the projector will show it: in
 * composed form (NFC), so the same name is always the same text, and refused when it would
 * not look like what it is.
 */
const StudentName = z
  .string()
  .normalize('NFC')
  .trim()
  .min(1, 'enter your name')
  .max(60, 'a name has at most 60 characters')
  // A lone surrogate is stored as U+FFFD: the saved name would differ from the one the join returned.
  .refine((name) => !/\p{Cs}/u.test(name), 'a name cannot contain broken characters (a lone surrogate)')
  .refine((name) => !CONTROLS.test(name), 'a name cannot contain control characters or line breaks')
  .refine((name) => !DIRECTION_CONTROLS.test(name), 'a name cannot contain characters that change the direction of the text')
  .refine((name) => name.length === 0 || name.replace(INVISIBLE, '').length > 0, 'a name needs at least one visible letter')
  .refine((name) => !MARK_RUN.test(name), 'a name cannot stack more than three accents or marks on one letter');

export const Source = z.strictObject({
  publication: z.string().optional(),
  date: z.string().optional(),
  url: z.string().optional(),
});

export const QuizSummary = z.strictObject({
  id: Slug,
  title: z.string(),
  headline: z.string(),
  source: Source,
  questionCount: z.int(),
  totalPoints: z.number(),
  estimatedMinutes: z.int(),
});

export const PublicArticle = z.strictObject({
  headline: z.string(),
  caption: z.strictObject({ text: z.string(), credit: z.string().optional() }).optional(),
  // Every picture caption with its sentences ("c1.s1"), which can be cited and highlighted as
  // evidence like the body's (cleanup, issue 10).
  captions: z
    .array(
      z.strictObject({
        id: z.string(),
        text: z.string(),
        credit: z.string().optional(),
        sentences: z.array(z.strictObject({ id: SentenceId, text: z.string() })),
      }),
    )
    .optional(),
  source: Source,
  paragraphs: z.array(
    z.strictObject({
      id: z.string(),
      number: z.int(),
      sentences: z.array(z.strictObject({ id: SentenceId, text: z.string() })),
    }),
  ),
});

const Choice = z.strictObject({ id: Slug, text: z.string() });
const questionCommon = {
  id: Slug,
  number: z.int().min(1),
  prompt: z.string(),
  points: z.number(),
  skill: Skill,
  difficulty: Difficulty,
};

/** A question as a student sees it before answering: no correct option, accepted answer or evidence. */
export const PublicQuestion = z.discriminatedUnion('type', [
  z.strictObject({ ...questionCommon, type: z.literal('single-choice'), options: z.array(Choice) }),
  z.strictObject({ ...questionCommon, type: z.literal('multiple-select'), options: z.array(Choice) }),
  z.strictObject({ ...questionCommon, type: z.literal('true-false-not-given') }),
  z.strictObject({ ...questionCommon, type: z.literal('short-answer') }),
  z.strictObject({
    ...questionCommon,
    type: z.literal('cloze'),
    text: z.string(),
    gaps: z.array(z.strictObject({ id: Slug })),
  }),
  z.strictObject({ ...questionCommon, type: z.literal('evidence-selection') }),
  z.strictObject({ ...questionCommon, type: z.literal('ordering'), items: z.array(Choice) }),
  z.strictObject({
    ...questionCommon,
    type: z.literal('matching'),
    left: z.array(Choice),
    right: z.array(Choice),
  }),
  z.strictObject({
    ...questionCommon,
    type: z.literal('two-part'),
    partA: z.strictObject({ prompt: z.string(), options: z.array(Choice) }),
    partB: z.strictObject({
      prompt: z.string(),
      options: z.array(z.strictObject({ id: Slug, quote: z.string(), sentenceId: SentenceId })),
    }),
  }),
]);

/** What a student may see once a question is answered (immediate mode) or the attempt is submitted. */
export const Feedback = z.strictObject({
  points: z.number(),
  maxPoints: z.number(),
  verdict: Verdict,
  explanation: z.string(),
  evidenceSentenceIds: z.array(SentenceId),
  correctResponse: Response,
  /** Per part (a cloze gap), whether the student's answer to it was right; absent for one-part questions. */
  parts: z.array(z.strictObject({ id: Slug, correct: z.boolean() })).optional(),
});

export { MAX_TIME_LIMIT_MINUTES } from '../core/attempt.ts';

export const AttemptSettings = z.strictObject({
  feedback: FeedbackMode.default('deferred'),
  /** Shuffles the question order and the options of choice questions, from the attempt's own seed. */
  shuffle: z.boolean().default(false),
  /** Answers are refused once this many minutes have passed since the start; submitting still works. */
  timeLimitMinutes: TimeLimitMinutes.optional(),
});

export const SavedAnswer = z.strictObject({
  questionId: Slug,
  response: Response,
  answeredAt: z.iso.datetime(),
  feedback: Feedback.optional(),
});

export const AttemptView = z.strictObject({
  attemptId: AttemptId,
  quizId: Slug,
  title: z.string(),
  studentName: z.string(),
  status: AttemptStatus,
  settings: AttemptSettings,
  startedAt: z.iso.datetime(),
  /** Set when the attempt has a time limit: answers given after it are refused. */
  deadline: z.iso.datetime().optional(),
  article: PublicArticle,
  questions: z.array(PublicQuestion),
  answers: z.array(SavedAnswer),
});

export const AnswerResult = z.strictObject({
  questionId: Slug,
  answeredAt: z.iso.datetime(),
  feedback: Feedback.optional(),
  /** The response held no answer (every option unticked, the text emptied): the question is unanswered again. */
  cleared: z.literal(true).optional(),
});

const SkillScore = z.strictObject({
  skill: Skill,
  points: z.number(),
  maxPoints: z.number(),
  percentage: z.number(),
});

export const Review = z.strictObject({
  attemptId: AttemptId,
  quizId: Slug,
  title: z.string(),
  studentName: z.string(),
  submittedAt: z.iso.datetime(),
  points: z.number(),
  maxPoints: z.number(),
  percentage: z.number(),
  bySkill: z.array(SkillScore),
  article: PublicArticle,
  questions: z.array(
    z.strictObject({
      question: PublicQuestion,
      response: Response.nullable(),
      feedback: Feedback,
    }),
  ),
});

/** One attempt as the teacher's list shows it. Points count only the questions the bank still has. */
export const AttemptSummary = z.strictObject({
  attemptId: AttemptId,
  quizId: Slug,
  title: z.string(),
  studentName: z.string(),
  status: AttemptStatus,
  startedAt: z.iso.datetime(),
  submittedAt: z.iso.datetime().optional(),
  answered: z.int().min(0),
  questionCount: z.int().min(0),
  points: z.number(),
  maxPoints: z.number(),
  percentage: z.number(),
});

const QuestionTypeName = z.enum(QUESTION_TYPES as [QuestionType, ...QuestionType[]]);

/** How the class did on one question; only submitted attempts count. */
export const QuestionResult = z.strictObject({
  questionId: Slug,
  /** The question's place in the bank (attempts may show it elsewhere when shuffled). */
  number: z.int().min(1),
  prompt: z.string(),
  type: QuestionTypeName,
  skill: Skill,
  /** How many submitted attempts answered it. */
  answered: z.int().min(0),
  /** Share of those answers that earned full credit, 0..1; null when nobody answered. */
  facility: z.number().min(0).max(1).nullable(),
  /** Mean points of those answers; null when nobody answered. */
  averagePoints: z.number().nullable(),
  /** Choice types only: the wrong choice picked most often, when any was. */
  mostChosenWrong: z.strictObject({ text: z.string(), count: z.int().min(1) }).optional(),
  /** Item–rest point-biserial correlation, −1..1; null when it cannot be computed (too few attempts, or nobody differs). */
  discrimination: z.number().min(-1.000001).max(1.000001).nullable(),
  /** Negative discrimination with enough attempts: the question needs a look (key, wording, evidence). */
  flagged: z.boolean(),
  /** Choice types only: how many submitted answers chose each option. */
  options: z
    .array(
      z.strictObject({ id: z.string(), text: z.string(), correct: z.boolean(), count: z.int().min(0), share: z.number().min(0).max(1) }),
    )
    .optional(),
});

/** The quiz's internal consistency: KR-20 (right-or-wrong questions) or Cronbach's alpha; null below enough attempts. */
export const Reliability = z.strictObject({
  alpha: z.number().nullable(),
  method: z.enum(['KR-20', "Cronbach's alpha"]),
  attempts: z.int().min(0),
  reason: z.string().optional(),
});

/** How often a sentence was the evidence for a question the student did not get fully right. */
export const SentenceResult = z.strictObject({
  sentenceId: SentenceId,
  missed: z.int().min(0),
  /** Answers to the questions citing it (class results): the shading is missed / answered. */
  answered: z.int().min(0).optional(),
});

/** A stored record that no longer parses: left out of results and exports, and named here. */
export const UnreadableRecord = z.strictObject({
  attemptId: z.string(),
  /** Absent when the attempt itself is unreadable (then all of its answers are left out). */
  questionId: z.string().optional(),
  problem: z.string(),
});

// ── Results (the teacher's): filters, and the views by session and by date ──

/**
 * Which attempts of a quiz: every condition given must hold. Dates are instants (the screen
 * turns the teacher's local days into them), `from` inclusive and `to` exclusive.
 */
const ByAttemptId = z.strictObject({ attemptId: AttemptId });

/**
 * A version of an own quiz: the first is 1, and each edit made once the current version has
 * attempts starts the next. The bound only keeps absurd numbers out: a quiz edited after every
 * class for decades stays far below it.
 */
export const QuizVersionNumber = z
  .int('a quiz version is a whole number, like 2')
  .min(1, 'quiz versions start at 1')
  .max(100_000, 'there is no such quiz version (at most 100,000)');

export const ResultsQuery = z.strictObject({
  quizId: Slug,
  /**
   * The quiz version whose attempts are read, against that version's questions, keys and
   * article: versions are never mixed. Absent: the newest version with attempts that match the
   * other filters, else the current version.
   */
  version: QuizVersionNumber.optional(),
  sessionId: z.uuid().optional(),
  from: z.iso.datetime().optional(),
  to: z.iso.datetime().optional(),
  /** Matches any part of the name, ignoring case. */
  studentName: z.string().trim().max(60).optional(),
  status: AttemptStatus.optional(),
  /** Only attempts taken outside any class session (practice). */
  practice: z.literal(true).optional(),
});
export type ResultsQuery = z.output<typeof ResultsQuery>;

/**
 * A CSV export: one row per attempt with its points per question, one row per response, or the
 * gradebook's (one row per student: name, score, out of, percentage; one quiz). The filters are
 * those of ResultsQuery; without a quiz, every quiz.
 */
export const CsvRequest = z.strictObject({
  kind: z.enum(['attempts', 'responses', 'gradebook']),
  ...ResultsQuery.shape,
  quizId: Slug.optional(),
});
export type CsvRequest = z.output<typeof CsvRequest>;

/**
 * The same request as the query of the streamed export's address (CSV_EXPORT_PATH), where every
 * value is text: the version is written in decimal digits there, and nothing looser.
 */
export const CsvQuery = z.strictObject({
  ...CsvRequest.shape,
  version: z
    .string()
    .regex(/^[0-9]{1,9}$/, 'a quiz version is written in digits, like 2')
    .transform(Number)
    .pipe(QuizVersionNumber)
    .optional(),
});

/** One answer of an attempt as the teacher reviews it: the answer, the key, the mark and where it came from. */
export const AttemptDetailQuestion = z.strictObject({
  /** The question's place in the bank. */
  number: z.int().min(1),
  questionId: Slug,
  prompt: z.string(),
  type: z.enum(QUESTION_TYPES as [QuestionType, ...QuestionType[]]),
  skill: Skill,
  /** The answer in words; null when the question was not answered. */
  response: z.string().nullable(),
  /** The key in words. */
  key: z.string(),
  points: z.number(),
  maxPoints: z.number(),
  /** Null when not answered. */
  verdict: Verdict.nullable(),
  /** The automatic mark, kept when the teacher's replaces it. */
  original: z.strictObject({ points: z.number(), verdict: Verdict }).optional(),
  override: z.strictObject({ reason: z.string().optional(), at: z.iso.datetime() }).optional(),
  /** A cloze's gaps: what was written, what the key accepts, and the mark that counts. */
  gaps: z.array(z.strictObject({ id: z.string(), given: z.string(), accepted: z.array(z.string()), correct: z.boolean() })).optional(),
  evidence: z.array(z.strictObject({ sentenceId: SentenceId, text: z.string() })),
  answeredAt: z.iso.datetime().optional(),
  /** From the previous answer's time (or the start) to this one's: the time the answer took, roughly. Null when not answered. */
  secondsSpent: z.number().min(0).nullable(),
  /** Short answers and cloze gaps: the teacher may replace the mark. */
  overridable: z.boolean(),
});

export const AttemptDetail = z.strictObject({
  attempt: AttemptSummary,
  quizVersion: z.int().min(1),
  questions: z.array(AttemptDetailQuestion),
  unreadable: z.array(UnreadableRecord),
});
export type AttemptDetail = z.output<typeof AttemptDetail>;
export type AttemptDetailQuestion = z.output<typeof AttemptDetailQuestion>;

/** The teacher's mark: a short answer right or wrong, or a cloze's gaps; `clear` goes back to the automatic mark. */
export const OverrideMark = z.strictObject({
  attemptId: AttemptId,
  questionId: Slug,
  correct: z.boolean().optional(),
  gaps: z.record(Slug, z.boolean()).optional(),
  reason: z.string().trim().max(300, 'a reason has at most 300 characters').optional(),
  clear: z.literal(true).optional(),
});

export const QuizResults = z.strictObject({
  quizId: Slug,
  title: z.string(),
  /** The passage, for shading each sentence by how often it was missed evidence. */
  article: PublicArticle,
  /** The version every figure below is read against (its questions, keys and article). */
  version: z.int().min(1),
  /**
   * The versions a teacher can choose, oldest first: each version with attempts that match the
   * filters (other than the version), with their count, and the current version (maybe with none).
   */
  versions: z.array(z.strictObject({ version: z.int().min(1), attempts: z.int().min(0), current: z.boolean() })),
  /** Every attempt at the quiz's version, newest first, in progress too; the statistics below use the submitted ones. */
  attempts: z.array(AttemptSummary),
  questions: z.array(QuestionResult),
  /** Every sentence cited as evidence by some question, in reading order. */
  sentences: z.array(SentenceResult),
  /** Stored answers (or attempts) that could not be read and are not counted above. */
  unreadable: z.array(UnreadableRecord),
  reliability: Reliability,
});

export const CsvExport = z.strictObject({
  filename: z.string(),
  mediaType: z.literal('text/csv'),
  /** UTF-8 text beginning with a byte-order mark, rows ending in CRLF (RFC 4180). */
  content: z.string(),
  /** Stored answers (or attempts) that could not be read and are not in the file. */
  unreadable: z.array(UnreadableRecord),
});

// ── Classroom sessions (the teacher's side; the students' side is session-contract.ts) ──

export const SessionId = z.uuid();
export { SessionState };

/**
 * A session's attempt settings. Feedback is always deferred: in class the answer key reaches a
 * student only when the teacher releases the review, never one question at a time.
 */
export const SessionSettings = z.strictObject({
  shuffle: z.boolean().default(false),
  timeLimitMinutes: TimeLimitMinutes.optional(),
});

/** An IPv4 or IPv6 address literal (no names: the server binds exactly what the teacher picked). */
const IpAddress = z.union([z.ipv4(), z.ipv6()]);
const Port = z.int().min(0).max(65535);

export const NetworkInterface = z.strictObject({
  name: z.string(),
  address: IpAddress,
  family: z.enum(['IPv4', 'IPv6']),
  /** Loopback: reachable from this computer only (useful to try a session out). */
  internal: z.boolean(),
});

export const SessionStudent = z.strictObject({
  /** The student's seat: the attempt that holds every answer. */
  attemptId: AttemptId,
  name: z.string(),
  status: AttemptStatus,
  removed: z.boolean(),
  joinedAt: z.iso.datetime(),
  answered: z.int().min(0),
  questionCount: z.int().min(0),
  points: z.number(),
  maxPoints: z.number(),
  percentage: z.number(),
});

/** How the class is doing on one question so far: every answer given counts, submitted or not. */
export const SessionQuestion = z.strictObject({
  questionId: Slug,
  number: z.int().min(1),
  prompt: z.string(),
  answered: z.int().min(0),
  correct: z.int().min(0),
  /** correct / answered, 0..1; null while nobody has answered. */
  shareCorrect: z.number().min(0).max(1).nullable(),
});

export const SessionStatus = z.strictObject({
  sessionId: SessionId,
  quizId: Slug,
  title: z.string(),
  settings: SessionSettings,
  joinCode: z.string(),
  /** The code as the screen shows it, in two groups: "ABC DEF". */
  joinCodeDisplay: z.string(),
  state: SessionState,
  reviewReleased: z.boolean(),
  host: z.string(),
  port: Port,
  /** What students type into Evident's "Join a class session": "192.168.1.20:4320", IPv6 in brackets. */
  joinAddress: z.string(),
  /** What students open in a browser or scan. */
  joinUrl: z.string(),
  /** Whether the session server is listening; false once ended (or if the port could not be reopened after a restart). */
  listening: z.boolean(),
  /** Why the server is not listening, when it should be. */
  serverProblem: z.string().optional(),
  createdAt: z.iso.datetime(),
  /** Grows with every join, answer, submission and control: a dashboard redraws only when it changes. */
  version: z.int().min(0),
  article: PublicArticle,
  students: z.array(SessionStudent),
  questions: z.array(SessionQuestion),
  /** Per evidence sentence: answers so far that missed it (see QuizResults.sentences). */
  sentences: z.array(SentenceResult),
});

/**
 * What changed in a session since the last event, for a dashboard that already holds a snapshot:
 * the students who joined, answered, handed in or were removed or readmitted, and the class
 * figures (a few dozen numbers) whole. Applying one twice changes nothing.
 */
export const SessionUpdate = z.strictObject({
  sessionId: SessionId,
  version: z.int().min(0),
  state: SessionState,
  reviewReleased: z.boolean(),
  port: Port,
  joinAddress: z.string(),
  joinUrl: z.string(),
  listening: z.boolean(),
  serverProblem: z.string().optional(),
  /** Changed students only; one not yet in the snapshot is added at the end (joining order). */
  students: z.array(SessionStudent),
  /** Seats whose attempt the teacher deleted: they leave the list. */
  deletedAttemptIds: z.array(AttemptId),
  questions: z.array(SessionQuestion),
  sentences: z.array(SentenceResult),
});

/**
 * The live dashboard's feed (pushed over server-sent events in a browser, over IPC in the app):
 * a whole snapshot when it (re)connects, then updates as the session changes.
 */
export const SessionEvent = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('snapshot'), status: SessionStatus }),
  z.strictObject({ kind: z.literal('update'), update: SessionUpdate }),
]);

/**
 * The projector view of the running session: what the class may see on the wall. No names, no
 * scores, no questions, no article: nothing that helps answer. `joined` leaves removed students out.
 */
export const ProjectorStatus = z.strictObject({
  sessionId: SessionId,
  title: z.string(),
  state: SessionState,
  joinCodeDisplay: z.string(),
  joinAddress: z.string(),
  joinUrl: z.string(),
  joined: z.int().min(0),
  listening: z.boolean(),
});

const BySession = z.strictObject({ sessionId: SessionId });
const BySeat = z.strictObject({ sessionId: SessionId, attemptId: AttemptId });

const Empty = z.strictObject({});
const ByAttempt = z.strictObject({ attemptId: AttemptId });

// ── Teacher mode ──

export const Passphrase = z.string().max(200, 'a passphrase has at most 200 characters');

export const TeacherStatus = z.strictObject({
  /** False until the teacher sets a passphrase on first use. */
  passphraseSet: z.boolean(),
  /** Whether the caller holds a live teacher session. */
  unlocked: z.boolean(),
  /** A session locks after this many minutes without a teacher call. */
  lockAfterMinutes: z.int().min(1),
});

/** The teacher session: the caller presents the token with every teacher call until it locks. */
export const TeacherUnlock = z.strictObject({ token: z.string().min(32), lockAfterMinutes: z.int().min(1) });

/** The code a student types with their name to carry on an attempt they left. */
export const ResumeCode = z
  .string()
  .trim()
  .max(20)
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''));

// ── The question editor (teacher channels) ──

/** A problem of the question being edited, placed at its field, in the editor's words. */
export const QuestionProblem = z.strictObject({
  /** The bank's dotted path inside the question ("options.2.text"); "" for the question as a whole. */
  field: z.string(),
  /** The field as the editor names it ("Option 3"). */
  label: z.string(),
  message: z.string(),
});

/** The question as the editor holds it: checked by the bank's own schema and rules in the service, not here. */
const DraftQuestion = z.unknown();

export const QuestionPreview = z.strictObject({
  problems: z.array(QuestionProblem),
  /** As a student is shown it; absent while the question has problems. */
  question: PublicQuestion.optional(),
  article: PublicArticle,
  /** What a student would see after answering: only when a response was sent. */
  feedback: Feedback.optional(),
});

export const contract = {
  listQuizzes: { input: Empty, output: z.array(QuizSummary) },
  /** The settings new attempts get: the teacher sets them; the student's screen shows them. */
  attemptSettings: { input: Empty, output: AttemptSettings },
  startAttempt: {
    /** Settings other than the teacher's are for the teacher only (trying a quiz out): refused while locked. */
    input: z.strictObject({ quizId: Slug, studentName: StudentName, settings: AttemptSettings.optional() }),
    output: AttemptView,
  },
  getAttempt: { input: ByAttempt, output: AttemptView },
  answer: {
    input: z.strictObject({ attemptId: AttemptId, questionId: Slug, response: Response }),
    output: AnswerResult,
  },
  submit: { input: ByAttempt, output: Review },
  review: { input: ByAttempt, output: Review },
  /** A student leaves an unfinished attempt: the reply is the code that, with their name, resumes it. */
  leaveAttempt: { input: ByAttempt, output: z.strictObject({ resumeCode: z.string() }) },
  resumeAttempt: { input: z.strictObject({ studentName: StudentName, resumeCode: ResumeCode }), output: AttemptView },
  teacherStatus: { input: Empty, output: TeacherStatus },
  setTeacherPassphrase: { input: z.strictObject({ passphrase: Passphrase }), output: TeacherUnlock },
  unlockTeacher: { input: z.strictObject({ passphrase: Passphrase }), output: TeacherUnlock },
  lockTeacher: { input: Empty, output: z.strictObject({ locked: z.literal(true) }) },
  setAttemptSettings: { input: AttemptSettings, output: AttemptSettings },
  listAttempts: {
    input: z.strictObject({
      quizId: Slug.optional(),
      /** Matches any part of the name, ignoring case. */
      studentName: z.string().trim().max(60).optional(),
      status: AttemptStatus.optional(),
    }),
    output: z.array(AttemptSummary),
  },
  deleteAttempt: { input: ByAttempt, output: z.strictObject({ deleted: z.literal(true) }) },
  quizResults: { input: ResultsQuery, output: QuizResults },
  exportCsv: { input: CsvRequest, output: CsvExport },
  attemptDetail: { input: ByAttemptId, output: AttemptDetail },
  overrideMark: { input: OverrideMark, output: AttemptDetail },
  listNetworkInterfaces: { input: Empty, output: z.array(NetworkInterface) },
  startSession: {
    input: z.strictObject({ quizId: Slug, settings: SessionSettings.prefault({}), host: IpAddress, port: Port }),
    output: SessionStatus,
  },
  /** The running session (or the one named), for the live dashboard; null when there is none. */
  sessionStatus: { input: z.strictObject({ sessionId: SessionId.optional() }), output: SessionStatus.nullable() },
  lockJoining: { input: z.strictObject({ sessionId: SessionId, locked: z.boolean() }), output: SessionStatus },
  removeStudent: { input: BySeat, output: SessionStatus },
  readmitStudent: { input: BySeat, output: SessionStatus },
  releaseReview: { input: BySession, output: SessionStatus },
  endSession: { input: BySession, output: SessionStatus },
  checkQuestion: {
    input: z.strictObject({
      quizId: Slug,
      question: DraftQuestion,
      /** The ids of the bank's other questions: a question's id must differ from theirs. */
      otherIds: z.array(z.string().max(200)).max(5_000).default([]),
    }),
    output: z.strictObject({ problems: z.array(QuestionProblem) }),
  },
  previewQuestion: {
    input: z.strictObject({ quizId: Slug, question: DraftQuestion, response: Response.optional() }),
    output: QuestionPreview,
  },
  // A teacher's own article: import (import-contract.ts)
  ...importContract,
  /** The running session as the projector shows it; null when none runs. */
  projectorStatus: { input: Empty, output: ProjectorStatus.nullable() },
  // Questions drafted from the article (draft-contract.ts)
  ...draftContract,
  // The quiz library (issue 10): its own module
  ...libraryContract,
  // Questions in and out: export to other formats, import a question file (issue 13)
  ...interchangeContract,
  // The results' way in: a quiz's sessions and practice days (results-overview-contract.ts)
  ...resultsOverviewContract,
  ...quizFileContract,
} satisfies Record<Channel, { input: z.ZodType; output: z.ZodType }>;

// Fails to compile when CHANNELS names a channel the contract lacks, or the reverse.
type MissingFromContract = Exclude<Channel, keyof typeof contract>;
type MissingFromChannels = Exclude<keyof typeof contract, Channel>;
const channelsMatch: [MissingFromContract, MissingFromChannels] extends [never, never] ? true : never = true;
void channelsMatch;

export type Contract = typeof contract;
export type Input<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type Output<C extends Channel> = z.output<Contract[C]['output']>;

export type QuizSummary = z.output<typeof QuizSummary>;
export type PublicArticle = z.output<typeof PublicArticle>;
export type PublicQuestion = z.output<typeof PublicQuestion>;
export type Feedback = z.output<typeof Feedback>;
export type AttemptSettings = z.output<typeof AttemptSettings>;
export type SavedAnswer = z.output<typeof SavedAnswer>;
export type AttemptView = z.output<typeof AttemptView>;
export type AnswerResult = z.output<typeof AnswerResult>;
export type Review = z.output<typeof Review>;
export type AttemptSummary = z.output<typeof AttemptSummary>;
export type QuestionResult = z.output<typeof QuestionResult>;
export type SentenceResult = z.output<typeof SentenceResult>;
export type QuizResults = z.output<typeof QuizResults>;
export type CsvExport = z.output<typeof CsvExport>;
export type CsvKind = ParsedInput<'exportCsv'>['kind'];
export type SessionSettings = z.output<typeof SessionSettings>;
export type SessionStatus = z.output<typeof SessionStatus>;
export type SessionStudent = z.output<typeof SessionStudent>;
export type SessionUpdate = z.output<typeof SessionUpdate>;
export type ProjectorStatus = z.output<typeof ProjectorStatus>;
export type SessionEvent = z.output<typeof SessionEvent>;
export type SessionQuestion = z.output<typeof SessionQuestion>;
export type NetworkInterface = z.output<typeof NetworkInterface>;
export type TeacherStatus = z.output<typeof TeacherStatus>;
export type TeacherUnlock = z.output<typeof TeacherUnlock>;
export type QuestionProblem = z.output<typeof QuestionProblem>;
export type QuestionPreview = z.output<typeof QuestionPreview>;
/** A question of a bank as stored (the editor builds these; the service checks them). */
export type { Question as BankQuestion, QuestionType } from '../core/bank/schema.ts';
export type { Response } from '../core/scoring/response.ts';
export type { Verdict } from '../core/scoring/verdict.ts';
export type { AttemptStatus } from '../core/attempt.ts';
export type { ImportArticleInput, ImportedArticleView, ImportedLine, ReadingStatistics } from './import-contract.ts';
export type { DraftedQuestion, DraftParagraph, DraftQuestionsInput, DraftQuestionsResult } from './draft-contract.ts';

// Errors become data at the boundary: a coarse `code` (which also picks the HTTP status) and a
// stable `reason` the UI branches on, never the message text, which is for people and may change.
export const ERROR_CODES = [
  'bad-request',
  'invalid-response',
  'not-found',
  'conflict',
  'unknown-channel',
  'forbidden',
  'rate-limited',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Every reason a call can be refused, each with the one code it belongs to. */
export const ERROR_REASONS = {
  // Any channel
  'invalid-request': 'bad-request',
  'invalid-response': 'invalid-response',
  'unknown-channel': 'unknown-channel',
  'unexpected-error': 'internal',
  'reply-withheld': 'internal',
  // The page or the transport, before the service is asked
  'untrusted-sender': 'forbidden',
  'wrong-host': 'forbidden',
  'cross-site': 'forbidden',
  'teacher-only': 'forbidden',
  'wrong-method': 'bad-request',
  'wrong-content-type': 'bad-request',
  'body-too-large': 'bad-request',
  'body-not-json': 'bad-request',
  'no-such-route': 'not-found',
  'invalid-path': 'bad-request',
  'no-such-file': 'not-found',
  unreachable: 'internal',
  'unreadable-reply': 'internal',
  // The database could not save (disk full, read-only, locked): the message says which
  'not-saved': 'internal',
  // Quizzes and attempts
  'quiz-not-found': 'not-found',
  'version-not-found': 'not-found',
  'attempt-not-found': 'not-found',
  'question-not-found': 'not-found',
  'attempt-submitted': 'conflict',
  'answer-locked': 'conflict',
  'time-up': 'conflict',
  'not-submitted-yet': 'conflict',
  // Classroom sessions: the teacher's side
  'hosting-unavailable': 'conflict',
  'session-not-found': 'not-found',
  'session-ended': 'conflict',
  'session-running': 'conflict',
  'host-not-local': 'bad-request',
  'port-unavailable': 'conflict',
  'student-not-found': 'not-found',
  // Classroom sessions: the student's side
  'invalid-session-address': 'bad-request',
  'wrong-join-code': 'forbidden',
  'too-many-joins': 'rate-limited',
  'too-many-answers': 'rate-limited',
  'joining-locked': 'conflict',
  'seat-unknown': 'forbidden',
  'seat-removed': 'forbidden',
  'name-taken': 'conflict',
  'review-not-released': 'conflict',
  // Teacher mode
  locked: 'forbidden',
  'wrong-passphrase': 'forbidden',
  'slow-down': 'rate-limited',
  'passphrase-set': 'conflict',
  'no-passphrase': 'conflict',
  'passphrase-too-short': 'bad-request',
  'no-such-attempt': 'not-found',
  // Importing an article (service/import): each message names the file's problem or the limit it broke
  'unsupported-format': 'bad-request',
  'file-too-large': 'bad-request',
  'too-many-words': 'bad-request',
  'import-too-slow': 'bad-request',
  'no-text-layer': 'bad-request',
  'unreadable-file': 'bad-request',
  'no-article-text': 'bad-request',
  // The quiz library (service/library): each message names the quiz and what stands in the way
  'library-unavailable': 'conflict',
  'quiz-read-only': 'conflict',
  'quiz-has-problems': 'conflict',
  'quiz-has-no-questions': 'conflict',
  'quiz-in-session': 'conflict',
  'invalid-bank': 'bad-request',
  'quiz-not-saved': 'internal',
  // Reading a zip someone handed us (service/zip.ts): each message names the entry and the limit or rule
  'zip-unreadable': 'bad-request',
  'zip-too-large': 'bad-request',
  'zip-too-many-entries': 'bad-request',
  'zip-entry-too-large': 'bad-request',
  'zip-inflates-too-large': 'bad-request',
  'zip-ratio-too-high': 'bad-request',
  'zip-unsafe-name': 'bad-request',
  'zip-duplicate-name': 'bad-request',
  'zip-encrypted': 'bad-request',
  // Question files (service/interchange): each message names the file, the question or line, and the problem
  'invalid-question-file': 'bad-request',
  'article-needed': 'bad-request',
  // A .evident quiz file that is a sound zip but not a quiz Evident can take: the message names the file, the entry and the problem
  'invalid-quiz-file': 'bad-request',
} as const satisfies Record<string, ErrorCode>;
export type ErrorReason = keyof typeof ERROR_REASONS;
export const ErrorReason = z.enum(Object.keys(ERROR_REASONS) as [ErrorReason, ...ErrorReason[]]);

export const WireIssue = z.strictObject({ path: z.string(), message: z.string() });
export type WireIssue = z.output<typeof WireIssue>;

/** A refusal as data. The type pairs each reason with its code, so a mismatched pair does not compile. */
export type WireError = {
  [R in ErrorReason]: { code: (typeof ERROR_REASONS)[R]; reason: R; message: string; issues?: WireIssue[] };
}[ErrorReason];

/** For reading a refusal from an untrusted peer (a class session's server): the code must be the reason's. */
export const WireError = z
  .strictObject({
    code: z.enum(ERROR_CODES),
    reason: ErrorReason,
    message: z.string().max(2_000),
    issues: z.array(WireIssue).max(100).optional(),
  })
  .refine((error) => ERROR_REASONS[error.reason] === error.code, { message: 'the code does not match the reason', path: ['code'] })
  .transform((error) => error as WireError);

/** The refusal for `reason`, with its code filled in. */
export function refusal<R extends ErrorReason>(reason: R, message: string, issues?: WireIssue[]): WireError {
  return { code: ERROR_REASONS[reason], reason, message, ...(issues ? { issues } : {}) } as WireError;
}
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: WireError };

/**
 * The API the preload exposes and the HTTP client implements: one method per channel. The
 * teacher token (from unlockTeacher) travels beside the input: over IPC as a second argument,
 * over HTTP in the Authorization header.
 */
export type EvidentApi = { [C in Channel]: (input: Input<C>, teacherToken?: string) => Promise<Envelope<Output<C>>> };

/**
 * The live dashboard's feed as the page sees it (the preload's push in the desktop app, server-
 * sent events in a browser): `onEvent` gets a snapshot, then updates; `onProblem` says why the
 * feed is interrupted, and null once it flows again. Returns the function that stops watching.
 */
export type WatchSession = (
  sessionId: string,
  onEvent: (event: SessionEvent) => void,
  onProblem: (message: string | null) => void,
  /** The unlocked teacher's token: the dashboard is a teacher's view, refused as 'locked' without it. */
  teacherToken?: string,
) => () => void;
export interface SessionFeedApi {
  watchSession: WatchSession;
}

export { StudentName, AttemptId };
