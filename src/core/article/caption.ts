import type { Caption } from './types.ts';

// The credit must be short and sit at the very end of the line, so a sentence that merely
// mentions "photo:" somewhere is never mistaken for a caption.
const CREDIT_AT_END = /^(?<text>.*?\S)\s+(?:Picture|Photo|Photograph|Image)s?:\s*(?<credit>[\p{Lu}\p{Nd}][^:!?]{0,59})(?<!\.)$/u;
const CREDIT_ONLY = /^(?:Picture|Photo|Photograph|Image)s?:\s*\S/u;

export function parseCaptionLine(line: string): Caption | undefined {
  const groups = CREDIT_AT_END.exec(line.trim())?.groups;
  if (!groups?.text || !groups.credit) return undefined;
  return { text: groups.text, credit: groups.credit.trim() };
}

/** True when the text is nothing but a photo credit, e.g. "Picture: AFP/Getty". */
export function isCreditOnly(text: string): boolean {
  return CREDIT_ONLY.test(text.trim());
}
