// Reads an article file the way the app imports it and prints the cleaned article.
//
//   npm run import-article -- FILE [--json] [--publication NAME]
//
// FILE is a .txt, .html/.htm, .docx or .pdf file. Without --json: the headline, byline, captions
// and numbered paragraphs, then every removed line with its reason. With --json: exactly one JSON
// object on stdout, { title, byline?, paragraphs, captions, removed: [{ text, reason }] }.
// Anything else (notes, errors) goes to stderr. Exit status: 0 on success, 1 when the file is
// refused or unreadable (a one-line message says why), 2 for a usage error.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { importArticle, type ImportedArticle } from '../src/service/import/import-article.ts';
import { DEFAULT_IMPORT_LIMITS, formatBytes, ImportError } from '../src/service/import/errors.ts';
import { toImportJson } from '../src/service/import/json.ts';

const USAGE = 'usage: import-article FILE [--json] [--publication NAME]';

interface Options {
  file: string;
  json: boolean;
  publication?: string;
}

function parseArguments(args: readonly string[]): Options | string {
  let file: string | undefined;
  let json = false;
  let publication: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--json') json = true;
    else if (arg === '--publication') {
      publication = args[++i];
      if (!publication) return '--publication needs a name';
    } else if (arg === '--help' || arg === '-h') return USAGE;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (file !== undefined) return `one file at a time (got "${file}" and "${arg}")`;
    else file = arg;
  }
  if (file === undefined) return USAGE;
  return { file, json, ...(publication && { publication }) };
}

function toText(imported: ImportedArticle): string {
  const json = toImportJson(imported);
  const out = [json.title || '(no headline)'];
  if (json.byline) out.push(`By ${json.byline}`);
  if (imported.article.standfirst) out.push('', imported.article.standfirst);
  for (const caption of imported.article.captions) out.push('', `[Caption] ${caption.text}${caption.credit ? ` (${caption.credit})` : ''}`);
  json.paragraphs.forEach((paragraph, index) => out.push('', `${index + 1}. ${paragraph}`));
  if (json.removed.length > 0) {
    out.push('', `Removed (${json.removed.length}):`);
    for (const line of json.removed) out.push(`  [${line.reason}] ${line.text}`);
  }
  return out.join('\n');
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  if (typeof options === 'string') {
    const help = process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h');
    if (help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    process.stderr.write(options === USAGE ? `${USAGE}\n` : `${options}\n${USAGE}\n`);
    return 2;
  }
  try {
    const info = await stat(options.file);
    if (!info.isFile()) throw new ImportError('unreadable-file', 'it is not a file');
    // Refused before reading, so a huge file is never loaded into memory.
    if (info.size > DEFAULT_IMPORT_LIMITS.maxBytes) {
      throw new ImportError(
        'file-too-large',
        `the file is ${formatBytes(info.size)}, over the limit of ${formatBytes(DEFAULT_IMPORT_LIMITS.maxBytes)} for an article`,
      );
    }
    const bytes = await readFile(options.file);
    const started = performance.now();
    const imported = await importArticle(
      { name: basename(options.file), bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      options.publication ? { publication: options.publication } : {},
    );
    process.stderr.write(
      `${imported.format}: ${imported.words} words read, ${imported.article.paragraphs.length} paragraphs kept, ${imported.article.removed.length} lines removed, in ${Math.round(performance.now() - started)} ms\n`,
    );
    process.stdout.write(options.json ? `${JSON.stringify(toImportJson(imported))}\n` : `${toText(imported)}\n`);
    return 0;
  } catch (error) {
    const message =
      error instanceof ImportError ? error.message : error instanceof Error && 'code' in error ? fileError(error) : String(error);
    process.stderr.write(`import-article: ${options.file}: ${message.replace(/\s*\n\s*/gu, ' ')}\n`);
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
