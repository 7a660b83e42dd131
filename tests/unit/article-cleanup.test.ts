import { describe, expect, it } from 'vitest';
import { classifyLines, parseArticle, REMOVAL_REASON_NAMES, type RemovalReason } from '../../src/core/article/index.ts';
import { isCreditOnly, parseGluedCredit } from '../../src/core/article/cleanup/index.ts';
import { LINE_FEATURE_NAMES } from '../../src/core/article/cleanup/features.ts';
import { LINE_MODEL } from '../../src/core/article/cleanup/line-model.generated.ts';
import { rowsOf, THRESHOLD, train } from '../../scripts/cleanup-training.ts';
import { expandLines, figures, loadPages, scorePage } from './page-fixtures.ts';

/** A caption as the clean-up found it: its text and credit (parseArticle adds its id and sentences). */
const shown = ({ text, credit }: { text: string; credit?: string }): { text: string; credit?: string } => ({
  text,
  ...(credit !== undefined && { credit }),
});

const PROSE = 'Officials said the council would meet again on Tuesday to discuss the findings.';
const SECOND = 'Residents were asked to stay away from the area while crews cleared the debris on Wednesday.';

/** The reason the line gets when it stands between a headline and a sentence of the report. */
function reasonFor(line: string): RemovalReason | 'kept' | 'caption' {
  const cleanup = classifyLines(['A headline for the test page', line, PROSE].join('\n'));
  const classified = cleanup.lines[1];
  if (classified?.kind === 'body') return 'kept';
  if (classified?.kind === 'caption') return 'caption';
  return classified?.reason ?? 'kept';
}

describe('the clean-up recognises each family of page furniture', () => {
  const cases: Array<[RemovalReason, string[]]> = [
    ['navigation', ['News World News', 'Home › World › Asia', 'Anorak News | Police Lite', 'Key posts', 'News location:']],
    ['widget', ['Canberra Today 13°/18° | Thursday, April 25, 2024', '5-Day Forecast', 'Updates at 7am, 12pm & 5pm every weekday']],
    [
      'site-notice',
      [
        'Skip to main content',
        'To enjoy this content please ACCEPT cookies.',
        'Settings ACCEPT',
        'We’re sorry, this feature is currently unavailable. Please try again later.',
      ],
    ],
    ['share-prompt', ['Share this article', 'Share on Facebook', 'Click to share on Twitter (Opens in new window)', '51 shares', 'Tweet']],
    ['comment-prompt', ['Have your say', '137 comments', 'View comments', 'Leave a Reply']],
    ['newsletter-prompt', ['Sign up to our free newsletter', 'Subscribe to our daily newsletter and get the headlines every morning']],
    ['app-prompt', ['• Download your free 30-day trial for our iPad, Android and Kindle apps', 'Get the app']],
    ['subscription-prompt', ['Subscribe now', 'Log in / Register', 'Already a subscriber? Log in']],
    ['social-follow', ['• You can also follow us on Facebook, Twitter and Google +', 'Connect with us', 'Instagram']],
    ['advertisement', ['Advertisement', 'ADVERTISEMENT', 'Story continues below advertisement', 'Sponsored content']],
    [
      'related-link',
      [
        'READ MORE: Queen pays tribute to Duke of Edinburgh',
        '• READ MORE: David Davis in warning',
        'Related: Qatar given 10 days to meet demands',
        'Read more',
        'Read the full set of principles here.',
        'Continue reading...',
      ],
    ],
    [
      'image-credit',
      ['Picture: AFP/Getty', 'Photograph: Paweł Kopczyński/Reuters', 'Getty Images', 'John Devlin - Photographer/The Scotsman'],
    ],
    [
      'copyright',
      ['© 2025 Corus Radio, a division of Corus Entertainment Inc.', 'Copyright 2019 The Associated Press. All rights reserved.'],
    ],
    [
      'byline',
      [
        'By Angus Dalton',
        'By John Hutchinson for MailOnline',
        'Staff & Wire Reports',
        '@hollywoodspin Richard Horgan is co-editor of Fishbowl.',
      ],
    ],
    [
      'dateline',
      [
        'Monday 19 March 2018',
        'Published: 10:50 GMT, 3 August 2015 | Updated: 15:54 GMT, 3 August 2015',
        'Updated 3 hours ago',
        '3 hours ago',
        '5 min read',
      ],
    ],
  ];
  for (const [reason, lines] of cases) {
    it(`removes ${reason} lines`, () => {
      for (const line of lines) expect([line, reasonFor(line)]).toEqual([line, reason]);
    });
  }

  it('keeps sentences of the report that mention the same things', () => {
    const prose = [
      'The company said users should download the app update before Friday.',
      'Those who subscribe to the newsletter were told the story first.',
      'Download your banking apps only from official stores, the agency advised.',
      'You can also follow us on the map as the convoy moves, officials told reporters.',
      'Share this article with caution, the police warned.',
      'Keep up to date with the weather, the app said, but nobody could download it.',
      'Readers were asked to read more about the scheme before the deadline.',
      'The advertisement ran in three newspapers on Monday.',
      'Comments from residents were collected by the council.',
      'By Tuesday the river had risen by two metres.',
      'Copyright lawyers for the studio said the film would be released.',
      'The photo: a man on a bench, taken by a passer-by, went viral.',
      'Temperatures reached 38° in the capital, the highest since 2003.',
      'He was published in the journal Nature in 2019.',
    ];
    const article = parseArticle(['A headline for the test page', ...prose].join('\n'));
    expect(article.removed).toEqual([]);
    expect(article.paragraphs.map((paragraph) => paragraph.sentences.map((sentence) => sentence.text).join(' '))).toEqual(prose);
  });

  it('has a reason for every removed line, from the closed list', () => {
    for (const page of loadPages()) {
      for (const line of classifyLines(page.text).lines) {
        if (line.kind === 'removed') expect(REMOVAL_REASON_NAMES).toContain(line.reason);
        else expect(line.reason).toBeUndefined();
      }
    }
  });
});

describe('picture credits and captions', () => {
  it('splits a credit glued onto its caption in every common form', () => {
    expect(parseGluedCredit('Kim Jong-Un, centre, is furious. Picture: AFP/Getty')).toEqual({
      text: 'Kim Jong-Un, centre, is furious.',
      credit: 'AFP/Getty',
    });
    expect(parseGluedCredit('Protesters gather in Seoul (Photo: Jane Doe/Reuters)')).toEqual({
      text: 'Protesters gather in Seoul',
      credit: 'Jane Doe/Reuters',
    });
    expect(parseGluedCredit('A makeshift memorial outside Santa Fe. (AP Photo/Russell Contreras)')).toEqual({
      text: 'A makeshift memorial outside Santa Fe.',
      credit: 'Russell Contreras',
    });
    expect(parseGluedCredit('Instagram will turn on the feature for users under 18.Credit: Instagram')).toEqual({
      text: 'Instagram will turn on the feature for users under 18.',
      credit: 'Instagram',
    });
    expect(parseGluedCredit('People arrive at Sydney Airport. (AAP: Steven Saphore)')).toEqual({
      text: 'People arrive at Sydney Airport.',
      credit: 'AAP: Steven Saphore',
    });
    expect(parseGluedCredit('Crowds in George Square. John Devlin - Photographer/The Scotsman')).toEqual({
      text: 'Crowds in George Square.',
      credit: 'John Devlin - Photographer/The Scotsman',
    });
    expect(parseGluedCredit('A boy holds a pistol in Sanaa, Yemen, May 26, 2016. REUTERS/Khaled Abdullah')).toEqual({
      text: 'A boy holds a pistol in Sanaa, Yemen, May 26, 2016.',
      credit: 'REUTERS/Khaled Abdullah',
    });
  });

  it('does not take a sentence that mentions a photo for a caption', () => {
    expect(parseGluedCredit('Officials released one Image: Kim at a desk.')).toBeUndefined();
    expect(parseGluedCredit('The photo (taken in 2019) shows the border.')).toBeUndefined();
    expect(isCreditOnly('The council approved the plan on Tuesday.')).toBe(false);
  });

  it('takes the line above a credit line as a caption, and the credit as removed', () => {
    const article = parseArticle(
      ['Headline of the page', 'The bonfire in Larne was the biggest for July 11', 'JONATHAN PORTER / PRESS EYE', PROSE].join('\n'),
    );
    expect(article.captions.map(shown)).toEqual([
      { text: 'The bonfire in Larne was the biggest for July 11', credit: 'JONATHAN PORTER / PRESS EYE' },
    ]);
    expect(article.removed).toEqual([{ line: 3, text: 'JONATHAN PORTER / PRESS EYE', reason: 'image-credit' }]);
    expect(article.paragraphs).toHaveLength(1);
  });

  it('removes a caption repeated anywhere, with or without its credit', () => {
    const article = parseArticle(
      ['Headline of the page', 'Kim at a desk.', PROSE, 'Kim at a desk. Picture: AFP', 'Kim at a desk. Picture: AFP'].join('\n'),
    );
    expect(article.captions.map(shown)).toEqual([{ text: 'Kim at a desk.', credit: 'AFP' }]);
    expect(article.removed.map((line) => [line.line, line.reason])).toEqual([
      [2, 'duplicated-caption'],
      [5, 'duplicated-caption'],
    ]);
  });
});

