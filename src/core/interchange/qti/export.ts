import type { LoadedQuestion, LoadedQuiz } from '../../bank/loaded.ts';
import { citableSentences } from '../../article/captions.ts';
import type { Sentence } from '../../article/types.ts';
import { type ExportReport, QuestionDrops } from '../report.ts';
import { sentencesById } from '../text.ts';
import { buildXml, el, type XmlElement, type XmlNode } from './xml.ts';
import { ASI_NAMESPACE, CP_NAMESPACE, CP_SCHEMA, ASI_SCHEMA, ID, TOOL_NAME, XSI_NAMESPACE } from './names.ts';

// QTI 3.0 (1EdTech Question and Test Interoperability, ASI 3.0): a content package of one
// stimulus (the article), one item per question and a test that lists them in order. Evident's
// own facts that QTI has no element for (sentence ids, skill, difficulty) travel as data-evident-*
// attributes, which QTI 3 allows on content and which other players ignore.

/** The files of a QTI 3 package (paths inside the zip, imsmanifest.xml among them) and what QTI dropped. */
export interface QtiExport {
  files: Record<string, string>;
  report: ExportReport;
}

export const STIMULUS_ID = 'article';
export const STIMULUS_PATH = 'stimuli/article.xml';
export const TEST_PATH = 'test.xml';
export const itemPath = (questionId: string) => `items/${questionId}.xml`;

const LENIENT = 'Evident’s lenient answer matching (punctuation, small spelling slips) becomes QTI’s exact, case-insensitive match';
const TRUTH_LABELS = { true: 'True', false: 'False', 'not-given': 'Not given' } as const;

// Response processing, written out rather than as a template so that every score is Evident's.
const variable = (id: string) => el('qti-variable', { identifier: id });
const baseValue = (type: string, value: string | number) => el('qti-base-value', { 'base-type': type }, String(value));
const setOutcome = (id: string, value: XmlElement) => el('qti-set-outcome-value', { identifier: id }, value);
const setScore = (value: XmlElement) => setOutcome('SCORE', value);
const isNull = (id: string) => el('qti-is-null', {}, variable(id));
const matchCorrect = (id: string) => el('qti-match', {}, variable(id), el('qti-correct', { identifier: id }));
const mapResponse = (id: string) => el('qti-map-response', { identifier: id });
const condition = (test: XmlElement, then: XmlElement[], otherwise: XmlElement[]) =>
  el('qti-response-condition', {}, el('qti-response-if', {}, test, then), otherwise.length > 0 && el('qti-response-else', {}, otherwise));

/** All or nothing: the full points when the response is the correct one. */
const allOrNothing = (id: string) => condition(matchCorrect(id), [setScore(variable('MAXSCORE'))], [setScore(baseValue('float', 0))]);
/** The sum of the mapping's values for what was given (the mapping's bounds apply), 0 for no answer. */
const mapped = (id: string) => condition(isNull(id), [setScore(baseValue('float', 0))], [setScore(mapResponse(id))]);

function responseDeclaration(
  id: string,
  cardinality: 'single' | 'multiple' | 'ordered',
  baseType: 'identifier' | 'string' | 'directedPair',
  correct: readonly string[],
  mapping?: { entries: readonly { key: string; value: number }[]; defaultValue?: number; upper: number; caseInsensitive?: boolean },
): XmlElement {
  return el(
    'qti-response-declaration',
    { identifier: id, cardinality, 'base-type': baseType },
    el(
      'qti-correct-response',
      {},
      correct.map((value) => el('qti-value', {}, value)),
    ),
    mapping &&
      el(
        'qti-mapping',
        { 'default-value': mapping.defaultValue ?? 0, 'lower-bound': 0, 'upper-bound': mapping.upper },
        mapping.entries.map((entry) =>
          el('qti-map-entry', {
            'map-key': entry.key,
            'mapped-value': entry.value,
            'case-sensitive': mapping.caseInsensitive ? 'false' : undefined,
          }),
        ),
      ),
  );
}

/** Right picks earn points/k each and wrong picks lose as much, floored at 0: Evident's selection rule. */
function selectionMapping(keys: readonly string[], correct: readonly string[], points: number) {
  const each = points / correct.length;
  return {
    entries: keys.map((key) => ({ key, value: correct.includes(key) ? each : -each })),
    defaultValue: -each,
    upper: points,
  };
}

