import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../src/renderer/src/lib/api.ts';
import { TeacherMode, type TeacherModeClient } from '../../src/renderer/src/lib/teacher-mode.svelte.ts';

// The teacher mode's state machine without a screen: first use, unlocking, locking on request,
// on the service's word, and after the idle time.

function fakeClient(options: { passphraseSet: boolean; right?: string }) {
  let passphraseSet = options.passphraseSet;
  const locked: (string | undefined)[] = [];
  let mode: TeacherMode | undefined;
  const client: TeacherModeClient = {
    teacherStatus: async () => ({ passphraseSet, unlocked: false, lockAfterMinutes: 15 }),
    setTeacherPassphrase: async () => {
      passphraseSet = true;
      return { token: 't'.repeat(43), lockAfterMinutes: 15 };
    },
    unlockTeacher: async ({ passphrase }) => {
      if (passphrase !== options.right) {
        throw new ApiError({
          code: 'forbidden',
          reason: 'wrong-passphrase',
          message: 'that passphrase is not right; you can try again in 1 second',
        });
      }
      return { token: 'u'.repeat(43), lockAfterMinutes: 15 };
    },
    lockTeacher: async () => {
      locked.push(mode?.token);
      return { locked: true };
    },
  };
  return { client, locked, attach: (m: TeacherMode) => (mode = m) };
}

afterEach(() => vi.useRealTimers());

describe('TeacherMode', () => {
  it('asks for a passphrase on first use, checks the two fields agree, and opens', async () => {
    const fake = fakeClient({ passphraseSet: false });
    const mode = new TeacherMode();
    mode.connect(fake.client);
    await mode.refresh();
    expect(mode.state).toBe('no-passphrase');
    expect(await mode.setPassphrase('short', 'short')).toBe(false);
    expect(mode.error).toMatch(/at least 8 characters/);
    expect(await mode.setPassphrase('long enough one', 'long enough two')).toBe(false);
    expect(mode.error).toBe('The two passphrases are not the same.');
    expect(await mode.setPassphrase('long enough one', 'long enough one')).toBe(true);
    expect(mode.state).toBe('unlocked');
    expect(mode.token).toHaveLength(43);
  });

  it('shows a wrong passphrase as a sentence and stays locked; the right one opens', async () => {
    const fake = fakeClient({ passphraseSet: true, right: 'the right passphrase' });
    const mode = new TeacherMode();
    mode.connect(fake.client);
    await mode.refresh();
    expect(mode.state).toBe('locked');
    expect(await mode.unlock('a wrong guess')).toBe(false);
    expect(mode.error).toBe('That passphrase is not right; you can try again in 1 second.');
    expect(mode.token).toBeUndefined();
    expect(await mode.unlock('the right passphrase')).toBe(true);
    expect(mode.unlocked).toBe(true);
  });

  it('locks on request, sending the token with the lock, and tells the app', async () => {
    const fake = fakeClient({ passphraseSet: true, right: 'the right passphrase' });
    const onlock = vi.fn();
    const mode = new TeacherMode({ onlock });
    fake.attach(mode);
    mode.connect(fake.client);
    await mode.unlock('the right passphrase');
    const token = mode.token;
    await mode.lock();
    expect(fake.locked).toEqual([token]);
    expect(mode.state).toBe('locked');
    expect(mode.token).toBeUndefined();
    expect(onlock).toHaveBeenCalledTimes(1);
  });

  it('locks after the idle time without activity, and activity puts it off', async () => {
    vi.useFakeTimers();
    const fake = fakeClient({ passphraseSet: true, right: 'the right passphrase' });
    const onlock = vi.fn();
    const mode = new TeacherMode({ onlock, now: () => Date.now() });
    mode.connect(fake.client);
    await mode.unlock('the right passphrase');
    vi.advanceTimersByTime(14 * 60_000);
    mode.noteActivity();
    vi.advanceTimersByTime(14 * 60_000);
    expect(mode.unlocked).toBe(true);
    vi.advanceTimersByTime(60_000 + 1);
    expect(mode.unlocked).toBe(false);
    expect(onlock).toHaveBeenCalledTimes(1);
  });

  it('closes at once when the service says the session is over', async () => {
    const fake = fakeClient({ passphraseSet: true, right: 'the right passphrase' });
    const onlock = vi.fn();
    const mode = new TeacherMode({ onlock });
    mode.connect(fake.client);
    await mode.unlock('the right passphrase');
    mode.lockedByService();
    expect(mode.state).toBe('locked');
    expect(onlock).toHaveBeenCalledTimes(1);
    mode.lockedByService(); // already locked: nothing more
    expect(onlock).toHaveBeenCalledTimes(1);
  });
});
