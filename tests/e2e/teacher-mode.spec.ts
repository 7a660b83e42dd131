import { expect, test } from '@playwright/test';
import { CHANNELS, TEACHER_CHANNELS } from '../../src/shared/channels.ts';
import { expectNoAxeViolations, snapshot, teacherToken, unlockTeacher } from './helpers.ts';

// A student at the app cannot reach any teacher function: not from the screens (every button
// of the student's side), and not from the service (every teacher channel, called directly).

test('the student’s screen offers the quizzes, joining, resuming and reading aids, and the teacher’s side only behind the passphrase', async ({
  page,
}) => {
  await teacherToken(page.request); // a passphrase is set, as on any computer a teacher has used
  await page.goto('/');
  const buttons = await page.getByRole('button').allInnerTexts();
  expect(buttons.map((b) => b.replace(/\s+/g, ' ').trim()).filter((b) => !b.startsWith('Start'))).toEqual([
    'Reading settings',
    'Join a class session',
    'Teacher',
  ]);
  for (const name of ['Class results', 'Host a class session', 'Settings', 'Delete']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  // Reading aids only: no feedback mode, shuffle or time limit.
  await page.getByRole('button', { name: 'Reading settings' }).click();
  await expect(page.getByRole('dialog').getByLabel('Feedback')).toHaveCount(0);
  await expect(page.getByRole('dialog').getByText(/time limit/i)).toHaveCount(0);
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click();

  // "Teacher" asks for the passphrase; a wrong one is refused and slows the next try.
  await page.getByRole('button', { name: 'Teacher', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Teacher’s side' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Class results' })).toHaveCount(0);
  await page.getByLabel('Passphrase', { exact: true }).fill('a student guessing');
  await page.getByRole('button', { name: 'Unlock' }).click();
  // (The doubling wait itself is tested with a clock in tests/unit/teacher-mode.test.ts.)
  await expect(page.getByRole('alert')).toContainText('That passphrase is not right; you can try again in 1 second.');
  await expect(page.getByRole('button', { name: 'Class results' })).toHaveCount(0);
  await expectNoAxeViolations(page, 'teacher unlock (refused)');
  await snapshot(page, 'teacher-unlock-refused');
  await page.waitForTimeout(1_100);
});

test('every teacher channel is refused without the teacher’s session, with or without a made-up token', async ({ request }) => {
  expect(TEACHER_CHANNELS.length).toBeGreaterThan(10);
  for (const channel of TEACHER_CHANNELS) {
    const attempts: Record<string, string>[] = [{}, { Authorization: `Bearer ${'A'.repeat(43)}` }, { Authorization: 'Basic dGVhY2hlcg==' }];
    for (const headers of attempts) {
      const reply = await request.post(`/api/${channel}`, { data: {}, headers });
      expect(reply.status(), channel).toBe(403);
      expect((await reply.json()).error, channel).toMatchObject({ code: 'forbidden', reason: 'locked' });
    }
  }
  // A student's own channels still answer, and asking for other attempt settings is the teacher's.
  expect((await request.post('/api/listQuizzes', { data: {} })).status()).toBe(200);
  const tryOut = await request.post('/api/startAttempt', {
    data: { quizId: 'north-korea-un', studentName: 'Sneaky', settings: { feedback: 'immediate', shuffle: false } },
  });
  expect(tryOut.status()).toBe(403);
  // Every channel is either a student's or listed as a teacher's: nothing in between.
  const open = CHANNELS.filter((c) => !TEACHER_CHANNELS.includes(c));
  expect(open.sort()).toEqual(
    [
      'answer',
      'attemptSettings',
      'getAttempt',
      'leaveAttempt',
      'listQuizzes',
      'lockTeacher',
      // The wall's join code and joined count (see channels.ts): nothing a student at this computer could not read off the wall.
      'projectorStatus',
      'resumeAttempt',
      'review',
      'setTeacherPassphrase',
      'startAttempt',
      'submit',
      'teacherStatus',
      'unlockTeacher',
    ].sort(),
  );
});

test('the teacher unlocks, and locking (or leaving) returns to the student’s screen and ends the session in the service', async ({
  page,
}) => {
  await page.goto('/');
  await unlockTeacher(page);
  await expectNoAxeViolations(page, 'teacher home');
  await snapshot(page, 'teacher-home');
  // The session's token is what the service checks: after Lock it no longer opens anything.
  const token = await page.evaluate(async () => {
    const reply = await fetch('/api/teacherStatus', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    return (await reply.json()) as { value: { unlocked: boolean } };
  });
  expect(token.value.unlocked).toBe(false); // a request without the token is nobody
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Teacher', exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Teacher’s side' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Teacher', exact: true }).click();
  await expect(page.getByLabel('Passphrase', { exact: true })).toBeVisible();
});