const prompt = (text: string) => el('qti-prompt', {}, text);

/** A choice interaction over options; max-choices 1 for one answer, 0 for any number. */
function choiceInteraction(
  responseId: string,
  maxChoices: 0 | 1,
  question: string,
  options: readonly { id: string; text: string }[],
  attrs: Record<string, string> = {},
): XmlElement {
  return el(
    'qti-choice-interaction',
    { 'response-identifier': responseId, 'max-choices': maxChoices, shuffle: 'true', ...attrs },
    prompt(question),
    options.map((o) => el('qti-simple-choice', { identifier: ID.option(o.id) }, o.text)),
  );
}
const simpleChoice = (identifier: string, text: string, fixed?: boolean) =>
  el('qti-simple-choice', { identifier, fixed: fixed ? 'true' : undefined }, text);

interface Body {
  declarations: XmlElement[];
  body: XmlNode[];
  processing: XmlElement[];
}

/** The article's sentences as hot text, paragraph by paragraph, captions after the body. */
function hottextArticle(quiz: LoadedQuiz): XmlElement[] {
  const paragraph = (sentences: readonly Sentence[], attrs: Record<string, string>) =>
    el(
      'p',
      attrs,
      sentences.flatMap((s, i) => [i > 0 ? ' ' : undefined, el('qti-hottext', { identifier: ID.sentence(s.id) }, s.text)]),
    );
  return [
    ...quiz.article.paragraphs.map((p) => paragraph(p.sentences, { 'data-evident-paragraph': p.id })),
    ...quiz.article.captions.map((c) => paragraph(c.sentences ?? [], { class: 'caption', 'data-evident-caption': c.id ?? '' })),
  ];
}

