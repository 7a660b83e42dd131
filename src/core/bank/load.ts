import type { core } from 'zod';
import { normaliseForMatch, parseArticle } from '../article/index.ts';
import type { Article, QuoteMatch, Sentence } from '../article/index.ts';
import type { LoadedQuestion, LoadedQuiz } from './loaded.ts';
import { Bank, Question, QUESTION_TYPES } from './schema.ts';
import type { QuestionOf } from './schema.ts';

// Pure on purpose (no node:*, no DOM): the main process, the CLI and the tests all load banks
// through this one function, so a bank the checker accepts is exactly a bank the app accepts.

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

export type LoadResult = { ok: true; quiz: LoadedQuiz } | { ok: false; problems: Problem[] };

export interface LoadInput {
  /** The name problems are reported against, e.g. "questions/north-korea-un/bank.json". */
  bankFile: string;
  bankText: string;
  articleText: string;
}

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

  const article = parseArticle(articleText, parsedBank.success ? parsedBank.data.source : {});
  if (article.sentences.length === 0) report(undefined, 'article', 'the article has no body text to quote');

  // Check every question that is well formed on its own, even when the bank as a whole is not,
  // so that an author sees all the problems in one run rather than one layer at a time.
  const questions = parsedBank.success ? parsedBank.data.questions : wellFormedQuestions(json.value);
  const resolver = new QuoteResolver(article);
  const loadedQuestions = questions.map((question) =>
    checkQuestion(question, resolver, (field, message) => report(question.id, field, message)),
  );
  reportDuplicateQuestionIds(json.value, report);

  if (problems.length > 0 || !parsedBank.success) return { ok: false, problems };
  const bank = parsedBank.data;
  return {
    ok: true,
    quiz: { id: bank.id, title: bank.title ?? article.headline, bank, article, questions: loadedQuestions },
  };
}

// ---------------------------------------------------------------------------------------------
// JSON

type JsonResult = { ok: true; value: unknown } | { ok: false; problem: Problem };

function parseJson(file: string, text: string): JsonResult {
  // Editors on Windows like to save a byte-order mark, which JSON.parse rejects.
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(withoutBom) };
  } catch (error) {
    const engineMessage = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: { file, ...describeJsonError(engineMessage, withoutBom) } };
  }
}

