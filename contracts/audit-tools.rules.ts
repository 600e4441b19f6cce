import {
  conditionQuestionIds,
  type TAnswer,
  type TAnswers,
  type TAuditTemplate,
  type TCondition,
  type TQuestion,
  type TRatingScale,
  type TScoreBand,
  YES_NO_PARTLY,
} from './audit-tools.js';

// Pure rules shared by the builder, the form engine and scoring. No database, no clock.
// Templates are assumed to have passed ZAuditTemplate; answers may be any half-finished draft.

export type FieldErrors = Record<string, string>;

export interface RatingScore {
  earned: number;
  possible: number;
  /** earned / possible × 100, unrounded; null when nothing scored was answered. */
  percent: number | null;
  /** Visible rating questions answered with a scored (not N/A) option. */
  answeredCount: number;
  /** Visible rating questions answered "not applicable". */
  notApplicableCount: number;
}

export interface SectionRatingScore extends RatingScore {
  sectionId: string;
  title: string;
}

export interface TemplateRatingScore {
  overall: RatingScore;
  sections: SectionRatingScore[];
}

/** Every question of a template in reading order. */
export function allQuestions(template: TAuditTemplate): TQuestion[] {
  return template.sections.flatMap((s) => s.questions);
}

/** Whether an answer counts as given: blank text, empty lists and empty file lists do not. */
export function isAnswered(answer: unknown): boolean {
  if (answer === undefined || answer === null) return false;
  if (typeof answer === 'string') return answer.trim() !== '';
  if (typeof answer === 'number') return Number.isFinite(answer);
  if (Array.isArray(answer)) return answer.length > 0;
  if (typeof answer === 'object') {
    if ('optionId' in answer) return typeof answer.optionId === 'string' && answer.optionId !== '';
    if ('fileIds' in answer) return Array.isArray(answer.fileIds) && answer.fileIds.length > 0;
  }
  return false;
}

// The values a condition's equals / notEquals compare with.
function answerValues(answer: TAnswer | undefined): string[] {
  if (typeof answer === 'string') return [answer];
  if (typeof answer === 'number') return [String(answer)];
  if (Array.isArray(answer)) return answer.filter((v): v is string => typeof v === 'string');
  if (answer !== undefined && typeof answer === 'object' && 'optionId' in answer) return [answer.optionId];
  return [];
}

function conditionHolds(condition: TCondition, answerOf: (id: string) => TAnswer | undefined): boolean {
  if ('all' in condition) return condition.all.every((c) => conditionHolds(c, answerOf));
  if ('any' in condition) return condition.any.some((c) => conditionHolds(c, answerOf));
  const answer = answerOf(condition.questionId);
  const answered = isAnswered(answer);
  if (condition.answered !== undefined && condition.answered !== answered) return false;
  const values = answerValues(answer);
  if (condition.equals !== undefined) {
    const wanted = typeof condition.equals === 'string' ? [condition.equals] : condition.equals;
    if (!answered || !values.some((v) => wanted.includes(v))) return false;
  }
  if (condition.notEquals !== undefined) {
    if (!answered || values.includes(condition.notEquals)) return false;
  }
  return true;
}

/**
 * The ids of every visible question (memoised, so one pass even for large templates).
 * A question is visible when it has no showIf, or its showIf holds with the answers of hidden
 * questions counted as unanswered. Since equals, notEquals and answered: true all need an answer,
 * a test on a hidden question fails, so hiding chains (A hides B, so C, which depends on B, hides
 * too) even when B keeps a stale answer. Only answered: false, or an `any` with another branch
 * that holds, can show a question whose condition names a hidden one.
 */