function questionBody(quiz: LoadedQuiz, q: LoadedQuestion, drops: QuestionDrops): Body {
  const points = q.points;
  switch (q.type) {
    case 'single-choice':
      return {
        declarations: [responseDeclaration('RESPONSE', 'single', 'identifier', [ID.option(q.correct)])],
        body: [choiceInteraction('RESPONSE', 1, q.prompt, q.options)],
        processing: [allOrNothing('RESPONSE')],
      };
    case 'multiple-select': {
      const keys = q.options.map((o) => ID.option(o.id));
      const correct = q.correct.map(ID.option);
      return {
        declarations: [responseDeclaration('RESPONSE', 'multiple', 'identifier', correct, selectionMapping(keys, correct, points))],
        body: [choiceInteraction('RESPONSE', 0, q.prompt, q.options)],
        processing: [mapped('RESPONSE')],
      };
    }
    case 'true-false-not-given':
      return {
        declarations: [responseDeclaration('RESPONSE', 'single', 'identifier', [q.answer])],
        body: [
          el(
            'qti-choice-interaction',
            { 'response-identifier': 'RESPONSE', 'max-choices': 1, shuffle: 'false', 'data-evident-type': q.type },
            prompt(q.prompt),
            (['true', 'false', 'not-given'] as const).map((value) => simpleChoice(value, TRUTH_LABELS[value], true)),
          ),
        ],
        processing: [allOrNothing('RESPONSE')],
      };
    case 'short-answer': {
      drops.drop(LENIENT);
      const expected = Math.max(...q.accepted.map((a) => a.length));
      return {
        declarations: [
          responseDeclaration('RESPONSE', 'single', 'string', [q.accepted[0]!], {
            entries: q.accepted.map((key) => ({ key, value: points })),
            upper: points,
            caseInsensitive: true,
          }),
        ],
        body: [
          el('p', {}, q.prompt),
          el('p', {}, el('qti-text-entry-interaction', { 'response-identifier': 'RESPONSE', 'expected-length': expected })),
        ],
        processing: [mapped('RESPONSE')],
      };
    }
    case 'cloze': {
      drops.drop(LENIENT);
      const each = points / q.gaps.length;
      const gaps = new Map(q.gaps.map((gap) => [gap.id, gap]));
      const sentence: XmlNode[] = [];
      for (const piece of q.text.split(/(\{\{[a-z0-9-]+\}\})/u)) {
        const gap = piece.startsWith('{{') ? gaps.get(piece.slice(2, -2)) : undefined;
        if (gap) {
          const expected = Math.max(...gap.accepted.map((a) => a.length));
          sentence.push(el('qti-text-entry-interaction', { 'response-identifier': ID.gap(gap.id), 'expected-length': expected }));
        } else if (piece !== '') sentence.push(piece);
      }
      const sum = q.gaps.map((gap) =>
        el(
          'qti-response-condition',
          {},
          el(
            'qti-response-if',
            {},
            el('qti-not', {}, isNull(ID.gap(gap.id))),
            setScore(el('qti-sum', {}, variable('SCORE'), mapResponse(ID.gap(gap.id)))),
          ),
        ),
      );
      return {
        declarations: q.gaps.map((gap) =>
          responseDeclaration(ID.gap(gap.id), 'single', 'string', [gap.accepted[0]!], {
            entries: gap.accepted.map((key) => ({ key, value: each })),
            upper: each,
            caseInsensitive: true,
          }),
        ),
        body: [el('p', {}, q.prompt), el('p', {}, sentence)],
        processing: [setScore(baseValue('float', 0)), ...sum],
      };
    }
    case 'evidence-selection': {
      const keys = citableSentences(quiz.article).map((s) => ID.sentence(s.id));
      const correct = q.answerSentenceIds.map(ID.sentence);
      return {
        declarations: [responseDeclaration('RESPONSE', 'multiple', 'identifier', correct, selectionMapping(keys, correct, points))],
        body: [
          el(
            'qti-hottext-interaction',
            { 'response-identifier': 'RESPONSE', 'max-choices': 0, 'data-evident-type': q.type },
            prompt(q.prompt),
            hottextArticle(quiz),
          ),
        ],
        processing: [mapped('RESPONSE')],
      };
    }
    case 'ordering':
      drops.drop(
        'partial credit for a partly right order: QTI’s response processing has no longest-run measure, so the item gives full points for the exact order only (Evident gives (k−1)/(n−1))',
      );
      return {
        declarations: [responseDeclaration('RESPONSE', 'ordered', 'identifier', q.order.map(ID.option))],
        body: [
          el(
            'qti-order-interaction',
            { 'response-identifier': 'RESPONSE', shuffle: 'true' },
            prompt(q.prompt),
            q.items.map((item) => simpleChoice(ID.option(item.id), item.text)),
          ),
        ],
        processing: [allOrNothing('RESPONSE')],
      };
    case 'matching': {
      const pairs = q.pairs.map((p) => `${ID.left(p.left)} ${ID.right(p.right)}`);
      const each = points / q.left.length;
      return {
        declarations: [
          responseDeclaration('RESPONSE', 'multiple', 'directedPair', pairs, {
            entries: pairs.map((key) => ({ key, value: each })),
            upper: points,
          }),
        ],
        body: [
          el(
            'qti-match-interaction',
            { 'response-identifier': 'RESPONSE', 'max-associations': q.left.length, shuffle: 'true' },
            prompt(q.prompt),
            el(
              'qti-simple-match-set',
              {},
              q.left.map((item) => el('qti-simple-associable-choice', { identifier: ID.left(item.id), 'match-max': 1 }, item.text)),
            ),
            el(
              'qti-simple-match-set',
              {},
              q.right.map((item) =>
                el('qti-simple-associable-choice', { identifier: ID.right(item.id), 'match-max': q.left.length }, item.text),
              ),
            ),
          ),
        ],
        processing: [mapped('RESPONSE')],
      };
    }
    case 'two-part': {
      const half = points / 2;
      const keys = q.partB.options.map((o) => ID.partB(o.id));
      const correctB = q.partB.correct.map(ID.partB);
      return {
        declarations: [
          responseDeclaration('RESPONSE-A', 'single', 'identifier', [ID.option(q.partA.correct)]),
          responseDeclaration('RESPONSE-B', 'multiple', 'identifier', correctB, selectionMapping(keys, correctB, half)),
        ],
        body: [
          el('p', {}, q.prompt),
          choiceInteraction('RESPONSE-A', 1, q.partA.prompt, q.partA.options, { 'data-evident-part': 'A' }),
          el(
            'qti-choice-interaction',
            { 'response-identifier': 'RESPONSE-B', 'max-choices': 0, shuffle: 'false', 'data-evident-part': 'B' },
            prompt(q.partB.prompt),
            q.partB.options.map((o) =>
              el('qti-simple-choice', { identifier: ID.partB(o.id), 'data-evident-sentence': q.partBSentenceIds[o.id] }, o.quote),
            ),
          ),
        ],
        // Part B asks for the evidence behind Part A's answer, so it earns only when Part A is right.
        processing: [
          condition(
            matchCorrect('RESPONSE-A'),
            [
              condition(
                isNull('RESPONSE-B'),
                [setScore(baseValue('float', half))],
                [setScore(el('qti-sum', {}, baseValue('float', half), mapResponse('RESPONSE-B')))],
              ),
            ],
            [setScore(baseValue('float', 0))],
          ),
        ],
      };
    }
  }
}

