import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `npm run import-quiz`: a question file into a data folder's library as a draft quiz, as the app's
// "Import questions…" does; one JSON object on stdout with --json, a one-line summary on stderr.

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(repoRoot, 'scripts', 'import-quiz.ts');
const fixtures = path.join(repoRoot, 'tests', 'fixtures', 'interchange');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [script, ...args], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let dir: string;
let article: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evident-import-cli-'));
  article = path.join(dir, 'article.txt');
  writeFileSync(
    article,
    'Grant’s tomb is in New York\n\nGeneral Grant is entombed in Grant’s tomb, not buried beneath it.\n\nThe tomb was finished in 1897.\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SLOW = { timeout: 120_000 };

describe('import-quiz', () => {
  it('imports a GIFT file and an article into the data folder as a draft quiz, printing one JSON object', SLOW, () => {
    const dataDir = path.join(dir, 'data');
    const result = run(path.join(fixtures, 'pegjs-giftFormatPhpExamples.gift'), '--article', article, '--data-dir', dataDir, '--json');
    expect(result.status, result.stderr).toBe(0);
    const out = JSON.parse(result.stdout) as {
      quizId: string;
      questions: { id: string; status: string; reason?: string }[];
      skipped: number;
    };
    expect(out.skipped).toBe(2);
    expect(out.questions.filter((q) => q.status === 'skipped').map((q) => q.reason)).toEqual([
      'Evident has no numerical questions',
      'Evident has no numerical questions',
    ]);
    expect(out.questions.filter((q) => q.status === 'needs-evidence')).toHaveLength(8);
    expect(result.stderr).toMatch(
      /^pegjs-giftFormatPhpExamples\.gift: 10 questions read; 0 imported, 8 need evidence, 2 skipped → .* saved as draft quiz /,
    );
    const bank = JSON.parse(readFileSync(path.join(dataDir, 'quizzes', out.quizId, 'bank.json'), 'utf8')) as { questions: unknown[] };
    expect(bank.questions).toHaveLength(8);
    expect(existsSync(path.join(dataDir, 'evident.lock'))).toBe(false);
  });

  it('refuses in one line, naming the file and line, and imports nothing', SLOW, () => {
    const dataDir = path.join(dir, 'refused');
    const broken = run(path.join(fixtures, 'moodle-aiken-errors.aiken.txt'), '--article', article, '--data-dir', dataDir);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr.trim()).toBe(
      'import-quiz: “moodle-aiken-errors.aiken.txt” (Aiken), line 1 (question 1 “A question with too few answers”): a question needs at least two options (A) … B) …) before its answer; it has 1',
    );
    const noArticle = run(path.join(fixtures, 'moodle-questions.aiken.txt'), '--data-dir', dataDir);
    expect(noArticle.status).toBe(1);
    expect(noArticle.stderr).toMatch(/carries no article.*\(give it with --article FILE\)\n$/);
    expect(
      existsSync(path.join(dataDir, 'quizzes')) ? readdirSync(path.join(dataDir, 'quizzes')).filter((f) => !f.startsWith('.')) : [],
    ).toEqual([]);
  });

  it('reads without writing anything with --dry-run', SLOW, () => {
    const dataDir = path.join(dir, 'dry');
    const result = run(
      path.join(fixtures, 'moodle-questions.aiken.txt'),
      '--article',
      article,
      '--data-dir',
      dataDir,
      '--dry-run',
      '--json',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ dryRun: true, format: 'aiken', skipped: 0 });
    expect(result.stderr).toMatch(/\(dry run: nothing was imported\)\n$/);
    expect(existsSync(dataDir)).toBe(false);
  });
});
