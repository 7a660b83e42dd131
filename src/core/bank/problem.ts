// What the bank checker reports: every problem names the file, and the question and field
// when there is one, so an author can go straight to it.

export interface Problem {
  file: string;
  questionId?: string;
  /** Dotted path inside the question (or the bank, when there is no question), e.g. "options.2.id". */
  field?: string;
  message: string;
  /** Only for JSON syntax errors: 1-based position of the error in the file. */
  line?: number;
  column?: number;
}

/** Reports a problem of the bank file: in a question (by id) or the bank itself, at a field or not. */
export type Report = (questionId: string | undefined, field: string | undefined, message: string) => void;

/** Reports a problem at a field of the question being checked. */
export type QuestionReport = (field: string, message: string) => void;

/** "file: question-id: field: message", or "file:line:column: message" for JSON syntax errors. */
export function formatProblem(problem: Problem): string {
  if (problem.line !== undefined) {
    const position = problem.column === undefined ? `${problem.line}` : `${problem.line}:${problem.column}`;
    return `${problem.file}:${position}: ${problem.message}`;
  }
  return [problem.file, problem.questionId, problem.field, problem.message]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(': ');
}
