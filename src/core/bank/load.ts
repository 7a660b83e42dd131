import { parseArticle, quoteIndexOf, ReviewedArticleError } from '../article/index.ts';
import type { Article } from '../article/index.ts';
import { checkQuestion } from './checks.ts';
import { parseJson } from './json-errors.ts';
import type { LoadedQuiz } from './loaded.ts';
import type { Problem } from './problem.ts';
import { Bank } from './schema.ts';
import { reportDuplicateQuestionIds, reportSchemaIssue, wellFormedQuestions } from './schema-issues.ts';

export { formatProblem, type Problem } from './problem.ts';

// Pure on purpose (no node:*, no DOM): the main process, the CLI and the tests all load banks
// through this one function, so a bank the checker accepts is exactly a bank the app accepts.
// The jobs are in their own files: JSON errors (json-errors.ts), the wording of schema problems
// (schema-issues.ts), quotes (quotes.ts over the article's QuoteIndex), per-type checks (checks.ts).

export type LoadResult = { ok: true; quiz: LoadedQuiz } | { ok: false; problems: Problem[] };

export interface LoadInput {
  /** The name problems are reported against, e.g. "questions/north-korea-un/bank.json". */
  bankFile: string;
  bankText: string;
  articleText: string;
}

export function loadQuiz({ bankFile, bankText, articleText }: LoadInput): LoadResult {
  const json = parseJson(bankFile, bankText);
  if (!json.ok) return { ok: false, problems: [json.problem] };

  const problems: Problem[] = [];
  const report = (questionId: string | undefined, field: string | undefined, message: string): void => {
    problems.push({ file: bankFile, ...(questionId !== undefined && { questionId }), ...(field && { field }), message });
  };

  const parsedBank = Bank.safeParse(json.value);
  if (!parsedBank.success) {
    for (const issue of parsedBank.error.issues) reportSchemaIssue(issue, json.value, report);
  }

  const article = readArticle(articleText, parsedBank.success ? parsedBank.data.source : {}, report);
  if (article.sentences.length === 0) report(undefined, 'article', 'the article has no body text to quote');

  // Check every question that is well formed on its own, even when the bank as a whole is not,
  // so that an author sees all the problems in one run rather than one layer at a time.
  const questions = parsedBank.success ? parsedBank.data.questions : wellFormedQuestions(json.value);
  const quotes = quoteIndexOf(article);
  const loadedQuestions = questions.map((question) =>
    checkQuestion(question, quotes, (field, message) => report(question.id, field, message)),
  );
  reportDuplicateQuestionIds(json.value, report);

  if (problems.length > 0 || !parsedBank.success) return { ok: false, problems };
  const bank = parsedBank.data;
  return {
    ok: true,
    quiz: { id: bank.id, title: bank.title ?? article.headline, bank, article, questions: loadedQuestions },
  };
}

/** The article; a checked article whose file was damaged is reported by line and read as empty. */
function readArticle(
  articleText: string,
  source: Article['source'],
  report: (q: undefined, field: string, message: string) => void,
): Article {
  try {
    return parseArticle(articleText, source);
  } catch (error) {
    if (!(error instanceof ReviewedArticleError)) throw error;
    report(undefined, 'article', `the article file is damaged: ${error.message}`);
    return parseArticle('', source);
  }
}
