import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { citableSentences } from '../../src/core/article/captions.ts';
import { loadQuiz } from '../../src/core/bank/load.ts';
import type { LoadedQuiz } from '../../src/core/bank/loaded.ts';
import type { BankInput } from '../../src/core/bank/schema.ts';
import { exportQuiz, formatExportReport } from '../../src/core/interchange/index.ts';
import { giftEscape } from '../../src/core/interchange/gift.ts';
import { clozeEscape } from '../../src/core/interchange/moodle.ts';
import { importQti } from '../../src/core/interchange/qti/index.ts';
import { readZip } from '../../src/service/zip.ts';
import { FIXTURE_ARTICLE, fixtureBank } from './bank-fixtures.ts';
import { seedQuiz, tempDir } from './fixtures.ts';

function load(bank: BankInput, article = FIXTURE_ARTICLE): LoadedQuiz {
  const result = loadQuiz({ bankFile: 'bank.json', bankText: JSON.stringify(bank), articleText: article });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.quiz;
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

type XmlQuestion = Record<string, unknown> & { '@_type': string };
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: { enabled: true },
  isArray: (name) => ['question', 'answer', 'subquestion', 'tag'].includes(name),
});

function moodleQuestions(quiz: LoadedQuiz): XmlQuestion[] {
  const { text } = exportQuiz(quiz, 'moodle-xml');
  expect(XMLValidator.validate(text)).toBe(true);
  return (parser.parse(text) as { quiz: { question: XmlQuestion[] } }).quiz.question;
}

const textOf = (node: unknown): string => unescapeHtml(String((node as { text: string }).text));
const answers = (q: XmlQuestion) =>
  (q.answer as Record<string, unknown>[]).map((a) => ({ fraction: Number(a['@_fraction']), text: textOf(a) }));

describe('Moodle XML export of the seed quiz', () => {
  const quiz = seedQuiz();
  const xml = moodleQuestions(quiz);

  it('starts with a category and the article as a description, then every question by id', () => {
    expect(xml[0]?.['@_type']).toBe('category');
    expect(xml[1]?.['@_type']).toBe('description');
    const articleText = textOf(xml[1]?.questiontext);
    for (const sentence of quiz.article.sentences) expect(articleText).toContain(sentence.text);
    expect(xml.slice(2).map((q) => textOf(q.name))).toEqual(quiz.questions.map((q) => q.id));
  });

  it('keeps every question’s points, explanation and evidence sentences in its general feedback', () => {
    const byId = new Map(citableSentences(quiz.article).map((s) => [s.id, s.text]));
    quiz.questions.forEach((q, i) => {
      const node = xml[i + 2]!;
      expect(Number(node.defaultgrade)).toBe(q.points);
      const feedback = textOf(node.generalfeedback);
      expect(feedback).toContain(q.explanation);
      for (const id of q.evidenceSentenceIds) expect(feedback).toContain(byId.get(id));
    });
  });

  it('keeps every key, with Evident’s partial credit as Moodle fractions', () => {
    const sentences = new Map(citableSentences(quiz.article).map((s) => [s.text, s.id]));
    quiz.questions.forEach((q, i) => {
      const node = xml[i + 2]!;
      switch (q.type) {
        case 'single-choice': {
          expect(node['@_type']).toBe('multichoice');
          expect(node.single).toBe('true');
          const right = answers(node).filter((a) => a.fraction === 100);
          expect(right.map((a) => a.text)).toEqual([q.options.find((o) => o.id === q.correct)!.text]);
          break;
        }
        case 'multiple-select': {
          expect(node.single).toBe('false');
          const k = q.correct.length;
          const expected = q.options.map((o) => (q.correct.includes(o.id) ? 100 / k : -100 / k));
          answers(node).forEach((a, j) => expect(a.fraction).toBeCloseTo(expected[j]!, 4));
          break;
        }
        case 'true-false-not-given': {
          const labels = { true: 'True', false: 'False', 'not-given': 'Not given' };
          expect(
            answers(node)
              .filter((a) => a.fraction === 100)
              .map((a) => a.text),
          ).toEqual([labels[q.answer]]);
          break;
        }
        case 'short-answer':
          expect(node['@_type']).toBe('shortanswer');
          expect(answers(node).map((a) => a.text)).toEqual(q.accepted);
          break;
        case 'cloze': {
          expect(node['@_type']).toBe('cloze');
          const text = textOf(node.questiontext);
          for (const gap of q.gaps) expect(text).toContain(`{1:SHORTANSWER:${gap.accepted.map((a) => `=${clozeEscape(a)}`).join('~')}}`);
          expect(text).not.toContain('{{');
          break;
        }
        case 'evidence-selection': {
          const right = answers(node).filter((a) => a.fraction > 0);
          expect(right.map((a) => sentences.get(a.text)).sort()).toEqual([...q.answerSentenceIds].sort());
          expect(answers(node).length).toBe(citableSentences(quiz.article).length);
          break;
        }
        case 'ordering':
          expect(node['@_type']).toBe('ordering');
          expect(answers(node).map((a) => a.text)).toEqual(q.order.map((id) => q.items.find((item) => item.id === id)!.text));
          expect(answers(node).map((a) => a.fraction)).toEqual(q.order.map((_, j) => j + 1));
          break;
        case 'matching': {
          const subs = (node.subquestion as Record<string, unknown>[]).map((s) => ({
            left: unescapeHtml(String(s.text)),
            right: textOf((s.answer as unknown[])[0]),
          }));
          const expected = q.pairs.map((p) => ({
            left: q.left.find((l) => l.id === p.left)!.text,
            right: q.right.find((r) => r.id === p.right)!.text,
          }));
          expect(subs.slice(0, expected.length)).toEqual(expected);
          expect(subs.length).toBe(q.pairs.length + q.right.filter((r) => !q.pairs.some((p) => p.right === r.id)).length);
          break;
        }
        case 'two-part': {
          const text = textOf(node.questiontext);
          expect(text).toContain(`=${clozeEscape(q.partA.options.find((o) => o.id === q.partA.correct)!.text)}`);
          expect(text).toContain('{1:MULTIRESPONSE_V:');
          break;
        }
      }
    });
  });

  it('reports what Moodle loses, and nothing for the types it holds whole', () => {
    const { report } = exportQuiz(quiz, 'moodle-xml');
    const byType = (type: string) => report.questions.filter((q) => q.type === type);
    for (const q of byType('single-choice')) expect(q.outcome).toBe('kept');
    for (const q of byType('two-part')) expect(q.dropped.join()).toMatch(/Part B counting only when Part A is right/);
    for (const q of byType('ordering')) expect(q.dropped.join()).toMatch(/partial credit differs/);
    expect(report.questions.some((q) => q.outcome === 'skipped')).toBe(false);
  });
});

