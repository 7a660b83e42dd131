import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopDataDir } from '../../scripts/desktop-data-dir.ts';
import { dispatch } from '../../src/service/dispatch.ts';
import { createService, type Service } from '../../src/service/service.ts';
import { openStore } from '../../src/service/store.ts';
import { createTeacherGate } from '../../src/service/teacher/gate.ts';
import { waitAfter } from '../../src/service/teacher/slowdown.ts';
import { teacherFileStorage, TEACHER_FILE } from '../../src/service/teacher/teacher-file.ts';
import { CHANNELS, TEACHER_CHANNELS, isTeacherChannel } from '../../src/shared/channels.ts';
import { CHEAP_SCRYPT, fakeClock, seedQuizzes, tempDir, TEST_PASSPHRASE, type FakeClock } from './fixtures.ts';

// Teacher mode, enforced by the service: without an unlocked teacher session every teacher
// channel is refused as 'locked', whatever the transport; students' channels do not notice.

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()!();
});

function setup(lockAfterMinutes = 15): { service: Service; clock: FakeClock; dir: string } {
  const { dir, cleanup } = tempDir();
  const store = openStore(join(dir, 'evident.db'));
  cleanups.push(() => {
    store.close();
    cleanup();
  });
  const clock = fakeClock();
  const storage = teacherFileStorage(dir);
  const gate = createTeacherGate({ storage, now: clock.now, cost: CHEAP_SCRYPT, lockAfterMinutes });
  const service = createService({ quizzes: seedQuizzes(), store, now: clock.now, teacher: { storage, gate } });
  return { service, clock, dir };
}

const quiet = () => {};
const quizId = 'north-korea-un';

/** A payload each teacher channel accepts, so that a refusal can only be the lock. */
function validPayload(channel: string, attemptId: string): unknown {
  switch (channel) {
    case 'setAttemptSettings':
      return { feedback: 'immediate', shuffle: true };
    case 'listAttempts':
    case 'listNetworkInterfaces':
    case 'sessionStatus':
      return {};
    case 'deleteAttempt':
      return { attemptId };
    case 'quizResults':
      return { quizId };
    case 'exportCsv':
      return { kind: 'attempts' };
    case 'checkQuestion':
    case 'previewQuestion':
      return { quizId, question: {} };
    case 'startSession':
      return { quizId, host: '127.0.0.1', port: 0 };
    case 'lockJoining':
      return { sessionId: attemptId, locked: true };
    case 'releaseReview':
    case 'endSession':
      return { sessionId: attemptId };
    default:
      return { sessionId: attemptId, attemptId };
  }
}

