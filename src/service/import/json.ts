import type { ImportedArticle } from './import-article.ts';

/** The cleaned article as `npm run import-article -- FILE --json` prints it. */
export interface ImportJson {
  title: string;
  byline?: string;
  paragraphs: string[];
  captions: string[];
  removed: Array<{ text: string; reason: string }>;
}

export function toImportJson(imported: ImportedArticle): ImportJson {
  const { article } = imported;
  const byline = article.byline ?? imported.byline;
  return {
    title: article.headline,
    ...(byline && { byline }),
    paragraphs: article.paragraphs.map((paragraph) => paragraph.sentences.map((sentence) => sentence.text).join(' ')),
    captions: article.captions.map((caption) => caption.text),
    removed: article.removed.map(({ text, reason }) => ({ text, reason })),
  };
}
