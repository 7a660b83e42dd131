// The student's channels of a classroom session, kept free of zod (like channels.ts) so that
// the preload and the renderer can list them without bundling the schemas. These are the only
// operations the session server answers on the network; a seat token identifies the student.
export const SESSION_CHANNELS = ['info', 'join', 'seat', 'answer', 'submit', 'review'] as const;

export type SessionChannel = (typeof SESSION_CHANNELS)[number];

/** Where the session server answers them: POST /session-api/<channel>. */
export const SESSION_API_PREFIX = '/session-api/';

/** The desktop app forwards a student's calls through its main process on these IPC channels. */
export const SESSION_IPC_PREFIX = 'evident-session:';
