import { XMLBuilder } from 'fast-xml-parser';
import type { LoadedQuestion, LoadedQuiz } from '../bank/loaded.ts';
import { type ExportResult, QuestionDrops } from './report.ts';
import { articleHtml, escapeHtml, evidenceTexts, percent, sentencesById, textOf, xmlSafe } from './text.ts';
import { citableSentences } from '../article/captions.ts';

// Moodle XML (https://docs.moodle.org/en/Moodle_XML_format). The article comes first as a
// description question; each question's explanation and evidence go in its general feedback;
// points are the default mark; skill and difficulty become tags.

type Node = Record<string, unknown>;

const LENIENT = 'Evident’s lenient answer matching (punctuation, small spelling slips) becomes Moodle’s exact, case-insensitive match';

function html(text: string): Node {
  return { '@_format': 'html', text: xmlSafe(text) };
}

function feedbackHtml(quiz: LoadedQuiz, question: LoadedQuestion): string {
  const quotes = evidenceTexts(quiz, question).map((text) => `<blockquote><p>${escapeHtml(text)}</p></blockquote>`);
  return `<p>${escapeHtml(question.explanation)}</p>\n<p><strong>Evidence</strong></p>\n${quotes.join('\n')}`;
}

function answer(fraction: number, text: string): Node {
  return { '@_fraction': percent(fraction), '@_format': 'html', text: xmlSafe(escapeHtml(text)), feedback: html('') };
}

/** Right picks earn 1/k each, wrong picks lose 1/k: Evident's multiple-select rule exactly. */
function selectionAnswers(options: readonly { id: string; text: string }[], correct: readonly string[]): Node[] {
  const k = correct.length;
  return options.map((option) => answer(correct.includes(option.id) ? 1 / k : -1 / k, option.text));
}

function multichoice(single: boolean, answers: Node[], shuffle: boolean): Node {
  return {
    single: single ? 'true' : 'false',
    shuffleanswers: shuffle ? '1' : '0',
    answernumbering: shuffle ? 'abc' : 'none',
    answer: answers,
  };
}

