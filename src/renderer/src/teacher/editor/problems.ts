import type { QuestionProblem } from '../../../../shared/contract.ts';

/** The problems at `field`, and with `nested` those inside it too ("options" takes "options.2.text"). */
export function problemsAt(problems: readonly QuestionProblem[], field: string, nested = false): QuestionProblem[] {
  return problems.filter((p) => p.field === field || (nested && p.field.startsWith(`${field}.`)));
}
