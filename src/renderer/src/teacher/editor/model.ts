import type { BankQuestion, QuestionType } from '../../../../shared/contract.ts';

// The editor's vocabulary: the article it shows, the questions it builds (the bank's own shape,
// so what it saves is an ordinary bank.json), and the small pure steps every form shares.

export interface EditorSentence {
  id: string;
  text: string;
}
export interface EditorParagraph {
  id: string;
  number: number;
  sentences: EditorSentence[];
}
/** A picture's caption as the library stores it: its sentences ("c1.s1") are citable like the body's. */
export interface EditorCaption {
  id?: string;
  text: string;
  credit?: string;
  sentences?: EditorSentence[];
}
export interface EditorArticle {
  headline: string;
  paragraphs: EditorParagraph[];
  captions?: readonly EditorCaption[];
}

/** A caption as the article picker lists it, after the body: its id ("c1"), its place among the captions, its sentences. */
export interface EditorCaptionBlock {
  id: string;
  number: number;
  credit?: string;
  sentences: EditorSentence[];
}

export function captionsOf(article: EditorArticle): EditorCaptionBlock[] {
  return (article.captions ?? []).flatMap((caption, i) =>
    caption.sentences && caption.sentences.length > 0
      ? [
          {
            id: caption.id ?? `c${i + 1}`,
            number: i + 1,
            ...(caption.credit ? { credit: caption.credit } : {}),
            sentences: caption.sentences,
          },
        ]
      : [],
  );
}

export type Draft = BankQuestion;
export type DraftOf<T extends QuestionType> = Extract<Draft, { type: T }>;

/** Copy-paste differences only (spaces, curly quotes), as the checker compares quotes; never case or wording. */
export function normaliseQuote(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[‘’‚‛]/gu, "'")
    .replace(/[“”„‟]/gu, '"');
}

/** Every sentence a question may cite, in reading order: the body's, then the captions' (as the checker counts them). */
export function sentencesOf(article: EditorArticle): EditorSentence[] {
  return [...article.paragraphs.flatMap((p) => p.sentences), ...captionsOf(article).flatMap((c) => c.sentences)];
}

/**
 * The sentence a quote stands for, to show the evidence selected in the article. Only for
 * display: whether the quote is right is the checker's to say (it may be ambiguous or missing).
 */
export function sentenceIdOfQuote(sentences: readonly EditorSentence[], quote: string): string | undefined {
  const wanted = normaliseQuote(quote);
  if (wanted === '') return undefined;
  const exact = sentences.find((s) => normaliseQuote(s.text) === wanted);
  if (exact) return exact.id;
  const containing = sentences.filter((s) => normaliseQuote(s.text).includes(wanted));
  return containing.length === 1 ? containing[0]?.id : undefined;
}

/** The first id of the form `${prefix}${n}` not in `taken`. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** Moves the item at `from` to `to` (both in range), returning a new array. */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}

const OPTION_IDS = 'abcdefghijklmnopqrstuvwxyz';
/** Options are named a, b, c… as a printed quiz would, then a1, a2… beyond the alphabet. */
export function nextOptionId(taken: readonly { id: string }[]): string {
  const used = new Set(taken.map((o) => o.id));
  for (const letter of OPTION_IDS) if (!used.has(letter)) return letter;
  return nextId('a', used);
}

export const TYPE_ORDER: QuestionType[] = [
  'single-choice',
  'multiple-select',
  'true-false-not-given',
  'short-answer',
  'cloze',
  'evidence-selection',
  'ordering',
  'matching',
  'two-part',
];

export const TYPE_HELP: Record<QuestionType, string> = {
  'single-choice': 'One correct option among several.',
  'multiple-select': 'Several correct options; partial credit.',
  'true-false-not-given': 'A statement the text confirms, contradicts or does not mention.',
  'short-answer': 'A few words, taken from the evidence.',
  cloze: 'A sentence of the text with words turned into gaps.',
  'evidence-selection': 'The student finds the sentences in the article.',
  ordering: 'Events or steps put in order.',
  matching: 'Pairs: statements to speakers, causes to effects.',
  'two-part': 'A choice, then the sentence that supports it.',
};

/** A new question of `type` citing `evidence`, with the fields the teacher still has to fill left empty (the checker says so). */
export function newQuestion(type: QuestionType, id: string, evidence: string[]): Draft {
  const common = { id, prompt: '', evidence, explanation: '', points: 1, skill: 'detail' as const, difficulty: 'medium' as const };
  const options = (n: number) => Array.from({ length: n }, (_, i) => ({ id: OPTION_IDS[i] as string, text: '' }));
  switch (type) {
    case 'single-choice':
      return { ...common, type, options: options(3), correct: 'a' };
    case 'multiple-select':
      return { ...common, type, options: options(4), correct: ['a'] };
    case 'true-false-not-given':
      return { ...common, type, answer: 'true' };
    case 'short-answer':
      return { ...common, type, accepted: [] };
    case 'cloze':
      return { ...common, type, text: evidence[0] ?? '', gaps: [] };
    case 'evidence-selection':
      return { ...common, type, answer: [] };
    case 'ordering': {
      const items = [1, 2, 3].map((n) => ({ id: `i${n}`, text: '' }));
      return { ...common, type, items, order: items.map((item) => item.id) };
    }
    case 'matching':
      return {
        ...common,
        type,
        left: [
          { id: 'l1', text: '' },
          { id: 'l2', text: '' },
        ],
        right: [
          { id: 'r1', text: '' },
          { id: 'r2', text: '' },
        ],
        pairs: [
          { left: 'l1', right: 'r1' },
          { left: 'l2', right: 'r2' },
        ],
      };
    case 'two-part':
      return {
        ...common,
        type,
        partA: { prompt: '', options: options(3), correct: 'a' },
        partB: { prompt: 'Which sentence from the article best supports your answer to Part A?', options: [], correct: [] },
      };
  }
}

/** The words of a sentence with where each starts and ends, for picking answers and gaps. */
export interface Word {
  text: string;
  start: number;
  end: number;
}
export function wordsOf(text: string): Word[] {
  const words: Word[] = [];
  for (const match of text.matchAll(/\S+/gu)) {
    // Punctuation around a word is not part of the answer: “Pyongyang,” picks “Pyongyang”.
    const raw = match[0];
    const lead = /^[\p{P}\p{S}]*/u.exec(raw)?.[0].length ?? 0;
    const trail = /[\p{P}\p{S}]*$/u.exec(raw.slice(lead))?.[0].length ?? 0;
    const start = match.index + lead;
    const end = match.index + raw.length - trail;
    if (end > start) words.push({ text: text.slice(start, end), start, end });
  }
  return words;
}

/** The text from word `from` to word `to` (inclusive, either order), as written in the sentence. */
export function spanText(text: string, words: readonly Word[], from: number, to: number): string {
  const [a, b] = from <= to ? [from, to] : [to, from];
  const first = words[a];
  const last = words[b];
  return first && last ? text.slice(first.start, last.end) : '';
}

/** A sentence's opening words, to name it in a list without repeating the article. */
export function opening(text: string, words = 8): string {
  const all = text.replace(/^[“"‘']/, '').split(/\s+/);
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : text;
}
