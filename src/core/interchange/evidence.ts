import type { Question } from '../bank/schema.ts';
import { citableSentences } from '../article/captions.ts';
import { normaliseForMatch, quoteIndexOf } from '../article/quote.ts';
import type { Article, Sentence } from '../article/types.ts';
import type { ImportedQuestionReport, MoodleImport } from './moodle-import.ts';

// Imported questions against the article they will be asked on: evidence the file quoted is kept
// where it resolves to one sentence; otherwise the question's text and explanation are searched for
// a quotation of the article (in quote marks, or a whole sentence written out). A question with no
// evidence after that keeps empty evidence and is reported "needs-evidence": the editor lists it
// and the quiz cannot be published until the teacher picks the sentence.

/** A whole sentence counts as quoted only when it is at least this long (short ones occur by chance). */
const MIN_SENTENCE_CHARACTERS = 25;
const QUOTED = /[“"‘]([^”"’]{8,})[”"’]/g;

export const NEEDS_EVIDENCE_REASON = 'needs evidence: pick the sentence that proves the answer';

function quotedSentences(article: Article, texts: readonly string[]): Sentence[] {
  const index = quoteIndexOf(article);
  const found = new Map<string, Sentence>();
  for (const text of texts) {
    for (const match of text.matchAll(QUOTED)) {
      const hit = index.find(match[1]!);
      if (hit.kind === 'found') found.set(hit.sentence.id, hit.sentence);
    }
  }
  const haystack = normaliseForMatch(texts.join('\n'));
  for (const sentence of citableSentences(article)) {
    const wanted = normaliseForMatch(sentence.text);
    if (wanted.length >= MIN_SENTENCE_CHARACTERS && haystack.includes(wanted)) found.set(sentence.id, sentence);
  }
  const order = new Map(citableSentences(article).map((s, i) => [s.id, i]));
  return [...found.values()].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** The evidence quotes that resolve to exactly one sentence, as written (a bank may quote part of one). */
function resolved(article: Article, quotes: readonly string[]): string[] {
  const index = quoteIndexOf(article);
  const kept: string[] = [];
  const seen = new Set<string>();
  for (const quote of quotes) {
    const hit = index.find(quote);
    if (hit.kind === 'found' && !seen.has(hit.sentence.id)) {
      seen.add(hit.sentence.id);
      kept.push(quote);
    }
  }
  return kept;
}

/**
 * Attaches evidence to every imported question from the article, and sets each report's status:
 * "imported" when evidence was found, "needs-evidence" (with the reason the editor shows) when not.
 */
export function attachEvidence(imported: MoodleImport, article: Article): MoodleImport {
  const reports = new Map(imported.report.map((r) => [r.id, r]));
  const report: ImportedQuestionReport[] = imported.report.map((r) => ({ ...r }));
  const byId = new Map(report.map((r) => [r.id, r]));
  const questions = imported.questions.map((question): Question => {
    let evidence = resolved(article, question.evidence);
    if (evidence.length === 0 && question.type === 'evidence-selection') evidence = resolved(article, question.answer);
    if (evidence.length === 0) {
      evidence = quotedSentences(article, [question.prompt, question.explanation]).map((s) => s.text);
    }
    const entry = byId.get(question.id);
    const earlier = reports.get(question.id)?.reason;
    const other = earlier?.replace(/^no quotation of the article[^;]*;?\s*/, '') || undefined;
    if (entry) {
      if (evidence.length > 0) {
        entry.status = 'imported';
        if (other) entry.reason = other;
        else delete entry.reason;
      } else {
        entry.status = 'needs-evidence';
        entry.reason = other ? `${NEEDS_EVIDENCE_REASON}; ${other}` : NEEDS_EVIDENCE_REASON;
      }
    }
    return { ...question, evidence };
  });
  return { ...imported, questions, report };
}
