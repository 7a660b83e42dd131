import type { Question, TruthValue } from '../bank/schema.ts';
import { htmlToText, type ImportedQuestionReport, MOODLE_IMPORT_LIMITS, type MoodleImport, options, slug } from './moodle-import.ts';

// Reads GIFT (https://docs.moodle.org/en/GIFT_format) into bank questions: a small grammar of our
// own (the one GIFT parser on npm is a PEG.js build with a handful of users, and its errors do not
// name the question). Blocks are separated by blank lines; `//` starts a comment line;
// `$CATEGORY:` switches category; `::title::`, `[html]`/`[markdown]`/`[plain]`/`[moodle]`, then
// the text with its answers in `{…}`. Essay `{}` and numerical `{#…}` are skipped with a reason;
// every error names the line and the question.

export class GiftImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GiftImportError';
  }
}

interface Block {
  /** 1-based line of the block's first line in the file. */
  line: number;
  text: string;
}

const SPECIAL = new Set(['~', '=', '#', '{', '}', ':', '\\']);

/** Unescapes GIFT text: \: \= \~ \# \{ \} \\ stand for themselves, \n is a line break. */
export function giftUnescape(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      if (next === 'n') {
        out += '\n';
        i++;
        continue;
      }
      if (SPECIAL.has(next)) {
        out += next;
        i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Markdown reduced to its words: emphasis, code marks, headings and list bullets go, a link keeps its text. */
function markdownToText(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}#{1,6}\s+/gm, '')
    .replace(/^\s*[-*+]\s+/gm, '')
    .replace(/(\*\*|__|\*|_|`)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A GIFT text (escaped, possibly with a [format] prefix) as plain, safe text. */
export function giftText(raw: string, inherited = 'moodle'): string {
  const match = /^\s*\[(html|markdown|plain|moodle)\]/i.exec(raw);
  const format = match ? match[1]!.toLowerCase() : inherited;
  const body = giftUnescape(match ? raw.slice(match[0].length) : raw);
  if (format === 'html') return htmlToText(body);
  if (format === 'markdown') return markdownToText(body);
  // Moodle's "moodle auto format" and plain text may still carry tags: never pass markup on.
  return htmlToText(body.replace(/</g, '&lt;').replace(/>/g, '&gt;')).replace(/\s+/g, ' ').trim();
}

function formatOf(raw: string): string | undefined {
  return /^\s*\[(html|markdown|plain|moodle)\]/i.exec(raw)?.[1]?.toLowerCase();
}

/** Splits the file into blocks at blank lines, dropping comment lines. */
function blocksOf(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const blocks: Block[] = [];
  let current: string[] = [];
  let start = 0;
  lines.forEach((line, index) => {
    if (/^\s*\/\//.test(line)) return;
    if (line.trim() === '') {
      if (current.length > 0) blocks.push({ line: start, text: current.join('\n') });
      current = [];
      return;
    }
    if (current.length === 0) start = index + 1;
    current.push(line);
  });
  if (current.length > 0) blocks.push({ line: start, text: current.join('\n') });
  return blocks;
}

/** The index of the first unescaped occurrence of `char` at or after `from`, or -1. */
function unescapedIndex(text: string, char: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === '\\') {
      i++;
      continue;
    }
    if (text[i] === char) return i;
  }
  return -1;
}

/** Splits the answer part into its items, each starting with an unescaped = or ~. */
function items(body: string): { mark: '=' | '~'; raw: string }[] {
  const found: { mark: '=' | '~'; raw: string }[] = [];
  let current: { mark: '=' | '~'; raw: string } | undefined;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) {
      if (current) current.raw += c + body[i + 1];
      i++;
      continue;
    }
    if (c === '=' || c === '~') {
      current = { mark: c, raw: '' };
      found.push(current);
      continue;
    }
    if (current) current.raw += c;
  }
  return found;
}

/** An answer item: its weight (%50%), its text, and its feedback after an unescaped #. */
function answerOf(item: { mark: '=' | '~'; raw: string }): { weight: number | undefined; text: string; right: boolean } {
  let raw = item.raw;
  const hash = unescapedIndex(raw, '#');
  if (hash >= 0) raw = raw.slice(0, hash);
  let weight: number | undefined;
  const weighted = /^\s*%(-?\d+(?:\.\d+)?)%/.exec(raw);
  if (weighted) {
    weight = Number(weighted[1]);
    raw = raw.slice(weighted[0].length);
  }
  return { weight, text: raw, right: item.mark === '=' };
}

const TRUTH: Record<string, TruthValue> = { true: 'true', false: 'false', 'not given': 'not-given' };

interface Parsed {
  kind: 'question';
  /** The type and its fields (the common ones are added once the question is read). */
  question: { type: Question['type'] } & Record<string, unknown>;
  prompt: string;
  dropped?: string;
}

/**
 * Reads a GIFT file. `articleSentences` are the article's sentence texts when known (a
 * multiple-answer question over exactly those sentences is read as evidence selection).
 */
export function importGift(source: string, articleSentences: readonly string[] = []): MoodleImport {
  if (source.length > MOODLE_IMPORT_LIMITS.maxBytes) {
    throw new GiftImportError(`the file is larger than ${MOODLE_IMPORT_LIMITS.maxBytes / 2 ** 20} MB`);
  }
  const article = new Set(articleSentences);
  const questions: Question[] = [];
  const report: ImportedQuestionReport[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  let articleText: string | undefined;
  let count = 0;

  for (const block of blocksOf(source)) {
    const category = /^\s*\$CATEGORY:\s*(.*)$/m.exec(block.text);
    let text = block.text;
    if (category && text.trimStart().startsWith('$CATEGORY:')) {
      const path = category[1]!.trim();
      notes.push(`category “${path}” (line ${block.line}): Evident has no categories, so its questions join this one quiz`);
      text = text.replace(category[0], '').trim();
      if (text === '') continue;
    }
    count++;
    if (count > MOODLE_IMPORT_LIMITS.maxQuestions) {
      throw new GiftImportError(`the file has more than ${MOODLE_IMPORT_LIMITS.maxQuestions} questions, the limit`);
    }

    let title = '';
    let rest = text.trimStart();
    if (rest.startsWith('::')) {
      const end = unescapedIndex(rest, ':', 2);
      if (end < 0 || rest[end + 1] !== ':') {
        throw new GiftImportError(`line ${block.line} (question ${count}): the title opened with :: has no closing ::`);
      }
      title = giftText(rest.slice(2, end), 'plain');
      rest = rest.slice(end + 2);
    }
    const where = `line ${block.line} (question ${count}${title ? ` “${title}”` : ''})`;
    const fail = (problem: string): never => {
      throw new GiftImportError(`${where}: ${problem}`);
    };

    const format = formatOf(rest) ?? 'moodle';
    const open = unescapedIndex(rest, '{');
    if (open < 0) {
      // No answer part: a description. The first one is the article (Evident's own export writes it so).
      const description = giftUnescape(rest.replace(/^\s*\[(html|markdown|plain|moodle)\]/i, ''));
      if (articleText === undefined && questions.length === 0 && report.length === 0) {
        const paragraphs = description.split(/\n\s*\n/).map((p) => (format === 'html' ? htmlToText(p) : p.replace(/\s+/g, ' ').trim()));
        articleText = paragraphs.filter((p) => p !== '').join('\n\n');
      } else {
        report.push({
          id: slug(title || giftText(rest), taken, `question-${count}`),
          type: 'description',
          status: 'skipped',
          reason: 'a description (text without answers) is not a question',
        });
      }
      continue;
    }
    const close = unescapedIndex(rest, '}', open + 1);
    if (close < 0) fail('the answer part opened with { has no closing }');
    if (unescapedIndex(rest, '{', close + 1) >= 0) fail('a question has one answer part in { }; a second { was found (escape it as \\{)');
    const before = rest.slice(0, open);
    const after = rest.slice(close + 1).trim();
    const body = rest.slice(open + 1, close);
    const id = slug(title || giftText(before, format), taken, `question-${count}`);

    let general = '';
    let answers = body;
    const generalAt = body.indexOf('####');
    if (generalAt >= 0) {
      general = giftText(body.slice(generalAt + 4), format);
      answers = body.slice(0, generalAt);
    }
    const stem = giftText(before, format);
    const trimmed = answers.trim();
    const skip = (type: string, reason: string) => report.push({ id, type, status: 'skipped', reason });

    if (trimmed === '') {
      skip('essay', 'Evident has no essay questions');
      continue;
    }
    if (trimmed.startsWith('#')) {
      skip('numerical', 'Evident has no numerical questions');
      continue;
    }
    const tail = after ? giftText(after, format) : '';
    /** The text with the answer part's place marked: "Grant is _____ in Grant's tomb." */
    const withGap = (gap: string) =>
      tail ? `${stem} ${gap}${/^[\p{L}\p{N}]/u.test(tail) ? ' ' : ''}${tail}`.replace(/\s+/g, ' ').trim() : stem;

    let parsed: Parsed;
    const truth = /^(T|TRUE|F|FALSE)\s*(#|$)/i.exec(trimmed);
    if (truth) {
      const value = truth[1]!.toUpperCase().startsWith('T') ? 'true' : 'false';
      parsed = {
        kind: 'question',
        prompt: tail ? `${stem} ${tail}`.trim() : stem,
        question: { type: 'true-false-not-given', answer: value },
      };
    } else {
      const list = items(answers);
      if (list.length === 0) fail(`the answers “${trimmed.slice(0, 60)}” are neither choices (=, ~), true/false nor numerical (#)`);
      const read = list.map(answerOf);
      const isMatching = read.every((a) => a.right) && read.some((a) => /(?<!\\)->/.test(a.text));
      if (isMatching) {
        const pairs = read.map((a) => {
          const arrow = a.text.search(/(?<!\\)->/);
          if (arrow < 0) fail(`a matching answer “${giftText(a.text)}” has no ->`);
          return { left: giftText(a.text.slice(0, arrow), format), right: giftText(a.text.slice(arrow + 2), 'plain') };
        });
        const real = pairs.filter((p) => p.left !== '');
        if (real.length < 2) fail('a matching question needs at least two pairs');
        const rights = [...new Set(pairs.map((p) => p.right))];
        const places = rights.every((r, i) => r === String(i + 1)) && real.length === rights.length && real.length >= 3;
        if (places) {
          // Evident's own export writes ordering as matching each item to its place 1, 2, 3 …
          const ordered = [...real].sort((a, b) => Number(a.right) - Number(b.right));
          const itemsOut = options(ordered.map((p) => p.left));
          parsed = { kind: 'question', prompt: stem, question: { type: 'ordering', items: itemsOut, order: itemsOut.map((o) => o.id) } };
        } else {
          const left = options(real.map((p) => p.left));
          const right = options(rights);
          const rightId = new Map(right.map((r) => [r.text, r.id]));
          parsed = {
            kind: 'question',
            prompt: stem,
            question: { type: 'matching', left, right, pairs: real.map((p, i) => ({ left: left[i]!.id, right: rightId.get(p.right)! })) },
          };
        }
      } else if (read.every((a) => a.right) && read.every((a) => a.weight === undefined || a.weight >= 0)) {
        // Only "=" answers: short answer (a gap inside the text makes it a one-gap cloze).
        const accepted = read.filter((a) => a.weight === undefined || a.weight >= 100).map((a) => giftText(a.text, 'plain'));
        const partial = read.length - accepted.length;
        if (accepted.length === 0 || accepted.some((a) => a === ''))
          fail('a short-answer question needs a full-credit answer that is not empty');
        const dropped =
          partial > 0 ? `${partial} partial-credit answer${partial === 1 ? '' : 's'} dropped (Evident accepts or refuses)` : undefined;
        if (after) {
          parsed = {
            kind: 'question',
            prompt: 'Fill in the gap.',
            question: { type: 'cloze', text: withGap('{{gap-1}}'), gaps: [{ id: 'gap-1', accepted }] },
            ...(dropped && { dropped }),
          };
        } else parsed = { kind: 'question', prompt: stem, question: { type: 'short-answer', accepted }, ...(dropped && { dropped }) };
      } else {
        const texts = read.map((a) => giftText(a.text, 'plain'));
        if (texts.some((t) => t === '')) fail('a choice is empty');
        if (texts.length < 2) fail('a multiple-choice question needs at least two answers');
        const rightCount = read.filter((a) => a.right).length;
        const prompt = withGap('_____');
        const labels = texts.map((t) => t.toLowerCase());
        if (rightCount === 1 && texts.length === 3 && labels.every((l) => l in TRUTH) && new Set(labels).size === 3) {
          const right = read.findIndex((a) => a.right);
          parsed = { kind: 'question', prompt, question: { type: 'true-false-not-given', answer: TRUTH[labels[right]!]! } };
        } else if (rightCount >= 1) {
          const opts = options(texts);
          const right = read.findIndex((a) => a.right);
          const dropped = rightCount > 1 ? `${rightCount} answers marked right with =; the first is kept as the right one` : undefined;
          parsed = {
            kind: 'question',
            prompt,
            question: { type: 'single-choice', options: opts, correct: opts[right]!.id },
            ...(dropped && { dropped }),
          };
        } else {
          const correct = read.map((a, i) => ({ a, i })).filter(({ a }) => (a.weight ?? 0) > 0);
          if (correct.length === 0) fail('no answer is right: mark one with = or give it a positive weight like ~%50%');
          if (article.size > 0 && texts.length === article.size && texts.every((t) => article.has(t))) {
            parsed = { kind: 'question', prompt, question: { type: 'evidence-selection', answer: correct.map(({ i }) => texts[i]!) } };
          } else if (correct.length === 1 && correct[0]!.a.weight! >= 100) {
            const opts = options(texts);
            parsed = { kind: 'question', prompt, question: { type: 'single-choice', options: opts, correct: opts[correct[0]!.i]!.id } };
          } else {
            const opts = options(texts);
            parsed = {
              kind: 'question',
              prompt,
              question: { type: 'multiple-select', options: opts, correct: correct.map(({ i }) => opts[i]!.id) },
            };
          }
        }
      }
    }
    if (parsed.prompt === '') fail('has no question text before its answers');
    const { explanation, evidence } = splitFeedback(general);
    const question = {
      ...parsed.question,
      id,
      prompt: parsed.prompt,
      explanation: explanation || 'See the article.',
      evidence,
      points: 1,
      skill: 'detail',
      difficulty: 'medium',
    } as Question;
    questions.push(question);
    report.push(statusOf(question, parsed.dropped));
  }
  return {
    questions,
    ...(articleText !== undefined && articleText !== '' ? { articleText } : {}),
    report,
    ...(notes.length > 0 ? { notes } : {}),
  };
}

/** Evident writes "explanation Evidence: “quote” “quote”" in the general feedback; other files write prose. */
export function splitFeedback(general: string): { explanation: string; evidence: string[] } {
  const at = general.lastIndexOf(' Evidence: ');
  if (at < 0) return { explanation: general.trim(), evidence: [] };
  const quotes = [...general.slice(at).matchAll(/“([^”]+)”/g)].map((m) => m[1]!.trim()).filter((q) => q !== '');
  return { explanation: general.slice(0, at).trim(), evidence: quotes };
}

export function statusOf(question: Question, dropped?: string): ImportedQuestionReport {
  return question.evidence.length > 0
    ? { id: question.id, type: question.type, status: 'imported', ...(dropped && { reason: dropped }) }
    : {
        id: question.id,
        type: question.type,
        status: 'needs-evidence',
        reason: dropped ? `no quotation of the article; ${dropped}` : 'no quotation of the article',
      };
}
