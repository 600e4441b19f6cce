import { useQuery } from '@tanstack/react-query';
import type { FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { API_BASE, api, queryString } from '../../app/api';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { Table } from '../../components/table';
import { Loaded } from '../common/loaded';
import './summary-page.css';

// The Board's "learning loop" (PRODUCT.md §4.9): aggregate counts only, never a recommendation's title, so
// board viewers and lead sponsors may see it. Every chart is plain HTML hidden from assistive technology and
// followed by its table, which is the accessible version.

type LoopCounts = {
  total: number;
  agreed: number;
  inProgress: number;
  impactCheck: number;
  closed: number;
  notAccepted: number;
  open: number;
  onTrack: number;
  overdue: number;
  impactChecked: number;
  embedded: number;
};
type Ref = { id: string; name: string };
type RegisterSummary = {
  year: number | null;
  today: string;
  years: number[];
  totals: LoopCounts;
  byAgency: { agency: Ref; counts: LoopCounts }[];
  byTheme: { theme: Ref | null; counts: LoopCounts }[];
  allowedVerbs: ('read' | 'export')[];
};

/** Recommendations ever agreed: everything past draft but those not accepted. */
const agreedEver = (c: LoopCounts) => c.total - c.notAccepted;

/** /register/summary: the learning loop for the Board. */
export function SummaryPage() {
  const [params, setParams] = useSearchParams();
  const yearParam = params.get('year');
  const year = yearParam && /^\d{4}$/.test(yearParam) ? Number(yearParam) : null;
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'register-summary', year],
    queryFn: () => api.get<RegisterSummary>(path(`register/summary${queryString({ year })}`)),
  });
  const onFilter = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const chosen = new FormData(e.currentTarget).get('year');
    setParams(chosen ? { year: String(chosen) } : {});
  };
  return (
    <Loaded query={query} what="learning loop summary">
      {(summary) => <Summary summary={summary} onFilter={onFilter} apiPath={path} />}
    </Loaded>
  );
}

