import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/core/article/parse.ts';
import { citableSentences } from '../../src/core/article/captions.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';
import { exportQuiz } from '../../src/core/interchange/index.ts';
import { AikenImportError, importAiken } from '../../src/core/interchange/aiken-import.ts';
import { attachEvidence } from '../../src/core/interchange/evidence.ts';
import { GiftImportError, giftText, giftUnescape, importGift } from '../../src/core/interchange/gift-import.ts';
import { detectImportFormat, type ImportFormat, isQuestionFileError, readQuestionFile } from '../../src/core/interchange/import.ts';
import { seedQuiz } from './fixtures.ts';
import { canonical } from './interchange-canonical.ts';

// GIFT and Aiken read into bank questions, on the grammar's own cases, on real files from Moodle
// and from a GIFT parser's test suite (tests/fixtures/interchange/SOURCES.md), and on Evident's own
// exports of the seed quiz.

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'interchange');

describe('GIFT', () => {
  it('reads each kind of question, with titles, weights, escapes, formats and comments', () => {
    const gift = [
      '// a comment line is ignored',
      '::mc::Which colour? {=yellow ~red ~[plain]blue # wrong}',
      '',
      '::weights::Pick the two right ones {~%50%one ~%50%two ~%-100%three}',
      '',
      '::tf::The sky is green.{F}',
      '',
      '::sa::Name a frog. {=Frog =%50%Toad =%100%frog}',
      '',
      '::match::Match them. {=Canada -> Ottawa =Italy -> Rome =Japan -> Tokyo}',
      '',
      "::gap::Grant is {=entombed =buried} in Grant's tomb.",
      '',
      "::choice gap::Grant is {~buried =entombed ~living} in Grant's tomb.",
      '',
      '::escapes::What is 1 \\= 1 \\: \\{ok\\} \\~ \\#? {=a \\= b ~c}',
      '',
      '::html::[html]<p>Is <b>this</b> &amp; that <script>x()</script>bold?</p>{T}',
      '',
      '::md::[markdown]Is **this** a [link](http://x)?{TRUE####Because it is.}',
    ].join('\n');
    const { questions, report } = importGift(gift);
    const byId = Object.fromEntries(questions.map((q) => [q.id, q]));
    expect(report.map((r) => [r.id, r.type, r.status])).toEqual([
      ['mc', 'single-choice', 'needs-evidence'],
      ['weights', 'multiple-select', 'needs-evidence'],
      ['tf', 'true-false-not-given', 'needs-evidence'],
      ['sa', 'short-answer', 'needs-evidence'],
      ['match', 'matching', 'needs-evidence'],
      ['gap', 'cloze', 'needs-evidence'],
      ['choice-gap', 'single-choice', 'needs-evidence'],
      ['escapes', 'single-choice', 'needs-evidence'],
      ['html', 'true-false-not-given', 'needs-evidence'],
      ['md', 'true-false-not-given', 'needs-evidence'],
    ]);
    expect(byId['mc']).toMatchObject({
      prompt: 'Which colour?',
      options: [{ text: 'yellow' }, { text: 'red' }, { text: 'blue' }],
      correct: 'yellow',
    });
    expect(byId['weights']).toMatchObject({ correct: ['one', 'two'] });
    expect(byId['tf']).toMatchObject({ answer: 'false' });
    expect(byId['sa']).toMatchObject({ accepted: ['Frog', 'frog'] });
    expect(report.find((r) => r.id === 'sa')!.reason).toMatch(/1 partial-credit answer dropped/);
    expect(byId['match']).toMatchObject({
      left: [{ text: 'Canada' }, { text: 'Italy' }, { text: 'Japan' }],
      pairs: [{ left: 'canada', right: 'ottawa' }, {}, {}],
    });
    expect(byId['gap']).toMatchObject({
      text: "Grant is {{gap-1}} in Grant's tomb.",
      gaps: [{ id: 'gap-1', accepted: ['entombed', 'buried'] }],
    });
    expect(byId['choice-gap']).toMatchObject({ prompt: "Grant is _____ in Grant's tomb.", correct: 'entombed' });
    expect(byId['escapes']).toMatchObject({ prompt: 'What is 1 = 1 : {ok} ~ #?', options: [{ text: 'a = b' }, { text: 'c' }] });
    // HTML is reduced to text: no tags, entities decoded, nothing of a script's markup left.
    expect(byId['html']!.prompt).toBe('Is this & that x()bold?');
    expect(byId['md']).toMatchObject({ prompt: 'Is this a link?', explanation: 'Because it is.' });
  });

  it('skips essay, numerical and description blocks with the reason, and reports categories', () => {
    const { questions, report, notes } = importGift(
      '$CATEGORY: $course$/top/Week 1\n\n::e::Why? {}\n\n::n::How many? {#3:1}\n\n::q::Ok? {T}',
    );
    expect(questions.map((q) => q.id)).toEqual(['q']);
    expect(report.filter((r) => r.status === 'skipped')).toEqual([
      { id: 'e', type: 'essay', status: 'skipped', reason: 'Evident has no essay questions' },
      { id: 'n', type: 'numerical', status: 'skipped', reason: 'Evident has no numerical questions' },
    ]);
    expect(notes).toEqual(['category “$course$/top/Week 1” (line 1): Evident has no categories, so its questions join this one quiz']);
  });

  it('refuses broken files with the line and the question', () => {
    const cases: [string, string][] = [
      ['::a::Fine {T}\n\n::b::Open {=x ~y', 'line 3 (question 2 “b”): the answer part opened with { has no closing }'],
      ['::a::No right one {~x ~y}', 'line 1 (question 1 “a”): no answer is right: mark one with = or give it a positive weight like ~%50%'],
      [
        '::a::Two parts {T} and {F}',
        'line 1 (question 1 “a”): a question has one answer part in { }; a second { was found (escape it as \\{)',
      ],
      ['\n\n::a:: {=x ~y}', 'line 3 (question 1 “a”): has no question text before its answers'],
      ['::unclosed title {T}', 'line 1 (question 1): the title opened with :: has no closing ::'],
    ];
    for (const [text, message] of cases) {
      expect(() => importGift(text)).toThrow(new GiftImportError(message));
    }
  });

  it('unescapes and reduces formats as Moodle does', () => {
    expect(giftUnescape('a\\:b\\=c\\~d\\#e\\{f\\}g\\\\h\\ni')).toBe('a:b=c~d#e{f}g\\h\ni');
    expect(giftText('[html]<a href="x">link</a> &lt;3')).toBe('link <3');
    expect(giftText('[moodle]<b>not markup</b>')).toBe('<b>not markup</b>');
  });
});