export function visibleQuestionIds(template: TAuditTemplate, answers: TAnswers): Set<string> {
  const byId = new Map(allQuestions(template).map((q) => [q.id, q] as const));
  const memo = new Map<string, boolean>();
  const visit = (id: string): boolean => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const question = byId.get(id);
    if (question === undefined) return false;
    memo.set(id, false); // guards against a cycle in an unvalidated template
    const condition = question.showIf;
    let visible = true;
    if (condition !== undefined) {
      const shown = new Set(conditionQuestionIds(condition).filter(visit));
      visible = conditionHolds(condition, (ref) => (shown.has(ref) ? answers[ref] : undefined));
    }
    memo.set(id, visible);
    return visible;
  };
  const visible = new Set<string>();
  for (const id of byId.keys()) if (visit(id)) visible.add(id);
  return visible;
}

/** Whether a question shows: its showIf holds on the answers, hidden questions' answers counting as unanswered (see visibleQuestionIds). */
export function isVisible(template: TAuditTemplate, questionId: string, answers: TAnswers): boolean {
  return visibleQuestionIds(template, answers).has(questionId);
}

/** The answers with those to hidden or unknown questions left out (what is kept on submit). */
export function visibleAnswers(template: TAuditTemplate, answers: TAnswers): TAnswers {
  const visible = visibleQuestionIds(template, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => visible.has(id)));
}

/** Whether a string is a real calendar date written YYYY-MM-DD. */
export function isRealIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (match === null) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

function missingMessage(q: TQuestion): string {
  const t = `‘${q.text}’`;
  switch (q.type) {
    case 'rating':
      return `Select a rating for ${t}`;
    case 'yes_no_partly':
      return `Select yes, no or partly for ${t}`;
    case 'single_choice':
      return `Select an option for ${t}`;
    case 'multiple_choice':
      return `Select at least one option for ${t}`;
    case 'number':
      return `Enter a number for ${t}`;
    case 'date':
      return `Enter a date for ${t}`;
    case 'short_text':
    case 'long_text':
      return `Enter an answer for ${t}`;
    case 'chronology':
      return `Add at least one chronology entry for ${t}`;
    case 'evidence_file':
      return `Upload a file for ${t}`;
  }
}

function rangeMessage(q: TQuestion): string {
  const t = `‘${q.text}’`;
  if (q.min !== undefined && q.max !== undefined) return `${t} must be between ${q.min} and ${q.max}`;
  if (q.min !== undefined) return `${t} must be ${q.min} or more`;
  return `${t} must be ${q.max} or less`;
}

// The problem with a given (non-blank) answer, or undefined when it suits its question.
function answerProblem(q: TQuestion, answer: unknown, scales: Map<string, TRatingScale>): string | undefined {
  const t = `‘${q.text}’`;
  switch (q.type) {
    case 'rating': {
      const option = isRecord(answer)
        ? scales.get(q.scaleId ?? '')?.options.find((o) => o.id === answer.optionId)
        : undefined;
      if (option === undefined) return `Select a rating from the list for ${t}`;
      if (option.notApplicable === true && !(isRecord(answer) && nonBlank(answer.reason))) {
        return 'Enter a reason why this is not applicable';
      }
      return undefined;
    }
    case 'yes_no_partly':
      return (YES_NO_PARTLY as readonly unknown[]).includes(answer) ? undefined : missingMessage(q);
    case 'single_choice':
      return (q.options ?? []).some((o) => o.id === answer)
        ? undefined
        : `Select an option from the list for ${t}`;
    case 'multiple_choice': {
      const ids = new Set((q.options ?? []).map((o) => o.id));
      return Array.isArray(answer) && answer.every((v) => ids.has(v))
        ? undefined
        : `Select options from the list for ${t}`;
    }
    case 'number':
      if (typeof answer !== 'number' || !Number.isFinite(answer)) return `${t} must be a number`;
      if ((q.min !== undefined && answer < q.min) || (q.max !== undefined && answer > q.max)) {
        return rangeMessage(q);
      }
      return undefined;
    case 'date':
      return typeof answer === 'string' && isRealIsoDate(answer) ? undefined : `${t} must be a real date`;
    case 'short_text':
    case 'long_text':
      return typeof answer === 'string' ? undefined : `Enter an answer for ${t}`;
    case 'chronology': {
      if (!Array.isArray(answer)) return missingMessage(q);
      const bad = answer.findIndex(
        (row) =>
          !isRecord(row) ||
          !(typeof row.date === 'string' && isRealIsoDate(row.date)) ||
          !nonBlank(row.agency) ||
          !nonBlank(row.event) ||
          !nonBlank(row.significance),
      );
      return bad === -1
        ? undefined
        : `Enter a real date, the agency, the event and its significance for chronology entry ${bad + 1} in ${t}`;
    }
    case 'evidence_file':
      return isRecord(answer) && Array.isArray(answer.fileIds) && answer.fileIds.every(nonBlank)
        ? undefined
        : `Upload a file for ${t}`;
  }
}

