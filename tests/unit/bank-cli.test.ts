import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURE_ARTICLE, mutableFixtureBank } from './bank-fixtures.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(repoRoot, 'scripts', 'check-questions.ts');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tempDir: string;
beforeAll(() => {
  tempDir = mkdtempSync(path.join(tmpdir(), 'evident-cli-'));
});
afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

describe('check-questions', () => {
  it('exits 0 on the seed bank with a one-line summary', () => {
    const { status, stdout, stderr } = run();
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toMatch(/^ok north-korea-un: \d+ questions of 9 types, citing 11 of 11 paragraphs\n$/);
  });

  it('exits 1 on a broken bank with one line per problem', () => {
    const quizDir = path.join(tempDir, 'broken');
    mkdirSync(quizDir);
    const bank = mutableFixtureBank();
    const [first, second] = bank.questions;
    if (!first || !second) throw new Error('fixture too small');
    first['correct'] = 'tuesday';
    second['evidence'] = ['Nothing like this is in the article.'];
    writeFileSync(path.join(quizDir, 'bank.json'), JSON.stringify(bank, null, 2));
    writeFileSync(path.join(quizDir, 'article.txt'), FIXTURE_ARTICLE);

    const { status, stdout, stderr } = run(quizDir);
    const bankFile = path.relative(repoRoot, path.join(quizDir, 'bank.json'));
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.split('\n')).toEqual([
      `${bankFile}: sc: correct: “tuesday” is not the id of any option (ids are: monday, march)`,
      `${bankFile}: ms: evidence.0: quote not found in the article: “Nothing like this is in the article.”`,
      '2 problems found',
      '',
    ]);
  });

  it('exits 1 with file:line:column for a JSON syntax error', () => {
    const bankFile = path.join(tempDir, 'syntax.json');
    writeFileSync(bankFile, '{\n  "id": "x",\n  "questions": [\n');
    writeFileSync(path.join(tempDir, 'article.txt'), FIXTURE_ARTICLE);
    const { status, stderr } = run(bankFile);
    expect(status).toBe(1);
    expect(stderr).toContain(`${path.relative(repoRoot, bankFile)}:4:1: invalid JSON: the file ends before a list is closed with “]”`);
  });

  it('--json prints the sentences and each question’s evidence', () => {
    const { status, stdout } = run('--json');
    expect(status).toBe(0);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['quizzes']);
    const [quiz] = report.quizzes;
    expect(Object.keys(quiz)).toEqual(['id', 'sentences', 'questions']);
    expect(quiz.id).toBe('north-korea-un');
    expect(quiz.sentences[0]).toEqual({ id: 'p1.s1', paragraphId: 'p1', text: expect.stringMatching(/^FURIOUS officials/) });
    for (const question of quiz.questions) {
      expect(Object.keys(question)).toEqual(['id', 'type', 'skill', 'evidence']);
      expect(question.evidence.length).toBeGreaterThan(0);
      for (const evidence of question.evidence) {
        expect(Object.keys(evidence)).toEqual(['sentenceId', 'text']);
        const sentence = quiz.sentences.find((s: { id: string }) => s.id === evidence.sentenceId);
        expect(sentence?.text).toBe(evidence.text);
      }
    }
  });

  it('--report lists every paragraph with the questions citing it, and the counts', () => {
    const { status, stdout } = run('--report');
    expect(status).toBe(0);
    for (let number = 1; number <= 11; number++) expect(stdout).toMatch(new RegExp(`^ *${number}\\. \\S`, 'm'));
    expect(stdout).toContain('Every paragraph is cited.');
    expect(stdout).not.toContain('NOT CITED');
    expect(stdout).toContain('the-interview-plot');
    for (const heading of ['By type:', 'By skill:', 'By difficulty:']) expect(stdout).toContain(heading);
    expect(stdout).toMatch(/^ {2}two-part +\d+$/m);
  });

  it('--report flags a paragraph no question cites', () => {
    const quizDir = path.join(tempDir, 'uncited');
    mkdirSync(quizDir);
    const bank = mutableFixtureBank();
    bank.questions = bank.questions.filter((q) => q['id'] === 'sc');
    writeFileSync(path.join(quizDir, 'bank.json'), JSON.stringify(bank));
    writeFileSync(path.join(quizDir, 'article.txt'), FIXTURE_ARTICLE);
    const { status, stdout } = run('--report', quizDir);
    expect(status).toBe(0);
    expect(stdout).toContain('NOT CITED by any question');
    expect(stdout).toContain('Not cited: paragraph 2, paragraph 3');
  });

  it('exits 2 on an unknown option', () => {
    const { status, stderr } = run('--verbose');
    expect(status).toBe(2);
    expect(stderr).toContain('unknown option --verbose');
  });
});
