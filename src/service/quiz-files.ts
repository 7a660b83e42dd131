import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadQuiz } from '../core/bank/load.ts';
import type { Problem } from '../core/bank/load.ts';
import type { LoadedQuiz } from '../core/bank/loaded.ts';

// Reads quiz folders from disk and hands their text to the pure loader. A quiz folder holds
// bank.json and the article it names (article.txt unless the bank says otherwise).

export const BANK_FILE_NAME = 'bank.json';
const DEFAULT_ARTICLE_FILE_NAME = 'article.txt';

export interface QuizFilesResult {
  quizzes: LoadedQuiz[];
  problems: Problem[];
}

/** Every quiz in a folder of quiz folders (e.g. questions/), sorted by quiz id. */
export function loadQuizDirectory(questionsDir: string): QuizFilesResult {
  const found = collectBankFiles(questionsDir);
  if (!found.ok) return { quizzes: [], problems: [found.problem] };
  return loadBankFiles(found.bankFiles);
}

/**
 * For the command line: each path may be a bank file, a quiz folder (holding bank.json) or a
 * folder of quiz folders.
 */
export function loadQuizPaths(paths: readonly string[]): QuizFilesResult {
  const bankFiles: string[] = [];
  const problems: Problem[] = [];
  for (const given of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(given).isDirectory();
    } catch {
      problems.push({ file: displayName(given), message: 'no such file or folder' });
      continue;
    }
    if (!isDirectory) {
      bankFiles.push(given);
    } else if (existsSync(path.join(given, BANK_FILE_NAME))) {
      bankFiles.push(path.join(given, BANK_FILE_NAME));
    } else {
      const found = collectBankFiles(given);
      if (!found.ok) problems.push(found.problem);
      else if (found.bankFiles.length === 0) {
        problems.push({ file: displayName(given), message: `no ${BANK_FILE_NAME} here or in its subfolders` });
      } else bankFiles.push(...found.bankFiles);
    }
  }
  const loaded = loadBankFiles(bankFiles);
  return { quizzes: loaded.quizzes, problems: [...problems, ...loaded.problems] };
}

type BankFilesFound = { ok: true; bankFiles: string[] } | { ok: false; problem: Problem };

/** The bank.json of every immediate subfolder that has one, in folder-name order. */
function collectBankFiles(questionsDir: string): BankFilesFound {
  try {
    const bankFiles = readdirSync(questionsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
      .map((name) => path.join(questionsDir, name, BANK_FILE_NAME))
      .filter((bankFile) => existsSync(bankFile));
    return { ok: true, bankFiles };
  } catch (error) {
    return { ok: false, problem: { file: displayName(questionsDir), message: `cannot read the folder: ${errorMessage(error)}` } };
  }
}

function loadBankFiles(bankFiles: readonly string[]): QuizFilesResult {
  const quizzes: LoadedQuiz[] = [];
  const problems: Problem[] = [];
  const bankFileByQuizId = new Map<string, string>();
  const seenFiles = new Set<string>();

  for (const bankFile of bankFiles) {
    const absolute = path.resolve(bankFile);
    if (seenFiles.has(absolute)) continue;
    seenFiles.add(absolute);

    const result = loadBankFile(bankFile);
    if (!result.ok) {
      problems.push(...result.problems);
      continue;
    }
    const { quiz } = result;
    const earlier = bankFileByQuizId.get(quiz.id);
    if (earlier !== undefined) {
      // The app keys progress and results by quiz id, so two quizzes may not share one.
      problems.push({ file: displayName(bankFile), field: 'id', message: `quiz id “${quiz.id}” is already used by ${earlier}` });
      continue;
    }
    bankFileByQuizId.set(quiz.id, displayName(bankFile));
    quizzes.push(quiz);
  }
  quizzes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { quizzes, problems };
}

type BankFileResult = { ok: true; quiz: LoadedQuiz } | { ok: false; problems: Problem[] };

function loadBankFile(bankFile: string): BankFileResult {
  const file = displayName(bankFile);
  let bankText: string;
  try {
    bankText = readFileSync(bankFile, 'utf8');
  } catch (error) {
    return { ok: false, problems: [{ file, message: `cannot read the file: ${errorMessage(error)}` }] };
  }

  const articleName = articleFileName(bankText);
  if (path.basename(articleName) !== articleName || articleName === '..') {
    // Quiz folders are copied between machines as a unit, so the article must travel with the bank.
    return { ok: false, problems: [{ file, field: 'article', message: `“${articleName}” must be the name of a file beside bank.json` }] };
  }
  const articleFile = path.join(path.dirname(bankFile), articleName);
  let articleText: string;
  try {
    articleText = readFileSync(articleFile, 'utf8');
  } catch (error) {
    // Without the article nothing can be checked against it, but a broken bank.json is still
    // worth reporting in the same run, so only the JSON syntax is looked at.
    const problems: Problem[] = [
      { file, field: 'article', message: `cannot read the article file ${displayName(articleFile)}: ${errorMessage(error)}` },
    ];
    const syntax = loadQuiz({ bankFile: file, bankText, articleText: '' });
    if (!syntax.ok) problems.push(...syntax.problems.filter((problem) => problem.line !== undefined));
    return { ok: false, problems };
  }
  return loadQuiz({ bankFile: file, bankText, articleText });
}

/** The article named by the bank, read leniently: the real validation happens in loadQuiz. */
function articleFileName(bankText: string): string {
  try {
    const json: unknown = JSON.parse(bankText.replace(/^\uFEFF/u, ''));
    if (typeof json === 'object' && json !== null && 'article' in json) {
      const name = (json as { article: unknown }).article;
      if (typeof name === 'string' && name.trim() !== '') return name.trim();
    }
  } catch {
    // loadQuiz reports the syntax error.
  }
  return DEFAULT_ARTICLE_FILE_NAME;
}

function displayName(file: string): string {
  const relative = path.relative(process.cwd(), path.resolve(file));
  return relative === '' ? '.' : relative;
}

function errorMessage(error: unknown): string {
  if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return 'not found';
  return error instanceof Error ? error.message : String(error);
}
