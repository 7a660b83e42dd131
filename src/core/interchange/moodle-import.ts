import { XMLParser } from 'fast-xml-parser';
import type { Option, Question, QuestionType, TruthValue } from '../bank/schema.ts';
import { DIFFICULTIES, SKILLS } from '../bank/schema.ts';

// Reads Moodle XML back into bank questions. Refuses DTDs and entity declarations outright (no
// expansion, internal or external), and files or question counts beyond the limits below. Every
// error names the question (its place and name) and the problem.

export const MOODLE_IMPORT_LIMITS = { maxBytes: 10 * 2 ** 20, maxQuestions: 5000 } as const;

/** What became of one question of the file. */
export interface ImportedQuestionReport {
  id: string;
  type: QuestionType | string;
  status: 'imported' | 'needs-evidence' | 'skipped';
  reason?: string;
}

export interface MoodleImport {
  /** What the file held that Evident keeps nowhere (categories), one line each. */
  notes?: string[];
  /** The questions read, evidence taken from quotations in the general feedback. */
  questions: ImportedQuestion[];
  /** The description question's text, if the file carries an article (as Evident's export does). */
  articleText?: string;
  report: ImportedQuestionReport[];
}

/** A question as read; `evidence` is empty when none was found (status "needs-evidence"). */
export type ImportedQuestion = Question;

export class MoodleImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MoodleImportError';
  }
}

