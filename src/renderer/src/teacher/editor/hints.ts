import type { QuestionType } from '../../../../shared/contract.ts';
import { captionsOf, normaliseQuote, sentenceIdOfQuote, sentencesOf, type Draft, type EditorArticle } from './model.ts';

// Advice on quality, never errors: a quiz with hints can be published. Each hint names what
// it saw, so the teacher can decide whether it matters here.

export interface Hint {
  /** The question it is about; absent for the quiz as a whole. */
  questionId?: string;
  message: string;
}

type Choice = { id: string; text: string };

/** The choice lists of a question with their correct ids: single and multiple choice, and two-part's part A. */
function choiceSets(q: Draft): { options: Choice[]; correct: string[]; where: string }[] {
  if (q.type === 'single-choice') return [{ options: q.options, correct: [q.correct], where: 'The correct option' }];
  if (q.type === 'multiple-select') return [{ options: q.options, correct: q.correct, where: 'A correct option' }];
  if (q.type === 'two-part') return [{ options: q.partA.options, correct: [q.partA.correct], where: 'Part A’s correct option' }];
  return [];
}

/** Compared as a reader would: case, punctuation and spacing apart. */
const sameWords = (text: string) =>
  normaliseQuote(text)
    .toLowerCase()
    .replace(/[\p{P}\p{S}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();

/** A key this much longer than every distractor stands out (the bundled quiz keeps within it). */
const LONGER_BY_CHARACTERS = 10;
const LONGER_BY_SHARE = 0.15;

export function questionHints(q: Draft, article: EditorArticle): Hint[] {
  const hints: Hint[] = [];
  const add = (message: string) => hints.push({ questionId: q.id, message });
  const sentences = sentencesOf(article);
  const evidenceTexts = q.evidence.map((quote) => sentences.find((s) => s.id === sentenceIdOfQuote(sentences, quote))?.text ?? quote);

  for (const { options, correct, where } of choiceSets(q)) {
    const keys = options.filter((o) => correct.includes(o.id) && o.text.trim() !== '');
    const distractors = options.filter((o) => !correct.includes(o.id) && o.text.trim() !== '');
    const longestDistractor = Math.max(0, ...distractors.map((o) => o.text.trim().length));
    if (distractors.length > 0) {
      for (const key of keys) {
        const length = key.text.trim().length;
        if (length > longestDistractor + LONGER_BY_CHARACTERS && length > longestDistractor * (1 + LONGER_BY_SHARE)) {
          add(
            `${where} is much longer than the others (${length} characters against ${longestDistractor}): students learn to pick the longest.`,
          );
        }
      }
    }
    for (const distractor of distractors) {
      const words = sameWords(distractor.text);
      if (words.split(' ').length >= 3 && evidenceTexts.some((text) => sameWords(text).includes(words))) {
        add(`The wrong option “${distractor.text.trim()}” appears word for word in the evidence: it may look right to a careful reader.`);
      }
    }
    const seen = new Map<string, string>();
    for (const option of options) {
      const words = sameWords(option.text);
      if (words === '') continue;
      const earlier = seen.get(words);
      if (earlier !== undefined) add(`Two options say the same: “${earlier}” and “${option.text.trim()}”.`);
      else seen.set(words, option.text.trim());
    }
  }
  return hints;
}

export interface Coverage {
  /** Questions citing each paragraph (by paragraph id), for the strip beside the article. */
  byParagraph: Map<string, number>;
  /** Questions citing each sentence. */
  bySentence: Map<string, number>;
}

export function coverageOf(questions: readonly Draft[], article: EditorArticle): Coverage {
  const sentences = sentencesOf(article);
  // Captions are counted like paragraphs, under their own ids ("c1"), so the strip shows them too.
  const blocks = [...article.paragraphs, ...captionsOf(article)];
  const paragraphOf = new Map(blocks.flatMap((p) => p.sentences.map((s) => [s.id, p.id] as const)));
  const byParagraph = new Map(blocks.map((p) => [p.id, 0]));
  const bySentence = new Map<string, number>();
  for (const q of questions) {
    const ids = new Set(q.evidence.flatMap((quote) => sentenceIdOfQuote(sentences, quote) ?? []));
    const paragraphs = new Set([...ids].flatMap((id) => paragraphOf.get(id) ?? []));
    for (const id of ids) bySentence.set(id, (bySentence.get(id) ?? 0) + 1);
    for (const id of paragraphs) byParagraph.set(id, (byParagraph.get(id) ?? 0) + 1);
  }
  return { byParagraph, bySentence };
}

/** A sentence cited by this many questions is over-tested when a paragraph has none. */
const OVER_CITED = 3;
/** The correct option in one position in more than this share of choice questions (from four of them). */
const SAME_POSITION_SHARE = 0.5;
const SAME_POSITION_MIN_QUESTIONS = 4;

export function quizHints(
  questions: readonly Draft[],
  article: EditorArticle,
  names: { skills: Record<string, string>; types: Record<QuestionType, string> },
): Hint[] {
  const hints: Hint[] = [];
  if (questions.length === 0) return hints;
  const coverage = coverageOf(questions, article);

  const positions = questions.flatMap((q) => {
    if (q.type === 'single-choice') return [q.options.findIndex((o) => o.id === q.correct)];
    if (q.type === 'two-part') return [q.partA.options.findIndex((o) => o.id === q.partA.correct)];
    return [];
  });
  if (positions.length >= SAME_POSITION_MIN_QUESTIONS) {
    const counts = new Map<number, number>();
    for (const p of positions) if (p >= 0) counts.set(p, (counts.get(p) ?? 0) + 1);
    for (const [position, count] of counts) {
      if (count / positions.length > SAME_POSITION_SHARE) {
        hints.push({
          message: `The correct option is option ${String.fromCharCode(65 + position)} in ${count} of ${positions.length} single-choice questions: move some keys.`,
        });
      }
    }
  }

  const uncited = article.paragraphs.filter((p) => (coverage.byParagraph.get(p.id) ?? 0) === 0);
  if (uncited.length > 0) {
    const sentences = sentencesOf(article);
    for (const [sentenceId, count] of coverage.bySentence) {
      if (count >= OVER_CITED) {
        const text = sentences.find((s) => s.id === sentenceId)?.text ?? sentenceId;
        hints.push({
          message: `One sentence is the evidence of ${count} questions (“${text.slice(0, 60)}${text.length > 60 ? '…' : ''}”) while paragraph${uncited.length > 1 ? 's' : ''} ${uncited.map((p) => p.number).join(', ')} ${uncited.length > 1 ? 'have' : 'has'} none.`,
        });
      }
    }
  }

  const skills = new Set(questions.map((q) => q.skill));
  const missingSkills = Object.keys(names.skills).filter((s) => !skills.has(s as Draft['skill']));
  if (missingSkills.length > 0) hints.push({ message: `No question tests: ${missingSkills.map((s) => names.skills[s]).join(', ')}.` });
  const types = new Set(questions.map((q) => q.type));
  const missingTypes = (Object.keys(names.types) as QuestionType[]).filter((t) => !types.has(t));
  if (missingTypes.length > 0) hints.push({ message: `No question of type: ${missingTypes.map((t) => names.types[t]).join(', ')}.` });
  return hints;
}
