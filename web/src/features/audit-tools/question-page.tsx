import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import {
  KLOE_IDS,
  KLOE_LABELS,
  QUESTION_TYPES,
  type QuestionType,
  type TAuditTemplate,
  type TCondition,
  type TQuestion,
  YES_NO_PARTLY,
} from '../../../../contracts/audit-tools';
import type { FieldErrors } from '../../app/api';
import { Button } from '../../components/button';
import { Checkboxes } from '../../components/checkboxes';
import { Fieldset } from '../../components/fieldset';
import { ErrorMessage } from '../../components/form-group';
import { InsetText } from '../../components/inset-text';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { type DraftContext, DraftFormPage, DraftLoaded, goneError, useDraftForm } from './draft';
import {
  answerInWords,
  conditionInWords,
  idFromLabel,
  nextId,
  numberedQuestions,
  TYPE_HINTS,
  TYPE_LABELS,
  YES_NO_PARTLY_LABELS,
} from './template-model';

type OptionRow = { id: string; label: string };

type QuestionValues = {
  section: string;
  id: string;
  type: string;
  text: string;
  help: string;
  required: string;
  scaleId: string;
  options: OptionRow[];
  min: string;
  max: string;
  /** always | conditional | keep (an existing condition the builder cannot edit) */
  showMode: string;
  condQuestion: string;
  /** equals | notEquals | answered | notAnswered */
  condOperator: string;
  condValues: string[];
  condValue: string;
  kloe: string;
  themes: string;
};

const OPTION_TYPES: QuestionType[] = ['single_choice', 'multiple_choice'];
/** Types whose answers come from a fixed list, so a condition picks from it. */
const LISTED_TYPES: QuestionType[] = ['yes_no_partly', 'single_choice', 'multiple_choice', 'rating'];
/** Types a condition can only ask "answered or not" about. */
const PRESENCE_ONLY: QuestionType[] = ['chronology', 'evidence_file'];

/** The form's condition fields from a condition, or `keep` when it is more than one simple test. */
function conditionValues(
  c: TCondition | undefined,
): Pick<QuestionValues, 'showMode' | 'condQuestion' | 'condOperator' | 'condValues' | 'condValue'> {
  const none = { condQuestion: '', condOperator: '', condValues: [], condValue: '' };
  if (!c) return { showMode: 'always', ...none };
  if ('all' in c || 'any' in c) return { showMode: 'keep', ...none };
  const checks = [c.equals, c.notEquals, c.answered].filter((x) => x !== undefined).length;
  if (checks !== 1) return { showMode: 'keep', ...none };
  const base = { showMode: 'conditional', condQuestion: c.questionId, condValues: [], condValue: '' };
  if (c.answered !== undefined) return { ...base, condOperator: c.answered ? 'answered' : 'notAnswered' };
  if (c.notEquals !== undefined) return { ...base, condOperator: 'notEquals', condValue: c.notEquals };
  const values = [c.equals ?? []].flat();
  return { ...base, condOperator: 'equals', condValues: values, condValue: values[0] ?? '' };
}

function valuesOf(
  def: TAuditTemplate,
  q: TQuestion | undefined,
  sectionId: string,
  newId: string,
): QuestionValues {
  return {
    section: sectionId,
    id: q?.id ?? newId,
    type: q?.type ?? '',
    text: q?.text ?? '',
    help: q?.help ?? '',
    required: q ? (q.required ? 'yes' : 'no') : '',
    scaleId: q?.scaleId ?? (def.scales.length === 1 ? def.scales[0].id : ''),
    options: q?.options?.map((o) => ({ ...o })) ?? [
      { id: '', label: '' },
      { id: '', label: '' },
    ],
    min: q?.min !== undefined ? String(q.min) : '',
    max: q?.max !== undefined ? String(q.max) : '',
    ...conditionValues(q?.showIf),
    kloe: q?.kloe ?? 'none',
    themes: (q?.themes ?? []).join('\n'),
  };
}

/** The questions that come before a question placed at the end of `sectionId` (new) or where it is. */
function earlierQuestions(def: TAuditTemplate, sectionId: string, questionId: string | undefined) {
  const all = numberedQuestions(def);
  const here = questionId ? all.find((x) => x.q.id === questionId) : undefined;
  if (here && here.sectionId === sectionId) return all.filter((x) => x.number < here.number);
  const si = def.sections.findIndex((s) => s.id === sectionId);
  return all.filter((x) => x.sectionIndex <= si && x.q.id !== questionId);
}