describe('Aiken', () => {
  it('reads single choice and true/false, with either option style', () => {
    const { questions, report } = importAiken('Who?\nA) Ann\nB. Bob\nANSWER: B\n\nTrue?\nA) True\nB) False\nANSWER: A\n');
    expect(questions[0]).toMatchObject({
      type: 'single-choice',
      prompt: 'Who?',
      options: [{ text: 'Ann' }, { text: 'Bob' }],
      correct: 'bob',
    });
    expect(questions[1]).toMatchObject({ type: 'true-false-not-given', answer: 'true' });
    expect(report.map((r) => r.status)).toEqual(['needs-evidence', 'needs-evidence']);
  });

  it('refuses broken questions with the line and the question', () => {
    const cases: [string, string][] = [
      ['Q?\nA) x\nB) y\nANSWER: C', 'line 1 (question 1 “Q?”): the answer “C” on line 4 is not the letter of one of its options (A, B)'],
      ['Q?\nA) x\nC) y\nANSWER: A', 'line 1 (question 1 “Q?”): line 3: option “C” where “B” comes next'],
      ['Q?\nA) x\nB) y\n\nANSWER: A', 'line 1 (question 1 “Q?”): the options end without an “ANSWER:” line (line 4 is blank)'],
      ['Q?\nA) x\nB) y', 'line 1 (question 1 “Q?”): the file ends before this question’s “ANSWER:” line'],
    ];
    for (const [text, message] of cases) expect(() => importAiken(text)).toThrow(new AikenImportError(message));
  });
});

