import { ServiceError } from '../errors.ts';
import type { ErrorReason } from '../../shared/contract.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../shared/import-contract.ts';

/**
 * Why an article was refused: the contract's reasons for an import, so the refusal reaches the
 * screen as data like any other. Each message names the file's problem or the limit it broke.
 */
export type ImportErrorReason = Extract<
  ErrorReason,
  'unsupported-format' | 'file-too-large' | 'too-many-words' | 'import-too-slow' | 'no-text-layer' | 'unreadable-file' | 'no-article-text'
>;

export class ImportError extends ServiceError {
  override name = 'ImportError';
  declare readonly reason: ImportErrorReason;
  constructor(reason: ImportErrorReason, message: string) {
    super(reason, message);
  }
}

export interface ImportLimits {
  /** Largest file accepted, in bytes. */
  maxBytes: number;
  /** Most words the extracted text may have. */
  maxWords: number;
  /** Longest the import may take, in milliseconds. */
  maxMilliseconds: number;
}

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxBytes: MAX_IMPORT_FILE_BYTES,
  maxWords: 30_000,
  maxMilliseconds: 15_000,
});

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1).replace(/\.0$/u, '')} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/u, '')} MB`;
}

/** A clock that refuses to go on once the time limit has passed. */
export class Deadline {
  readonly #end: number;
  readonly #limit: number;
  readonly #now: () => number;
  constructor(limitMilliseconds: number, now: () => number = () => performance.now()) {
    this.#now = now;
    this.#limit = limitMilliseconds;
    this.#end = now() + limitMilliseconds;
  }

  get remaining(): number {
    return Math.max(0, this.#end - this.#now());
  }

  error(): ImportError {
    return new ImportError('import-too-slow', `reading the file took longer than the limit of ${this.#limit / 1000} s`);
  }

  /** Throws when the time is up; called between the steps of an import. */
  check(): void {
    if (this.#now() > this.#end) throw this.error();
  }

  /** Waits for the work, but no longer than the time left; `abandon` stops the work on expiry. */
  async race<T>(work: Promise<T>, abandon?: () => unknown): Promise<T> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        void Promise.resolve()
          .then(abandon)
          .catch(() => undefined);
        reject(this.error());
      }, this.remaining);
    });
    try {
      return await Promise.race([work, expired]);
    } finally {
      clearTimeout(timer);
    }
  }
}
