import { normaliseForMatch } from '../article/index.ts';
import type { QuoteIndex, Sentence } from '../article/index.ts';
import type { LoadedQuestion } from './loaded.ts';
import type { QuestionReport } from './problem.ts';
import { sentenceForQuote, sentencesForQuotes } from './quotes.ts';
import type { Question, QuestionOf } from './schema.ts';

// What the schema cannot say about a question: ids that refer to each other, answers that must
// be words of the evidence, gaps that must appear in the text. One check per question type.

/** Checks one well-formed question and resolves its quotes to sentence ids. */
export function checkQuestion(question: Question, quotes: QuoteIndex, problem: QuestionReport): LoadedQuestion {
  const evidenceSentences = sentencesForQuotes(quotes, question.evidence, 'evidence', problem);
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
      answerSentenceIds = sentencesForQuotes(quotes, question.answer, 'answer', problem).map((sentence) => sentence.id);
      break;
    case 'ordering':
      checkOrdering(question, problem);
      break;
    case 'matching':
      checkMatching(question, problem);
      break;
    case 'two-part':
      partBSentenceIds = checkTwoPart(question, quotes, problem);
      break;
  }

  return {
    ...question,
    evidenceSentenceIds: evidenceSentences.map((sentence) => sentence.id),
    answerSentenceIds,
    partBSentenceIds,
  };
}

function checkUniqueIds(items: readonly { id: string }[], field: string, noun: string, problem: QuestionReport): void {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (seen.has(item.id)) problem(`${field}.${index}.id`, `duplicate ${noun} id “${item.id}”`);
    seen.add(item.id);
  });
}

function checkReference(id: string, items: readonly { id: string }[], field: string, noun: string, problem: QuestionReport): boolean {
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
      problem(
        `pairs.${index}.left`,
        `left item “${pair.left}” is already paired in pairs.${earlier}; each left item has exactly one match`,
      );
    } else {
      pairIndexByLeft.set(pair.left, index);
    }
  });
  for (const item of question.left) {
    if (!pairIndexByLeft.has(item.id)) problem('pairs', `left item “${item.id}” is in no pair`);
  }
}

function checkTwoPart(question: QuestionOf<'two-part'>, quotes: QuoteIndex, problem: QuestionReport): Record<string, string> {
  checkUniqueIds(question.partA.options, 'partA.options', 'option', problem);
  checkReference(question.partA.correct, question.partA.options, 'partA.correct', 'option', problem);
  checkUniqueIds(question.partB.options, 'partB.options', 'option', problem);
  checkReferences(question.partB.correct, question.partB.options, 'partB.correct', 'option', problem);

  const sentenceIds: Record<string, string> = {};
  const optionBySentenceId = new Map<string, string>();
  question.partB.options.forEach((option, index) => {
    const field = `partB.options.${index}.quote`;
    const sentence = sentenceForQuote(quotes, option.quote, field, problem);
    if (!sentence) return;
    const earlier = optionBySentenceId.get(sentence.id);
    // Two options quoting one sentence would be indistinguishable once highlighted in the text.
    if (earlier !== undefined) problem(field, `quotes the same sentence (${sentence.id}) as option “${earlier}”`);
    optionBySentenceId.set(sentence.id, option.id);
    sentenceIds[option.id] = sentence.id;
  });
  return sentenceIds;
}
