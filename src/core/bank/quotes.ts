import type { QuoteIndex, Sentence } from '../article/index.ts';
import type { QuestionReport } from './problem.ts';

// A bank's quotes resolved through the article's one QuoteIndex, with the wording an author
// sees when a quote does not pick out exactly one sentence.

/** The sentence the quote identifies, or undefined after reporting why there is not one. */
export function sentenceForQuote(index: QuoteIndex, quote: string, field: string, problem: QuestionReport): Sentence | undefined {
  // An empty article is reported once; a "not found" for every quote would bury that.
  if (index.isEmpty) return undefined;
  const match = index.find(quote);
  switch (match.kind) {
    case 'found':
      return match.sentence;
    case 'missing':
      {
        const why = index.explainMissing(quote);
        problem(field, `quote not found in the article: “${quote}”${why ? `; ${why}` : ''}`);
      }
      return undefined;
    case 'ambiguous':
      problem(
        field,
        `quote occurs in more than one sentence (${match.sentences.map((s) => s.id).join(', ')}); quote more of the one you mean: “${quote}”`,
      );
      return undefined;
  }
}

/** Resolves each quote of a list field, reporting missing, ambiguous and repeated ones; returns those found. */
export function sentencesForQuotes(index: QuoteIndex, quotes: readonly string[], field: string, problem: QuestionReport): Sentence[] {
  const found: Sentence[] = [];
  const fieldBySentenceId = new Map<string, string>();
  quotes.forEach((quote, position) => {
    const quoteField = `${field}.${position}`;
    const sentence = sentenceForQuote(index, quote, quoteField, problem);
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
