import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, seedBank, snapshot, unlockTeacher } from './helpers.ts';

// A class session in real Chromium, all on loopback: the teacher's dashboard is the browser
// build on the e2e server; the session server it starts listens on 127.0.0.1 at SESSION_PORT;
// two students join from their own browser contexts (their own localStorage), answer, and one
// reloads. The teacher sees them live.

const SESSION_PORT = Number(process.env['E2E_PORT'] ?? 4317) + 10;

type ChoiceQuestion = { id: string; type: string; prompt: string; options: { id: string; text: string }[]; correct: string };
const [first, second] = seedBank.questions.slice(0, 2) as unknown as [ChoiceQuestion, ChoiceQuestion];
const optionText = (q: ChoiceQuestion, id: string) => q.options.find((o) => o.id === id)!.text;
const wrongOption = (q: ChoiceQuestion) => q.options.find((o) => o.id !== q.correct)!.id;

async function studentPage(browser: Browser, joinUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.goto(joinUrl);
  return page;
}

async function join(page: Page, code: string, name: string): Promise<void> {
  await expect(page.getByRole('heading', { name: 'Class session', level: 1 })).toBeVisible();
  // Served by the session: no address to type, and no way into the teacher's side.
  await expect(page.getByLabel('Session address')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Class results' })).toHaveCount(0);
  await page.getByLabel('Join code').fill(code);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: first.prompt })).toBeVisible();
}

