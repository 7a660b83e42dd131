/**
 * Why the clean-up took a line out of the article body. A closed list: every removed line
 * carries exactly one of these, and each has a sentence a teacher can read.
 */
export const REMOVAL_REASONS = {
  navigation: 'A menu, section or breadcrumb label of the website.',
  widget: 'A website widget such as the weather, a clock or an update schedule.',
  'site-notice': 'A notice from the website itself: cookies, errors, "skip to content".',
  'share-prompt': 'A button or prompt to share the page.',
  'comment-prompt': 'An invitation to comment, or a comment count.',
  'newsletter-prompt': 'An invitation to sign up for a newsletter.',
  'app-prompt': "An advert for the publication's apps.",
  'subscription-prompt': 'A prompt to subscribe, log in or support the publication.',
  'social-follow': 'An invitation to follow the publication on social networks.',
  advertisement: 'An advertisement placeholder.',
  promotion: "An advert for the publication's own videos, channels or other titles.",
  'related-link': 'A link to another story ("Read more", "Related").',
  'image-credit': 'The credit of a picture (photographer or agency).',
  'picture-description': "A picture's description (its alternative text) printed with its credit.",
  'duplicated-caption': 'A picture caption printed again.',
  'repeated-headline': 'The headline printed again.',
  'repeated-line': 'A line printed again straight after itself.',
  copyright: 'A copyright line.',
  byline: "The author's name, role or biography.",
  dateline: 'The date or time of publication or of an update.',
  'publication-name': "The publication's name.",
  standfirst: 'The summary printed under the headline, before the article.',
  'before-headline': 'A line above the headline that is not part of the article.',
  'page-header': 'A short line between the headline and the article that is not a sentence (a label, a name, a link).',
  'page-footer': 'A line under the end of the article that is not a sentence (links, labels, the site’s footer).',
  'contact-prompt': 'A way to reach the newsroom or the press office: a tip line, a correction form, a media contact.',
  'editor-note': "An editor's note about the text: a transcript follows, the story was updated, its source or journal reference.",
  separator: 'A line of symbols between parts of the page ("###", "* * *").',
  gallery: 'A picture gallery’s counter or button ("1 of 12", "View gallery").',
  'link-list': 'A run of short lines that are not sentences: a list of links or a menu printed in the article.',
} as const satisfies Record<string, string>;

export type RemovalReason = keyof typeof REMOVAL_REASONS;

export const REMOVAL_REASON_NAMES = Object.keys(REMOVAL_REASONS) as RemovalReason[];

export function isRemovalReason(value: string): value is RemovalReason {
  return Object.hasOwn(REMOVAL_REASONS, value);
}
