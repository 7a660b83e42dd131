import type { LoadedQuiz } from '../bank/loaded.ts';
import { exportAiken } from './aiken.ts';
import { exportGift } from './gift.ts';
import { exportMoodleXml } from './moodle.ts';
import { exportQti3 } from './qti/index.ts';
import type { ExportFormat, ExportResult, PackageExportResult, TextExportFormat } from './report.ts';

export { EXPORT_FORMATS, FORMAT_NAMES, formatExportReport } from './report.ts';
export type { ExportFormat, ExportReport, ExportResult, PackageExportResult, QuestionReport, TextExportFormat } from './report.ts';
export { exportAiken, exportGift, exportMoodleXml, exportQti3 };

/**
 * Exports a loaded quiz (article and bank) to one format, with what the format dropped: one text
 * file for Moodle XML, GIFT and Aiken; for QTI 3 the package's files (`files`), to be zipped.
 */
export function exportQuiz(quiz: LoadedQuiz, format: TextExportFormat): ExportResult;
export function exportQuiz(quiz: LoadedQuiz, format: 'qti3'): PackageExportResult;
export function exportQuiz(quiz: LoadedQuiz, format: ExportFormat): ExportResult | PackageExportResult;
export function exportQuiz(quiz: LoadedQuiz, format: ExportFormat): ExportResult | PackageExportResult {
  switch (format) {
    case 'moodle-xml':
      return exportMoodleXml(quiz);
    case 'gift':
      return exportGift(quiz);
    case 'aiken':
      return exportAiken(quiz);
    case 'qti3':
      return exportQti3(quiz);
  }
}
