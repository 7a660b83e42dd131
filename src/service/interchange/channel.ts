import { Buffer } from 'node:buffer';
import type { Article } from '../../core/article/types.ts';
import { citableSentences } from '../../core/article/captions.ts';
import { exportQuiz, type ExportFormat } from '../../core/interchange/index.ts';
import { importQti, QtiImportError } from '../../core/interchange/qti/index.ts';
import {
  detectImportFormat,
  IMPORT_FORMAT_NAMES,
  isQuestionFileError,
  readQuestionFile,
  withArticle,
  type QuestionFileFormat,
} from '../../core/interchange/import.ts';
import type { QuizCatalogue } from '../library/catalogue.ts';
import type { Library } from '../library/library.ts';
import type { ParsedInput } from '../../shared/contract.ts';
import type { ExportedFile, ImportReport } from '../../shared/interchange-contract.ts';
import { MAX_QUESTION_FILE_BYTES } from '../../shared/interchange-contract.ts';
import { ServiceError } from '../errors.ts';
import { readZip, writeZip } from '../zip.ts';
import { importArticle, importText, type ImportedArticle, type ImportOptions } from '../import/import-article.ts';
import { articleInputOf } from './article-input.ts';

// The service's side of questions in and out. Export: the quiz as it loads now, written by core.
// Import: the file read by core's reader, the article from the file or from the teacher (through
// the import screen's own clean-up), a new draft quiz made through the library, evidence found
// against the article the quiz stores, then the bank saved. If any step fails, the new quiz is
// removed again: nothing is half-imported.

const FILE_EXTENSIONS: Record<ExportFormat, { extension: string; mimeType: string }> = {
  qti3: { extension: '-qti3.zip', mimeType: 'application/zip' },
  'moodle-xml': { extension: '.xml', mimeType: 'application/xml' },
  gift: { extension: '.gift.txt', mimeType: 'text/plain' },
  aiken: { extension: '.aiken.txt', mimeType: 'text/plain' },
};

export interface InterchangeDeps {
  catalogue: QuizCatalogue;
  library: Library;
  importOptions?: ImportOptions;
}

/** Text from a file's bytes: UTF-8 (a byte order mark allowed), else Windows-1252, as Moodle exports are. */
export function decodeQuestionFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

function baseName(fileName: string): string {
  return (fileName.split(/[\\/]/).pop() ?? fileName).replace(/(\.(gift|aiken))?\.(xml|txt|gift|aiken|zip)$/i, '');
}

/** A QTI package: unzipped under readZip's limits, every entry read as UTF-8 text for core's reader. */
function readQtiPackage(bytes: Uint8Array): ReturnType<typeof importQti> {
  const entries = readZip(bytes);
  const files = new Map<string, string>();
  const decoder = new TextDecoder('utf-8');
  for (const [name, data] of entries) files.set(name, decoder.decode(data));
  return importQti(files);
}

export interface QuestionFileRequest {
  fileName: string;
  bytes: Uint8Array;
  format?: QuestionFileFormat;
  articleText?: string;
  articleFile?: { name: string; bytes: Uint8Array };
}

export interface PreparedImport {
  format: QuestionFileFormat;
  article: Article;
  articleFrom: 'file' | 'teacher';
  title: string;
  imported: ReturnType<typeof readQuestionFile>;
}

