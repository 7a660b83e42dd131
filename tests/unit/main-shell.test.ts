import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/service/http.ts';
import { CHANNELS, FEED_IPC, IPC_PREFIX } from '../../src/shared/channels.ts';
import { SESSION_CHANNELS, SESSION_IPC_PREFIX } from '../../src/shared/session-channels.ts';
import { fake, FakeBrowserWindow, FakeWebContents, type FakeFrame } from './fake-electron.ts';
import { tempDir } from './fixtures.ts';

// The Electron shell (src/main) run as the app runs it, against a fake of Electron's API
// (./fake-electron.ts): the entry is imported, Electron becomes ready, and the tests read what
// the shell asked of Electron, against the security checklist in design.md. The real binary
// is exercised by tests/electron/smoke.spec.ts where it can be installed.

vi.mock('electron', async () => {
  const { fake } = await import('./fake-electron.ts');
  return { ...fake, default: fake };
});

const root = fileURLToPath(new URL('../../', import.meta.url));
const rendererUrl = pathToFileURL(join(root, 'src/renderer/index.html')).href;
const appPage: FakeFrame = { url: rendererUrl, parent: null };
let cleanup: () => void;
let dataDir: string;

/** Attempts in the app's database, read beside the app as another process would. */
function attemptRows(): number {
  const db = new DatabaseSync(join(dataDir, 'evident.db'), { readOnly: true });
  try {
    return Number((db.prepare('SELECT count(*) AS n FROM attempts').get() as { n: number }).n);
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  // The app's folder: the bundled quiz, and a broken one the teacher must be told about.
  fake.app.appPath = join(temp.dir, 'app');
  cpSync(join(root, 'questions/north-korea-un'), join(fake.app.appPath, 'questions/north-korea-un'), { recursive: true });
  mkdirSync(join(fake.app.appPath, 'questions/broken'));
  writeFileSync(join(fake.app.appPath, 'questions/broken/bank.json'), '{ "id": ');
  dataDir = join(temp.dir, 'data');
  vi.stubEnv('EVIDENT_DATA_DIR', dataDir);
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.stubEnv('ELECTRON_RENDERER_URL', '');

  await import('../../src/main/index.ts');
  fake.app.becomeReady();
  await vi.waitFor(() => expect(FakeBrowserWindow.all).toHaveLength(1));
}, 30_000);

afterAll(() => {
  vi.unstubAllEnvs();
  cleanup();
});

const window = () => FakeBrowserWindow.all[0]!;

describe('the main window', () => {
  it('is sandboxed, context-isolated, without Node, and loads the app page with the CommonJS preload', () => {
    const prefs = window().options.webPreferences!;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    for (const risky of [
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'webviewTag',
    ]) {
      expect(prefs[risky], risky).not.toBe(true);
    }
    expect(prefs['enableBlinkFeatures']).toBeUndefined();
    expect(String(prefs['preload'])).toMatch(/[/\\]preload[/\\]index\.cjs$/);
    expect(window().loadedUrl).toBe(rendererUrl);
  });

  it('shows itself once ready, and the teacher is told which quiz files need attention', async () => {
    expect(window().shown).toBe(false);
    window().emit('ready-to-show');
    expect(window().shown).toBe(true);
    expect(fake.dialog.messageBoxes).toHaveLength(1);
    expect(fake.dialog.messageBoxes[0]!.window).toBe(window());
    expect(String(fake.dialog.messageBoxes[0]!.options['detail'])).toContain('broken');
  });
});

