// Shapes of the audit-tool API's answers, and the plain words the pages use for the parts of a
// template (question types, conditions, the paths the server names in its errors).
import {
  KLOE_LABELS,
  type QuestionType,
  type TAuditTemplate,
  type TCondition,
  type TemplateKind,
  type TQuestion,
} from '../../../../contracts/audit-tools';
import { ApiError } from '../../app/api';

export type TemplateVerb = 'readPublished' | 'readDrafts' | 'write';

export type TemplateSummary = {
  id: string;
  title: string;
  kind: TemplateKind;
  active: boolean;
  version: number;
  latestPublishedNumber: number | null;
  hasDraft: boolean;
  allowedVerbs: TemplateVerb[];
};

export type VersionSummary = {
  id: string;
  number: number;
  status: 'draft' | 'published';
  basedOnVersionId: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  version: number;
  updatedAt: string;
};

export type TemplateDetail = TemplateSummary & { versions: VersionSummary[] };

export type TemplateVersion = VersionSummary & { templateId: string; definition: TAuditTemplate };

export type TemplateDiff = {
  from: { id: string; number: number };
  to: { id: string; number: number };
  changedFields: string[];
  sections: {
    added: { id: string; title: string }[];
    removed: { id: string; title: string }[];
    changed: { id: string; fields: string[] }[];
  };
  questions: {
    added: { id: string; sectionId: string; text: string }[];
    removed: { id: string; sectionId: string; text: string }[];
    changed: { id: string; fields: string[] }[];
  };
};

export const KIND_LABELS: Record<TemplateKind, string> = {
  case_audit: 'Case file audit',
  self_assessment: 'Self-assessment (Section 11 or Care Act)',
  education_audit: 'Education audit (Section 175/157)',
  survey: 'Survey',
  baseline_self_evaluation: 'Baseline self-evaluation',
  other: 'Other',
};

export const TYPE_LABELS: Record<QuestionType, string> = {
  rating: 'Rating on a scale',
  yes_no_partly: 'Yes, no or partly',
  single_choice: 'Single choice',
  multiple_choice: 'Multiple choice',
  number: 'Number',
  date: 'Date',
  short_text: 'Short text',
  long_text: 'Long text',
  chronology: 'Chronology table',
  evidence_file: 'Evidence file',
};

export const TYPE_HINTS: Record<QuestionType, string> = {
  rating: 'Choose a rating from one of the template’s rating scales',
  yes_no_partly: 'Yes, No or Partly',
  single_choice: 'One option from a list',
  multiple_choice: 'Any number of options from a list',
  number: 'A number, optionally within limits',
  date: 'A calendar date',
  short_text: 'One line of text',
  long_text: 'Paragraphs of text',
  chronology: 'A table of dated events with agency and significance',
  evidence_file: 'Uploaded documents',
};

export const YES_NO_PARTLY_LABELS: Record<string, string> = { yes: 'Yes', no: 'No', partly: 'Partly' };

/** Question fields by the names the server uses, in words. */
export const QUESTION_FIELD_LABELS: Record<string, string> = {
  id: 'id',
  type: 'type',
  text: 'question',
  help: 'help text',
  required: 'whether it is required',
  scaleId: 'rating scale',
  options: 'options',
  min: 'smallest number',
  max: 'largest number',
  showIf: 'show-only-if condition',
  kloe: 'key line of enquiry',
  themes: 'themes',
  section: 'section',
};

const TEMPLATE_FIELD_LABELS: Record<string, string> = {
  title: 'title',
  description: 'description',
  kind: 'kind',
  scales: 'rating scales',
  bands: 'score bands',
  formatVersion: 'format version',
};

const SECTION_FIELD_LABELS: Record<string, string> = {
  id: 'id',
  title: 'title',
  description: 'description',
  questions: 'order of questions',
};

