import { describe, expect, it } from 'vitest';
import { positionToLineColumn } from '../../src/core/bank/json-errors.ts';
import { formatProblem, loadQuiz } from '../../src/core/bank/load.ts';
import type { LoadResult, Problem } from '../../src/core/bank/load.ts';
import { FIXTURE_ARTICLE, fixtureBank, mutableFixtureBank } from './bank-fixtures.ts';

const BANK_FILE = 'questions/fixture/bank.json';

function load(bank: unknown, articleText = FIXTURE_ARTICLE): LoadResult {
  return loadQuiz({ bankFile: BANK_FILE, bankText: JSON.stringify(bank, null, 2), articleText });
}

function problemsOf(result: LoadResult): Problem[] {
  if (result.ok) throw new Error('expected the bank to be rejected');
  return result.problems;
}

type Bank = ReturnType<typeof mutableFixtureBank>;

function question(bank: Bank, id: string): Record<string, unknown> {
  const found = bank.questions.find((q) => q['id'] === id);
  if (!found) throw new Error(`no question ${id}`);
  return found;
}

interface BrokenBank {
  name: string;
  breakIt: (bank: Bank) => void;
  questionId: string;
  field: string;
  message: RegExp;
}

const CATALOGUE: BrokenBank[] = [
  {
    name: 'unknown question type',
    breakIt: (b) => void (question(b, 'sc')['type'] = 'essay'),
    questionId: 'sc',
    field: 'type',
    message: /unknown question type “essay”; use one of: single-choice/,
  },
  {
    name: 'missing question type',
    breakIt: (b) => void delete question(b, 'tfng')['type'],
    questionId: 'tfng',
    field: 'type',
    message: /missing question type/,
  },
  {
    name: 'missing evidence',
    breakIt: (b) => void delete question(b, 'sa')['evidence'],
    questionId: 'sa',
    field: 'evidence',
    message: /missing/,
  },
  {
    name: 'empty evidence',
    breakIt: (b) => void (question(b, 'sa')['evidence'] = []),
    questionId: 'sa',
    field: 'evidence',
    message: /cite at least one article sentence/,
  },
  {
    name: 'evidence quote not in the article',
    breakIt: (b) => void (question(b, 'sc')['evidence'] = ['The council met on Tuesday.']),
    questionId: 'sc',
    field: 'evidence.0',
    message:
      /^quote not found in the article: “The council met on Tuesday\.”; the closest sentence is p1\.s1 \(“The council met on Monday to…”\): the quote has “Tuesday\.” where the sentence has “Monday”$/,
  },
  {
    name: 'ambiguous evidence quote',
    breakIt: (b) => void (question(b, 'tfng')['evidence'] = ['The regime stayed away']),
    questionId: 'tfng',
    field: 'evidence.0',
    message: /more than one sentence \(p1\.s2, p2\.s2\)/,
  },
  {
    name: 'the same sentence cited twice',
    breakIt: (b) => void (question(b, 'sc')['evidence'] = ['The council met on Monday', 'to discuss the report']),
    questionId: 'sc',
    field: 'evidence.1',
    message: /same sentence \(p1\.s1\) as evidence\.0/,
  },
  {
    name: 'duplicate question id',
    breakIt: (b) => void (question(b, 'ms')['id'] = 'sc'),
    questionId: 'sc',
    field: 'id',
    message: /duplicate question id \(questions\[0\] and questions\[1\]/,
  },
  {
    name: 'correct option that does not exist',
    breakIt: (b) => void (question(b, 'sc')['correct'] = 'tuesday'),
    questionId: 'sc',
    field: 'correct',
    message: /“tuesday” is not the id of any option \(ids are: monday, march\)/,
  },
  {
    name: 'multiple-select correct option that does not exist',
    breakIt: (b) => void (question(b, 'ms')['correct'] = ['met', 'left']),
    questionId: 'ms',
    field: 'correct.1',
    message: /“left” is not the id of any option/,
  },
  {
    name: 'duplicate option id',
    breakIt: (b) =>
      void (question(b, 'ms')['options'] = [
        { id: 'met', text: 'A' },
        { id: 'again', text: 'B' },
        { id: 'met', text: 'C' },
      ]),
    questionId: 'ms',
    field: 'options.2.id',
    message: /duplicate option id “met”/,
  },
  {
    name: 'ordering order missing an item',
    breakIt: (b) => void (question(b, 'ord')['order'] = ['report', 'monday']),
    questionId: 'ord',
    field: 'order',
    message: /must list every item once; missing: march/,
  },
  {
    name: 'ordering order with an item twice',
    breakIt: (b) => void (question(b, 'ord')['order'] = ['report', 'monday', 'monday', 'march']),
    questionId: 'ord',
    field: 'order.2',
    message: /“monday” is listed twice/,
  },
  {
    name: 'ordering order naming something that is not an item',
    breakIt: (b) => void (question(b, 'ord')['order'] = ['report', 'monday', 'april']),
    questionId: 'ord',
    field: 'order.2',
    message: /“april” is not the id of any item/,
  },
  {
    name: 'matching left item unpaired',
    breakIt: (b) =>
      void (question(b, 'mt')['left'] = [
        { id: 'monday', text: 'Monday' },
        { id: 'march', text: 'March' },
        { id: 'april', text: 'April' },
      ]),
    questionId: 'mt',
    field: 'pairs',
    message: /left item “april” is in no pair/,
  },
  {
    name: 'matching left item paired twice',
    breakIt: (b) =>
      void (question(b, 'mt')['pairs'] = [
        { left: 'monday', right: 'met' },
        { left: 'march', right: 'will-meet' },
        { left: 'monday', right: 'unused' },
      ]),
    questionId: 'mt',
    field: 'pairs.2.left',
    message: /already paired in pairs\.0/,
  },
  {
    name: 'matching pair with an unknown right item',
    breakIt: (b) =>
      void (question(b, 'mt')['pairs'] = [
        { left: 'monday', right: 'met' },
        { left: 'march', right: 'cancelled' },
      ]),
    questionId: 'mt',
    field: 'pairs.1.right',
    message: /“cancelled” is not the id of any right item/,
  },
  {
    name: 'cloze gap missing from the text',
    breakIt: (b) => void (question(b, 'cz')['text'] = 'Up to {{count}} people are held in the camps, the report said.'),
    questionId: 'cz',
    field: 'gaps.1.id',
    message: /gap “place” does not appear in the text as \{\{place\}\}/,
  },
  {
    name: 'cloze placeholder without a gap',
    breakIt: (b) => void (question(b, 'cz')['text'] = 'Up to {{count}} people are held in the {{place}}, the {{source}} said.'),
    questionId: 'cz',
    field: 'text',
    message: /\{\{source\}\} has no matching entry in gaps/,
  },
  {
    name: 'cloze whose filled text is not in the evidence',
    breakIt: (b) =>
      void (question(b, 'cz')['gaps'] = [
        { id: 'count', accepted: ['12,000'] },
        { id: 'place', accepted: ['camps'] },
      ]),
    questionId: 'cz',
    field: 'text',
    message: /does not occur in the evidence \(p3\.s1\): “Up to 12,000 people/,
  },
  {
    name: 'short answer not in the evidence',
    breakIt: (b) => void (question(b, 'sa')['accepted'] = ['April', 'March']),
    questionId: 'sa',
    field: 'accepted.0',
    message: /the model answer “April” does not occur in the evidence \(p2\.s1\)/,
  },
  {
    name: 'extra unknown field',
    breakIt: (b) => void (question(b, 'tfng')['hint'] = 'read paragraph 1'),
    questionId: 'tfng',
    field: 'hint',
    message: /unknown field “hint”/,
  },
  {
    name: 'points 0',
    breakIt: (b) => void (question(b, 'sc')['points'] = 0),
    questionId: 'sc',
    field: 'points',
    message: /must be at least 1/,
  },
  {
    name: 'empty prompt',
    breakIt: (b) => void (question(b, 'ms')['prompt'] = ' '),
    questionId: 'ms',
    field: 'prompt',
    message: /must not be empty/,
  },
  {
    name: 'evidence-selection answer not in the article',
    breakIt: (b) => void (question(b, 'es')['answer'] = ['The regime stayed away.', 'The regime attended.']),
    questionId: 'es',
    field: 'answer.1',
    message: /quote not found in the article: “The regime attended\.”/,
  },
  {
    name: 'bad skill',
    breakIt: (b) => void (question(b, 'es')['skill'] = 'spelling'),
    questionId: 'es',
    field: 'skill',
    message: /must be one of: detail, main-idea, inference, vocabulary, sequence, quotation, purpose/,
  },
  {
    name: 'two-part Part B quote not in the article',
    breakIt: (b) =>
      void (question(b, 'tp')['partB'] = {
        prompt: 'Which?',
        options: [
          { id: 'stayed', quote: 'The regime stayed away.' },
          { id: 'boycott', quote: 'The regime boycotted the meeting.' },
        ],
        correct: ['stayed'],
      }),
    questionId: 'tp',
    field: 'partB.options.1.quote',
    message: /quote not found in the article/,
  },
  {
    name: 'two-part Part A correct option that does not exist',
    breakIt: (b) => void ((question(b, 'tp')['partA'] as Record<string, unknown>)['correct'] = 'maybe'),
    questionId: 'tp',
    field: 'partA.correct',
    message: /“maybe” is not the id of any option/,
  },
  {
    name: 'question without an id',
    breakIt: (b) => void delete question(b, 'ord')['id'],
    questionId: 'questions[6]',
    field: 'id',
    message: /missing/,
  },
];

describe('loadQuiz', () => {
  it('loads a valid bank, resolving every quotation to sentence ids', () => {
    const result = load(fixtureBank());
    if (!result.ok) throw new Error(result.problems.map(formatProblem).join('\n'));
    const { quiz } = result;
    expect(quiz.id).toBe('fixture');
    expect(quiz.title).toBe('Council to meet on human rights');
    expect(quiz.bank.article).toBe('article.txt');
    const byId = new Map(quiz.questions.map((q) => [q.id, q]));
    expect(byId.get('ms')?.evidenceSentenceIds).toEqual(['p1.s1', 'p2.s1']);
    expect(byId.get('es')?.answerSentenceIds).toEqual(['p1.s2', 'p2.s2']);
    expect(byId.get('tp')?.partBSentenceIds).toEqual({ stayed: 'p1.s2', monday: 'p1.s1' });
    expect(byId.get('sc')?.answerSentenceIds).toEqual([]);
    expect(byId.get('sc')?.partBSentenceIds).toEqual({});
    expect(byId.get('sc')?.points).toBe(1);
  });

  it('uses the bank title over the headline when there is one', () => {
    const result = load({ ...fixtureBank(), title: 'Human rights at the UN' });
    expect(result.ok && result.quiz.title).toBe('Human rights at the UN');
  });

  it('passes the bank source to the article', () => {
    const result = load({ ...fixtureBank(), source: { publication: 'The Scotsman' } });
    expect(result.ok && result.quiz.article.source).toEqual({ publication: 'The Scotsman' });
  });

  it('tolerates straight quotes and extra spaces in quotations of curly-quoted text', () => {
    const article = 'Headline\n\nThe regime called it “an attempt to frame us” on Saturday. It said nothing else.\n';
    const bank = mutableFixtureBank();
    bank.questions = [
      { ...question(bank, 'tfng'), evidence: ['called it  "an attempt to frame us"'] },
      {
        ...question(bank, 'sa'),
        accepted: ['AN ATTEMPT TO FRAME US'],
        evidence: ['The regime called it "an attempt to frame us" on Saturday.'],
      },
    ];
    const result = load(bank, article);
    expect(result.ok ? [] : result.problems.map(formatProblem)).toEqual([]);
  });

  it('accepts a byte-order mark at the start of the bank file', () => {
    const result = loadQuiz({ bankFile: BANK_FILE, bankText: `\uFEFF${JSON.stringify(fixtureBank())}`, articleText: FIXTURE_ARTICLE });
    expect(result.ok).toBe(true);
  });

  describe('a catalogue of broken banks', () => {
    it('has at least 15 distinct cases', () => {
      expect(new Set(CATALOGUE.map((c) => c.name)).size).toBeGreaterThanOrEqual(15);
    });

    it.each(CATALOGUE)('$name: names the question and the field', ({ breakIt, questionId, field, message }) => {
      const bank = mutableFixtureBank();
      breakIt(bank);
      const problems = problemsOf(load(bank));
      const matching = problems.filter((p) => p.questionId === questionId && p.field === field);
      expect(matching, problems.map(formatProblem).join('\n')).not.toHaveLength(0);
      expect(
        matching.map((p) => p.message).some((m) => message.test(m)),
        matching.map((p) => p.message).join('\n'),
      ).toBe(true);
      for (const problem of problems) expect(problem.file).toBe(BANK_FILE);
      // The break is the only thing wrong, so nothing unrelated should be reported with it.
      expect(new Set(problems.map((p) => p.questionId))).toEqual(new Set([questionId]));
    });
  });

  it('reports a JSON syntax error with its line and column', () => {
    const bankText = '{\n  "id": "fixture",\n  "questions": [\n    { "id": "a", }\n  ]\n}\n';
    const problems = problemsOf(loadQuiz({ bankFile: BANK_FILE, bankText, articleText: FIXTURE_ARTICLE }));
    expect(problems).toHaveLength(1);
    const [problem] = problems;
    expect(problem).toMatchObject({ file: BANK_FILE, line: 4, column: 18 });
    expect(problem?.message).toMatch(/^invalid JSON: .*remove the comma/);
    expect(formatProblem(problem as Problem)).toMatch(/^questions\/fixture\/bank\.json:4:18: invalid JSON: /);
  });

  // Every position here is where the engine itself puts the error when it states one.
  it.each([
    ['a missing comma between fields', '{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected a comma/],
    ['a missing comma in a list', '[1, 2\n 3]', 2, 2, /expected a comma/],
    ['a missing colon', '{\n  "a" 1}', 2, 7, /expected “:”/],
    ['a second value after a string', '{"a":\n\t"b" "c"}', 2, 6, /expected a comma/],
    ['text after the end', '{"a": 1}}', 1, 9, /more after the end/],
    ['a control character inside text', '{\n  "a": "x\u0001"}', 2, 10, /control character/],
    ['an unknown escape', '{"a": "b\\x"}', 1, 9, /backslash/],
    ['a trailing comma in a list', '{\n  "questions": [\n    1,\n  ]\n}', 4, 3, /before “\]”.*remove the comma/],
    ['a trailing comma in an object', '{\n  "id": "x",\n}', 3, 1, /remove the comma/],
    ['a bare word', '{\n  "id": fixture\n}', 2, 9, /“fixture” is not JSON.*double quotes/],
    ['a misspelt literal', '{ "a": tru }', 1, 8, /“tru” is not JSON/],
    ['a single-quoted string', "{\n 'id': 'x' }", 2, 2, /“'id'” is not JSON.*double quotes/],
    ['a comment', '// the questions\n{}', 1, 1, /no comments/],
    ['an unclosed string', '{"a": "unclosed}', 1, 7, /not closed/],
  ])('locates and names %s', (_name, bankText, line, column, message) => {
    const [problem] = problemsOf(loadQuiz({ bankFile: BANK_FILE, bankText, articleText: FIXTURE_ARTICLE }));
    expect(problem).toMatchObject({ file: BANK_FILE, line, column });
    expect(problem?.message).toMatch(/^invalid JSON: /);
    expect(problem?.message).toMatch(message);
  });

  it('places an unexpected end of the file at its last line', () => {
    const bankText = '{\n  "id": "fixture",\n  "questions": [\n';
    const [problem] = problemsOf(loadQuiz({ bankFile: BANK_FILE, bankText, articleText: FIXTURE_ARTICLE }));
    expect(problem).toMatchObject({ line: 4, column: 1, message: 'invalid JSON: the file ends before a list is closed with “]”' });
  });

  it('reads a bank saved with a byte-order mark, and counts positions after it', () => {
    const good = loadQuiz({ bankFile: BANK_FILE, bankText: `\uFEFF${JSON.stringify(fixtureBank())}`, articleText: FIXTURE_ARTICLE });
    expect(good.ok).toBe(true);
    const [problem] = problemsOf(loadQuiz({ bankFile: BANK_FILE, bankText: '\uFEFF{ "id": }', articleText: FIXTURE_ARTICLE }));
    expect(problem).toMatchObject({ line: 1, column: 9 });
  });

  it('turns an offset into a 1-based line and column', () => {
    expect(positionToLineColumn('ab\ncd', 0)).toEqual({ line: 1, column: 1 });
    expect(positionToLineColumn('ab\ncd', 4)).toEqual({ line: 2, column: 2 });
    expect(positionToLineColumn('ab\n', 3)).toEqual({ line: 2, column: 1 });
  });

  it('reports problems in the bank itself without a question id', () => {
    const problems = problemsOf(load({ ...fixtureBank(), id: 'Fixture Bank', author: 'me', source: { url: 'ftp://x' } }));
    const lines = problems.map(formatProblem);
    expect(lines).toContain(`${BANK_FILE}: author: unknown field “author” (check its spelling)`);
    expect(lines.some((line) => line.startsWith(`${BANK_FILE}: id: `))).toBe(true);
    expect(lines).toContain(`${BANK_FILE}: source.url: must be an http or https address`);
  });

  it('still checks the well-formed questions of a bank that fails the schema', () => {
    const bank = mutableFixtureBank();
    question(bank, 'sc')['points'] = 0;
    question(bank, 'sa')['evidence'] = ['Nowhere in the text.'];
    const problems = problemsOf(load(bank));
    expect(problems.map((p) => `${p.questionId} ${p.field}`)).toEqual(['sc points', 'sa evidence.0']);
  });

  it('reports every problem, not just the first', () => {
    const bank = mutableFixtureBank();
    question(bank, 'sc')['correct'] = 'nope';
    question(bank, 'ord')['order'] = ['report'];
    question(bank, 'mt')['pairs'] = [
      { left: 'monday', right: 'met' },
      { left: 'monday', right: 'met' },
    ];
    const problems = problemsOf(load(bank));
    expect(new Set(problems.map((p) => p.questionId))).toEqual(new Set(['sc', 'ord', 'mt']));
  });

  it('rejects an article with no body text', () => {
    const problems = problemsOf(load(fixtureBank(), 'Only a headline\n'));
    expect(problems).toEqual([{ file: BANK_FILE, field: 'article', message: 'the article has no body text to quote' }]);
  });
});

describe('formatProblem', () => {
  it('joins the parts that are present', () => {
    expect(formatProblem({ file: 'b.json', questionId: 'q1', field: 'options.2.id', message: 'bad' })).toBe(
      'b.json: q1: options.2.id: bad',
    );
    expect(formatProblem({ file: 'b.json', questionId: 'q1', message: 'bad' })).toBe('b.json: q1: bad');
    expect(formatProblem({ file: 'b.json', field: 'id', message: 'bad' })).toBe('b.json: id: bad');
    expect(formatProblem({ file: 'b.json', message: 'bad' })).toBe('b.json: bad');
  });

  it('uses file:line:column for positions', () => {
    expect(formatProblem({ file: 'b.json', line: 3, column: 7, message: 'invalid JSON' })).toBe('b.json:3:7: invalid JSON');
  });
});
