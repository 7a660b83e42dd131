import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import type { BankInput } from '../../src/core/bank/schema.ts';

/** The seed bank, read by the test (never by the page) to know which answers are right. */
export const seedBank: BankInput = JSON.parse(
  readFileSync(new URL('../../questions/north-korea-un/bank.json', import.meta.url), 'utf8'),
) as BankInput;

export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on the ${screen} screen`).toEqual([]);
}

/** Screenshots for people to look at; not compared by the tests. */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });
}

/**
 * Screenshots for people to look at, at 1280×800 and 900×700, light and dark, as
 * `DIR/NAME-1280x800-light.png`…; `show` is scrolled into view at each size. Leaves the page at
 * 1280×800, light.
 */
export async function screenshotsAtTwoSizes(page: Page, dir: string, name: string, show?: Locator): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 800],
      [900, 700],
    ] as const) {
      await page.setViewportSize({ width, height });
      await show?.scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${dir}/${name}-${width}x${height}-${scheme}.png` });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** The passphrase every e2e test uses; whichever test comes first sets it. */
export const TEACHER_PASSPHRASE = 'e2e teacher passphrase';

type Envelope<T> = { ok: true; value: T } | { ok: false; error: { code: string; reason?: string; message: string } };

/** A teacher session's token, for calling teacher channels over HTTP: the passphrase is set on first use. */
export async function teacherToken(request: APIRequestContext): Promise<string> {
  const status = (await (await request.post('/api/teacherStatus', { data: {} })).json()) as Envelope<{ passphraseSet: boolean }>;
  if (!status.ok) throw new Error(status.error.message);
  const channel = status.value.passphraseSet ? 'unlockTeacher' : 'setTeacherPassphrase';
  const reply = (await (await request.post(`/api/${channel}`, { data: { passphrase: TEACHER_PASSPHRASE } })).json()) as Envelope<{
    token: string;
  }>;
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value.token;
}

/** Calls a channel as the unlocked teacher, throwing the service's message on a refusal. */
export async function asTeacher<T>(request: APIRequestContext, channel: string, input: unknown): Promise<T> {
  const token = await teacherToken(request);
  const reply = (await (
    await request.post(`/api/${channel}`, { data: input, headers: { Authorization: `Bearer ${token}` } })
  ).json()) as Envelope<T>;
  if (!reply.ok) throw new Error(`${channel}: ${reply.error.message}`);
  return reply.value;
}

/** From the student screen, opens the teacher's side with the passphrase, as a teacher does. */
export async function unlockTeacher(page: Page): Promise<void> {
  await teacherToken(page.request); // sets the passphrase if no test has yet
  await page.getByRole('button', { name: 'Teacher', exact: true }).click();
  await page.getByLabel('Passphrase', { exact: true }).fill(TEACHER_PASSPHRASE);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // The unlock screen has the same heading: wait for the home's own controls.
  await expect(page.getByRole('button', { name: 'Lock and go to the student screen' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Teacher’s side', level: 1 })).toBeVisible();
}

/** From a fresh page: the teacher unlocks and opens the quiz library. */
export async function openLibrary(page: Page): Promise<void> {
  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: 'Quiz library' }).click();
  await expect(page.getByRole('heading', { name: 'Quiz library', level: 1 })).toBeVisible();
}
