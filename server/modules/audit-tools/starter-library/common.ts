import type {
  KloeId,
  TAuditTemplate,
  TCondition,
  TemplateKind,
  TQuestion,
  TRatingScale,
  TScoreBand,
  TSection,
} from '../../../../contracts/audit-tools.js';

// The building blocks of the starter library: the rating scales and score bands the starters share,
// and short constructors for sections and questions so each starter reads as its content.

/** One starter template: what the library lists, and the definition copied into a partnership. */
export type StarterTemplate = {
  /** Stable slug, used in the URL that adds it. Never change a published one. */
  id: string;
  title: string;
  kind: TemplateKind;
  /** One or two plain sentences on when to use it. */
  description: string;
  definition: TAuditTemplate;
};

/** Red / amber / green against a standard, with "not applicable" (which needs a reason and is left out of scores). */
export const RAG_SCALE: TRatingScale = {
  id: 'rag',
  name: 'Standard met (RAG)',
  options: [
    { id: 'fully-met', label: 'Fully met', score: 2, colour: 'green' },
    { id: 'partially-met', label: 'Partially met', score: 1, colour: 'yellow' },
    { id: 'not-met', label: 'Not met', score: 0, colour: 'red' },
    { id: 'not-applicable', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
  ],
};

/** The four-point grade inspectors use, for judging the quality of practice. */
export const OFSTED_SCALE: TRatingScale = {
  id: 'ofsted',
  name: 'Ofsted-style grade',
  options: [
    { id: 'outstanding', label: 'Outstanding', score: 3, colour: 'green' },
    { id: 'good', label: 'Good', score: 2, colour: 'turquoise' },
    { id: 'requires-improvement', label: 'Requires improvement', score: 1, colour: 'orange' },
    { id: 'inadequate', label: 'Inadequate', score: 0, colour: 'red' },
  ],
};

/** A five-point agreement scale for surveys. */
export const AGREEMENT_SCALE: TRatingScale = {
  id: 'agreement',
  name: 'Agreement',
  options: [
    { id: 'strongly-agree', label: 'Strongly agree', score: 4, colour: 'green' },
    { id: 'agree', label: 'Agree', score: 3, colour: 'turquoise' },
    { id: 'neither', label: 'Neither agree nor disagree', score: 2, colour: 'grey' },
    { id: 'disagree', label: 'Disagree', score: 1, colour: 'orange' },
    { id: 'strongly-disagree', label: 'Strongly disagree', score: 0, colour: 'red' },
    { id: 'dont-know', label: 'Don’t know', score: 0, colour: 'grey', notApplicable: true },
  ],
};

/** The score bands a partnership usually rolls a percentage up to. Whole percents, 0–100 with no gaps. */
export const GRADE_BANDS: TScoreBand[] = [
  { label: 'Inadequate', minPercent: 0, maxPercent: 50 },
  { label: 'Requires improvement', minPercent: 51, maxPercent: 70 },
  { label: 'Good', minPercent: 71, maxPercent: 95 },
  { label: 'Outstanding', minPercent: 96, maxPercent: 100 },
];

type Extra = Partial<Pick<TQuestion, 'help' | 'required' | 'showIf' | 'kloe' | 'themes' | 'min' | 'max'>>;
type Options = readonly (readonly [id: string, label: string])[];

const question = (id: string, type: TQuestion['type'], text: string, required: boolean, extra: Extra) =>
  ({ id, type, text, required, ...extra }) as TQuestion;

/** A rating on one of the template's scales; required unless said otherwise. */
export const rating = (id: string, text: string, scaleId: string, extra: Extra = {}): TQuestion => ({
  ...question(id, 'rating', text, true, extra),
  scaleId,
});
/** Yes / No / Partly; required unless said otherwise. */
export const yesNoPartly = (id: string, text: string, extra: Extra = {}) =>
  question(id, 'yes_no_partly', text, true, extra);
/** A paragraph of free text; optional unless said otherwise. */
export const longText = (id: string, text: string, extra: Extra = {}) =>
  question(id, 'long_text', text, false, extra);
/** A line of free text; optional unless said otherwise. */
export const shortText = (id: string, text: string, extra: Extra = {}) =>
  question(id, 'short_text', text, false, extra);
/** A date; optional unless said otherwise. */
export const date = (id: string, text: string, extra: Extra = {}) => question(id, 'date', text, false, extra);
/** A whole number; optional unless said otherwise. */
export const number = (id: string, text: string, extra: Extra = {}) =>
  question(id, 'number', text, false, extra);
/** Files that evidence the answers; always optional (a standard may be evidenced in the narrative). */
export const evidenceFiles = (id: string, text: string, extra: Extra = {}) =>
  question(id, 'evidence_file', text, false, extra);
/** A table of dated events: date, agency, what happened, why it matters. */
export const chronology = (id: string, text: string, extra: Extra = {}) =>
  question(id, 'chronology', text, false, extra);

const withOptions = (q: TQuestion, options: Options): TQuestion => ({
  ...q,
  options: options.map(([id, label]) => ({ id, label })),
});
/** One option of several; required unless said otherwise. */
export const singleChoice = (id: string, text: string, options: Options, extra: Extra = {}) =>
  withOptions(question(id, 'single_choice', text, true, extra), options);
/** Any of several options; optional unless said otherwise. */
export const multipleChoice = (id: string, text: string, options: Options, extra: Extra = {}) =>
  withOptions(question(id, 'multiple_choice', text, false, extra), options);

/** Shows only when the answer to an earlier question is one of these values. */
export const whenAnswer = (questionId: string, ...values: string[]): TCondition => ({
  questionId,
  equals: values,
});
/** Shows when any of the earlier rating questions is rated below "Fully met". */
export const whenAnyNotFullyMet = (...questionIds: string[]): TCondition => ({
  any: questionIds.map((id) => whenAnswer(id, 'partially-met', 'not-met')),
});

export const section = (
  id: string,
  title: string,
  description: string,
  questions: TQuestion[],
): TSection => ({ id, title, description, questions });

/** Tags every question of a list with a key line of enquiry (unless it names its own). */
export const underKloe = (kloe: KloeId, questions: TQuestion[]): TQuestion[] =>
  questions.map((q) => ({ kloe, ...q }));

/** Tags every question of a list with a theme, keeping any themes it already has. */
export const withTheme = (theme: string, questions: TQuestion[]): TQuestion[] =>
  questions.map((q) => ({ ...q, themes: [...new Set([theme, ...(q.themes ?? [])])] }));

/** A standard to rate: its id, the standard as a statement, and what good evidence looks like. */
export type Standard = readonly [id: string, text: string, help: string];

/**
 * A section of a self-assessment: each standard rated (RAG by default), then the evidence for the area,
 * optionally evidence files, and, only when a standard is rated below "Fully met", the planned action.
 */
export function standardsSection(opts: {
  id: string;
  title: string;
  description: string;
  theme: string;
  standards: readonly Standard[];
  evidenceHelp: string;
  files?: boolean;
  scaleId?: string;
}): TSection {
  const scaleId = opts.scaleId ?? 'rag';
  const ratings = opts.standards.map(([id, text, help]) => rating(id, text, scaleId, { help }));
  const questions: TQuestion[] = [
    ...ratings,
    longText(`${opts.id}-evidence`, 'What evidence supports your ratings in this area?', {
      required: true,
      help: opts.evidenceHelp,
    }),
  ];
  if (opts.files) {
    questions.push(
      evidenceFiles(`${opts.id}-files`, 'Evidence files for this area', {
        help: 'Optional. Upload the documents you referred to, or the parts of them that matter. Give each file a name that says what it shows.',
      }),
    );
  }
  questions.push(
    longText(
      `${opts.id}-actions`,
      'What will you do to meet the standards rated partially met or not met, by when, and who is responsible?',
      {
        required: true,
        showIf: whenAnyNotFullyMet(...ratings.map((r) => r.id)),
        help: 'One action per gap, each with an owner (a role, not a name) and a target date. These become your agency’s action plan after the challenge panel.',
      },
    ),
  );
  return section(opts.id, opts.title, opts.description, withTheme(opts.theme, questions));
}
