import { memo, type ReactNode, useEffect, useId, useRef, useState } from 'react';
import type {
  TAnswer,
  TAuditTemplate,
  TChronologyEntry,
  TQuestion,
  TRatingAnswer,
} from '../../../../../contracts/audit-tools';
import type { CarryForwardChoice } from '../../../../../contracts/responses';
import { Checkboxes } from '../../../components/checkboxes';
import { cx } from '../../../components/class-names';
import { Fieldset } from '../../../components/fieldset';
import { describedBy, ErrorMessage, FormGroup, Hint } from '../../../components/form-group';
import { Radios } from '../../../components/radios';
import { TextInput } from '../../../components/text-input';
import { Textarea } from '../../../components/textarea';
import type { ResponseFile } from '../types';
import { answerText } from './answer-text';
import { EvidenceFiles } from './evidence-files';
import { fieldId } from './rules';

export type QuestionFieldProps = {
  question: TQuestion;
  definition: TAuditTemplate;
  value: TAnswer | undefined;
  error?: string;
  /** The earlier response's answer, shown beside this one with "still true / changed". */
  previous?: TAnswer;
  carry?: CarryForwardChoice;
  onAnswer(questionId: string, value: TAnswer | undefined): void;
  onCarry(questionId: string, choice: CarryForwardChoice): void;
  /** Sends what is waiting (on leaving a field). */
  onLeave(): void;
  /** Evidence questions only. */
  files?: ResponseFile[];
  responseId: string;
  onFileAdded?(file: ResponseFile): void;
  onFileRemoved?(fileId: string): void;
};

const blankEntry = (): TChronologyEntry => ({ date: '', agency: '', event: '', significance: '' });

/**
 * One question of a form, any type, in GOV.UK markup. Memoised: typing in one question re-renders only
 * that question, so a 200-question form stays quick.
 */
export const QuestionField = memo(function QuestionField(props: QuestionFieldProps) {
  const { question: q, previous } = props;
  const id = fieldId(q.id);
  const label = (
    <>
      {q.text}
      {q.required ? null : <span className="app-optional"> (optional)</span>}
    </>
  );
  // Blur bubbles from the question's own inputs; the wrapper itself takes no input.
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: listens for focus leaving the question's inputs
    <div
      className={cx('app-question', previous !== undefined && 'app-question--with-previous')}
      onBlur={(e) => {
        // Leaving the question (not moving between its own inputs) saves what was typed.
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) props.onLeave();
      }}
    >
      <div className="app-question__answer">
        <Field {...props} id={id} label={label} />
      </div>
      {previous !== undefined ? <PreviousAnswer {...props} previous={previous} /> : null}
    </div>
  );
});

function PreviousAnswer({ question: q, definition, previous, carry, onCarry, error }: QuestionFieldProps) {
  const id = `${fieldId(q.id)}-carry`;
  const pending = carry === undefined;
  return (
    <aside className="app-question__previous" aria-label={`Earlier answer to ${q.text}`}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-1">Earlier answer</h3>
      <div className="govuk-body app-previous-answer">{answerText(q, previous, definition)}</div>
      <Radios
        id={id}
        legend="Is this still true?"
        legendSize="s"
        small
        inline
        error={pending && error?.startsWith('Confirm') ? error : undefined}
        value={carry ?? ''}
        onChange={(v) => onCarry(q.id, v as CarryForwardChoice)}
        items={[
          { value: 'confirmed', text: 'Still true' },
          { value: 'changed', text: 'Changed' },
        ]}
      />
    </aside>
  );
}

