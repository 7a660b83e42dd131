import { quoteIndexOf, type Article } from '../../core/article/index.ts';
import { checkQuestion } from '../../core/bank/checks.ts';
import type { LoadedQuestion } from '../../core/bank/loaded.ts';
import { Question } from '../../core/bank/schema.ts';
import { reportDuplicateQuestionIds, reportSchemaIssue } from '../../core/bank/schema-issues.ts';
import { fieldLabel, inTeachersWords } from './words.ts';

// The editor's verdict on the one question being edited. No rule lives here: the schema, the
// per-type checks and the duplicate-id rule are the loader's own (src/core/bank), called the
// way loadQuiz calls them, so a question the editor accepts is one the app loads. Only the
// wording is translated, from a bank author's field paths into the editor's labels.

export interface QuestionProblem {
  /** The bank's dotted path inside the question, e.g. "options.2.text": the form puts the message beside that field. */
  field: string;
  /** The field as the editor's form names it, e.g. "Option 3". */
  label: string;
  message: string;
}

export interface CheckedQuestion {
  problems: QuestionProblem[];
  /** The question with its quotes resolved, when the schema accepted it (problems of the checks may remain). */
  loaded?: LoadedQuestion;
}

/**
 * Checks `draft` (the question as the editor holds it, unparsed) against `article`.
 * `otherIds` are the ids of the bank's other questions: the one cross-question rule (ids are
 * unique) costs a set lookup, so it runs on every keystroke too.
 */
export function checkDraftQuestion(draft: unknown, article: Article, otherIds: readonly string[] = []): CheckedQuestion {
  const problems: QuestionProblem[] = [];
  const add = (field: string | undefined, message: string) => {
    const at = field ?? '';
    problems.push({ field: at, label: fieldLabel(at), message: inTeachersWords(at, message) });
  };

  // The loader words schema problems against a bank; the draft is put where it would stand in one.
  const asBank = { questions: [draft] };
  const parsed = Question.safeParse(draft);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      reportSchemaIssue({ ...issue, path: ['questions', 0, ...issue.path] } as typeof issue, asBank, (_id, field, message) =>
        add(field, message),
      );
    }
  }

  const ownId = isRecord(draft) && typeof draft['id'] === 'string' ? draft['id'] : undefined;
  if (ownId !== undefined && otherIds.includes(ownId)) {
    const withOthers = { questions: [...otherIds.filter((id) => id === ownId).map((id) => ({ id })), draft] };
    reportDuplicateQuestionIds(withOthers, (_id, field, message) => add(field, message));
  }

  if (!parsed.success) return { problems };
  const loaded = checkQuestion(parsed.data, quoteIndexOf(article), add);
  if (article.sentences.length === 0) add('evidence', 'the article has no body text to quote');
  const names = itemNames(parsed.data);
  return { problems: problems.map((p) => ({ ...p, message: namesForIds(p.message, names) })), loaded };
}

/** What the form calls each option, item or gap, by its id: the teacher never sees the ids. */
function itemNames(question: Question): Map<string, string> {
  const names = new Map<string, string>();
  const name = (items: readonly { id: string }[], noun: string) =>
    items.forEach((item, i) => names.set(`${noun.toLowerCase()} “${item.id}”`, `${noun} ${i + 1}`));
  switch (question.type) {
    case 'single-choice':
    case 'multiple-select':
      name(question.options, 'Option');
      break;
    case 'ordering':
      name(question.items, 'Item');
      break;
    case 'matching':
      name(question.left, 'Left item');
      name(question.right, 'Right item');
      break;
    case 'cloze':
      name(question.gaps, 'Gap');
      break;
    case 'two-part':
      name(question.partA.options, 'Option');
      name(question.partB.options, 'Option');
      break;
  }
  return names;
}

/** “left item “l2” is in no pair” → “Left item 2 is in no pair”. */
function namesForIds(message: string, names: Map<string, string>): string {
  return message.replace(/\b(left item|right item|option|item|gap) “([^”]*)”/g, (whole: string) => names.get(whole) ?? whole);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
