import type { LoadedQuiz } from '../bank/loaded.ts';
import { exportAiken } from './aiken.ts';
import { exportGift } from './gift.ts';
import { exportMoodleXml } from './moodle.ts';
import type { ExportFormat, ExportResult } from './report.ts';

export { EXPORT_FORMATS, FORMAT_NAMES, formatExportReport } from './report.ts';
export type { ExportFormat, ExportReport, ExportResult, QuestionReport } from './report.ts';
export { exportAiken, exportGift, exportMoodleXml };

/** Exports a loaded quiz (article and bank) to one format, with what the format dropped. */
export function exportQuiz(quiz: LoadedQuiz, format: ExportFormat): ExportResult {
  switch (format) {
    case 'moodle-xml':
      return exportMoodleXml(quiz);
    case 'gift':
      return exportGift(quiz);
    case 'aiken':
      return exportAiken(quiz);
  }
}
