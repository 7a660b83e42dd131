import { isCapitalisedName, isCreditOnly, isFramedByCredit, parseGluedCredit } from './credit.ts';
import { addressesReader, articleProbabilities, hasFurnitureSignal, isAppeal, lineFeatures, type LineModel } from './features.ts';
import { LINE_MODEL } from './line-model.generated.ts';
import { modelReason } from './model-reason.ts';
import { featuresOf, hasInnerSentence, isLinkLabel, isPersonName, isProse } from './prose.ts';
import type { RemovalReason } from './reasons.ts';
import { AUTHOR_BIO, EMAIL, ENDS_LIKE_A_SENTENCE, furnitureReason, LIST_INTRODUCTION, MEDIA_LINK, wordsOf } from './rules.ts';

export type LineKind = 'headline' | 'body' | 'caption' | 'removed';

export interface ClassifiedLine {
  /** 1-based line number in the raw input. */
  line: number;
  /** The line, trimmed. */
  text: string;
  kind: LineKind;
  /** Why a removed line was removed. */
  reason?: RemovalReason;
  /** For a caption: its text without the credit, and the credit when there is one. */
  caption?: { text: string; credit?: string };
}

export interface Cleanup {
  headline?: ClassifiedLine;
  /** The author's name as printed, without a leading "By". */
  byline?: string;
  standfirst?: string;
  /** Every non-blank line of the input, in order. */
  lines: ClassifiedLine[];
}

export interface CleanupOptions {
  /** The publication's name, when known: a line that is only this name is removed. */
  publication?: string;
  /**
   * The learned line model that judges the lines the rules kept (default: the generated one);
   * null runs the rules alone. Scripts pass a model trained without the page they score.
   */
  lineModel?: LineModel | null;
}

interface Line {
  line: number;
  text: string;
  /** A blank line comes before this one in the input. */
  blankBefore: boolean;
  /** A blank line (or the end of the input) comes after this one. */
  blankAfter: boolean;
  kind?: LineKind;
  reason?: RemovalReason;
  caption?: { text: string; credit?: string };
}

