import { z } from 'zod';

// Shared by server and web: the documented JSON format of an audit-tool template (formatVersion 1)
// and of the answers given to one. Rules that need a whole template (visibility, validation of
// answers, scoring, bands) live in contracts/audit-tools.rules.ts.
//
// Percentages and bands: score bands are whole percents (e.g. Inadequate 0–50, Requires improvement
// 51–70). A score's percent is rounded to the nearest whole percent (halves round up) before it is
// banded, so 50.4% is Inadequate and 50.5% or 50.6% is Requires improvement.

export const TEMPLATE_KINDS = [
  'case_audit',
  'self_assessment',
  'education_audit',
  'survey',
  'baseline_self_evaluation',
  'other',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const ZTemplateKind = z.enum(TEMPLATE_KINDS, { message: 'Select the kind of audit tool' });

export const QUESTION_TYPES = [
  'rating',
  'yes_no_partly',
  'single_choice',
  'multiple_choice',
  'number',
  'date',
  'short_text',
  'long_text',
  'chronology',
  'evidence_file',
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];
export const ZQuestionType = z.enum(QUESTION_TYPES, { message: 'Select the type of question' });

/** The colours a GOV.UK tag can take. */
export const TAG_COLOURS = [
  'green',
  'light-blue',
  'blue',
  'purple',
  'pink',
  'red',
  'orange',
  'yellow',
  'grey',
  'turquoise',
] as const;
export type TagColour = (typeof TAG_COLOURS)[number];
export const ZTagColour = z.enum(TAG_COLOURS, { message: 'Select a colour' });

/** The four key lines of enquiry (PRODUCT.md §2). */
export const KLOE_IDS = [
  'lived_experience',
  'identification_early_intervention',
  'partnership_working_information_sharing',
  'governance_policies_procedures',
] as const;
export type KloeId = (typeof KLOE_IDS)[number];
export const ZKloeId = z.enum(KLOE_IDS, { message: 'Select a key line of enquiry' });

export const KLOE_LABELS: Record<KloeId, string> = {
  lived_experience: 'The lived experience of the child or adult',
  identification_early_intervention: 'Identification and early intervention',
  partnership_working_information_sharing: 'Partnership working and information sharing',
  governance_policies_procedures: 'Governance, policies and procedures',
};

export const YES_NO_PARTLY = ['yes', 'no', 'partly'] as const;
export type YesNoPartly = (typeof YES_NO_PARTLY)[number];

/** Ids inside a template: letters, digits, dot, underscore and hyphen. */
export const ZTemplateId = z
  .string()
  .trim()
  .min(1, { message: 'Enter an id' })
  .max(100, { message: 'Ids must be 100 characters or fewer' })
  .regex(/^[A-Za-z0-9._-]+$/, {
    message: 'Ids may only contain letters, digits, dots, underscores and hyphens',
  });

const ZTitle = z.string().trim().min(1, { message: 'Enter a title' }).max(500);
const ZText = z.string().trim().max(5000);

// ---------------------------------------------------------------------------------------------
// Rating scales

export const ZRatingOption = z.object({
  id: ZTemplateId,
  label: z.string().trim().min(1, { message: 'Enter a label for the rating' }).max(200),
  score: z.number({ message: 'Enter a score' }).finite(),
  colour: ZTagColour,
  notApplicable: z.boolean().optional(),
});
export type TRatingOption = z.infer<typeof ZRatingOption>;

export const ZRatingScale = z
  .object({
    id: ZTemplateId,
    name: z.string().trim().min(1, { message: 'Enter a name for the rating scale' }).max(200),
    options: z.array(ZRatingOption).min(1, { message: 'Add at least one rating to the scale' }),
  })
  .superRefine((scale, ctx) => {
    const seen = new Set<string>();
    scale.options.forEach((option, i) => {
      if (seen.has(option.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'id'],
          message: `Rating scale ‘${scale.name}’ uses the option id ‘${option.id}’ more than once`,
        });
      }
      seen.add(option.id);
    });
    const notApplicable = scale.options.filter((o) => o.notApplicable === true);
    if (notApplicable.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `Rating scale ‘${scale.name}’ has ${notApplicable.length} ‘not applicable’ options; a scale may have at most one`,
      });
    }
    if (notApplicable.length === scale.options.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: `Rating scale ‘${scale.name}’ needs at least one rating that is not ‘not applicable’`,
      });
    }
  });
export type TRatingScale = z.infer<typeof ZRatingScale>;

// ---------------------------------------------------------------------------------------------
// Score bands

export const ZScoreBand = z
  .object({
    label: z.string().trim().min(1, { message: 'Enter a label for the score band' }).max(200),
    minPercent: z.number().int({ message: 'Band limits must be whole percents' }).min(0).max(100),
    maxPercent: z.number().int({ message: 'Band limits must be whole percents' }).min(0).max(100),
  })
  .refine((band) => band.minPercent <= band.maxPercent, {
    message: 'A score band must start at or below where it ends',
    path: ['maxPercent'],
  });
export type TScoreBand = z.infer<typeof ZScoreBand>;

