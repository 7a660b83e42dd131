import type { Option, Question, TruthValue } from '../../bank/schema.ts';
import { DIFFICULTIES, SKILLS } from '../../bank/schema.ts';
import { reviewedArticleText } from '../../article/reviewed.ts';
import { htmlToText, slug, type ImportedQuestionReport, type MoodleImport } from '../moodle-import.ts';
import { unprefix, TOOL_NAME } from './names.ts';
import { childElements, descendants, firstChild, parseXml, textOf, XmlReadError, type XmlElement } from './xml.ts';

// Reads QTI packages as a map of files (the service unzips them): QTI 3.0, Evident's own and
// others', and QTI 2.1 / 2.2 read leniently (their camel-case names are the same tree once read).
// A pure function: it returns every question or throws; it never returns half a package. Every
// error names the file, the item and the problem.

export const QTI_IMPORT_LIMITS = {
  maxFiles: 5000,
  maxFileCharacters: 10 * 2 ** 20,
  maxTotalCharacters: 50 * 2 ** 20,
  maxItems: 5000,
  maxDepth: 100,
} as const;

export type QtiImport = MoodleImport & { title?: string };

export class QtiImportError extends Error {
  readonly file: string;
  readonly item: string | undefined;
  constructor(file: string, item: string | undefined, problem: string) {
    super(`${file}${item ? `, item "${item}"` : ''}: ${problem}`);
    this.name = 'QtiImportError';
    this.file = file;
    this.item = item;
  }
}

/** A question that cannot become an Evident question, with the reason the teacher sees. */
class Skip extends Error {}

const UNSUPPORTED: Record<string, string> = {
  extendedTextInteraction: 'an essay (extended text): Evident has no essay questions',
  uploadInteraction: 'a file upload: Evident has no upload questions',
  drawingInteraction: 'a drawing: Evident has no drawing questions',
  hotspotInteraction: 'a picture hotspot: Evident has no picture questions',
  graphicOrderInteraction: 'ordering on a picture: Evident has no picture questions',
  graphicAssociateInteraction: 'associating on a picture: Evident has no picture questions',
  graphicGapMatchInteraction: 'gap match on a picture: Evident has no picture questions',
  selectPointInteraction: 'pointing on a picture: Evident has no picture questions',
  positionObjectInteraction: 'positioning on a picture: Evident has no picture questions',
  sliderInteraction: 'a slider: Evident has no numeric questions',
  mediaInteraction: 'a media player: Evident has no media questions',
  gapMatchInteraction: 'drag-into-gaps: Evident has no drag-and-drop questions',
  customInteraction: 'a custom interaction Evident cannot run',
  portableCustomInteraction: 'a portable custom interaction Evident cannot run',
  endAttemptInteraction: 'an end-attempt button: Evident has no adaptive items',
};
const SUPPORTED = new Set([
  'choiceInteraction',
  'textEntryInteraction',
  'inlineChoiceInteraction',
  'orderInteraction',
  'matchInteraction',
  'associateInteraction',
  'hottextInteraction',
]);

interface Stimulus {
  file: string;
  /** The article as text for the quiz: Evident's checked-article form when the sentences are marked. */
  articleText: string;
  /** Sentences by Evident sentence id (only when the stimulus is Evident's). */
  sentences: Map<string, string>;
  /** Every sentence-sized piece of text, for recognising hot text and quotations. */
  texts: string[];
}