describe('teacher mode', () => {
  it('names every channel either a student’s or a teacher’s, and the teacher’s include results, settings and hosting', () => {
    for (const channel of [
      'listAttempts',
      'deleteAttempt',
      'quizResults',
      'exportCsv',
      'setAttemptSettings',
      'startSession',
      'endSession',
      'checkQuestion',
      'previewQuestion',
    ]) {
      expect(isTeacherChannel(channel), channel).toBe(true);
    }
    for (const channel of ['listQuizzes', 'startAttempt', 'answer', 'submit', 'review', 'unlockTeacher', 'resumeAttempt']) {
      expect(isTeacherChannel(channel), channel).toBe(false);
    }
  });

  it('sets the passphrase on first use, stored as a salted scrypt hash, and only once', () => {
    const { service, dir } = setup();
    expect(service.teacherStatus({})).toEqual({ passphraseSet: false, unlocked: false, lockAfterMinutes: 15 });
    expect(() => service.setTeacherPassphrase({ passphrase: 'short' })).toThrow(/at least 8 characters/);
    const { token } = service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE });
    expect(service.teacherStatus({}, { teacherToken: token })).toEqual({ passphraseSet: true, unlocked: true, lockAfterMinutes: 15 });
    expect(service.teacherStatus({})).toMatchObject({ passphraseSet: true, unlocked: false });

    const file = readFileSync(join(dir, TEACHER_FILE), 'utf8');
    expect(file).not.toContain(TEST_PASSPHRASE);
    const stored = JSON.parse(file).passphrase;
    expect(stored).toMatchObject({ algorithm: 'scrypt', N: CHEAP_SCRYPT.N });
    expect(Buffer.from(stored.salt, 'base64')).toHaveLength(16);

    // A student who finds the screen cannot set another passphrase over the teacher's.
    expect(() => service.setTeacherPassphrase({ passphrase: 'a student’s passphrase' })).toThrow(/already set/);
  });

  it('refuses every teacher channel without the session, before reading the payload, over the path both transports share', async () => {
    const { service } = setup();
    const someone = service.startAttempt({ quizId, studentName: 'Ada' });
    for (const channel of TEACHER_CHANNELS) {
      for (const caller of [undefined, {}, { teacherToken: 'not-a-token-at-all-not-a-token-at-all' }]) {
        for (const payload of [validPayload(channel, someone.attemptId), { nonsense: true }]) {
          const reply = await dispatch(service, channel, payload, quiet, caller);
          expect(reply, channel).toEqual({ ok: false, error: expect.objectContaining({ code: 'forbidden', reason: 'locked' }) });
        }
      }
    }
    // The service itself refuses too, when called past dispatch.
    expect(() => service.listAttempts({})).toThrow(/locked/);
    expect(service.getAttempt({ attemptId: someone.attemptId }).studentName).toBe('Ada');
  });

  it('answers every teacher channel within the session, and students’ channels with or without one', async () => {
    const { service } = setup();
    const teacher = { teacherToken: service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE }).token };
    const someone = service.startAttempt({ quizId, studentName: 'Ada' });
    for (const channel of TEACHER_CHANNELS) {
      const reply = await dispatch(service, channel, validPayload(channel, someone.attemptId), quiet, teacher);
      if (!reply.ok) expect(reply.error.reason, `${channel}: ${reply.error.message}`).not.toBe('locked');
    }
    for (const channel of CHANNELS.filter((c) => !isTeacherChannel(c))) {
      const reply = await dispatch(service, channel, {}, quiet, {});
      if (!reply.ok) expect(reply.error.reason ?? '', channel).not.toBe('locked');
    }
  });

  it('slows wrong passphrases down, doubling the wait each time, and lets the right one in after the wait', () => {
    const { service, clock } = setup();
    service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE });
    const unlock = (passphrase: string) => dispatch(service, 'unlockTeacher', { passphrase }, quiet);

    for (let n = 1; n <= 4; n++) {
      expect(unlock('wrong guess number')).toMatchObject({ ok: false, error: { code: 'forbidden', reason: 'wrong-passphrase' } });
      expect(waitAfter(n)).toBe(1000 * 2 ** (n - 1));
      // Even the right passphrase is refused during the wait.
      expect(unlock(TEST_PASSPHRASE)).toMatchObject({ ok: false, error: { code: 'rate-limited', reason: 'slow-down' } });
      clock.advance(waitAfter(n) - 1);
      expect(unlock(TEST_PASSPHRASE)).toMatchObject({ ok: false, error: { reason: 'slow-down' } });
      clock.advance(1);
    }
    expect(unlock(TEST_PASSPHRASE)).toMatchObject({ ok: true });
    // Success starts the count again.
    expect(unlock('wrong guess again')).toMatchObject({ ok: false, error: { reason: 'wrong-passphrase' } });
    clock.advance(1000);
    expect(unlock(TEST_PASSPHRASE)).toMatchObject({ ok: true });
    expect(waitAfter(40)).toBe(5 * 60_000);
  });

  it('locks after the idle time without teacher calls, stays open while used, and locks on request', () => {
    const { service, clock } = setup(15);
    const teacher = { teacherToken: service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE }).token };
    for (let i = 0; i < 4; i++) {
      clock.advance(14 * 60_000);
      expect(service.listAttempts({}, teacher)).toEqual([]);
    }
    clock.advance(15 * 60_000 + 1);
    expect(() => service.listAttempts({}, teacher)).toThrow(/locked/);
    expect(service.teacherStatus({}, teacher).unlocked).toBe(false);

    const again = { teacherToken: service.unlockTeacher({ passphrase: TEST_PASSPHRASE }).token };
    const otherWindow = { teacherToken: service.unlockTeacher({ passphrase: TEST_PASSPHRASE }).token };
    service.lockTeacher({}, again);
    expect(() => service.listAttempts({}, again)).toThrow(/locked/);
    expect(service.listAttempts({}, otherWindow)).toEqual([]);
  });

  it('gives a student the teacher’s settings for new attempts, and lets only the teacher ask for others', () => {
    const { service } = setup();
    expect(() => service.startAttempt({ quizId, studentName: 'Ada', settings: { feedback: 'immediate', shuffle: false } })).toThrow(
      /locked/,
    );
    const teacher = { teacherToken: service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE }).token };
    service.setAttemptSettings({ feedback: 'immediate', shuffle: true, timeLimitMinutes: 20 }, teacher);
    expect(service.attemptSettings({})).toEqual({ feedback: 'immediate', shuffle: true, timeLimitMinutes: 20 });
    expect(service.startAttempt({ quizId, studentName: 'Ada' }, {}).settings).toEqual({
      feedback: 'immediate',
      shuffle: true,
      timeLimitMinutes: 20,
    });
    const tryOut = service.startAttempt({ quizId, studentName: 'Teacher', settings: { feedback: 'deferred', shuffle: false } }, teacher);
    expect(tryOut.settings).toEqual({ feedback: 'deferred', shuffle: false });
  });

  it('resumes an unfinished attempt only with the student’s name and its resume code', () => {
    const { service, clock } = setup();
    const ada = service.startAttempt({ quizId, studentName: 'Ada Lovelace' });
    const ben = service.startAttempt({ quizId, studentName: 'Ben' });
    const { resumeCode } = service.leaveAttempt({ attemptId: ada.attemptId });
    expect(resumeCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(service.leaveAttempt({ attemptId: ben.attemptId }).resumeCode).not.toBe(resumeCode);

    const typed = resumeCode.toLowerCase().replace('-', ' ');
    expect(service.resumeAttempt({ studentName: ' ada lovelace ', resumeCode: typed }).attemptId).toBe(ada.attemptId);

    const resume = (studentName: string, code: string) => dispatch(service, 'resumeAttempt', { studentName, resumeCode: code }, quiet);
    expect(resume('Ben', resumeCode)).toMatchObject({ ok: false, error: { code: 'not-found', reason: 'no-such-attempt' } });
    expect(resume('Ada Lovelace', resumeCode)).toMatchObject({ ok: false, error: { reason: 'slow-down' } });
    clock.advance(1000);
    expect(resume('Ada Lovelace', resumeCode)).toMatchObject({ ok: true, value: { attemptId: ada.attemptId } });

    service.submit({ attemptId: ada.attemptId });
    clock.advance(60_000);
    expect(resume('Ada Lovelace', resumeCode)).toMatchObject({ ok: false, error: { reason: 'no-such-attempt' } });
    expect(() => service.leaveAttempt({ attemptId: ada.attemptId })).toThrow(/submitted/);
  });

  it('is reset by npm run reset-passphrase at the computer, keeping every result and every resume code', () => {
    const { service, dir } = setup();
    const teacher = { teacherToken: service.setTeacherPassphrase({ passphrase: TEST_PASSPHRASE }).token };
    const ada = service.startAttempt({ quizId, studentName: 'Ada' });
    const { resumeCode } = service.leaveAttempt({ attemptId: ada.attemptId });
    service.setAttemptSettings({ feedback: 'immediate', shuffle: false }, teacher);

    const out = execFileSync(process.execPath, ['scripts/reset-passphrase.ts', '--data-dir', dir], { encoding: 'utf8' });
    expect(out).toMatch(/passphrase is reset.*Every result is kept/);

    // The old session ends with the passphrase it was opened with; the next person sets a new one.
    expect(service.teacherStatus({}, teacher)).toMatchObject({ passphraseSet: false, unlocked: false });
    const next = { teacherToken: service.setTeacherPassphrase({ passphrase: 'a brand new passphrase' }).token };
    expect(service.listAttempts({}, next).map((a) => a.attemptId)).toEqual([ada.attemptId]);
    expect(service.attemptSettings({}).feedback).toBe('immediate');
    expect(service.resumeAttempt({ studentName: 'Ada', resumeCode }).attemptId).toBe(ada.attemptId);

    // A wrong folder is said so, and changes nothing.
    expect(() =>
      execFileSync(process.execPath, ['scripts/reset-passphrase.ts', '--data-dir', join(dir, 'nowhere')], { stdio: 'pipe' }),
    ).toThrow(/there is no data folder/);
  }, 60_000); // two runs of a child process on a busy machine

  it('finds the desktop app’s data folder where Electron keeps it on each system, when no --data-dir is given', () => {
    expect(desktopDataDir('linux', {}, '/home/t')).toBe('/home/t/.config/Evident');
    expect(desktopDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/t')).toBe('/cfg/Evident');
    expect(desktopDataDir('darwin', {}, '/Users/t')).toBe('/Users/t/Library/Application Support/Evident');
    expect(desktopDataDir('win32', { APPDATA: 'C:/Users/t/AppData/Roaming' }, 'C:/Users/t')).toBe(
      join('C:/Users/t/AppData/Roaming', 'Evident'),
    );
  });
});
