import type { core } from 'zod';
import type { Report } from './problem.ts';
import { Question, QUESTION_TYPES } from './schema.ts';

// The bank's schema problems in an author's words: zod's default wording is written for
// programmers, and a teacher editing JSON needs to be told which question, which field, and
// what would be right.

export function reportSchemaIssue(issue: core.$ZodIssue, json: unknown, report: Report): void {
  const path = issue.path;
  let questionId: string | undefined;
  let fieldPath: PropertyKey[] = path;
  if (path[0] === 'questions' && typeof path[1] === 'number') {
    questionId = questionLabel(json, path[1]);
    fieldPath = path.slice(2);
  }

  if (issue.code === 'unrecognized_keys') {
    // One problem per key, named by the key, so the author can find the offending line.
    for (const key of issue.keys) {
      report(questionId, joinPath([...fieldPath, key]), `unknown field “${key}” (check its spelling)`);
    }
    return;
  }
  report(questionId, joinPath(fieldPath), describeIssue(issue, json));
}

/** A question's id when it has a usable one, else its position ("questions[3]"). */
function questionLabel(json: unknown, index: number): string {
  const question = isRecord(json) && Array.isArray(json['questions']) ? json['questions'][index] : undefined;
  const id = isRecord(question) ? question['id'] : undefined;
  return typeof id === 'string' && id.trim() !== '' ? id : `questions[${index}]`;
}

function joinPath(path: readonly PropertyKey[]): string | undefined {
  return path.length === 0 ? undefined : path.map(String).join('.');
}

function describeIssue(issue: core.$ZodIssue, json: unknown): string {
  const value = valueAt(json, issue.path);
  switch (issue.code) {
    case 'invalid_union':
      if (issue.discriminator === 'type') {
        const found = typeof value === 'string' ? `unknown question type “${value}”` : 'missing question type';
        return `${found}; use one of: ${QUESTION_TYPES.join(', ')}`;
      }
      return issue.message;
    case 'invalid_type':
      if (value === undefined) return `missing (expected ${issue.expected})`;
      return `expected ${issue.expected}, found ${describeJsonType(value)}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((allowed) => String(allowed)).join(', ')}`;
    case 'too_small':
      if (issue.origin === 'number' || issue.origin === 'int') return `must be at least ${String(issue.minimum)}`;
      return issue.message;
    case 'too_big':
      if (issue.origin === 'number' || issue.origin === 'int') return `must be at most ${String(issue.maximum)}`;
      return issue.message;
    default:
      return issue.message;
  }
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let current = json;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function wellFormedQuestions(json: unknown): Question[] {
  if (!isRecord(json) || !Array.isArray(json['questions'])) return [];
  return json['questions'].flatMap((candidate: unknown) => {
    const parsed = Question.safeParse(candidate);
    return parsed.success ? [parsed.data] : [];
  });
}

export function reportDuplicateQuestionIds(json: unknown, report: Report): void {
  if (!isRecord(json) || !Array.isArray(json['questions'])) return;
  const firstIndexById = new Map<string, number>();
  json['questions'].forEach((question: unknown, index: number) => {
    const id = isRecord(question) ? question['id'] : undefined;
    if (typeof id !== 'string') return;
    const first = firstIndexById.get(id);
    if (first === undefined) firstIndexById.set(id, index);
    else report(id, 'id', `duplicate question id (questions[${first}] and questions[${index}] both use it)`);
  });
}