const norm = (text: string) => text.replace(/\s+/g, ' ').trim();
const normKey = (text: string) =>
  norm(text)
    .toLowerCase()
    .replace(/[“”"‘’'.,;:!?]/g, '');

/** A path relative to another file of the package, "." and ".." resolved; undefined if it leaves the package. */
function resolvePath(from: string, href: string): string | undefined {
  const clean = decodeURIComponent(href.split(/[?#]/)[0] ?? '');
  const parts = from.split('/').slice(0, -1);
  for (const part of clean.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

function readStimulus(file: string, root: XmlElement): Stimulus {
  const body = firstChild(root, 'stimulusBody') ?? root;
  const marked = descendants(body, (e) => e.attrs['data-evident-sentence'] !== undefined);
  const sentences = new Map<string, string>();
  for (const span of marked) sentences.set(span.attrs['data-evident-sentence']!, textOf(span));
  if (marked.length > 0) {
    const detail = (name: string) => {
      const found = descendants(body, (e) => e.attrs['data-evident-detail'] === name)[0];
      return found ? textOf(found) : undefined;
    };
    const paragraphs = descendants(body, (e) => e.attrs['data-evident-paragraph'] !== undefined).map((p) =>
      descendants(p, (e) => e.attrs['data-evident-sentence'] !== undefined).map((s) => textOf(s)),
    );
    const captions = descendants(body, (e) => e.attrs['data-evident-caption'] !== undefined).map((c) =>
      descendants(c, (e) => e.attrs['data-evident-sentence'] !== undefined)
        .map((s) => textOf(s))
        .join(' '),
    );
    const byline = detail('byline')?.replace(/^By\s+/i, '');
    let articleText: string;
    try {
      articleText = reviewedArticleText({
        title: detail('headline') || root.attrs.title || 'Article',
        ...(byline && { byline }),
        ...(detail('publication') && { publication: detail('publication') }),
        ...(detail('date') && { date: detail('date') }),
        ...(detail('address') && { address: detail('address') }),
        ...(detail('standfirst') && { standfirst: detail('standfirst') }),
        paragraphs,
        captions,
      });
    } catch (error) {
      throw new QtiImportError(file, root.attrs.identifier, `the article cannot be read: ${(error as Error).message}`);
    }
    return { file, articleText, sentences, texts: [...sentences.values()] };
  }
  // Another tool's stimulus: its blocks as paragraphs of text, for the article clean-up to read.
  const blocks = descendants(body, (e) => /^(p|h[1-6]|li|blockquote|pre)$/.test(e.name))
    .filter((e) => descendants(e, (d) => /^(p|li)$/.test(d.name)).length === 0)
    .map((e) => textOf(e))
    .filter((t) => t !== '');
  const text = blocks.length > 0 ? blocks : [textOf(body)].filter((t) => t !== '');
  const texts = text.flatMap((b) => b.split(/(?<=[.!?])\s+(?=[A-Z“"‘'])/));
  return { file, articleText: text.join('\n\n'), sentences: new Map(), texts };
}

/**
 * An HTML page used as a passage (QTI 2's shared stimulus): HTML, not XML, so it is read as text,
 * never parsed or run: scripts, styles and the head dropped, one paragraph per block, tags removed.
 */
function readHtmlPassage(file: string, html: string): Stimulus {
  const blocks = html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<(script|style|head|template)\b[\s\S]*?<\/\1\s*>/gi, ' ')
    .split(/<\s*\/?\s*(?:p|h[1-6]|li|div|tr|blockquote|section|article|br)\b[^>]*>/i)
    .map((block) => htmlToText(block))
    .filter((block) => block !== '');
  const texts = blocks.flatMap((b) => b.split(/(?<=[.!?])\s+(?=[A-Z“"‘'])/));
  return { file, articleText: blocks.join('\n\n'), sentences: new Map(), texts };
}

interface ItemContext {
  file: string;
  root: XmlElement;
  name: string;
  ours: boolean;
  stimulus: Stimulus | undefined;
  declarations: Map<string, XmlElement>;
}

function fail(c: ItemContext, problem: string): never {
  throw new QtiImportError(c.file, c.name, problem);
}

function declaration(c: ItemContext, interaction: XmlElement): XmlElement {
  const id = interaction.attrs.responseIdentifier;
  if (!id) fail(c, `a ${interaction.name} has no response-identifier`);
  const found = c.declarations.get(id);
  if (!found) fail(c, `the response "${id}" is not declared (no qti-response-declaration with that identifier)`);
  return found;
}

function values(node: XmlElement | undefined): string[] {
  return node ? childElements(node, 'value').map((v) => norm(textOf(v))) : [];
}

function correctValues(decl: XmlElement): string[] {
  return values(firstChild(decl, 'correctResponse'));
}

function mapEntries(decl: XmlElement): { key: string; value: number }[] {
  const mapping = firstChild(decl, 'mapping');
  if (!mapping) return [];
  return childElements(mapping, 'mapEntry').map((e) => ({ key: norm(e.attrs.mapKey ?? ''), value: Number(e.attrs.mappedValue ?? 0) }));
}

/** The keys a response counts as right: the correct response, else the mapping's positive entries. */
function rightKeys(c: ItemContext, decl: XmlElement): string[] {
  const correct = correctValues(decl);
  if (correct.length > 0) return correct;
  const positive = mapEntries(decl).filter((e) => e.value > 0);
  if (positive.length > 0) return positive.map((e) => e.key);
  throw new Skip(`response "${decl.attrs.identifier}" declares no correct response and no scores`);
}

/**
 * A typed answer's accepted texts: the correct response, then every mapping entry worth full marks
 * (an entry worth part of the marks has no Evident equivalent; Evident's own matching is lenient).
 */
function acceptedAnswers(c: ItemContext, decl: XmlElement): string[] {
  const entries = mapEntries(decl);
  const best = Math.max(0, ...entries.map((e) => e.value));
  const full = entries.filter((e) => e.value > 0 && e.value >= best).map((e) => e.key);
  return [...new Set([...rightKeys(c, decl), ...full])].filter((a) => a !== '');
}

function choicesOf(interaction: XmlElement, name: string): { identifier: string; text: string; node: XmlElement }[] {
  return descendants(interaction, (e) => e.name === name).map((node) => ({
    identifier: node.attrs.identifier ?? '',
    text: textOf(node, (e) => (e.name === 'feedbackInline' ? null : undefined)),
    node,
  }));
}

function optionsFor(
  c: ItemContext,
  choices: readonly { identifier: string; text: string }[],
  prefix: 'option' | 'left' | 'right' | 'partB',
): Option[] {
  const taken = new Set<string>();
  return choices.map((choice, i) => {
    if (choice.text === '') fail(c, `choice "${choice.identifier}" has no text (Evident's options are text)`);
    const ours = c.ours ? unprefix(choice.identifier, prefix) : undefined;
    if (ours !== undefined && !taken.has(ours)) {
      taken.add(ours);
      return { id: ours, text: choice.text };
    }
    return { id: slug(choice.identifier || choice.text, taken, `option-${i + 1}`), text: choice.text };
  });
}

function idOfChoice(
  c: ItemContext,
  choices: readonly { identifier: string }[],
  options: readonly Option[],
  key: string,
  what: string,
): string {
  const index = choices.findIndex((ch) => ch.identifier === key);
  if (index < 0) fail(c, `the ${what} "${key}" names no choice of the interaction`);
  return options[index]!.id;
}

const TRUTH: Record<string, TruthValue> = { true: 'true', false: 'false', 'not given': 'not-given' };

/** An interaction's own prompt, as text. */
function ownPrompt(interaction: XmlElement): string {
  const found = firstChild(interaction, 'prompt');
  return found ? textOf(found) : '';
}

/** The item's prompt: its body's text outside the interactions, then the interaction's own prompt. */
function promptOf(body: XmlElement, interaction?: XmlElement): string {
  const outside = textOf(body, (e) =>
    e.name.endsWith('Interaction') || e.name === 'rubricBlock' || e.name.startsWith('feedback') ? null : undefined,
  );
  const own = interaction ? firstChild(interaction, 'prompt') : undefined;
  const text = norm([outside, own ? textOf(own) : ''].filter((t) => t !== '').join(' '));
  return text;
}

function sentenceOf(c: ItemContext, identifier: string, text: string): string {
  if (c.ours) {
    const id = unprefix(identifier, 'sentence');
    const found = id !== undefined ? c.stimulus?.sentences.get(id) : undefined;
    if (found !== undefined) return found;
  }
  return text;
}

function readQuestion(
  c: ItemContext,
  body: XmlElement,
  interactions: XmlElement[],
  base: Omit<Question, 'type' | 'prompt'> & { prompt?: string },
): Question {
  const kinds = interactions.map((i) => i.name);
  const common = (prompt: string) => {
    if (prompt === '') fail(c, 'has no question text');
    return { ...base, prompt } as const;
  };
  const only = (name: string) => kinds.every((k) => k === name);

  if (kinds.length === 2 && only('choiceInteraction')) {
    const [a, b] = interactions as [XmlElement, XmlElement];
    const choicesA = choicesOf(a, 'simpleChoice');
    const choicesB = choicesOf(b, 'simpleChoice');
    const optionsA = optionsFor(c, choicesA, 'option');
    const rightA = rightKeys(c, declaration(c, a));
    if (rightA.length !== 1) throw new Skip('Part A of a two-part question has more than one right answer; Evident’s Part A has one');
    const taken = new Set<string>();
    const optionsB = choicesB.map((ch, i) => {
      const ours = c.ours ? unprefix(ch.identifier, 'partB') : undefined;
      const id = ours !== undefined && !taken.has(ours) ? (taken.add(ours), ours) : slug(ch.identifier || ch.text, taken, `quote-${i + 1}`);
      return { id, quote: ch.text };
    });
    const rightB = rightKeys(c, declaration(c, b));
    return {
      ...common(promptOf(body)),
      type: 'two-part',
      partA: {
        prompt: ownPrompt(a) || 'Part A',
        options: optionsA,
        correct: idOfChoice(c, choicesA, optionsA, rightA[0]!, 'Part A answer'),
      },
      partB: {
        prompt: ownPrompt(b) || 'Part B',
        options: optionsB,
        correct: rightB.map((key) => {
          const index = choicesB.findIndex((ch) => ch.identifier === key);
          if (index < 0) fail(c, `the Part B answer "${key}" names no choice of the interaction`);
          return optionsB[index]!.id;
        }),
      },
    };
  }

  const gapKinds = new Set(['textEntryInteraction', 'inlineChoiceInteraction']);
  if (kinds.length > 0 && kinds.every((k) => gapKinds.has(k))) {
    const blocks = descendants(
      body,
      (e) =>
        /^(p|div|li|blockquote|td|span)$/.test(e.name) &&
        descendants(e, (d) => gapKinds.has(d.name)).length > 0 &&
        !childElements(e).some((ch) => /^(p|div|li|blockquote)$/.test(ch.name)),
    );
    const holders = blocks.length > 0 ? blocks : [body];
    const single = interactions.length === 1 && interactions[0]!.name === 'textEntryInteraction';
    const holderText = textOf(holders[0]!, (e) => (gapKinds.has(e.name) ? null : undefined));
    if (single && holderText === '') {
      const decl = declaration(c, interactions[0]!);
      const accepted = acceptedAnswers(c, decl);
      if (accepted.length === 0) throw new Skip('a text entry with no accepted answer');
      const prompt = textOf(body, (e) => (holders.includes(e) || e.name.startsWith('feedback') ? null : undefined));
      return { ...common(prompt), type: 'short-answer', accepted };
    }
    const gaps: { id: string; accepted: string[] }[] = [];
    const taken = new Set<string>();
    const text = holders
      .map((holder) =>
        textOf(holder, (e) => {
          if (!gapKinds.has(e.name)) return undefined;
          const decl = declaration(c, e);
          let accepted: string[];
          if (e.name === 'inlineChoiceInteraction') {
            const choices = choicesOf(e, 'inlineChoice');
            accepted = rightKeys(c, decl).map((key) => {
              const found = choices.find((ch) => ch.identifier === key);
              if (!found) fail(c, `the answer "${key}" names no inline choice`);
              return found.text;
            });
          } else {
            accepted = acceptedAnswers(c, decl);
          }
          if (accepted.length === 0) throw new Skip(`gap "${decl.attrs.identifier}" has no accepted answer`);
          const ours = c.ours ? unprefix(decl.attrs.identifier ?? '', 'gap') : undefined;
          const id = ours !== undefined && !taken.has(ours) ? (taken.add(ours), ours) : slug(`gap-${gaps.length + 1}`, taken, 'gap');
          gaps.push({ id, accepted });
          // The gap stands exactly where the box was: "in {{month}}." or "{{n}}s" keep their spacing.
          return `{{${id}}}`;
        }),
      )
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
    if (gaps.length > 10) throw new Skip(`${gaps.length} gaps: an Evident cloze has at most 10`);
    const prompt = textOf(body, (e) => (holders.includes(e) || e.name.startsWith('feedback') ? null : undefined)) || 'Fill in the gaps.';
    return { ...common(prompt), type: 'cloze', text, gaps };
  }

  if (kinds.length !== 1)
    throw new Skip(
      `${kinds.length} interactions (${[...new Set(kinds)].join(', ')}): an Evident question has one, or two for a two-part question`,
    );
  const interaction = interactions[0]!;
  const decl = declaration(c, interaction);
  const prompt = promptOf(body, interaction);
  switch (interaction.name) {
    case 'choiceInteraction': {
      const choices = choicesOf(interaction, 'simpleChoice');
      if (choices.length < 2) fail(c, 'a choice interaction needs at least two choices');
      const right = rightKeys(c, decl);
      const single = decl.attrs.cardinality === 'single' || interaction.attrs.maxChoices === '1';
      const labels = choices.map((ch) => ch.text.toLowerCase().replace(/[.\s]+$/, ''));
      const truthy =
        interaction.attrs['data-evident-type'] === 'true-false-not-given' ||
        (!c.ours && single && labels.every((l) => l in TRUTH) && labels.length >= 2);
      if (truthy && right.length === 1) {
        const index = choices.findIndex((ch) => ch.identifier === right[0]);
        if (index < 0) fail(c, `the correct response "${right[0]}" names no choice`);
        return { ...common(prompt), type: 'true-false-not-given', answer: TRUTH[labels[index]!] ?? (right[0] as TruthValue) };
      }
      const options = optionsFor(c, choices, 'option');
      if (options.length > 8) throw new Skip(`${options.length} choices: Evident offers at most 8`);
      const correct = right.map((key) => idOfChoice(c, choices, options, key, 'correct response'));
      if (single) {
        if (correct.length !== 1) fail(c, 'a single-choice interaction declares more than one correct response');
        return { ...common(prompt), type: 'single-choice', options, correct: correct[0]! };
      }
      return { ...common(prompt), type: 'multiple-select', options, correct };
    }
    case 'orderInteraction': {
      const choices = choicesOf(interaction, 'simpleChoice');
      if (choices.length < 3) throw new Skip(`ordering ${choices.length} items: Evident orders at least three`);
      if (choices.length > 8) throw new Skip(`ordering ${choices.length} items: Evident orders at most eight`);
      const items = optionsFor(c, choices, 'option');
      const order = correctValues(decl).map((key) => idOfChoice(c, choices, items, key, 'correct order’s item'));
      if (order.length === 0) throw new Skip('the order interaction declares no correct order');
      if (order.length !== items.length) throw new Skip('the correct order leaves items out: Evident orders every item');
      return { ...common(prompt), type: 'ordering', items, order };
    }
    case 'matchInteraction':
    case 'associateInteraction': {
      const sets = childElements(interaction, 'simpleMatchSet');
      const all = choicesOf(interaction, 'simpleAssociableChoice');
      const pairs = rightKeys(c, decl).map((value) => value.split(/\s+/));
      if (pairs.some((p) => p.length !== 2)) fail(c, 'a pair in the correct response is not two identifiers');
      let leftChoices: typeof all;
      let rightChoices: typeof all;
      if (interaction.name === 'matchInteraction') {
        if (sets.length !== 2) fail(c, `a match interaction has ${sets.length} match sets, not two`);
        leftChoices = choicesOf(sets[0]!, 'simpleAssociableChoice');
        rightChoices = choicesOf(sets[1]!, 'simpleAssociableChoice');
      } else {
        const firsts = new Set(pairs.map((p) => p[0]!));
        leftChoices = all.filter((ch) => firsts.has(ch.identifier));
        rightChoices = all.filter((ch) => !firsts.has(ch.identifier));
      }
      const left = optionsFor(c, leftChoices, 'left');
      const right = optionsFor(c, rightChoices, 'right');
      const found: { left: string; right: string }[] = [];
      for (const [a, b] of pairs as [string, string][]) {
        let l = leftChoices.findIndex((ch) => ch.identifier === a);
        let r = rightChoices.findIndex((ch) => ch.identifier === b);
        if (interaction.name === 'associateInteraction' && (l < 0 || r < 0)) {
          l = leftChoices.findIndex((ch) => ch.identifier === b);
          r = rightChoices.findIndex((ch) => ch.identifier === a);
        }
        if (l < 0 || r < 0) throw new Skip(`the pair "${a} ${b}" does not join one item of each set, which is how Evident matches`);
        found.push({ left: left[l]!.id, right: right[r]!.id });
      }
      const used = left.filter((l) => found.filter((p) => p.left === l.id).length !== 1);
      if (used.length > 0)
        throw new Skip(`"${used[0]!.text}" is not matched with exactly one item: Evident pairs every left item with one right item`);
      if (left.length < 2 || right.length < 2) throw new Skip('fewer than two items on a side: Evident matches at least two with two');
      return { ...common(prompt), type: 'matching', left, right, pairs: found };
    }
    case 'hottextInteraction': {
      const hot = choicesOf(interaction, 'hottext');
      const texts = new Set((c.stimulus?.texts ?? []).map(normKey));
      const sentences = hot.map((h) => ({ identifier: h.identifier, text: sentenceOf(c, h.identifier, h.text) }));
      if (!c.ours && (texts.size === 0 || !sentences.every((s) => texts.has(normKey(s.text))))) {
        throw new Skip(
          'hot text over words, not over the article’s sentences: Evident’s evidence selection picks whole sentences of the article',
        );
      }
      const answer = rightKeys(c, decl).map((key) => {
        const found = sentences.find((s) => s.identifier === key);
        if (!found) fail(c, `the correct response "${key}" names no hot text`);
        return found.text;
      });
      const own = firstChild(interaction, 'prompt');
      const promptText = norm(
        [
          textOf(body, (e) => (e.name.endsWith('Interaction') || e.name.startsWith('feedback') ? null : undefined)),
          own ? textOf(own) : '',
        ].join(' '),
      );
      return { ...common(promptText), type: 'evidence-selection', answer };
    }
    default:
      throw new Skip(`${interaction.name} is not an interaction Evident reads`);
  }
}

/** Quoted passages of the text that occur in exactly one sentence of the article. */
function quotedEvidence(stimulus: Stimulus | undefined, texts: readonly string[]): string[] {
  if (!stimulus) return [];
  const sentences = stimulus.texts.map(norm);
  const found: string[] = [];
  for (const text of texts) {
    for (const match of text.matchAll(/[“"]([^”"]{12,})[”"]/g)) {
      const quote = norm(match[1]!).replace(/[.,]$/, '');
      if (sentences.filter((s) => s.includes(quote)).length === 1 && !found.includes(quote)) found.push(quote);
    }
    for (const s of sentences) if (s.length > 20 && norm(text).includes(s) && !found.includes(s)) found.push(s);
  }
  return found;
}

function feedbackOf(root: XmlElement): XmlElement[] {
  return [...childElements(root, 'modalFeedback'), ...descendants(root, (e) => e.name === 'feedbackBlock' || e.name === 'feedbackInline')];
}

function readItem(
  file: string,
  root: XmlElement,
  stimulus: Stimulus | undefined,
  taken: Set<string>,
  index: number,
): { question?: Question; report: ImportedQuestionReport } {
  const identifier = root.attrs.identifier ?? '';
  const name = identifier || root.attrs.title || `item ${index + 1}`;
  const ours = root.attrs.toolName === TOOL_NAME;
  const declarations = new Map(childElements(root, 'responseDeclaration').map((d) => [d.attrs.identifier ?? '', d]));
  const c: ItemContext = { file, root, name, ours, stimulus, declarations };
  const ownId = ours ? unprefix(identifier, 'item') : undefined;
  const id =
    ownId !== undefined && !taken.has(ownId)
      ? (taken.add(ownId), ownId)
      : slug(identifier || root.attrs.title || '', taken, `question-${index + 1}`);
  const body = firstChild(root, 'itemBody');
  if (!body) fail(c, 'has no item body');

  const interactions = descendants(body, (e) => e.name.endsWith('Interaction'));
  const topLevel = interactions.filter((i) => !interactions.some((o) => o !== i && descendants(o, (d) => d === i).length > 0));
  const unsupported = topLevel.find((i) => !SUPPORTED.has(i.name));
  const typeName = body.attrs['data-evident-type'] ?? topLevel.map((i) => i.name).join('+') ?? 'unknown';
  if (unsupported) {
    return {
      report: {
        id,
        type: typeName,
        status: 'skipped',
        reason: UNSUPPORTED[unsupported.name] ?? `${unsupported.name} is not an interaction Evident reads`,
      },
    };
  }
  if (topLevel.length === 0) return { report: { id, type: 'none', status: 'skipped', reason: 'no interaction: nothing to answer' } };

  const feedback = feedbackOf(root);
  const explanationNode = feedback.flatMap((f) => descendants(f, (e) => e.attrs['data-evident-role'] === 'explanation'))[0];
  const explanation =
    (explanationNode ? textOf(explanationNode) : '') ||
    feedback
      .map((f) => textOf(f, (e) => (e.name === 'blockquote' ? null : undefined)))
      .find((t) => t !== '' && !/^(correct|incorrect|right|wrong)[.!]?$/i.test(t)) ||
    'See the article.';
  const marked = feedback.flatMap((f) => descendants(f, (e) => e.name === 'blockquote'));
  let evidence = marked
    .map((q) => {
      const sid = q.attrs['data-evident-sentence'];
      return (sid !== undefined ? stimulus?.sentences.get(sid) : undefined) ?? textOf(q);
    })
    .filter((t) => t !== '');
  if (evidence.length === 0) evidence = quotedEvidence(stimulus, [textOf(body), ...feedback.map((f) => textOf(f))]);

  const skill = body.attrs['data-evident-skill'];
  const difficulty = body.attrs['data-evident-difficulty'];
  const maxScore = childElements(root, 'outcomeDeclaration').find((o) => o.attrs.identifier === 'MAXSCORE');
  const score = childElements(root, 'outcomeDeclaration').find((o) => o.attrs.identifier === 'SCORE');
  const rawPoints = Number((maxScore && values(firstChild(maxScore, 'defaultValue'))[0]) ?? score?.attrs.normalMaximum ?? 1);
  const points = Number.isFinite(rawPoints) && rawPoints > 0 ? Math.min(100, Math.max(1, Math.round(rawPoints))) : 1;
  const base = {
    id,
    explanation,
    evidence,
    points,
    skill: (SKILLS as readonly string[]).includes(skill ?? '') ? (skill as Question['skill']) : 'detail',
    difficulty: (DIFFICULTIES as readonly string[]).includes(difficulty ?? '') ? (difficulty as Question['difficulty']) : 'medium',
  };
  let question: Question;
  try {
    question = readQuestion(c, body, topLevel, base);
  } catch (error) {
    if (error instanceof Skip) return { report: { id, type: typeName, status: 'skipped', reason: error.message } };
    throw error;
  }
  const inline = topLevel.some((i) => i.name === 'inlineChoiceInteraction');
  const note = inline ? 'its drop-down gaps became typed gaps (the wrong choices are not kept)' : undefined;
  if (question.evidence.length === 0) {
    return {
      question,
      report: {
        id,
        type: question.type,
        status: 'needs-evidence',
        reason: stimulus ? 'no quotation of the article in the item or its feedback' : 'no article (stimulus) to find its evidence in',
      },
    };
  }
  return { question, report: { id, type: question.type, status: 'imported', ...(note && { reason: note }) } };
}

function guard(file: string, action: () => XmlElement): XmlElement {
  try {
    return action();
  } catch (error) {
    if (error instanceof XmlReadError) throw new QtiImportError(file, undefined, error.message);
    throw error;
  }
}

/**
 * Reads a QTI package (its files by path, as unzipped) or loose QTI item files. Items come in the
 * manifest's order when there is one, else by path. Throws QtiImportError naming file, item and problem.
 */
export function importQti(files: ReadonlyMap<string, string>): QtiImport {
  if (files.size > QTI_IMPORT_LIMITS.maxFiles) {
    throw new QtiImportError('the package', undefined, `holds ${files.size} files; the limit is ${QTI_IMPORT_LIMITS.maxFiles}`);
  }
  let total = 0;
  for (const [path, text] of files) {
    if (text.length > QTI_IMPORT_LIMITS.maxFileCharacters) {
      throw new QtiImportError(path, undefined, `is larger than ${QTI_IMPORT_LIMITS.maxFileCharacters / 2 ** 20} MB`);
    }
    total += text.length;
  }
  if (total > QTI_IMPORT_LIMITS.maxTotalCharacters) {
    throw new QtiImportError('the package', undefined, `holds more than ${QTI_IMPORT_LIMITS.maxTotalCharacters / 2 ** 20} MB of text`);
  }
  const parsed = new Map<string, XmlElement>();
  const read = (path: string): XmlElement => {
    let root = parsed.get(path);
    if (!root) {
      const text = files.get(path);
      if (text === undefined) throw new QtiImportError(path, undefined, 'is not in the package');
      root = guard(path, () => parseXml(text, QTI_IMPORT_LIMITS.maxDepth));
      parsed.set(path, root);
    }
    return root;
  };

  let itemPaths: string[];
  let title: string | undefined;
  const manifestPath = [...files.keys()].filter((p) => /(^|\/)imsmanifest\.xml$/i.test(p)).sort((a, b) => a.length - b.length)[0];
  if (manifestPath) {
    const manifest = read(manifestPath);
    if (manifest.name !== 'manifest') throw new QtiImportError(manifestPath, undefined, `its root is <${manifest.name}>, not <manifest>`);
    const resources = descendants(manifest, (e) => e.name === 'resource');
    itemPaths = [];
    for (const resource of resources) {
      const type = resource.attrs.type ?? '';
      if (!/^imsqti_item_xmlv(2p[12]|3p0)$/i.test(type)) continue;
      const href = resource.attrs.href ?? firstChild(resource, 'file')?.attrs.href;
      if (!href) throw new QtiImportError(manifestPath, resource.attrs.identifier, 'an item resource has no href');
      const path = resolvePath(manifestPath, href);
      if (path === undefined)
        throw new QtiImportError(manifestPath, resource.attrs.identifier, `href "${href}" points outside the package`);
      if (!files.has(path)) throw new QtiImportError(manifestPath, resource.attrs.identifier, `names ${path}, which is not in the package`);
      if (!itemPaths.includes(path)) itemPaths.push(path);
    }
  } else {
    itemPaths = [...files.keys()].filter((p) => /\.xml$/i.test(p)).sort();
  }
  if (itemPaths.length > QTI_IMPORT_LIMITS.maxItems) {
    throw new QtiImportError(
      manifestPath ?? 'the package',
      undefined,
      `holds ${itemPaths.length} items; the limit is ${QTI_IMPORT_LIMITS.maxItems}`,
    );
  }

  const items: { path: string; root: XmlElement }[] = [];
  const stimuli = new Map<string, Stimulus>();
  const looseStimuli: string[] = [];
  for (const path of itemPaths) {
    const root = read(path);
    if (root.name === 'assessmentItem') items.push({ path, root });
    else if (root.name === 'assessmentStimulus') looseStimuli.push(path);
    else if (root.name === 'assessmentTest') title ??= root.attrs.title;
    else if (manifestPath) throw new QtiImportError(path, undefined, `is listed as an item but its root is <${root.name}>`);
  }
  if (items.length === 0) {
    throw new QtiImportError(manifestPath ?? 'the package', undefined, 'holds no QTI items (assessmentItem / qti-assessment-item)');
  }
  const stimulusAt = (path: string): Stimulus => {
    let found = stimuli.get(path);
    if (!found) {
      const root = read(path);
      if (root.name !== 'assessmentStimulus')
        throw new QtiImportError(path, undefined, `is referenced as a stimulus but its root is <${root.name}>`);
      found = readStimulus(path, root);
      stimuli.set(path, found);
    }
    return found;
  };

  // QTI 2 has no stimulus element: a shared passage is an HTML page the item body embeds as an <object>.
  const htmlPassageOf = (path: string, root: XmlElement): Stimulus | undefined => {
    const body = firstChild(root, 'itemBody');
    const object = body && descendants(body, (e) => e.name === 'object' && /html/i.test(`${e.attrs.type ?? ''} ${e.attrs.data ?? ''}`))[0];
    const target = object?.attrs.data ? resolvePath(path, object.attrs.data) : undefined;
    if (target === undefined || !files.has(target)) return undefined;
    let found = stimuli.get(target);
    if (!found) {
      found = readHtmlPassage(target, files.get(target)!);
      stimuli.set(target, found);
    }
    return found;
  };

  const questions: Question[] = [];
  const report: ImportedQuestionReport[] = [];
  const taken = new Set<string>();
  let article: Stimulus | undefined;
  items.forEach(({ path, root }, index) => {
    let stimulus: Stimulus | undefined;
    const ref = childElements(root, 'assessmentStimulusRef')[0];
    if (ref?.attrs.href) {
      const target = resolvePath(path, ref.attrs.href);
      if (target === undefined || !files.has(target)) {
        throw new QtiImportError(path, root.attrs.identifier, `its stimulus "${ref.attrs.href}" is not in the package`);
      }
      stimulus = stimulusAt(target);
    } else if (looseStimuli.length === 1) stimulus = stimulusAt(looseStimuli[0]!);
    else stimulus = htmlPassageOf(path, root);
    article ??= stimulus;
    const { question, report: line } = readItem(path, root, stimulus, taken, index);
    if (question) questions.push(question);
    report.push(line);
  });
  if (!article && looseStimuli.length > 0) article = stimulusAt(looseStimuli[0]!);
  return {
    questions,
    ...(article !== undefined ? { articleText: article.articleText } : {}),
    ...(title !== undefined ? { title } : {}),
    report,
  };
}