function feedback(quiz: LoadedQuiz, q: LoadedQuestion): XmlElement {
  const byId = sentencesById(quiz);
  return el(
    'qti-modal-feedback',
    { 'outcome-identifier': 'FEEDBACK', identifier: 'explanation', 'show-hide': 'show', title: 'Why' },
    el(
      'qti-content-body',
      {},
      el('p', { 'data-evident-role': 'explanation' }, q.explanation),
      el('p', {}, el('strong', {}, 'Evidence')),
      q.evidenceSentenceIds.map((id) => el('blockquote', { 'data-evident-sentence': id }, el('p', {}, byId.get(id)?.text ?? id))),
    ),
  );
}

function itemXml(quiz: LoadedQuiz, q: LoadedQuestion, drops: QuestionDrops): string {
  const { declarations, body, processing } = questionBody(quiz, q, drops);
  const item = el(
    'qti-assessment-item',
    {
      xmlns: ASI_NAMESPACE,
      'xmlns:xsi': XSI_NAMESPACE,
      'xsi:schemaLocation': `${ASI_NAMESPACE} ${ASI_SCHEMA}`,
      identifier: ID.item(q.id),
      title: q.id,
      adaptive: 'false',
      'time-dependent': 'false',
      'tool-name': TOOL_NAME,
      'xml:lang': 'en',
    },
    declarations,
    el(
      'qti-outcome-declaration',
      { identifier: 'SCORE', cardinality: 'single', 'base-type': 'float', 'normal-maximum': q.points },
      el('qti-default-value', {}, el('qti-value', {}, '0')),
    ),
    el(
      'qti-outcome-declaration',
      { identifier: 'MAXSCORE', cardinality: 'single', 'base-type': 'float' },
      el('qti-default-value', {}, el('qti-value', {}, String(q.points))),
    ),
    el('qti-outcome-declaration', { identifier: 'FEEDBACK', cardinality: 'single', 'base-type': 'identifier' }),
    el('qti-assessment-stimulus-ref', { identifier: STIMULUS_ID, href: `../${STIMULUS_PATH}`, title: quiz.title }),
    el('qti-item-body', { 'data-evident-type': q.type, 'data-evident-skill': q.skill, 'data-evident-difficulty': q.difficulty }, body),
    el('qti-response-processing', {}, processing, setOutcome('FEEDBACK', baseValue('identifier', 'explanation'))),
    feedback(quiz, q),
  );
  return buildXml(item);
}