/** The answers a condition may pick from, for a question with a fixed list. */
function choicesOf(def: TAuditTemplate, q: TQuestion): { value: string; text: string }[] {
  if (q.type === 'yes_no_partly')
    return YES_NO_PARTLY.map((v) => ({ value: v, text: YES_NO_PARTLY_LABELS[v] }));
  if (q.type === 'rating') {
    return (def.scales.find((s) => s.id === q.scaleId)?.options ?? []).map((o) => ({
      value: o.id,
      text: o.label,
    }));
  }
  return (q.options ?? []).map((o) => ({ value: o.id, text: o.label }));
}

function buildCondition(v: QuestionValues, referenced: TQuestion | undefined): TCondition | undefined {
  const questionId = v.condQuestion;
  switch (v.condOperator) {
    case 'answered':
      return { questionId, answered: true };
    case 'notAnswered':
      return { questionId, answered: false };
    case 'notEquals':
      return { questionId, notEquals: v.condValue.trim() };
    case 'equals': {
      if (referenced && LISTED_TYPES.includes(referenced.type)) {
        return { questionId, equals: v.condValues.length === 1 ? v.condValues[0] : v.condValues };
      }
      return { questionId, equals: v.condValue.trim() };
    }
    default:
      return undefined;
  }
}

/** Replaces references to a question id in a condition (when a question's id is changed). */
function renamed(c: TCondition, from: string, to: string): TCondition {
  if ('all' in c) return { all: c.all.map((x) => renamed(x, from, to)) };
  if ('any' in c) return { any: c.any.map((x) => renamed(x, from, to)) };
  return c.questionId === from ? { ...c, questionId: to } : c;
}

/** The question a form describes, ready to put in the definition. */
function questionFrom(def: TAuditTemplate, v: QuestionValues, original: TQuestion | undefined): TQuestion {
  const type = v.type as QuestionType;
  const q: TQuestion = { id: v.id.trim(), type, text: v.text, required: v.required === 'yes' };
  if (v.help.trim()) q.help = v.help;
  if (type === 'rating' && v.scaleId) q.scaleId = v.scaleId;
  if (OPTION_TYPES.includes(type)) {
    const taken: string[] = [];
    q.options = v.options
      .filter((o) => o.label.trim() !== '' || o.id !== '')
      .map((o) => {
        const id = o.id || idFromLabel(o.label, taken);
        taken.push(id);
        return { id, label: o.label };
      });
  }
  if (type === 'number') {
    if (v.min.trim() !== '') q.min = Number(v.min);
    if (v.max.trim() !== '') q.max = Number(v.max);
  }
  if (v.showMode === 'keep' && original?.showIf) q.showIf = original.showIf;
  if (v.showMode === 'conditional') {
    const referenced = numberedQuestions(def).find((x) => x.q.id === v.condQuestion)?.q;
    const c = buildCondition(v, referenced);
    if (c) q.showIf = c;
  }
  if (v.kloe && v.kloe !== 'none') q.kloe = v.kloe as TQuestion['kloe'];
  const themes = v.themes
    .split('\n')
    .map((t) => t.trim())
    .filter(Boolean);
  if (themes.length) q.themes = themes;
  return q;
}

/** Checks the server cannot put in the person's words: an incomplete condition, a number that is not one. */
function validate(def: TAuditTemplate, v: QuestionValues): FieldErrors {
  const errors: FieldErrors = {};
  for (const key of ['min', 'max'] as const) {
    if (v.type === 'number' && v[key].trim() !== '' && !Number.isFinite(Number(v[key]))) {
      errors[key] = `Enter the ${key === 'min' ? 'smallest' : 'largest'} number as a number, like 0 or 10`;
    }
  }
  if (v.showMode === 'conditional') {
    const referenced = numberedQuestions(def).find((x) => x.q.id === v.condQuestion)?.q;
    if (!referenced)
      errors.condQuestion = 'Select the earlier question whose answer decides whether this one is shown';
    else if (!v.condOperator) errors.condOperator = 'Select when to show this question';
    else if (
      v.condOperator === 'equals' &&
      LISTED_TYPES.includes(referenced.type) &&
      v.condValues.length === 0
    ) {
      errors.condValues = 'Select at least one answer that shows this question';
    } else if (
      (v.condOperator === 'notEquals' ||
        (v.condOperator === 'equals' && !LISTED_TYPES.includes(referenced.type))) &&
      v.condValue.trim() === ''
    ) {
      errors.condValue = 'Enter the answer to compare with';
    }
  }
  return errors;
}

