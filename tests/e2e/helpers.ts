import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import type { BankInput } from '../../src/core/bank/schema.ts';

/** The seed bank, read by the test (never by the page) to know which answers are right. */
export const seedBank: BankInput = JSON.parse(
  readFileSync(new URL('../../questions/north-korea-un/bank.json', import.meta.url), 'utf8'),
) as BankInput;

export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  expect(summary, `axe violations on the ${screen} screen`).toEqual([]);
}

/** Screenshots for people to look at; not compared by the tests. */
export async function snapshot(page: Page, name: string): Promise<void> {
  mkdirSync('screenshots', { recursive: true });
  await page.screenshot({ path: `screenshots/${name}.png`, fullPage: false });
}
