import type { RemovalReason } from './reasons.ts';

// Rules that judge one line on its own. Each pattern is anchored to the whole line, or to its
// start together with a phrase only page furniture uses, so that a sentence of the report that
// mentions an app, a newsletter or sharing is kept (an article's sentences end with a full stop;
// most furniture does not).

/**
 * A video's or gallery's link in the story: "WATCH: Firefighters battle blaze on Main Street". Only
 * under the headline: a TV station's headline may start the same way.
 */
export const MEDIA_LINK =
  /^\(?(?:(?:related|more|latest)\s+)?(?:watch|videos?|listen|photos|gallery|podcast)(?:\s+(?:above|below|here))?\s*:\s*\S[^.!?]{0,100}\)?$/iu;

/** A line that introduces a list: it ends with a colon after a verb or a little word ("… include:"). */
export const LIST_INTRODUCTION =
  /\s(?:include|includes|included|are|were|is|was|be|as follows|following|these|this|follow|follows|lists?|below|here|such as|like|to)\s*:$/iu;

export interface LineRule {
  reason: RemovalReason;
  matches(line: string): boolean;
}

const BULLET = String.raw`(?:[•·▪‣∙*]\s*)`;
const ENDS_LIKE_A_SENTENCE = /[.!?…]["”’')\]]*$/u;
const MONTH = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const WEEKDAY = String.raw`(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?`;
const DAY = String.raw`\d{1,2}(?:st|nd|rd|th)?`;
const TIME = String.raw`\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*[A-Z]{2,4})?`;
const DATE = String.raw`(?:${WEEKDAY},?\s+)?(?:${DAY},?\s+${MONTH},?\s+\d{4}|${MONTH}\s+${DAY},?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{2,4})`;

// A writer's role: the role itself and what may stand before it ("Senior Staff Writer").
const ROLE = String.raw`(?:co-)?(?:editor(?:-in-chief)?|editors|writer|writers|reporter|reporters|correspondent|columnist|contributor|photographer|photojournalist|journalist|producer|intern|videographer|anchor|publisher|blogger)`;
// What may stand before a role on its line: its beat, rank or desk ("Senior Staff Writer",
// "Environment correspondent", "Foreign affairs editor"), never a word a sentence or a title
// would need ("Meet the new editor", "I am a writer").
const ROLE_MODIFIER = String.raw`(?!(?:the|a|an|my|our|your|his|her|their|its|this|that|these|those|to|is|are|was|were|be|am|i|we|you|he|she|they|it|meet|from|with|for|of|by)\s)[\p{L}&'’-]+`;

// The links a website's footer prints: one or several in a line make a footer's line.
const FOOTER_LINK = String.raw`(?:about(?: us)?|contact(?: us)?(?: today)?|privacy(?: policy| notice| statement)?|terms(?: (?:of (?:use|service|sale)|and conditions|& conditions))?|cookie policy|careers|jobs with us|work (?:with|for) us|advertise(?: with us)?|accessibility(?: statement)?|site ?map|help(?: center| centre)?|faqs?|rss(?: feeds?)?|newsletters|corrections|ethics(?: policy)?|code of (?:conduct|ethics)|editorial (?:standards|policy|guidelines)|masthead|our team|staff directory|subscriptions?|e-?edition|archives|events|obituaries|classifieds|contests|(?:fcc )?public (?:file|inspection file)|fcc applications|eeo(?: report)?|closed captioning|licensing|reprints?(?: & permissions)?|permissions|feedback|legal(?: notice)?|disclaimer|imprint|manage subscription|customer service|home ?page|back to top|all rights reserved|print edition|(?:read the )?digital edition|letters to the editor|submit (?:a letter|an obituary|a letter to the editor|news|an event)|place an? (?:ad|obituary|classified ad)|live blog)`;

// Section and menu labels. A line made only of these words is navigation.
const NAVIGATION_WORDS = new Set(
  `news world uk us u.s. politics business sport sports opinion opinions lifestyle culture photography
  photos pictures video videos home menu search weather health science tech technology travel
  entertainment local national international europe asia africa americas australia middle east latest
  live analysis features feature money economy markets education environment climate arts books music
  film tv radio podcasts podcast more edition sections topics tags close back next previous key posts
  popular trending top stories breaking in brief explore watch listen voices letters editorials
  shopping deals premium royal family regions region scotland wales ireland england northern
  obituaries crime courts motoring property jobs puzzles crossword sudoku games rugby football soccer cricket golf
  tennis hockey basketball baseball athletics boxing fixtures results standings scores transfers obits`.split(/\s+/u),
);

// A biography: a name, then "is a/an/the … reporter/editor…" (or "covers …", "writes about …").
export const AUTHOR_BIO = new RegExp(
  String.raw`^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}\s+(?:is|has been|was)\s+(?:a|an|the|our)\s+(?:[\p{L}-]+\s+){0,4}?(?:${ROLE})\b|^\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}\s+(?:covers|writes about|reports on)\b`,
  'u',
);
/** An e-mail address, wherever a line gives one. */
export const EMAIL = String.raw`[\w.+-]+@[\w-]+\.[\w.]+`;
// A way to reach the writer: an e-mail address, a handle, "Contact her at", "Follow him on".
const CONTACT = new RegExp(
  String.raw`${EMAIL}|(?:^|\s)@\w{2,}|\b(?:contact|reach|email|e-mail|follow|message)\s+(?:him|her|them|the author|the writer)\b`,
  'iu',
);

function wordsOf(line: string): string[] {
  return line.split(/\s+/u).filter((word) => word !== '');
}

function isNavigationLabel(line: string): boolean {
  const words = wordsOf(line.toLowerCase().replace(/[|•·›»>/&,:]+/gu, ' '));
  return words.length > 0 && words.length <= 8 && words.every((word) => NAVIGATION_WORDS.has(word));
}

/** "Anorak News | Police Lite", "Home › World › Asia": short pieces between separators. */
function isBreadcrumb(line: string): boolean {
  const pieces = line.split(/\s+[|›»>•·]\s+/u);
  if (pieces.length < 2) return false;
  if (pieces.every((piece) => wordsOf(piece).length <= 6 && !ENDS_LIKE_A_SENTENCE.test(piece.trim()))) return true;
  // A trail that ends with the page's own title, however long: "Home > Club Rugby > Eight club and
  // college champions found on dramatic afternoon of rugby". Arrows only: "Title | Site" is a title.
  const steps = line.split(/\s+[›»>]\s+/u);
  const trail = steps.slice(0, -1);
  return (
    (steps.length >= 3 || /^home$/iu.test(steps[0]?.trim() ?? '')) &&
    trail.length > 0 &&
    trail.every((step) => wordsOf(step).length <= 4 && !ENDS_LIKE_A_SENTENCE.test(step.trim()))
  );
}

function rule(reason: RemovalReason, ...patterns: RegExp[]): LineRule {
  return { reason, matches: (line) => patterns.some((pattern) => pattern.test(line)) };
}

/** Matches only when the line does not read as a sentence (no closing full stop). */
function unpunctuated(reason: RemovalReason, ...patterns: RegExp[]): LineRule {
  return { reason, matches: (line) => !ENDS_LIKE_A_SENTENCE.test(line) && patterns.some((pattern) => pattern.test(line)) };
}

function short(maxWords: number, inner: LineRule): LineRule {
  return { reason: inner.reason, matches: (line) => wordsOf(line).length <= maxWords && inner.matches(line) };
}

export const LINE_RULES: readonly LineRule[] = [
  rule(
    'site-notice',
    /^skip to (?:main )?(?:content|navigation)$/iu,
    /^jump to (?:main )?content$/iu,
    /^(?:we[’']re|we are) sorry,? this (?:feature|content|page) is (?:currently )?unavailable\b/iu,
    /^(?:settings\s+)?accept(?: all)?(?: cookies)?$/iu,
    /^(?:(?:video )?loading|loading\.\.\.|loading…|scroll to top|back to top|not now|yes please)$/iu,
    /^this site uses akismet\b/iu,
    // A blog's archive label: "Showing posts with label Neighborhood News. Show all posts"
    /^showing posts (?:with label|from|for)\b.{0,80}$/iu,
    /^notifications can be managed in browser preferences\.?$/iu,
    // "This is an archived article and the information in the article may be outdated. Please look …"
    /^this (?:is an? )?archived (?:article|story|page|post|item)\b[^!?]{0,200}$/iu,
    /^stay up to date with notifications from\b/iu,
    /^you have \d+ free (?:articles?|stories) (?:left|remaining)\b/iu,
    // "The BBC is not responsible for the content of external sites."
    /^(?:the\s+)?[\p{L}\s.&'’-]{1,40} (?:is|are) not responsible for the content of external (?:sites|websites|links|internet sites)\.?$/iu,
  ),
  // A line of symbols between parts of the page: "###" (a press release's end), "* * *", "———".
  rule('separator', /^[\p{P}\p{S}\s]{1,40}$/u),
  // A press release's or a science story's source notes: "Journal Reference:", "DOI: 10.1038/…",
  // "Story Source:", "Materials provided by …. Note: Content may be edited for style and length."
  rule(
    'editor-note',
    /^(?:journal )?references?\s*:?$|^story source\s*:?$|^doi\s*:\s*10\.\S+$|^(?:https?:\/\/)?(?:dx\.)?doi\.org\/10\.\S+$/iu,
    /^materials? (?:provided|supplied) by\b[^!?]{0,200}$/iu,
    /^note\s*:\s*content may be edited\b[^!?]{0,60}$/iu,
  ),
  // A cookie or consent banner talks to the reader about the site's cookies ("We use cookies to
  // improve your experience…", "To enjoy this content please ACCEPT cookies."), or is a short
  // label or button ("Cookie settings"). A report's sentence about cookies does neither.
  short(35, {
    reason: 'site-notice',
    matches: (line) =>
      (/\bcookies?\b/iu.test(line) &&
        (wordsOf(line).length <= 4 || /\b(?:you|your|we|we[’']re|our|us|please|this (?:web)?site)\b/iu.test(line))) ||
      /^by (?:using|continuing to (?:use|browse)) (?:our|this) (?:web)?site\b/iu.test(line),
  }),
  // A consent banner's buttons and the privacy links every site's footer carries.
  rule(
    'site-notice',
    /^(?:manage (?:preferences|cookies|settings|consent|choices|my choices)|reject (?:all|cookies|all cookies)|accept (?:and close|and continue|all and close)|i (?:agree|accept|do not agree)|agree and (?:close|continue)|got it|(?:cookie|privacy|consent) (?:preferences|choices|settings)|do not sell(?: or share)? my personal information|your privacy choices|privacy (?:preferences|choices))!?$/iu,
    /^this (?:article|story|post) is (?:more than|over) (?:a|an|\d+) (?:years?|months?) old\.?$/iu,
    /^(?:javascript is (?:disabled|required)|please enable javascript)\b[^!?]{0,100}$/iu,
    // A blog platform's footer: "Blog at WordPress.com.", "Proudly powered by WordPress", "Theme: Twenty Twenty by …"
    /^our standards\s*:[^!?]{0,80}$/iu,
    /^(?:(?:blog|website|site) at [\w-]+\.(?:com|org|net)|(?:proudly )?powered by(?: [\p{L}\d .-]{2,30})?|theme:? [^.!?]{2,50} by [^.!?]{2,40}|create a (?:free )?website or blog at [\w-]+\.(?:com|org))\.?$/iu,
  ),
  // The article read aloud: "Listen to this article", "Listen to this article 4 min", "Play audio".
  rule(
    'widget',
    /^(?:listen to (?:this|the) (?:article|story)|listen now|play audio|audio|read (?:it )?(?:to me|aloud)|hear this (?:article|story)|text to speech)(?:\s*[:·|(–-]?\s*\d{1,2}(?::\d{2})?\s*(?:min(?:ute)?s?|m)?\)?)?$/iu,
    /^(?:text|font) size$|^(?:decrease|increase) (?:text|font) size$/iu,
    // A video player's own text, copied with the page: "Video Player is loading.", "This is a modal window."
    /^(?:video player is loading|this is a modal window|beginning of dialog window|end of dialog window|close modal dialog|no compatible source was found for this media|the media could not be loaded)\b[^!?]{0,120}$/iu,
    // A player that failed, in the words players print: "We apologize, but this video has failed to
    // load.", "Try refreshing your browser, or tap here to see other videos from our team."
    /^(?:we(?:'re| are)? (?:apologi[sz]e|sorry),? but )?(?:this|the) (?:video|audio|media|player) (?:has failed to load|failed to load|could not be (?:loaded|played)|is (?:currently )?(?:unavailable|not available))[.!]?$/iu,
    /^(?:your browser does not support (?:the )?(?:video|audio)(?: tag| element| player)?|(?:tap|click) here to see other videos from our team|try refreshing your browser\b)[^!?]{0,160}$/iu,
    /^(?:now playing|autoplay|auto-play|play|pause|mute|unmute|replay|play video|watch video|playback rate|chapters|captions|subtitles|picture-in-picture|(?:current|remaining) time\s*-?[\d:]*|duration\s*[\d:]*|loaded\s*:?\s*\d+(?:\.\d+)?%|stream type live|seek to live, currently (?:behind|playing) live)$/iu,
  ),
  // A gallery's counter and buttons: "1 of 12", "Photo 3 of 12", "View gallery", "View all 12 photos".
  rule(
    'gallery',
    /^(?:(?:photo|image|picture|slide|item)s?\s+)?\d{1,3}\s*(?:of|\/)\s*\d{1,3}$/iu,
    /^(?:view|open|see|launch|browse|enter|expand) (?:the )?(?:photo |image |picture )?(?:gallery|slideshow)(?:\s*\(\d{1,3}\))?$/iu,
    /^(?:view|see|browse) (?:all )?(?:\d{1,3} )?(?:more )?(?:photos|images|pictures)(?:\s*\(\d{1,3}\))?$/iu,
    /^(?:\d{1,3} )?(?:photos|images|pictures)$|^(?:gallery|slideshow|photo gallery)(?:\s*\(\d{1,3}\))?$/iu,
    /^(?:enlarge this image|expand image|full ?screen|next (?:image|photo|slide)|previous (?:image|photo|slide))$/iu,
    // A picture's buttons: "Show Caption", "Click to enlarge", "Open Image Modal"
    /^(?:(?:show|hide|toggle) caption|(?:click|tap) to (?:enlarge|expand|zoom)|enlarge|expand|zoom(?: in| out)?|open image modal|view (?:full|larger) image|image \d{1,3}\s*\/\s*\d{1,3}|\d{1,3}\s*\/\s*\d{1,3})$/iu,
  ),
  // The newsroom's invitation to send a tip, a story or a correction: "Have a news tip? Email us
  // at …", "Got a story? Get in touch", "Report a correction". A police appeal in a report asks for
  // the police, not "us".
  short(
    30,
    rule(
      'contact-prompt',
      /^(?:have|got) (?:a|an) (?:news )?(?:tip|story|story idea|question|correction)\b[^!]{0,20}\?\s*(?:.{0,60}\b(?:us|our newsroom|the newsroom)\b|get in touch).{0,60}$/iu,
      // A press release's contact: "Media contact: Jane Doe, 555-123-4567, jdoe@example.edu"
      /^(?:media|press|news media|for media) (?:contacts?|inquiries|enquiries)\s*:?(?:\s+\S.{0,120})?$/iu,
      new RegExp(String.raw`^contacts?\s*:\s*[^.!?]{0,80}(?:\d{3}[-.\s)]\s?\d{3}[-.\s]\d{4}|${EMAIL})[^!?]{0,60}$`, 'iu'),
      /^(?:send us (?:a|your) (?:news )?(?:tip|story|photos?|videos?|news)|submit (?:a|your) (?:news )?(?:tip|story|letter|photos?)|report (?:a|an) (?:correction|error|typo|problem)|(?:contact|email|message) the (?:newsroom|editor|reporter|writer|author)|suggest a correction|corrections? policy)\b[^.!?]{0,60}$/iu,
    ),
  ),
  // An editor's note in brackets: "(The following is a transcription of the full broadcast story)",
  // "(This story has been updated.)", "[Editor's note: …]". An aside of the report in brackets talks
  // about its subject, not about the text.
  short(
    40,
    rule(
      'editor-note',
      /^[([](?:editor[’']?s[’']? note\b|note\s*:|the following (?:is|was|story|article|report|video|transcript)\b|this (?:story|article|report|post|page|video|transcript) (?:was|has been|is|originally|first|contains|includes|will be)\b|(?:this is an? )?(?:full |edited )?transcript(?:ion)?\b|updated?\s*(?::|at\b|on\b|\d)|correction\s*:|clarification\s*:)[^()[\]]*[)\]]\.?$/iu,
    ),
  ),
  short(
    20,
    unpunctuated(
      'widget',
      /(?:^|\s)-?\d{1,3}\s?°/u,
      /^\d-day forecast$/iu,
      /^updates? (?:at|every)\b/iu,
      /^(?:today|tonight|tomorrow)\s+\d/iu,
    ),
  ),
  rule(
    'share-prompt',
    /^(?:share|tweet|email|e-mail|print|copy link|pin it|whatsapp|facebook|twitter|linkedin|reddit|messenger|flipboard|x)(?:\s+(?:this|the)\s+(?:article|story|page|post|link))?(?:\s+(?:on|via|with|by)\s+[\p{L}-]+(?:\s+[\p{L}-]+)?)?$/iu,
    /^(?:click to )?share (?:on|via|this with)\b.{0,60}$/iu,
    new RegExp(String.raw`^${BULLET}(?:share|tweet|email)$`, 'iu'),
    /^\d[\d,.]*k?\s+shares?$/iu,
    /^choose how to share\b/iu,
    /^(?:send|email|e-mail) (?:this|it) to a friend$/iu,
    /^(?:like\?\s*)?share$/iu,
    /^(?:like|liked) this:?$|^like loading(?:\.{3}|…)$|^(?:be the first to like this|share this:)$/iu,
  ),
  rule(
    'comment-prompt',
    // A blog's comment form: "Leave a Reply Cancel reply", "Your email address will not be published."
    /^(?:leave a (?:reply|comment) cancel reply|cancel reply|post comment|submit comment|notify me of (?:follow-up comments|new posts)\b.{0,60}|save my name, email, and website in this browser\b.{0,60})$/iu,
    /^your email address will not be published\.?(?:\s*required fields are marked\s*\*?)?\.?$/iu,
    // The form's own prompts and errors: "Please enter your comment!", "Please enter your name here".
    /^(?:please enter (?:your|a) (?:comment|name|e-?mail(?: address)?)(?: here)?|you have entered an incorrect e-?mail address)[!.]?$/iu,
    /^(?:name|email|e-mail|website|comment)\s*\*$/iu,
    /^(?:sign (?:the|our) guest ?book|share a memory|offer (?:condolences|a condolence)|light a candle|register to comment|log in to comment)$/iu,
    /^(?:have your say|join the (?:conversation|debate|discussion)|leave a (?:comment|reply)|post a comment|add (?:a|your) comment|comments?|no comments(?: yet)?:?|what do you think\??|show comments|read comments)$/iu,
    /^(?:view|see|read|show) (?:all )?(?:\d[\d,]* )?comments?$/iu,
    /^\d[\d,]*\s+comments?$/iu,
    /^one thought on\b.{0,120}$/iu,
    /^(?:comment|community) guidelines$/iu,
    /^(?:post a comment as|watch this discussion\.?|welcome to the discussion\.?)$/iu,
    /^(?:\(\d[\d,]*\)\s*comments?|(?:reader )?comments?\s*\(\d[\d,]*\))$/iu,
    /^you must be (?:logged|signed) in to (?:comment|post|reply|join the (?:discussion|conversation))\b[^.!?]{0,60}\.?$/iu,
    // A blog platform's notice and a news platform's most-commented box.
    /^(?:sorry,?\s+)?comments are (?:now )?closed(?: for this (?:article|story|post))?\.?$/iu,
    /^(?:most )?commented$/iu,
    /^sorry,? there are no recent results for (?:popular )?commented articles\.?$/iu,
  ),
  // A comment policy: written in sentences, but about the comments under the story and
  // addressed to the reader ("Please review our Community Guidelines before commenting.").
  short(
    80,
    rule(
      'comment-prompt',
      /\b(?:community|comment|commenting) guidelines\b.{0,80}$/iu,
      /^.{0,80}\b(?:encourages|welcomes) (?:reader|readers'?) (?:discussion|comments)\b/iu,
    ),
  ),
  // "…tell us in our comment box or via Twitter or Facebook" (a prompt, not a sentence).
  unpunctuated(
    'comment-prompt',
    /\b(?:tell us|let us know|get in touch|send us)\b.*\b(?:comments?|comment box|twitter|facebook|email)\b/iu,
  ),
  short(
    40,
    rule(
      'newsletter-prompt',
      /^(?:subscribe to|sign up (?:to|for)|get|join|receive) (?:our|the|my)\b.{0,80}\bnewsletters?\b/iu,
      /^we will use your email address only for sending you newsletters\b/iu,
      /^(?:newsletters?|sign up to our newsletters?)$/iu,
      /^(?:get |manage |sign up for |subscribe to )?(?:(?:breaking news|weather|news|email|push|text|daily) )?(?:alerts|newsletters?)$/iu,
      /^(?:get )?(?:the )?(?:latest|top|best|daily) (?:news|stories|headlines)\b[^.!?]{0,40}\b(?:delivered to|in|straight to) your inbox\.?$/iu,
      /^(?:emails delivered daily|the best stories in your inbox)\b.{0,40}$/iu,
    ),
  ),
  // A newsletter advert written as a sentence: it talks to the reader ("Never miss a story with
  // our daily newsletter – get it in your inbox by signing up here", "Keep up to date … in the daily
  // … newsletter. You can receive …"). A report's sentence about a newsletter does neither.
  short(60, {
    reason: 'newsletter-prompt',
    matches: (line) =>
      /\bnewsletters?\b/iu.test(line) &&
      (/^(?:never|don[’']t) miss\b/iu.test(line) ||
        /^(?:keep|stay) up to date with\b/iu.test(line) ||
        /\b(?:your inbox|sign(?:ing)? up here|sign up (?:now|today|for free)|you can receive)\b/iu.test(line) ||
        /(?:^|[.?!]\s+)sign up (?:for|to) (?:our|the)\b[^.!?]{0,40}\bnewsletters?\b/iu.test(line)),
  }),
  unpunctuated(
    'app-prompt',
    new RegExp(String.raw`^${BULLET}?download (?:your|our|the)\b.*\bapps?\b`, 'iu'),
    /^get (?:the|our) (?:free )?app\b/iu,
    // The stores' badges: "Available on the App Store", "Get it on Google Play"
    /^(?:available on|get it on|download on)(?: the)? (?:app store|google play)$/iu,
  ),
  // An app advert in any words: "Get our free mobile app", "Download the News 5 app for iPhone
  // and Android" (a verb of getting, the publication's app, nothing after it but where to get it).
  short(
    16,
    rule(
      'app-prompt',
      /^(?:get|download|install|try) (?:the|our)(?:\s+[^\s.!?]+){0,5}\s+apps?(?:\s+(?:for|on|from|now|today|free|here)\b[^.!?]{0,50})?\.?$/iu,
    ),
  ),
  rule(
    'app-prompt',
    new RegExp(String.raw`^${BULLET}download (?:your|our|the)\b.*\bapps?\b`, 'iu'),
    /^keep up to date with\b.*\bapps?\b.*\bfree to download\b/iu,
  ),
  rule('social-follow', new RegExp(String.raw`^${BULLET}(?:you can )?(?:also )?follow us on\b`, 'iu')),
  unpunctuated(
    'social-follow',
    /^(?:you can )?(?:also )?follow us on\b/iu,
    /^(?:connect with us|stay in touch|get us in your feed|follow us|follow)$/iu,
    /^(?:facebook|twitter|instagram|youtube|tiktok|linkedin|threads|bluesky)$/iu,
  ),
  rule(
    'subscription-prompt',
    /^(?:subscribe(?: now| today)?|start reading|read now|get started|support (?:us|now)|log ?in|sign ?in|register|log in\s*\/\s*register|sign in\s*\/\s*register|my account|my profile|logout|log out|become a (?:member|subscriber|supporter|patron)|premium|subscribers? only|try \d+ days? free)$/iu,
    /^already (?:a subscriber|have an account)\??.{0,40}$/iu,
    /^(?:sign up|sign up (?:for free|now|today|here)|create (?:an|a free|your|your free) account|join (?:now|today|for free)|register (?:for free|now|here)|log in (?:to|or) (?:continue|comment|read|register)[^.!?]{0,40}|sign in (?:to|or) (?:continue|comment|read|register)[^.!?]{0,40}|(?:free|start (?:your|a)) (?:trial|account)|unlock (?:this|full|unlimited) (?:article|story|access)[^.!?]{0,40}|subscribe (?:for|from) (?:just |only )?[$£€]\s?\d[^.!?]{0,40})$/iu,
    /^to (?:continue reading|enjoy this content)\b.{0,80}$/iu,
    /^(?:this (?:article|content|story) is (?:only )?(?:available )?(?:for|to) subscribers)\b.{0,60}$/iu,
    /^start your free trial\b.{0,60}$/iu,
    /^subscribe (?:to|and) (?:continue|keep) reading\b[^.!?]{0,40}\.?$/iu,
    /^want to (?:read|see) more\?\s*(?:subscribe|sign up|log in|register)\b[^!?]{0,40}$/iu,
    /^(?:thank you for reading!?\s*)?please (?:log in|sign in|subscribe|register)\b[^!?]{0,150}$/iu,
    /^there[’']s no better time to support our work\b/iu,
  ),
  // An appeal for money, written as sentences but addressed to the reader.
  short(
    80,
    rule(
      'subscription-prompt',
      /\b(?:we[’']re|we are) asking for your support\b/iu,
      /\b(?:every|any|your) contribution (?:will )?help(?:s)? us\b/iu,
      /\bsupport (?:our|local|independent) journalism\b.{0,80}$/iu,
    ),
  ),
  short(
    14,
    rule(
      'promotion',
      /^watch more (?:of our )?videos?\b/iu,
      /^(?:recommended|top|latest|more|featured|trending|popular) videos$|^watch now$|^watch live$/iu,
      /^(?:send flowers|plant (?:a )?trees?|order flowers)$/iu,
      /^(?:and )?(?:live )?on freeview channel \d+$/iu,
      /^visit [\p{L}!.' ]{1,30} now$/iu,
      /^(?:get all your news in one place|one app|start reading)\.?$/iu,
      /^\d+[’']?s? of premium titles\.?$/iu,
      /^this week in (?:flyers|deals|offers)$/iu,
    ),
  ),
  // A station's sign-off, whatever its name and however it goes on: "Stay with News 3 for updates
  // to this story.", "Stay with Arizona's Family for updates on this developing story as they
  // become available.", "Follow KSTP for the latest", "Check back for updates."
  short(
    26,
    rule(
      'promotion',
      /^(?:stay (?:with|tuned to)|keep it (?:with|here on|locked (?:on|to))|follow|check back with|count on|trust)\s+[\p{L}\d .&'’-]{1,40}?\s+for (?:updates|more updates|more|the latest|continuing coverage|complete coverage)\b[^!?]{0,90}$/iu,
      /^(?:check back|stay tuned)(?: here| later| soon)? for (?:updates|more|the latest)\b[^!?]{0,60}$/iu,
    ),
  ),
  // A video's title with its running time: "Northeast Recovers From Holiday Storm 1:56"
  // (in title case: a sentence cut off at a clock time is in sentence case).
  short(20, {
    reason: 'promotion',
    matches: (line) =>
      !ENDS_LIKE_A_SENTENCE.test(line) &&
      /^\p{Lu}.*\s\(?\d{1,2}:\d{2}(?::\d{2})?\)?$/u.test(line) &&
      wordsOf(line).filter((word) => /^\p{Ll}/u.test(word)).length * 3 < wordsOf(line).length,
  }),
  rule(
    'advertisement',
    /^(?:advertisement(?: \d{1,2})?|advertising|advert|ad|ads|ad ?choices|sponsored(?: content)?|promoted(?: content)?|paid (?:post|content)|partner content|skip advert(?:isement)?|show ad|hide ad|ad feedback|report this ad)$/iu,
    /^(?:story|article|content) continues (?:below|after)(?: (?:this|the))?(?: advert(?:isement)?| ad)?$/iu,
    /^(?:advertisement|ad)\s*[-–—:]?\s*(?:scroll|continue) (?:down )?to continue(?: (?:reading|with content))?$|^scroll to continue with content$/iu,
    // An ad slot's placeholder left in the text by a publishing system: "[ad_1]".
    /^\[ad[_ -]?\d*\]$/iu,
    /^continue reading (?:the main story|below)$/iu,
    // The label a publishing system leaves around each block of the story between ad slots.
    /^(?:article|story) content$/iu,
  ),
  rule(
    'related-link',
    new RegExp(
      String.raw`^${BULLET}?(?:read more|more|related|see also|also read|read also|recommended|more on this story|related (?:stories|articles|topics|content|links)|you may also like|most read|more from [\p{L} ]{1,30})\s*[:|—–-]\s*\S.*$`,
      'iu',
    ),
    /^(?:read more|related|related (?:stories|articles|topics|content|links|internet links|coverage|news|posts|videos)|more on this story|more stories|you may also like|you might also like|recommended(?: for you| reading| stories)?|most (?:read|popular|viewed|shared|watched|emailed)(?: (?:stories|articles|now|today|this week))?|top stories|further reading|see also|full story|read here|read the full (?:story|article)|continue reading(?:\s*(?:…|\.\.\.))?)\.?$/iu,
    // A box of other stories: "Trending Now", "What to read next", "More from News", "Editor's picks".
    /^(?:trending(?: now| stories| news| today| topics)?|popular (?:now|stories|today)|what to read next|read next|up next|what's next|more (?:from|in) [\p{L}&' ]{1,30}|more (?:news|stories|headlines|articles|top stories)|latest (?:stories|headlines)|editor[’']?s[’']? (?:picks|choice)|don[’']t miss|must reads?|in case you missed it|around the web|from (?:our|the) partners|(?:sponsored|partner) stories|you may have missed)\.?$/iu,
    /^(?:→|»)?\s*read (?:the )?(?:full )?(?:article|story)$/iu,
    /^read (?:the |our )?.{0,60}\bhere\.?$/iu,
    // "To see more photos from opening day visit the city’s Facebook page"
    /^(?:to|for) (?:see|view|watch|read|find) more (?:photos|pictures|images|videos|stories|coverage)\b[^!?]{0,80}$/iu,
    /^click here (?:to|for)\b/iu,
    // A print page's pointer to another page: "See Page 9", "Continued on page 4"
    /^(?:see|turn to|continued on|more on) (?:page|p\.?) ?\d{1,3}$/iu,
  ),
  // A link's call to the reader, ending where the link is: "See the full list of market vendors
  // here.", "Find out more online", "Watch the full interview below."
  short(
    20,
    rule(
      'related-link',
      /^(?:see|view|read|find|check out|watch|listen to|browse|download|get|click|tap|go|visit|learn more|find out more|for more)\b[^.!?]{0,110}\b(?:here|below|online|at this link|on our website)\.?$/iu,
    ),
  ),
  short(30, rule('copyright', /^(?:©|\(c\)\s|copyright\s*(?:©|\(c\)|\d{4}))/iu, /\ball rights reserved\.?$/iu)),
  short(
    14,
    unpunctuated(
      'byline',
      /^by\s*[|,:]/iu,
      /^[Bb][Yy]\s+(?:\p{Lu}|@)/u,
      /^(?:staff|wire|staff and wire|staff & wire)(?: and wire)? reports?$/iu,
      // "Author: KSPR Staff", "Written by: Jane Doe", "Posted by admin"
      /^(?:authors?|reporter|reported by)\s*:\s*\S[^.!?]{0,60}$/iu,
      /^(?:written by|words by|story by|posted by)\s*:?\s+\S[^.!?]{0,60}$/iu,
      /^from (?:our|staff) (?:correspondents?|reporters?)$/iu,
    ),
  ),
  rule('byline', /^@\w{2,}\s+\p{Lu}/u),
  // The author's box: "About the author", and a biography that gives a way to reach them ("Jane Doe
  // is a reporter for the Gazette covering education. Contact her at jdoe@gazette.com.").
  rule(
    'byline',
    /^(?:about the (?:author|writer|reporter)s?|more (?:from|by) (?:this|the) (?:author|writer|reporter)|meet the (?:author|writer|reporter)|author(?:'s)? (?:bio|profile))$/iu,
  ),
  short(70, {
    reason: 'byline',
    matches: (line) => AUTHOR_BIO.test(line) && CONTACT.test(line),
  }),
  // A writer's role on its own line under their name: "Editor", "Staff Writer", "Senior Reporter".
  short(5, rule('byline', new RegExp(String.raw`^(?:${ROLE_MODIFIER}\s+){0,3}${ROLE}(?:\s+(?:at large|emeritus))?$`, 'iu'))),
  // A writer signing off after a dash: "- Brad Haugaard", "— Jane Doe"
  rule('byline', /^[-–—]\s*\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]+){1,3}$/u),
  // An agency's credits: "Reporting by A and B; Writing by C; Editing by D"
  short(
    40,
    rule(
      'byline',
      /^\(?(?:additional )?(?:reporting|writing|editing|compiled|edited|written) by\s+\p{Lu}[^.!?]*\)?$/u,
      /^\(?(?:Additional )?(?:Reporting|Writing|Editing|Compiled|Edited|Written) by\s+\p{Lu}[^.!?]*\)?$/u,
    ),
  ),
  short(
    20,
    rule(
      'dateline',
      /^(?:published|updated|posted|last updated|first published|modified)\b(?:[\s:]|$)/iu,
      // An archive's record of the story, its fields in capitals: "DATE: WEDNESDAY, April 11, 1990
      // TAG: 9004110439", "SECTION: VIRGINIA PAGE: B8 EDITION: METRO", "DATELINE: LENGTH: Medium".
      /^(?:DATE|DATELINE|SECTION|PAGE|EDITION|SOURCE|TAG|LENGTH|COLUMN|WORD COUNT|PUBLICATION|DOCUMENT ID)\s*:(?:\s.*)?$/u,
      /^this (?:story|article|report|post) was (?:originally |first |last )?(?:published|posted|updated)\b[^!?]{0,60}$/iu,
      new RegExp(String.raw`^(?:(?:published|updated|posted)\s*:?\s*)?${DATE}(?:[,\s|]+(?:at\s+)?${TIME})?$`, 'iu'),
      new RegExp(String.raw`^${WEEKDAY},?\s+${DAY}\s+${MONTH}(?:\s+\d{4})?$`, 'iu'),
      new RegExp(String.raw`^${TIME}\s*(?:,\s*)?${DATE}$`, 'iu'),
      /^\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?)\s+ago$/iu,
      /^\d+(?:\s+|-)min(?:ute)?s?\s+read$/iu,
      // A reading time: "Reading time: 4 minutes", "Estimated reading time: 3 min"
      /^(?:estimated )?read(?:ing)? time\s*:?\s*(?:about |under |less than )?\d+\s*(?:min(?:ute)?s?)\.?$/iu,
      // "October 23, 2018 / 8:05 AM / Updated 3 hours ago"
      new RegExp(String.raw`^${DATE}\s*[/|•·,]\s*[^.!?]{0,50}$`, 'iu'),
      // A date with a 24-hour time, a time zone and a place: "May 22, 17:47 UTC+3 MOSCOW"
      new RegExp(String.raw`^${MONTH}\s+${DAY},?\s+\d{1,2}:\d{2}(?:\s*(?:UTC|GMT)[+-]?\d{0,2})?(?:\s+[\p{L} .-]{2,30})?$`, 'iu'),
      // A date badge copied without its spaces: "Aug 072020"
      new RegExp(String.raw`^${MONTH}\s?\d{2}\s?\d{4}$`, 'iu'),
      // An edition: "The Irish Post - June 10, 2023"
      new RegExp(String.raw`^[\p{L}'’&. ]{2,40}\s[-–—|]\s${DATE}$`, 'iu'),
    ),
  ),
  { reason: 'navigation', matches: (line) => isNavigationLabel(line) },
  { reason: 'navigation', matches: (line) => !/°/u.test(line) && isBreadcrumb(line) },
  rule(
    'navigation',
    /^all (?:posts|stories|articles) (?:in|tagged|filed under|from)\b.{0,60}$/iu,
    /^(?:posts|stories) tagged\b.{0,60}$/iu,
    /^(?:category|categories|tag|tags|topics?|keywords|subjects?|archives?|filed under|posted in|more about|related topics)\s*:.{0,100}$/iu,
    // A website's own links, as its footer prints them: "About Us", "Privacy Policy | Terms of Use".
    new RegExp(String.raw`^${FOOTER_LINK}(?:\s*[|•·,/–-]?\s*${FOOTER_LINK}){0,12}$`, 'iu'),
    /^(?:load|show|see) more(?: (?:stories|articles|news|posts|comments))?$/iu,
    /^(?:toggle|open|close|show|hide) (?:the )?(?:navigation|menu|search|sidebar)$|^(?:main|primary|site) (?:menu|navigation)$|^search for:?$|^(?:submit|go|search)$/iu,
    /^page \d{1,3}(?: of \d{1,3})?$/iu,
    /^view (?:more|all)(?: in this section| stories| news| posts)?$/iu,
  ),
  // A screenshot's default file name: "Screen Shot 2015-04-21 at 00.28.59"
  // A logo's alternative text: "B105 logo", "homepage logo"
  short(6, unpunctuated('picture-description', /(?:^|\s)(?:logo|icon|wordmark|masthead)$/iu)),
  rule('picture-description', /^screen ?shot[ _-]\d{4}-\d{2}-\d{2}(?:[ _-](?:at[ _-])?[\d.:]+)?$/iu),
  // A site's tagline: "Your independent hometown award-winning newspaper"
  short(
    10,
    unpunctuated(
      'publication-name',
      /^(?:your|the|[\p{L}'’]+[’']s)\b[^.!?]{0,60}\b(?:newspaper|news source|news site|news website|magazine)$/iu,
    ),
  ),
  // A tag in lower case on its own ("storm damage"): a sentence starts with a capital.
  short(3, unpunctuated('navigation', /^(?!(?:on|at|by|and|in|or)$)\p{Ll}[\p{Ll}\s-]{1,30}$/u)),
  // "Latest news with #RecordView": a short label around a hashtag.
  short(6, unpunctuated('navigation', /(?:^|\s)#[\p{L}\d_]{2,}/u)),
  // A menu copied without its spaces: "FinancialGovernment SolutionsLegalReuters News Agency…"
  {
    reason: 'navigation',
    matches: (line) => !ENDS_LIKE_A_SENTENCE.test(line) && wordsOf(line).length <= 30 && (line.match(/\p{Ll}\p{Lu}/gu) ?? []).length >= 2,
  },
  // A label ending in a colon on its own ("News location:", "Key points:") introduces a widget.
  // (A sentence introducing a list ends on a little word: "Other highlights include:".)
  short(4, { reason: 'navigation', matches: (line) => /^[\p{L} ]+:$/u.test(line) && !LIST_INTRODUCTION.test(line) }),
];

const LIST_MARKER = /^(?:[-–•·▪‣∙*]\s+)/u;

/**
 * The first rule that judges the line to be page furniture, if any. A menu item copied as a list
 * item ("- Politics", "• Published") is judged without its marker.
 */
export function furnitureReason(line: string): RemovalReason | undefined {
  const reason = LINE_RULES.find((candidate) => candidate.matches(line))?.reason;
  if (reason || !LIST_MARKER.test(line)) return reason;
  const bare = line.replace(LIST_MARKER, '');
  return wordsOf(bare).length <= 6 ? LINE_RULES.find((candidate) => candidate.matches(bare))?.reason : undefined;
}

export { ENDS_LIKE_A_SENTENCE, wordsOf };
