// The channel names, kept free of zod so that the preload and the renderer can list them
// without bundling the schemas. `contract.ts` checks at compile time that it has exactly these.
export const CHANNELS = [
  'listQuizzes',
  'startAttempt',
  'getAttempt',
  'answer',
  'submit',
  'review',
] as const;

export type Channel = (typeof CHANNELS)[number];

export const IPC_PREFIX = 'evident:';