const FIELD_ORDER = [
  'section',
  'type',
  'text',
  'help',
  'required',
  'scaleId',
  'options',
  'min',
  'max',
  'showMode',
  'condQuestion',
  'condOperator',
  'condValues',
  'condValue',
  'kloe',
  'themes',
  'id',
];

export function QuestionPage() {
  return <DraftLoaded>{(ctx) => <QuestionForm ctx={ctx} />}</DraftLoaded>;
}

function QuestionForm({ ctx }: { ctx: DraftContext }) {
  const { questionId } = useParams();
  const [params] = useSearchParams();
  const templateId = ctx.template.id;
  const def = ctx.draft.definition;
  const found = questionId ? numberedQuestions(def).find((x) => x.q.id === questionId) : undefined;
  const original = found?.q;
  const sectionId =
    found?.sectionId ??
    (def.sections.some((s) => s.id === params.get('section')) ? params.get('section')! : def.sections[0].id);
  const [newId] = useState(() =>
    nextId(
      'q',
      numberedQuestions(def).map((x) => x.q.id),
    ),
  );
  const back = `/audit-tools/${templateId}/draft`;
  const title = found ? `Change question ${found.number}` : 'Add a question';

  const form = useDraftForm<QuestionValues>(ctx, {
    title,
    initial: valuesOf(def, original, sectionId, newId),
    draftKey: `audit-draft:${ctx.draft.id}:question:${questionId ?? `new:${sectionId}`}`,
    fieldOrder: FIELD_ORDER,
    choiceMessages: {
      type: 'Select the type of question',
      required: 'Select whether an answer is required',
    },
    validate: (v) => {
      const errors = validate(def, v);
      if (!v.text.trim()) errors.text = 'Enter the question';
      if (!v.type) errors.type = 'Select the type of question';
      if (!v.required) errors.required = 'Select whether an answer is required';
      return errors;
    },
    apply: (d, v) => {
      const q = questionFrom(d, v, original);
      const oldId = original?.id;
      if (oldId !== undefined) {
        const s = d.sections.find((x) => x.questions.some((y) => y.id === oldId));
        if (!s) throw goneError('question');
        if (s.id === v.section) {
          s.questions = s.questions.map((y) => (y.id === oldId ? q : y));
        } else {
          s.questions = s.questions.filter((y) => y.id !== oldId);
          const target = d.sections.find((x) => x.id === v.section);
          if (!target) throw goneError('section');
          target.questions.push(q);
        }
        if (q.id !== oldId) {
          for (const sec of d.sections)
            for (const other of sec.questions)
              if (other.showIf) other.showIf = renamed(other.showIf, oldId, q.id);
        }
      } else {
        const target = d.sections.find((x) => x.id === v.section);
        if (!target) throw goneError('section');
        target.questions.push(q);
      }
      return d;
    },
    mapPath: (p, sent): string | null => {
      // Errors about this question, wherever it is in the definition that was sent, go on its fields.
      const m = /^sections\.(\d+)\.questions\.(\d+)(?:\.(\w+))?(?:\.(\d+))?/.exec(p);
      if (!m) return null;
      const placed = numberedQuestions(sent).find(
        (x) => x.sectionIndex === Number(m[1]) && x.index === Number(m[2]),
      );
      if (!placed || placed.q.id !== form.values.id.trim()) return null;
      const field = m[3];
      if (!field) return 'text';
      if (field === 'options' && m[4] !== undefined) return `option-${m[4]}`;
      if (field === 'showIf') return form.values.showMode === 'conditional' ? 'condQuestion' : 'showMode';
      return FIELD_ORDER.includes(field) ? field : 'text';
    },
    done: {
      to: back,
      flash: found ? `Question ${found.number} saved` : 'Question added',
    },
  });

  if (questionId && !found) {
    return (
      <DraftFormPage
        form={form}
        ctx={ctx}
        backTo={back}
        heading="This question is not in the draft"
        submitText="Save question"
        conflictFields={[]}
        valuesFrom={() => null}
      >
        <p className="govuk-body">It may have been removed. Go back to the draft to see it as it is now.</p>
      </DraftFormPage>
    );
  }

  const v = form.values;
  const type = v.type as QuestionType | '';
  const earlier = earlierQuestions(def, v.section, original?.id);
  const referenced = earlier.find((x) => x.q.id === v.condQuestion)?.q;

  const optionEditor = (
    <Fieldset legend="Options" legendSize="s" describedBy={form.errors.options ? 'options-error' : undefined}>
      <div id="options" tabIndex={-1}>
        <ErrorMessage id="options">{form.errors.options}</ErrorMessage>
        {v.options.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place and never reordered
          <div key={i} className="govuk-form-group">
            <TextInput
              id={`option-${i}`}
              label={`Option ${i + 1}`}
              value={o.label}
              error={form.errors[`option-${i}`]}
              onChange={(label) =>
                form.setValue(
                  'options',
                  v.options.map((x, j) => (j === i ? { ...x, label } : x)),
                )
              }
              hint={o.id ? `Id: ${o.id}` : undefined}
            />
            {v.options.length > 1 ? (
              <button
                type="button"
                className="govuk-link app-link-button"
                onClick={() =>
                  form.setValue(
                    'options',
                    v.options.filter((_, j) => j !== i),
                  )
                }
              >
                Remove option {i + 1}
              </button>
            ) : null}
          </div>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() => form.setValue('options', [...v.options, { id: '', label: '' }])}
        >
          Add another option
        </Button>
      </div>
    </Fieldset>
  );

  const typeDetails = (t: QuestionType) => {
    if (t === 'rating') {
      return def.scales.length === 0 ? (
        <InsetText>
          This template has no rating scales yet.{' '}
          <Link className="govuk-link" to={`/audit-tools/${templateId}/draft/scales`}>
            Add a rating scale
          </Link>{' '}
          first; what you have typed here is kept.
        </InsetText>
      ) : (
        <Select
          {...form.field('scaleId')}
          label="Rating scale"
          placeholder="Select a rating scale"
          options={def.scales.map((s) => ({
            value: s.id,
            text: `${s.name}: ${s.options.map((o) => o.label).join(', ')}`,
          }))}
        />
      );
    }
    if (OPTION_TYPES.includes(t)) return optionEditor;
    if (t === 'number') {
      return (
        <>
          <TextInput
            {...form.field('min')}
            label="Smallest number allowed (optional)"
            inputMode="decimal"
            width="5"
          />
          <TextInput
            {...form.field('max')}
            label="Largest number allowed (optional)"
            inputMode="decimal"
            width="5"
          />
        </>
      );
    }
    return null;
  };

  const valueInput = (operator: 'equals' | 'notEquals') => {
    if (!referenced) return null;
    const choices = choicesOf(def, referenced);
    if (LISTED_TYPES.includes(referenced.type)) {
      return operator === 'equals' ? (
        <Checkboxes
          id="condValues"
          legend="Answers that show this question"
          legendSize="s"
          hint="Select all that apply"
          error={form.errors.condValues}
          items={choices}
          values={v.condValues}
          onChange={(values) => form.setValue('condValues', values)}
          small
        />
      ) : (
        <Radios
          {...form.field('condValue')}
          legend="The answer that hides this question"
          legendSize="s"
          items={choices}
          small
        />
      );
    }
    return <TextInput {...form.field('condValue')} label="The answer" width="20" />;
  };

  const operatorItems = referenced
    ? [
        ...(PRESENCE_ONLY.includes(referenced.type)
          ? []
          : [
              { value: 'equals', text: 'is', conditional: valueInput('equals') },
              { value: 'notEquals', text: 'is given and is not', conditional: valueInput('notEquals') },
            ]),
        { value: 'answered', text: 'is given (any answer)' },
        { value: 'notAnswered', text: 'is not given' },
      ]
    : [];

  const conditionBuilder =
    earlier.length === 0 ? (
      <InsetText>There are no earlier questions for this one to depend on.</InsetText>
    ) : (
      <>
        <Select
          id="condQuestion"
          label="The earlier question"
          placeholder="Select a question"
          value={v.condQuestion}
          error={form.errors.condQuestion}
          onChange={(value) => {
            form.setValue('condQuestion', value);
            form.setValue('condValues', []);
            form.setValue('condValue', '');
          }}
          options={earlier.map((x) => ({ value: x.q.id, text: `${x.number}. ${x.q.text}` }))}
        />
        {referenced ? (
          <Radios
            {...form.field('condOperator')}
            legend="Show this question when its answer"
            legendSize="s"
            items={operatorItems}
          />
        ) : null}
      </>
    );

  return (
    <DraftFormPage
      form={form}
      ctx={ctx}
      backTo={back}
      submitText={found ? 'Save question' : 'Add question'}
      conflictFields={[
        { name: 'text', label: 'Question' },
        { name: 'type', label: 'Type', show: (x) => TYPE_LABELS[x as QuestionType] ?? String(x) },
        { name: 'help', label: 'Help text' },
        { name: 'required', label: 'Required', show: (x) => (x === 'yes' ? 'Yes' : 'No') },
      ]}
      valuesFrom={(d) => {
        const q = numberedQuestions(d).find((x) => x.q.id === (original?.id ?? v.id));
        return q ? valuesOf(d, q.q, q.sectionId, newId) : null;
      }}
    >
      <Select
        {...form.field('section')}
        label="Section"
        options={def.sections.map((s, i) => ({ value: s.id, text: `Section ${i + 1}: ${s.title}` }))}
        hint={found ? 'Moving it to another section puts it at the end of that section' : undefined}
      />
      <Textarea {...form.field('text')} label="Question" rows={2} spellCheck />
      <Radios
        {...form.field('type')}
        legend="Type of answer"
        legendSize="s"
        items={QUESTION_TYPES.map((t) => ({
          value: t,
          text: TYPE_LABELS[t],
          hint: TYPE_HINTS[t],
          conditional: typeDetails(t),
        }))}
      />
      <Textarea
        {...form.field('help')}
        label="Help text (optional)"
        hint="Shown under the question, for example what good evidence looks like"
        rows={3}
        spellCheck
      />
      <Radios
        {...form.field('required')}
        legend="Is an answer required?"
        legendSize="s"
        hint="A question that is hidden by its condition is never required"
        inline
        items={[
          { value: 'yes', text: 'Yes' },
          { value: 'no', text: 'No' },
        ]}
      />
      <Radios
        {...form.field('showMode')}
        legend="When is this question shown?"
        legendSize="s"
        items={[
          { value: 'always', text: 'Always' },
          {
            value: 'conditional',
            text: 'Only when an earlier question has a certain answer',
            conditional: conditionBuilder,
          },
          ...(v.showMode === 'keep' || conditionValues(original?.showIf).showMode === 'keep'
            ? [
                {
                  value: 'keep',
                  text: 'Keep its combined condition',
                  hint: original?.showIf
                    ? `Shown only if ${conditionInWords(def, original.showIf)}`
                    : undefined,
                },
              ]
            : []),
        ]}
      />
      {type && referenced && v.condOperator === 'equals' && v.condValues.length > 0 ? (
        <p className="govuk-body govuk-visually-hidden" aria-live="polite">
          Shown when question {earlier.find((x) => x.q.id === referenced.id)?.number} is{' '}
          {v.condValues.map((x) => answerInWords(def, referenced, x)).join(' or ')}
        </p>
      ) : null}
      <Radios
        {...form.field('kloe')}
        legend="Key line of enquiry (optional)"
        legendSize="s"
        small
        items={[
          ...KLOE_IDS.map((k) => ({ value: k, text: KLOE_LABELS[k] })),
          { value: 'none', text: 'None' },
        ]}
      />
      <Textarea
        {...form.field('themes')}
        label="Themes (optional)"
        hint="One theme a line, for example Voice of the child"
        rows={3}
      />
      <TextInput
        {...form.field('id')}
        label="Question id"
        hint="Answers, exports and conditions refer to the question by this id. Letters, digits, dots, underscores and hyphens."
        width="10"
        spellCheck={false}
      />
    </DraftFormPage>
  );
}
