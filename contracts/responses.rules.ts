import {
  type QuestionType,
  type TAnswers,
  type TAuditTemplate,
  type TQuestion,
  ZAnswerByType,
} from './audit-tools.js';
import {
  allQuestions,
  type FieldErrors,
  isAnswered,
  validateAnswers,
  visibleQuestionIds,
} from './audit-tools.rules.js';
import type { SectionStatus, TCarryForward } from './responses.js';

// Pure rules of the form engine, on top of the template rules in audit-tools.rules.ts. No database.
// The web app uses them too, so what the task list shows is what the server will accept.

const TYPE_NAMES: Record<QuestionType, string> = {
  rating: 'a rating',
  yes_no_partly: 'yes, no or partly',
  single_choice: 'one option',
  multiple_choice: 'a list of options',
  number: 'a number',
  date: 'a date',
  short_text: 'text',
  long_text: 'text',
  chronology: 'chronology entries',
  evidence_file: 'files',
};

/**
 * Checks each answer has the shape its question's type needs (a draft may be unfinished, so only the
 * shape, not whether it is complete or in range). Unknown question ids are refused; null clears.
 */
export function checkAnswerShapes(
  template: TAuditTemplate,
  answers: Record<string, unknown>,
): { answers: TAnswers; errors: FieldErrors } {
  const byId = new Map(allQuestions(template).map((q) => [q.id, q] as const));
  const clean: TAnswers = {};
  const errors: FieldErrors = {};
  for (const [id, value] of Object.entries(answers)) {
    if (value === null || value === undefined) continue;
    const q = byId.get(id);
    if (!q) {
      errors[id] = `There is no question ‘${id}’ in this form. Reload the page to get the current form.`;
      continue;
    }
    const parsed = ZAnswerByType[q.type].safeParse(value);
    if (!parsed.success) {
      errors[id] = `The answer to ‘${q.text}’ must be ${TYPE_NAMES[q.type]}`;
      continue;
    }
    clean[id] = parsed.data as TAnswers[string];
  }
  return { answers: clean, errors };
}

/** The answers with every evidence question's answer taken from its files (files are managed apart from saves). */
export function withEvidence(
  template: TAuditTemplate,
  answers: TAnswers,
  files: readonly { id: string; questionId: string }[],
): TAnswers {
  const out: TAnswers = { ...answers };
  for (const q of allQuestions(template)) {
    if (q.type !== 'evidence_file') continue;
    const fileIds = files.filter((f) => f.questionId === q.id).map((f) => f.id);
    if (fileIds.length > 0) out[q.id] = { fileIds };
    else delete out[q.id];
  }
  return out;
}

/**
 * The earlier response's answers that fit this template's questions (same id, right shape), to start a
 * new response with. Evidence files are not carried: they belong to the earlier response.
 */
export function carriedAnswers(template: TAuditTemplate, previous: TAnswers): TAnswers {
  const wanted = Object.fromEntries(
    allQuestions(template)
      .filter((q) => q.type !== 'evidence_file' && isAnswered(previous[q.id]))
      .map((q) => [q.id, previous[q.id]]),
  );
  return checkAnswerShapes(template, wanted).answers;
}

/** Visible questions whose carried-forward answer has been neither confirmed nor changed. */
export function pendingCarryForward(
  template: TAuditTemplate,
  answers: TAnswers,
  previous: TAnswers | null,
  carryForward: TCarryForward,
  visible: Set<string> = visibleQuestionIds(template, answers),
): Set<string> {
  const pending = new Set<string>();
  if (!previous) return pending;
  for (const q of allQuestions(template)) {
    if (q.type === 'evidence_file' || !visible.has(q.id)) continue;
    if (isAnswered(previous[q.id]) && carryForward[q.id] === undefined) pending.add(q.id);
  }
  return pending;
}

const confirmMessage = (q: TQuestion) =>
  `Confirm your earlier answer to ‘${q.text}’ is still true, or say it has changed`;

/** What stops a response being submitted: the template's own checks, then unconfirmed carried answers. */
export function submitErrors(
  template: TAuditTemplate,
  answers: TAnswers,
  previous: TAnswers | null,
  carryForward: TCarryForward,
): FieldErrors {
  const errors = validateAnswers(template, answers);
  const pending = pendingCarryForward(template, answers, previous, carryForward);
  for (const q of allQuestions(template)) {
    if (pending.has(q.id) && errors[q.id] === undefined) errors[q.id] = confirmMessage(q);
  }
  return errors;
}

/**
 * Each section's status for the task list: Completed when every visible question is answered validly
 * (required ones given) and every carried answer confirmed or changed; Not started when nothing is
 * answered; otherwise In progress. A section with no visible required question is Completed once any
 * of its questions is answered.
 */
export function sectionStatuses(
  template: TAuditTemplate,
  answers: TAnswers,
  previous: TAnswers | null,
  carryForward: TCarryForward,
): Record<string, SectionStatus> {
  const visible = visibleQuestionIds(template, answers);
  const errors = validateAnswers(template, answers);
  const pending = pendingCarryForward(template, answers, previous, carryForward, visible);
  const out: Record<string, SectionStatus> = {};
  for (const section of template.sections) {
    const shown = section.questions.filter((q) => visible.has(q.id));
    const touched = shown.some((q) => isAnswered(answers[q.id]) || carryForward[q.id] !== undefined);
    const valid = shown.every((q) => errors[q.id] === undefined && !pending.has(q.id));
    const hasRequired = shown.some((q) => q.required);
    if (valid && (hasRequired || touched)) out[section.id] = 'completed';
    else out[section.id] = touched ? 'in_progress' : 'not_started';
  }
  return out;
}

/** JSON with object keys sorted, so two equal answer sets compare equal however they were built. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The ids of questions whose answer (or carry-forward choice) differs between two saves, sorted. */
export function changedQuestionIds(
  before: { answers: TAnswers; carryForward: TCarryForward },
  after: { answers: TAnswers; carryForward: TCarryForward },
): string[] {
  const ids = new Set([
    ...Object.keys(before.answers),
    ...Object.keys(after.answers),
    ...Object.keys(before.carryForward),
    ...Object.keys(after.carryForward),
  ]);
  return [...ids]
    .filter(
      (id) =>
        canonicalJson(before.answers[id]) !== canonicalJson(after.answers[id]) ||
        before.carryForward[id] !== after.carryForward[id],
    )
    .sort();
}