function stimulusXml(quiz: LoadedQuiz): string {
  const { article } = quiz;
  const source = { ...article.source, ...quiz.bank.source };
  const detail = (name: string, text: string | undefined, tag = 'p') => text && el(tag, { 'data-evident-detail': name }, text);
  const sentences = (list: readonly Sentence[]) =>
    list.flatMap((s, i) => [i > 0 ? ' ' : undefined, el('span', { 'data-evident-sentence': s.id }, s.text)]);
  const stimulus = el(
    'qti-assessment-stimulus',
    {
      xmlns: ASI_NAMESPACE,
      'xmlns:xsi': XSI_NAMESPACE,
      'xsi:schemaLocation': `${ASI_NAMESPACE} ${ASI_SCHEMA}`,
      identifier: STIMULUS_ID,
      title: quiz.title,
      'xml:lang': 'en',
    },
    el(
      'qti-stimulus-body',
      {},
      el(
        'div',
        { class: 'qti-shared-stimulus-wrapper' },
        detail('headline', article.headline || quiz.title, 'h2'),
        detail('byline', article.byline && `By ${article.byline}`),
        detail('standfirst', article.standfirst),
        article.paragraphs.map((p) => el('p', { 'data-evident-paragraph': p.id }, sentences(p.sentences))),
        article.captions.map((c) =>
          el(
            'p',
            { class: 'caption', 'data-evident-caption': c.id },
            sentences(c.sentences ?? []),
            c.credit && [' ', el('small', { 'data-evident-detail': 'credit' }, c.credit)],
          ),
        ),
        detail('publication', source.publication),
        detail('date', source.date),
        source.url && el('p', { 'data-evident-detail': 'address' }, el('a', { href: source.url }, source.url)),
      ),
    ),
  );
  return buildXml(stimulus);
}

function testXml(quiz: LoadedQuiz): string {
  const test = el(
    'qti-assessment-test',
    {
      xmlns: ASI_NAMESPACE,
      'xmlns:xsi': XSI_NAMESPACE,
      'xsi:schemaLocation': `${ASI_NAMESPACE} ${ASI_SCHEMA}`,
      identifier: ID.test(quiz.id),
      title: quiz.title,
      'tool-name': TOOL_NAME,
    },
    el(
      'qti-test-part',
      { identifier: 'part-1', 'navigation-mode': 'nonlinear', 'submission-mode': 'simultaneous' },
      el(
        'qti-assessment-section',
        { identifier: 'section-1', title: quiz.title, visible: 'true' },
        quiz.questions.map((q) => el('qti-assessment-item-ref', { identifier: ID.item(q.id), href: itemPath(q.id) })),
      ),
    ),
  );
  return buildXml(test);
}

function manifestXml(quiz: LoadedQuiz): string {
  const resource = (identifier: string, type: string, href: string, dependencies: readonly string[]) =>
    el(
      'resource',
      { identifier, type, href },
      el('file', { href }),
      dependencies.map((id) => el('dependency', { identifierref: id })),
    );
  const manifest = el(
    'manifest',
    {
      xmlns: CP_NAMESPACE,
      'xmlns:xsi': XSI_NAMESPACE,
      'xsi:schemaLocation': `${CP_NAMESPACE} ${CP_SCHEMA}`,
      identifier: ID.manifest(quiz.id),
    },
    el('metadata', {}, el('schema', {}, 'QTI Package'), el('schemaversion', {}, '3.0.0')),
    el('organizations', {}),
    el(
      'resources',
      {},
      resource(
        ID.test(quiz.id),
        'imsqti_test_xmlv3p0',
        TEST_PATH,
        quiz.questions.map((q) => ID.item(q.id)),
      ),
      resource(STIMULUS_ID, 'imsqti_stimulus_xmlv3p0', STIMULUS_PATH, []),
      quiz.questions.map((q) => resource(ID.item(q.id), 'imsqti_item_xmlv3p0', itemPath(q.id), [STIMULUS_ID])),
    ),
  );
  return buildXml(manifest);
}

/** The quiz as a QTI 3.0 package: its files by path, and per question what QTI could not carry. */
export function exportQti3(quiz: LoadedQuiz): QtiExport {
  const files: Record<string, string> = {};
  const reports = [];
  files['imsmanifest.xml'] = manifestXml(quiz);
  files[TEST_PATH] = testXml(quiz);
  files[STIMULUS_PATH] = stimulusXml(quiz);
  for (const q of quiz.questions) {
    const drops = new QuestionDrops(q.id, q.type);
    files[itemPath(q.id)] = itemXml(quiz, q, drops);
    reports.push(drops.report());
  }
  return {
    files,
    report: {
      format: 'qti3',
      quiz: [
        'the article’s sentence ids, each question’s skill and difficulty and its evidence’s sentence ids travel as data-evident-* attributes: Evident reads them back, other platforms show the text and ignore them',
      ],
      questions: reports,
    },
  };
}