describe('every page the app opens', () => {
  it('gets the Content-Security-Policy on every response, with no inline script', () => {
    const listener = fake.session.defaultSession.headersListener!;
    expect(listener).toBeTypeOf('function');
    let headers: Record<string, string[]> | undefined;
    listener({ url: rendererUrl, responseHeaders: { 'Content-Type': ['text/html'] } }, (response) => (headers = response.responseHeaders));
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    const scriptSrc = CONTENT_SECURITY_POLICY.split('; ').find((d) => d.startsWith('script-src'));
    expect(scriptSrc).toBe("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('may not navigate away from the app, attach a webview, or open a window', () => {
    const contents = window().webContents;
    expect(contents.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', `${rendererUrl}#/quiz`).defaultPrevented).toBe(false);
    expect(contents.fire('will-attach-webview', {}, {}).defaultPrevented).toBe(true);

    for (const url of [
      'https://www.example.org/article',
      'http://example.org/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      rendererUrl,
    ]) {
      expect(contents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    // Only the https link left for the user's own browser.
    expect(fake.shell.opened).toEqual(['https://www.example.org/article']);
  });

  it('holds any web contents created later (a devtools or a popup that slipped through) to the same rules', () => {
    const later = new FakeWebContents();
    fake.app.fire('web-contents-created', later);
    expect(later.fire('will-navigate', 'https://evil.example/').defaultPrevented).toBe(true);
    expect(later.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('is refused every permission it asks for', () => {
    const session = fake.session.defaultSession;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      let granted: boolean | undefined;
      session.permissionRequestHandler!(window().webContents, permission, (g) => (granted = g), { requestingUrl: rendererUrl });
      expect(granted, permission).toBe(false);
      expect(session.permissionCheckHandler!(window().webContents, permission, 'file://', {}), permission).toBe(false);
    }
  });
});

describe('IPC', () => {
  it('has exactly one handler per channel of the contract and of the dashboard feed, and nothing else', () => {
    const expected = [
      ...CHANNELS.map((c) => IPC_PREFIX + c),
      ...SESSION_CHANNELS.map((c) => SESSION_IPC_PREFIX + c),
      FEED_IPC.watch,
      FEED_IPC.unwatch,
    ];
    expect([...fake.ipcMain.registrations].sort()).toEqual([...expected].sort());
    expect(new Set(fake.ipcMain.registrations).size).toBe(fake.ipcMain.registrations.length);
  });

  it('answers the app page through the real service', async () => {
    const reply = (await fake.ipcMain.invoke(`${IPC_PREFIX}listQuizzes`, appPage, {})) as { ok: boolean; value: { id: string }[] };
    expect(reply.ok).toBe(true);
    expect(reply.value.map((q) => q.id)).toEqual(['north-korea-un']);
    // The app page with a route or a query is still the app page.
    const routed = (await fake.ipcMain.invoke(`${IPC_PREFIX}listQuizzes`, { url: `${rendererUrl}?x=1#/results`, parent: null }, {})) as {
      ok: boolean;
    };
    expect(routed.ok).toBe(true);
    const before = attemptRows();
    const started = (await fake.ipcMain.invoke(`${IPC_PREFIX}startAttempt`, appPage, { quizId: 'north-korea-un', studentName: 'Ada' })) as {
      ok: boolean;
    };
    expect(started.ok).toBe(true);
    expect(attemptRows()).toBe(before + 1);
  });

  const strangers: [string, FakeFrame | null][] = [
    ['a page of another origin', { url: 'https://evil.example/', parent: null }],
    ['a subframe inside the app page', { url: rendererUrl, parent: appPage }],
    ['another file: page', { url: pathToFileURL(join(root, 'src/renderer/other.html')).href, parent: null }],
    ['a file: page whose path only starts like the app’s', { url: `${rendererUrl}.html`, parent: null }],
    ['a frame that is already gone', null],
  ];

  it.each(strangers)('refuses %s, on the contract and on the session proxy, without running anything', async (_name, frame) => {
    const before = attemptRows();
    const started = (await fake.ipcMain.invoke(`${IPC_PREFIX}startAttempt`, frame, {
      quizId: 'north-korea-un',
      studentName: 'Intruder',
    })) as {
      ok: boolean;
      error: { code: string; reason: string };
    };
    expect(started.ok).toBe(false);
    expect(started.error).toMatchObject({ code: 'forbidden', reason: 'untrusted-sender' });
    expect(attemptRows()).toBe(before);

    // Refused before any network request: an unreachable address would otherwise say so.
    const proxied = (await fake.ipcMain.invoke(`${SESSION_IPC_PREFIX}info`, frame, '127.0.0.1:9', {})) as {
      ok: boolean;
      error: { reason: string };
    };
    expect(proxied).toMatchObject({ ok: false, error: { reason: 'untrusted-sender' } });
  });
});

describe('the app’s life', () => {
  it('on quitting, holds the quit until the class session server has stopped, then closes the store', async () => {
    const quitsBefore = fake.app.quitCalls;
    expect(fake.app.fire('before-quit').defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.app.quitCalls).toBe(quitsBefore + 1));
    expect(fake.app.fire('before-quit').defaultPrevented).toBe(false);
    fake.app.fire('will-quit');
    expect(() => attemptRows()).not.toThrow(); // the file is intact and readable by another process
  });

  it('keeps one instance: a second start focuses the window, and closing the last window quits except on macOS', () => {
    expect(() => fake.app.fire('second-instance', [], root)).not.toThrow();
    const quitsBefore = fake.app.quitCalls;
    fake.app.fire('window-all-closed');
    expect(fake.app.quitCalls).toBe(quitsBefore + (process.platform === 'darwin' ? 0 : 1));
  });
});
