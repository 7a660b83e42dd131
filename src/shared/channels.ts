// The channel names, kept free of zod so that the preload and the renderer can list them
// without bundling the schemas. `contract.ts` checks at compile time that it has exactly these.

/** The teacher's classroom session: hosting it, watching it, and its controls (teacher channels too). */
export const CLASSROOM_CHANNELS = [
  'listNetworkInterfaces',
  'startSession',
  'sessionStatus',
  'lockJoining',
  'removeStudent',
  'readmitStudent',
  'releaseReview',
  'endSession',
] as const;

/** The question editor (teacher channels): check the question being edited, preview it as a student. */
export const AUTHORING_CHANNELS = ['checkQuestion', 'previewQuestion'] as const;
/**
 * The projector view of the running class session: its join address, code and joined count,
 * nothing else. Open to anyone at this computer (not a teacher channel): it shows only what is
 * on the classroom wall anyway, and it must keep showing when the teacher's side locks itself
 * after 15 idle minutes. The HTTP binding answers it on loopback like every channel.
 */
export const PROJECTOR_CHANNELS = ['projectorStatus'] as const;

/**
 * The quiz library (issue 10): own quizzes beside the bundled ones, drafts, publishing, versions
 * and .evident files. Teacher channels, all of them (src/service/library).
 */
export const LIBRARY_CHANNELS = [
  'libraryList',
  'createQuiz',
  'getQuizSource',
  'saveQuizBank',
  'publishQuiz',
  'renameQuiz',
  'duplicateQuiz',
  'deleteQuiz',
  // A quiz shared as one .evident file (quiz-file-contract.ts)
  'exportQuizFile',
  'importQuizFile',
] as const;

/** Teacher mode: open to anyone, since they are how the teacher's side is opened and closed. */
export const TEACHER_MODE_CHANNELS = ['teacherStatus', 'setTeacherPassphrase', 'unlockTeacher', 'lockTeacher'] as const;

/** A teacher's own article: importing it for the review screen, and its reading statistics as it is checked (teacher channels). */
export const IMPORT_CHANNELS = ['importArticle', 'articleStatistics'] as const;

/** Questions drafted from a quiz's article for the teacher to accept or reject (teacher channels). */
export const DRAFT_CHANNELS = ['draftQuestions'] as const;

/** Questions in and out (issue 13): a quiz in another system's format, a question file as a new draft (teacher channels). */
export const INTERCHANGE_CHANNELS = ['exportQuizAs', 'importQuestionFile'] as const;

/** Results: one attempt's answers for the teacher, the teacher's mark over the automatic one, and a quiz's sessions and practice days. */
export const RESULTS_CHANNELS = ['attemptDetail', 'overrideMark', 'resultsOverview'] as const;

/** The largest article file the import takes, in bytes: here so that the screen can say so before sending one. */
export const MAX_IMPORT_FILE_BYTES = 25 * 1024 * 1024;
/** The largest `.evident` quiz file the library imports, in bytes (a quiz with a long article is well under 1 MB). */
export const MAX_QUIZ_FILE_BYTES = 10 * 1024 * 1024;

export const CHANNELS = [
  'listQuizzes',
  'attemptSettings',
  'startAttempt',
  'getAttempt',
  'answer',
  'submit',
  'review',
  'leaveAttempt',
  'resumeAttempt',
  ...TEACHER_MODE_CHANNELS,
  'setAttemptSettings',
  'listAttempts',
  'deleteAttempt',
  'quizResults',
  'exportCsv',
  ...CLASSROOM_CHANNELS,
  ...AUTHORING_CHANNELS,
  ...IMPORT_CHANNELS,
  ...PROJECTOR_CHANNELS,
  ...DRAFT_CHANNELS,
  ...LIBRARY_CHANNELS,
  ...RESULTS_CHANNELS,
  ...INTERCHANGE_CHANNELS,
] as const;

export type Channel = (typeof CHANNELS)[number];

export type ClassroomChannel = (typeof CLASSROOM_CHANNELS)[number];
export type ProjectorChannel = (typeof PROJECTOR_CHANNELS)[number];
export type LibraryChannel = (typeof LIBRARY_CHANNELS)[number];

/**
 * Channels for the teacher, not for students: settings for new attempts, everybody's attempts,
 * hosting. The service answers them only within an unlocked teacher session (see
 * service/teacher/gate.ts), and the HTTP binding only on a loopback connection, so a classroom
 * server that listens on the network does not hand a student the class's results.
 */
export const TEACHER_CHANNELS: readonly Channel[] = [
  'setAttemptSettings',
  'listAttempts',
  'deleteAttempt',
  'quizResults',
  'exportCsv',
  ...CLASSROOM_CHANNELS,
  ...AUTHORING_CHANNELS,
  ...IMPORT_CHANNELS,
  ...DRAFT_CHANNELS,
  ...LIBRARY_CHANNELS,
  ...RESULTS_CHANNELS,
  ...INTERCHANGE_CHANNELS,
];

export function isTeacherChannel(channel: string): boolean {
  return (TEACHER_CHANNELS as readonly string[]).includes(channel);
}

/**
 * Channels whose handler must wait: for the network (binding a port), or for the commit that
 * an answer shares with the others given at the same moment. Every other one answers at once.
 */
export const ASYNC_CHANNELS = [
  'startSession',
  'answer',
  'importArticle',
  'draftQuestions',
  'importQuestionFile',
] as const satisfies readonly Channel[];
export type AsyncChannel = (typeof ASYNC_CHANNELS)[number];
export type SyncChannel = Exclude<Channel, AsyncChannel>;

export const IPC_PREFIX = 'evident:';

/**
 * The live dashboard of a class session is pushed, not polled. In a browser: server-sent events
 * at this path of the teacher's loopback server (GET, ?sessionId=). In the desktop app: the
 * page asks main to watch on FEED_IPC.watch and receives each event on FEED_IPC.event.
 */
export const SESSION_EVENTS_PATH = '/api/events/session';

/**
 * A CSV export streamed as it is read (GET, the filters of CsvRequest as query parameters, the
 * teacher's token in the Authorization header), on the teacher's loopback server. The desktop
 * app writes it to the file the teacher picks in a save dialog instead, through EXPORT_IPC.
 */
export const CSV_EXPORT_PATH = '/api/export/csv';
export const EXPORT_IPC = { saveCsv: 'evident-export:save-csv' } as const;
export const FEED_IPC = { watch: 'evident-feed:watch', unwatch: 'evident-feed:unwatch', event: 'evident-feed:event' } as const;
