// Builds the files the import tests and the import benchmark read: a page saved from a browser,
// a Word document and PDFs, all made here so that no third-party file is needed.
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';

export interface SavedPageParts {
  headline: string;
  byline?: string;
  paragraphs: readonly string[];
  caption?: string;
  siteName?: string;
}

function escape(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');
}

/**
 * A news page as a browser saves it: head metadata, a menu, share buttons, the article with a
 * figure, related links, a footer, and scripts and remote resources that must never run or load.
 */
export function savedPage(parts: SavedPageParts): string {
  const site = escape(parts.siteName ?? 'The Daily Example');
  const paragraphs = parts.paragraphs.map((text) => `      <p>${escape(text)}</p>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escape(parts.headline)} | ${site}</title>
  <meta property="og:site_name" content="${site}">
  <meta property="og:title" content="${escape(parts.headline)}">
  ${parts.byline ? `<meta name="author" content="${escape(parts.byline)}">` : ''}
  <link rel="stylesheet" href="https://cdn.example.invalid/site.css">
  <script>globalThis.__evidentScriptRan = true; fetch('https://tracker.example.invalid/ping');</script>
  <script src="https://ads.example.invalid/ads.js"></script>
</head>
<body>
  <header>
    <a href="/">${site}</a>
    <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
  </header>
  <main>
    <article>
      <h1>${escape(parts.headline)}</h1>
      ${parts.byline ? `<p class="byline">By <a rel="author" href="/authors/x">${escape(parts.byline)}</a></p>` : ''}
      <div class="share"><button>Share this article</button><button>Tweet</button></div>
      ${parts.caption ? `<figure><img src="https://images.example.invalid/photo.jpg" alt=""><figcaption>${escape(parts.caption)}</figcaption></figure>` : ''}
${paragraphs}
    </article>
    <aside class="related"><h2>Related stories</h2><ul><li><a href="/a">Another story entirely</a></li><li><a href="/b">And one more</a></li></ul></aside>
  </main>
  <footer><p>© 2026 ${site}. All rights reserved.</p><a href="/privacy">Privacy</a></footer>
  <script>document.body.innerHTML = 'REPLACED BY A SCRIPT';</script>
</body>
</html>
`;
}

export async function wordDocument(headline: string, paragraphs: readonly string[]): Promise<Uint8Array> {
  const document = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: headline, heading: HeadingLevel.HEADING_1 }),
          ...paragraphs.map((text) => new Paragraph({ text })),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(document));
}

const PAGE = { width: 595, height: 842, margin: 56 };

/**
 * A PDF laid out as a word processor would: the headline in a larger font, paragraphs wrapped at
 * the margin with a gap between them, running over as many pages as needed.
 */
export async function textPdf(headline: string, paragraphs: readonly string[], options: { minPages?: number } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.TimesRoman);
  const bold = await pdf.embedFont(StandardFonts.TimesRomanBold);
  const size = 11;
  const leading = 14;
  const width = PAGE.width - 2 * PAGE.margin;
  let page = pdf.addPage([PAGE.width, PAGE.height]);
  let y = PAGE.height - PAGE.margin;
  const newPage = (): void => {
    page = pdf.addPage([PAGE.width, PAGE.height]);
    y = PAGE.height - PAGE.margin;
  };
  page.drawText(headline, { x: PAGE.margin, y, size: 18, font: bold });
  y -= 36;
  for (const paragraph of paragraphs) {
    let line = '';
    const lines: string[] = [];
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (font.widthOfTextAtSize(candidate, size) > width && line !== '') {
        lines.push(line);
        line = word;
      } else {
        line = candidate;
      }
    }
    if (line !== '') lines.push(line);
    for (const text of lines) {
      if (y < PAGE.margin) newPage();
      page.drawText(text, { x: PAGE.margin, y, size, font });
      y -= leading;
    }
    y -= leading * 0.8;
  }
  while (pdf.getPageCount() < (options.minPages ?? 1)) newPage();
  return pdf.save();
}

/** A "scanned" PDF: pages with only shapes drawn on them, no text layer. */
export async function scannedPdf(pages: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    for (let row = 0; row < 30; row++)
      page.drawRectangle({ x: PAGE.margin, y: 80 + row * 22, width: 300 + (row % 5) * 30, height: 9, color: rgb(0.2, 0.2, 0.2) });
  }
  return pdf.save();
}
