// The channel names, kept free of zod so that the preload and the renderer can list them
// without bundling the schemas. `contract.ts` checks at compile time that it has exactly these.
export const CHANNELS = [
  'listQuizzes',
  'startAttempt',
  'getAttempt',
  'answer',
  'submit',
  'review',
  'listAttempts',
  'deleteAttempt',
  'quizResults',
  'exportCsv',
] as const;

export type Channel = (typeof CHANNELS)[number];

/**
 * Channels for the teacher, not for students: they read or delete everybody's attempts. The HTTP
 * binding answers them only on a loopback connection, so a classroom server that listens on the
 * network does not hand a student the class's results.
 */
export const TEACHER_CHANNELS: readonly Channel[] = ['listAttempts', 'deleteAttempt', 'quizResults', 'exportCsv'];

export const IPC_PREFIX = 'evident:';