function percentRange(from: number, to: number): string {
  return from === to ? `${from}%` : `${from}% to ${to}%`;
}

/** Bands that together cover 0–100% in whole percents, with no gaps or overlaps. */
export const ZScoreBands = z
  .array(ZScoreBand)
  .min(1, { message: 'Add at least one score band' })
  .superRefine((bands, ctx) => {
    const labels = new Set<string>();
    for (const band of bands) {
      if (labels.has(band.label)) {
        ctx.addIssue({ code: 'custom', message: `Score band ‘${band.label}’ is named more than once` });
      }
      labels.add(band.label);
    }
    const sorted = [...bands].sort((a, b) => a.minPercent - b.minPercent || a.maxPercent - b.maxPercent);
    const first = sorted[0];
    const last = sorted.reduce((a, b) => (b.maxPercent > a.maxPercent ? b : a), first);
    if (first.minPercent !== 0) {
      ctx.addIssue({
        code: 'custom',
        message: `Score bands must start at 0%: the lowest band, ‘${first.label}’, starts at ${first.minPercent}%`,
      });
    }
    for (let i = 1; i < sorted.length; i++) {
      const before = sorted[i - 1];
      const band = sorted[i];
      if (band.minPercent > before.maxPercent + 1) {
        ctx.addIssue({
          code: 'custom',
          message: `Score bands must not leave a gap: nothing covers ${percentRange(before.maxPercent + 1, band.minPercent - 1)} between ‘${before.label}’ and ‘${band.label}’`,
        });
      } else if (band.minPercent <= before.maxPercent) {
        ctx.addIssue({
          code: 'custom',
          message: `Score bands must not overlap: ‘${before.label}’ and ‘${band.label}’ both cover ${percentRange(band.minPercent, Math.min(before.maxPercent, band.maxPercent))}`,
        });
      }
    }
    if (last.maxPercent !== 100) {
      ctx.addIssue({
        code: 'custom',
        message: `Score bands must end at 100%: the highest band, ‘${last.label}’, ends at ${last.maxPercent}%`,
      });
    }
  });

// ---------------------------------------------------------------------------------------------
// Conditions (show-only-if)

/** A test on one earlier question's answer; every test given must hold. */
export const ZConditionTest = z
  .strictObject({
    questionId: ZTemplateId,
    /** Holds when the answer is (or, for multiple choice, includes) this value or any of these values. */
    equals: z.union([z.string(), z.array(z.string()).min(1)]).optional(),
    /** Holds when the question is answered and the answer is not (does not include) this value. */
    notEquals: z.string().optional(),
    /** true: holds when the question has an answer; false: when it has none. */
    answered: z.boolean().optional(),
  })
  .refine((c) => c.equals !== undefined || c.notEquals !== undefined || c.answered !== undefined, {
    message: 'A condition needs equals, notEquals or answered',
  });
export type TConditionTest = z.infer<typeof ZConditionTest>;

export type TCondition = TConditionTest | { all: TCondition[] } | { any: TCondition[] };

export const ZCondition: z.ZodType<TCondition> = z.lazy(() =>
  z.union([
    ZConditionTest,
    z.strictObject({ all: z.array(ZCondition).min(1, { message: 'Add at least one condition' }) }),
    z.strictObject({ any: z.array(ZCondition).min(1, { message: 'Add at least one condition' }) }),
  ]),
);

/** Every question id a condition refers to, in the order written. */
export function conditionQuestionIds(condition: TCondition): string[] {
  if ('all' in condition) return condition.all.flatMap(conditionQuestionIds);
  if ('any' in condition) return condition.any.flatMap(conditionQuestionIds);
  return [condition.questionId];
}

// ---------------------------------------------------------------------------------------------
// Questions, sections, template

export const ZChoiceOption = z.object({
  id: ZTemplateId,
  label: z.string().trim().min(1, { message: 'Enter a label for the option' }).max(500),
});
export type TChoiceOption = z.infer<typeof ZChoiceOption>;

export const ZQuestion = z
  .object({
    id: ZTemplateId,
    type: ZQuestionType,
    text: z.string().trim().min(1, { message: 'Enter the question' }).max(2000),
    help: ZText.optional(),
    required: z.boolean(),
    scaleId: ZTemplateId.optional(),
    options: z.array(ZChoiceOption).optional(),
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    showIf: ZCondition.optional(),
    kloe: ZKloeId.optional(),
    themes: z.array(z.string().trim().min(1).max(200)).optional(),
  })
  .superRefine((q, ctx) => {
    if ((q.type === 'single_choice' || q.type === 'multiple_choice') && (q.options ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['options'], message: `Add at least one option to ‘${q.text}’` });
    }
    const ids = new Set<string>();
    (q.options ?? []).forEach((option, i) => {
      if (ids.has(option.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['options', i, 'id'],
          message: `Question ‘${q.id}’ uses the option id ‘${option.id}’ more than once`,
        });
      }
      ids.add(option.id);
    });
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      ctx.addIssue({
        code: 'custom',
        path: ['max'],
        message: `The largest number allowed for ‘${q.text}’ must not be below the smallest`,
      });
    }
  });
