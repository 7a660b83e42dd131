import { articleReadingStats, type Article } from '../../core/article/index.ts';

// The figures on a library card: words, reading time and one grade level, from core's reading
// statistics, the same ones the import screen shows while the teacher checks the article.

export function articleStats(article: Article): { words: number; readingMinutes: number; gradeLevel?: number } {
  const { words, readingMinutes, gradeLevel } = articleReadingStats(article);
  return { words, readingMinutes, ...(gradeLevel !== undefined ? { gradeLevel } : {}) };
}