/** Escapes an answer inside a Moodle embedded (cloze) answer: } # ~ / " \ and the separators. */
export function clozeEscape(text: string): string {
  return escapeHtml(text).replace(/[\\}#~/"]/g, (c) => `\\${c}`);
}

/**
 * Text inside an embedded-answers question: Moodle finds {1:…} anywhere in the question text, so
 * a brace of the bank's own text is written as an entity and can never become an answer field.
 */
function clozeText(text: string): string {
  return escapeHtml(text).replace(/\{/g, '&#123;');
}

const TRUTH_LABELS = { true: 'True', false: 'False', 'not-given': 'Not given' } as const;

function body(quiz: LoadedQuiz, q: LoadedQuestion, drops: QuestionDrops): { type: string; prompt: string; fields: Node } {
  const prompt = `<p>${escapeHtml(q.prompt)}</p>`;
  switch (q.type) {
    case 'single-choice':
      return {
        type: 'multichoice',
        prompt,
        fields: multichoice(
          true,
          q.options.map((o) => answer(o.id === q.correct ? 1 : 0, o.text)),
          true,
        ),
      };
    case 'multiple-select':
      return { type: 'multichoice', prompt, fields: multichoice(false, selectionAnswers(q.options, q.correct), true) };
    case 'true-false-not-given': {
      const answers = (['true', 'false', 'not-given'] as const).map((value) => answer(value === q.answer ? 1 : 0, TRUTH_LABELS[value]));
      return { type: 'multichoice', prompt, fields: multichoice(true, answers, false) };
    }
    case 'short-answer':
      drops.drop(LENIENT);
      return { type: 'shortanswer', prompt, fields: { usecase: '0', answer: q.accepted.map((text) => answer(1, text)) } };
    case 'cloze': {
      drops.drop(LENIENT);
      const gaps = new Map(q.gaps.map((gap) => [gap.id, gap]));
      const parts = q.text.split(/(\{\{[a-z0-9-]+\}\})/u).map((piece) => {
        const gap = gaps.get(piece.slice(2, -2));
        if (!piece.startsWith('{{') || !gap) return clozeText(piece);
        return `{1:SHORTANSWER:${gap.accepted.map((text) => `=${clozeEscape(text)}`).join('~')}}`;
      });
      return { type: 'cloze', prompt: `<p>${clozeText(q.prompt)}</p>\n<p>${parts.join('')}</p>`, fields: {} };
    }
    case 'evidence-selection': {
      const sentences = citableSentences(quiz.article).map((s) => ({ id: s.id, text: s.text }));
      return { type: 'multichoice', prompt, fields: multichoice(false, selectionAnswers(sentences, q.answerSentenceIds), false) };
    }
    case 'ordering':
      drops.drop('partial credit differs: Moodle’s “longest ordered subset” gives k/n where Evident gives (k−1)/(n−1)');
      drops.drop('needs Moodle’s Ordering question type (qtype_ordering)');
      return {
        type: 'ordering',
        prompt,
        fields: {
          layouttype: 'VERTICAL',
          selecttype: 'ALL',
          selectcount: '0',
          gradingtype: 'LONGEST_ORDERED_SUBSET',
          showgrading: 'SHOW',
          numberingstyle: 'none',
          answer: q.order.map((id, index) => ({
            '@_fraction': String(index + 1),
            '@_format': 'html',
            text: xmlSafe(escapeHtml(textOf(q.items, id))),
          })),
        },
      };
    case 'matching': {
      const paired = new Set(q.pairs.map((p) => p.right));
      const subquestions = q.pairs.map((pair) => ({
        '@_format': 'html',
        text: xmlSafe(escapeHtml(textOf(q.left, pair.left))),
        answer: { text: xmlSafe(textOf(q.right, pair.right)) },
      }));
      // A right item no left item takes is a distractor: Moodle writes it as an empty subquestion.
      for (const right of q.right.filter((r) => !paired.has(r.id))) {
        subquestions.push({ '@_format': 'html', text: '', answer: { text: xmlSafe(right.text) } });
      }
      return { type: 'matching', prompt, fields: { shuffleanswers: 'true', subquestion: subquestions } };
    }
    case 'two-part': {
      drops.drop('Part B counting only when Part A is right: Moodle marks the two parts separately');
      const byId = sentencesById(quiz);
      const a = q.partA.options.map((o) => `${o.id === q.partA.correct ? '=' : ''}${clozeEscape(o.text)}`).join('~');
      const k = q.partB.correct.length;
      const b = q.partB.options
        .map((o) => {
          const text = byId.get(q.partBSentenceIds[o.id] ?? '')?.text ?? o.quote;
          return `%${percent(q.partB.correct.includes(o.id) ? 1 / k : -1 / k)}%${clozeEscape(text)}`;
        })
        .join('~');
      const text = `<p>${clozeText(q.prompt)}</p>\n<p><strong>Part A.</strong> ${clozeText(q.partA.prompt)}</p>\n<p>{1:MULTICHOICE_V:${a}}</p>\n<p><strong>Part B.</strong> ${clozeText(q.partB.prompt)}</p>\n<p>{1:MULTIRESPONSE_V:${b}}</p>`;
      return { type: 'cloze', prompt: text, fields: {} };
    }
  }
}

function questionNode(quiz: LoadedQuiz, q: LoadedQuestion, drops: QuestionDrops): Node {
  const { type, prompt, fields } = body(quiz, q, drops);
  return {
    '@_type': type,
    name: { text: xmlSafe(q.id) },
    questiontext: html(prompt),
    generalfeedback: html(feedbackHtml(quiz, q)),
    defaultgrade: String(q.points),
    penalty: '0',
    hidden: '0',
    idnumber: xmlSafe(q.id),
    ...fields,
    tags: { tag: [{ text: `skill:${q.skill}` }, { text: `difficulty:${q.difficulty}` }] },
  };
}

export function exportMoodleXml(quiz: LoadedQuiz): ExportResult {
  const reports = [];
  const questions: Node[] = [
    { '@_type': 'category', category: { text: xmlSafe(`$course$/top/Evident/${quiz.title.replace(/\//g, '//')}`) } },
    {
      '@_type': 'description',
      name: { text: 'Article' },
      questiontext: html(articleHtml(quiz)),
      defaultgrade: '0',
      penalty: '0',
      hidden: '0',
      idnumber: xmlSafe(`${quiz.id}-article`),
    },
  ];
  for (const q of quiz.questions) {
    const drops = new QuestionDrops(q.id, q.type);
    questions.push(questionNode(quiz, q, drops));
    reports.push(drops.report());
  }
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    format: true,
    indentBy: '  ',
    suppressEmptyNode: false,
  });
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${builder.build({ quiz: { question: questions } }) as string}`;
  return {
    text,
    report: {
      format: 'moodle-xml',
      quiz: [
        'the article is a description question before the questions: Moodle does not tie it to them, so shuffled or random quizzes can show a question without it',
        'evidence is quoted in each question’s general feedback, not linked to sentences of the article',
      ],
      questions: reports,
    },
  };
}