function Summary({
  summary,
  onFilter,
  apiPath,
}: {
  summary: RegisterSummary;
  onFilter(e: FormEvent<HTMLFormElement>): void;
  apiPath(rest: string): string;
}) {
  const period = summary.year === null ? 'all years' : `agreed in ${summary.year}`;
  usePageTitle('Learning loop');
  const t = summary.totals;
  const canExport = summary.allowedVerbs.includes('export');
  const download = (rest: string) => `${API_BASE}${apiPath(rest)}`;
  // The downloads hold what the page shows: the year chosen, or every year.
  const yearQuery = queryString({ year: summary.year });
  const yearText = summary.year === null ? '' : ` agreed in ${summary.year}`;

  const figures: { label: string; value: number; tone?: 'overdue' | 'good' }[] = [
    { label: 'Agreed', value: agreedEver(t) },
    { label: 'On track', value: t.onTrack, tone: 'good' },
    { label: 'Overdue', value: t.overdue, tone: 'overdue' },
    { label: 'Impact checked', value: t.impactChecked },
    { label: 'Embedded', value: t.embedded, tone: 'good' },
    { label: 'Closed', value: t.closed },
  ];
  const statuses: { name: string; value: number }[] = [
    { name: 'Agreed, not yet started', value: t.agreed },
    { name: 'In progress', value: t.inProgress },
    { name: 'Impact being checked', value: t.impactCheck },
    { name: 'Closed', value: t.closed },
    { name: 'Not accepted', value: t.notAccepted },
  ];
  const agencyRows = summary.byAgency.map((r) => ({
    id: r.agency.id,
    name: r.agency.name,
    counts: r.counts,
  }));
  const themeRows = summary.byTheme.map((r) => ({
    id: r.theme?.id ?? 'none',
    name: r.theme?.name ?? 'No theme',
    counts: r.counts,
  }));

  return (
    <>
      <span className="govuk-caption-l">Recommendations register</span>
      <h1 className="govuk-heading-l">Learning loop</h1>
      <p className="govuk-body">
        How the partnership’s recommendations are turning into change: how many were agreed, whether their
        actions are on time, and whether impact checks found the change embedded in practice. Counts only, as
        at {formatDate(summary.today)}, for {period}. Draft recommendations are not counted.
      </p>

      <form className="app-loop-filter govuk-!-margin-bottom-6" onSubmit={onFilter} noValidate>
        <div className="govuk-form-group govuk-!-margin-bottom-3">
          <label className="govuk-label" htmlFor="loop-year">
            Year agreed
          </label>
          <select
            className="govuk-select"
            id="loop-year"
            name="year"
            defaultValue={summary.year === null ? '' : String(summary.year)}
          >
            <option value="">All years</option>
            {summary.years.map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">
          Show
        </button>
      </form>

      <h2 className="govuk-heading-m">Headlines</h2>
      <ul className="app-loop-figures">
        {figures.map((f) => (
          <li key={f.label} className={`app-loop-figure${f.tone ? ` app-loop-figure--${f.tone}` : ''}`}>
            <span className="app-loop-figure__number">{f.value}</span>
            <span className="app-loop-figure__label govuk-body-s govuk-!-margin-bottom-0">{f.label}</span>
          </li>
        ))}
      </ul>
      <p className="govuk-body-s">
        On track: agreed and still open, with no action past its due date and no impact check overdue. Impact
        checked: at least one impact check has a judgement. Embedded: the latest judgement was “embedded”.
      </p>

      <h2 className="govuk-heading-m">By status</h2>
      <BarChart
        rows={statuses.map((s) => ({
          key: s.name,
          label: s.name,
          segments: [{ kind: 'total', value: s.value }],
          value: s.value,
        }))}
      />
      <Table
        caption={`Recommendations by status (${period})`}
        captionSize="s"
        rows={statuses}
        rowKey={(s) => s.name}
        columns={[
          { header: 'Status', cell: (s) => s.name },
          { header: 'Recommendations', cell: (s) => String(s.value), numeric: true },
        ]}
      />

      <Breakdown
        heading="By agency"
        caption={`Recommendations by agency (${period}); one addressed to several agencies counts under each`}
        firstHeader="Agency"
        rows={agencyRows}
        pdfHref={canExport ? (id) => download(`agencies/${id}/action-plan.pdf`) : undefined}
      />
      <Breakdown
        heading="By theme"
        caption={`Recommendations by theme (${period})`}
        firstHeader="Theme"
        rows={themeRows}
      />

      {canExport ? (
        <>
          <h2 className="govuk-heading-m">Download the register</h2>
          <p className="govuk-body">
            {summary.year === null
              ? 'The whole register, every year, with titles and actions.'
              : `The recommendations agreed in ${summary.year}, with their titles and actions.`}{' '}
            Each download is recorded in the audit log.
          </p>
          <ul className="govuk-list">
            <li>
              <a className="govuk-link" href={download(`register/recommendations.csv${yearQuery}`)} download>
                Recommendations{yearText} (CSV)
              </a>
            </li>
            <li>
              <a className="govuk-link" href={download(`register/recommendations.xlsx${yearQuery}`)} download>
                Recommendations and actions{yearText} (Excel workbook)
              </a>
            </li>
          </ul>
        </>
      ) : null}
    </>
  );
}

type BreakdownRow = { id: string; name: string; counts: LoopCounts };

function Breakdown({
  heading,
  caption,
  firstHeader,
  rows,
  pdfHref,
}: {
  heading: string;
  caption: string;
  firstHeader: string;
  rows: BreakdownRow[];
  pdfHref?: (id: string) => string;
}) {
  return (
    <>
      <h2 className="govuk-heading-m">{heading}</h2>
      {rows.length === 0 ? (
        <p className="govuk-body">No recommendations have been agreed for this period.</p>
      ) : (
        <>
          <Legend />
          <BarChart
            rows={rows.map((r) => ({
              key: r.id,
              label: r.name,
              segments: [
                { kind: 'on-track', value: r.counts.onTrack },
                { kind: 'overdue', value: r.counts.overdue },
                { kind: 'closed', value: r.counts.closed },
              ],
              value: agreedEver(r.counts),
            }))}
          />
          <Table<BreakdownRow>
            caption={caption}
            captionSize="s"
            rows={rows}
            rowKey={(r) => r.id}
            columns={[
              { header: firstHeader, cell: (r) => r.name },
              { header: 'Agreed', cell: (r) => String(agreedEver(r.counts)), numeric: true },
              { header: 'On track', cell: (r) => String(r.counts.onTrack), numeric: true },
              { header: 'Overdue', cell: (r) => String(r.counts.overdue), numeric: true },
              { header: 'Impact checked', cell: (r) => String(r.counts.impactChecked), numeric: true },
              { header: 'Embedded', cell: (r) => String(r.counts.embedded), numeric: true },
              { header: 'Closed', cell: (r) => String(r.counts.closed), numeric: true },
              ...(pdfHref
                ? [
                    {
                      header: 'Action plan',
                      cell: (r: BreakdownRow) => (
                        <a className="govuk-link" href={pdfHref(r.id)} download>
                          PDF<span className="govuk-visually-hidden"> action plan for {r.name}</span>
                        </a>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </>
      )}
    </>
  );
}

function Legend() {
  const keys = [
    ['on-track', 'On track'],
    ['overdue', 'Overdue'],
    ['closed', 'Closed'],
  ] as const;
  return (
    <ul className="app-bars__legend govuk-body-s" aria-hidden="true">
      {keys.map(([kind, text]) => (
        <li key={kind}>
          <span className={`app-bars__key app-bars__segment--${kind}`} />
          {text}
        </li>
      ))}
    </ul>
  );
}

type Segment = { kind: 'total' | 'on-track' | 'overdue' | 'closed'; value: number };

/** Horizontal bars scaled to the largest value; aria-hidden, because the table after it says the same. */
function BarChart({ rows }: { rows: { key: string; label: string; segments: Segment[]; value: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <div className="app-bars" aria-hidden="true">
      {rows.map((r) => (
        <div className="app-bars__row govuk-body-s govuk-!-margin-bottom-2" key={r.key}>
          <span className="app-bars__label">{r.label}</span>
          <span className="app-bars__track">
            <span className="app-bars__bar" style={{ width: `${(r.value / max) * 85}%` }}>
              {r.segments
                .filter((s) => s.value > 0)
                .map((s) => (
                  <span
                    key={s.kind}
                    className={`app-bars__segment app-bars__segment--${s.kind}`}
                    style={{ width: `${(s.value / Math.max(1, r.value)) * 100}%` }}
                  />
                ))}
            </span>
            <span className="app-bars__value">{r.value}</span>
          </span>
        </div>
      ))}
    </div>
  );
}