test('a class session: two students join and answer, the teacher watches live, a reload keeps the seat', async ({
  page: teacher,
  browser,
}) => {
  test.setTimeout(240_000); // a whole lesson in three browsers, with axe on each screen: slow on a loaded machine, not a timed test
  // ── The teacher starts a session on this computer's loopback interface.
  await teacher.goto('/');
  await unlockTeacher(teacher);
  await teacher.getByRole('button', { name: 'Host a class session' }).click();
  await expect(teacher.getByRole('heading', { name: 'Host a class session' })).toBeVisible();
  await teacher.getByLabel('Network').selectOption('127.0.0.1');
  await teacher.getByLabel('Port').fill(String(SESSION_PORT));
  await expectNoAxeViolations(teacher, 'host a session');
  await snapshot(teacher, 'classroom-start');
  await teacher.getByRole('button', { name: 'Start the session' }).click();

  const joinUrl = `http://127.0.0.1:${SESSION_PORT}/`;
  await expect(teacher.getByText(joinUrl)).toBeVisible();
  const code = ((await teacher.locator('.code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^[A-Z2-9]{6}$/);
  // Shown as the service sends it: the code in two groups, the address to type into Evident.
  await expect(teacher.locator('.code')).toHaveText(/^[A-Z2-9]{3} [A-Z2-9]{3}$/);
  await expect(teacher.getByText(`address 127.0.0.1:${SESSION_PORT}.`)).toBeVisible();
  await expect(teacher.getByRole('img', { name: `QR code of ${joinUrl}` })).toBeVisible();
  await expect(teacher.getByText('Nobody has joined yet.')).toBeVisible();
  await expectNoAxeViolations(teacher, 'dashboard (empty)');
  await snapshot(teacher, 'classroom-dashboard-empty');

  // ── Two students join from their own browsers; one has characters that mean something in HTML.
  const ada = await studentPage(browser, joinUrl);
  await expectNoAxeViolations(ada, 'student join');
  await snapshot(ada, 'classroom-join');
  // A wrong code is refused with a message.
  await ada.getByLabel('Join code').fill('WRONG2');
  await ada.getByLabel('Your name').fill('Ada');
  await ada.getByRole('button', { name: 'Join' }).click();
  await expect(ada.getByRole('alert')).toContainText('join code is not right');
  await join(ada, code.toLowerCase(), 'Ada Lovelace');
  await expectNoAxeViolations(ada, 'student quiz');

  const tricky = 'Bob "&amp;" O\'Brien';
  const bob = await studentPage(browser, joinUrl);
  await join(bob, code, tricky);

  await expect(teacher.getByRole('rowheader', { name: 'Ada Lovelace' })).toBeVisible({ timeout: 1_500 });
  // The name is text, exactly as typed: no entity decoded, no markup made.
  await expect(teacher.getByRole('rowheader', { name: tricky, exact: true })).toBeVisible({ timeout: 1_500 });
  await expect(teacher.getByRole('heading', { name: 'Students: 2 joined' })).toBeVisible();

  // ── Answers arrive on the dashboard within a second.
  await ada.getByRole('radio', { name: optionText(first, first.correct) }).check();
  await expect(ada.getByRole('status')).toHaveText('Answer saved.');
  await bob.getByRole('radio', { name: optionText(first, wrongOption(first)) }).check();
  await expect(bob.getByRole('status')).toHaveText('Answer saved.');
  const firstRow = teacher.getByRole('row').filter({ hasText: first.prompt });
  await expect(firstRow).toContainText('50%', { timeout: 1_000 });
  await expect(teacher.getByRole('progressbar', { name: 'Ada Lovelace: 1 of' + ` ${seedBank.questions.length} answered` })).toBeVisible();
  // The passage is shaded where Bob missed the evidence.
  await expect(teacher.locator('.missed').first()).toBeVisible({ timeout: 1_000 });
  await expectNoAxeViolations(teacher, 'dashboard (live)');
  await snapshot(teacher, 'classroom-dashboard-live');

  // ── Ada's page reloads (a sleeping laptop, a closed tab): same seat, same answers.
  await ada.getByRole('button', { name: 'Next' }).click();
  await ada.getByRole('radio', { name: optionText(second, second.correct) }).check();
  await expect(ada.getByRole('status')).toHaveText('Answer saved.');
  await ada.reload();
  // Back on the question she was on, not question 1.
  await expect(ada.getByRole('heading', { name: second.prompt })).toBeVisible();
  await ada.getByRole('button', { name: 'Previous' }).click();
  await expect(ada.getByText('2 of', { exact: false })).toBeVisible();
  await expect(ada.getByRole('radio', { name: optionText(first, first.correct) })).toBeChecked();
  await expect(teacher.getByRole('heading', { name: 'Students: 2 joined' })).toBeVisible();

  // ── The teacher removes Bob, who is refused, then re-admits him to the same seat.
  await teacher.getByRole('button', { name: `Remove ${tricky}` }).click();
  await expect(teacher.getByRole('dialog')).toContainText('can no longer answer');
  await expectNoAxeViolations(teacher, 'remove confirmation');
  await teacher.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(teacher.getByRole('heading', { name: 'Students: 1 joined' })).toBeVisible();
  // Bob learns it at once, without having to answer first.
  await expect(bob.getByRole('heading', { name: 'Your teacher has removed you from this session' })).toBeVisible({ timeout: 10_000 });
  await teacher.getByRole('button', { name: `Re-admit ${tricky}` }).click();
  await expect(teacher.getByRole('heading', { name: 'Students: 2 joined' })).toBeVisible();
  await bob.getByRole('button', { name: 'Try my seat again' }).click();
  await expect(bob.getByRole('heading', { name: first.prompt })).toBeVisible();
  await expect(bob.getByRole('radio', { name: optionText(first, wrongOption(first)) })).toBeChecked();
  await bob.getByRole('button', { name: 'Next' }).click();
  await bob.getByRole('radio', { name: optionText(second, wrongOption(second)) }).check();
  await expect(bob.getByRole('status')).toHaveText('Answer saved.');

  // ── Ada hands in and waits; the teacher releases the review; it opens by itself.
  await ada.getByRole('button', { name: `Question ${seedBank.questions.length}, not answered` }).click();
  await ada.getByRole('button', { name: 'Submit answers' }).click();
  await ada.getByRole('dialog', { name: 'Submit your answers?' }).getByRole('button', { name: 'Submit anyway' }).click();
  await expect(ada.getByRole('heading', { name: 'Your answers are handed in' })).toBeVisible();
  await expectNoAxeViolations(ada, 'student waiting for the review');
  await snapshot(ada, 'classroom-waiting');
  await teacher.getByRole('button', { name: 'Release the review' }).click();
  await teacher.getByRole('dialog').getByRole('button', { name: 'Release the review' }).click();
  await expect(ada.getByRole('heading', { name: 'Your result' })).toBeVisible({ timeout: 12_000 }); // the next seat check (every 5 s)
  await expect(ada.getByText('Ada Lovelace')).toBeVisible();

  // ── The teacher ends the session while Bob is still working: he learns it without answering,
  // and a reload still shows it (the server keeps answering after the end); the attempts are in Class results.
  await teacher.getByRole('button', { name: 'End the session' }).click();
  await teacher.getByRole('dialog').getByRole('button', { name: 'End the session' }).click();
  await expect(teacher.getByRole('status')).toHaveText('The session has ended. Its attempts are in Class results.');
  await expect(teacher.getByText('until you start another session or quit Evident')).toBeVisible();
  // The review was released before the end, so his handed-in answers open as his review.
  await expect(bob.getByRole('heading', { name: 'Your result' })).toBeVisible({ timeout: 12_000 });
  await bob.reload();
  await expect(bob.getByRole('heading', { name: 'Your result' })).toBeVisible();
  await expect(bob.getByText(tricky)).toBeVisible();
  await expect(bob.getByText('could not be reached')).toHaveCount(0);
  await teacher.getByRole('button', { name: 'Back to the teacher’s side' }).click();
  await teacher.getByRole('button', { name: 'Class results' }).click();
  await expect(teacher.getByRole('rowheader', { name: 'Ada Lovelace' })).toBeVisible();
  await expect(teacher.getByRole('rowheader', { name: tricky, exact: true })).toBeVisible();
  await ada.context().close();
  await bob.context().close();
});

test("the browser build's join screen opens the typed address, and passes axe", async ({ page }) => {
  // A page of the teacher's own server cannot post to another computer's session: the address
  // typed is opened instead, and that session's page asks for the code and the name.
  await page.goto('/');
  await page.getByRole('button', { name: 'Join a class session' }).click();
  await expect(page.getByLabel('Session address')).toBeVisible();
  await expect(page.getByLabel('Join code')).toHaveCount(0);
  await expectNoAxeViolations(page, 'browser join');
  await page.getByRole('button', { name: 'Open the session' }).click();
  await expect(page.getByRole('alert')).toHaveText('Enter the address on the board, for example 192.168.1.20:4320.');
  await page.getByLabel('Session address').fill(`127.0.0.1:${SESSION_PORT + 1}`);
  const opened = page.waitForRequest(`http://127.0.0.1:${SESSION_PORT + 1}/`);
  await page.getByRole('button', { name: 'Open the session' }).click();
  await opened;
  await page.goBack();
  await page.goto('/');
  await page.getByRole('button', { name: 'Join a class session' }).click();
  await page.getByRole('button', { name: 'Back to quizzes' }).click();
  await expect(page.getByRole('heading', { name: 'Evident', level: 1 })).toBeVisible();
});
