import { _electron as electron, expect, test } from '@playwright/test';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import type { EvidentApi } from '../../src/shared/contract.ts';

// Runs where the Electron binary exists or can be fetched (electron fetches it on first use;
// the test asks for that once). Where it cannot, or where Linux has no display to open a window
// on, the test is skipped and says why; the shell is then only typechecked and built.
const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));

function installedBinary(): string | undefined {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

function electronBinary(): string | undefined {
  if (installedBinary()) return installedBinary();
  spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  return installedBinary();
}

function skipReason(): string | undefined {
  if (!electronBinary()) {
    return 'Electron smoke test skipped: the Electron binary is not installed here and could not be fetched (node_modules/electron has no dist/)';
  }
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return 'Electron smoke test skipped: no display to open a window on (run the tests under xvfb-run)';
  }
  return undefined;
}

const reason = skipReason();
const binary = reason ? undefined : installedBinary();
if (reason) console.log(reason);

test.describe('the desktop app', () => {
  test.skip(!binary, reason ?? '');

  test('opens its window and answers through real IPC, with no Node in the page', async () => {
    const app = await electron.launch({
      executablePath: binary,
      args: ['.', '--no-sandbox'],
      env: { ...process.env, EVIDENT_DATA_DIR: mkdtempSync(join(tmpdir(), 'evident-electron-')) },
    });
    try {
      const page = await app.firstWindow();
      await expect(page).toHaveTitle('Evident');
      await expect(page.getByRole('heading', { name: 'North Korea fires threats at UN' })).toBeVisible();

      const result = await page.evaluate(async () => {
        // Runs in the page; the test's tsconfig has no DOM types, hence the explicit shape.
        const scope = globalThis as unknown as { evident: EvidentApi; require?: unknown; process?: unknown };
        const api = scope.evident;
        const started = await api.startAttempt({ quizId: 'north-korea-un', studentName: 'Smoke Test' });
        if (!started.ok) return { started };
        const question = started.value.questions[0]!;
        if (question.type !== 'single-choice') return { started: 'first question is not single choice' };
        const answered = await api.answer({
          attemptId: started.value.attemptId,
          questionId: question.id,
          response: { type: 'single-choice', optionId: question.options[0]!.id },
        });
        const unknown = (api as unknown as Record<string, unknown>)['deleteEverything'];
        return {
          answered: answered.ok,
          noGenericInvoke: unknown === undefined,
          noNode: scope.require === undefined && scope.process === undefined,
        };
      });
      expect(result).toEqual({ answered: true, noGenericInvoke: true, noNode: true });
    } finally {
      await app.close();
    }
  });
});
