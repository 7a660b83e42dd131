import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, fsyncSync, openSync, closeSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { z } from 'zod';

// A teacher's quiz on disk: a folder in the bundled format (bank.json and the article file it
// names, so `npm run check-questions FOLDER` works on it), plus quiz.json, the library's own
// record of it (published, version, dates). Earlier versions that attempts were taken on are
// whole quiz folders under versions/<n>/. Every file is written to a temporary name and renamed,
// so a crash leaves the old file or the new one, never half of one.

export const BANK_FILE = 'bank.json';
export const ARTICLE_FILE = 'article.txt';
export const META_FILE = 'quiz.json';
export const VERSIONS_DIR = 'versions';

export const QuizMeta = z.object({
  format: z.literal(1),
  published: z.boolean().default(false),
  /** The version new attempts are taken on; each earlier one that had attempts is kept under versions/. */
  version: z.int().min(1).default(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  /** When each version began (the first is createdAt). */
  versionDates: z.record(z.string().regex(/^\d+$/), z.iso.datetime()).default({}),
  copiedFrom: z.string().max(200).optional(),
  /** The .evident file the quiz was imported from, and when that file was exported. */
  importedFrom: z.strictObject({ fileName: z.string().max(300), exportedAt: z.iso.datetime(), quizVersion: z.int().min(1) }).optional(),
});
export type QuizMeta = z.output<typeof QuizMeta>;

/** A new own quiz's metadata: unpublished, at version 1 from `stamp`, with where it came from, if anywhere. */
export function firstVersionMeta(stamp: string, origin: Pick<QuizMeta, 'copiedFrom' | 'importedFrom'> = {}): QuizMeta {
  return { format: 1, published: false, version: 1, createdAt: stamp, updatedAt: stamp, versionDates: { '1': stamp }, ...origin };
}

/** A bank without its `$schema`: a bundled bank's points into questions/, which a data folder does not have. */
export function withoutSchema(bank: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(bank).filter(([key]) => key !== '$schema'));
}

/** What the library keeps about bundled quizzes (they are read-only): whether each is published. */
export const BundledMeta = z.object({
  format: z.literal(1),
  bundled: z.record(z.string(), z.object({ published: z.boolean() })).default({}),
});
export type BundledMeta = z.output<typeof BundledMeta>;

/** Writes `text` to `file` so that readers see the old content or the new, whole. */
export function writeFileAtomic(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(temporary, text);
  const fd = openSync(temporary, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/**
 * Creates `target` holding `files`, all or nothing: they are written into a temporary folder
 * beside it, which is renamed into place at the end. A failure removes the temporary folder.
 */
export function writeFolderAtomic(target: string, files: Record<string, string>): void {
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  const temporary = join(parent, `.incoming-${randomUUID()}`);
  try {
    for (const [name, text] of Object.entries(files)) {
      const file = join(temporary, name);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    renameSync(temporary, target);
  } catch (error) {
    rmSync(temporary, { recursive: true, force: true });
    throw error;
  }
}

export function readText(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export function modifiedAt(file: string): string {
  try {
    return statSync(file).mtime.toISOString();
  } catch {
    return new Date(0).toISOString();
  }
}

export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export { existsSync };
