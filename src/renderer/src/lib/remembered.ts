// The unfinished attempt of this browser or window, so that a reload or a restart offers it again.
const KEY = 'evident.unfinishedAttempt';

export function rememberAttempt(attemptId: string): void {
  localStorage.setItem(KEY, attemptId);
}

export function rememberedAttempt(): string | null {
  return localStorage.getItem(KEY);
}

export function forgetAttempt(): void {
  localStorage.removeItem(KEY);
}
