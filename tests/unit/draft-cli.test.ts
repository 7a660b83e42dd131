import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const draftScript = path.join(repoRoot, 'scripts', 'draft-questions.ts');
const checkScript = path.join(repoRoot, 'scripts', 'check-questions.ts');
const seedArticle = path.join(repoRoot, 'questions', 'north-korea-un', 'article.txt');

function run(script: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let tempDir: string;
beforeAll(() => {
  tempDir = mkdtempSync(path.join(tmpdir(), 'evident-draft-cli-'));
});
afterAll(() => {
  rmSync(tempDir, { recursive: true, force: true });
});

// Each case starts Node processes that load the NLP package: slow on a shared machine, and not a timed test.
const SLOW = { timeout: 120_000 };

describe('draft-questions', () => {
  it('prints one bank that check-questions accepts when written beside the article', SLOW, () => {
    const drafted = run(draftScript, seedArticle, '--json', '--seed', '3', '--max', '25');
    expect(drafted.status, drafted.stderr).toBe(0);
    const bank = JSON.parse(drafted.stdout) as { id: string; article: string; questions: { drafted?: boolean }[] };
    expect(bank.article).toBe('article.txt');
    expect(bank.questions.length).toBeGreaterThan(0);
    expect(bank.questions.length).toBeLessThanOrEqual(25);
    expect(bank.questions.every((question) => question.drafted === true)).toBe(true);
    expect(drafted.stderr).toMatch(/^\d+ drafts of \d+ types from \d+ words \(seed 3\)/u);

    const quiz = path.join(tempDir, 'drafted');
    mkdirSync(quiz);
    copyFileSync(seedArticle, path.join(quiz, 'article.txt'));
    writeFileSync(path.join(quiz, 'bank.json'), drafted.stdout);
    const checked = run(checkScript, quiz);
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
    expect(checked.stdout).toMatch(new RegExp(`^ok ${bank.id}: ${bank.questions.length} questions`, 'u'));
  });

  it('gives the same bank for the same seed, and lists drafts by paragraph with scores without --json', SLOW, () => {
    const first = run(draftScript, seedArticle, '--json', '--seed', '9');
    const again = run(draftScript, seedArticle, '--json', '--seed', '9');
    expect(again.stdout).toBe(first.stdout);
    const text = run(draftScript, seedArticle, '--max', '5');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^Paragraph \d+\n {2}\[ *\d+\] [a-z-]+ \(/u);
    expect(text.stdout.match(/^ {2}\[/gmu)).toHaveLength(5);
  });

  it('says what is wrong with its arguments and with the file', SLOW, () => {
    expect(run(draftScript).status).toBe(2);
    const badSeed = run(draftScript, seedArticle, '--seed', 'soon');
    expect(badSeed.status).toBe(2);
    expect(badSeed.stderr).toMatch(/--seed needs a whole number/u);
    const badMax = run(draftScript, seedArticle, '--max', '0');
    expect(badMax.stderr).toMatch(/--max must be between 1 and 200 \(got 0\)/u);
    const missing = run(draftScript, path.join(tempDir, 'nowhere.txt'));
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nowhere\.txt: no such file/u);
    const empty = path.join(tempDir, 'empty.txt');
    writeFileSync(empty, '   \n\n');
    const refused = run(draftScript, empty);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/empty\.txt: /u);
  });
});