const MAX_HEADLINE_WORDS = 30;
const STANDFIRST_MIN_WORDS = 10;
const SHORT_CAPTION_WORDS = 12;
// How far down the headline is looked for, and how long a site's notice above it may be.
const MAX_LINES_ABOVE_HEADLINE = 12;
const MAX_NOTICE_WORDS = 12;
// A site's or section's title: "Springfield Gazette", "Your Hometown News Source".
const MAX_SITE_TITLE_WORDS = 5;
const MAX_CAPTION_WORDS = 40;
// A summary signed with its reporter: "…, reports Policy Editor Daniel Martin."
const SIGNED_SUMMARY = /,?\s(?:reports|writes|explains)\s(?:\p{Lu}[\p{L}'’.-]*\s?){1,6}\.$/u;

/**
 * A picture's credit in a few words: "Courtesy photo", "Gazette file photo", "Staff photo by Jane
 * Doe", "Photo provided". Judged after the captions (a line next to it is not taken for its caption
 * for that alone: it may sit above or under its picture), and never the headline.
 */
const SHORT_CREDIT =
  /^(?:(?:[\p{L}.'’&-]+\s+){0,3}(?:staff|file|courtesy|submitted|contributed|provided|supplied|special|contributing|handout|pool)\s+(?:photo|photograph|picture|image)s?(?:\s+by\s+[^.!?]{2,60})?|(?:photos?|photographs?|pictures?|images?)\s+(?:provided|submitted|supplied|contributed)(?:\s+(?:by|to)\s+[^.!?]{2,60})?)$/iu;

/** Comparable form of a line: spacing, quote marks and closing full stop do not matter. */
function comparable(text: string): string {
  return text
    .replace(/\s+/gu, ' ')
    .replace(/[‘’‚‛]/gu, "'")
    .replace(/[“”„‟]/gu, '"')
    .replace(/[.\s]+$/u, '')
    .trim()
    .toLowerCase();
}

const AFFILIATION_WORDS = new Set(['of', 'in', 'and', 'for', 'the', 'at', '&', 'on']);
const TITLE_CASE_SENTENCE_WORDS = new Set(
  'but after before still as to is are was were will would can could says said from with over into than not no yet after while'.split(' '),
);

/**
 * An author with their role or institution: "Dave Cook, PhD Candidate in Anthropology, UCL",
 * "Terry Slevin, Cancer Council Australia" (a name, a comma, then only capitalised words).
 */
function isAffiliation(text: string): boolean {
  const match = /^(\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}),\s+(.+)$/u.exec(text);
  if (!match || ENDS_LIKE_A_SENTENCE.test(text)) return false;
  const rest = wordsOf((match[2] ?? '').replace(/,/gu, ' '));
  // A headline in title case ("Progress Made, But 104,000 Still in Dark After Storm") has the
  // little words of a sentence, or figures; a role or an institution has neither.
  if (rest.some((word) => /\p{Nd}/u.test(word) || TITLE_CASE_SENTENCE_WORDS.has(word.toLowerCase()))) return false;
  return rest.length >= 1 && rest.length <= 10 && rest.every((word) => /^[\p{Lu}\p{Nd}]/u.test(word) || AFFILIATION_WORDS.has(word));
}

/**
 * A short line that is not a sentence: a one-word title, a site's name or a section (sections
 * joined by an ampersand run longer: "Russian Politics & Diplomacy", "Arts & Culture").
 */
function isLabel(text: string): boolean {
  const words = wordsOf(text).length;
  const short = words <= 3 || (words <= 5 && /\s&\s/u.test(text));
  return short && !/[.:;,!?]$/u.test(text) && /^[\p{Lu}\p{Nd}]/u.test(text);
}

function isTitleLike(text: string): boolean {
  const words = wordsOf(text);
  if (parseGluedCredit(text) || isCreditOnly(text)) return false;
  if (words.length < 2 || words.length > MAX_HEADLINE_WORDS || text.length > 250) return false;
  if (/[.:;,]$/u.test(text)) return false;
  // Two sentences, the last one closed: a paragraph (a question and its answer's start), not a title.
  if (ENDS_LIKE_A_SENTENCE.test(text) && hasInnerSentence(text)) return false;
  return /^[\p{Lu}\p{Nd}‘'“"(]/u.test(text);
}

const SIGN_OFF = /^\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){1,3}$/u;
const PUBLICATION_SHAPE = /^The(?:\s+\p{Lu}[\p{L}'’&.-]*){1,4}$/u;
const LONE_CONNECTIVE = /^(?:on|at|by|and|in)$/u;
const IMAGE_CAPTION_PREFIX = /^(?:image|photo|picture) caption\s*[,:]\s*/iu;
// An agency's caption: "FILE PHOTO: Turkish Foreign Minister … REUTERS/Name"
const FILE_PHOTO_PREFIX = /^(?:FILE PHOTO|PHOTO|PICTURE|IMAGE|FILE)\s*:\s*/u;
const LIST_ITEM = /^(?:[•·▪‣∙*]\s*|[-–]\s+)/u;
const LIST_MARKER = /^[-–•·▪‣∙*]\s+/u;

function withoutListMarker(text: string): string {
  return text.replace(LIST_MARKER, '');
}
const MIN_LONE_CAPTION_WORDS = 10;
// The first line of a comment section: everything under it is the comments' furniture (the
// box, its rules, the count), never the article.
const COMMENT_SECTION_START =
  /^(?:post a comment(?: as)?|leave a (?:reply|comment)|welcome to the discussion\.?|join the (?:conversation|discussion)|\(?\d[\d,]*\)? comments?|comments? \(\d[\d,]*\)|reader comments?\s*\(\d[\d,]*\)|comment guidelines)$/iu;
const CUT_OFF_ENDING = /\s(?:a|an|the|of|on|in|to|at|by|for|from|with|and|or|but|that|which|who|is|are|was|were|its|their|his|her)$/iu;

/** The longer words of a line, lower-cased, without their punctuation. */
function contentWords(text: string): Set<string> {
  return new Set(
    wordsOf(text.toLowerCase())
      .map((word) => word.replace(/^[^\p{L}\p{Nd}]+|[^\p{L}\p{Nd}]+$/gu, ''))
      .filter((word) => word.length >= 5),
  );
}

/** At least half of a title's longer words (and two or more) are in the text. */
function sharesTheSubject(title: string, text: string): boolean {
  const titleWords = contentWords(title);
  const textWords = contentWords(text);
  const shared = [...titleWords].filter((word) => textWords.has(word)).length;
  return shared >= 2 && shared * 2 >= titleWords.size;
}

/** The half of a line that is the same text twice with nothing between, if it is. */
function doubledHalf(text: string): string | undefined {
  if (text.length < 20 || text.length % 2 !== 0) return undefined;
  const half = text.slice(0, text.length / 2);
  return half === text.slice(text.length / 2) && wordsOf(half).length >= 3 ? half : undefined;
}

/**
 * Sorts the lines of a page pasted from a browser into headline, article body, captions and
 * removed page furniture, each removal with its reason. Pure: text in, classification out.
 */
export function classifyLines(raw: string, options: CleanupOptions = {}): Cleanup {
  const { lines, headline } = applyRules(raw, options);
  const model = options.lineModel === undefined ? LINE_MODEL : options.lineModel;
  if (model) markByLineModel(lines, model);

  for (const line of lines) line.kind ??= 'body';

  const bylineLine = lines.find((line) => line.reason === 'byline');
  const byline = bylineLine ? cleanByline(bylineLine.text) : undefined;
  const standfirst = lines.find((line) => line.reason === 'standfirst')?.text;
  return {
    ...(headline && { headline: toClassified(headline) }),
    ...(byline && { byline }),
    ...(standfirst && { standfirst }),
    lines: lines.map(toClassified),
  };
}

/** A line as the rules left it: no kind when they left it to the line model (the lines it judges). */
export interface RuleVerdict {
  line: number;
  text: string;
  kind?: LineKind;
  blankBefore: boolean;
}

/** The rules' verdicts alone, before the line model: what scripts/train-cleanup.ts learns from. */
export function ruleVerdicts(raw: string, options: Omit<CleanupOptions, 'lineModel'> = {}): RuleVerdict[] {
  return applyRules(raw, options).lines.map(({ line, text, kind, blankBefore }) => ({ line, text, blankBefore, ...(kind && { kind }) }));
}

/** Every rule, in order; the lines no rule decided are left without a kind. */
function applyRules(raw: string, options: CleanupOptions): { lines: Line[]; headline: Line | undefined } {
  const rawLines = raw.split(/\r\n|\r|\n/u).map((text) => text.trim());
  const lines: Line[] = rawLines.flatMap((text, index) =>
    text === ''
      ? []
      : [{ line: index + 1, text, blankBefore: index > 0 && rawLines[index - 1] === '', blankAfter: (rawLines[index + 1] ?? '') === '' }],
  );
  const publication = options.publication ? comparable(options.publication) : undefined;

  const remove = (line: Line, reason: RemovalReason): void => {
    line.kind = 'removed';
    line.reason = reason;
  };

  for (const line of lines) {
    const reason =
      (isCreditOnly(line.text) ? 'image-credit' : isFramedByCredit(line.text) ? 'picture-description' : furnitureReason(line.text)) ??
      (publication && comparable(line.text) === publication ? 'publication-name' : undefined);
    if (reason) remove(line, reason);
  }

  // A section-like label printed twice at the top is the page's title ("News in brief").
  let sectionPageTitle: Line | undefined;
  for (const [index, line] of lines.entries()) {
    if (line.kind !== 'removed') break;
    const next = lines[index + 1];
    if (line.reason === 'navigation' && next && comparable(next.text) === comparable(line.text) && isTitleLike(line.text)) {
      delete line.kind;
      delete line.reason;
      sectionPageTitle = line;
      break;
    }
  }

  // The headline: the first title-like line that is not furniture. Above it there may be a
  // few short lines of the site (its name, a notice, a section); a long sentence first means
  // the text has no headline at all.
  let headlineIndex = -1;
  const above: Line[] = [];
  const candidates = lines.flatMap((line, index) => (line.kind ? [] : [index]));
  for (const [position, index] of candidates.entries()) {
    if (position >= MAX_LINES_ABOVE_HEADLINE) break;
    const line = lines[index] as Line;
    // A bulleted line is a menu's item ("• The Rep - Admissions"), never the headline; nor is a
    // picture's credit in a few words ("Courtesy photo").
    if (/^[•·▪‣∙]\s*/u.test(line.text) || SHORT_CREDIT.test(line.text)) {
      above.push(line);
      continue;
    }
    const text = withoutListMarker(line.text);
    const nextLine = lines[candidates[position + 1] ?? -1];
    const next = nextLine && { text: withoutListMarker(nextLine.text) };
    const longerTitleFollows = candidates
      .slice(position + 1, position + 5)
      .some(
        (later) =>
          isTitleLike((lines[later] as Line).text) && wordsOf((lines[later] as Line).text).length >= 4 && !hasCreditUnder(lines, later),
      );
    if (isAffiliation(text)) {
      remove(line, 'byline');
      continue;
    }
    // A name alone under the date, straight above the first sentence, is the author's.
    // (Straight above it: a title between two dates, "Playground Improvements" over "September 10, 2015", is no name.)
    const nextIsProse = nextLine !== undefined && nextLine === lines[index + 1] && isProse(nextLine.text);
    // (A title above the date is the headline: "Ever-changing Exhibits" over "May 13th, 2013 | …".)
    const underDate = lines[index - 1]?.reason === 'dateline';
    if (isPersonName(text) && nextIsProse && underDate) {
      remove(line, 'byline');
      continue;
    }
    // A site's appeal to the reader ("Donate to … to help …", "Get our free app"): furniture
    // whatever its shape, named by the family its words belong to.
    if (isAppeal(text)) {
      remove(line, modelReason(text, 'above'));
      continue;
    }
    if (PUBLICATION_SHAPE.test(text) && longerTitleFollows) {
      remove(line, 'publication-name');
      continue;
    }
    // A print page's teaser for another page: a title with "See Page 9" under it.
    const following = lines[index + 1];
    if (following?.reason === 'related-link' && /\bpage\b/iu.test(following.text) && isTitleLike(text)) {
      remove(line, 'related-link');
      continue;
    }
    // A short name above a longer title is the site's or section's ("Legacy Building",
    // "Manchester Evening News" printed twice), unless it is a section's own page title.
    // Two short titles together over the byline: the lower heads the article ("Springfield Gazette"
    // over "Mayor resigns" over "By Jane Doe").
    const shortTitleHeadsBelow =
      nextLine !== undefined &&
      nextLine === lines[index + 1] &&
      isTitleLike(nextLine.text) &&
      !isPersonName(nextLine.text) &&
      !isAffiliation(nextLine.text) &&
      !headsArticle(lines, index) &&
      headsArticle(lines, index + 1);
    const shortNameAboveTitle = isLabel(text) && (longerTitleFollows || shortTitleHeadsBelow) && line !== sectionPageTitle;
    // A site's or a section's title over its menu ("Springfield Gazette", "Accessibility links"):
    // the page's furniture follows it, where the byline, the date or the first sentence follows the
    // headline further down.
    const titleOverMenu =
      wordsOf(text).length <= MAX_SITE_TITLE_WORDS &&
      lines[index + 1]?.kind === 'removed' &&
      !headsArticle(lines, index) &&
      laterCandidates(lines, candidates, position).some((later) => isTitleLike((lines[later] as Line).text) && headsArticle(lines, later));
    if (isTitleLike(text) && titleOverMenu && line !== sectionPageTitle) {
      above.push(line);
      continue;
    }
    if (isTitleLike(text) && !shortNameAboveTitle) {
      headlineIndex = index;
      break;
    }
    if (isLabel(text) && (next === undefined || !(isTitleLike(next.text) || isLabel(next.text)))) {
      headlineIndex = index;
      break;
    }
    if (!isLabel(text) && wordsOf(text).length > MAX_NOTICE_WORDS) {
      // A summary printed above its headline: the title under it says the same in fewer words.
      if (next && isTitleLike(next.text) && wordsOf(next.text).length >= 4 && sharesTheSubject(next.text, text)) {
        remove(line, 'standfirst');
        continue;
      }
      break;
    }
    above.push(line);
  }
  if (headlineIndex >= 0) for (const line of above) remove(line, 'before-headline');
  if (lines[headlineIndex]) (lines[headlineIndex] as Line).kind = 'headline';
  const headline = lines[headlineIndex];
  const bodyStart = headlineIndex + 1;
  const after = lines.slice(bodyStart);

  if (headline) {
    const repeated = comparable(headline.text);
    for (const line of after) if (line.kind !== 'caption' && comparable(line.text) === repeated) remove(line, 'repeated-headline');
  }

  for (const line of after) if (!line.kind && MEDIA_LINK.test(line.text)) remove(line, 'related-link');
  markIntroducedLists(after);
  markStoryBoxes(after);
  markHeaderFurniture(after, headline !== undefined);
  markMediaDescription(after);
  markAuthorNames(after);
  markBulletStandfirst(after);
  markCaptions(after);
  markRepeatedFirstParagraph(after);
  markRepeats(after);
  markStandfirst(after);
  markLeadCaption(after);
  markPictureTexts(after);
  markSignOffs(after);
  markRepeatsOfRemoved(after);
  markCommentSection(after);
  markLoneCaptions(after);
  markAltTexts(after);
  for (const line of after) if (!line.kind && SHORT_CREDIT.test(line.text)) remove(line, 'image-credit');
  markSchedules(after);
  markDataUnderStory(after);
  markAuthorBio(after);
  markByProseRegion(after);
  return { lines, headline };
}

/**
 * The line heads the article: the byline or the date comes under it (past buttons and other
 * furniture, but no menu), or the first sentence straight under it.
 */
function headsArticle(lines: readonly Line[], index: number): boolean {
  let next = index + 1;
  while (lines[next]?.kind === 'removed') {
    const reason = lines[next]?.reason;
    if (reason === 'byline' || reason === 'dateline') return true;
    // A menu under it: a site's title, whatever date the menu is followed by.
    if (reason === 'navigation') return false;
    next++;
  }
  return next === index + 1 && lines[next] !== undefined && isProse((lines[next] as Line).text);
}

// A line that gives a label and its data: "Born: May 3, 1942", "Springfield: J. Smith, A. Jones".
// (A picture's label, "Photo:", "Pictured:", "FILE PHOTO:", introduces a caption.)
const LABELLED_DATA =
  /^(?!(?:photo|picture|image|pictured|file photo|caption|video|watch|read more|related)\b)\p{Lu}[\p{L}'’.&-]*(?:\s+[\p{L}'’.&-]+){0,3}:\s+\S/iu;

function isLabelledData(text: string): boolean {
  // "Cost: Free", "Admission: free": a price, not a free app's advert.
  return LABELLED_DATA.test(text) && !hasFurnitureSignal(text.replace(/\bfree\b/giu, ''));
}

// A site's own contact details are labelled too ("Phone: …", "Email: …"): never the article's data.
const CONTACT_LABEL =
  /^(?:address|phone|tel|telephone|fax|e-?mail|web|website|office hours|hours|call|text|follow|contact|newsroom|advertising|subscriptions?)\b/iu;
const WEB_OR_PHONE = new RegExp(String.raw`https?:|www\.|${EMAIL}|\(?\d{3}\)?[-.\s]\d{3}[-.\s]\d{4}`, 'iu');
const MIN_DATA_LINES = 2;

/**
 * Data printed under the last paragraph: a match report's line-ups and scorers ("Springfield:
 * J. Smith…", "Referee: …", "Attendance: 1,234"), an event's details ("When: Saturday, 10 a.m.",
 * "Where: …"): two or more labelled lines straight under the story, nothing taken out between.
 * They are the article's, not the page's footer.
 */
function markDataUnderStory(after: Line[]): void {
  let last = -1;
  for (const [index, line] of after.entries()) if ((line.kind === undefined || line.kind === 'body') && isProse(line.text)) last = index;
  if (last === -1) return;
  const run: Line[] = [];
  for (const line of after.slice(last + 1)) {
    if (line.kind || !isLabelledData(line.text) || CONTACT_LABEL.test(line.text) || WEB_OR_PHONE.test(line.text)) break;
    run.push(line);
  }
  if (run.length >= MIN_DATA_LINES) for (const line of run) line.kind = 'body';
}

/** A picture's credit stands under the line: it is the picture's caption, not a title. */
function hasCreditUnder(lines: readonly Line[], index: number): boolean {
  return lines[index + 1]?.reason === 'image-credit';
}

/** The candidates for the headline after this one, up to the first sentence of prose and within reach. */
function laterCandidates(lines: readonly Line[], candidates: readonly number[], position: number): number[] {
  const later: number[] = [];
  for (const index of candidates.slice(position + 1, MAX_LINES_ABOVE_HEADLINE)) {
    if (isProse((lines[index] as Line).text)) break;
    later.push(index);
  }
  return later;
}

function toClassified(line: Line): ClassifiedLine {
  return {
    line: line.line,
    text: line.text,
    kind: line.kind ?? 'body',
    ...(line.reason && { reason: line.reason }),
    ...(line.caption && { caption: line.caption }),
  };
}

function cleanByline(text: string): string | undefined {
  const name = text.replace(/^by\s*[|,:]?\s*/iu, '').trim();
  // "by | 24th, March 2006" names no author.
  return /^\p{Lu}[\p{L}'’.-]*\s+\p{Lu}/u.test(name) || /^@\w/u.test(name) || /^(?:staff|wire)/iu.test(name) ? name : undefined;
}

const MAX_LIST_ITEMS = 15;
const MIN_INTRODUCTION_WORDS = 4;

/**
 * A line that introduces a list: it ends with a colon after a verb or a little word ("Other
 * highlights include:"), or it is a sentence of running text that ends with a colon ("Here's what
 * you need to know:"). A label with a colon ("Key points:") is a widget's.
 */
function introducesList(text: string): boolean {
  if (LIST_INTRODUCTION.test(text)) return true;
  if (!text.endsWith(':') || hasFurnitureSignal(text.replace(/\byou\b/giu, ''))) return false;
  const features = featuresOf(text);
  return features.words >= MIN_INTRODUCTION_WORDS && features.lowerShare >= 0.5 && features.functionShare >= 0.15;
}

/**
 * A list the article introduces ("Other highlights include:" and its items): the items are short
 * and not sentences, like a menu, but they are the article's. The rules' verdicts stand.
 */
function markIntroducedLists(after: Line[]): void {
  for (const [index, line] of after.entries()) {
    if (line.kind || !introducesList(line.text)) continue;
    const items: Line[] = [];
    for (const item of after.slice(index + 1)) {
      if (item.kind === 'removed') break;
      if (isProse(item.text) || items.length === MAX_LIST_ITEMS) break;
      items.push(item);
    }
    if (items.length < 2) continue;
    line.kind = 'body';
    for (const item of items) item.kind = 'body';
  }
}

// What a video or a picture at the top shows: "Video shows a grandma with her granddaughter…".
const MEDIA_DESCRIPTION =
  /^(?:(?:the |this |a |our )?(?:video|footage|clip|photo|picture|image)s?\s+(?:shows?|showing|above shows|captures?)\b|(?:in )?(?:the|this) video(?: above)?,)/iu;
const MAX_MEDIA_DESCRIPTION_WORDS = 30;

/**
 * The description of the video or picture at the top of the story: its first line, one sentence
 * saying what the video shows, with the article under it. Shown as a caption: it describes what
 * the page showed, and a question may still cite it.
 */
function markMediaDescription(after: Line[]): void {
  const index = after.findIndex((line) => !line.kind);
  const line = after[index];
  if (!line || !MEDIA_DESCRIPTION.test(line.text) || wordsOf(line.text).length > MAX_MEDIA_DESCRIPTION_WORDS) return;
  if (hasInnerSentence(line.text) || !after.slice(index + 1).some((later) => !later.kind && isProse(later.text))) return;
  line.kind = 'caption';
  line.caption = { text: line.text };
}

/** The publication's name, the photographer's name in capitals and "on" between date lines. */
function markHeaderFurniture(after: Line[], hasHeadline: boolean): void {
  let previous: Line | undefined;
  let seenBody = false;
  for (const [index, line] of after.entries()) {
    if (!line.kind) {
      const inHeader = hasHeadline && !seenBody;
      const reason: RemovalReason | undefined =
        inHeader && PUBLICATION_SHAPE.test(line.text)
          ? 'publication-name'
          : // The author's name over the date: "Jane Doe" / "Monday 3 June 2024 5:00pm BST".
            inHeader && isPersonName(line.text) && after[index + 1]?.reason === 'dateline'
            ? 'byline'
            : previous?.reason === 'dateline' && LONE_CONNECTIVE.test(line.text)
              ? 'dateline'
              : (inHeader && isCapitalisedName(line.text)) || (isAffiliation(line.text) && line.blankBefore && line.blankAfter)
                ? 'byline'
                : undefined;
      if (reason) {
        line.kind = 'removed';
        line.reason = reason;
      } else {
        seenBody = true;
      }
    }
    previous = line;
  }
}

// "WNYT's snow map. Eastern hill towns have the best chance for delays. |": a sentence never ends
// with a bar; a link label does (short: navigation), and so does a caption whose credit was empty.
const CAPTION_WITH_EMPTY_CREDIT = /\s+\|$/u;
const MAX_LINK_LABEL_WORDS = 8;

/** Captions: a line ending with a picture credit, or the line a credit line sits under. */
function markCaptions(after: Line[]): void {
  const seen = new Set<string>();
  for (const [index, line] of after.entries()) {
    if (line.kind) continue;
    if (seen.has(comparable(line.text))) {
      line.kind = 'removed';
      line.reason = 'duplicated-caption';
      continue;
    }
    const next = after[index + 1];
    const previous = after[index - 1];
    // A picture's description copied twice without a break ("…in BlackpoolRNLI volunteers…"):
    // the caption under it is the same words, perhaps with a credit after a bar.
    const half = doubledHalf(line.text);
    if (half) {
      line.kind = 'removed';
      line.reason = 'duplicated-caption';
      seen.add(comparable(half));
      if (next && !next.kind && comparable(next.text).startsWith(comparable(half))) {
        const credit = next.text
          .slice(half.length)
          .replace(/^\s*[|/–—-]\s*/u, '')
          .trim();
        next.kind = 'caption';
        next.caption = credit ? { text: half, credit } : { text: half };
        seen.add(comparable(next.text));
      }
      continue;
    }
    const glued = parseGluedCredit(line.text);
    let caption: { text: string; credit?: string } | undefined;
    if (IMAGE_CAPTION_PREFIX.test(line.text)) {
      caption = { text: line.text.replace(IMAGE_CAPTION_PREFIX, '') };
    } else if (FILE_PHOTO_PREFIX.test(line.text)) {
      const text = line.text.replace(FILE_PHOTO_PREFIX, '');
      caption = parseGluedCredit(text) ?? { text };
    } else if (glued) {
      caption = glued;
    } else if (CAPTION_WITH_EMPTY_CREDIT.test(line.text) && wordsOf(line.text).length > MAX_LINK_LABEL_WORDS) {
      // A caption copied with the bar before its credit and no credit after it.
      caption = { text: line.text.replace(CAPTION_WITH_EMPTY_CREDIT, '') };
    } else if (next && (next.reason === 'image-credit' || (!next.kind && isCapitalisedName(next.text)))) {
      caption = { text: line.text, credit: next.text.replace(/^(?:©\s*)?(?:picture|photo|photograph|image|credit)s?\s*[:,;]\s*/iu, '') };
      next.kind = 'removed';
      next.reason = 'image-credit';
    } else if (DESCRIBES_A_PICTURE.test(line.text) && wordsOf(line.text).length <= MAX_CAPTION_WORDS) {
      // A sentence that says it describes the picture: "An RCMP cruiser is seen in this undated file photograph."
      caption = { text: line.text };
    } else if (
      previous?.reason === 'picture-description' &&
      !ENDS_LIKE_A_SENTENCE.test(line.text) &&
      wordsOf(line.text).length <= MAX_CAPTION_WORDS
    ) {
      // The caption printed under a picture's description.
      caption = { text: line.text };
    }
    if (caption) {
      line.kind = 'caption';
      line.caption = caption;
      seen.add(comparable(line.text));
      seen.add(comparable(caption.text));
    }
  }
  // The caption's text printed on its own elsewhere (an image's alternative text, say).
  for (const line of after) {
    if (!line.kind && seen.has(comparable(line.text))) {
      line.kind = 'removed';
      line.reason = 'duplicated-caption';
    }
  }
}

const DESCRIBES_A_PICTURE =
  /\b(?:(?:is|are|was|were) (?:seen|pictured|shown)|pictured) in (?:this|these|a|an) (?:(?:undated|recent|handout|file|\d{4})\s+){0,3}(?:photo|photograph|image|picture)s?\b/iu;
const MAX_ALT_TEXT_WORDS = 12;

/** A picture's alternative text, printed straight above its caption: "A paddock of green grass." */
function markAltTexts(after: Line[]): void {
  for (const [index, line] of after.entries()) {
    const above = after[index - 1];
    // Only over a caption that carries its credit (glued on, or in brackets at its end): a short
    // line of the story may stand above a caption inferred from its shape alone.
    const credited = line.caption?.credit !== undefined || /\(\p{Lu}[^()]{1,60}\)$/u.test(line.text);
    if (line.kind === 'caption' && credited && above && !above.kind && isAltText(above.text)) {
      above.kind = 'removed';
      above.reason = 'picture-description';
    }
  }
}

/**
 * What a picture's alternative text looks like when it is copied with the page: a short
 * description of what is seen ("Two grey brahmans amongst a very green paddock."), with no one
 * quoted or reported, as no paragraph of a news story is.
 */
function isAltText(text: string): boolean {
  return (
    wordsOf(text).length <= MAX_ALT_TEXT_WORDS &&
    /^(?:A|An|The|Two|Three|Four|Five|Six|Several|Some|Many|\d+)\s/u.test(text) &&
    // No one quoted or reported, and no verb a paragraph's sentence would tell its news with.
    !/["“”‘’']|\b(?:said|says|told|according|announced|reported|is|are|was|were|has|have|had|will|would|can|could|may|might|must|should)\b|\p{L}ed\b/iu.test(
      text,
    )
  );
}

/** A line printed twice in a row: a short pair is a picture's name and caption. */
function markRepeats(after: Line[]): void {
  let previous: Line | undefined;
  for (const line of after) {
    if (!line.kind && previous && comparable(previous.text) === comparable(line.text)) {
      const pairedCaption = !line.blankBefore || wordsOf(line.text).length <= SHORT_CAPTION_WORDS || !ENDS_LIKE_A_SENTENCE.test(line.text);
      if (previous.kind === undefined && pairedCaption && wordsOf(line.text).length <= MAX_CAPTION_WORDS) {
        previous.kind = 'caption';
        previous.caption = { text: previous.text };
        line.kind = 'removed';
        line.reason = 'duplicated-caption';
      } else if (previous.kind === 'caption') {
        line.kind = 'removed';
        line.reason = 'duplicated-caption';
      } else {
        line.kind = 'removed';
        line.reason = 'repeated-line';
      }
    }
    previous = line;
  }
}

/** Under a standfirst, a long line that is not a sentence is the lead picture's caption. */
function markLeadCaption(after: Line[]): void {
  const standfirstIndex = after.findIndex((line) => line.reason === 'standfirst');
  if (standfirstIndex === -1) return;
  const next = after.slice(standfirstIndex + 1).find((line) => line.kind !== 'removed' || line.reason !== 'standfirst');
  if (next && !next.kind && !ENDS_LIKE_A_SENTENCE.test(next.text) && wordsOf(next.text).length >= STANDFIRST_MIN_WORDS - 2) {
    next.kind = 'caption';
    next.caption = { text: next.text };
  }
}

/** A picture's short description printed straight above its caption, with no blank between. */
function markPictureTexts(after: Line[]): void {
  for (const [index, line] of after.entries()) {
    const next = after[index + 1];
    if (line.kind || !next || next.kind !== 'caption' || next.blankBefore) continue;
    if (!ENDS_LIKE_A_SENTENCE.test(line.text) && wordsOf(line.text).length <= 15) {
      line.kind = 'removed';
      line.reason = 'picture-description';
    }
  }
}

/** A line printed again after it was removed goes for the same reason (a standfirst twice). */
function markRepeatsOfRemoved(after: Line[]): void {
  const removed = new Map<string, RemovalReason>();
  for (const line of after) {
    if (line.kind === 'removed' && line.reason) {
      if (!removed.has(comparable(line.text))) removed.set(comparable(line.text), line.reason);
    } else if (!line.kind) {
      const reason = removed.get(comparable(line.text));
      if (reason) {
        line.kind = 'removed';
        line.reason = reason;
      }
    }
  }
}

/**
 * A reporter's or agency's name signing off a story: two to four capitalised words straight
 * under the last line of the story, with no blank line between ("Press Association").
 */
function markSignOffs(after: Line[]): void {
  for (const [index, line] of after.entries()) {
    const previous = after[index - 1];
    if (line.kind || line.blankBefore || !line.blankAfter || !previous || previous.kind !== undefined) continue;
    if (SIGN_OFF.test(line.text) && ENDS_LIKE_A_SENTENCE.test(previous.text) && wordsOf(previous.text).length >= 8) {
      line.kind = 'removed';
      line.reason = 'byline';
    }
  }
}

/**
 * The standfirst: a long first line under the headline that is not a sentence of the report,
 * either because it has no closing full stop or because the byline or date comes after it.
 */
function markStandfirst(after: Line[]): void {
  const firstIndex = after.findIndex((line) => !line.kind);
  const first = after[firstIndex];
  // A line ending with a colon introduces what follows ("To our valued citizens …:").
  if (!first || wordsOf(first.text).length < STANDFIRST_MIN_WORDS || first.text.endsWith(':')) return;
  const rest = after.slice(firstIndex + 1);
  const nextBody = rest.findIndex((line) => !line.kind);
  if (nextBody === -1) return;
  // A paragraph broken in the middle of its sentence goes on in lower case: not a summary.
  if (/^\p{Ll}/u.test((rest[nextBody] as Line).text)) return;
  const between = rest.slice(0, nextBody);
  const headerFollows = between.some((line) => line.reason === 'byline' || line.reason === 'dateline');
  if (!ENDS_LIKE_A_SENTENCE.test(first.text) || headerFollows || SIGNED_SUMMARY.test(first.text)) {
    first.kind = 'removed';
    first.reason = 'standfirst';
  }
}

/**
 * A summary in bullets straight under the headline (two or more "•" lines before the first
 * paragraph) is the standfirst, appeals to readers among them.
 */
function markBulletStandfirst(after: Line[]): void {
  const start = after.findIndex((line) => !line.kind);
  if (start === -1) return;
  let end = start;
  while (after[end] && !after[end]?.kind && LIST_ITEM.test((after[end] as Line).text)) end++;
  if (end - start < 2) return;
  for (const line of after.slice(start, end)) {
    line.kind = 'removed';
    line.reason = 'standfirst';
  }
}

/**
 * The standfirst printed again as the first paragraph: the first copy goes as the standfirst,
 * the second stays as the article's first paragraph.
 */
function markRepeatedFirstParagraph(after: Line[]): void {
  const firstIndex = after.findIndex((line) => !line.kind);
  const first = after[firstIndex];
  // Straight after it: a standfirst printed twice around other header lines is a standfirst twice.
  const second = after[firstIndex + 1];
  if (!first || !second || second.kind) return;
  if (
    comparable(first.text) === comparable(second.text) &&
    ENDS_LIKE_A_SENTENCE.test(first.text) &&
    wordsOf(first.text).length >= STANDFIRST_MIN_WORDS
  ) {
    first.kind = 'removed';
    first.reason = 'standfirst';
    // The second copy is the paragraph: no later pass may take it for a repeat.
    second.kind = 'body';
  }
}

/** A comment section under the story: its first line and everything after it. */
function markCommentSection(after: Line[]): void {
  const start = after.findIndex(
    (line, index) =>
      line.kind === 'removed' &&
      line.reason === 'comment-prompt' &&
      COMMENT_SECTION_START.test(line.text) &&
      after.slice(0, index).some((earlier) => !earlier.kind || earlier.kind === 'body'),
  );
  if (start === -1) return;
  for (const line of after.slice(start + 1)) {
    if (line.kind === 'removed') continue;
    line.kind = 'removed';
    line.reason = 'comment-prompt';
    delete line.caption;
  }
}

/** The author's name on a line of its own (a portrait's label), when a byline names them. */
function markAuthorNames(after: Line[]): void {
  const names = new Set(
    after.flatMap((line) => (line.reason === 'byline' ? [cleanByline(line.text)] : [])).flatMap((name) => (name ? [comparable(name)] : [])),
  );
  if (names.size === 0) return;
  for (const line of after) {
    if (!line.kind && names.has(comparable(line.text))) {
      line.kind = 'removed';
      line.reason = 'byline';
    }
  }
}

/**
 * A long line between paragraphs that does not end like a sentence is a picture's caption: a
 * report's paragraphs end with a full stop, a question or a quote; a crosshead is short.
 */
function markLoneCaptions(after: Line[]): void {
  const bodyIndexes = after.flatMap((line, index) => (line.kind ? [] : [index]));
  const firstBody = bodyIndexes[0] ?? -1;
  const lastBody = bodyIndexes.at(-1) ?? -1;
  for (const index of bodyIndexes) {
    const line = after[index] as Line;
    if (index === firstBody || index === lastBody) continue;
    const words = wordsOf(line.text).length;
    if (words < MIN_LONE_CAPTION_WORDS || words > MAX_CAPTION_WORDS) continue;
    if (ENDS_LIKE_A_SENTENCE.test(line.text) || /[:;,–—-]$/u.test(line.text) || !/^[\p{Lu}\p{Nd}]/u.test(line.text)) continue;
    // A labelled line ("Springfield: J. Smith, A. Jones…", "Survivors: …") is the article's data.
    if (isLabelledData(line.text)) continue;
    // A sentence cut off by the copy ends on a little word; a caption ends on a name or a noun.
    if (CUT_OFF_ENDING.test(line.text)) continue;
    // A paragraph of several sentences that lost its last full stop is the article's, unless a
    // picture's credit stands beside it.
    if (isProse(line.text) && hasInnerSentence(line.text) && !besideCredit(after, index)) continue;
    line.kind = 'caption';
    line.caption = { text: line.text };
  }
}

// A picture's credit in words: "Photo submitted by Rachel Anselmo", "File photo", "Courtesy of…".
const CREDIT_HINT =
  /\b(?:photos?|pictures?|images?|videos?)\b[^.!?]{0,20}\b(?:by|courtesy|credit|submitted|provided|supplied)\b|^(?:courtesy|file photo|photo|credit)\b/iu;

/** The line before or after is a picture's credit. */
function besideCredit(after: readonly Line[], index: number): boolean {
  return [after[index - 1], after[index + 1]].some(
    (line) => line !== undefined && (line.reason === 'image-credit' || (wordsOf(line.text).length <= 12 && CREDIT_HINT.test(line.text))),
  );
}

/**
 * The last paragraph cut off by the copy (a stored excerpt ends mid-sentence): running text in
 * sentence case straight under the last sentence, that is the page's last line or ends on a
 * little word (before a paywall's prompt, say), with none of furniture's words. The prose run goes on into it.
 */
function isCutOffLastParagraph(after: readonly Line[], index: number, lastProse: number): boolean {
  const line = after[index] as Line;
  if (index !== lastProse + 1 || ENDS_LIKE_A_SENTENCE.test(line.text)) return false;
  if (index !== after.length - 1 && !CUT_OFF_ENDING.test(line.text)) return false;
  const features = featuresOf(line.text);
  const long = features.words >= CUT_OFF_LONG_WORDS;
  return (
    features.words >= 6 &&
    // A long line of a report full of names ("New York Gov. Andrew Cuomo told…") has fewer little
    // words and fewer words in lower case.
    features.lowerShare >= (long ? 0.4 : 0.5) &&
    features.functionShare >= (long ? 0.1 : 0.15) &&
    !isLinkLabel(line.text) &&
    !isAppeal(line.text) &&
    // In a long line of running text, furniture's nouns ("free classes", "the video") are the
    // report's words; talking to the reader is still the page's.
    !(features.words >= CUT_OFF_RUNNING_WORDS ? addressesReader(line.text) : hasFurnitureSignal(line.text))
  );
}

const CUT_OFF_RUNNING_WORDS = 15;

const CUT_OFF_LONG_WORDS = 12;

/** A line that may end an article: a short sentence ("He was 72."), not a label. */
function isShortSentence(text: string): boolean {
  const features = featuresOf(text);
  return features.endsLikeSentence && features.words >= 3 && features.lowerShare >= 0.3;
}

const MAX_CROSSHEAD_WORDS = 8;
const MIN_CROSSHEADS = 3;

/**
 * A crosshead: a short title (not a sentence, a name or a link) with a paragraph of prose straight
 * under it and none of furniture's words.
 */
function isCrosshead(after: readonly Line[], index: number): boolean {
  const line = after[index] as Line;
  const next = after[index + 1];
  const words = wordsOf(line.text).length;
  return (
    line.kind === undefined &&
    words >= 2 &&
    words <= MAX_CROSSHEAD_WORDS &&
    /^[\p{Lu}‘'“"]/u.test(line.text) &&
    !/[.!?:;,|]$/u.test(line.text) &&
    !isLinkLabel(line.text) &&
    !hasFurnitureSignal(line.text) &&
    next !== undefined &&
    (next.kind === undefined || next.kind === 'body') &&
    isProse(next.text)
  );
}

const MAX_HEADER_LABEL_WORDS = 5;

/** A label: a few words, mostly capitalised, not a sentence ("Local News", "Skip To Main Content"). A crosshead is in sentence case. */
function isHeaderLabel(text: string): boolean {
  const features = featuresOf(text);
  return features.words <= MAX_HEADER_LABEL_WORDS && !isShortSentence(text) && features.lowerShare < 0.5;
}
// A box of other stories opens with its heading alone: "Most Read", "Related Articles", "More from News".
const MAX_BOX_HEADING_WORDS = 5;
const MAX_BOX_ITEMS = 20;
const MAX_STORY_TITLE_WORDS = 20;

/**
 * A box of other stories: under its heading ("Most Read", "Related", "Trending Now"), the titles
 * of other stories and their ranks ("1", "2"), up to the next sentence of prose. A title straight
 * above a paragraph is the article's crosshead, and ends the box.
 */
function markStoryBoxes(after: Line[]): void {
  for (const [index, heading] of after.entries()) {
    if (TAG_HEADING.test(heading.text) && heading.kind === 'removed') {
      markTags(after, index);
      continue;
    }
    if (heading.reason !== 'related-link' || /:\s*\S/u.test(heading.text) || wordsOf(heading.text).length > MAX_BOX_HEADING_WORDS) continue;
    let items = 0;
    for (let next = index + 1; next < after.length && items < MAX_BOX_ITEMS; next++) {
      const line = after[next] as Line;
      if (line.kind === 'removed') continue;
      if (line.kind) break;
      const rank = /^\d{1,2}\.?$/u.test(line.text);
      const title = wordsOf(line.text).length <= MAX_STORY_TITLE_WORDS && !isProse(line.text) && !/[.:;,]$/u.test(line.text);
      if (!rank && !title) break;
      const below = after[next + 1];
      if (!rank && below !== undefined && !below.kind && isProse(below.text)) break;
      line.kind = 'removed';
      line.reason = 'related-link';
      items++;
    }
  }
}

// A list of the story's tags opens with its heading alone: "Topics", "Tags:", "More on".
const TAG_HEADING =
  /^(?:topics?|tags?|tagged|related topics|more on|more about|categories|filed under|keywords|in this (?:story|article))\s*:?$/iu;
const MAX_TAG_WORDS = 4;

/** The tags under a tag list's heading: short names, none a sentence, up to a line that is not one. */
function markTags(after: Line[], index: number): void {
  for (const line of after.slice(index + 1, index + 1 + MAX_BOX_ITEMS)) {
    if (line.kind === 'removed') continue;
    if (line.kind || wordsOf(line.text).length > MAX_TAG_WORDS || /[.!?:;]$/u.test(line.text) || isProse(line.text)) break;
    line.kind = 'removed';
    line.reason = 'navigation';
  }
}

// Where a biography says the writer works: "… a reporter for the Gazette", "… covering education".
const BIO_WORKPLACE = /\b(?:for|at|with)\s+(?:the\s+)?\p{Lu}|\b(?:covering|who covers|based in)\b/u;

/**
 * The author's biography closing the page ("Jane Doe is a reporter for the Gazette covering
 * education."): the last line of the page, a name then the writer's role and where they work.
 */
function markAuthorBio(after: Line[]): void {
  const open = after.filter((line) => !line.kind);
  const last = open.at(-1);
  if (!last || open.length < 3 || after.at(-1) !== last) return;
  // A report's last sentence about a journalist attributes what it says, or quotes someone.
  const reported = /\b(?:said|says|told|according to)\b|["“”]/u.test(last.text);
  if (AUTHOR_BIO.test(last.text) && BIO_WORKPLACE.test(last.text) && !reported && wordsOf(last.text).length <= 70) {
    last.kind = 'removed';
    last.reason = 'byline';
  }
}

// An event's time: "8 a.m.", "5:30 p.m.", "10am", "Noon", "5 – 7 p.m."; or its day: "June 3".
const EVENT_TIME =
  /(?:^|[\s(:–—-])(?:\d{1,2}(?:[:.]\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b|noon\b|midnight\b)|\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?\b/iu;
// A day's heading in a schedule: "Thursday", "Saturday, June 3", "Day 2".
const DAY_HEADING =
  /^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:,?\s+\p{L}+\.?\s+\d{1,2}(?:st|nd|rd|th)?)?|day \d{1,2}|today|tonight|tomorrow)\s*:?$/iu;
const MAX_SCHEDULE_ITEM_WORDS = 12;
const MIN_SCHEDULE_ITEMS = 3;

/** An item of a schedule printed in the story: a short event with its time ("Cat Show: 3 p.m."), not a sentence. */
function isScheduleItem(text: string): boolean {
  const words = wordsOf(text).length;
  return words <= MAX_SCHEDULE_ITEM_WORDS && EVENT_TIME.test(text) && !isProse(text) && !isLinkLabel(text) && !hasFurnitureSignal(text);
}

/**
 * A schedule or list of events printed in the story (a programme, a week's timetable): a run of
 * short lines that each give an event's time or a day, perhaps under a heading, straight under a
 * paragraph of the article. Its lines are not sentences, so the prose region would take them for
 * the page's footer (under the last paragraph) or for a list of links (between paragraphs); they
 * carry the article's facts. Three timed items at least, with nothing taken out between them.
 */
function markSchedules(after: Line[]): void {
  const firstProse = after.findIndex((line) => !line.kind && isProse(line.text));
  if (firstProse === -1) return;
  let index = firstProse + 1;
  while (index < after.length) {
    const start = index;
    let end = start;
    let items = 0;
    while (end < after.length) {
      const line = after[end] as Line;
      if (line.kind) break;
      if (isScheduleItem(line.text)) items++;
      else if (!DAY_HEADING.test(line.text)) break;
      end++;
    }
    if (items >= MIN_SCHEDULE_ITEMS) {
      const run = after.slice(start, end);
      // The schedule's own heading ("Fair and Rodeo events this week") may stand above it, under the paragraph.
      const heading = after[start - 1];
      const aboveHeading = after[start - 2];
      if (
        heading &&
        !heading.kind &&
        !isProse(heading.text) &&
        wordsOf(heading.text).length <= MAX_CROSSHEAD_WORDS + 2 &&
        /^[\p{Lu}\p{Nd}]/u.test(heading.text) &&
        !isLinkLabel(heading.text) &&
        !hasFurnitureSignal(heading.text) &&
        aboveHeading !== undefined &&
        (aboveHeading.kind === undefined || aboveHeading.kind === 'body')
      )
        run.unshift(heading);
      const before = after[start - (run.length > end - start ? 2 : 1)];
      if (before !== undefined && (before.kind === undefined || before.kind === 'body')) for (const line of run) line.kind = 'body';
      index = end + 1;
    } else {
      index = Math.max(end, start) + 1;
    }
  }
}

const MAX_LIST_ITEM_WORDS = 12;
const MIN_LIST_RUN = 3;

/**
 * The article is the region of running prose. Between the headline and its first sentence, a
 * short line that is not a sentence is the page's (a name, a label, a link); under its last
 * sentence, every line that is not one is the page's footer; between its sentences, a run of
 * three or more short lines that are not sentences is a list of links or a menu (a crosshead
 * stands alone), and a line shaped as a link's label is navigation.
 */
function markByProseRegion(after: Line[]): void {
  const open = after.flatMap((line, index) => (line.kind === undefined || line.kind === 'body' ? [index] : []));
  const prose = open.filter((index) => isProse((after[index] as Line).text));
  const first = prose[0];
  const last = prose.at(-1);
  if (first === undefined || last === undefined) return;
  const remove = (line: Line, reason: RemovalReason): void => {
    line.kind = 'removed';
    line.reason = reason;
    delete line.caption;
  };
  // An article set out in sections (three or more crossheads between its paragraphs) may open
  // with one straight above its first sentence ("The Storm’s Onset"): that line is the article's,
  // not the page's header. Its crossheads are the article's too, whatever the line model says.
  const crossheads = open.filter((index) => index > first && index < last && isCrosshead(after, index));
  const sectioned = crossheads.length >= MIN_CROSSHEADS;
  if (sectioned) for (const index of crossheads) (after[index] as Line).kind = 'body';
  for (const index of open) {
    const line = after[index] as Line;
    if (line.kind === 'body') continue;
    const text = line.text;
    if (index < first) {
      if (/[:,]$/u.test(text)) continue;
      if (sectioned && index === first - 1 && isCrosshead(after, index) && !isPersonName(text)) {
        line.kind = 'body';
        continue;
      }
      if (isPersonName(text)) remove(line, 'byline');
      else if (isLinkLabel(text)) remove(line, 'navigation');
      else if (isHeaderLabel(text)) remove(line, 'page-header');
    } else if (index > last) {
      if (isCutOffLastParagraph(after, index, last)) line.kind = 'body';
      else if (!isShortSentence(text)) remove(line, 'page-footer');
    } else if (isLinkLabel(text)) {
      remove(line, 'navigation');
    }
  }
  // Runs of short lines that are not sentences, between the first and the last sentence.
  let run: Line[] = [];
  const flush = (): void => {
    // Items that carry figures or a label and its data (scores, results, times, "Born: 1942") are
    // the article's list; a list of links is titles.
    const data = run.filter((line) => (/\p{Nd}/u.test(line.text) && !hasFurnitureSignal(line.text)) || isLabelledData(line.text)).length;
    if (run.length >= MIN_LIST_RUN && data * 2 < run.length) for (const line of run) remove(line, 'link-list');
    run = [];
  };
  for (const line of after.slice(first, last + 1)) {
    if (line.kind === 'removed') continue;
    const listItem =
      line.kind === undefined && wordsOf(line.text).length <= MAX_LIST_ITEM_WORDS && !isProse(line.text) && !isShortSentence(line.text);
    if (listItem) run.push(line);
    else flush();
  }
  flush();
}

/**
 * The learned line model (features.ts, trained by scripts/train-cleanup.ts) judges each line the
 * rules left in the body; a line it finds unlike the article goes with the reason of the family
 * it is nearest to.
 */
function markByLineModel(lines: Line[], model: LineModel): void {
  const inputs = lines.map((line) => ({
    text: line.text,
    removed: line.kind !== undefined && line.kind !== 'body',
    blankBefore: line.blankBefore,
    article: line.kind === 'body',
  }));
  const prose = lines.flatMap((line, index) => (inputs[index]?.removed === false && isProse(line.text) ? [index] : []));
  const first = prose[0];
  const last = prose.at(-1);
  // Without a sentence of prose there is nothing to measure the lines against.
  if (first === undefined || last === undefined) return;
  const probabilities = articleProbabilities(model, lineFeatures(inputs));
  for (const [index, line] of lines.entries()) {
    if (line.kind !== undefined || (probabilities[index] ?? 1) >= model.threshold) continue;
    // A short sentence closing the article ("He was 72.") stays, as markByProseRegion keeps it.
    if (index > last && isShortSentence(line.text)) continue;
    line.kind = 'removed';
    line.reason = modelReason(line.text, index < first ? 'above' : index > last ? 'below' : 'within');
  }
}
