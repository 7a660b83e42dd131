import { z } from 'zod';

// The vocabulary of an attempt, defined once: the contract, the store and the results module
// derive their schemas and types from these.

export const AttemptStatus = z.enum(['in-progress', 'submitted']);
export type AttemptStatus = z.infer<typeof AttemptStatus>;

/** Immediate: each answer is marked as it is given. Deferred: nothing is marked until the attempt is submitted. */
export const FeedbackMode = z.enum(['immediate', 'deferred']);
export type FeedbackMode = z.infer<typeof FeedbackMode>;

export const MAX_TIME_LIMIT_MINUTES = 240;
/** Answers are refused once this many minutes have passed since the start; submitting still works. */
export const TimeLimitMinutes = z.int().min(1).max(MAX_TIME_LIMIT_MINUTES);
