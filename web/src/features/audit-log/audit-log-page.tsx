import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { API_BASE, queryString } from '../../app/api';
import { InlineLoadError, LoadError, Loading } from '../../app/error-pages';
import { formatDateTime } from '../../app/format';
import { useErrorTitlePrefix } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { AuditEntry } from '../../app/types';
import { Button } from '../../components/button';
import { Details } from '../../components/details';
import { ErrorSummary } from '../../components/error-summary';
import { Table } from '../../components/table';
import { ListResults, useListPage } from '../common/list-page';
import { personOptionText, usePeopleOptions } from '../common/people-options';

const FILTERS = ['personId', 'entity', 'from', 'to'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "sign_in_failed" → "Sign in failed". */
export const humanise = (s: string) => {
  const text = s.replace(/[_-]+/g, ' ').trim();
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const show = (v: unknown) => {
  if (v === null || v === undefined || v === '') return '(empty)';
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
};

/** What changed between before and after, one line per field that differs. */
export function changeLines(
  before: unknown,
  after: unknown,
): { field: string; from: string | null; to: string | null }[] {
  const b = before && typeof before === 'object' ? (before as Record<string, unknown>) : null;
  const a = after && typeof after === 'object' ? (after as Record<string, unknown>) : null;
  if (!b && !a) return [];
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])];
  const lines = [];
  for (const key of keys) {
    const from = b ? b[key] : undefined;
    const to = a ? a[key] : undefined;
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    lines.push({ field: key, from: b && key in b ? show(from) : null, to: a && key in a ? show(to) : null });
  }
  return lines;
}

function Changes({ entry }: { entry: AuditEntry }) {
  const lines = changeLines(entry.before, entry.after);
  if (lines.length === 0) return <span className="app-muted">No details</span>;
  return (
    <Details summary={`${lines.length} ${lines.length === 1 ? 'change' : 'changes'}`}>
      <ul className="govuk-list app-changes">
        {lines.map((l) => (
          <li key={l.field}>
            <strong>{l.field}</strong>:{' '}
            {l.from === null ? (
              <>set to {l.to}</>
            ) : l.to === null ? (
              <>removed (was {l.from})</>
            ) : (
              <>
                {l.from} <span aria-hidden="true">→</span>
                <span className="govuk-visually-hidden"> changed to </span> {l.to}
              </>
            )}
          </li>
        ))}
      </ul>
    </Details>
  );
}

