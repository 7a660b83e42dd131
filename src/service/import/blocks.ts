// Turns a DOM subtree (linkedom's, from Readability or mammoth's HTML) into the lines a reader
// sees: one line per paragraph, heading, list item or caption, in document order.

interface DomNode {
  nodeType: number;
  nodeName: string;
  textContent: string | null;
  childNodes: ArrayLike<DomNode>;
}

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

// Elements that start a new line.
const BLOCK = new Set(
  `P H1 H2 H3 H4 H5 H6 LI BLOCKQUOTE FIGCAPTION PRE DT DD TD TH CAPTION ADDRESS DIV SECTION ARTICLE
  MAIN HEADER FOOTER ASIDE NAV FIGURE UL OL DL TABLE THEAD TBODY TFOOT TR BODY HTML FORM FIELDSET
  DETAILS SUMMARY HR`.split(/\s+/u),
);
// Elements whose text is never shown as article text.
const SKIPPED = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'SVG',
  'CANVAS',
  'HEAD',
  'BUTTON',
  'SELECT',
  'TEXTAREA',
]);

function clean(text: string): string {
  return text.replace(/[\s\u00a0]+/gu, ' ').trim();
}

/** The text lines of a subtree, blank lines between blocks dropped. */
export function blockLines(root: DomNode): string[] {
  const lines: string[] = [];
  let buffer = '';
  const flush = (): void => {
    const line = clean(buffer);
    if (line !== '') lines.push(line);
    buffer = '';
  };
  const walk = (node: DomNode): void => {
    const children = Array.from(node.childNodes);
    for (const child of children) {
      if (child.nodeType === TEXT_NODE) {
        buffer += child.textContent ?? '';
      } else if (child.nodeType === ELEMENT_NODE) {
        const tag = child.nodeName.toUpperCase();
        if (SKIPPED.has(tag)) continue;
        if (tag === 'BR') {
          flush();
        } else if (BLOCK.has(tag)) {
          flush();
          walk(child);
          flush();
        } else {
          walk(child);
        }
      }
    }
  };
  walk(root);
  flush();
  return lines;
}
