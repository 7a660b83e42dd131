import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { loadQuiz } from '../../src/core/bank/load.ts';
import { exportQti3, importQti, QTI_IMPORT_LIMITS, QtiImportError } from '../../src/core/interchange/qti/index.ts';
import { FIXTURE_ARTICLE, fixtureBank } from './bank-fixtures.ts';
import { seedQuiz } from './fixtures.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/interchange/qti', import.meta.url));
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? walk(join(dir, name)) : [join(dir, name)]));
const fixture = (path: string) => readFileSync(join(FIXTURES, path), 'utf8');
const itemFiles = (folder: string) =>
  walk(join(FIXTURES, folder))
    .filter((f) => f.endsWith('.xml'))
    .map((f) => relative(FIXTURES, f))
    .sort();

describe('real QTI files (1EdTech QTI 3.0 examples, IMS QTI 2.1 examples)', () => {
  // What each real item becomes; every one is imported, needs evidence, or is skipped with a reason.
  const expected: Record<string, { status: string; type: string }> = {
    'qti21/associate.xml': { status: 'needs-evidence', type: 'matching' },
    'qti21/choice.xml': { status: 'needs-evidence', type: 'single-choice' },
    'qti21/choice_multiple.xml': { status: 'needs-evidence', type: 'multiple-select' },
    'qti21/extended_text.xml': { status: 'skipped', type: 'extendedTextInteraction' },
    'qti21/hottext.xml': { status: 'skipped', type: 'hottextInteraction' },
    'qti21/inline_choice.xml': { status: 'needs-evidence', type: 'cloze' },
    'qti21/match.xml': { status: 'needs-evidence', type: 'matching' },
    'qti21/order.xml': { status: 'needs-evidence', type: 'ordering' },
    'qti21/text_entry.xml': { status: 'needs-evidence', type: 'cloze' },
    'qti22/modalFeedback.xml': { status: 'needs-evidence', type: 'true-false-not-given' },
    'qti22/orkney1.xml': { status: 'needs-evidence', type: 'single-choice' },
    'qti3/items/Example01-modalFeedback.xml': { status: 'needs-evidence', type: 'true-false-not-given' },
    'qti3/items/QTI3-inline-choice.xml': { status: 'needs-evidence', type: 'cloze' },
    'qti3/items/QTI3-match.xml': { status: 'needs-evidence', type: 'matching' },
    'qti3/items/QTI3-order.xml': { status: 'needs-evidence', type: 'ordering' },
    'qti3/items/QTI3multiplechoice2.xml': { status: 'needs-evidence', type: 'multiple-select' },
    'qti3/items/hot-text-example-1.xml': { status: 'skipped', type: 'hottextInteraction' },
    'qti3/items/unbelievable_night_item1.xml': { status: 'skipped', type: 'extendedTextInteraction' },
  };

  it('lists every item fixture here', () => {
    expect([...itemFiles('qti21'), ...itemFiles('qti22'), ...itemFiles('qti3/items')]).toEqual(Object.keys(expected).sort());
  });

  for (const [path, outcome] of Object.entries(expected)) {
    it(`${path}: ${outcome.status} as ${outcome.type}`, () => {
      const files = new Map([[path, fixture(path)]]);
      if (path.includes('unbelievable')) files.set('qti3/passages/unbelievableNight.xml', fixture('qti3/passages/unbelievableNight.xml'));
      if (path.includes('orkney')) files.set('qti22/shared/orkney.html', fixture('qti22/shared/orkney.html'));
      const read = importQti(files);
      expect(read.report).toHaveLength(1);
      expect(read.report[0]).toMatchObject(outcome);
      if (outcome.status === 'skipped') expect(read.report[0]!.reason).toMatch(/Evident/);
      else expect(read.questions).toHaveLength(1);
    });
  }

  it('reads keys as the files declare them', () => {
    const read = (path: string) => importQti(new Map([[path, fixture(path)]])).questions[0]!;
    expect(read('qti21/choice.xml')).toMatchObject({
      type: 'single-choice',
      prompt: 'Look at the text in the picture. What does it say?',
      correct: 'choicea',
      options: [{ text: 'You must stay with your luggage at all times.' }, {}, {}],
    });
    expect(read('qti3/items/QTI3-match.xml')).toMatchObject({
      type: 'matching',
      pairs: [
        { left: 'c', right: 'r' },
        { left: 'd', right: 'm' },
        { left: 'l', right: 'm' },
        { left: 'p', right: 't' },
      ],
    });
    expect(read('qti21/associate.xml')).toMatchObject({
      type: 'matching',
      left: [{ text: 'Antonio' }, { text: 'Capulet' }, { text: 'Demetrius' }],
      pairs: [
        { left: 'a', right: 'p' },
        { left: 'c', right: 'm' },
        { left: 'd', right: 'l' },
      ],
    });
    expect(read('qti3/items/QTI3-order.xml')).toMatchObject({ type: 'ordering', order: ['driverc', 'drivera', 'driverb'] });
    // "york" is worth half marks there: only full-mark answers are accepted (Evident's matching ignores case anyway).
    expect(read('qti21/text_entry.xml')).toMatchObject({
      type: 'cloze',
      text: "Now is the winter of our discontent Made glorious summer by this sun of {{gap-1}}; And all the clouds that lour'd upon our house In the deep bosom of the ocean buried.",
      gaps: [{ id: 'gap-1', accepted: ['York'] }],
    });
    expect(read('qti3/items/Example01-modalFeedback.xml')).toMatchObject({ type: 'true-false-not-given', answer: 'true', points: 10 });
  });

  it('takes the article from the stimulus an item references', () => {
    const read = importQti(
      new Map([
        ['qti3/items/unbelievable_night_item1.xml', fixture('qti3/items/unbelievable_night_item1.xml')],
        ['qti3/passages/unbelievableNight.xml', fixture('qti3/passages/unbelievableNight.xml')],
      ]),
    );
    expect(read.articleText).toMatch(/^An Unbelievable Night\n\nby Franz Hohler\n\nAnina was ten years old, so even half asleep/);
    expect(read.articleText).not.toMatch(/Anina is the name of a girl/); // the glossary card is not the article
  });

  it('takes a QTI 2 passage from the HTML page an item embeds, as text', () => {
    const read = importQti(
      new Map([
        ['qti22/orkney1.xml', fixture('qti22/orkney1.xml')],
        ['qti22/shared/orkney.html', fixture('qti22/shared/orkney.html')],
      ]),
    );
    const paragraphs = read.articleText!.split('\n\n');
    expect(paragraphs[0]).toBe('The Ancient Islands of Orkney');
    expect(paragraphs[1]).toMatch(/^Off the north coast of Scotland, there are seventy islands/);
    expect(paragraphs).toContain('THINGS TO DO');
    expect(read.articleText).not.toMatch(/<|title>/);
    expect(read.questions[0]).toMatchObject({ type: 'single-choice', correct: 't', options: [{ text: 'Correct' }, { text: 'Incorrect' }] });
  });

  it('imports the whole folder of real items at once, in path order', () => {
    const paths = [...itemFiles('qti21'), ...itemFiles('qti22'), ...itemFiles('qti3'), 'qti22/shared/orkney.html'];
    const read = importQti(new Map(paths.map((p) => [p, fixture(p)])));
    expect(read.report).toHaveLength(18);
    expect(read.report.filter((r) => r.status === 'skipped')).toHaveLength(4);
    expect(new Set(read.questions.map((q) => q.id)).size).toBe(read.questions.length);
  });

  it('refuses the real file with a DOCTYPE, naming the file', () => {
    expect(() => importQti(new Map([['broken/choice_doctype.xml', fixture('broken/choice_doctype.xml')]]))).toThrow(
      'broken/choice_doctype.xml: has a DTD or entity declaration',
    );
  });
});

