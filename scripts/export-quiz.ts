// Exports a quiz (its article and bank) to a format other quiz systems read, and says what the
// format dropped, question by question.
//
//   npm run export-quiz -- QUIZ_DIR --format qti3|moodle-xml|gift|aiken --out FILE [--json]
//
// QTI 3 is a package: FILE is written as a zip (imsmanifest.xml, the test, the article, one item each).
//
// QUIZ_DIR is a quiz folder (bank.json beside its article), checked exactly as the app loads it.
// The report goes to stdout (with --json: one JSON object, the report). Exit status: 0 when the
// file is written, 1 when the quiz is refused or the file cannot be written, 2 for a usage error.
import { writeFileSync } from 'node:fs';
import { formatProblem } from '../src/core/bank/load.ts';
import { EXPORT_FORMATS, type ExportFormat, exportQuiz, formatExportReport } from '../src/core/interchange/index.ts';
import { writeZip } from '../src/service/zip.ts';
import { loadQuizPaths } from '../src/service/quiz-files.ts';

const USAGE = `usage: export-quiz QUIZ_DIR --format ${EXPORT_FORMATS.join('|')} --out FILE [--json]`;

interface Options {
  dir: string;
  format: ExportFormat;
  out: string;
  json: boolean;
}

function isFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

function parseArguments(args: readonly string[]): Options | string {
  let dir: string | undefined;
  let format: string | undefined;
  let out: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--format' || arg === '--out') {
      const value = args[++i];
      if (value === undefined || value.startsWith('--')) return `${arg} needs a value`;
      if (arg === '--format') format = value;
      else out = value;
    } else if (arg === '--json') json = true;
    else if (arg === '--help' || arg === '-h') return USAGE;
    else if (arg.startsWith('-')) return `unknown option ${arg}`;
    else if (dir !== undefined) return `one quiz folder at a time (got "${dir}" and "${arg}")`;
    else dir = arg;
  }
  if (dir === undefined || format === undefined || out === undefined) return USAGE;
  if (!isFormat(format)) return `unknown format "${format}": use one of ${EXPORT_FORMATS.join(', ')}`;
  return { dir, format, out, json };
}

function main(): number {
  const options = parseArguments(process.argv.slice(2));
  if (typeof options === 'string') {
    console.error(options === USAGE ? USAGE : `export-quiz: ${options} (see --help)`);
    return options === USAGE && process.argv.includes('--help') ? 0 : 2;
  }
  const { quizzes, problems } = loadQuizPaths([options.dir]);
  if (problems.length > 0 || quizzes.length !== 1) {
    const first = problems[0];
    const why = first ? formatProblem(first) : `${options.dir} holds ${quizzes.length} quizzes; give one quiz folder`;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more: run npm run check-questions)` : '';
    console.error(`export-quiz: ${options.dir} cannot be exported: ${why}${more}`);
    return 1;
  }
  const result = exportQuiz(quizzes[0]!, options.format);
  try {
    writeFileSync(options.out, 'files' in result ? writeZip(result.files) : result.text);
  } catch (error) {
    console.error(`export-quiz: cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    return 1;
  }
  if (options.json) console.log(JSON.stringify(result.report, null, 2));
  else console.log(`${formatExportReport(result.report)}\nwritten to ${options.out}`);
  return 0;
}

process.exitCode = main();