function Field(props: QuestionFieldProps & { id: string; label: ReactNode }) {
  const { question: q, definition, value, onAnswer, id, label } = props;
  const carryError = props.error?.startsWith('Confirm') && props.carry === undefined;
  const error = carryError ? undefined : props.error;
  const hint = q.help || undefined;
  const set = (v: TAnswer | undefined) => onAnswer(q.id, v);

  switch (q.type) {
    case 'rating': {
      const scale = definition.scales.find((s) => s.id === q.scaleId);
      const answer = value as TRatingAnswer | undefined;
      const reasonError = error === 'Enter a reason why this is not applicable' ? error : undefined;
      return (
        <Radios
          id={id}
          legend={label}
          legendSize="s"
          hint={hint}
          error={reasonError ? undefined : error}
          value={answer?.optionId ?? ''}
          onChange={(optionId) => set({ optionId, ...(answer?.reason ? { reason: answer.reason } : {}) })}
          items={(scale?.options ?? []).map((o) => ({
            value: o.id,
            text: o.label,
            conditional: o.notApplicable ? (
              <Textarea
                id={`${id}-reason`}
                label="Why is this not applicable?"
                rows={3}
                error={reasonError}
                value={answer?.reason ?? ''}
                onChange={(reason) => set({ optionId: o.id, reason })}
              />
            ) : undefined,
          }))}
        />
      );
    }
    case 'yes_no_partly':
      return (
        <Radios
          id={id}
          legend={label}
          legendSize="s"
          hint={hint}
          error={error}
          inline
          value={typeof value === 'string' ? value : ''}
          onChange={set}
          items={[
            { value: 'yes', text: 'Yes' },
            { value: 'no', text: 'No' },
            { value: 'partly', text: 'Partly' },
          ]}
        />
      );
    case 'single_choice':
      return (
        <Radios
          id={id}
          legend={label}
          legendSize="s"
          hint={hint}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={set}
          items={(q.options ?? []).map((o) => ({ value: o.id, text: o.label }))}
        />
      );
    case 'multiple_choice':
      return (
        <Checkboxes
          id={id}
          legend={label}
          legendSize="s"
          hint={hint ?? 'Select all that apply'}
          error={error}
          values={Array.isArray(value) ? (value as string[]) : []}
          onChange={(vs) => set(vs.length ? vs : undefined)}
          items={(q.options ?? []).map((o) => ({ value: o.id, text: o.label }))}
        />
      );
    case 'number':
      return <NumberField {...props} id={id} label={label} error={error} />;
    case 'date':
      return (
        <DateInput
          id={id}
          legend={label}
          hint={hint ?? 'For example, 27 3 2025'}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => set(v || undefined)}
        />
      );
    case 'short_text':
      return (
        <TextInput
          id={id}
          label={label}
          labelSize="s"
          hint={hint}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => set(v === '' ? undefined : v)}
          spellCheck
        />
      );
    case 'long_text':
      return (
        <Textarea
          id={id}
          label={label}
          labelSize="s"
          hint={hint}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(v) => set(v === '' ? undefined : v)}
          spellCheck
        />
      );
    case 'chronology':
      return (
        <Chronology
          id={id}
          legend={label}
          hint={hint}
          error={error}
          rows={Array.isArray(value) ? (value as TChronologyEntry[]) : []}
          onChange={(rows) => set(rows.length ? rows : undefined)}
        />
      );
    case 'evidence_file':
      return (
        <EvidenceFiles
          id={id}
          legend={label}
          hint={hint}
          error={error}
          questionId={q.id}
          responseId={props.responseId}
          files={props.files ?? []}
          onAdded={props.onFileAdded}
          onRemoved={props.onFileRemoved}
        />
      );
  }
}

/** A number typed as text (so "1." or "-" can be typed); the answer is saved once it reads as a number. */
function NumberField({
  question: q,
  value,
  onAnswer,
  id,
  label,
  error,
}: QuestionFieldProps & { id: string; label: ReactNode }) {
  const [text, setText] = useState(typeof value === 'number' ? String(value) : '');
  // Another version chosen after a conflict, or a restored copy: show it.
  useEffect(() => {
    setText((t) =>
      Number(t) === value && t.trim() !== '' ? t : typeof value === 'number' ? String(value) : t,
    );
  }, [value]);
  const range =
    q.min !== undefined && q.max !== undefined
      ? `Enter a number from ${q.min} to ${q.max}`
      : q.min !== undefined
        ? `Enter a number, ${q.min} or more`
        : q.max !== undefined
          ? `Enter a number, ${q.max} or less`
          : undefined;
  return (
    <TextInput
      id={id}
      label={label}
      labelSize="s"
      hint={q.help || range}
      error={error}
      width="5"
      inputMode="decimal"
      spellCheck={false}
      value={text}
      onChange={(t) => {
        setText(t);
        const trimmed = t.trim();
        if (trimmed === '') onAnswer(q.id, undefined);
        else if (/^-?\d+(\.\d+)?$/.test(trimmed)) onAnswer(q.id, Number(trimmed));
      }}
    />
  );
}

