// A new quiz's id: its folder's name, and the key every attempt at it is stored under. Made from
// the headline so that a teacher recognises the folder, and never one in use or once used.

const MAX_BASE = 48;

export function quizIdFrom(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .normalize('NFKD')
      .replace(/\p{M}/gu, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, MAX_BASE)
      .replace(/-+$/g, '') || 'quiz';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}
