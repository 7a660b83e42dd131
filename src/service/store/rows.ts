import { z } from 'zod';

// What every table module of the store shares: how a row is read back, and the error a
// row that does not parse becomes.

export class StoreError extends Error {
  override name = 'StoreError';
  /** Whether the file is unusable as it stands (foreign or damaged), as opposed to merely newer. */
  readonly unusable: boolean;
  constructor(message: string, unusable: boolean) {
    super(message);
    this.unusable = unusable;
  }
}

/** A TEXT column holding JSON, parsed before the schema that follows it with `.pipe`. */
export const Json = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    return z.NEVER;
  }
});

/** An INTEGER column holding 0 or 1. */
export const Flag = z.int().transform((value) => value !== 0);

function problemOf(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
}

/** Parses one row; a row that does not fit is a StoreError naming the record and each field. */
export function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) throw new StoreError(`a stored ${what} is unreadable (${problemOf(parsed.error)})`, false);
  return parsed.data;
}

/**
 * A stored row that no longer parses (a disk error, a hand edit): lists leave it out and name
 * it, so one bad row costs its own answer and never every result.
 */
export interface UnreadableRow {
  attemptId: string;
  /** Absent when the attempt row itself is unreadable. */
  questionId?: string;
  problem: string;
}
export type OnUnreadable = (row: UnreadableRow) => void;

/**
 * Parses one row of a list about attempts (an `attempt_id` or `id` column, maybe a
 * `question_id`); a row that does not fit is reported and answered with undefined.
 */
export function parseListedRow<S extends z.ZodType>(
  schema: S,
  row: Record<string, unknown>,
  onUnreadable: OnUnreadable,
): z.output<S> | undefined {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const attemptId = String(row['attempt_id'] ?? row['id'] ?? '(unknown)');
  const questionId = row['question_id'];
  onUnreadable({ attemptId, ...(questionId === undefined ? {} : { questionId: String(questionId) }), problem: problemOf(parsed.error) });
  return undefined;
}