type Node = Record<string, unknown>;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** HTML to plain text: tags removed, entities decoded, white space collapsed. */
export function htmlToText(html: string): string {
  return html
    .replace(/<\s*(br|\/p|\/h\d|\/li|\/blockquote)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** A matching answer is plain text in Moodle (shown in a menu), not HTML: only spaces collapse. */
function plain(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** The text of each <p> (or <blockquote>) block of an HTML fragment. */
function blocks(html: string, tag: 'p' | 'blockquote'): string[] {
  const found: string[] = [];
  const pattern = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`, 'gi');
  for (const match of html.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string') return node;
  const value = (node as Node).text;
  return typeof value === 'string' ? value : value === undefined ? '' : String(value);
}

function list(node: unknown): Node[] {
  return node === undefined ? [] : Array.isArray(node) ? (node as Node[]) : [node as Node];
}

/** A slug from text, unique among `taken`. */
export function slug(value: string, taken: Set<string>, fallback: string): string {
  const base =
    value
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

export function options(texts: readonly string[]): Option[] {
  const taken = new Set<string>();
  return texts.map((t, i) => ({ id: slug(t, taken, `option-${i + 1}`), text: t }));
}

/** Splits an embedded (cloze) answer list on unescaped ~, and unescapes each part. */
function clozeParts(body: string): { fraction: number; text: string }[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\\' && i + 1 < body.length) current += body[++i];
    else if (c === '~') {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts.map((part) => {
    if (part.startsWith('=')) return { fraction: 100, text: htmlToText(part.slice(1)) };
    const match = /^%(-?[\d.]+)%([\s\S]*)$/.exec(part);
    if (match) return { fraction: Number(match[1]), text: htmlToText(match[2] ?? '') };
    return { fraction: 0, text: htmlToText(part) };
  });
}

const EMBEDDED = /\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}/g;
const TRUTH: Record<string, TruthValue> = { true: 'true', false: 'false', 'not given': 'not-given' };
const UNSUPPORTED: Record<string, string> = {
  essay: 'Evident has no essay questions',
  numerical: 'Evident has no numerical questions',
  calculated: 'Evident has no calculated questions',
  calculatedsimple: 'Evident has no calculated questions',
  calculatedmulti: 'Evident has no calculated questions',
  random: 'a random question draws from a category: Evident has no such thing',
  randomsamatch: 'a random question draws from a category: Evident has no such thing',
  ddwtos: 'Evident has no drag-and-drop questions',
  gapselect: 'Evident has no select-missing-words questions',
};

interface Context {
  where: string;
  id: string;
  prompt: string;
  explanation: string;
  evidence: string[];
  points: number;
  skill: Question['skill'];
  difficulty: Question['difficulty'];
}

function fail(where: string, problem: string): never {
  throw new MoodleImportError(`${where}: ${problem}`);
}

function answersOf(node: Node, where: string): { fraction: number; text: string }[] {
  return list(node.answer).map((answer, i) => {
    const fraction = Number(answer['@_fraction'] ?? 0);
    if (!Number.isFinite(fraction)) fail(where, `answer ${i + 1} has fraction "${String(answer['@_fraction'])}", not a number`);
    return { fraction, text: htmlToText(text(answer)) };
  });
}

function readQuestion(node: Node, type: string, c: Context, article: Set<string>): Question {
  const base = {
    id: c.id,
    prompt: c.prompt,
    explanation: c.explanation,
    evidence: c.evidence,
    points: c.points,
    skill: c.skill,
    difficulty: c.difficulty,
  };
  const where = c.where;
  switch (type) {
    case 'multichoice': {
      const answers = answersOf(node, where);
      if (answers.length < 2) fail(where, 'a multiple-choice question needs at least two answers');
      const single = String(node.single ?? 'true') !== 'false';
      const labels = answers.map((a) => a.text.toLowerCase());
      if (single && answers.length === 3 && labels.every((l) => l in TRUTH)) {
        const right = answers.find((a) => a.fraction >= 100);
        if (!right) fail(where, 'no answer has fraction 100');
        return { ...base, type: 'true-false-not-given', answer: TRUTH[right.text.toLowerCase()]! };
      }
      if (!single && article.size > 0 && answers.length === article.size && answers.every((a) => article.has(a.text))) {
        return { ...base, type: 'evidence-selection', answer: answers.filter((a) => a.fraction > 0).map((a) => a.text) };
      }
      const opts = options(answers.map((a) => a.text));
      if (single) {
        const right = answers.findIndex((a) => a.fraction >= 100);
        if (right < 0) fail(where, 'no answer has fraction 100');
        return { ...base, type: 'single-choice', options: opts, correct: opts[right]!.id };
      }
      const correct = opts.filter((_, i) => answers[i]!.fraction > 0).map((o) => o.id);
      if (correct.length === 0) fail(where, 'no answer has a positive fraction');
      return { ...base, type: 'multiple-select', options: opts, correct };
    }
    case 'truefalse': {
      const right = answersOf(node, where).find((a) => a.fraction >= 100);
      if (!right || !(right.text.toLowerCase() in TRUTH)) fail(where, 'a true/false question needs a right answer "true" or "false"');
      return { ...base, type: 'true-false-not-given', answer: TRUTH[right.text.toLowerCase()]! };
    }
    case 'shortanswer': {
      const accepted = answersOf(node, where)
        .filter((a) => a.fraction >= 100)
        .map((a) => a.text);
      if (accepted.length === 0) fail(where, 'no answer has fraction 100');
      return { ...base, type: 'short-answer', accepted };
    }
    case 'matching': {
      const subs = list(node.subquestion).map((s) => ({ left: htmlToText(text(s)), right: plain(text(list(s.answer)[0])) }));
      const pairsIn = subs.filter((s) => s.left !== '');
      if (pairsIn.length < 2) fail(where, 'a matching question needs at least two pairs');
      const left = options(pairsIn.map((s) => s.left));
      const right = options([...new Set(subs.map((s) => s.right))]);
      const rightId = new Map(right.map((r) => [r.text, r.id]));
      return {
        ...base,
        type: 'matching',
        left,
        right,
        pairs: pairsIn.map((s, i) => ({ left: left[i]!.id, right: rightId.get(s.right)! })),
      };
    }
    case 'ordering': {
      const answers = answersOf(node, where).sort((a, b) => a.fraction - b.fraction);
      const items = options(answers.map((a) => a.text));
      return { ...base, type: 'ordering', items, order: items.map((i) => i.id) };
    }
    case 'cloze': {
      const html = text(node.questiontext);
      const embedded = [...html.matchAll(EMBEDDED)];
      if (embedded.length === 0) fail(where, 'an embedded-answers (cloze) question with no {1:…} answers');
      const kinds = embedded.map((m) => m[2]!);
      if (kinds.length === 2 && /^MULTICHOICE/.test(kinds[0]!) && /^MULTIRESPONSE/.test(kinds[1]!)) {
        const paragraphs = blocks(html, 'p').map(htmlToText);
        const a = clozeParts(embedded[0]![3]!);
        const b = clozeParts(embedded[1]![3]!);
        const aOptions = options(a.map((x) => x.text));
        const right = a.findIndex((x) => x.fraction >= 100);
        if (right < 0) fail(where, 'Part A has no right answer');
        const taken = new Set<string>();
        const bOptions = b.map((x, i) => ({ id: slug(x.text, taken, `quote-${i + 1}`), quote: x.text }));
        const partPrompt = (label: string) => (paragraphs.find((p) => p.startsWith(label)) ?? label).slice(label.length).trim();
        return {
          ...base,
          type: 'two-part',
          partA: { prompt: partPrompt('Part A.'), options: aOptions, correct: aOptions[right]!.id },
          partB: {
            prompt: partPrompt('Part B.'),
            options: bOptions,
            correct: bOptions.filter((_, i) => b[i]!.fraction > 0).map((o) => o.id),
          },
        };
      }
      if (kinds.some((k) => k !== 'SHORTANSWER' && k !== 'SA' && k !== 'MW')) {
        fail(
          where,
          `embedded answers of kind ${kinds.filter((k) => !/^(SHORTANSWER|SA|MW)$/.test(k)).join(', ')} have no Evident equivalent except as a two-part question`,
        );
      }
      const gaps: { id: string; accepted: string[] }[] = [];
      const paragraphs = blocks(html, 'p');
      const body = paragraphs.length > 1 ? paragraphs.slice(1).join(' ') : html;
      const withGaps = body.replace(EMBEDDED, (_whole, _weight, _kind, answers: string) => {
        const id = `gap-${gaps.length + 1}`;
        gaps.push({
          id,
          accepted: clozeParts(answers)
            .filter((p) => p.fraction >= 100)
            .map((p) => p.text),
        });
        return `{{${id}}}`;
      });
      return { ...base, type: 'cloze', text: htmlToText(withGaps), gaps };
    }
    default:
      fail(where, `question type "${type}" is not one Evident reads`);
  }
}

function tagValue(node: Node, prefix: string): string | undefined {
  const tags = list((node.tags as Node | undefined)?.tag).map((t) => text(t));
  return tags.find((t) => t.startsWith(prefix))?.slice(prefix.length);
}

/**
 * Reads a Moodle XML file. `articleSentences` are the article's sentence texts when known
 * (a multiple-answer question over exactly those sentences is read as evidence selection).
 */
export function importMoodleXml(xml: string, articleSentences: readonly string[] = []): MoodleImport {
  if (xml.length > MOODLE_IMPORT_LIMITS.maxBytes) fail('the file', `is larger than ${MOODLE_IMPORT_LIMITS.maxBytes / 2 ** 20} MB`);
  if (/<!DOCTYPE|<!ENTITY/i.test(xml))
    fail('the file', 'has a DTD or entity declaration, which Evident does not read (a Moodle export has none)');
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: false,
    processEntities: true,
    htmlEntities: false,
  });
  let doc: Node;
  try {
    doc = parser.parse(xml, true) as Node;
  } catch (error) {
    fail('the file', `is not well-formed XML: ${(error as Error).message}`);
  }
  const quiz = doc.quiz as Node | undefined;
  if (!quiz || typeof quiz !== 'object') fail('the file', 'has no <quiz> element: it is not Moodle XML');
  const nodes = list(quiz.question);
  if (nodes.length > MOODLE_IMPORT_LIMITS.maxQuestions)
    fail('the file', `has ${nodes.length} questions; the limit is ${MOODLE_IMPORT_LIMITS.maxQuestions}`);

  const article = new Set(articleSentences);
  const questions: Question[] = [];
  const report: ImportedQuestionReport[] = [];
  const taken = new Set<string>();
  let articleText: string | undefined;
  const notes: string[] = [];
  nodes.forEach((node, index) => {
    const type = String(node['@_type'] ?? '');
    const name = htmlToText(text(node.name));
    const where = `question ${index + 1}${name ? ` ("${name}")` : ''}`;
    if (type === 'category') {
      const path = htmlToText(text((node.category as Node | undefined)?.text ?? node.category));
      if (path) notes.push(`category “${path}” (question ${index + 1}): Evident has no categories, so its questions join this one quiz`);
      return;
    }
    if (type === 'description') {
      if (articleText === undefined) {
        // Headings and paragraphs in order: Evident's export writes the headline as <h2>.
        const html = text(node.questiontext);
        const parts = [...html.matchAll(/<(h[1-6]|p)\b[^>]*>([\s\S]*?)<\/\1>/gi)]
          .map((m) => htmlToText(m[2] ?? ''))
          .filter((t) => t !== '');
        articleText = parts.join('\n\n') || htmlToText(html);
      } else {
        report.push({
          id: slug(name, taken, `description-${index + 1}`),
          type,
          status: 'skipped',
          reason: 'a description (text without answers) is not a question',
        });
      }
      return;
    }
    const id = slug(htmlToText(text(node.idnumber)) || name, taken, `question-${index + 1}`);
    if (UNSUPPORTED[type]) {
      report.push({ id, type, status: 'skipped', reason: UNSUPPORTED[type] });
      return;
    }
    const feedback = text(node.generalfeedback);
    const html = text(node.questiontext);
    const prompt = htmlToText(type === 'cloze' ? (blocks(html, 'p')[0] ?? html) : html);
    if (prompt === '' && type !== 'cloze') fail(where, 'has no question text');
    const points = Math.round(Number(node.defaultgrade ?? 1));
    const skill = tagValue(node, 'skill:');
    const difficulty = tagValue(node, 'difficulty:');
    const context: Context = {
      where,
      id,
      prompt,
      explanation: htmlToText(blocks(feedback, 'p')[0] ?? feedback) || 'See the article.',
      evidence: blocks(feedback, 'blockquote')
        .map(htmlToText)
        .filter((q) => q !== ''),
      points: Number.isFinite(points) ? Math.min(100, Math.max(1, points)) : 1,
      skill: (SKILLS as readonly string[]).includes(skill ?? '') ? (skill as Question['skill']) : 'detail',
      difficulty: (DIFFICULTIES as readonly string[]).includes(difficulty ?? '') ? (difficulty as Question['difficulty']) : 'medium',
    };
    const question = readQuestion(node, type, context, article);
    questions.push(question);
    report.push(
      question.evidence.length > 0
        ? { id, type: question.type, status: 'imported' }
        : { id, type: question.type, status: 'needs-evidence', reason: 'no quotation of the article in its feedback' },
    );
  });
  return { questions, ...(articleText !== undefined ? { articleText } : {}), report, ...(notes.length > 0 ? { notes } : {}) };
}
