import { z } from 'zod';

/** How an answer was judged: the one list the scorer, the store and the contract share. */
export const Verdict = z.enum(['correct', 'partial', 'incorrect']);
export type Verdict = z.infer<typeof Verdict>;
