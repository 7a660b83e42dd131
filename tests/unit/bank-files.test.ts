import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatProblem } from '../../src/core/bank/load.ts';
import { loadQuizDirectory, loadQuizPaths } from '../../src/service/quiz-files.ts';
import { FIXTURE_ARTICLE, fixtureBank } from './bank-fixtures.ts';

let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'evident-quiz-files-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function writeQuiz(folder: string, bank: unknown, articles: Record<string, string> = { 'article.txt': FIXTURE_ARTICLE }): string {
  const dir = path.join(root, folder);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'bank.json'), typeof bank === 'string' ? bank : JSON.stringify(bank, null, 2));
  for (const [name, text] of Object.entries(articles)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const relative = (file: string): string => path.relative(process.cwd(), file);

describe('loadQuizDirectory', () => {
  it('loads every subfolder holding bank.json, sorted by quiz id, and skips other folders', () => {
    writeQuiz('a-folder', { ...fixtureBank(), id: 'zebra' });
    writeQuiz('z-folder', { ...fixtureBank(), id: 'aardvark' });
    mkdirSync(path.join(root, 'drafts'));
    writeFileSync(path.join(root, 'README.txt'), 'not a quiz');
    const { quizzes, problems } = loadQuizDirectory(root);
    expect(problems).toEqual([]);
    expect(quizzes.map((q) => q.id)).toEqual(['aardvark', 'zebra']);
  });

  it('reads the article the bank names', () => {
    writeQuiz('named', { ...fixtureBank(), article: 'story.txt' }, { 'story.txt': FIXTURE_ARTICLE });
    const { quizzes, problems } = loadQuizDirectory(root);
    expect(problems).toEqual([]);
    expect(quizzes[0]?.article.paragraphs).toHaveLength(3);
  });

  it('insists that the article is a file beside the bank', () => {
    writeQuiz('elsewhere', { ...fixtureBank(), article: '../other/article.txt' });
    const { problems } = loadQuizDirectory(root);
    expect(problems).toEqual([expect.objectContaining({ field: 'article', message: expect.stringMatching(/beside bank\.json/) })]);
  });

  it('reports a missing article file against the bank, with paths relative to the current directory', () => {
    const dir = writeQuiz('no-article', fixtureBank(), {});
    const { quizzes, problems } = loadQuizDirectory(root);
    expect(quizzes).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ file: relative(path.join(dir, 'bank.json')), field: 'article' });
    expect(problems[0]?.message).toContain(relative(path.join(dir, 'article.txt')));
  });

  it('reports problems in one quiz and still loads the others', () => {
    writeQuiz('good', fixtureBank());
    const bad = writeQuiz('bad', '{ "id": "bad", }');
    const { quizzes, problems } = loadQuizDirectory(root);
    expect(quizzes.map((q) => q.id)).toEqual(['fixture']);
    expect(problems.map(formatProblem)).toEqual([
      expect.stringMatching(new RegExp(`^${escape(relative(path.join(bad, 'bank.json')))}:1:16: invalid JSON`)),
    ]);
  });

  it('rejects two quizzes with the same id', () => {
    writeQuiz('first', fixtureBank());
    const second = writeQuiz('second', fixtureBank());
    const { quizzes, problems } = loadQuizDirectory(root);
    expect(quizzes).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ file: relative(path.join(second, 'bank.json')), field: 'id' })]);
  });

  it('reports a folder that cannot be read', () => {
    const { quizzes, problems } = loadQuizDirectory(path.join(root, 'missing'));
    expect(quizzes).toEqual([]);
    expect(problems).toHaveLength(1);
  });
});

describe('loadQuizPaths', () => {
  it('accepts bank files, quiz folders and folders of quizzes, loading each quiz once', () => {
    const one = writeQuiz('one', { ...fixtureBank(), id: 'one' });
    const two = writeQuiz('two', { ...fixtureBank(), id: 'two' });
    const { quizzes, problems } = loadQuizPaths([path.join(one, 'bank.json'), two, root]);
    expect(problems).toEqual([]);
    expect(quizzes.map((q) => q.id)).toEqual(['one', 'two']);
  });

  it('reports a path that does not exist and a folder with no quizzes', () => {
    mkdirSync(path.join(root, 'empty'));
    const { problems } = loadQuizPaths([path.join(root, 'nope.json'), path.join(root, 'empty')]);
    expect(problems.map((p) => p.message)).toEqual(['no such file or folder', 'no bank.json here or in its subfolders']);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
