import { MEDIA_LINK } from './rules.ts';
// Picture credits in the forms news sites print them: glued onto the end of the caption, or on a
// line of their own next to it. Every pattern is anchored to the end (or the whole) of the line,
// so a sentence that merely mentions a photo is never taken for a caption.

export interface ParsedCaption {
  text: string;
  credit: string;
}

const CREDIT_WORD = String.raw`(?:Picture|Photo|Photograph|Image|Illustration|Credit|Photo credit|Image credit)s?`;
// Agencies and sources that sign pictures; used only inside parentheses or around a slash.
const AGENCY = String.raw`(?:AP|AFP|AAP|PA|EPA|Reuters|REUTERS|Getty(?: Images)?|Shutterstock|Alamy|Bloomberg|Xinhua|Supplied|supplied|SWNS|Rex|INPHO|Sportsfile|NurPhoto|Anadolu|Pool|File)`;
const CAPITALISED_WORDS = String.raw`\p{Lu}[\p{L}.'’&-]*(?:\s+(?:\p{Lu}[\p{L}.'’&-]*|&|for|via|of|de|van|von)){0,5}`;
// A name; a surname may carry a lowercase particle ("Alaa al-Marjani", "Ruud van Dijk").
const NAME = String.raw`\p{Lu}[\p{L}'’.-]*(?:\s+(?:(?:al|el|de|da|di|du|van|von|bin|ibn|le|la)[-\s])?\p{Lu}[\p{L}'’.-]*){0,3}`;

// Each form comes with a cheap test of the line's end, so long paragraphs are not searched.
const GLUED_FORMS: ReadonlyArray<{ applies: RegExp; form: RegExp; minWords?: number }> = [
  {
    // "… (Photo: Name/Agency)", "… (AP Photo/Name)", "… (Picture: Agency)"
    applies: /\)$/u,
    form: new RegExp(
      String.raw`^(?<text>.*?\S)\s*\((?:(?:AP|AFP|PA|EPA|Reuters)\s+)?${CREDIT_WORD}\s*[:/;]\s*(?<credit>[^()]{1,80})\)$`,
      'u',
    ),
  },
  {
    // "… Picture: AFP/Getty", "… Photograph: Name/Agency", glued "….Credit: Instagram"
    applies: /(?:Picture|Photo|Photograph|Image|Illustration|Credit)s?\s*[:;][^:;]{0,60}$/u,
    form: new RegExp(
      String.raw`^(?<text>.*?[^\s(])(?:\s+|(?<=[.!?”"’)]))(?:©\s*)?${CREDIT_WORD}\s*[:;]\s*(?<credit>[\p{Lu}\p{Nd}@][^:!?]{0,59})(?<!\.)$`,
      'u',
    ),
  },
  {
    // "… (AAP: Name)", "… (ABC News)", "… (Name via AP, File)"
    applies: /\)$/u,
    form: new RegExp(String.raw`^(?<text>.*?\S)\s*\((?<credit>[^()]{0,50}\b${AGENCY}\b[^()]{0,40})\)$`, 'u'),
    // Without a credit word, only a caption-length text before the brackets counts.
    minWords: 3,
  },
  {
    // "… REUTERS/Name", "… Name/Getty Images"
    applies: /\/[^/]{1,60}$/u,
    form: new RegExp(String.raw`^(?<text>.*?[.!?”"])\s+(?<credit>(?:REUTERS|AFP|AP|EPA|PA)\/${NAME}|${NAME}\s*\/\s*${AGENCY})$`, 'u'),
  },
  {
    // "… JEFF LESTER PHOTO", "… Photo by Jane Doe", "… Jane Doe Photo"
    applies: /(?:PHOTO|Photo|PICTURE|Picture)(?:\s+by\s+.{1,40})?$/u,
    form: new RegExp(
      String.raw`^(?<text>.*?[.!?”"])\s+(?<credit>(?:${NAME}\s+(?:PHOTO|Photo|PICTURE|Picture)(?:\s*\/\s*${NAME})?|(?:Photo|Picture)\s+by\s+${NAME}))$`,
      'u',
    ),
  },
  {
    // "… PHOTO: Mike Lewis Pictures.", "… Picture: Jane Doe." (a credit in a few capitalised words,
    // closed by a full stop as if it were a sentence, after a caption that is one)
    applies: /(?:PICTURE|PHOTO|PHOTOGRAPH|IMAGE|CREDIT|Picture|Photo|Photograph|Image|Credit)S?s?\s*:\s*[^:!?]{1,60}\.$/u,
    form: new RegExp(
      String.raw`^(?<text>.*?[.!?”"])\s+(?:PICTURE|PHOTO|PHOTOGRAPH|IMAGE|CREDIT|Picture|Photo|Photograph|Image|Credit)S?s?\s*:\s*(?<credit>${CAPITALISED_WORDS})\.$`,
      'u',
    ),
  },
  {
    // "… Name - Photographer/Agency"
    applies: /[Pp]hotographer\b[^.!?]{0,60}$/u,
    form: new RegExp(String.raw`^(?<text>.*?[.!?”"])\s+(?<credit>${NAME}\s+[-–—]\s+(?:Staff\s+)?[Pp]hotographer\b[^.!?]{0,60})$`, 'u'),
  },
];