/** "title, question and help text" */
export function listInWords(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export const templateFieldsInWords = (fields: string[]) =>
  listInWords(fields.map((f) => TEMPLATE_FIELD_LABELS[f] ?? f));
export const sectionFieldsInWords = (fields: string[]) =>
  listInWords(fields.map((f) => SECTION_FIELD_LABELS[f] ?? f));
export const questionFieldsInWords = (fields: string[]) =>
  listInWords(fields.map((f) => QUESTION_FIELD_LABELS[f] ?? f));

/** Every question in reading order, with its section and its number across the template (from 1). */
export function numberedQuestions(def: TAuditTemplate) {
  const out: { q: TQuestion; number: number; sectionIndex: number; index: number; sectionId: string }[] = [];
  let n = 0;
  def.sections.forEach((s, sectionIndex) => {
    s.questions.forEach((q, index) => {
      n++;
      out.push({ q, number: n, sectionIndex, index, sectionId: s.id });
    });
  });
  return out;
}

const quote = (text: string) => `‘${text.length > 60 ? `${text.slice(0, 57)}…` : text}’`;

/**
 * A path the server names in an error (`definition.sections.0.questions.2.showIf`), in words:
 * "Question 3 (‘Was the child seen?’), show-only-if condition".
 */
export function describePath(path: string, def?: TAuditTemplate): string {
  const parts = path.replace(/^definition\.?/, '').split('.');
  const [top, a, b, c, d] = parts;
  if (top === 'sections' && a !== undefined) {
    const si = Number(a);
    const section = def?.sections[si];
    if (b === 'questions' && c !== undefined) {
      const qi = Number(c);
      const numbered = def
        ? numberedQuestions(def).find((x) => x.sectionIndex === si && x.index === qi)
        : undefined;
      const name = numbered
        ? `Question ${numbered.number} (${quote(numbered.q.text)})`
        : `Section ${si + 1}, question ${qi + 1}`;
      if (d === 'options' && parts[5] !== undefined) return `${name}, option ${Number(parts[5]) + 1}`;
      return d ? `${name}, ${QUESTION_FIELD_LABELS[d] ?? d}` : name;
    }
    const name = `Section ${si + 1}${section ? ` (${quote(section.title || section.id)})` : ''}`;
    return b ? `${name}, ${SECTION_FIELD_LABELS[b] ?? b}` : name;
  }
  if (top === 'scales' && a !== undefined) {
    const scale = def?.scales[Number(a)];
    const name = `Rating scale ${Number(a) + 1}${scale ? ` (${quote(scale.name || scale.id)})` : ''}`;
    if (b === 'options' && c !== undefined) return `${name}, rating ${Number(c) + 1}${d ? `, ${d}` : ''}`;
    return b ? `${name}, ${b}` : name;
  }
  if (top === 'bands') return a !== undefined ? `Score band ${Number(a) + 1}` : 'Score bands';
  if (top === 'sections') return 'Sections';
  if (top === 'scales') return 'Rating scales';
  return TEMPLATE_FIELD_LABELS[top] ? `The template’s ${TEMPLATE_FIELD_LABELS[top]}` : 'The template';
}

/**
 * Turns the server's field errors for a whole definition into this form's: `mapPath` names the form
 * field a definition path belongs to (or null when it is elsewhere, which then keeps its path and gets
 * its place in words before the message).
 */
export function remapDefinitionErrors(
  error: unknown,
  def: TAuditTemplate,
  mapPath: (path: string, sent: TAuditTemplate) => string | null,
): unknown {
  if (!(error instanceof ApiError) || !error.isValidation) return error;
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const own = mapPath(path.replace(/^definition\.?/, ''), def);
    if (own !== null) fields[own] ??= message;
    else fields[path] ??= `${describePath(path, def)}: ${message}`;
  }
  return new ApiError(error.status, {
    error: error.code,
    message: error.message,
    details: { ...error.details, fields },
    requestId: error.requestId ?? undefined,
  });
}

/** The next free id like `q7` among those given. */
export function nextId(prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  let n = 1;
  while (used.has(`${prefix}${n}`)) n++;
  return `${prefix}${n}`;
}

/** An id made from a label: "Fully met" → "fully-met" (made unique among those taken). */
export function idFromLabel(label: string, taken: Iterable<string>, fallback = 'option'): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40)
      .replace(/-+$/, '') || fallback;
  const used = new Set(taken);
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

/** What an answer value means for a question, in words (an option's label, Yes/No/Partly). */
export function answerInWords(def: TAuditTemplate, question: TQuestion | undefined, value: string): string {
  if (!question) return value;
  if (question.type === 'yes_no_partly') return YES_NO_PARTLY_LABELS[value] ?? value;
  if (question.type === 'rating') {
    const scale = def.scales.find((s) => s.id === question.scaleId);
    return scale?.options.find((o) => o.id === value)?.label ?? value;
  }
  return question.options?.find((o) => o.id === value)?.label ?? value;
}

/** A show-only-if condition in words: "‘Was the child seen?’ is No". */
export function conditionInWords(def: TAuditTemplate, c: TCondition): string {
  if ('all' in c) return c.all.map((x) => conditionInWords(def, x)).join(', and ');
  if ('any' in c) return `either ${c.any.map((x) => conditionInWords(def, x)).join(', or ')}`;
  const found = numberedQuestions(def).find((x) => x.q.id === c.questionId);
  const who = found ? `question ${found.number} (${quote(found.q.text)})` : `question ‘${c.questionId}’`;
  const checks: string[] = [];
  if (c.equals !== undefined) {
    const values = [c.equals].flat().map((v) => answerInWords(def, found?.q, v));
    checks.push(
      values.length === 1 ? `is ${values[0]}` : `is any of ${listInWords(values).replace(/ and /, ' or ')}`,
    );
  }
  if (c.notEquals !== undefined)
    checks.push(`is answered and is not ${answerInWords(def, found?.q, c.notEquals)}`);
  if (c.answered !== undefined) checks.push(c.answered ? 'is answered' : 'is not answered');
  return `${who} ${checks.join(' and ')}`;
}

export const kloeLabel = (id: string | undefined) =>
  id ? ((KLOE_LABELS as Record<string, string>)[id] ?? id) : undefined;

/** API paths of one template, under the current partnership. */
export const templatePaths = (path: (rest?: string) => string, templateId: string) => ({
  template: path(`audit-templates/${templateId}`),
  version: (versionId: string) => path(`audit-templates/${templateId}/versions/${versionId}`),
});
