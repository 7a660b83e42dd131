import { afterEach, describe, expect, it } from 'vitest';
import { correctResponse } from '../../src/core/bank/key.ts';
import type { LoadedQuestion } from '../../src/core/bank/loaded.ts';
import { toCsv } from '../../src/service/csv.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import type { CsvExport } from '../../src/shared/contract.ts';
import { fakeClock, seedQuiz, serviceHarness, type Harness } from './fixtures.ts';

let harness: Harness;
afterEach(() => harness?.close());

const quiet = () => {};
const BOM = '\ufeff';

/**
 * A strict RFC 4180 reader, written here so that the test does not trust the writer's own
 * library: records end in CRLF, a quoted field doubles its quotes, and a bare CR or LF outside
 * quotes is an error rather than a line break.
 */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let i = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  while (i < text.length) {
    if (text[i] === '"' && field === '') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (i < text.length && text[i] !== ',' && text[i] !== '\r') throw new Error(`text after a closing quote at ${i}`);
    } else if (text[i] === ',') {
      endField();
      i++;
    } else if (text[i] === '\r') {
      if (text[i + 1] !== '\n') throw new Error(`a bare CR at ${i}`);
      endField();
      records.push(record);
      record = [];
      i += 2;
    } else if (text[i] === '\n') {
      throw new Error(`a bare LF at ${i}`);
    } else if (text[i] === '"') {
      throw new Error(`a quote inside an unquoted field at ${i}`);
    } else {
      field += text[i++];
    }
  }
  if (field !== '' || record.length > 0) throw new Error('the last record does not end in CRLF');
  return records;
}

describe('the test’s own CSV reader', () => {
  it('reads quoted fields and refuses what RFC 4180 does not allow', () => {
    expect(parseCsv('a,"b,c","d""e","f\r\ng"\r\n,\r\n')).toEqual([
      ['a', 'b,c', 'd"e', 'f\r\ng'],
      ['', ''],
    ]);
    expect(() => parseCsv('a\nb\r\n')).toThrow(/bare LF/);
    expect(() => parseCsv('a,b')).toThrow(/CRLF/);
    expect(() => parseCsv('a"b\r\n')).toThrow(/quote/);
  });
});

const cellsOf = (csv: string) => parseCsv(csv.slice(BOM.length));

describe('toCsv', () => {
  it('prefixes text that a spreadsheet would run as a formula, and only that', () => {
    const risky = ['=', '+', '-', '@', '\t', '\r', '\uff1d'].map((start) => `${start}1+1`);
    expect(cellsOf(toCsv({ header: risky, rows: [] }))[0]).toEqual(risky.map((cell) => `'${cell}`));
    const safe = ['1+1', 'a=b', ' =1', '', 'Zoë'];
    expect(cellsOf(toCsv({ header: safe, rows: [] }))[0]).toEqual(safe);
  });

  it('leaves numbers as numbers, negative ones included: a JavaScript number never spells a formula', () => {
    expect(cellsOf(toCsv({ header: ['n'], rows: [[-2], [3.5], [0], [null], [Number.NaN]] }))).toEqual([
      ['n'],
      ['-2'],
      ['3.5'],
      ['0'],
      [''],
      [''],
    ]);
  });

  it('writes a BOM, CRLF line ends, doubled quotes, quotes around CR and LF, and keeps numbers unquoted', () => {
    const csv = toCsv({
      header: ['a', 'b'],
      rows: [
        ['x, "y"', 1.5],
        [null, 'two\nlines'],
        ['cr\ronly', 'Zoë'],
      ],
    });
    expect(csv).toBe(`${BOM}a,b\r\n"x, ""y""",1.5\r\n,"two\nlines"\r\n"cr\ronly",Zoë\r\n`);
  });
});

function exportOf(input: { kind: 'attempts' | 'responses'; quizId?: string }): { file: CsvExport; records: string[][] } {
  const reply = dispatch(harness.service, 'exportCsv', input, quiet);
  if (!reply.ok) throw new Error(JSON.stringify(reply.error));
  const file = reply.value as CsvExport;
  expect(file.content.startsWith(BOM)).toBe(true);
  return { file, records: parseCsv(file.content.slice(BOM.length)) };
}

