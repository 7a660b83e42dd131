import { z } from 'zod';

/** Open: students may join. Locked: no new students, the seated ones go on. Ended: nothing more is accepted. */
export const SessionState = z.enum(['open', 'locked', 'ended']);
export type SessionState = z.infer<typeof SessionState>;
