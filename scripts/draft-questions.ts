// Drafts questions from an article, offline, and prints them as a bank in the usual format.
//
//   npm run draft-questions -- ARTICLE_FILE [--json] [--seed N] [--max N]
//
// ARTICLE_FILE is read exactly as `npm run import-article` reads it (.txt, .html/.htm, .docx,
// .pdf). Without --json: each draft with its score, answer and evidence, by paragraph, for a
// teacher to read. With --json: exactly one JSON object on stdout, the bank; written beside a
// .txt article as bank.json, it passes `npm run check-questions`. The same file and seed always
// give the same drafts. Notes and errors go to stderr. Exit status: 0 on success, 1 when the
// article is refused or unreadable, or has nothing to draft from; 2 for a usage error.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { DEFAULT_DRAFT_SEED, DEFAULT_MAX_DRAFTS, MAX_DRAFTS_LIMIT, type Draft } from '../src/core/draft/index.ts';
import { draftQuestions } from '../src/service/draft/draft.ts';
import { DEFAULT_IMPORT_LIMITS, formatBytes, ImportError } from '../src/service/import/errors.ts';
import { importArticle } from '../src/service/import/import-article.ts';

const USAGE = 'usage: draft-questions ARTICLE_FILE [--json] [--seed N] [--max N]';

interface Options {
  file: string;
  json: boolean;
  seed: number;
  max: number;
}

function integer(value: string | undefined, name: string, min: number, max: number): number | string {
  if (value === undefined || !/^\d+$/u.test(value)) return `${name} needs a whole number`;
  const n = Number(value);
  if (n < min || n > max) return `${name} must be between ${min} and ${max} (got ${value})`;
  return n;
}

function parseArguments(args: readonly string[]): Options | string {
  let file: string | undefined;
  let json = false;
  let seed: number = DEFAULT_DRAFT_SEED;
  let max: number = DEFAULT_MAX_DRAFTS;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--seed' || arg === '--max') {
      const value = integer(args[++i], arg, arg === '--seed' ? 0 : 1, arg === '--seed' ? 2 ** 31 - 1 : MAX_DRAFTS_LIMIT);
      if (typeof value === 'string') return value;
      if (arg === '--seed') seed = value;
      else max = value;
    } else if (arg === '--help' || arg === '-h') return USAGE;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (file !== undefined) return `one file at a time (got "${file}" and "${arg}")`;
    else file = arg;
  }
  if (file === undefined) return USAGE;
  return { file, json, seed, max };
}

function answerOf(draft: Draft): string {
  const question = draft.question;
  switch (question.type) {
    case 'single-choice':
      return question.options.map((option) => (option.id === question.correct ? `[${option.text}]` : option.text)).join(' | ');
    case 'multiple-select':
      return question.options.map((option) => (question.correct.includes(option.id) ? `[${option.text}]` : option.text)).join(' | ');
    case 'true-false-not-given':
      return question.answer;
    case 'short-answer':
      return question.accepted.join(' / ');
    case 'cloze':
      return `${question.text}  →  ${question.gaps.map((gap) => `${gap.id}: ${gap.accepted[0]}`).join(', ')}`;
    case 'evidence-selection':
      return 'the sentence quoted as evidence';
    case 'ordering':
      return question.order.map((id, index) => `${index + 1}. ${question.items.find((item) => item.id === id)?.text}`).join('  ');
    case 'matching':
      return question.pairs
        .map(
          (pair) =>
            `${question.left.find((item) => item.id === pair.left)?.text} → ${question.right.find((item) => item.id === pair.right)?.text}`,
        )
        .join('; ');
    case 'two-part':
      return question.partA.correct;
  }
}

function toText(drafts: readonly Draft[]): string {
  const out: string[] = [];
  const paragraphs = [...new Set(drafts.map((draft) => draft.paragraphId))].sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)));
  for (const paragraph of paragraphs) {
    out.push(`Paragraph ${paragraph.slice(1)}`);
    for (const draft of drafts.filter((candidate) => candidate.paragraphId === paragraph)) {
      out.push(`  [${String(draft.score).padStart(3)}] ${draft.question.type} (${draft.question.id}): ${draft.question.prompt}`);
      out.push(`        answer: ${answerOf(draft)}`);
      out.push(`        evidence: ${draft.sentenceIds.join(', ')}`);
    }
    out.push('');
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const options = parseArguments(args);
  if (typeof options === 'string') {
    if (args.some((arg) => arg === '--help' || arg === '-h')) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(options === USAGE ? `${USAGE}\n` : `${options}\n${USAGE}\n`);
    return 2;
  }
  try {
    const info = await stat(options.file);
    if (!info.isFile()) throw new ImportError('unreadable-file', 'it is not a file');
    if (info.size > DEFAULT_IMPORT_LIMITS.maxBytes) {
      throw new ImportError(
        'file-too-large',
        `the file is ${formatBytes(info.size)}, over the limit of ${formatBytes(DEFAULT_IMPORT_LIMITS.maxBytes)} for an article`,
      );
    }
    const bytes = await readFile(options.file);
    const name = basename(options.file);
    const imported = await importArticle({ name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    if (imported.article.sentences.length === 0)
      throw new ImportError('no-article-text', 'the article has no body text to draft questions from');
    const started = performance.now();
    const textFile = imported.format === 'text';
    const drafted = draftQuestions(imported.article, { seed: options.seed, max: options.max }, textFile ? name : 'article.txt');
    if (drafted.drafts.length === 0) throw new ImportError('no-article-text', 'no sentence of the article gave a question to draft');
    process.stderr.write(
      `${drafted.drafts.length} drafts of ${drafted.types.length} types from ${imported.words} words (seed ${options.seed}), in ${Math.round(performance.now() - started)} ms\n`,
    );
    if (!textFile) {
      process.stderr.write(
        'the checker reads a plain-text article: save the article as article.txt beside bank.json (or import it into Evident) before checking\n',
      );
    }
    process.stdout.write(options.json ? `${JSON.stringify(drafted.bank, null, 2)}\n` : toText(drafted.drafts));
    return 0;
  } catch (error) {
    const message =
      error instanceof ImportError ? error.message : error instanceof Error && 'code' in error ? fileError(error) : String(error);
    process.stderr.write(`draft-questions: ${options.file}: ${message.replace(/\s*\n\s*/gu, ' ')}\n`);
    return 1;
  }
}

function fileError(error: Error & { code?: unknown }): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.code === 'EACCES') return 'permission denied';
  if (error.code === 'EISDIR') return 'it is a folder, not a file';
  return error.message;
}

process.exitCode = await main();
