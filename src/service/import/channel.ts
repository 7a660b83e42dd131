import { readingStatsOfSentences, REMOVAL_REASONS, sentencesOf } from '../../core/article/index.ts';
import { parseGluedCredit } from '../../core/article/cleanup/index.ts';
import type { ImportedArticleView, ParsedInput, ReadingStatistics } from '../../shared/contract.ts';
import { importArticle, importText, type ImportedArticle, type ImportOptions } from './import-article.ts';

// The importArticle channel: the file or pasted text is read and classified here, in the
// service; the review screen gets every line with its kind, its reason and its sentences, so
// that keeping or removing a line there needs no rule of its own.

const DATELINE_MAX_CHARACTERS = 80;

export function toArticleView(
  imported: ImportedArticle,
  from: { format: ImportedArticleView['format']; fileName?: string },
): ImportedArticleView {
  const { cleanup, article } = imported;
  const byline = article.byline ?? imported.byline;
  // The first dateline the clean-up removed is the article's date, as printed.
  const date = cleanup.lines.find((line) => line.reason === 'dateline' && line.text.length <= DATELINE_MAX_CHARACTERS)?.text;
  return {
    format: from.format,
    ...(from.fileName !== undefined && { fileName: from.fileName }),
    words: imported.words,
    headline: article.headline,
    ...(byline && { byline }),
    ...(article.standfirst && { standfirst: article.standfirst }),
    ...(imported.siteName && { publication: imported.siteName }),
    ...(date && { date }),
    ...(imported.address && { address: imported.address }),
    lines: cleanup.lines.map((line) => {
      // A caption printed again, if the teacher keeps it, is a caption too: its credit apart.
      const caption =
        line.caption ?? (line.reason === 'duplicated-caption' ? (parseGluedCredit(line.text) ?? { text: line.text }) : undefined);
      return {
        line: line.line,
        text: line.text,
        kind: line.kind,
        ...(line.reason && { reason: line.reason, explanation: REMOVAL_REASONS[line.reason] }),
        ...(caption && { caption: { ...caption } }),
        sentences: line.kind === 'headline' ? [line.text] : sentencesOf(caption?.text ?? line.text),
      };
    }),
  };
}

export function createImportChannels(options: ImportOptions = {}) {
  return {
    async importArticle(input: ParsedInput<'importArticle'>): Promise<ImportedArticleView> {
      const withPublication = input.publication ? { ...options, publication: input.publication } : options;
      if (input.from === 'paste') return toArticleView(importText(input.text, withPublication), { format: 'paste' });
      const bytes = Buffer.from(input.base64, 'base64');
      const imported = await importArticle(
        { name: input.name, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
        withPublication,
      );
      return toArticleView(imported, { format: imported.format, fileName: input.name });
    },
    /** The figures the screen shows beside the article as the teacher keeps and removes lines. */
    articleStatistics({ sentences }: ParsedInput<'articleStatistics'>): ReadingStatistics {
      const {
        words,
        sentences: count,
        readingMinutes,
        fleschKincaidGrade,
        fleschReadingEase,
        colemanLiauGrade,
        gradeLevel,
      } = readingStatsOfSentences(sentences);
      return {
        words,
        sentences: count,
        readingMinutes,
        fleschKincaidGrade,
        fleschReadingEase,
        colemanLiauGrade,
        ...(gradeLevel !== undefined && { gradeLevel }),
      };
    },
  };
}
