export interface BoilerplateContext {
  /** The line recognised as the photo caption, if one has been seen. */
  captionLine?: string;
  /** The closest non-blank line above this one (trimmed). */
  previousLine?: string;
}

export interface BoilerplateRule {
  name: string;
  description: string;
  /** Called with one whole, trimmed, non-blank line. */
  matches(line: string, context: BoilerplateContext): boolean;
}

// Every pattern is anchored to the whole line (or to its start together with a specific
// phrase), so a report sentence that merely mentions an app or a newsletter is kept.
function wholeLine(name: string, description: string, ...patterns: RegExp[]): BoilerplateRule {
  return { name, description, matches: (line) => patterns.some((pattern) => pattern.test(line)) };
}

const BULLET = String.raw`[•·▪‣∙*-]\s*`;

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = [
  {
    name: 'duplicated-caption',
    description: 'The photo caption printed again straight after itself.',
    matches: (line, { captionLine, previousLine }) =>
      captionLine !== undefined && line === captionLine && previousLine === captionLine,
  },
  wholeLine(
    'share-buttons',
    'A social sharing widget label such as "Share this article".',
    /^share (?:this|the) (?:article|story|page)$/iu,
  ),
  wholeLine(
    'comments-prompt',
    'An invitation to comment such as "Have your say".',
    /^(?:have your say|join the (?:conversation|debate)|leave a comment)$/iu,
  ),
  wholeLine(
    'newsletter-advert',
    'A line starting "Subscribe to our" that advertises a newsletter.',
    /^subscribe to our\b.*\bnewsletters?\b/iu,
  ),
  wholeLine(
    'social-follow',
    'A bulleted line asking readers to follow the publication on social networks.',
    new RegExp(String.raw`^${BULLET}(?:you can )?(?:also )?follow us on\b`, 'iu'),
  ),
  wholeLine(
    'app-advert',
    'A bulleted line offering the publication\'s apps for download, or a "Keep up to date with ... app ... free to download" promotion.',
    new RegExp(String.raw`^${BULLET}download (?:your|our|the)\b.*\bapps?\b`, 'iu'),
    /^keep up to date with\b.*\bapps?\b.*\bfree to download\b/iu,
  ),
];

/** The first rule that matches the line, if any. */
export function findBoilerplateRule(line: string, context: BoilerplateContext): BoilerplateRule | undefined {
  return BOILERPLATE_RULES.find((rule) => rule.matches(line, context));
}