describe('headline, byline, publication and standfirst', () => {
  it('skips navigation and a site name above the headline', () => {
    const article = parseArticle(['Anorak', 'Anorak News | Police Lite', 'Police Lite', 'by | 24th, March 2006', PROSE].join('\n'));
    expect(article.headline).toBe('Police Lite');
    expect(article.removed.map((line) => line.reason)).toEqual(['before-headline', 'navigation', 'byline']);
  });

  it('has no headline when the text starts with a sentence', () => {
    const article = parseArticle([PROSE, 'A second sentence of the report follows here.'].join('\n'));
    expect(article.headline).toBe('');
    expect(article.paragraphs).toHaveLength(2);
  });

  it('removes the headline printed again, the publication and the byline, and reports the byline', () => {
    const article = parseArticle(
      ['Governors gather for summit', 'Governors gather for summit', 'By Jane Doe', 'The Herald Times', PROSE].join('\n'),
      {},
    );
    expect(article.byline).toBe('Jane Doe');
    expect(article.removed.map((line) => line.reason)).toEqual(['repeated-headline', 'byline', 'publication-name']);
  });

  it('removes the publication named in the source wherever it stands alone', () => {
    const article = parseArticle(['Headline of the page', PROSE, 'Wicked Local'].join('\n'), { publication: 'Wicked Local' });
    expect(article.removed).toEqual([{ line: 3, text: 'Wicked Local', reason: 'publication-name' }]);
  });

  it('takes a summary line under the headline as the standfirst, out of the numbered body', () => {
    const article = parseArticle(
      ['Reuters reaffirms its principles', 'New footnote links to one of journalism’s most vaunted professional edicts', PROSE].join('\n'),
    );
    expect(article.standfirst).toBe('New footnote links to one of journalism’s most vaunted professional edicts');
    expect(article.paragraphs).toHaveLength(1);
    const signed = parseArticle(
      [
        'Brown savages the plan',
        'The former prime minister is concerned about the talks, reports Policy Editor Daniel Martin.',
        PROSE,
      ].join('\n'),
    );
    expect(signed.standfirst).toMatch(/^The former prime minister/u);
  });

  it('keeps a first paragraph that reads as a sentence', () => {
    const article = parseArticle(
      ['Headline of the page', 'A DIM-WITTED shoplifter was caught after going to a police station to complain.', PROSE].join('\n'),
    );
    expect(article.standfirst).toBeUndefined();
    expect(article.paragraphs).toHaveLength(2);
  });
});

describe('rules grown in round 2', () => {
  it('takes a section label printed twice at the top as the title, and signs-off under a story as bylines', () => {
    const article = parseArticle(
      [
        'News in brief',
        '',
        'News in brief',
        '',
        'Man arrested over stolen pictures',
        '',
        `${PROSE} More followed.`,
        'Press Association',
        '',
        PROSE,
      ].join('\n'),
    );
    expect(article.headline).toBe('News in brief');
    expect(article.removed.map((line) => [line.text, line.reason])).toEqual([
      ['News in brief', 'repeated-headline'],
      ['Press Association', 'byline'],
    ]);
    expect(article.paragraphs).toHaveLength(3);
  });

  it('skips a short site name above a longer title', () => {
    const article = parseArticle(['Legacy Building', '', 'The littlest fan and re-building Primark', '', PROSE].join('\n'));
    expect(article.headline).toBe('The littlest fan and re-building Primark');
    expect(article.removed).toEqual([{ line: 1, text: 'Legacy Building', reason: 'before-headline' }]);
  });

  it('recognises a picture described between its credits and the caption under it', () => {
    const article = parseArticle(
      [
        'A headline for the test page',
        PROSE,
        'PA The charred Bank Buildings in Belfast city centrePA',
        '',
        'Firefighters are still working at the site',
        '',
        PROSE,
      ].join('\n'),
    );
    expect(article.removed).toEqual([
      { line: 3, text: 'PA The charred Bank Buildings in Belfast city centrePA', reason: 'picture-description' },
    ]);
    expect(article.captions.map(shown)).toEqual([{ text: 'Firefighters are still working at the site' }]);
    expect(article.paragraphs).toHaveLength(2);
  });

  it('removes a standfirst and a long caption printed twice, link blocks, ad slots and "PHOTO" credits', () => {
    const standfirst = 'A ten-year masterplan for our national parks has been a long time coming, writes Caroline O’Doherty.';
    const caption = 'Looking out at Killarney National Park from Ladies View at the Upper Lake on a clear morning.';
    const article = parseArticle(
      [
        'A headline for the test page',
        '',
        standfirst,
        '',
        'A headline for the test page',
        '',
        standfirst,
        '',
        caption,
        caption,
        PROSE,
        '[ad_1]',
        'Click here to read the game story and the column on the title.',
        'A town hall door sign announced a planned special meeting.  JEFF LESTER PHOTO',
      ].join('\n'),
    );
    expect(article.standfirst).toBe(standfirst);
    expect(article.captions.map(shown)).toEqual([
      { text: caption },
      { text: 'A town hall door sign announced a planned special meeting.', credit: 'JEFF LESTER PHOTO' },
    ]);
    expect(article.removed.map((line) => [line.line, line.reason])).toEqual([
      [3, 'standfirst'],
      [5, 'repeated-headline'],
      [7, 'standfirst'],
      [10, 'duplicated-caption'],
      [12, 'advertisement'],
      [13, 'related-link'],
    ]);
    expect(article.paragraphs).toHaveLength(1);
  });
});

