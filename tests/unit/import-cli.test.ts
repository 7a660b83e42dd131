import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedPage, scannedPdf, textPdf, wordDocument } from './import-files.ts';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const script = path.join(repoRoot, 'scripts', 'import-article.ts');
const seed = path.join(repoRoot, 'questions', 'north-korea-un', 'article.txt');

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: repoRoot });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const PARAGRAPHS = [
  'The council met on Tuesday to discuss the new bridge, which has been delayed for three years by a dispute over its cost.',
  'Residents told the meeting that the old crossing was no longer safe for the school buses that use it every morning.',
];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'evident-import-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Each run starts a Node process; on a busy machine that takes seconds.
describe('npm run import-article', { timeout: 60_000 }, () => {
  it('prints exactly one JSON object for the seed page with --json, and its log on stderr', async () => {
    const { status, stdout, stderr } = await run(seed, '--json');
    expect(status).toBe(0);
    expect(stdout.endsWith('\n')).toBe(true);
    expect(stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['title', 'paragraphs', 'captions', 'removed']);
    expect(json['title']).toBe('North Korea fires threats at UN');
    expect(json['paragraphs']).toHaveLength(11);
    expect(json['captions']).toEqual([
      "The North's leader Kim Jong-Un, centre, is furious at allegations his regime hacked Sony's computer systems.",
    ]);
    expect(json['removed']).toContainEqual({ text: 'Share this article', reason: 'share-prompt' });
    expect(stderr).toMatch(/^text: 611 words read, 11 paragraphs kept, 7 lines removed, in \d+ ms\n$/u);
  });

  it('prints the article for a reader without --json', async () => {
    const { status, stdout } = await run(seed);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^North Korea fires threats at UN\n\n\[Caption\] The North's leader/u);
    expect(stdout).toContain('\n11. Sony’s cancellation last week');
    expect(stdout).toContain('  [share-prompt] Share this article\n');
  });

  it('reads a saved page, a Word document and a PDF, with the byline when the page has one', async () => {
    const files = {
      'page.html': new TextEncoder().encode(savedPage({ headline: 'Bridge delayed again', byline: 'Jane Doe', paragraphs: PARAGRAPHS })),
      'article.docx': await wordDocument('Bridge delayed again', PARAGRAPHS),
      'article.pdf': await textPdf('Bridge delayed again', PARAGRAPHS),
    };
    for (const [name, bytes] of Object.entries(files)) {
      writeFileSync(path.join(dir, name), bytes);
      const { status, stdout, stderr } = await run(path.join(dir, name), '--json');
      expect([name, status, stderr]).toEqual([name, 0, expect.stringMatching(/ words read/u)]);
      const json = JSON.parse(stdout) as { title: string; byline?: string; paragraphs: string[] };
      expect(json.title).toBe('Bridge delayed again');
      expect(json.paragraphs).toEqual(PARAGRAPHS);
      expect(json.byline).toBe(name === 'page.html' ? 'Jane Doe' : undefined);
    }
  });

  it('exits 1 with a one-line message and nothing on stdout for a file it cannot import', async () => {
    writeFileSync(path.join(dir, 'scan.pdf'), await scannedPdf(2));
    writeFileSync(path.join(dir, 'notes.rtf'), '{\\rtf1 hello}');
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'missing.txt'), /missing\.txt: no such file$/u],
      [dir, /: it is not a file$/u],
      [path.join(dir, 'notes.rtf'), /notes\.rtf: "\.rtf" files are not supported: choose a \.txt, \.html, \.htm, \.docx or \.pdf file$/u],
      [path.join(dir, 'scan.pdf'), /scan\.pdf: the PDF has no text layer \(none of its 2 pages has any text/u],
    ];
    for (const [file, message] of cases) {
      const { status, stdout, stderr } = await run(file, '--json');
      expect(status).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.endsWith('\n')).toBe(true);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr.trimEnd()).toMatch(message);
      expect(stderr).toMatch(/^import-article: /u);
    }
  });

  it('exits 2 on a usage error', async () => {
    const none = await run();
    expect([none.status, none.stdout]).toEqual([2, '']);
    expect(none.stderr).toMatch(/usage: import-article FILE/u);
    const unknown = await run(seed, '--yaml');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/^unknown option --yaml\n/u);
    const help = await run('--help');
    expect([help.status, help.stdout]).toEqual([0, 'usage: import-article FILE [--json] [--publication NAME]\n']);
  });
});