/** The GOV.UK date input: day, month and year; the answer is YYYY-MM-DD (checked on submit). */
export function DateInput({
  id,
  legend,
  legendSize = 's',
  hint,
  error,
  value,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  legendSize?: 's' | 'm';
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange(value: string): void;
}) {
  const [y = '', m = '', d = ''] = value ? value.split('-') : [];
  const [parts, setParts] = useState({ d: d.replace(/^0(?=\d)/, ''), m: m.replace(/^0(?=\d)/, ''), y });
  useEffect(() => {
    const [vy = '', vm = '', vd = ''] = value ? value.split('-') : [];
    setParts((p) =>
      Number(p.d) === Number(vd) && Number(p.m) === Number(vm) && p.y === vy
        ? p
        : { d: vd.replace(/^0(?=\d)/, ''), m: vm.replace(/^0(?=\d)/, ''), y: vy },
    );
  }, [value]);
  const update = (key: 'd' | 'm' | 'y', v: string) => {
    const next = { ...parts, [key]: v.trim() };
    setParts(next);
    const pad = (s: string) => (s === '' ? '' : s.padStart(2, '0'));
    onChange(next.d || next.m || next.y ? `${next.y}-${pad(next.m)}-${pad(next.d)}` : '');
  };
  const input = (key: 'd' | 'm' | 'y', inputId: string, text: string, width: string) => (
    <div className="govuk-date-input__item">
      <div className="govuk-form-group">
        <label className="govuk-label govuk-date-input__label" htmlFor={inputId}>
          {text}
        </label>
        <input
          className={cx('govuk-input govuk-date-input__input', width, error && 'govuk-input--error')}
          id={inputId}
          name={inputId}
          type="text"
          inputMode="numeric"
          value={parts[key]}
          onChange={(e) => update(key, e.target.value)}
        />
      </div>
    </div>
  );
  return (
    <FormGroup error={error}>
      <Fieldset legend={legend} legendSize={legendSize} describedBy={describedBy(id, hint, error)}>
        {hint ? <Hint id={id}>{hint}</Hint> : null}
        <ErrorMessage id={id}>{error}</ErrorMessage>
        <div className="govuk-date-input">
          {input('d', id, 'Day', 'govuk-input--width-2')}
          {input('m', `${id}-month`, 'Month', 'govuk-input--width-2')}
          {input('y', `${id}-year`, 'Year', 'govuk-input--width-4')}
        </div>
      </Fieldset>
    </FormGroup>
  );
}

/** A chronology: entries added and removed one at a time (GOV.UK "add another"), focus following. */
function Chronology({
  id,
  legend,
  hint,
  error,
  rows,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  rows: TChronologyEntry[];
  onChange(rows: TChronologyEntry[]): void;
}) {
  const statusId = useId();
  const [announce, setAnnounce] = useState('');
  const focusNext = useRef<string | null>(null);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const entryId = (i: number) => (i === 0 ? id : `${id}-entry-${i + 1}`);
  const setRow = (i: number, patch: Partial<TChronologyEntry>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <FormGroup error={error}>
      <Fieldset legend={legend} legendSize="s" describedBy={describedBy(id, hint, error)}>
        {hint ? <Hint id={id}>{hint}</Hint> : null}
        <ErrorMessage id={id}>{error}</ErrorMessage>
        {rows.length === 0 ? <p className="govuk-body">No entries yet.</p> : null}
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: entries are known by their place in the list
          <div className="app-chronology-entry" key={i}>
            <Fieldset legend={`Entry ${i + 1}`} legendSize="s">
              <DateInput
                id={entryId(i)}
                legend="Date"
                value={row.date}
                onChange={(date) => setRow(i, { date })}
              />
              <TextInput
                id={`${id}-agency-${i + 1}`}
                label="Agency"
                value={row.agency}
                onChange={(agency) => setRow(i, { agency })}
              />
              <Textarea
                id={`${id}-event-${i + 1}`}
                label="What happened"
                rows={3}
                value={row.event}
                onChange={(event) => setRow(i, { event })}
              />
              <Textarea
                id={`${id}-significance-${i + 1}`}
                label="Why it matters"
                rows={2}
                value={row.significance}
                onChange={(significance) => setRow(i, { significance })}
              />
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => {
                  onChange(rows.filter((_, j) => j !== i));
                  setAnnounce(`Entry ${i + 1} removed`);
                  focusNext.current = rows.length === 1 ? id : `${id}-add`;
                }}
              >
                Remove<span className="govuk-visually-hidden"> entry {i + 1}</span>
              </button>
            </Fieldset>
          </div>
        ))}
        <button
          type="button"
          id={rows.length === 0 ? id : `${id}-add`}
          className="govuk-button govuk-button--secondary"
          onClick={() => {
            onChange([...rows, blankEntry()]);
            setAnnounce(`Entry ${rows.length + 1} added`);
            focusNext.current = entryId(rows.length);
          }}
        >
          {rows.length === 0 ? 'Add an entry' : 'Add another entry'}
        </button>
        <div id={statusId} className="govuk-visually-hidden" aria-live="polite">
          {announce}
        </div>
      </Fieldset>
    </FormGroup>
  );
}
