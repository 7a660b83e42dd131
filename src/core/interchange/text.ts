import type { LoadedQuestion, LoadedQuiz } from '../bank/loaded.ts';
import { citableSentences } from '../article/captions.ts';
import type { Sentence } from '../article/types.ts';

// Helpers the writers share: HTML escaping, the article as HTML, option and sentence look-ups.

// Characters XML 1.0 forbids outright (C0 controls other than tab, newline, return; lone
// surrogates; U+FFFE/U+FFFF). A bank cannot normally hold them, but an export must never be
// unreadable because one slipped in.
const XML_ILLEGAL =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu;

export function xmlSafe(text: string): string {
  return text.replace(XML_ILLEGAL, '');
}

export function escapeHtml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The article as HTML: headline, byline, paragraphs, captions. */
export function articleHtml(quiz: LoadedQuiz): string {
  const { article } = quiz;
  const parts: string[] = [];
  if (article.headline) parts.push(`<h2>${escapeHtml(article.headline)}</h2>`);
  if (article.byline) parts.push(`<p><em>By ${escapeHtml(article.byline)}</em></p>`);
  for (const paragraph of article.paragraphs) {
    parts.push(`<p>${escapeHtml(paragraph.sentences.map((s) => s.text).join(' '))}</p>`);
  }
  for (const caption of article.captions) parts.push(`<p><small>${escapeHtml(caption.text)}</small></p>`);
  return parts.join('\n');
}

/** The article as plain text, one paragraph a line. */
export function articleLines(quiz: LoadedQuiz): string[] {
  const { article } = quiz;
  const lines: string[] = [];
  if (article.headline) lines.push(article.headline);
  if (article.byline) lines.push(`By ${article.byline}`);
  for (const paragraph of article.paragraphs) lines.push(paragraph.sentences.map((s) => s.text).join(' '));
  for (const caption of article.captions) lines.push(caption.text);
  return lines;
}

export function sentencesById(quiz: LoadedQuiz): Map<string, Sentence> {
  return new Map(citableSentences(quiz.article).map((s) => [s.id, s]));
}

/** The evidence sentences' full texts (the bank may quote part of a sentence). */
export function evidenceTexts(quiz: LoadedQuiz, question: LoadedQuestion): string[] {
  const byId = sentencesById(quiz);
  return question.evidenceSentenceIds.map((id) => byId.get(id)?.text ?? id);
}

/** Moodle's fraction for one of k right answers, as its grade list writes it (33.33333). */
export function percent(fraction: number): string {
  return String(Math.round(fraction * 100 * 100000) / 100000);
}

export function textOf(options: readonly { id: string; text: string }[], id: string): string {
  return options.find((option) => option.id === id)?.text ?? id;
}