describe('exportCsv', () => {
  const quiz = seedQuiz();
  const shortAnswer = quiz.questions.find((q) => q.type === 'short-answer')!;
  const [q1] = quiz.questions as [LoadedQuestion];
  const formulaName = '=HYPERLINK("http://x","y")';
  const awkwardName = 'Zoë, "the" best';
  const awkwardAnswer = '-2+3\r\nand a second line, with "quotes"';

  async function classWithAwkwardData() {
    harness = serviceHarness({ now: fakeClock().now });
    const start = (studentName: string) =>
      harness.service.startAttempt({ quizId: quiz.id, studentName, settings: { feedback: 'deferred', shuffle: false } }).attemptId;
    const hostile = start(formulaName);
    const awkward = start(awkwardName);
    await harness.service.answer({ attemptId: hostile, questionId: q1.id, response: correctResponse(q1) });
    await harness.service.answer({
      attemptId: hostile,
      questionId: shortAnswer.id,
      response: { type: 'short-answer', text: '@SUM(A1:A9)' },
    });
    await harness.service.answer({
      attemptId: awkward,
      questionId: shortAnswer.id,
      response: { type: 'short-answer', text: awkwardAnswer },
    });
    await harness.service.answer({ attemptId: awkward, questionId: q1.id, response: correctResponse(q1) });
    harness.service.submit({ attemptId: hostile });
    return { hostile, awkward };
  }

  it('attempts: one row per attempt, names neutralised or quoted, points as plain numbers', async () => {
    await classWithAwkwardData();
    const { file, records } = exportOf({ kind: 'attempts', quizId: quiz.id });
    expect(file).toMatchObject({ mediaType: 'text/csv', filename: `evident-attempts-${quiz.id}-v1-2026-11-27T09-00.csv` });
    const [header, ...rows] = records as [string[], ...string[][]];
    expect(header).toEqual([
      'Student',
      'Quiz',
      'Version',
      'Status',
      'Started',
      'Submitted',
      'Points',
      'Max points',
      'Percentage',
      ...quiz.questions.map((q, i) => `Q${i + 1} ${q.id}`),
    ]);
    expect(rows).toHaveLength(2);
    const byName = new Map(rows.map((r) => [r[0], r]));
    // The formula is text now: a leading apostrophe, and the rest exactly as typed.
    expect(byName.has(`'${formulaName}`)).toBe(true);
    expect(byName.has(formulaName)).toBe(false);
    expect(byName.get(awkwardName)![3]).toBe('in-progress');
    const hostileRow = byName.get(`'${formulaName}`)!;
    expect(hostileRow[2]).toBe('1');
    expect(hostileRow[3]).toBe('submitted');
    for (const cell of hostileRow.slice(6, 9)) expect(cell).toMatch(/^\d+(\.\d+)?$/);
    expect(hostileRow[9]).toBe(String(q1.points));
    expect(hostileRow[10]).toBe(''); // unanswered
  });

  it('responses: one row per response with readable text, multi-line answers intact', async () => {
    const { hostile, awkward } = await classWithAwkwardData();
    const { records } = exportOf({ kind: 'responses' });
    const [header, ...rows] = records as [string[], ...string[][]];
    expect(header).toEqual([
      'Attempt id',
      'Student',
      'Quiz',
      'Version',
      'Question number',
      'Question id',
      'Type',
      'Response',
      'Points',
      'Max points',
      'Verdict',
      'Answered at',
    ]);
    expect(rows).toHaveLength(4);
    const find = (attemptId: string, questionId: string) => rows.find((r) => r[0] === attemptId && r[5] === questionId)!;
    expect(find(awkward, shortAnswer.id).slice(1, 8)).toEqual([
      awkwardName,
      quiz.title,
      '1',
      String(quiz.questions.indexOf(shortAnswer) + 1),
      shortAnswer.id,
      'short-answer',
      `'${awkwardAnswer}`,
    ]);
    expect(find(hostile, shortAnswer.id)[7]).toBe(`'@SUM(A1:A9)`);
    if (q1.type !== 'single-choice') throw new Error('the first seed question is single choice');
    expect(find(hostile, q1.id)[7]).toBe(q1.options.find((o) => o.id === q1.correct)!.text);
    expect(find(hostile, q1.id).slice(8, 11)).toEqual([String(q1.points), String(q1.points), 'correct']);
  });

  it('says not-found for a quiz that is not installed, and exports just a header when nobody has started', () => {
    harness = serviceHarness();
    expect(dispatch(harness.service, 'exportCsv', { kind: 'attempts', quizId: 'no-such-quiz' }, quiet)).toMatchObject({
      ok: false,
      error: { code: 'not-found', reason: 'quiz-not-found' },
    });
    expect(exportOf({ kind: 'responses' }).records).toHaveLength(1);
    expect(exportOf({ kind: 'attempts', quizId: quiz.id }).records[0]).toHaveLength(9 + quiz.questions.length);
  });
});