/** Field errors (questionId → GOV.UK-style message) for visible questions; hidden ones are never required and their answers are ignored. */
export function validateAnswers(template: TAuditTemplate, answers: TAnswers): FieldErrors {
  const visible = visibleQuestionIds(template, answers);
  const scales = new Map(template.scales.map((s) => [s.id, s] as const));
  const errors: FieldErrors = {};
  for (const q of allQuestions(template)) {
    if (!visible.has(q.id)) continue;
    const answer = answers[q.id];
    if (!isAnswered(answer)) {
      if (q.required) errors[q.id] = missingMessage(q);
      continue;
    }
    const problem = answerProblem(q, answer, scales);
    if (problem !== undefined) errors[q.id] = problem;
  }
  return errors;
}

/** The highest score a scale can give, leaving its N/A option out. */
export function maxScore(scale: TRatingScale): number {
  return Math.max(...scale.options.filter((o) => o.notApplicable !== true).map((o) => o.score));
}

function emptyScore(): RatingScore {
  return { earned: 0, possible: 0, percent: null, answeredCount: 0, notApplicableCount: 0 };
}

function withPercent(score: RatingScore): RatingScore {
  return { ...score, percent: score.possible > 0 ? (score.earned / score.possible) * 100 : null };
}

/** Rating scores per section and overall: visible rating questions only, N/A out of both earned and possible. */
export function scoreRatings(template: TAuditTemplate, answers: TAnswers): TemplateRatingScore {
  const visible = visibleQuestionIds(template, answers);
  const scales = new Map(template.scales.map((s) => [s.id, s] as const));
  const overall = emptyScore();
  const sections = template.sections.map((section) => {
    const score = emptyScore();
    for (const q of section.questions) {
      if (q.type !== 'rating' || !visible.has(q.id)) continue;
      const scale = scales.get(q.scaleId ?? '');
      const answer: unknown = answers[q.id];
      if (scale === undefined || !isRecord(answer)) continue;
      const option = scale.options.find((o) => o.id === answer.optionId);
      if (option === undefined) continue;
      if (option.notApplicable === true) {
        score.notApplicableCount++;
        continue;
      }
      score.earned += option.score;
      score.possible += maxScore(scale);
      score.answeredCount++;
    }
    overall.earned += score.earned;
    overall.possible += score.possible;
    overall.answeredCount += score.answeredCount;
    overall.notApplicableCount += score.notApplicableCount;
    return { sectionId: section.id, title: section.title, ...withPercent(score) };
  });
  return { overall: withPercent(overall), sections };
}

/** The label of the band a percent falls in, after rounding to the nearest whole percent (halves up); null when there is no percent or no band. */
export function bandFor(bands: readonly TScoreBand[] | undefined, percent: number | null): string | null {
  if (percent === null || bands === undefined || !Number.isFinite(percent)) return null;
  const whole = Math.round(percent);
  return bands.find((b) => b.minPercent <= whole && whole <= b.maxPercent)?.label ?? null;
}
