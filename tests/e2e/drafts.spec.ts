import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { asTeacher, expectNoAxeViolations, unlockTeacher } from './helpers.ts';

// A teacher makes a quiz from an article, opens it in the editor, presses "Drafted questions",
// accepts one draft and rejects another: the accepted one is saved in the quiz's bank, marked
// as drafted. Screenshots for people to look at go to /tmp/shots-drafter (not compared).

const PARAGRAPHS = [
  'FURIOUS officials in North Korea stepped up their threatening rhetoric in the wake of the Sony hacking row, calling the US mainland “the cesspool of terrorism”.',
  '“Our toughest counteraction will be boldly taken against the White House, the Pentagon and the whole US mainland, the cesspool of terrorism,” a statement in North Korean state media said yesterday.',
  'The 15-member council has been urged to refer North Korea’s human rights situation to the International Criminal Court, seen as a court of last resort for atrocities.',
  'It also calls the dozens of people who fled the country and aided the commission “human scum”.',
  'If the council takes any action, “maybe we will take necessary measures,” diplomat Kim Song said on Friday.',
  'The regime sent a sharp warning to the UN last month, threatening further nuclear tests.',
  'The council has had North Korea’s nuclear program on its agenda for years, but yesterday’s meeting opens the door to wider discussion of abuses alleged in the recent inquiry, including starvation and a harsh political prison camp system of up to 120,000 inmates.',
  'Sony’s cancellation last week of the Christmas Day release of The Interview set off alarm bells among some diplomats and industry figures who warned of setting a precedent.',
];

const SHOTS = '/tmp/shots-drafter';

// Every spec shares one server and data folder: the quiz made here is deleted afterwards.
test.afterAll(async ({ request }) => {
  const library = await asTeacher<{ quizId: string; title: string }[]>(request, 'libraryList', {});
  for (const entry of library.filter((e) => e.title === 'Drafting from: North Korea fires threats at UN')) {
    await asTeacher(request, 'deleteQuiz', { quizId: entry.quizId });
  }
});

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

test('a teacher drafts questions from an article, accepts one and rejects another', async ({ page }) => {
  test.setTimeout(120_000);
  // A title of its own: every spec shares one server, and the bundled quiz has the seed's headline.
  const { quizId } = await asTeacher<{ quizId: string }>(page.request, 'createQuiz', {
    article: { title: 'Drafting from: North Korea fires threats at UN', publication: 'The Scotsman', paragraphs: PARAGRAPHS, captions: [] },
  });

  await page.goto('/');
  await unlockTeacher(page);
  await page.getByRole('button', { name: /Write questions for Drafting from: North Korea fires threats at UN/u }).click();
  await page.getByRole('button', { name: 'Drafted questions' }).click();

  const panel = page.getByRole('region', { name: 'Drafted questions' });
  await expect(panel.getByText(/\d+ drafts from the article/u)).toBeVisible({ timeout: 60_000 });
  const firstParagraph = panel.getByRole('region', { name: /^Paragraph 1 / });
  await expect(firstParagraph).toBeVisible();
  await expect(panel.getByText(/^Score \d+$/u).first()).toBeVisible();
  await expect(panel.getByText('diplomat Kim Song', { exact: false }).first()).toBeVisible();
  await shot(page, 'drafts-panel');
  await expectNoAxeViolations(page, 'drafts');

  const cards = panel.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Accept' }) });
  const first = cards.first();
  const prompt = (await first.locator('.prompt').textContent())!.trim();
  await first.getByRole('button', { name: 'Accept' }).click();
  const accepted = panel.getByRole('listitem').filter({ hasText: prompt }).first();
  await expect(accepted.getByText(/Added to the quiz, marked as drafted/u)).toBeVisible();

  const second = cards.first();
  await second.getByRole('button', { name: 'Reject' }).click();
  await expect(panel.getByText(/^Rejected:/u).first()).toBeVisible();
  await expect(panel.getByText(/1 accepted,\s+1\s+rejected/u)).toBeVisible();
  await shot(page, 'drafts-decided');
  // Further down: the quiz's numbers matched to what they count, and who said what.
  await panel
    .getByText(/Match each number or amount/u)
    .first()
    .scrollIntoViewIfNeeded();
  await shot(page, 'drafts-matching');

  // The accepted draft is in the stored bank, as a drafted question.
  await expect
    .poll(
      async () => {
        const source = await asTeacher<{ bank: { questions?: { prompt: string; drafted?: boolean }[] } }>(page.request, 'getQuizSource', {
          quizId,
        });
        return source.bank.questions?.filter((question) => question.drafted === true).map((question) => question.prompt) ?? [];
      },
      { timeout: 15_000 },
    )
    .toContain(prompt);
});