function describeJsonError(engineMessage: string, text: string): { message: string; line: number; column: number } {
  // V8 states the position for some errors ("... in JSON at position 11 (line 2 column 6)") but
  // for others only quotes a snippet of the file ("Unexpected token ']', ..."), so the offset is
  // found by scanning the text when the engine does not give it.
  const stated = /\(line (\d+) column (\d+)\)/u.exec(engineMessage);
  const statedOffset = /at position (\d+)/u.exec(engineMessage)?.[1];
  const offset = statedOffset === undefined ? findJsonErrorOffset(text) : Number(statedOffset);
  const { line, column } =
    stated?.[1] && stated[2] ? { line: Number(stated[1]), column: Number(stated[2]) } : positionToLineColumn(text, offset);

  const reason = engineMessage
    .replace(/\s*in JSON at position \d+(?:\s*\(line \d+ column \d+\))?/u, '')
    .replace(/, (?:\.\.\.)?"[\s\S]*is not valid JSON$/u, '');
  return { message: `invalid JSON: ${reason}${hintFor(text, offset)}`, line, column };
}

// The commonest hand-editing mistakes, which the engine's wording does not make obvious.
function hintFor(text: string, offset: number): string {
  const character = text[offset] ?? '';
  if ((character === ']' || character === '}') && /,\s*$/u.test(text.slice(0, offset))) {
    return ' (remove the comma before it: JSON allows no comma after the last item)';
  }
  if (character === "'" || /\p{L}/u.test(character)) return ' (text must be written in "double quotes")';
  return '';
}

/** The offset of the first syntax error in text that JSON.parse has rejected; text.length if at the end. */
export function findJsonErrorOffset(text: string): number {
  let index = 0;
  class Stop extends Error {}
  const fail = (at: number): never => {
    index = at;
    throw new Stop();
  };
  const skipWhitespace = (): void => {
    while (index < text.length && ' \t\n\r'.includes(text[index] as string)) index++;
  };
  const expect = (character: string): void => {
    skipWhitespace();
    if (text[index] !== character) fail(index);
    index++;
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const scanString = (): void => {
    index++; // the opening quote
    while (index < text.length) {
      const character = text[index] as string;
      if (character === '"') {
        index++;
        return;
      }
      if (character === '\\') {
        const escaped = text[index + 1];
        if (escaped === 'u') {
          if (!/^[0-9a-fA-F]{4}$/u.test(text.slice(index + 2, index + 6))) fail(index + 1);
          index += 6;
          continue;
        }
        if (escaped === undefined || !'"\\/bfnrt'.includes(escaped)) fail(index + 1);
        index += 2;
        continue;
      }
      if (character < ' ') fail(index);
      index++;
    }
    fail(text.length);
  };

  const scanValue = (): void => {
    skipWhitespace();
    const character = text[index];
    if (character === '{') {
      index++;
      skipWhitespace();
      if (text[index] === '}') {
        index++;
        return;
      }
      for (;;) {
        skipWhitespace();
        if (text[index] !== '"') fail(index);
        scanString();
        expect(':');
        scanValue();
        skipWhitespace();
        if (text[index] === ',') index++;
        else return expect('}');
      }
    }
    if (character === '[') {
      index++;
      skipWhitespace();
      if (text[index] === ']') {
        index++;
        return;
      }
      for (;;) {
        scanValue();
        skipWhitespace();
        if (text[index] === ',') index++;
        else return expect(']');
      }
    }
    if (character === '"') return scanString();
    const literal = ['true', 'false', 'null'].find((word) => word[0] === character);
    if (literal !== undefined) {
      // Like the engine, point at the first letter that stops matching: "fixture" fails at "i".
      for (const letter of literal) {
        if (text[index] !== letter) fail(index);
        index++;
      }
      return;
    }
    NUMBER.lastIndex = index;
    if (NUMBER.test(text)) {
      index = NUMBER.lastIndex;
      return;
    }
    fail(index);
  };

  try {
    scanValue();
    skipWhitespace();
    if (index < text.length) fail(index);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return Math.min(index, text.length);
  }
  // The scanner accepted what the engine rejected (it should not happen): blame the end.
  return text.length;
}

export function positionToLineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

// ---------------------------------------------------------------------------------------------
// Schema issues

type Report = (questionId: string | undefined, field: string | undefined, message: string) => void;

function reportSchemaIssue(issue: core.$ZodIssue, json: unknown, report: Report): void {
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

// zod's default wording is written for programmers; a teacher editing JSON needs plainer words.
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

function wellFormedQuestions(json: unknown): Question[] {
  if (!isRecord(json) || !Array.isArray(json['questions'])) return [];
  return json['questions'].flatMap((candidate: unknown) => {
    const parsed = Question.safeParse(candidate);
    return parsed.success ? [parsed.data] : [];
  });
}

function reportDuplicateQuestionIds(json: unknown, report: Report): void {
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

// ---------------------------------------------------------------------------------------------
// Quotes

/**
 * Resolves quotes to sentences with the same rules as findSentenceByQuote (an exact sentence
 * wins; otherwise the passage must occur in exactly one sentence), but indexed: a bank of
 * thousands of questions would otherwise renormalise the whole article for every quote.
 */
class QuoteResolver {
  private readonly sentencesByText = new Map<string, Sentence[]>();
  private readonly sentences: Sentence[];
  /** Every normalised sentence, joined by newlines (which normalised text never contains). */
  private readonly allText: string;
  /** Where each sentence starts in allText, ascending. */
  private readonly starts: number[] = [];
  private readonly cache = new Map<string, QuoteMatch>();

  constructor(article: Article) {
    this.sentences = article.sentences;
    const texts = article.sentences.map((sentence) => normaliseForMatch(sentence.text));
    let offset = 0;
    texts.forEach((text, index) => {
      const sentence = article.sentences[index] as Sentence;
      const same = this.sentencesByText.get(text);
      if (same) same.push(sentence);
      else this.sentencesByText.set(text, [sentence]);
      this.starts.push(offset);
      offset += text.length + 1;
    });
    this.allText = texts.join('\n');
  }

  resolve(quote: string): QuoteMatch {
    const cached = this.cache.get(quote);
    if (cached) return cached;
    const wanted = normaliseForMatch(quote);
    const candidates = wanted === '' ? [] : (this.sentencesByText.get(wanted) ?? this.sentencesContaining(wanted));
    const [only, ...others] = candidates;
    const match: QuoteMatch =
      only === undefined
        ? { kind: 'missing' }
        : others.length === 0
          ? { kind: 'found', sentence: only }
          : { kind: 'ambiguous', sentences: candidates };
    this.cache.set(quote, match);
    return match;
  }

  /** One indexOf pass over the whole article instead of a search per sentence. */
  private sentencesContaining(passage: string): Sentence[] {
    const found: Sentence[] = [];
    for (let at = this.allText.indexOf(passage); at !== -1; ) {
      const index = this.sentenceIndexAt(at);
      found.push(this.sentences[index] as Sentence);
      // Continue from the next sentence: a passage counts once per sentence.
      const next = this.starts[index + 1];
      at = next === undefined ? -1 : this.allText.indexOf(passage, next);
    }
    return found;
  }

  private sentenceIndexAt(offset: number): number {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((this.starts[middle] as number) <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }

  /** The sentence the quote identifies, or undefined after reporting why there is not one. */
  sentenceFor(quote: string, field: string, problem: QuestionReport): Sentence | undefined {
    // An empty article is reported once; a "not found" for every quote would bury that.
    if (this.sentences.length === 0) return undefined;
    const match = this.resolve(quote);
    switch (match.kind) {
      case 'found':
        return match.sentence;
      case 'missing':
        problem(field, `quote not found in the article: “${quote}”`);
        return undefined;
      case 'ambiguous':
        problem(
          field,
          `quote occurs in more than one sentence (${match.sentences.map((s) => s.id).join(', ')}); quote more of the one you mean: “${quote}”`,
        );
        return undefined;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Questions

type QuestionReport = (field: string, message: string) => void;

function checkQuestion(question: Question, resolver: QuoteResolver, problem: QuestionReport): LoadedQuestion {
  const evidenceSentences = resolveQuotes(question.evidence, 'evidence', resolver, problem);
  let answerSentenceIds: string[] = [];
  let partBSentenceIds: Record<string, string> = {};

  switch (question.type) {
    case 'single-choice':
      checkUniqueIds(question.options, 'options', 'option', problem);
      checkReference(question.correct, question.options, 'correct', 'option', problem);
      break;
    case 'multiple-select':
      checkUniqueIds(question.options, 'options', 'option', problem);
      checkReferences(question.correct, question.options, 'correct', 'option', problem);
      break;
    case 'true-false-not-given':
      break;
    case 'short-answer':
      checkShortAnswer(question, evidenceSentences, problem);
      break;
    case 'cloze':
      checkCloze(question, evidenceSentences, problem);
      break;
    case 'evidence-selection':
      answerSentenceIds = resolveQuotes(question.answer, 'answer', resolver, problem).map((sentence) => sentence.id);
      break;
    case 'ordering':
      checkOrdering(question, problem);
      break;
    case 'matching':
      checkMatching(question, problem);
      break;
    case 'two-part':
      partBSentenceIds = checkTwoPart(question, resolver, problem);
      break;
  }

  return {
    ...question,
    evidenceSentenceIds: evidenceSentences.map((sentence) => sentence.id),
    answerSentenceIds,
    partBSentenceIds,
  };
}

/** Resolves each quote, reporting missing, ambiguous and repeated ones; returns those found. */
function resolveQuotes(quotes: readonly string[], field: string, resolver: QuoteResolver, problem: QuestionReport): Sentence[] {
  const found: Sentence[] = [];
  const fieldBySentenceId = new Map<string, string>();
  quotes.forEach((quote, index) => {
    const quoteField = `${field}.${index}`;
    const sentence = resolver.sentenceFor(quote, quoteField, problem);
    if (!sentence) return;
    const earlier = fieldBySentenceId.get(sentence.id);
    if (earlier !== undefined) {
      problem(quoteField, `quotes the same sentence (${sentence.id}) as ${earlier}`);
      return;
    }
    fieldBySentenceId.set(sentence.id, quoteField);
    found.push(sentence);
  });
  return found;
}

function checkUniqueIds(items: readonly { id: string }[], field: string, noun: string, problem: QuestionReport): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) problem(`${field}.${index}.id`, `duplicate ${noun} id “${item.id}”`);
    seen.add(item.id);
  });
}

function checkReference(
  id: string,
  items: readonly { id: string }[],
  field: string,
  noun: string,
  problem: QuestionReport,
): boolean {
  if (items.some((item) => item.id === id)) return true;
  problem(field, `“${id}” is not the id of any ${noun} (${listIds(items)})`);
  return false;
}

function checkReferences(
  ids: readonly string[],
  items: readonly { id: string }[],
  field: string,
  noun: string,
  problem: QuestionReport,
): void {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) problem(`${field}.${index}`, `“${id}” is listed twice`);
    else checkReference(id, items, `${field}.${index}`, noun, problem);
    seen.add(id);
  });
}

function listIds(items: readonly { id: string }[]): string {
  return `ids are: ${items.map((item) => item.id).join(', ')}`;
}

/** Case-insensitive containment after the same normalisation as quotes. */
function occursIn(needle: string, haystack: string): boolean {
  return normaliseForMatch(haystack).toLowerCase().includes(normaliseForMatch(needle).toLowerCase());
}

function checkShortAnswer(question: QuestionOf<'short-answer'>, evidence: Sentence[], problem: QuestionReport): void {
  const [model] = question.accepted;
  // Unresolved evidence has already been reported; checking against nothing would only add noise.
  if (model === undefined || evidence.length !== question.evidence.length) return;
  if (!evidence.some((sentence) => occursIn(model, sentence.text))) {
    problem(
      'accepted.0',
      `the model answer “${model}” does not occur in the evidence (${evidence.map((s) => s.id).join(', ')}); answers must be words of the text`,
    );
  }
}

const GAP_PLACEHOLDER = /\{\{([^{}]*)\}\}/gu;

function checkCloze(question: QuestionOf<'cloze'>, evidence: Sentence[], problem: QuestionReport): void {
  checkUniqueIds(question.gaps, 'gaps', 'gap', problem);
  const gapIds = new Set(question.gaps.map((gap) => gap.id));
  const placeholderCounts = new Map<string, number>();
  for (const match of question.text.matchAll(GAP_PLACEHOLDER)) {
    const id = (match[1] ?? '').trim();
    placeholderCounts.set(id, (placeholderCounts.get(id) ?? 0) + 1);
  }

  let consistent = true;
  for (const [id, count] of placeholderCounts) {
    if (!gapIds.has(id)) {
      problem('text', `{{${id}}} has no matching entry in gaps`);
      consistent = false;
    } else if (count > 1) {
      problem('text', `{{${id}}} appears ${count} times; each gap appears once`);
      consistent = false;
    }
  }
  question.gaps.forEach((gap, index) => {
    if (!placeholderCounts.has(gap.id)) {
      problem(`gaps.${index}.id`, `gap “${gap.id}” does not appear in the text as {{${gap.id}}}`);
      consistent = false;
    }
  });
  if (!consistent || evidence.length !== question.evidence.length) return;

  const modelAnswers = new Map(question.gaps.map((gap) => [gap.id, gap.accepted[0] ?? '']));
  const filled = question.text.replace(GAP_PLACEHOLDER, (_, id: string) => modelAnswers.get(id.trim()) ?? '');
  if (!evidence.some((sentence) => occursIn(filled, sentence.text))) {
    problem(
      'text',
      `with each gap filled with its first accepted answer, the text does not occur in the evidence (${evidence.map((s) => s.id).join(', ')}): “${filled}”`,
    );
  }
}

function checkOrdering(question: QuestionOf<'ordering'>, problem: QuestionReport): void {
  checkUniqueIds(question.items, 'items', 'item', problem);
  checkReferences(question.order, question.items, 'order', 'item', problem);
  const ordered = new Set(question.order);
  const missing = question.items.filter((item) => !ordered.has(item.id)).map((item) => item.id);
  if (missing.length > 0) problem('order', `must list every item once; missing: ${missing.join(', ')}`);
}

function checkMatching(question: QuestionOf<'matching'>, problem: QuestionReport): void {
  checkUniqueIds(question.left, 'left', 'left item', problem);
  checkUniqueIds(question.right, 'right', 'right item', problem);
  const pairIndexByLeft = new Map<string, number>();
  question.pairs.forEach((pair, index) => {
    checkReference(pair.left, question.left, `pairs.${index}.left`, 'left item', problem);
    checkReference(pair.right, question.right, `pairs.${index}.right`, 'right item', problem);
    const earlier = pairIndexByLeft.get(pair.left);
    if (earlier !== undefined) {
      problem(`pairs.${index}.left`, `left item “${pair.left}” is already paired in pairs.${earlier}; each left item has exactly one match`);
    } else {
      pairIndexByLeft.set(pair.left, index);
    }
  });
  for (const item of question.left) {
    if (!pairIndexByLeft.has(item.id)) problem('pairs', `left item “${item.id}” is in no pair`);
  }
}

function checkTwoPart(question: QuestionOf<'two-part'>, resolver: QuoteResolver, problem: QuestionReport): Record<string, string> {
  checkUniqueIds(question.partA.options, 'partA.options', 'option', problem);
  checkReference(question.partA.correct, question.partA.options, 'partA.correct', 'option', problem);
  checkUniqueIds(question.partB.options, 'partB.options', 'option', problem);
  checkReferences(question.partB.correct, question.partB.options, 'partB.correct', 'option', problem);

  const sentenceIds: Record<string, string> = {};
  const optionBySentenceId = new Map<string, string>();
  question.partB.options.forEach((option, index) => {
    const field = `partB.options.${index}.quote`;
    const sentence = resolver.sentenceFor(option.quote, field, problem);
    if (!sentence) return;
    const earlier = optionBySentenceId.get(sentence.id);
    // Two options quoting one sentence would be indistinguishable once highlighted in the text.
    if (earlier !== undefined) problem(field, `quotes the same sentence (${sentence.id}) as option “${earlier}”`);
    optionBySentenceId.set(sentence.id, option.id);
    sentenceIds[option.id] = sentence.id;
  });
  return sentenceIds;
}