const item = (body: string, declarations = '', attrs = 'identifier="capital" title="Capital"') =>
  `<?xml version="1.0"?><assessmentItem xmlns="http://www.imsglobal.org/xsd/imsqti_v2p1" ${attrs}>${declarations}<itemBody>${body}</itemBody></assessmentItem>`;
const choiceDecl = (value: string) =>
  `<responseDeclaration identifier="RESPONSE" cardinality="single" baseType="identifier"><correctResponse><value>${value}</value></correctResponse></responseDeclaration>`;
const choice = `<choiceInteraction responseIdentifier="RESPONSE" maxChoices="1"><prompt>Capital of France?</prompt><simpleChoice identifier="A">Paris</simpleChoice><simpleChoice identifier="B">Lyon</simpleChoice></choiceInteraction>`;

describe('broken and hostile QTI', () => {
  it('refuses entity expansion before parsing', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><assessmentItem identifier="x"><itemBody>&b;</itemBody></assessmentItem>`;
    expect(() => importQti(new Map([['items/bomb.xml', bomb]]))).toThrow(/items\/bomb\.xml: has a DTD or entity declaration/);
  });

  it('refuses malformed XML, naming the file and the place', () => {
    expect(() => importQti(new Map([['a.xml', '<assessmentItem identifier="x"><itemBody><p>open</itemBody></assessmentItem>']]))).toThrow(
      /^a\.xml: is not well-formed XML: .*line 1/,
    );
  });

  it('refuses a correct response that names no choice, naming file and item', () => {
    const xml = item(choice, choiceDecl('Z'));
    expect(() => importQti(new Map([['items/capital.xml', xml]]))).toThrow(
      new QtiImportError('items/capital.xml', 'capital', 'the correct response "Z" names no choice of the interaction'),
    );
  });

  it('refuses an interaction whose response is not declared', () => {
    expect(() => importQti(new Map([['c.xml', item(choice)]]))).toThrow('c.xml, item "capital": the response "RESPONSE" is not declared');
  });

  it('imports nothing when one item of many is broken (all or nothing)', () => {
    const files = new Map([
      ['a.xml', item(choice, choiceDecl('A'), 'identifier="good"')],
      ['b.xml', item(choice, choiceDecl('Q'), 'identifier="bad"')],
    ]);
    expect(() => importQti(files)).toThrow(/^b\.xml, item "bad"/);
  });

  it('refuses a manifest naming a missing file, or a path out of the package', () => {
    const manifest = (href: string) =>
      `<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" identifier="m"><resources><resource identifier="i1" type="imsqti_item_xmlv3p0" href="${href}"><file href="${href}"/></resource></resources></manifest>`;
    expect(() => importQti(new Map([['imsmanifest.xml', manifest('items/gone.xml')]]))).toThrow(
      'imsmanifest.xml, item "i1": names items/gone.xml, which is not in the package',
    );
    expect(() => importQti(new Map([['imsmanifest.xml', manifest('../../etc/passwd')]]))).toThrow(/points outside the package/);
  });

  it('refuses nesting deeper than the limit instead of overflowing the stack', () => {
    const deep = `<assessmentItem identifier="deep"><itemBody>${'<div>'.repeat(5000)}x${'</div>'.repeat(5000)}</itemBody></assessmentItem>`;
    expect(() => importQti(new Map([['deep.xml', deep]]))).toThrow(`deep.xml: nests elements more than ${QTI_IMPORT_LIMITS.maxDepth} deep`);
  });

  it('refuses too many files and too large a file before reading any', () => {
    const many = new Map(Array.from({ length: QTI_IMPORT_LIMITS.maxFiles + 1 }, (_, i) => [`f${i}.xml`, '<x/>'] as [string, string]));
    expect(() => importQti(many)).toThrow(/the package: holds 5001 files; the limit is 5000/);
    expect(() => importQti(new Map([['big.xml', ' '.repeat(QTI_IMPORT_LIMITS.maxFileCharacters + 1)]]))).toThrow(
      /big\.xml: is larger than 10 MB/,
    );
  });

  it('reduces HTML to text and never runs or keeps markup', () => {
    const body = `<p>Read <b>this</b> &amp; <script>alert(1)</script><img src="x" onerror="alert(2)"/>answer:</p>${choice}`;
    const q = importQti(new Map([['h.xml', item(body, choiceDecl('A'))]])).questions[0]!;
    expect(q.prompt).toBe('Read this & answer: Capital of France?');
  });

  it('finds evidence where another tool’s feedback quotes the article', () => {
    const stimulus = `<qti-assessment-stimulus xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="s" title="Paris"><qti-stimulus-body><p>Paris is the capital of France. Lyon is a large city in the south.</p></qti-stimulus-body></qti-assessment-stimulus>`;
    const withFeedback = `<qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="cap" title="Capital"><qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>A</qti-value></qti-correct-response></qti-response-declaration><qti-assessment-stimulus-ref identifier="s" href="s.xml"/><qti-item-body><qti-choice-interaction response-identifier="RESPONSE" max-choices="1"><qti-prompt>Capital?</qti-prompt><qti-simple-choice identifier="A">Paris</qti-simple-choice><qti-simple-choice identifier="B">Lyon</qti-simple-choice></qti-choice-interaction></qti-item-body><qti-modal-feedback outcome-identifier="FEEDBACK" identifier="f" show-hide="show"><qti-content-body>The text says “Paris is the capital of France”.</qti-content-body></qti-modal-feedback></qti-assessment-item>`;
    const read = importQti(
      new Map([
        ['s.xml', stimulus],
        ['cap.xml', withFeedback],
      ]),
    );
    expect(read.report).toEqual([{ id: 'cap', type: 'single-choice', status: 'imported' }]);
    expect(read.questions[0]).toMatchObject({
      evidence: ['Paris is the capital of France'],
      explanation: 'The text says “Paris is the capital of France”.',
    });
    expect(read.articleText).toBe('Paris is the capital of France. Lyon is a large city in the south.');
  });
});

