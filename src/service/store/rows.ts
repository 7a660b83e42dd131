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

/** Parses one row; a row that does not fit is a StoreError naming the record and each field. */
export function parseRow<S extends z.ZodType>(schema: S, row: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(row);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
    throw new StoreError(`a stored ${what} is unreadable (${where})`, false);
  }
  return parsed.data;
}
