// Imports a question file (QTI package, Moodle XML, GIFT or Aiken) into the library of a data
// folder as a new draft quiz, exactly as the app's "Import questions…" does, and says what became
// of each question.
//
//   npm run import-quiz -- FILE [--article FILE] [--format F] [--data-dir DIR] [--dry-run] [--json]
//
// The article comes from the file when it carries one (a QTI stimulus, Evident's own Moodle or
// GIFT export), else from --article (.txt, .html, .docx or .pdf, cleaned up as the import screen
// does). Questions whose evidence is not quoted are kept and marked "needs-evidence": the editor
// asks for it, and the quiz cannot be published until it has it. --dry-run reads everything and
// prints the result without touching the data folder. With --json, stdout is one JSON object;
// the one-line summary goes to stderr. Exit status: 0 imported, 1 refused, 2 usage error.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/core/bank/load.ts';
import { DataFolderInUse, lockDataFolder } from '../src/service/data-lock.ts';
import { createInterchange, type QuestionFileRequest } from '../src/service/interchange/channel.ts';
import { createLibrary } from '../src/service/library/library.ts';
import { loadQuizDirectory } from '../src/service/quiz-files.ts';
import { openStore } from '../src/service/store.ts';
import type { ImportReport } from '../src/shared/interchange-contract.ts';
import { IMPORT_FORMAT_IDS } from '../src/shared/interchange-contract.ts';
import { desktopDataDir } from './desktop-data-dir.ts';

const USAGE = `usage: npm run import-quiz -- FILE [--article FILE] [--format ${IMPORT_FORMAT_IDS.join('|')}] [--data-dir DIR] [--questions DIR] [--dry-run] [--json]`;
const DATABASE_FILE = 'evident.db';

function readBytes(path: string): Uint8Array | string {
  try {
    const buffer = readFileSync(path);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `there is no file ${path}` : `cannot read ${path}: ${code ?? String(error)}`;
  }
}

function summary(report: ImportReport, title: string, where: string): string {
  return `${report.fileName}: ${report.questions.length} questions read; ${report.imported} imported, ${report.needsEvidence} need evidence, ${report.skipped} skipped → “${title}” ${where}`;
}

function printReport(report: ImportReport): void {
  for (const q of report.questions) console.log(`  ${q.status.padEnd(14)} ${q.id} (${q.type})${q.reason ? `: ${q.reason}` : ''}`);
  for (const note of report.notes) console.log(`  note: ${note}`);
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        article: { type: 'string' },
        format: { type: 'string' },
        'data-dir': { type: 'string' },
        questions: { type: 'string' },
        'dry-run': { type: 'boolean' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    console.error(`import-quiz: ${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    console.error(positionals.length === 0 ? USAGE : `import-quiz: one question file at a time (got ${positionals.length})\n${USAGE}`);
    return 2;
  }
  const format = values.format;
  if (format !== undefined && !(IMPORT_FORMAT_IDS as readonly string[]).includes(format)) {
    console.error(`import-quiz: unknown format "${format}": use one of ${IMPORT_FORMAT_IDS.join(', ')}`);
    return 2;
  }
  const file = positionals[0]!;
  const bytes = readBytes(file);
  if (typeof bytes === 'string') {
    console.error(`import-quiz: ${bytes}`);
    return 1;
  }
  const request: QuestionFileRequest = {
    fileName: basename(file),
    bytes,
    ...(format && { format: format as QuestionFileRequest['format'] }),
  };
  if (values.article !== undefined) {
    const article = readBytes(values.article);
    if (typeof article === 'string') {
      console.error(`import-quiz: ${article}`);
      return 1;
    }
    request.articleFile = { name: basename(values.article), bytes: article };
  }

  const questionsDir = resolve(values.questions ?? join(import.meta.dirname, '..', 'questions'));
  const dryRun = values['dry-run'] === true;
  const dataDir = resolve(values['data-dir'] ?? desktopDataDir());
  const { quizzes } = loadQuizDirectory(questionsDir);

  if (dryRun) {
    // Nothing is written: a library without a data folder, reading and checking only.
    const store = openStore(':memory:');
    try {
      const library = createLibrary({ bundled: quizzes, bundledDir: questionsDir, store });
      const { report, questions, prepared } = await createInterchange({ catalogue: library.catalogue, library }).previewImport(request);
      if (values.json) {
        console.log(JSON.stringify({ dryRun: true, title: prepared.title, ...report, bank: { questions } }, null, 2));
      } else printReport(report);
      console.error(summary(report, prepared.title, '(dry run: nothing was imported)'));
      return 0;
    } finally {
      store.close();
    }
  }

  if (!existsSync(dataDir) && values['data-dir'] === undefined) {
    console.error(`import-quiz: there is no data folder at ${dataDir}; start Evident once, or give one with --data-dir`);
    return 1;
  }
  mkdirSync(dataDir, { recursive: true });
  let lock;
  try {
    lock = lockDataFolder(dataDir);
  } catch (error) {
    if (error instanceof DataFolderInUse) {
      console.error(`import-quiz: ${error.message}; close it and run this again, or use “Import questions…” in the app`);
      return 1;
    }
    throw error;
  }
  const store = openStore(join(dataDir, DATABASE_FILE));
  try {
    const library = createLibrary({ bundled: quizzes, bundledDir: questionsDir, dataDir, store });
    for (const problem of library.problems) console.error(`import-quiz: warning: ${formatProblem(problem)}`);
    const { quizId, title, report } = await createInterchange({ catalogue: library.catalogue, library }).importQuestionFile(request);
    if (values.json) console.log(JSON.stringify({ quizId, title, dataDir, ...report }, null, 2));
    else printReport(report);
    console.error(summary(report, title, `saved as draft quiz ${quizId} in ${join(dataDir, 'quizzes', quizId)}`));
    return 0;
  } finally {
    store.close();
    lock.release();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A refusal (ServiceError) is a sentence naming the file, the question or line and the problem.
    const message = error instanceof Error ? error.message : String(error);
    const hint = (error as { reason?: string }).reason === 'article-needed' ? ' (give it with --article FILE)' : '';
    console.error(`import-quiz: ${message}${hint}`);
    process.exitCode = 1;
  },
);