describe('the exported package', () => {
  const quiz = seedQuiz();
  const { files } = exportQti3(quiz);

  it('is well-formed XML in every file, in QTI 3’s namespaces', () => {
    for (const [path, text] of Object.entries(files)) {
      expect(XMLValidator.validate(text), path).toBe(true);
      if (path === 'imsmanifest.xml') expect(text).toContain('<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1"');
      else
        expect(text).toMatch(
          /^<\?xml[^>]*>\n<qti-assessment-(item|stimulus|test) xmlns="http:\/\/www\.imsglobal\.org\/xsd\/imsqtiasi_v3p0"/,
        );
    }
    expect(Object.keys(files).filter((p) => p.startsWith('items/'))).toHaveLength(quiz.questions.length);
  });

  it('uses only QTI 3 element names that 1EdTech’s examples use, or the spec’s own for tests and processing', () => {
    const used = new Set(Object.values(files).flatMap((text) => [...text.matchAll(/<(qti-[a-z-]+)/g)].map((m) => m[1]!)));
    const inExamples = new Set(itemFiles('qti3').flatMap((p) => [...fixture(p).matchAll(/<(qti-[a-z-]+)/g)].map((m) => m[1]!)));
    // Not in the examples kept here, named in the QTI 3.0 ASI information model (tests, stimuli, operators).
    const fromSpec = new Set([
      'qti-assessment-test',
      'qti-test-part',
      'qti-assessment-section',
      'qti-assessment-item-ref',
      'qti-text-entry-interaction',
      'qti-hottext',
      'qti-hottext-interaction',
      'qti-map-response',
      'qti-is-null',
      'qti-not',
      'qti-sum',
    ]);
    const unknown = [...used].filter((name) => !inExamples.has(name) && !fromSpec.has(name));
    expect(unknown).toEqual([]);
  });

  it('uses only attribute names that the QTI examples use (QTI 2 camelCase = QTI 3 kebab-case), data-* aside', () => {
    const camel = (name: string) => name.replace(/-([a-z])/g, (_w, c: string) => c.toUpperCase());
    const attributes = (text: string, elements: RegExp) =>
      [...text.matchAll(elements)].flatMap((m) => [...m[1]!.matchAll(/\s([a-zA-Z:-]+)=/g)].map((a) => camel(a[1]!)));
    const inExamples = new Set(
      [...itemFiles('qti21'), ...itemFiles('qti22'), ...itemFiles('qti3')].flatMap((p) => attributes(fixture(p), /<[a-zA-Z-]+\b([^>]*)>/g)),
    );
    // Named in the QTI information model, not used by the examples kept here.
    const fromSpec = new Set(['toolName', 'navigationMode', 'submissionMode', 'visible', 'caseSensitive']);
    const used = new Set(Object.values(files).flatMap((text) => attributes(text, /<qti-[a-z-]+\b([^>]*)>/g)));
    expect([...used].filter((a) => !a.startsWith('data') && !inExamples.has(a) && !fromSpec.has(a))).toEqual([]);
  });

  it('is read back as Evident’s own: ids, skill, difficulty and points, and the report is honest', () => {
    const bank = fixtureBank();
    bank.questions = bank.questions.map((q) => ({ ...q, skill: 'inference', difficulty: 'hard', points: 4 })) as typeof bank.questions;
    const loaded = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(bank), articleText: FIXTURE_ARTICLE });
    if (!loaded.ok) throw new Error('fixture bank');
    const out = exportQti3(loaded.quiz);
    const read = importQti(new Map(Object.entries(out.files)));
    expect(read.questions.map((q) => [q.id, q.skill, q.difficulty, q.points])).toEqual(
      loaded.quiz.questions.map((q) => [q.id, 'inference', 'hard', 4]),
    );
    expect(out.report.format).toBe('qti3');
    expect(out.report.questions.map((r) => r.outcome)).toEqual(
      loaded.quiz.questions.map((q) => (['short-answer', 'cloze', 'ordering'].includes(q.type) ? 'reduced' : 'kept')),
    );
  });
});
