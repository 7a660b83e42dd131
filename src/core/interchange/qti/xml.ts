import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import { xmlSafe } from '../text.ts';

// A small element tree over fast-xml-parser's ordered form. QTI's item bodies are mixed content
// (a text-entry box inside a sentence, hot text inside a paragraph), which only the parser's
// `preserveOrder` form keeps in order; this tree makes walking and writing it readable.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
}
export type XmlNode = XmlElement | string;

type Child = XmlNode | undefined | false | null | readonly (XmlNode | undefined | false | null)[];

/** An element; attributes left undefined are not written; children may be nested lists. */
export function el(name: string, attrs: Record<string, string | number | undefined> = {}, ...children: Child[]): XmlElement {
  const kept: Record<string, string> = {};
  for (const [key, value] of Object.entries(attrs)) if (value !== undefined) kept[key] = String(value);
  const flat: XmlNode[] = [];
  const add = (child: Child): void => {
    if (child === undefined || child === false || child === null) return;
    if (Array.isArray(child)) for (const c of child as Child[]) add(c);
    else flat.push(child as XmlNode);
  };
  for (const child of children) add(child);
  return { name, attrs: kept, children: flat };
}

type Ordered = Record<string, unknown>;

function toOrdered(node: XmlNode): Ordered {
  if (typeof node === 'string') return { '#text': xmlSafe(node) };
  const out: Ordered = { [node.name]: node.children.map(toOrdered) };
  const attrs = Object.entries(node.attrs);
  if (attrs.length > 0) out[':@'] = Object.fromEntries(attrs.map(([k, v]) => [`@_${k}`, xmlSafe(v)]));
  return out;
}

const builder = new XMLBuilder({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  suppressEmptyNode: true,
  // Not formatted: indenting would put white space inside mixed content (a gap in a sentence).
  format: false,
});

/** The document's text: an XML declaration, then the element (text and attributes escaped). */
export function buildXml(root: XmlElement): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build([toOrdered(root)]) as string}\n`;
}

export class XmlReadError extends Error {}

const parserOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  removeNSPrefix: true,
} as const;

/** QTI 3's `qti-choice-interaction` and `response-identifier` as QTI 2's `choiceInteraction`, `responseIdentifier`. */
function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_w, c: string) => c.toUpperCase());
}

function normaliseName(name: string): string {
  return name.startsWith('qti-') ? camel(name.slice(4)) : name;
}

function normaliseAttr(name: string): string {
  return name.startsWith('data-') || !name.includes('-') ? name : camel(name);
}

/**
 * Parses a document into the tree, element names of QTI 3 and QTI 2 made the same (QTI 2's
 * camel case), namespace prefixes removed. Refuses DTDs and entity declarations before parsing,
 * malformed XML, and nesting deeper than `maxDepth`.
 */
export function parseXml(text: string, maxDepth: number): XmlElement {
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) {
    throw new XmlReadError('has a DTD or entity declaration, which Evident does not read (no QTI file needs one)');
  }
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlReadError(`is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  }
  let ordered: Ordered[];
  try {
    ordered = new XMLParser({ ...parserOptions, maxNestedTags: maxDepth }).parse(text) as Ordered[];
  } catch (error) {
    const message = (error as Error).message;
    if (/nested tags/i.test(message)) throw new XmlReadError(`nests elements more than ${maxDepth} deep`);
    throw new XmlReadError(`is not well-formed XML: ${message}`);
  }
  const convert = (node: Ordered, depth: number): XmlNode | undefined => {
    if (depth > maxDepth) throw new XmlReadError(`nests elements more than ${maxDepth} deep`);
    const name = Object.keys(node).find((k) => k !== ':@');
    if (name === undefined) return undefined;
    if (name === '#text') return String(node['#text'] ?? '');
    if (name.startsWith('?')) return undefined;
    const attrs: Record<string, string> = {};
    for (const [key, value] of Object.entries((node[':@'] as Record<string, unknown> | undefined) ?? {})) {
      attrs[normaliseAttr(key.replace(/^@_/, ''))] = String(value);
    }
    const children: XmlNode[] = [];
    for (const child of (node[name] as Ordered[] | undefined) ?? []) {
      const converted = convert(child, depth + 1);
      if (converted !== undefined) children.push(converted);
    }
    return { name: normaliseName(name), attrs, children };
  };
  const roots = ordered.map((n) => convert(n, 0)).filter((n): n is XmlElement => n !== undefined && typeof n !== 'string');
  const root = roots[0];
  if (!root) throw new XmlReadError('has no root element');
  return root;
}

export function isElement(node: XmlNode | undefined): node is XmlElement {
  return node !== undefined && typeof node !== 'string';
}

export function childElements(node: XmlElement, name?: string): XmlElement[] {
  return node.children.filter((c): c is XmlElement => isElement(c) && (name === undefined || c.name === name));
}

export function firstChild(node: XmlElement, name: string): XmlElement | undefined {
  return childElements(node, name)[0];
}

/** Every descendant element (depth first, document order) that passes `test`. */
export function descendants(node: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const found: XmlElement[] = [];
  const walk = (n: XmlElement): void => {
    for (const child of n.children) {
      if (!isElement(child)) continue;
      if (test(child)) found.push(child);
      walk(child);
    }
  };
  walk(node);
  return found;
}

const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'blockquote',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'tr',
  'table',
  'section',
  'figure',
  'figcaption',
  'pre',
  'dd',
  'dt',
]);
const HIDDEN = new Set([
  'script',
  'style',
  'stylesheet',
  'catalogInfo',
  'math',
  'object',
  'img',
  'audio',
  'video',
  'templateBlock',
  'templateInline',
]);

/**
 * The visible text of a fragment, as a student would read it: tags dropped, a space where a block
 * ends, white space collapsed. `replace` may stand in text for an element (a gap, say), or return
 * null to leave it out.
 */
export function textOf(node: XmlNode, replace?: (e: XmlElement) => string | null | undefined): string {
  const parts: string[] = [];
  const walk = (n: XmlNode): void => {
    if (typeof n === 'string') {
      parts.push(n);
      return;
    }
    const instead = replace?.(n);
    if (instead !== undefined) {
      if (instead !== null) parts.push(instead);
      return;
    }
    if (HIDDEN.has(n.name)) return;
    const block = BLOCK.has(n.name);
    if (block) parts.push(' ');
    for (const child of n.children) walk(child);
    if (block) parts.push(' ');
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}
