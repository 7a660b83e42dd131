import type { QuestionType } from '../bank/schema.ts';

/** The formats a quiz can be exported to. */
export const EXPORT_FORMATS = ['moodle-xml', 'gift', 'aiken', 'qti3'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FORMAT_NAMES: Record<ExportFormat, string> = {
  'moodle-xml': 'Moodle XML',
  gift: 'GIFT',
  aiken: 'Aiken',
  qti3: 'QTI 3.0 package',
};

/**
 * What became of one question in an export: `kept` when the format holds all of it, `reduced`
 * when it was written but lost something (listed in `dropped`), `skipped` when the format cannot
 * hold it at all (the reason is in `dropped`).
 */
export interface QuestionReport {
  id: string;
  type: QuestionType;
  outcome: 'kept' | 'reduced' | 'skipped';
  dropped: string[];
}

export interface ExportReport {
  format: ExportFormat;
  /** What the format lost for the quiz as a whole (the article, the source). */
  quiz: string[];
  questions: QuestionReport[];
}

export interface ExportResult {
  /** The file's text (Moodle XML, GIFT and Aiken are each one text file). */
  text: string;
  report: ExportReport;
}

/** A format written as several files (QTI 3's package): each file's text by its path in the package. */
export interface PackageExportResult {
  files: Record<string, string>;
  report: ExportReport;
}

/** The formats written as one text file; the others are packages of files. */
export type TextExportFormat = Exclude<ExportFormat, 'qti3'>;

/** Collects the drops of one question as it is written. */
export class QuestionDrops {
  readonly dropped: string[] = [];
  skipped = false;
  readonly id: string;
  readonly type: QuestionType;
  constructor(id: string, type: QuestionType) {
    this.id = id;
    this.type = type;
  }
  drop(what: string): void {
    if (!this.dropped.includes(what)) this.dropped.push(what);
  }
  skip(reason: string): void {
    this.skipped = true;
    this.drop(reason);
  }
  report(): QuestionReport {
    const outcome = this.skipped ? 'skipped' : this.dropped.length > 0 ? 'reduced' : 'kept';
    return { id: this.id, type: this.type, outcome, dropped: [...this.dropped] };
  }
}

/** The report as lines for a teacher: a count, then each question that lost something. */
export function formatExportReport(report: ExportReport): string {
  const counts = { kept: 0, reduced: 0, skipped: 0 };
  for (const q of report.questions) counts[q.outcome]++;
  const lines = [
    `${FORMAT_NAMES[report.format]}: ${report.questions.length} questions; ${counts.kept} kept whole, ${counts.reduced} reduced, ${counts.skipped} skipped`,
  ];
  for (const what of report.quiz) lines.push(`  quiz: ${what}`);
  for (const q of report.questions) {
    if (q.outcome === 'kept') continue;
    lines.push(`  ${q.id} (${q.type}) ${q.outcome}: ${q.dropped.join('; ')}`);
  }
  return lines.join('\n');
}