describe('hostile text', () => {
  const bank = fixtureBank();
  const nasty = 'A <script>alert(1)</script> & ]]> "quote" {1:SHORTANSWER:=x} ~ = # { } : \\ \u0001 ok';
  const first = bank.questions[0]!;
  bank.questions[0] = { ...first, prompt: nasty, explanation: nasty } as typeof first;
  const quiz = load(bank);

  it('stays well-formed Moodle XML and reads back as the same text (less XML-illegal characters)', () => {
    const xml = moodleQuestions(quiz);
    const prompt = textOf(xml[2]?.questiontext);
    expect(prompt).toBe(`<p>${nasty.replace('\u0001', '')}</p>`);
  });

  it('escapes every GIFT special character, so the prompt cannot open answers', () => {
    expect(giftEscape('a~b=c#d{e}f:g\\h\ni')).toBe('a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni');
    const { text } = exportQuiz(quiz, 'gift');
    const block = text.split('\n\n').find((b) => b.startsWith('::sc::'))!;
    // Outside escapes, the block opens exactly one answer set.
    expect(block.replace(/\\./g, '').match(/\{/g)).toHaveLength(1);
  });

  it('writes Aiken questions on one line each', () => {
    const { text } = exportQuiz(quiz, 'aiken');
    const lines = text.split('\n\n')[0]!.split('\n');
    expect(lines[0]).not.toMatch(/\n/);
    expect(lines.at(-1)).toBe('ANSWER: A');
  });
});

describe('GIFT and Aiken of a bank of every type (golden files)', () => {
  const quiz = load(fixtureBank());

  it('writes the GIFT file teachers import', async () => {
    await expect(exportQuiz(quiz, 'gift').text).toMatchFileSnapshot('./golden/interchange/fixture.gift');
  });

  it('writes the Aiken file teachers import', async () => {
    await expect(exportQuiz(quiz, 'aiken').text).toMatchFileSnapshot('./golden/interchange/fixture.aiken.txt');
  });

  it('reports per question what GIFT and Aiken drop', () => {
    const gift = exportQuiz(quiz, 'gift').report;
    const outcome = (r: typeof gift, id: string) => r.questions.find((q) => q.id === id)!;
    expect(outcome(gift, 'cz')).toMatchObject({ outcome: 'skipped', dropped: ['GIFT holds one blank per question and this has 2'] });
    expect(outcome(gift, 'mt').dropped).toContain('distractors on the right (GIFT matching lists only pairs)');
    expect(outcome(gift, 'tp').dropped.join()).toMatch(/two questions/);
    expect(outcome(gift, 'sc')).toMatchObject({ outcome: 'reduced', dropped: ['skill and difficulty'] });

    const aiken = exportQuiz(quiz, 'aiken').report;
    for (const id of ['ms', 'sa', 'cz', 'es', 'ord', 'mt']) expect(outcome(aiken, id).outcome).toBe('skipped');
    expect(outcome(aiken, 'tp').dropped.join()).toMatch(/only Part A/);
    expect(outcome(aiken, 'sc').dropped).toEqual(['explanation and evidence (Aiken has no feedback)']);
    expect(formatExportReport(aiken)).toMatch(/^Aiken: 9 questions; 0 kept whole, 3 reduced, 6 skipped/);
  });

  it('says when GIFT drops points other than the default', () => {
    const bank = fixtureBank();
    bank.questions[0] = { ...bank.questions[0]!, points: 3 } as (typeof bank.questions)[0];
    expect(exportQuiz(load(bank), 'gift').report.questions[0]!.dropped.join()).toMatch(/^points/);
  });
});

describe('npm run export-quiz', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts/export-quiz.ts'), ...args], { cwd: root, encoding: 'utf8' });

  it('writes the file and prints the report', { timeout: 120_000 }, () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'seed.xml');
      const result = run('questions/north-korea-un', '--format', 'moodle-xml', '--out', out);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^Moodle XML: 34 questions; /);
      expect(result.stdout).toMatch(/un-timeline \(ordering\) reduced: partial credit differs/);
      expect(XMLValidator.validate(readFileSync(out, 'utf8'))).toBe(true);
      const json = JSON.parse(
        execFileSync(
          process.execPath,
          [join(root, 'scripts/export-quiz.ts'), 'questions/north-korea-un', '--format', 'aiken', '--out', join(dir, 'a.txt'), '--json'],
          { cwd: root, encoding: 'utf8' },
        ),
      );
      expect(json.format).toBe('aiken');
      expect(json.questions).toHaveLength(34);
    } finally {
      cleanup();
    }
  });

  it('writes a QTI 3 package as a zip that reads back', { timeout: 120_000 }, () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'seed-qti3.zip');
      const result = run('questions/north-korea-un', '--format', 'qti3', '--out', out);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toMatch(/^QTI 3\.0 package: 34 questions; /);
      const files = new Map([...readZip(readFileSync(out))].map(([name, bytes]) => [name, new TextDecoder().decode(bytes)]));
      expect(files.has('imsmanifest.xml')).toBe(true);
      const read = importQti(files);
      expect(read.report.every((r) => r.status === 'imported')).toBe(true);
      expect(read.questions).toHaveLength(34);
    } finally {
      cleanup();
    }
  });

  it('refuses bad input with one line naming what is wrong, and writes nothing', { timeout: 120_000 }, () => {
    const { dir, cleanup } = tempDir();
    try {
      const out = join(dir, 'x.gift');
      for (const [args, pattern] of [
        [['questions/no-such-quiz', '--format', 'gift', '--out', out], /questions\/no-such-quiz.*no such file or folder/],
        [['questions/north-korea-un', '--format', 'docx', '--out', out], /unknown format "docx"/],
        [['questions/north-korea-un', '--format', 'gift'], /^usage: export-quiz/],
        [['questions/north-korea-un', '--format', 'gift', '--out', join(dir, 'missing', 'x.gift')], /cannot write .*missing.*ENOENT/],
      ] as const) {
        const result = run(...args);
        expect(result.status, args.join(' ')).not.toBe(0);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toMatch(pattern);
      }
      expect(existsSync(out)).toBe(false);
    } finally {
      cleanup();
    }
  });
});
