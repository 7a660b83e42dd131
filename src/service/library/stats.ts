import type { Article } from '../../core/article/index.ts';

// The figures on a library card. The cleanup engineer's reading statistics (core/article)
// replace this once they land; until then words and reading time are counted the same plain way.

const WORDS_PER_MINUTE = 200;

export function articleStats(article: Article): { words: number; readingMinutes: number; gradeLevel?: number } {
  const words = article.sentences.reduce((n, s) => n + s.text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length, 0);
  return { words, readingMinutes: Math.ceil(words / WORDS_PER_MINUTE) };
}