describe('rules grown in round 5', () => {
  it('recognises more of each family of furniture line', () => {
    const expected: Array<[string, RemovalReason]> = [
      ['The BBC is not responsible for the content of external sites.', 'site-notice'],
      ['Comment Guidelines', 'comment-prompt'],
      [
        'Our Paper encourages reader discussion on our stories. Please review our Community Guidelines before commenting.',
        'comment-prompt',
      ],
      ['Never miss a story with our daily newsletter – get it in your inbox by signing up here', 'newsletter-prompt'],
      [
        'Keep up to date with all the big stories from the city in the daily Bulletin newsletter. You can receive it direct to your inbox.',
        'newsletter-prompt',
      ],
      ['Watch more of our videos on Shots!', 'promotion'],
      ['See Page 9', 'related-link'],
      ['Related Internet Links', 'related-link'],
      ['Reporting by Jane Roe and John Doe; Editing by Sam Poe', 'byline'],
      ['(Reporting by Jane Roe)', 'byline'],
      ['October 23, 2018 / 8:05 AM / Updated 3 hours ago', 'dateline'],
      ['The Irish Post - June 10, 2023', 'dateline'],
      ['- Published', 'dateline'],
      ['All posts in the INFORMATION category', 'navigation'],
      ['Page 1', 'navigation'],
      ['Latest news with #RecordView', 'navigation'],
      ['FinancialGovernment SolutionsLegalReuters News Agency', 'navigation'],
      ['- Politics', 'navigation'],
      ['Screen Shot 2015-04-21 at 00.28.59', 'picture-description'],
    ];
    expect(expected.map(([line]) => [line, reasonFor(line)])).toEqual(expected);
  });

  it('keeps sentences of the report that look like those lines', () => {
    const prose = [
      'The council said its newsletter would reach every inbox in the borough by May.',
      'Residents who never miss a meeting said the newsletter was late.',
      'Reporting by the local paper first revealed the scandal in 2019.',
      'Users must see page 9 of the manual, the firm said.',
      'The post used the hashtag #MeToo and was shared 3,000 times.',
      'The museum is not responsible for the content of external sites it links to, a spokesman said.',
      'Watch more closely, the coach told his players, and you will see the gaps.',
      'The McDonald family and the YouGov pollsters met on Monday.',
    ];
    const article = parseArticle(['A headline for the test page', ...prose].join('\n'));
    expect(article.removed).toEqual([]);
    expect(article.captions).toEqual([]);
    expect(article.paragraphs).toHaveLength(prose.length);
  });

  it('finds the headline under a site name printed twice, a print teaser, and list-item menus', () => {
    const site = classifyLines(
      ['Daily Gazette', 'Daily Gazette', 'National', 'Jane Roe', '', 'Town hall to close for repairs', '', PROSE].join('\n'),
    );
    expect(site.headline?.text).toBe('Town hall to close for repairs');
    expect(site.lines.filter((line) => line.kind === 'body').map((line) => line.text)).toEqual([PROSE]);

    const print = classifyLines(
      ['Page 1', '', 'ON THE MOVE', '', 'Library to move after 75 years', '', 'See Page 9', '', 'Council backs new school', '', PROSE].join(
        '\n',
      ),
    );
    expect(print.headline?.text).toBe('Council backs new school');
    expect(print.lines.find((line) => line.text === 'Library to move after 75 years')?.reason).toBe('related-link');

    const listed = classifyLines(
      ['Daily Gazette', '3 days ago', '- Politics', '- Daily Gazette', 'Next election cannot just be about roads', PROSE].join('\n'),
    );
    expect(listed.headline?.text).toBe('Next election cannot just be about roads');
    expect(listed.lines.filter((line) => line.kind === 'body').map((line) => line.text)).toEqual([PROSE]);
  });

  it('sorts captions: doubled descriptions, agency captions, repeated and lone captions', () => {
    const text = [
      'Lifeboat crews rescue a swimmer',
      '',
      PROSE,
      '',
      'Crews pull a man from the sea at the pierCrews pull a man from the sea at the pier',
      'Crews pull a man from the sea at the pier | Jo Bloggs',
      '',
      'FILE PHOTO: The harbour master speaks to reporters in Dover, June 3, 2021. REUTERS/Alaa al-Marjani',
      '',
      'The crew said the man had been in the water for about twenty minutes.',
      '',
      'Volunteers carry the rescued swimmer up the beach to a waiting ambulance crew',
      '',
      'Volunteers carry the rescued swimmer up the beach to a waiting ambulance crew',
      '',
      'Families gathered on the promenade to watch the lifeboat come back to the station',
      '',
      'A spokesman for the lifeboat station said the rescue had gone well.',
    ].join('\n');
    const article = parseArticle(text);
    expect(article.captions.map(shown)).toEqual([
      { text: 'Crews pull a man from the sea at the pier', credit: 'Jo Bloggs' },
      { text: 'The harbour master speaks to reporters in Dover, June 3, 2021.', credit: 'REUTERS/Alaa al-Marjani' },
      { text: 'Volunteers carry the rescued swimmer up the beach to a waiting ambulance crew' },
      { text: 'Families gathered on the promenade to watch the lifeboat come back to the station' },
    ]);
    expect(article.paragraphs).toHaveLength(3);
    expect(article.removed.map((line) => line.reason)).toEqual(['duplicated-caption', 'duplicated-caption']);
  });

  it('does not take a paragraph cut off by the copy for a caption', () => {
    const article = parseArticle(
      [
        'A headline for the test page',
        PROSE,
        'Starting today, a link to the principles will appear at the bottom of all stories on',
        PROSE,
      ].join('\n'),
    );
    expect(article.captions).toEqual([]);
    expect(article.paragraphs).toHaveLength(3);
  });

  it('takes bullets under the headline and a standfirst printed again as the first paragraph out of the body', () => {
    const bullets = parseArticle(
      ['Fans head to Moscow for the final', '', '  • Fans are travelling by any means', '  • Flights are sold out', '', PROSE].join('\n'),
    );
    expect(bullets.removed.map((line) => line.reason)).toEqual(['standfirst', 'standfirst']);
    expect(bullets.paragraphs).toHaveLength(1);

    const summary = 'A huge rescue mission was launched by volunteers after a man was spotted in trouble in the sea.';
    const repeated = parseArticle(
      ['Volunteers rescue a man from the sea', '', 'Jane Roe', 'By Jane Roe', summary, '', summary, '', PROSE].join('\n'),
    );
    expect(repeated.byline).toBe('Jane Roe');
    expect(repeated.removed.map((line) => [line.line, line.reason])).toEqual([
      [3, 'byline'],
      [4, 'byline'],
      [5, 'standfirst'],
    ]);
    expect(repeated.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([summary, PROSE]);
  });
});

describe('rules grown in round 6', () => {
  it('recognises ad slots, support appeals, sign-offs and timed datelines', () => {
    const expected: Array<[string, RemovalReason]> = [
      ['Advertisement 2', 'advertisement'],
      ['Article content', 'advertisement'],
      ['This Week in Flyers', 'promotion'],
      ['You must be logged in to join the discussion or read more comments.', 'comment-prompt'],
      ['Become a Supporter', 'subscription-prompt'],
      [
        "Our industry faces testing times, which is why we're asking for your support. Every contribution will help us continue.",
        'subscription-prompt',
      ],
      ['- Brad Haugaard', 'byline'],
      ['May 22, 17:47 UTC+3 MOSCOW', 'dateline'],
    ];
    expect(expected.map(([line]) => [line, reasonFor(line)])).toEqual(expected);
  });

  it('keeps sentences of the report that look like those lines', () => {
    const prose = [
      'The charity said every contribution helped the families through the winter.',
      'Residents must be logged in to the council portal to vote, the clerk said.',
      'Advertisement revenue fell by 12% last year.',
      'She asked for support from the council at the meeting on Monday.',
    ];
    const article = parseArticle(['A headline for the test page', ...prose].join('\n'));
    expect(article.removed).toEqual([]);
    expect(article.paragraphs).toHaveLength(prose.length);
  });

  it('skips a section named with an ampersand above the headline', () => {
    const cleanup = classifyLines(['Farming & Food Security', 'Museum reopens after a decade of repairs', '', PROSE].join('\n'));
    expect(cleanup.headline?.text).toBe('Museum reopens after a decade of repairs');
    expect(cleanup.lines[0]?.reason).toBe('before-headline');
  });
});

describe('rules grown in round 7', () => {
  it('recognises comment counts and boxes, section links, date badges, taglines and tags', () => {
    const expected: Array<[string, RemovalReason]> = [
      ['Post a comment as', 'comment-prompt'],
      ['(0) comments', 'comment-prompt'],
      ['Reader Comments(0)', 'comment-prompt'],
      ['View More In This Section', 'navigation'],
      ['Aug 072020', 'dateline'],
      ['Your independent hometown award-winning newspaper', 'publication-name'],
      ['storm damage', 'navigation'],
    ];
    expect(expected.map(([line]) => [line, reasonFor(line)])).toEqual(expected);
  });

  it('removes a comment section under the story to the end, and keeps the story above it', () => {
    const article = parseArticle(
      [
        'Town offices close for the storm',
        PROSE,
        'Welcome to the discussion.',
        'Report',
        'Be Nice. No racism, sexism or any sort of -ism that is degrading to another person.',
        'Share with Us. We would love to hear eyewitness accounts.',
      ].join('\n'),
    );
    expect(article.paragraphs).toHaveLength(1);
    expect(article.removed.map((line) => line.reason)).toEqual(['comment-prompt', 'comment-prompt', 'comment-prompt', 'comment-prompt']);
  });

  it('keeps a letter’s salutation ending with a colon as the first paragraph', () => {
    const salutation = 'To our valued citizens during these unprecedented and uncertain times:';
    const article = parseArticle(['Supporting each other from a distance', '', salutation, '', PROSE].join('\n'));
    expect(article.removed).toEqual([]);
    expect(article.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([salutation, PROSE]);
  });
});

describe('round 8: the article as the region of prose', () => {
  it('removes labels and a name between the headline and the first sentence, and keeps a crosshead there', () => {
    const article = parseArticle(
      [
        'Firefighters save the family home',
        'Jessica Lewis',
        'Your Town, Your News Now',
        'Home Page -',
        'Crews were quick to arrive',
        PROSE,
        SECOND,
      ].join('\n'),
    );
    expect(article.headline).toBe('Firefighters save the family home');
    expect(article.removed.map((line) => [line.text, line.reason])).toEqual([
      ['Jessica Lewis', 'byline'],
      ['Your Town, Your News Now', 'page-header'],
      ['Home Page -', 'navigation'],
    ]);
    expect(article.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual(['Crews were quick to arrive', PROSE, SECOND]);
  });

  it('removes what is not a sentence under the last sentence, and keeps a short closing sentence', () => {
    const article = parseArticle(['Council meets again', PROSE, SECOND, 'He was 72.', 'Source', 'Our Town Weekly', 'Home'].join('\n'));
    expect(article.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([PROSE, SECOND, 'He was 72.']);
    expect(article.removed.map((line) => line.reason)).toEqual(['page-footer', 'page-footer', 'navigation']);
  });

  it('keeps a paragraph with a credit glued after its last sentence as the article’s end', () => {
    const last = '“There is progress in this direction. We are evaluating the available information.” (Reporting by Jane Doe)';
    const article = parseArticle(['Grain deal talks go on', PROSE, last, 'Advertisement'].join('\n'));
    expect(article.paragraphs).toHaveLength(2);
  });

  it('takes a run of short lines between paragraphs for a list of links, and a lone crosshead for the article', () => {
    const article = parseArticle(
      [
        'Council meets again',
        PROSE,
        'Mayor Opens New Park',
        'School Board Votes Tonight',
        'Bridge Repairs Begin',
        SECOND,
        'What happens next',
        PROSE,
      ].join('\n'),
    );
    expect(article.removed.map((line) => [line.text, line.reason])).toEqual([
      ['Mayor Opens New Park', 'link-list'],
      ['School Board Votes Tonight', 'link-list'],
      ['Bridge Repairs Begin', 'link-list'],
    ]);
    expect(article.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([PROSE, SECOND, 'What happens next', PROSE]);
  });

  it('does not take a question and its answer for the headline', () => {
    const question = 'QUESTION: There seems to be so much going on right now. Where can parents find information?';
    const cleanup = classifyLines([question, PROSE].join('\n'));
    expect(cleanup.headline).toBeUndefined();
    expect(cleanup.lines.map((line) => line.kind)).toEqual(['body', 'body']);
    // A headline with a question mark is still a headline.
    expect(classifyLines(['Is the bridge safe?', PROSE].join('\n')).headline?.text).toBe('Is the bridge safe?');
  });

  it('does not take a paragraph broken in the middle of its sentence for a standfirst', () => {
    const broken = 'The interim superintendent held his report until the end and said he hopes the relationship will remain open';
    const article = parseArticle(['From old to new in two hours', broken, 'but doubts that the district will need him again.'].join('\n'));
    expect(article.removed).toEqual([]);
    expect(article.paragraphs).toHaveLength(2);
  });

  it('recognises "Photos by" credits, and keeps a sentence about photos', () => {
    expect(isCreditOnly('Photos by HRFD Photographers Sheryl Drost & Marcia Soppe')).toBe(true);
    expect(isCreditOnly('Photo courtesy of the Tucson Fire Department')).toBe(true);
    expect(isCreditOnly('Photos by the agency showed the damage.')).toBe(false);
  });
});

describe('round 9', () => {
  it('never takes a bulleted menu item for the headline', () => {
    const cleanup = classifyLines(
      ['• The Rep - A Dolls House', '• The Rep - Admissions', 'The Story You Are About To Read Is True', PROSE].join('\n'),
    );
    expect(cleanup.headline?.text).toBe('The Story You Are About To Read Is True');
    expect(cleanup.lines.slice(0, 2).map((line) => line.kind)).toEqual(['removed', 'removed']);
  });

  it('tells a title-case headline with a comma from an author’s affiliation', () => {
    const cleanup = classifyLines(['Progress Made, But 104,000 Still in Dark After Storm', PROSE].join('\n'));
    expect(cleanup.headline?.text).toBe('Progress Made, But 104,000 Still in Dark After Storm');
    const affiliation = classifyLines(['Terry Slevin, Cancer Council Australia', 'Sunscreen works, a new study finds', PROSE].join('\n'));
    expect(affiliation.lines[0]?.reason).toBe('byline');
    expect(affiliation.headline?.text).toBe('Sunscreen works, a new study finds');
  });

  it('removes a video’s title with its running time, and keeps a sentence with a time', () => {
    expect(reasonFor('Northeast Recovers From Holiday Storm, As Some Outages Remain 1:56')).toBe('promotion');
    expect(reasonFor('Crews report controlling the fire at 11:13')).toBe('kept');
  });
});

describe('the hand-labelled news pages', () => {
  // Sealed pages too, for their labels; nothing here scores them (page-fixtures.ts).
  const pages = loadPages({ sealed: true });

  it('are at least 15 pages from at least 8 publications, each with its source and terms', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
    expect(new Set(pages.map((page) => page.labels.publication)).size).toBeGreaterThanOrEqual(8);
    for (const page of pages) {
      expect(page.labels.source, page.name).toMatch(/\S/u);
      expect(page.labels.terms, page.name).toMatch(/\S/u);
      const lines = page.text.split('\n');
      for (const number of [...expandLines(page.labels.article), ...expandLines(page.labels.caption)]) {
        expect(number, `${page.name} line ${number}`).toBeLessThanOrEqual(lines.length);
      }
    }
  });

  it('keep the pages the line model does not train on (held out or sealed) to publications never tuned on', () => {
    const tuned = new Set(pages.filter((page) => page.labels.set === 'tuning').map((page) => page.labels.publication));
    const unseen = pages.filter((page) => page.labels.set !== 'tuning');
    expect(unseen.filter((page) => tuned.has(page.labels.publication)).map((page) => page.name)).toEqual([]);
  });

  it('on the tuning pages: keeps ≥ 98% of article lines, removes ≥ 90% of furniture, every headline but four right', () => {
    const scores = pages.filter((page) => page.labels.set === 'tuning').map((page) => scorePage(page));
    const result = figures(scores);
    // Four misses. A page whose copied text starts with the site's name and has no headline:
    // nothing in the text tells the two apart; naming the publication in the source removes it.
    // A page whose headline was copied glued to a caption on one line. A blog whose title ends
    // with a full stop (its archive label above is now removed, so no headline is found). A post
    // whose title carries its date ("Superintendent's Blog - February 14, 2023"), removed as a
    // dateline. (The page whose summary stands above its headline now finds it.)
    expect(scores.filter((score) => !score.headlineRight).map((score) => `${score.name}: ${score.headline}`)).toEqual([
      'h27-kathyann-fire: (none)',
      'h28-slcschools-blog: (none)',
      't11-wickedlocal-saugus: Wicked Local',
      't30-europesays-men: (none)',
    ]);
    expect(result.articleKeptShare).toBeGreaterThanOrEqual(0.98);
    expect(result.furnitureRemovedShare).toBeGreaterThanOrEqual(0.9);
  });

  it('on each fresh round’s pages: does no worse than measured when they were first run', () => {
    // Each round's held-out pages were labelled, then measured once before any rule was changed
    // for them, then became tuning pages for the next round:
    //   round 1 (t11-t17): 28/29 article lines kept, 23/26 furniture lines removed, 5/7 headlines
    //   round 2 (t18-t22): 23/23 kept, 12/25 removed, 4/5 headlines
    //   round 3 (t23-t27): 37/37 kept, 12/37 removed, 1/5 headlines
    //   round 4 (t28-t32): 27/27 kept, 19/34 removed, 0/5 headlines
    //   round 5 (t37-t42, six publications never tuned on): 25/25 kept, 26/37 removed (70%), 5/6 headlines
    //   round 6 (t43-t48, six publications never tuned on):
    //     18/18 kept, 10/24 removed (42%; one page's comment rules are 10 of the 14 misses), 3/6 headlines
    //   round 7 (h23-h28, six publications never tuned on): 20/22 kept (91%), 7/10 removed (70%), 3/6 headlines
    //   round 8 (h29-h37, nine publications never tuned on, collected after round 8's rules were
    //     final): 53/53 kept (100%), 20/29 removed (69%), 6/9 headlines (round 7's rules: 53/53, 16/29, 6/9)
    //   round 9 (h38-h46, nine publications never tuned on, collected after round 9's rules were
    //     final): 51/51 kept (100%), 11/17 removed (65%), 7/9 headlines
    //     (round 8's rules: 51/51, 11/17, 7/9; round 7's: 51/51, 10/17, 7/9)
    //   From round 10 a learned line model (features.ts, scripts/train-cleanup.ts) judges the lines
    //   the rules keep; it trains on the tuning pages only. scripts/cleanup-loo.ts estimates it with
    //   one publication left out (92 tuning pages: 99.0% kept, 97.1% removed, 88/92 headlines;
    //   after round 12's rules, 111 tuning pages: 99.7% kept, 98.1% removed, 107/111 headlines;
    //   after round 13's rules, 130 tuning pages: 99.7% kept, 98.0% removed, 126/130 headlines).
    //   round 10 (h47-h65, 19 publications never tuned on, collected after round 10's rules and
    //     model were final): 99/108 kept (91.7%; a list of 8 items taken for a menu), 21/26 removed
    //     (80.8%), 18/19 headlines (the rules alone: 101/108, 20/26, 18/19)
    //   round 11 (h66-h84, 19 publications never tuned on, collected after round 11's rules and
    //     model were final): 111/114 kept (97.4%; two of the three are the stored excerpt's cut-off
    //     last lines), 14/16 removed (87.5%), 18/19 headlines (the rules alone: 111/114, 13/16,
    //     18/19). Round 12's rules were then developed on these pages, which became tuning pages.
    //   round 12 (h85-h103, 19 publications never tuned on, collected after round 12's rules and
    //     model were final): 109/131 kept (83.2%; 20 of the 22 are one page's schedule of events
    //     printed under the story, taken for the page's footer, the other two are cut-off last
    //     paragraphs), 28/32 removed (87.5%), 18/19 headlines (a picture's credit in brackets taken
    //     for the headline); the rules alone the same. Round 13's rules were then developed on these
    //     pages, which became tuning pages: on them now 131/131 kept, 32/32 removed, 19/19 headlines.
    //   round 13 (h104-h127, the current held-out pages, 24 publications never tuned on, labelled by
    //     hand and committed as "sealed" before anything scored them, measured once when round 13's
    //     rules and model were frozen): 196/208 kept (94.2%; 7 of the 12 are where a stored excerpt
    //     is cut off, six last lines and a crosshead above one, taken for the page's footer; 5 are
    //     one page's quoted warning, "It reads:", its crosshead and list, taken for a menu), 53/64
    //     removed (82.8%; pictures' descriptions and captions without a credit, a video player's
    //     error text, a comment form's prompt), 20/24 headlines (a breadcrumb
    //     trail, an archive's "DATE:" field, and on two pages with no headline a caption and a
    //     standfirst); the rules alone: 196/208, 49/64, 20/24.
    // The targets (>= 98% kept, >= 90% removed, every headline right) were not met on
    // unseen pages. Each fresh round since round 7 is held to its first figures (a few of its
    // labels were corrected since), so no change undoes what a round taught.
    const rounds = [
      { round: 7, from: 23, to: 28, kept: [20, 22], removed: [7, 10], headlines: 3 },
      { round: 8, from: 29, to: 37, kept: [53, 53], removed: [20, 29], headlines: 6 },
      { round: 9, from: 38, to: 46, kept: [51, 51], removed: [11, 17], headlines: 7 },
      { round: 10, from: 47, to: 65, kept: [99, 108], removed: [21, 26], headlines: 18 },
      { round: 11, from: 66, to: 84, kept: [111, 114], removed: [14, 16], headlines: 18 },
      { round: 12, from: 85, to: 103, kept: [109, 131], removed: [28, 32], headlines: 18 },
      { round: 13, from: 104, to: 127, kept: [196, 208], removed: [53, 64], headlines: 20 },
    ] as const;
    for (const { round, from, to, kept, removed, headlines } of rounds) {
      const roundPages = pages.filter((page) => {
        const number = Number(/^h(\d+)-/u.exec(page.name)?.[1]);
        return number >= from && number <= to;
      });
      const scores = roundPages.map((page) => scorePage(page));
      expect(roundPages.length, `round ${round}`).toBe(to - from + 1);
      const result = figures(scores);
      expect(result.articleKeptShare, `round ${round} article lines kept`).toBeGreaterThanOrEqual(kept[0] / kept[1]);
      expect(result.furnitureRemovedShare, `round ${round} furniture removed`).toBeGreaterThanOrEqual(removed[0] / removed[1]);
      expect(result.headlinesRight, `round ${round} headlines`).toBeGreaterThanOrEqual(headlines);
    }
  });

  it('never takes a line of the article for the headline, where the headline is wrong', () => {
    const articleHeadlines = pages
      .filter((page) => page.labels.set !== 'sealed')
      .filter((page) => {
        const headline = classifyLines(page.text).headline;
        return headline !== undefined && headline.text !== page.labels.headline && expandLines(page.labels.article).has(headline.line);
      })
      .map((page) => page.name);
    expect(articleHeadlines).toEqual([]);
  });
});

describe('the learned line model', () => {
  it('is what scripts/train-cleanup.ts trains from the labelled pages (regenerate it when they change)', () => {
    expect(LINE_MODEL).toEqual(train(rowsOf(loadPages().filter((page) => page.labels.set === 'tuning')), THRESHOLD));
    expect(LINE_MODEL?.features).toEqual([...LINE_FEATURE_NAMES]);
  });

  it('takes out sentence-shaped furniture between paragraphs with a named reason, and keeps a crosshead', () => {
    const page = [
      'Zoo welcomes a baby giraffe',
      PROSE,
      'Subscribe to our YouTube channel',
      SECOND,
      'The calf’s first week',
      PROSE.replace('Tuesday', 'Friday'),
    ].join('\n');
    const withModel = classifyLines(page);
    const rulesAlone = classifyLines(page, { lineModel: null });
    expect(rulesAlone.lines[2]?.kind).toBe('body');
    expect(withModel.lines[2]).toMatchObject({ kind: 'removed', reason: 'subscription-prompt' });
    expect(withModel.lines[4]?.kind).toBe('body');
  });

  it('names every line it removes on the pages with one of the reasons', () => {
    for (const page of loadPages()) {
      for (const line of classifyLines(page.text).lines) {
        if (line.kind === 'removed') expect(REMOVAL_REASON_NAMES, `${page.name} line ${line.line}`).toContain(line.reason);
      }
    }
  });
});

describe('the headline is never the site’s appeal or the author’s name', () => {
  it('skips an appeal to the reader above the headline', () => {
    const cleanup = classifyLines(
      ['Donate to the American Red Cross to help Hurricane Florence victims', 'St. Louis Zoo Shows Off New Babies', PROSE].join('\n'),
    );
    expect(cleanup.headline?.text).toBe('St. Louis Zoo Shows Off New Babies');
    expect(cleanup.lines[0]).toMatchObject({ kind: 'removed', reason: 'subscription-prompt' });
  });

  it('takes a name beside the date for the byline, and a title in title case for the headline', () => {
    const byline = classifyLines(['Posted: Mar 19, 2018 1:19 PM', 'Ben Nicholas', PROSE, SECOND].join('\n'));
    expect(byline.headline).toBeUndefined();
    expect(byline.lines[1]).toMatchObject({ kind: 'removed', reason: 'byline' });
    expect(classifyLines(['Firefighters Save Home', PROSE, SECOND].join('\n')).headline?.text).toBe('Firefighters Save Home');
  });
});

describe('round 12: the families behind round 11’s misses', () => {
  it('removes link calls, sign-offs, logos, app adverts and archive notices in any words', () => {
    expect(reasonFor('See the full list of market vendors here.')).toBe('related-link');
    expect(reasonFor('Watch the full interview with the mayor below')).toBe('related-link');
    expect(reasonFor('To see more photos from opening day visit the city’s Facebook page')).toBe('related-link');
    expect(reasonFor("Stay with Arizona's Family for updates on this developing story as they become available.")).toBe('promotion');
    expect(reasonFor('Follow WXYZ 7 Action News for the latest on this story.')).toBe('promotion');
    expect(reasonFor('Check back later for updates.')).toBe('promotion');
    expect(reasonFor('B105 logo')).toBe('picture-description');
    expect(reasonFor('Get our free mobile app')).toBe('app-prompt');
    expect(reasonFor('Download the News 5 app for iPhone and Android')).toBe('app-prompt');
    expect(reasonFor('Get it on Google Play')).toBe('app-prompt');
    expect(reasonFor('This is an archived article and the information in the article may be outdated.')).toBe('site-notice');
  });

  it('keeps sentences of the report that look like those lines', () => {
    expect(reasonFor('If you travel by Merseyrail, you can plan your journey here.')).toBe('kept');
    expect(reasonFor('The council will follow the consultants for more than a year, the mayor said.')).toBe('kept');
    expect(reasonFor('The company said it would get the app approved by regulators before the launch of its service in May.')).toBe('kept');
    expect(reasonFor('The club unveiled its new logo on Tuesday after a vote of its members.')).toBe('kept');
  });

  it('takes a writer’s role under the byline for the byline, never for the headline', () => {
    const cleanup = classifyLines(['By David Fleet', 'Editor', PROSE, SECOND].join('\n'));
    expect(cleanup.headline).toBeUndefined();
    expect(cleanup.lines.map((line) => [line.kind, line.reason])).toEqual([
      ['removed', 'byline'],
      ['removed', 'byline'],
      ['body', undefined],
      ['body', undefined],
    ]);
    for (const role of ['Staff Writer', 'Senior Reporter', 'Managing Editor', 'Contributing Photographer', 'Correspondent'])
      expect(reasonFor(role), role).toBe('byline');
  });

  it('keeps the last paragraph cut off by the copy, and still removes a footer line there', () => {
    const cutOff = parseArticle(['Council meets again', PROSE, SECOND, 'The city had sought $425,000 in state money, and'].join('\n'));
    expect(cutOff.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([
      PROSE,
      SECOND,
      'The city had sought $425,000 in state money, and',
    ]);
    const footer = parseArticle(['Council meets again', PROSE, SECOND, 'Click the link to share this story with your friends'].join('\n'));
    expect(footer.paragraphs).toHaveLength(2);
    // Not the last line and not ending on a little word: a footer line, as before.
    const notLast = parseArticle(['Council meets again', PROSE, SECOND, 'Our newsroom covers the whole county', 'Home'].join('\n'));
    expect(notLast.paragraphs).toHaveLength(2);
  });

  it('does not take a paragraph of several sentences that lost its full stop for a caption, unless a credit stands beside it', () => {
    const paragraph =
      'The driver was taken to a hospital with serious injuries. Impairment is unknown at this time. This is an ongoing investigation';
    const lost = classifyLines(['Crash on Grand Avenue', PROSE, paragraph, SECOND].join('\n'));
    expect(lost.lines[2]?.kind).toBe('body');
    const credited = classifyLines(['Crash on Grand Avenue', PROSE, 'Photo submitted by Jane Doe', paragraph, SECOND].join('\n'));
    expect(credited.lines[3]?.kind).toBe('caption');
    // One sentence without its stop between paragraphs is still a caption.
    const caption = classifyLines(
      ['Crash on Grand Avenue', PROSE, 'Firefighters work at the scene of the crash on Grand Avenue on Saturday night', SECOND].join('\n'),
    );
    expect(caption.lines[2]?.kind).toBe('caption');
  });

  it('keeps the crosshead that opens an article set out in sections', () => {
    const article = parseArticle(
      [
        'Thousands without power as the region braces for the cold',
        'A Storm Arrives on Sunday',
        PROSE,
        'Widespread Power Outages',
        SECOND,
        'Preparing for Colder Days',
        PROSE.replace('Tuesday', 'Friday'),
        'Local Response and Concerns',
        SECOND.replace('Wednesday', 'Thursday'),
      ].join('\n'),
    );
    expect(article.removed).toEqual([]);
    expect(article.paragraphs[0]?.sentences[0]?.text).toBe('A Storm Arrives on Sunday');
    // Without sections, a short label above the first sentence is still the page's.
    const label = parseArticle(
      ['Thousands without power as the region braces for the cold', 'Storm Coverage 2024', PROSE, SECOND].join('\n'),
    );
    expect(label.removed.map((line) => line.reason)).toEqual(['page-header']);
  });
});

describe('round 13: the families behind round 12’s misses', () => {
  const SCHEDULE = [
    'Fair and Rodeo events this week',
    'Thursday',
    'Sheep/Goat Show: 8 a.m.',
    'Cat Show: 3 p.m.',
    'Family Fun Night: 5 – 7 p.m.',
    'Friday',
    'Beef Show 8 a.m.',
    'Ranch Rodeo: Noon',
  ];

  it('keeps a schedule of events printed under the story, with its heading, as the article’s', () => {
    const cleanup = classifyLines(['County fair opens', PROSE, SECOND, ...SCHEDULE, '© 2024 The County Times'].join('\n'));
    expect(cleanup.lines.slice(3, -1).map((line) => line.kind)).toEqual(SCHEDULE.map(() => 'body'));
    expect(cleanup.lines.at(-1)).toMatchObject({ kind: 'removed', reason: 'copyright' });
    // Between paragraphs it is not a list of links either.
    const between = classifyLines(['County fair opens', PROSE, ...SCHEDULE, SECOND].join('\n'));
    expect(between.lines.map((line) => line.kind)).toEqual(['headline', ...[PROSE, ...SCHEDULE, SECOND].map(() => 'body')]);
  });

  it('still removes a footer of timed lines that is no schedule: two times, a call to watch, or after the page’s furniture', () => {
    const two = classifyLines(['County fair opens', PROSE, SECOND, 'Cat Show: 3 p.m.', 'Beef Show 8 a.m.'].join('\n'));
    expect(two.lines.slice(3).map((line) => line.reason)).toEqual(['page-footer', 'page-footer']);
    const watch = ['Watch live on News 3 at 6:00', 'Listen on 95.5 FM at 7:00', 'Join us on Facebook Live at 8:00'];
    const calls = classifyLines(['County fair opens', PROSE, SECOND, ...watch].join('\n'));
    expect(calls.lines.slice(3).map((line) => line.kind)).toEqual(watch.map(() => 'removed'));
    const afterFurniture = classifyLines(['County fair opens', PROSE, SECOND, 'Share this article', ...SCHEDULE.slice(1)].join('\n'));
    expect(afterFurniture.lines.slice(4).every((line) => line.kind === 'removed')).toBe(true);
  });

  it('keeps a last paragraph cut off by the copy when it is full of names or quotes someone talking to “you”', () => {
    const names =
      'New York Gov. Andrew Cuomo told nonessential state employees to stay home Monday, and New Jersey Gov. Phil Murphy decided to cl';
    const quote =
      '“It builds teamwork because you’re running around the tournament a lot and it’s very competitive and gives you a competitive drive that you would';
    for (const last of [names, quote]) {
      const article = parseArticle(['Schools close as the storm arrives', PROSE, SECOND, last].join('\n'));
      expect(article.paragraphs.at(-1)?.sentences[0]?.text, last).toBe(last);
      expect(article.removed, last).toEqual([]);
    }
    // Talking to the reader outside a quotation is still the page's.
    const footer = parseArticle(
      ['Schools close as the storm arrives', PROSE, SECOND, 'Sign up and we will send you the stories that matter to your family'].join(
        '\n',
      ),
    );
    expect(footer.paragraphs).toHaveLength(2);
  });

  it('removes a picture’s credit in brackets, never takes it for the headline, and keeps an aside in brackets', () => {
    for (const credit of [
      '(Alpha Media file photo)',
      '(Photo by Gwen Shoemaker Photography)',
      '[Courtesy of the Smith family]',
      '(Submitted photo)',
    ])
      expect(reasonFor(credit), credit).toBe('image-credit');
    const top = classifyLines(['(Photo by Gwen Shoemaker Photography)', PROSE, SECOND].join('\n'));
    expect(top.headline).toBeUndefined();
    expect(top.lines[0]).toMatchObject({ kind: 'removed', reason: 'image-credit' });
    expect(reasonFor('(The photo was taken by a neighbour on Sunday morning, police said.)')).toBe('kept');
  });

  it('takes a caption ending with an empty credit’s bar for a caption, and keeps a short label’s bar for navigation', () => {
    const cleanup = classifyLines(
      ['Snow day report', PROSE, "WNYT's snow map. Eastern hill towns have the best chance for delays and snow days. |", SECOND].join('\n'),
    );
    expect(cleanup.lines[2]).toMatchObject({
      kind: 'caption',
      caption: { text: "WNYT's snow map. Eastern hill towns have the best chance for delays and snow days." },
    });
    expect(reasonFor('Local News |')).toBe('navigation');
  });

  it('shows the description of the video at the top as a caption, and keeps a sentence about a video in the story', () => {
    const top = classifyLines(
      ['Video shows a grandma with her granddaughter around the library playing games and drawing.', PROSE, SECOND].join('\n'),
    );
    expect(top.lines.map((line) => line.kind)).toEqual(['caption', 'body', 'body']);
    const inStory = classifyLines(
      ['Library starts its summer challenge', PROSE, 'Video shows the suspect leaving the store at 9 p.m.', SECOND].join('\n'),
    );
    expect(inStory.lines[2]?.kind).toBe('body');
  });

  it('removes an editor’s note in brackets, and keeps an aside of the report in brackets', () => {
    expect(reasonFor('(The following is a transcription of the full broadcast story)')).toBe('editor-note');
    expect(reasonFor('(This story has been updated to include comment from the mayor.)')).toBe('editor-note');
    expect(reasonFor("[Editor's note: An earlier version of this story misstated the date of the vote.]")).toBe('editor-note');
    expect(reasonFor('(The company did not respond to a request for comment.)')).toBe('kept');
    expect(reasonFor('(Updated figures from the county were not available on Monday.)')).toBe('kept');
  });
});

describe('the line model learns from the lines it judges', () => {
  it('leaves out of its training the article’s lines the rules took out, and counts the lines they kept as the article’s in the article', () => {
    const text = [
      'County fair opens',
      'Advertisement',
      'Officials said the fair would open on Thursday.',
      PROSE,
      'Thursday',
      'Cat Show: 3 p.m.',
      'Beef Show 8 a.m.',
      'Ranch Rodeo: Noon',
    ].join('\n');
    const labels = { source: 'made up', publication: 'Made Up', terms: 'test', set: 'tuning' as const, headline: 'County fair opens' };
    const rows = rowsOf([{ name: 'made-up', text, labels: { ...labels, article: ['2-8'], caption: [] } }]);
    // "Advertisement", labelled the article's here but taken out by the rules, is a mistake of the
    // rules the model never sees: no row.
    expect(rows.map((row) => row.text)).toEqual(['Officials said the fair would open on Thursday.', PROSE, ...text.split('\n').slice(4)]);
    // The schedule the rules kept stands inside the article, not under its last sentence.
    const feature = (name: string, row: number): number | undefined =>
      rows[row]?.features[LINE_FEATURE_NAMES.indexOf(name as (typeof LINE_FEATURE_NAMES)[number])];
    expect(feature('after-last-prose', 5)).toBe(0);
    expect(feature('log-distance-to-prose', 5)).toBe(0);
    // Furniture the rules took out is still learnt from.
    const furniture = rowsOf([{ name: 'made-up', text, labels: { ...labels, article: ['3-8'], caption: [] } }]);
    expect(furniture[0]).toMatchObject({ text: 'Advertisement', label: 0 });
  });
});

describe('furniture that pasted pages carry in the wild, wherever it stands', () => {
  const THIRD = 'The mayor said the repairs would cost about $2 million and take most of the summer to finish.';
  /** The line's verdict above the first paragraph, between two paragraphs and under the last one. */
  function verdicts(line: string): Array<RemovalReason | 'kept' | 'caption'> {
    const pages = [
      ['A headline for the test page', line, PROSE, SECOND, THIRD],
      ['A headline for the test page', PROSE, SECOND, line, THIRD],
      ['A headline for the test page', PROSE, SECOND, THIRD, line],
    ];
    return pages.map((page) => {
      const classified = classifyLines(page.join('\n')).lines[page.indexOf(line)];
      return classified?.kind === 'removed' ? (classified.reason ?? 'kept') : classified?.kind === 'caption' ? 'caption' : 'kept';
    });
  }
  const families: Array<[RemovalReason, string[]]> = [
    [
      'site-notice',
      [
        'We use cookies to improve your experience. By continuing to browse you agree to our use of cookies.',
        'This website uses cookies to ensure you get the best experience on our website.',
        'Manage preferences',
        'Reject all',
        'Do Not Sell My Personal Information',
        'Skip to content',
        'This article is more than 2 years old',
      ],
    ],
    ['advertisement', ['Article continues below', 'Advertisement - scroll to continue', 'Story continues below advertisement']],
    ['widget', ['Listen to this article', 'Listen to this article 4 min', 'Play audio']],
    ['dateline', ['Reading time: 4 minutes', '3-minute read', 'Updated 3 hours ago']],
    ['byline', ['About the author', 'Jane Doe is a reporter for the Gazette covering education. Contact her at jdoe@gazette.com.']],
    [
      'related-link',
      ['Trending Now', 'What to read next', 'More from News', "Editor's picks", 'Most read', 'READ MORE: Council approves budget'],
    ],
    ['comment-prompt', ['237 comments', 'Comments (12)']],
    ['subscription-prompt', ['Sign up', 'Create an account', 'Log in']],
    ['gallery', ['1 of 12', 'Photo 3 of 12', 'View gallery', 'View all 12 photos']],
    [
      'navigation',
      [
        'Topics: Politics, Budget, City Council',
        'About Us',
        'Privacy Policy | Terms of Use | Cookie Policy',
        'About us Contact Privacy Terms',
        'Advertise with us',
        'Load more',
      ],
    ],
    ['share-prompt', ['Share this article', 'Share this story']],
    [
      'contact-prompt',
      ['Report a correction', 'Send us a tip', 'Have a news tip? Email us at tips@example.com.', 'Got a story? Get in touch'],
    ],
    // A video player's and a picture's own text, copied with the page.
    [
      'widget',
      [
        'Video Player is loading.',
        'This is a modal window.',
        'Beginning of dialog window. Escape will cancel and close the window.',
        'Now Playing',
        'Autoplay',
      ],
    ],
    ['gallery', ['Show Caption', 'Click to enlarge', 'Open Image Modal', '1/12']],
    ['promotion', ['Recommended Videos', 'Watch Now']],
    ['advertisement', ['Ad Choices', 'AdChoices']],
    [
      'newsletter-prompt',
      [
        'Email Newsletters',
        'Breaking News Alerts',
        'Get the latest news delivered to your inbox',
        'Want to see more stories like this? Sign up for our newsletter.',
      ],
    ],
    [
      'subscription-prompt',
      [
        'Please log in, or sign up for a new account and purchase a subscription to read or post comments.',
        'Subscribe to continue reading',
      ],
    ],
    ['share-prompt', ['Send this to a friend']],
    ['site-notice', ['Our Standards: The Thomson Reuters Trust Principles.', 'Powered by']],
    ['dateline', ['This story was originally published June 3, 2024, 5:00 PM.']],
    ['related-link', ['WATCH: Firefighters battle blaze on Main Street']],
    ['navigation', ['Toggle navigation', 'Contact Us Today']],
    // A press release's and a science story's notes, an obituary's widgets, a sports section's menu.
    ['separator', ['###', '* * *']],
    [
      'editor-note',
      [
        'Journal Reference:',
        'DOI: 10.1038/s41586-024-01234-5',
        'Story Source:',
        'Materials provided by University of Hawaii. Note: Content may be edited for style and length.',
      ],
    ],
    ['contact-prompt', ['Media Contact:', 'Media contact: Jane Doe, 555-123-4567, jdoe@example.edu', 'Contact: Jane Doe, (808) 555-1234']],
    ['comment-prompt', ['Sign the guest book', 'Share a memory', 'Register to comment']],
    ['promotion', ['Send flowers', 'Plant a tree']],
    ['navigation', ['Rugby', 'Latest scores', 'Fixtures', 'Print edition', 'Submit an obituary', 'Live blog']],
    ['subscription-prompt', ['Want to read more? Subscribe today']],
    ['image-credit', ['Courtesy photo', 'Gazette file photo', 'Staff photo by Jane Doe', 'Photo provided', 'Photos submitted by Jane Doe']],
  ];
  for (const [index, [reason, lines]] of families.entries()) {
    it(`removes ${reason} lines above, between and under the paragraphs (${index + 1})`, () => {
      for (const line of lines) expect([line, verdicts(line)]).toEqual([line, [reason, reason, reason]]);
    });
  }

  it('keeps sentences of the report that use the same words, wherever they stand', () => {
    const sentences = [
      'The company said it uses cookies to track what visitors read, regulators found.',
      'Regulators said the site uses cookies to track children without consent.',
      'Residents were asked to manage their water use carefully until Friday.',
      'The advertisement ran in three newspapers on Monday, and the article continues to draw complaints.',
      'Listen to this: the council voted to cut the library’s hours again.',
      'The trip takes about 5 minutes by car, the police said.',
      'Jane Doe is a reporter for the Gazette who was injured covering the protest, police said.',
      'The trending topic on Tuesday was the new bridge, which opened at noon.',
      'More from the council meeting will be published on Friday, the editor said.',
      'He said he would sign up for the program and create an account for his mother.',
      'Only 1 of 12 candidates passed the test, officials said.',
      'Photos of the fire were shared on social media, and the gallery was closed for the day.',
      'Topics discussed included the budget, the new bridge and the library’s hours.',
      'The company’s privacy policy was changed in May, and users were not told.',
      'Anyone with a tip is asked to call Crime Stoppers at 555-1234.',
      'The reporter asked the mayor to send us the documents, but he refused.',
      'This article of the constitution is more than 200 years old, the judge said.',
      'Residents can load more sandbags at the fire station on Main Street.',
      'Police said the video shows the driver playing loud music before the crash.',
      'Email alerts about the storm went out to residents on Monday, the county said.',
      '“Please register your pets with the county by Friday,” the clerk said.',
      'The story was originally published in a local newspaper in 1952, historians said.',
      'Fans can watch now that the league has signed a new television deal.',
      'Contact the county clerk at 555-1234 to register, officials said.',
      'Materials for the project were provided by the county.',
      'The rugby club said fixtures for the new season would be published in June.',
      'The file photo was taken in 2019, police said.',
    ];
    for (const sentence of sentences) expect([sentence, verdicts(sentence)]).toEqual([sentence, ['kept', 'kept', 'kept']]);
  });

  it('takes an author’s biography closing the page for the byline, with or without a way to reach them', () => {
    expect(verdicts('Jane Doe is a reporter for the Gazette covering education.')).toEqual(['kept', 'kept', 'byline']);
    expect(verdicts('Jane Doe covers schools and higher education for the Daily Star.')).toEqual(['kept', 'kept', 'byline']);
  });
});

describe('a page as a browser copies it: the site around the story', () => {
  const THIRD = 'The mayor said the repairs would cost about $2 million and take most of the summer to finish.';

  it('finds a short headline under the site’s title and its menu, and keeps a short headline over a caption', () => {
    const gazette = classifyLines(['Springfield Gazette', 'Local News', 'House fire', 'By Jane Doe', PROSE, SECOND].join('\n'));
    expect(gazette.headline?.text).toBe('House fire');
    expect(gazette.lines[0]).toMatchObject({ kind: 'removed', reason: 'before-headline' });
    const station = classifyLines(
      ['Springfield, MO', 'Advertisement', 'Firefighters Save Home', 'Published: 5:30 PM CDT June 3, 2024', PROSE, SECOND].join('\n'),
    );
    expect(station.headline?.text).toBe('Firefighters Save Home');
    const caption = classifyLines(
      ['House fire', 'Share', 'Firefighters at the scene on Monday', 'Photo: John Smith', PROSE, SECOND].join('\n'),
    );
    expect(caption.headline?.text).toBe('House fire');
    // A title between two dates is no author's name.
    const blog = classifyLines(
      ['Posted on June 3, 2024 by admin', 'Playground Improvements', 'September 10, 2015', PROSE, SECOND].join('\n'),
    );
    expect(blog.headline?.text).toBe('Playground Improvements');
  });

  it('removes a box of other stories under its heading, with their ranks, and keeps a title straight above a paragraph', () => {
    const box = ['Most Read', '1', 'Man charged after crash on Route 66', '2', 'Council approves new park plan', 'Advertisement'];
    const cleanup = classifyLines(['Bridge to close for repairs', PROSE, ...box, SECOND, THIRD].join('\n'));
    expect(cleanup.lines.slice(2, 2 + box.length).map((line) => [line.text, line.reason])).toEqual(
      box.map((text) => [text, text === 'Advertisement' ? 'advertisement' : 'related-link']),
    );
    const crosshead = classifyLines(['Bridge to close for repairs', PROSE, 'Related', 'What happens next', SECOND, THIRD].join('\n'));
    expect(crosshead.lines[3]?.kind).toBe('body');
  });

  it('removes the tags under a tag list’s heading, and the author’s name over the date', () => {
    const tags = classifyLines(['Bridge to close for repairs', PROSE, 'Topics', 'Springfield', 'City Council', SECOND, THIRD].join('\n'));
    expect(tags.lines.slice(2, 5).map((line) => line.reason)).toEqual(['navigation', 'navigation', 'navigation']);
    const name = classifyLines(['Bridge to close for repairs', 'Jane Doe', 'Monday 3 June 2024 5:00pm BST', PROSE, SECOND].join('\n'));
    expect(name.lines[1]).toMatchObject({ kind: 'removed', reason: 'byline' });
    expect(name.byline).toBe('Jane Doe');
  });

  it('keeps a one-paragraph story whose footer carries the author’s biography', () => {
    const article = parseArticle(
      [
        'Bridge to close for repairs',
        'By Jane Doe',
        PROSE,
        'Jane Doe is a reporter for the Gazette covering city hall. Contact her at jdoe@example.com.',
        'Most Read',
        'Man charged after crash on Route 66',
      ].join('\n'),
    );
    expect(article.paragraphs.map((paragraph) => paragraph.sentences[0]?.text)).toEqual([PROSE]);
  });

  it('removes a blog’s comment form and footer, the station’s author line and its public file', () => {
    const cases: Array<[string, RemovalReason]> = [
      ['Author: KSPR Staff', 'byline'],
      ['Written by Jane Doe', 'byline'],
      ['Blog at WordPress.com.', 'site-notice'],
      ['Proudly powered by WordPress', 'site-notice'],
      ['Leave a Reply Cancel reply', 'comment-prompt'],
      ['Your email address will not be published. Required fields are marked *', 'comment-prompt'],
      ['Like this:', 'share-prompt'],
      ['FCC Public File', 'navigation'],
    ];
    for (const [line, reason] of cases) expect([line, reasonFor(line)]).toEqual([line, reason]);
    for (const sentence of [
      'Authors say the study is flawed, and the journal will review it.',
      'The site was powered by solar panels, the company said.',
    ])
      expect(reasonFor(sentence)).toBe('kept');
  });

  // Every tuning page with a headline, pasted with the site around it as a browser copies it: a
  // menu, a cookie banner and the site's title above; the byline, date and buttons under the
  // headline; tags, the author's box, comments, a box of other stories and the footer's links under
  // the story. The story's own lines are the page's (the labels say which are the article's).
  const STYLES = {
    local: {
      above: [
        'Skip to content',
        'Menu',
        'Search',
        'Subscribe',
        'Log In',
        'News',
        'Local',
        'Sports',
        'Obituaries',
        'E-Edition',
        'We use cookies to personalise content and ads. By continuing to use this site you agree to our use of cookies.',
        'Accept',
        'Springfield Gazette',
        'Local News',
      ],
      under: ['By Jane Doe', 'Published June 3, 2024 at 5:00 p.m.', 'Share on Facebook', 'Share on X', 'Email', 'Print'],
      footer: [
        'Tags: Springfield, City Council',
        'Jane Doe is a reporter for the Springfield Gazette covering city hall. Contact her at jdoe@example.com.',
        'Comments',
        'Most Read',
        'Man charged after crash on Route 66',
        'Council approves new park plan',
        'About Us',
        'Contact Us',
        'Privacy Policy',
        'Terms of Use',
        '© 2024 Springfield Gazette. All rights reserved.',
      ],
    },
    station: {
      above: [
        'Skip to main content',
        'Watch Live',
        'Search',
        'News',
        'Weather',
        'Sports',
        'Sign up for newsletters',
        '73°',
        'Springfield, MO',
        'Advertisement',
      ],
      under: ['Author: KSPR Staff', 'Published: 5:30 PM CDT June 3, 2024', 'Updated: 6:45 PM CDT June 3, 2024', 'Listen to this article'],
      footer: [
        'Copyright 2024 KSPR. All rights reserved.',
        'Related Articles',
        'Storm damage reported across the Ozarks',
        'Police identify victim in Monday shooting',
        'Download the KSPR app',
        'Follow us on Facebook',
        'FCC Public File',
        'EEO Report',
        'Closed Captioning',
        'Do Not Sell My Personal Information',
      ],
    },
  };
  it('on the tuning pages pasted with the site around them: keeps their article and headline, and removes the site', () => {
    const pages = loadPages().filter((page) => page.labels.set === 'tuning' && page.labels.headline !== null);
    for (const [style, { above, under, footer }] of Object.entries(STYLES)) {
      let kept = 0;
      let articleLines = 0;
      let siteKept = 0;
      const headlinesWrong: string[] = [];
      for (const page of pages) {
        const lines = page.text.split('\n');
        const at = lines.findIndex((line) => line.trim() === page.labels.headline);
        const text = [...above, ...lines.slice(0, at + 1), ...under, ...lines.slice(at + 1), ...footer].join('\n');
        const original = (n: number): number => (n <= at + 1 ? n + above.length : n + above.length + under.length);
        const article = new Set([...expandLines(page.labels.article)].map(original));
        const ownLines = new Set(lines.map((_, index) => original(index + 1)));
        const cleanup = classifyLines(text);
        for (const line of cleanup.lines) {
          if (article.has(line.line)) {
            articleLines++;
            if (line.kind === 'body') kept++;
          } else if (!ownLines.has(line.line) && line.kind === 'body') siteKept++;
        }
        if (cleanup.headline?.text !== page.labels.headline) headlinesWrong.push(page.name);
      }
      // Measured when written (81 pages): 384/388 kept (three of the four are a stored excerpt's cut-off
      // last paragraph, no longer last), none of the site's lines kept, headlines wrong on the three
      // tuning misses and on three pages whose own top (a summary, a site's outage notice, a section
      // page) hides the headline under the site's title.
      expect(kept / articleLines, style).toBeGreaterThanOrEqual(0.985);
      expect(siteKept, style).toBe(0);
      expect(headlinesWrong.length, `${style}: ${headlinesWrong.join(', ')}`).toBeLessThanOrEqual(6);
    }
  });
});

describe('the article’s own data: results, line-ups and labelled lines', () => {
  const THIRD = 'The mayor said the repairs would cost about $2 million and take most of the summer to finish.';

  it('keeps a list of results between paragraphs, and still removes a list of titles there', () => {
    const results = ['Springfield 24, Shelbyville 17', 'Ogdenville 10, North Haverbrook 3', 'Capital City 31, Brockway 28'];
    const cleanup = classifyLines(['Springfield wins the derby', PROSE, ...results, SECOND, THIRD].join('\n'));
    expect(cleanup.lines.map((line) => line.kind)).toEqual(['headline', 'body', 'body', 'body', 'body', 'body', 'body']);
    const titles = ['Mayor Opens New Park', 'School Board Votes Tonight', 'Bridge Repairs Begin'];
    const links = classifyLines(['Springfield wins the derby', PROSE, ...titles, SECOND, THIRD].join('\n'));
    expect(links.lines.slice(2, 5).map((line) => line.reason)).toEqual(['link-list', 'link-list', 'link-list']);
  });

  it('keeps a labelled line (a team’s line-up) between paragraphs as the article’s, and a picture’s label as a caption', () => {
    const lineUp = 'Springfield: J. Smith, A. Jones, B. Brown, C. Davis, E. Evans, F. Ford, G. Green, H. Hill, I. Irwin';
    const cleanup = classifyLines(['Springfield wins the derby', PROSE, lineUp, SECOND, THIRD].join('\n'));
    expect(cleanup.lines[2]?.kind).toBe('body');
    const pictured = 'Pictured: The mayor with the winners of the spelling bee at the library on Monday';
    expect(classifyLines(['Springfield wins the derby', PROSE, pictured, SECOND, THIRD].join('\n')).lines[2]?.kind).toBe('caption');
  });
});

describe('a list the article introduces in its own words', () => {
  it('keeps the items under a sentence ending with a colon, at the end of the story or between its paragraphs', () => {
    const items = ['Main Street closed between Elm and Oak', 'Shelters open at the high school', 'Power expected back by Friday'];
    const atEnd = classifyLines(
      ['Storm leaves thousands in the dark', PROSE, SECOND, 'Here’s what you need to know:', ...items].join('\n'),
    );
    expect(atEnd.lines.slice(3).map((line) => line.kind)).toEqual(['body', 'body', 'body', 'body']);
    const between = classifyLines(
      ['Storm leaves thousands in the dark', PROSE, 'Here’s what you need to know:', ...items, SECOND].join('\n'),
    );
    expect(between.lines.map((line) => line.kind)).toEqual(['headline', 'body', 'body', 'body', 'body', 'body', 'body']);
    // A prompt ending with a colon introduces the site's links, not the article's list.
    const prompt = classifyLines(
      ['Storm leaves thousands in the dark', PROSE, SECOND, 'Sign up to get these stories:', ...items].join('\n'),
    );
    expect(prompt.lines.slice(4).every((line) => line.kind === 'removed')).toBe(true);
  });
});

describe('data printed under the story', () => {
  it('keeps a match report’s line-ups and an event’s details under the last paragraph, and removes the site’s contact details there', () => {
    const match = [
      'Springfield: J. Smith, A. Jones, B. Brown, C. Davis',
      'Scorers: Smith 2, Jones',
      'Referee: P. Walsh',
      'Attendance: 1,234',
    ];
    const report = classifyLines(['Springfield win the derby', PROSE, SECOND, ...match].join('\n'));
    expect(report.lines.slice(3).map((line) => line.kind)).toEqual(match.map(() => 'body'));
    const event = ['When: Saturday, 10 a.m. to 2 p.m.', 'Where: Springfield Public Library, 123 Main St.', 'Cost: Free'];
    const notice = classifyLines(['Library hosts a book fair', PROSE, SECOND, ...event].join('\n'));
    expect(notice.lines.slice(3).map((line) => line.kind)).toEqual(event.map(() => 'body'));
    const contact = ['Phone: (417) 555-1234', 'Email: news@example.com', 'Address: 999 W Sunshine St, Springfield'];
    const footer = classifyLines(['Library hosts a book fair', PROSE, SECOND, ...contact].join('\n'));
    expect(footer.lines.slice(3).every((line) => line.kind === 'removed')).toBe(true);
  });
});

describe('the headline among short titles', () => {
  it('takes the lower of two short titles over the byline, never a name or an author’s role, and keeps a headline that starts with “Watch:”', () => {
    expect(classifyLines(['Springfield Gazette', 'Mayor resigns', 'By Jane Doe', PROSE, SECOND].join('\n')).headline?.text).toBe(
      'Mayor resigns',
    );
    expect(classifyLines(['Mayor resigns', 'Jane Doe', 'June 3, 2024', PROSE, SECOND].join('\n')).headline?.text).toBe('Mayor resigns');
    expect(classifyLines(['Graduation Announcements', 'Dallis Mullett, Editor', PROSE, SECOND].join('\n')).headline?.text).toBe(
      'Graduation Announcements',
    );
    const watch = classifyLines(['Watch: Mayor resigns after vote', PROSE, 'WATCH: Council reacts to the vote', SECOND].join('\n'));
    expect(watch.headline?.text).toBe('Watch: Mayor resigns after vote');
    expect(watch.lines[2]).toMatchObject({ kind: 'removed', reason: 'related-link' });
  });
});

describe('a picture’s credit in a few words', () => {
  it('is never the headline, and makes no paragraph beside it a caption', () => {
    const top = classifyLines(['Courtesy photo', 'Mayor resigns', PROSE, SECOND].join('\n'));
    expect(top.headline?.text).toBe('Mayor resigns');
    expect(top.lines[0]).toMatchObject({ kind: 'removed', reason: 'before-headline' });
    const between = classifyLines(['Mayor resigns', PROSE, 'Submitted photo', SECOND, PROSE.replace('Tuesday', 'Friday')].join('\n'));
    expect(between.lines.map((line) => line.kind)).toEqual(['headline', 'body', 'removed', 'body', 'body']);
    expect(between.lines[2]?.reason).toBe('image-credit');
  });
});

describe('a long last paragraph cut off by the copy', () => {
  it('stays when it uses furniture’s nouns or is full of names, and a long line talking to the reader still goes', () => {
    for (const last of [
      'The library will offer free classes on how to store photos and share video with family members over the summer, and',
      'Springfield Mayor John Smith and Shelbyville Mayor Jane Doe told the Springfield City Council on Monday that the two towns would',
    ]) {
      const article = parseArticle(['Library plans summer classes', PROSE, SECOND, last].join('\n'));
      expect(article.removed, last).toEqual([]);
    }
    const footer = parseArticle(
      [
        'Library plans summer classes',
        PROSE,
        SECOND,
        'You can unsubscribe at any time by clicking the link in the footer of our emails',
      ].join('\n'),
    );
    expect(footer.paragraphs).toHaveLength(2);
  });
});

describe('found on pages pasted by hand after round 13 was measured', () => {
  it('takes a writer’s role on any beat under their name for the byline, and keeps a title about an editor', () => {
    const page = classifyLines(['Storms flood coastal towns', 'Alex Moreno', 'Environment correspondent', PROSE].join('\n'));
    expect(page.headline?.text).toBe('Storms flood coastal towns');
    expect(page.lines.slice(1, 3).map((line) => [line.kind, line.reason])).toEqual([
      ['removed', 'byline'],
      ['removed', 'byline'],
    ]);
    expect(reasonFor('Foreign affairs editor')).toBe('byline');
    expect(reasonFor('Chief Political Correspondent')).toBe('byline');
    expect(classifyLines(['Meet the new editor', PROSE].join('\n')).headline?.text).toBe('Meet the new editor');
  });

  it('removes a line pointing to a video, in brackets too, without taking the paragraph above for a caption', () => {
    for (const pointer of [
      'Video above: Parents react to the decision',
      'Related video: Parents react',
      '(Video above: parents react to the decision)',
    ]) {
      const page = classifyLines(['Council approves bike lanes', PROSE, pointer, SECOND].join('\n'));
      expect(
        page.lines.map((line) => line.kind),
        pointer,
      ).toEqual(['headline', 'body', 'removed', 'body']);
      expect(page.lines[2]?.reason, pointer).toBe('related-link');
    }
  });
});

describe('the families behind round 13’s misses', () => {
  it('takes a breadcrumb trail ending with the page’s own title for navigation, not the headline', () => {
    const title = 'Eight club and college champions found on dramatic afternoon of rugby';
    const page = classifyLines([`Home > Club Rugby > ${title}`, title, PROSE].join('\n'));
    expect(page.headline?.text).toBe(title);
    expect(page.lines[0]).toMatchObject({ kind: 'removed', reason: 'navigation' });
    // A trail of short steps only, as before; a sentence with an arrow in it is not one.
    expect(reasonFor('News > Local > Schools')).toBe('navigation');
    expect(reasonFor('Sales rose from 40 > 50 percent of the target this year, the company said in its report.')).toBe('kept');
  });

  it('removes a comment form’s prompts and a failed video player’s text, and keeps sentences about them', () => {
    for (const line of ['Please enter your comment!', 'Please enter your name here', 'You have entered an incorrect email address!']) {
      expect(reasonFor(line), line).toBe('comment-prompt');
    }
    for (const line of [
      'We apologize, but this video has failed to load.',
      'tap here to see other videos from our team. Try refreshing your browser, or RCMP at scene Back to video',
      'Your browser does not support the video tag.',
    ]) {
      expect(reasonFor(line), line).toBe('widget');
    }
    expect(reasonFor('Please enter your comments on the plan by Friday, the council said in a statement.')).toBe('kept');
    expect(reasonFor('The video has failed to load for many viewers since Monday, the broadcaster said.')).toBe('kept');
  });

  it('removes an archive’s record fields above the headline', () => {
    const page = classifyLines(
      [
        'DATE: WEDNESDAY, April 11, 1990     TAG: 9004110439',
        'SECTION: VIRGINIA   PAGE: B8   EDITION: METRO',
        'SALEM SCHOOLS OK $18.2 MILLION BUDGET',
        PROSE,
      ].join('\n'),
    );
    expect(page.headline?.text).toBe('SALEM SCHOOLS OK $18.2 MILLION BUDGET');
    expect(page.lines.slice(0, 2).map((line) => line.reason)).toEqual(['dateline', 'dateline']);
  });

  it('finds pictures’ captions without a credit beside them, and the alternative text above a caption', () => {
    expect(parseGluedCredit('The Petone Colts celebrating winning the title this afternoon. PHOTO: Mike Lewis Pictures.')).toEqual({
      text: 'The Petone Colts celebrating winning the title this afternoon.',
      credit: 'Mike Lewis Pictures',
    });
    expect(reasonFor('An RCMP cruiser is seen in this undated file photograph.')).toBe('caption');
    expect(reasonFor('Police said the driver was seen in a nearby store before the crash happened.')).toBe('kept');
    const captioned = 'Firefighters at the scene on Main Street on Tuesday. Photo: Jane Doe/Gazette';
    const alt = classifyLines(['Fire destroys barn', PROSE, 'A paddock of green grass.', captioned, SECOND].join('\n'));
    expect(alt.lines.slice(2, 4).map((line) => [line.kind, line.reason])).toEqual([
      ['removed', 'picture-description'],
      ['caption', undefined],
    ]);
    // A short paragraph of the story above a caption stays: it tells its news with a verb.
    for (const short of [
      'The cause of the fire is under investigation.',
      'The barn burned for three hours.',
      'The family escaped unhurt.',
    ]) {
      const page = classifyLines(['Fire destroys barn', PROSE, short, captioned, SECOND].join('\n'));
      expect(page.lines[2]?.kind, short).toBe('body');
    }
    // Above a caption known by its shape alone (no credit), a short line is left to the story.
    const uncredited = 'Firefighters at the scene on Main Street on Tuesday after the barn fire was put out';
    const page = classifyLines(
      [
        'Fire destroys barn',
        PROSE,
        SECOND,
        'Two people remain in hospital.',
        uncredited,
        PROSE.replace('Tuesday', 'Friday'),
        SECOND.replace('Wednesday', 'Thursday'),
      ].join('\n'),
    );
    expect(page.lines[4]?.kind).toBe('caption');
    expect(page.lines[3]?.kind).toBe('body');
  });
});
