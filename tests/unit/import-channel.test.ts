import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/service/dispatch.ts';
import { startHttpServer, MAX_BODY_BYTES, type RunningServer } from '../../src/service/http.ts';
import type { Envelope, ImportedArticleView } from '../../src/shared/contract.ts';
import { savedPage, wordDocument } from './import-files.ts';
import { serviceHarness, tempDir, type Harness } from './fixtures.ts';

// The importArticle channel: a pasted text or a file (opened or dropped: the same payload) comes
// back as every line with its kind, reason and sentences, and a refusal is data with a reason
// from the contract's closed list, its message naming the limit or the problem.

const seedText = readFileSync(new URL('../../questions/north-korea-un/article.txt', import.meta.url), 'utf8');
const base64 = (bytes: Uint8Array | string): string => Buffer.from(bytes).toString('base64');

let harness: Harness;
beforeAll(() => {
  harness = serviceHarness();
});
afterAll(() => harness.close());

async function call(payload: unknown, caller = harness.teacher): Promise<Envelope<ImportedArticleView>> {
  return (await dispatch(harness.guarded, 'importArticle', payload, () => {}, caller)) as Envelope<ImportedArticleView>;
}

async function imported(payload: unknown): Promise<ImportedArticleView> {
  const reply = await call(payload);
  if (!reply.ok) throw new Error(`refused: ${reply.error.reason}: ${reply.error.message}`);
  return reply.value;
}

describe('importArticle', () => {
  it('classifies a pasted page line by line: headline, body with sentences, captions, removed lines with reasons', async () => {
    const view = await imported({ from: 'paste', text: seedText });
    expect(view.format).toBe('paste');
    expect(view.headline).toBe('North Korea fires threats at UN');
    const kinds = new Set(view.lines.map((line) => line.kind));
    expect([...kinds].sort()).toEqual(['body', 'caption', 'headline', 'removed']);
    const body = view.lines.filter((line) => line.kind === 'body');
    expect(body).toHaveLength(11);
    expect(body[0]?.sentences.length).toBeGreaterThanOrEqual(1);
    expect(body.every((line) => line.sentences.join(' ').length > 0)).toBe(true);
    // Every removed line says why, in a name and in a sentence.
    const removed = view.lines.filter((line) => line.kind === 'removed');
    expect(removed.length).toBeGreaterThan(3);
    for (const line of removed) {
      expect(line.reason).toBeTruthy();
      expect(line.explanation).toMatch(/\.$/);
      expect(line.sentences.length).toBeGreaterThan(0);
    }
    const caption = view.lines.find((line) => line.kind === 'caption')?.caption;
    expect(caption?.text).toBe(
      "The North's leader Kim Jong-Un, centre, is furious at allegations his regime hacked Sony's computer systems.",
    );
    // The caption printed again is removed, but carries its caption apart from the credit, for the teacher who keeps it.
    const again = view.lines.find((line) => line.reason === 'duplicated-caption');
    expect(again?.caption).toEqual({ text: caption?.text, credit: 'AFP/Getty' });
    // Line numbers follow the text, so the screen can show each removed line where it stood.
    const numbers = view.lines.map((line) => line.line);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('reads a saved page sent as a file, with its site name and address', async () => {
    const html = savedPage({
      headline: 'Bridge to close for repairs',
      byline: 'Jane Doe',
      siteName: 'The Courier',
      paragraphs: [
        'The old bridge over the river will close for six months from May, the council said on Tuesday.',
        'Engineers found cracks in two of its piers during an inspection in the autumn, according to the report.',
        'Drivers will be sent along the ring road, which adds about ten minutes to the journey into town.',
      ],
    }).replace('<head>', '<head>\n  <link rel="canonical" href="https://courier.example/bridge-to-close">');
    const view = await imported({ from: 'file', name: 'bridge.html', base64: base64(html) });
    expect(view).toMatchObject({
      format: 'html',
      fileName: 'bridge.html',
      headline: 'Bridge to close for repairs',
      publication: 'The Courier',
    });
    expect(view.address).toBe('https://courier.example/bridge-to-close');
    expect(view.lines.filter((line) => line.kind === 'body').map((line) => line.text)).toContain(
      'Drivers will be sent along the ring road, which adds about ten minutes to the journey into town.',
    );
  }, 60_000); // the first saved page starts the page reader’s worker thread: seconds on a loaded machine

  it('reads a Word document the same way', async () => {
    const bytes = await wordDocument('Library opens on Sunday', ['The new library opens on Sunday at ten. It has a café.']);
    const view = await imported({ from: 'file', name: 'library.docx', base64: base64(bytes) });
    expect(view.format).toBe('docx');
    expect(view.lines.find((line) => line.kind === 'body')?.sentences).toEqual([
      'The new library opens on Sunday at ten.',
      'It has a café.',
    ]);
  });

  it('refuses with the contract’s reasons, each message naming the problem or the limit', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ from: 'paste', text: '  \n ' }, 'no-article-text', /nothing was pasted/],
      [{ from: 'file', name: 'photo.png', base64: base64('x') }, 'unsupported-format', /"\.png" files are not supported/],
      [{ from: 'file', name: 'empty.txt', base64: '' }, 'no-article-text', /the file is empty/],
      [{ from: 'file', name: 'a.docx', base64: base64('not a zip') }, 'unreadable-file', /Word document could not be read/],
      // Found by the fuzz test: one byte that is no page at all (Readability threw a plain error).
      [{ from: 'file', name: 'page.html', base64: 'AQ==' }, 'unreadable-file', /could not be read as HTML/],
      [{ from: 'paste', text: 'word '.repeat(30_001) }, 'too-many-words', /30,001 words, over the limit of 30,000/],
      [{ from: 'file', name: 'a.txt', base64: '!!not base64!!' }, 'invalid-request', /not valid/],
      [{ from: 'paste', text: 'x'.repeat(1_000_001) }, 'invalid-request', /not valid/],
    ];
    for (const [payload, reason, message] of cases) {
      const reply = await call(payload);
      expect(reply.ok, JSON.stringify(payload).slice(0, 60)).toBe(false);
      if (reply.ok) continue;
      expect(reply.error.reason).toBe(reason);
      expect(reply.error.message).toMatch(message);
    }
    const tooLong = await call({ from: 'paste', text: 'x'.repeat(1_000_001) });
    expect(tooLong.ok ? [] : tooLong.error.issues?.map((issue) => issue.message)).toEqual([
      'a pasted article has at most 1,000,000 characters',
    ]);
  });

  it('is the teacher’s: refused as locked without the teacher session, before the payload is read', async () => {
    const reply = await call({ from: 'paste', text: seedText }, {});
    expect(reply.ok ? undefined : reply.error.reason).toBe('locked');
  });
});