function FilterForm({
  filters,
  hrefWith,
}: {
  filters: Filters;
  hrefWith(c: Record<string, string | null>): string;
}) {
  const navigate = useNavigate();
  const people = usePeopleOptions({ includeInactive: true });
  const [values, setValues] = useState(filters);
  const [errors, setErrors] = useState<Partial<Filters>>({});
  const [attempt, setAttempt] = useState(0);
  const set = (k: keyof Filters) => (v: string) => setValues((s) => ({ ...s, [k]: v }));

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const next: Partial<Filters> = {};
    if (values.from && !ISO_DATE.test(values.from))
      next.from = 'Enter the “from” date as a real date, like 2025-04-01';
    if (values.to && !ISO_DATE.test(values.to))
      next.to = 'Enter the “to” date as a real date, like 2025-06-30';
    if (!next.from && !next.to && values.from && values.to && values.from > values.to)
      next.to = 'The “to” date must be the same as or after the “from” date';
    setErrors(next);
    if (Object.keys(next).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    navigate(
      hrefWith({
        personId: values.personId || null,
        entity: values.entity.trim() || null,
        from: values.from || null,
        to: values.to || null,
        page: null,
      }),
    );
  };

  const summary = (['from', 'to'] as const)
    .filter((k) => errors[k])
    .map((k) => ({ text: errors[k]!, href: `#${k}` }));
  useErrorTitlePrefix(summary.length > 0);

  const dateField = (k: 'from' | 'to', label: string) => (
    <div className={errors[k] ? 'govuk-form-group govuk-form-group--error' : 'govuk-form-group'}>
      <label className="govuk-label govuk-label--s" htmlFor={k}>
        {label}
      </label>
      {errors[k] ? (
        <p id={`${k}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {errors[k]}
        </p>
      ) : null}
      <input
        className={errors[k] ? 'govuk-input govuk-input--error app-date-input' : 'govuk-input app-date-input'}
        id={k}
        name={k}
        type="date"
        value={values[k]}
        onChange={(e) => set(k)(e.target.value)}
        aria-describedby={errors[k] ? `${k}-error` : undefined}
      />
    </div>
  );

  return (
    <>
      {summary.length > 0 ? <ErrorSummary items={summary} focusKey={attempt} /> : null}
      <form className="app-audit-filter" onSubmit={onSubmit} noValidate aria-label="Filter the audit log">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="personId">
                Person
              </label>
              {people.error ? (
                <InlineLoadError error={people.error} what="the people in the partnership" />
              ) : null}
              <select
                className="govuk-select app-full-width"
                id="personId"
                name="personId"
                value={values.personId}
                onChange={(e) => set('personId')(e.target.value)}
              >
                <option value="">Anyone</option>
                {(people.data ?? []).map((p) => (
                  <option key={p.id} value={p.id}>
                    {personOptionText(p)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="govuk-grid-column-one-half">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="entity">
                Kind of record
              </label>
              <div className="govuk-hint" id="entity-hint">
                For example, agency, person or partnership
              </div>
              <input
                className="govuk-input"
                id="entity"
                name="entity"
                type="text"
                value={values.entity}
                onChange={(e) => set('entity')(e.target.value)}
                aria-describedby="entity-hint"
                autoComplete="off"
                spellCheck={false}
              />
            </div>
          </div>
        </div>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">{dateField('from', 'From')}</div>
          <div className="govuk-grid-column-one-half">{dateField('to', 'To')}</div>
        </div>
        <Button variant="secondary">Apply filters</Button>
      </form>
    </>
  );
}

export function AuditLogPage() {
  const { path } = usePartnership();
  const { list, query } = useListPage<AuditEntry, Filter>({
    resource: 'audit-log',
    title: 'Audit log',
    pageSize: 50,
    extraKeys: FILTERS,
    filters: ({ extra }) => extra,
  });
  if (query.isPending) return <Loading what="audit log" />;
  if (query.error) return <LoadError error={query.error} />;
  const filters = list.extra;
  const csvHref = `${API_BASE}${path(`audit-log.csv${queryString(filters)}`)}`;
  const anyFilter = FILTERS.some((k) => filters[k]);

  return (
    <>
      <h1 className="govuk-heading-l">Audit log</h1>
      <p className="govuk-body">
        Every sign-in, change, submission, approval and export in this partnership, with who did it and when.
        Entries cannot be changed or removed.
      </p>
      <FilterForm key={list.key} filters={filters} hrefWith={list.hrefWith} />
      <p className="govuk-body">
        <a href={csvHref} className="govuk-link" download>
          Download {anyFilter ? 'these entries' : 'the audit log'} as a spreadsheet (CSV)
        </a>
      </p>
      <ListResults results={query.data} hrefFor={list.hrefFor} noun="entry" nounPlural="entries">
        {(items) => (
          <Table<AuditEntry>
            caption="Audit log entries, newest first"
            captionHidden
            className="app-audit-table"
            rows={items}
            rowKey={(e) => String(e.id)}
            columns={[
              { header: 'When', cell: (e) => formatDateTime(e.at) },
              {
                header: 'Who',
                cell: (e) =>
                  e.personEmail ? (
                    <span className="app-break-word">{e.personEmail}</span>
                  ) : (
                    <span className="app-muted">System</span>
                  ),
              },
              { header: 'Action', cell: (e) => humanise(e.action) },
              {
                header: 'Record',
                cell: (e) => (
                  <>
                    {humanise(e.entity)}
                    {e.entityId ? (
                      <>
                        <br />
                        <span className="govuk-body-s app-reference app-break-word">{e.entityId}</span>
                      </>
                    ) : null}
                  </>
                ),
              },
              { header: 'Changes', cell: (e) => <Changes entry={e} /> },
              {
                header: 'Request',
                cell: (e) => (
                  <span className="govuk-body-s app-reference app-break-word">{e.requestId ?? ''}</span>
                ),
              },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}