/** Splits a caption line that ends with its picture credit into caption and credit. */
export function parseGluedCredit(line: string): ParsedCaption | undefined {
  const trimmed = line.trim();
  for (const { applies, form, minWords = 2 } of GLUED_FORMS) {
    if (!applies.test(trimmed)) continue;
    const groups = form.exec(trimmed)?.groups;
    const text = groups?.text?.trim();
    const credit = groups?.credit?.trim();
    if (text && credit && /\p{L}/u.test(text) && text.split(/\s+/u).length >= minWords) return { text, credit };
  }
  return undefined;
}

const CREDIT_ONLY_FORMS: readonly RegExp[] = [
  // "Picture: AFP/Getty", "© Photograph: Name/Reuters", "Image source, Getty Images"
  new RegExp(String.raw`^(?:©\s*)?(?:${CREDIT_WORD}|Image source|Image copyright|Source)\s*[:,;]\s*\S.{0,80}$`, 'iu'),
  // "Photos by Name & Name", "Photo courtesy of the fire department"
  /^(?:©\s*)?(?:photos?|pictures?|images?|photography|video)\s+(?:by|courtesy(?:\s+of)?)\s+[^.!?]{2,80}$/iu,
  // "AFP/Getty", "Sam Boal/Rollingnews.ie", "JONATHAN PORTER / PRESS EYE": capitalised words
  new RegExp(String.raw`^${CAPITALISED_WORDS}\s*\/\s*${CAPITALISED_WORDS}$`, 'u'),
  // "Name - Photographer/Agency", "Name – Staff Photographer"
  new RegExp(String.raw`^${NAME}\s+[-–—]\s+(?:Staff\s+)?Photographer\b.{0,60}$`, 'iu'),
  // An agency alone: "Getty Images", "AFP via Getty Images", "Supplied"
  new RegExp(String.raw`^(?:${AGENCY}(?:\s+via\s+Getty Images)?|Getty Images)$`, 'u'),
  // A licence or a picture library at the end: "Name/Flickr, CC BY", "Author provided"
  /^[^.!?]{0,60}\b(?:CC BY(?:-[A-Z]{2})*(?: \d\.\d)?|CC0|Creative Commons|Author provided|Wikimedia Commons|Flickr|Shutterstock|Alamy|iStock)$/u,
  // "from shutterstock.com", "via example.org"
  /^(?:from|via|source:?)\s+[\w-]+(?:\.[\w-]+)+$/iu,
  // A picture's file name: "File 20171214 27562 jt433n.jpg?ixlib=rb 1.1"
  /^(?:file\s+)?[\w .-]{0,40}\.(?:jpe?g|png|gif|webp)(?:\?\S*)?(?:\s+[\d.]+)?$/iu,
];

// A credit in brackets on its own line: "(Alpha Media file photo)", "(Photo by Name Photography)",
// "[Courtesy of the city]", "(Submitted)". An aside in brackets is a sentence: it has a verb.
const BRACKETED = /^[([]([^()[\]]+)[)\]]$/u;
const BRACKETED_CREDIT_WORD =
  /\b(?:photos?|photographs?|photography|pictures?|images?|illustrations?|video|courtesy|submitted|contributed|provided|supplied|file)\b|\/|©/iu;
const ASIDE_VERB = /\b(?:is|are|was|were|be|been|has|have|had|shows?|showed|will|would|can|could|said|says|did|does|taken|seen)\b/iu;

function isBracketedCredit(text: string): boolean {
  const inner = BRACKETED.exec(text)?.[1]?.trim();
  return (
    inner !== undefined &&
    !/[.!?]$/u.test(inner) &&
    BRACKETED_CREDIT_WORD.test(inner) &&
    !ASIDE_VERB.test(inner) &&
    // "(Video above: parents react)" points to a video: it credits no picture above it.
    !MEDIA_LINK.test(text)
  );
}

/** True when the text is nothing but a picture credit, e.g. "Picture: AFP/Getty". */
export function isCreditOnly(text: string): boolean {
  const trimmed = text.trim();
  if (trimmed.split(/\s+/u).length > 12) return false;
  return isBracketedCredit(trimmed) || CREDIT_ONLY_FORMS.some((form) => form.test(trimmed));
}

/**
 * A picture's description framed by its credit, as some pages copy an image: "PA The charred
 * buildings in the city centrePA" (the credit, the description, the credit again glued on).
 */
export function isFramedByCredit(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  for (let size = 1; size <= 4 && size < words.length - 1; size++) {
    const credit = words.slice(0, size).join(' ');
    if (!words.slice(0, size).every((word) => /^\p{Lu}\p{L}*$/u.test(word))) return false;
    const rest = words.slice(size).join(' ');
    if (!rest.endsWith(credit)) continue;
    const description = rest.slice(0, -credit.length);
    if (/\p{L}$/u.test(description) && description.split(/\s+/u).length >= 2) return true;
  }
  return false;
}

/**
 * A photographer's name printed in capitals on its own line ("CLARE KEOGH",
 * "BRYAN MEADE FOR THE SUNDAY TIMES"). Only a credit when it sits under a caption; the
 * caller decides that.
 */
export function isCapitalisedName(text: string): boolean {
  const words = text.trim().split(/\s+/u);
  if (words.length < 2 || words.length > 8) return false;
  return words.every((word) => /^(?:[\p{Lu}][\p{Lu}'’.&-]*|\/|&)$/u.test(word));
}