describe('articleStatistics', () => {
  it('counts the sentences the teacher kept, with reading time and grade levels', async () => {
    const reply = await dispatch(
      harness.guarded,
      'articleStatistics',
      { sentences: ['The cat sat on the mat.', 'It was warm.'] },
      () => {},
      harness.teacher,
    );
    expect(reply).toMatchObject({ ok: true, value: { words: 9, sentences: 2, readingMinutes: 1 } });
    const value = reply.ok ? (reply.value as { gradeLevel?: number; fleschKincaidGrade: number }) : undefined;
    expect(value?.gradeLevel).toBeGreaterThanOrEqual(1);
    const longer = await dispatch(
      harness.guarded,
      'articleStatistics',
      {
        sentences: [
          'Notwithstanding considerable institutional opposition, the municipal administration unanimously authorised comprehensive infrastructural rehabilitation.',
        ],
      },
      () => {},
      harness.teacher,
    );
    expect(longer.ok && (longer.value as { fleschKincaidGrade: number }).fleschKincaidGrade).toBeGreaterThan(
      value?.fleschKincaidGrade ?? 0,
    );
    const empty = await dispatch(harness.guarded, 'articleStatistics', { sentences: [] }, () => {}, harness.teacher);
    expect(empty).toEqual({
      ok: true,
      value: { words: 0, sentences: 0, readingMinutes: 0, fleschKincaidGrade: 0, fleschReadingEase: 0, colemanLiauGrade: 0 },
    });
  });
});

describe('importArticle over HTTP', () => {
  let server: RunningServer;
  let cleanup: () => void;
  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    server = await startHttpServer({ service: harness.guarded, rendererDir: temp.dir, log: () => {} });
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  const post = (channel: string, payload: unknown) =>
    fetch(`${server.url}api/${channel}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${harness.teacher.teacherToken}` },
      body: JSON.stringify(payload),
    });

  it('takes a file far larger than a student’s request may be', async () => {
    const paragraph = 'The council met on Tuesday and voted to close the old bridge for repairs in May. ';
    const text = `Bridge to close\n\n${paragraph.repeat(1500)}`;
    expect(text.length).toBeGreaterThan(MAX_BODY_BYTES * 1.5);
    const reply = await post('importArticle', { from: 'file', name: 'long.txt', base64: base64(text) });
    expect(reply.status).toBe(200);
    const body = (await reply.json()) as Envelope<ImportedArticleView>;
    expect(body.ok && body.value.headline).toBe('Bridge to close');
    const student = await post('startAttempt', { quizId: 'north-korea-un', studentName: 'x'.repeat(MAX_BODY_BYTES * 1.5) });
    expect(student.status).toBe(413);
  });
});
