// The named reason for a line the learned model took out: the family of furniture it is nearest
// to, by the words it uses, else by where it stands (above the article, under it, or between
// its paragraphs).
import { isPersonName } from './prose.ts';
import type { RemovalReason } from './reasons.ts';

const FAMILIES: ReadonlyArray<[RemovalReason, RegExp]> = [
  ['app-prompt', /\b(?:apps?|download|app store|google play)\b/iu],
  ['newsletter-prompt', /\b(?:newsletters?|inbox|(?:news|email|breaking news) alerts?|sign up)\b/iu],
  ['subscription-prompt', /\b(?:subscribe|subscription|subscribers?|donate|donations?|support (?:us|our)|log ?in|sign ?in|register)\b/iu],
  ['share-prompt', /\b(?:share|shares|tweet)\b/iu],
  ['comment-prompt', /\bcomments?\b/iu],
  ['social-follow', /\b(?:follow us|facebook|twitter|instagram|tiktok|youtube)\b/iu],
  ['advertisement', /\b(?:advert(?:isement)?s?|sponsored|sponsor)\b/iu],
  ['site-notice', /\b(?:archived|cookies?|outdated|time stamp|javascript|browser)\b/iu],
  ['image-credit', /\b(?:photo(?:graph)?|picture|image)\s*(?:credit|courtesy|by)\b|\/(?:getty|ap|reuters|afp)\b/iu],
  ['picture-description', /\b(?:logo|icon|screenshot)\b/iu],
  ['related-link', /^(?:\p{Lu}{2,}[\p{Lu} ]*:|read|watch|see|look|listen|more)\b|\b(?:gallery|photos|videos?|podcasts?)\b/iu],
  ['copyright', /©|\bcopyright\b|\ball rights reserved\b/iu],
];

export function modelReason(text: string, where: 'above' | 'within' | 'below'): RemovalReason {
  for (const [reason, pattern] of FAMILIES) if (pattern.test(text)) return reason;
  if (isPersonName(text)) return 'byline';
  if (where === 'above') return 'page-header';
  if (where === 'below') return 'page-footer';
  return 'picture-description';
}
