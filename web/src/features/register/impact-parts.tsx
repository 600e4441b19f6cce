import './impact.css';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  ASSURANCE_JUDGEMENT_LABELS,
  type AssuranceJudgement,
  IMPACT_JUDGEMENT_LABELS,
  type ImpactJudgement,
  SCRUTINY_STATUS_LABELS,
  type ScrutinyStatus,
} from '../../../../contracts/recommendations';
import { formatDate } from '../../app/format';
import { Button } from '../../components/button';
import { Tag, type TagColour } from '../../components/tag';
import type { AssuranceState, EvidenceStatus } from './impact-types';

/** Today in the UK, YYYY-MM-DD (the default date of a judgement). */
export function todayIso() {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(new Date());
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const IMPACT_COLOURS: Record<ImpactJudgement, TagColour> = {
  embedded: 'green',
  partly_embedded: 'yellow',
  not_embedded: 'red',
};
export const ImpactJudgementTag = ({ judgement }: { judgement: ImpactJudgement | null }) =>
  judgement ? (
    <Tag colour={IMPACT_COLOURS[judgement]}>{IMPACT_JUDGEMENT_LABELS[judgement]}</Tag>
  ) : (
    <Tag colour="grey">Not judged yet</Tag>
  );

const ASSURANCE_COLOURS: Record<AssuranceJudgement, TagColour> = {
  assured: 'green',
  partly_assured: 'yellow',
  not_assured: 'red',
};
export const AssuranceJudgementTag = ({ judgement }: { judgement: AssuranceJudgement | null }) =>
  judgement ? (
    <Tag colour={ASSURANCE_COLOURS[judgement]}>{ASSURANCE_JUDGEMENT_LABELS[judgement]}</Tag>
  ) : (
    <Tag colour="grey">Not judged yet</Tag>
  );

export const EVIDENCE_STATUS_LABELS: Record<EvidenceStatus, string> = {
  not_started: 'Not started',
  draft: 'Draft saved',
  submitted: 'Submitted',
};
const EVIDENCE_COLOURS: Record<EvidenceStatus, TagColour> = {
  not_started: 'grey',
  draft: 'yellow',
  submitted: 'green',
};
export const EvidenceStatusTag = ({ status }: { status: EvidenceStatus }) => (
  <Tag colour={EVIDENCE_COLOURS[status]}>{EVIDENCE_STATUS_LABELS[status]}</Tag>
);

export const ASSURANCE_STATE_LABELS: Record<AssuranceState, string> = {
  open: 'Waiting for the answer',
  answered: 'Answered',
  judged: 'Judged',
};
const STATE_COLOURS: Record<AssuranceState, TagColour> = {
  open: 'blue',
  answered: 'purple',
  judged: 'green',
};
export const AssuranceStateTag = ({ state }: { state: AssuranceState }) => (
  <Tag colour={STATE_COLOURS[state]}>{ASSURANCE_STATE_LABELS[state]}</Tag>
);

const SCRUTINY_COLOURS: Record<ScrutinyStatus, TagColour> = {
  planned: 'blue',
  in_progress: 'turquoise',
  reported: 'green',
  cancelled: 'grey',
};
export const ScrutinyStatusTag = ({ status }: { status: ScrutinyStatus }) => (
  <Tag colour={SCRUTINY_COLOURS[status]}>{SCRUTINY_STATUS_LABELS[status]}</Tag>
);

/** A due date with "Overdue" beside it when it has passed. */
export const DueDate = ({ dueOn, overdue }: { dueOn: string; overdue: boolean }) => (
  <>
    <span className="app-impact-nowrap">{formatDate(dueOn)}</span>
    {overdue ? (
      <>
        {' '}
        <Tag colour="red">Overdue</Tag>
      </>
    ) : null}
  </>
);

/** Long text as typed, line breaks kept; "Not given" when empty. */
export const LongText = ({ text, empty = 'Not given' }: { text: string | null; empty?: string }) =>
  text ? <span className="app-impact-pre">{text}</span> : <span className="app-impact-muted">{empty}</span>;

export type FilterSpec = {
  key: string;
  label: string;
  any: string;
  options: { value: string; text: string }[];
};

/**
 * A list's filters: a select for each and a Show button that puts the choices in the URL (page back to
 * 1). Keyed by the URL's values by the caller, so back and forward reset the selects.
 */
export function FilterSelects({
  filters,
  values,
  hrefWith,
  label,
}: {
  filters: FilterSpec[];
  values: Record<string, string>;
  hrefWith(c: Record<string, string | null>): string;
  /** Names the form for screen readers. */
  label: string;
}) {
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(values);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(
      hrefWith({ ...Object.fromEntries(filters.map((f) => [f.key, chosen[f.key] || null])), page: null }),
    );
  };
  return (
    <form className="app-filter" onSubmit={onSubmit} noValidate aria-label={label}>
      {filters.map((f) => (
        <div className="govuk-form-group app-filter__group" key={f.key}>
          <label className="govuk-label govuk-label--s" htmlFor={`filter-${f.key}`}>
            {f.label}
          </label>
          <select
            className="govuk-select"
            id={`filter-${f.key}`}
            name={f.key}
            value={chosen[f.key] ?? ''}
            onChange={(e) => setChosen((c) => ({ ...c, [f.key]: e.target.value }))}
          >
            <option value="">{f.any}</option>
            {f.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.text}
              </option>
            ))}
          </select>
        </div>
      ))}
      <Button variant="secondary" className="app-filter__button">
        Show
      </Button>
    </form>
  );
}

/** A filter value from the URL, if it is one of the allowed values. */
export const validFilter = (value: string, allowed: readonly string[]) =>
  allowed.includes(value) ? value : '';

/** A section of a page with its own h2. */
export const Section = ({ id, title, children }: { id: string; title: string; children: ReactNode }) => (
  <section aria-labelledby={`section-${id}`} className="govuk-!-margin-top-8">
    <h2 className="govuk-heading-m" id={`section-${id}`}>
      {title}
    </h2>
    {children}
  </section>
);