export type TQuestion = z.infer<typeof ZQuestion>;

export const ZSection = z.object({
  id: ZTemplateId,
  title: ZTitle,
  description: ZText.optional(),
  questions: z.array(ZQuestion),
});
export type TSection = z.infer<typeof ZSection>;

export const ZAuditTemplate = z
  .object({
    formatVersion: z.literal(1, { message: 'Only format version 1 is understood' }),
    title: ZTitle,
    description: ZText.optional(),
    kind: ZTemplateKind,
    scales: z.array(ZRatingScale),
    bands: ZScoreBands.optional(),
    sections: z.array(ZSection).min(1, { message: 'Add at least one section' }),
  })
  .superRefine((template, ctx) => {
    const scaleIds = new Set<string>();
    template.scales.forEach((scale, i) => {
      if (scaleIds.has(scale.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['scales', i, 'id'],
          message: `Rating scale id ‘${scale.id}’ is used by more than one scale`,
        });
      }
      scaleIds.add(scale.id);
    });

    const sectionIds = new Set<string>();
    template.sections.forEach((section, si) => {
      if (sectionIds.has(section.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['sections', si, 'id'],
          message: `Section id ‘${section.id}’ is used by more than one section`,
        });
      }
      sectionIds.add(section.id);
    });

    // Position of each question id's first use, in reading order across sections.
    const position = new Map<string, number>();
    let n = 0;
    template.sections.forEach((section, si) => {
      section.questions.forEach((q, qi) => {
        const path = ['sections', si, 'questions', qi];
        if (position.has(q.id)) {
          ctx.addIssue({
            code: 'custom',
            path: [...path, 'id'],
            message: `Question id ‘${q.id}’ is used by more than one question; each question needs its own id`,
          });
        } else {
          position.set(q.id, n);
        }
        n++;
      });
    });

    n = 0;
    template.sections.forEach((section, si) => {
      section.questions.forEach((q, qi) => {
        const here = n++;
        const path = ['sections', si, 'questions', qi];
        if (q.type === 'rating') {
          if (q.scaleId === undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'scaleId'],
              message: `Question ‘${q.id}’ is a rating question, so it needs a rating scale`,
            });
          } else if (!scaleIds.has(q.scaleId)) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'scaleId'],
              message: `Question ‘${q.id}’ uses rating scale ‘${q.scaleId}’, which this template does not define`,
            });
          }
        }
        if (q.showIf === undefined) return;
        for (const ref of new Set(conditionQuestionIds(q.showIf))) {
          const at = position.get(ref);
          let problem: string | undefined;
          if (ref === q.id) problem = 'refers to itself';
          else if (at === undefined) problem = `refers to ‘${ref}’, which is not a question in this template`;
          else if (at > here) problem = `refers to ‘${ref}’, which comes later in the template`;
          if (problem !== undefined) {
            ctx.addIssue({
              code: 'custom',
              path: [...path, 'showIf'],
              message: `The condition on question ‘${q.id}’ ${problem}; a condition may only refer to an earlier question`,
            });
          }
        }
      });
    });
  });
export type TAuditTemplate = z.infer<typeof ZAuditTemplate>;

// ---------------------------------------------------------------------------------------------
// Answers: a map questionId → answer. Shapes only; whether an answer suits its question (known
// option, number in range, real date, reason for N/A) is checked by validateAnswers, so a draft
// can be saved half-finished.

export const ZRatingAnswer = z.object({ optionId: z.string(), reason: z.string().optional() });
export type TRatingAnswer = z.infer<typeof ZRatingAnswer>;

export const ZChronologyEntry = z.object({
  date: z.string(),
  agency: z.string(),
  event: z.string(),
  significance: z.string(),
});
export type TChronologyEntry = z.infer<typeof ZChronologyEntry>;

export const ZEvidenceFileAnswer = z.object({ fileIds: z.array(z.string().min(1)) });
export type TEvidenceFileAnswer = z.infer<typeof ZEvidenceFileAnswer>;

/** The shape of an answer to each type of question. */
export const ZAnswerByType = {
  rating: ZRatingAnswer,
  yes_no_partly: z.enum(YES_NO_PARTLY),
  single_choice: z.string(),
  multiple_choice: z.array(z.string()),
  number: z.number(),
  date: z.string(),
  short_text: z.string(),
  long_text: z.string(),
  chronology: z.array(ZChronologyEntry),
  evidence_file: ZEvidenceFileAnswer,
} as const satisfies Record<QuestionType, z.ZodType>;
export type TAnswerByType = { [K in QuestionType]: z.infer<(typeof ZAnswerByType)[K]> };

export const ZAnswer = z.union([
  ZRatingAnswer,
  ZEvidenceFileAnswer,
  z.array(ZChronologyEntry),
  z.array(z.string()),
  z.number(),
  z.string(),
]);
export type TAnswer = z.infer<typeof ZAnswer>;

export const ZAnswers = z.record(z.string(), ZAnswer);
export type TAnswers = z.infer<typeof ZAnswers>;
