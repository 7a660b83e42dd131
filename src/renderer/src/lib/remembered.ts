// The unfinished attempt of this window, so that a reload or a crash of the page offers it again.
// Kept for the session only: the next person to open the app is not offered it (they need the
// student's name and resume code).
const KEY = 'evident.unfinishedAttempt';

export function rememberAttempt(attemptId: string): void {
  sessionStorage.setItem(KEY, attemptId);
}

export function rememberedAttempt(): string | null {
  return sessionStorage.getItem(KEY);
}

export function forgetAttempt(): void {
  sessionStorage.removeItem(KEY);
}