export function createInterchange(deps: InterchangeDeps) {
  const { catalogue, library } = deps;

  /** Reads a question file and its article, without storing anything (the CLI's --dry-run too). */
  async function prepare(request: QuestionFileRequest): Promise<PreparedImport> {
    const { fileName } = request;
    const named = `“${fileName}”`;
    if (request.bytes.byteLength > MAX_QUESTION_FILE_BYTES) {
      throw new ServiceError(
        'file-too-large',
        `${named} is over the limit of ${MAX_QUESTION_FILE_BYTES / (1024 * 1024)} MB for a question file`,
      );
    }
    if (request.bytes.byteLength === 0) throw new ServiceError('invalid-question-file', `${named} is empty`);
    const text = decodeQuestionFile(request.bytes);
    const format = request.format ?? detectImportFormat(fileName, text);
    if (!format) {
      throw new ServiceError(
        'unsupported-format',
        `${named} is not a question file Evident reads: choose Moodle XML (.xml), GIFT (.gift or .txt) or Aiken (.txt)`,
      );
    }
    let read: ReturnType<typeof readQuestionFile>;
    try {
      read = format === 'qti' ? readQtiPackage(request.bytes) : readQuestionFile(format, text);
    } catch (error) {
      if (isQuestionFileError(error) || error instanceof QtiImportError) {
        throw new ServiceError('invalid-question-file', `${named} (${IMPORT_FORMAT_NAMES[format]}), ${error.message}`);
      }
      // A zip refused by readZip keeps its reason (zip-*) and its message, which names the entry and the limit.
      if (error instanceof ServiceError) throw new ServiceError(error.reason, `${named}: ${error.message}`);
      throw error;
    }
    if (read.questions.length === 0) {
      const skipped = read.report.filter((r) => r.status === 'skipped');
      const why = skipped.length > 0 ? `: ${skipped.map((r) => `${r.id} (${r.reason})`).join('; ')}` : '';
      throw new ServiceError('invalid-question-file', `${named} has no question Evident can take${why}`);
    }

    let imported: ImportedArticle;
    let articleFrom: 'file' | 'teacher';
    try {
      if (read.articleText !== undefined && read.articleText.trim() !== '') {
        imported = importText(read.articleText, deps.importOptions);
        articleFrom = 'file';
      } else if (request.articleText !== undefined && request.articleText.trim() !== '') {
        imported = importText(request.articleText, deps.importOptions);
        articleFrom = 'teacher';
      } else if (request.articleFile) {
        imported = await importArticle({ name: request.articleFile.name, bytes: request.articleFile.bytes }, deps.importOptions);
        articleFrom = 'teacher';
      } else {
        throw new ServiceError(
          'article-needed',
          `${named} carries no article: paste the article its questions are about, or open it, and import again`,
        );
      }
    } catch (error) {
      if (error instanceof ServiceError && error.reason !== 'article-needed') {
        throw new ServiceError(error.reason, `the article for ${named}: ${error.message}`);
      }
      throw error;
    }
    const article = imported.article;
    if (citableSentences(article).length === 0) {
      throw new ServiceError('no-article-text', `the article for ${named} has no sentences left after the clean-up`);
    }
    // Read again with the article's sentences known: a multiple-answer question over exactly them is evidence selection.
    const sentences = citableSentences(article).map((s) => s.text);
    const withSentences = format === 'qti' ? read : readQuestionFile(format, text, sentences);
    const packageTitle = format === 'qti' ? (read as { title?: string }).title : undefined;
    return { format, article, articleFrom, title: packageTitle || article.headline || baseName(fileName), imported: withSentences };
  }

  function reportOf(prepared: PreparedImport, fileName: string, report: ImportReport['questions']): ImportReport {
    return {
      format: prepared.format,
      fileName,
      articleFrom: prepared.articleFrom,
      questions: report,
      imported: report.filter((r) => r.status === 'imported').length,
      needsEvidence: report.filter((r) => r.status === 'needs-evidence').length,
      skipped: report.filter((r) => r.status === 'skipped').length,
      notes: prepared.imported.notes ?? [],
    };
  }

  /** Imports into a new draft quiz; removes it again if any later step fails. */
  async function importQuestionFile(request: QuestionFileRequest): Promise<{ quizId: string; title: string; report: ImportReport }> {
    const prepared = await prepare(request);
    const named = `“${request.fileName}”`;
    const { quizId } = library.channels.createQuiz({ article: articleInputOf(prepared.article, prepared.title) });
    try {
      const stored = library.articleOf(quizId);
      if (!stored) throw new ServiceError('quiz-not-saved', `the new quiz for ${named} could not be read back`);
      const withEvidence = withArticle(prepared.imported, stored);
      library.channels.saveQuizBank({
        quizId,
        bank: { id: quizId, title: prepared.title, article: 'article.txt', questions: withEvidence.questions },
      });
      return { quizId, title: prepared.title, report: reportOf(prepared, request.fileName, withEvidence.report) };
    } catch (error) {
      try {
        library.channels.deleteQuiz({ quizId });
      } catch {
        // The quiz stays as an empty draft the teacher can delete; the first error is the one to report.
      }
      if (error instanceof ServiceError) throw new ServiceError(error.reason, `${named}: ${error.message}`);
      throw error;
    }
  }

  /** What an import would give, with evidence, without creating anything (`npm run import-quiz -- --dry-run`). */
  async function previewImport(request: QuestionFileRequest) {
    const prepared = await prepare(request);
    const withEvidence = withArticle(prepared.imported, prepared.article);
    return { prepared, questions: withEvidence.questions, report: reportOf(prepared, request.fileName, withEvidence.report) };
  }

  const channels = {
    exportQuizAs({ quizId, format }: ParsedInput<'exportQuizAs'>): ExportedFile {
      const quiz = catalogue.current(quizId);
      if (!quiz) {
        if (library.articleOf(quizId)) {
          throw new ServiceError('quiz-has-problems', `“${quizId}” has problems to fix (or no questions) before it can be exported`);
        }
        throw new ServiceError('quiz-not-found', `there is no quiz “${quizId}”`);
      }
      const { extension, mimeType } = FILE_EXTENSIONS[format];
      const fileName = `${quizId}${extension}`;
      if (format === 'qti3') {
        const { files, report } = exportQuiz(quiz, 'qti3');
        return { fileName, mimeType, base64: Buffer.from(writeZip(files)).toString('base64'), report };
      }
      const { text, report } = exportQuiz(quiz, format);
      return { fileName, mimeType, base64: Buffer.from(text, 'utf8').toString('base64'), report };
    },
    async importQuestionFile(input: ParsedInput<'importQuestionFile'>) {
      const bytes = Buffer.from(input.base64, 'base64');
      const article = input.articleFile ? Buffer.from(input.articleFile.base64, 'base64') : undefined;
      return importQuestionFile({
        fileName: input.fileName,
        bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        ...(input.format && { format: input.format }),
        ...(input.articleText !== undefined && { articleText: input.articleText }),
        ...(input.articleFile &&
          article && {
            articleFile: { name: input.articleFile.name, bytes: new Uint8Array(article.buffer, article.byteOffset, article.byteLength) },
          }),
      });
    },
  };

  return { channels, importQuestionFile, previewImport, prepare };
}