describe('real files (tests/fixtures/interchange)', () => {
  // What each file must give: the statuses of its questions in order, or the refusal's start.
  const EXPECTED: Record<string, string[] | RegExp> = {
    'moodle-gift-questions.gift.txt': [
      'skipped',
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
      'skipped',
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
    ],
    'moodle-gift-questions-in-category.gift.txt': ['needs-evidence', 'needs-evidence', 'needs-evidence', 'needs-evidence'],
    'moodle-questions.aiken.txt': ['needs-evidence', 'needs-evidence'],
    'moodle-aiken-errors.aiken.txt': /^line 1 \(question 1 “A question with too few answers”\): a question needs at least two options/,
    'moodle-nested_categories_with_questions.xml': ['needs-evidence', 'skipped', 'needs-evidence', 'needs-evidence', 'needs-evidence'],
    'moodle-error_invalid_grades.xml': ['needs-evidence'],
    'pegjs-giftFormatPhpExamples.gift': [
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
      'skipped',
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
      'needs-evidence',
      'skipped',
    ],
    'pegjs-escapeAll.gift': ['needs-evidence'],
    'pegjs-markdown.gift': ['skipped', 'skipped', 'skipped'],
    'pegjs-category1.gift': ['needs-evidence'],
  };

  it('has an expectation for every fixture file', () => {
    const files = readdirSync(FIXTURES, { withFileTypes: true })
      .filter((f) => f.isFile() && !f.name.endsWith('.md'))
      .map((f) => f.name);
    expect(files.sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    it(`imports ${file}: every question imported, needing evidence or skipped with a reason, or the file refused by line`, () => {
      const text = readFileSync(join(FIXTURES, file), 'utf8');
      const format = detectImportFormat(file, text) as ImportFormat;
      expect(format).toBeDefined();
      if (expected instanceof RegExp) {
        let error: unknown;
        try {
          readQuestionFile(format, text);
        } catch (caught) {
          error = caught;
        }
        expect(isQuestionFileError(error)).toBe(true);
        expect((error as Error).message).toMatch(expected);
        return;
      }
      const read = readQuestionFile(format, text);
      expect(read.report.map((r) => r.status)).toEqual(expected);
      for (const r of read.report) if (r.status !== 'imported') expect(r.reason).toBeTruthy();
      if (read.questions.length === 0) return;
      // Every question read is a bank question, apart from the evidence the teacher will pick.
      const article = 'Headline\n\nOne sentence to cite.';
      const bank = { id: 'fixture', questions: read.questions.map((q) => ({ ...q, evidence: ['One sentence to cite.'] })) };
      const loaded = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(bank), articleText: article });
      const problems = loaded.ok ? [] : loaded.problems.filter((p) => !/occur in the evidence|not in the evidence/.test(p.message));
      expect(problems).toEqual([]);
    });
  }
});

describe('Evident -> GIFT and Aiken -> Evident', () => {
  it('gives back every question GIFT keeps, with its evidence, ids and keys', () => {
    const seed = seedQuiz();
    const { text, report } = exportQuiz(seed, 'gift');
    const sentences = citableSentences(seed.article).map((s) => s.text);
    const read = attachEvidence(importGift(text, sentences), seed.article);
    expect(read.articleText).toBeTruthy();
    // Written whole apart from what GIFT has no place for (points, skill, difficulty) and its exact matching.
    const harmless = /^(points|skill and difficulty|Evident’s lenient answer matching)/;
    const keptWhole = report.questions.filter((q) => q.outcome !== 'skipped' && q.dropped.every((d) => harmless.test(d))).map((q) => q.id);
    expect(keptWhole.length).toBeGreaterThan(5);
    const bank = { id: seed.id, questions: read.questions.filter((q) => keptWhole.includes(q.id)) };
    const loaded = loadQuiz({
      bankFile: 'bank.json',
      bankText: JSON.stringify(bank),
      articleText: readFileSync(seedArticleFile(), 'utf8'),
    });
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems, null, 2));
    // GIFT keeps no points, skill or difficulty: compare the rest.
    const strip = (q: object) => ({ ...(q as Record<string, unknown>), points: undefined, skill: undefined, difficulty: undefined });
    const originals = seed.questions.filter((q) => keptWhole.includes(q.id));
    expect(loaded.quiz.questions.map((q) => strip(canonical(q) as object))).toEqual(originals.map((q) => strip(canonical(q) as object)));
  });

  it('gives back Aiken questions that need evidence, found again from the article where they quote it', () => {
    const seed = seedQuiz();
    const { text } = exportQuiz(seed, 'aiken');
    const read = importAiken(text);
    expect(read.questions.length).toBeGreaterThan(3);
    expect(read.report.every((r) => r.status === 'needs-evidence')).toBe(true);
    const article = parseArticle('Headline\n\nThe council met on Tuesday in the old town hall. It voted to keep the library.');
    const quoting = {
      ...read,
      questions: [{ ...read.questions[0]!, explanation: 'It says: “The council met on Tuesday in the old town hall.”' }],
    };
    quoting.report = [read.report[0]!];
    const attached = attachEvidence(quoting, article);
    expect(attached.questions[0]!.evidence).toEqual(['The council met on Tuesday in the old town hall.']);
    expect(attached.report[0]).toEqual({ id: read.report[0]!.id, type: read.report[0]!.type, status: 'imported' });
  });
});

function seedArticleFile(): string {
  return join(import.meta.dirname, '..', '..', 'questions', 'north-korea-un', 'article.txt');
}
