/**
 * The item a plain key press picks, as on a paper test's "1, 2, 3, 4" (or T, F, N): the keys
 * are printed beside the options. Modified presses are left to the browser.
 */
export function pickedByKey<T>(event: KeyboardEvent, items: readonly T[], keyOf: (item: T, index: number) => string): T | undefined {
  if (event.altKey || event.ctrlKey || event.metaKey) return undefined;
  const pressed = event.key.toLowerCase();
  const item = items.find((candidate, i) => keyOf(candidate, i).toLowerCase() === pressed);
  if (item !== undefined) event.preventDefault();
  return item;
}

export const numberKey = <T>(_item: T, index: number) => String(index + 1);
