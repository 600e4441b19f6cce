import { Link, useParams } from 'react-router';
import {
  IMPACT_JUDGEMENT_LABELS,
  IMPACT_JUDGEMENTS,
  RECOMMENDATION_STATUS_LABELS,
  recommendationReference,
} from '../../../../contracts/recommendations';
import { api } from '../../app/api';
import { LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { Details } from '../../components/details';
import { EvidenceFileList, EvidenceFiles } from '../../components/evidence-files';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { Textarea } from '../../components/textarea';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, useNavigateWithFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { RemindersSent } from '../notifications/reminders-sent';
import {
  DueDate,
  EvidenceStatusTag,
  FilterSelects,
  ImpactJudgementTag,
  LongText,
  Section,
  validFilter,
} from './impact-parts';
import { IMPACT_CHECKS, useImpactCheck, useRefreshRegister, useRegisterRoles } from './impact-queries';
import type { ImpactCheck, ImpactCheckSummary, ImpactEvidence } from './impact-types';
import { JudgementForm } from './judgement-form';

const QUESTION = 'Has practice changed? Has the outcome for children and adults changed?';
/** Recommendations whose impact checks take no more evidence or judgements. */
const FINISHED = ['draft', 'not_accepted', 'closed'];
const DUE_FILTERS = ['overdue', '30'] as const;
const JUDGED_FILTERS = ['false', 'true'] as const;

const checkName = (c: { months: number }) => `${c.months}-month impact check`;
const recName = (r: { number: number; title: string }) => `${recommendationReference(r.number)} ${r.title}`;

/** /register/impact-checks: every check the person may see, soonest due first. */
export function ImpactChecksPage() {
  const flash = useFlash();
  const { list, query } = useListPage<ImpactCheckSummary, 'due' | 'judged'>({
    resource: IMPACT_CHECKS,
    title: 'Impact checks',
    extraKeys: ['due', 'judged'],
    filters: ({ extra }) => ({
      due: validFilter(extra.due, DUE_FILTERS),
      judged: validFilter(extra.judged, JUDGED_FILTERS),
    }),
  });
  if (query.isPending) return <Loading what="impact checks" />;
  if (query.error) return <LoadError error={query.error} />;
  return (
    <>
      <BackLink to="/register">Back to the register</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Impact checks</h1>
      <p className="govuk-body">
        Months after a recommendation is agreed, each agency it is addressed to shows whether practice has
        changed and what difference it has made for children and adults. The QA group then judges whether the
        change is embedded.
      </p>
      <FilterSelects
        key={list.key}
        label="Filter the impact checks"
        hrefWith={list.hrefWith}
        values={{
          due: validFilter(list.extra.due, DUE_FILTERS),
          judged: validFilter(list.extra.judged, JUDGED_FILTERS),
        }}
        filters={[
          {
            key: 'due',
            label: 'Due',
            any: 'Any time',
            options: [
              { value: 'overdue', text: 'Overdue' },
              { value: '30', text: 'In the next 30 days' },
            ],
          },
          {
            key: 'judged',
            label: 'Judgement',
            any: 'Judged or not',
            options: [
              { value: 'false', text: 'Not judged yet' },
              { value: 'true', text: 'Judged' },
            ],
          },
        ]}
      />
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="impact check"
        empty={
          <InsetText>No impact checks match. Checks are scheduled when a recommendation is agreed.</InsetText>
        }
      >
        {(items) => (
          <Table<ImpactCheckSummary>
            caption="Impact checks, soonest due first"
            captionHidden
            rows={items}
            rowKey={(c) => c.id}
            columns={[
              {
                header: 'Recommendation',
                cell: (c) => (
                  <Link to={`/register/impact-checks/${c.id}`} className="govuk-link">
                    {recName(c.recommendation)}
                    <span className="govuk-visually-hidden">: {checkName(c)}</span>
                  </Link>
                ),
              },
              { header: 'Check', cell: (c) => `${plural(c.months, 'month')} after agreement` },
              { header: 'Due', cell: (c) => <DueDate dueOn={c.dueOn} overdue={c.overdue} /> },
              {
                header: 'Agencies’ evidence',
                cell: (c) => (
                  <ul className="app-impact-agencies">
                    {c.agencies.map((a) => (
                      <li key={a.id} className="govuk-!-margin-bottom-1">
                        {a.name}:{' '}
                        {a.evidenceStatus ? (
                          <EvidenceStatusTag status={a.evidenceStatus} />
                        ) : (
                          <span className="app-impact-muted">not shown to you</span>
                        )}
                      </li>
                    ))}
                  </ul>
                ),
              },
              {
                header: 'Judgement',
                cell: (c) => (c.cancelled ? 'Cancelled' : <ImpactJudgementTag judgement={c.judgement} />),
              },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

const useCheckId = () => useParams().impactCheckId ?? '';

/** /register/impact-checks/:impactCheckId */
export function ImpactCheckPage() {
  const query = useImpactCheck(useCheckId());
  return (
    <Loaded query={query} what="impact check">
      {(check) => <ImpactCheckDetail check={check} />}
    </Loaded>
  );
}

function ImpactCheckDetail({ check: c }: { check: ImpactCheck }) {
  usePageTitle(`${checkName(c)}: ${recommendationReference(c.recommendation.number)}`);
  const flash = useFlash();
  const { ownAgencyIds } = useRegisterRoles();
  const finished = FINISHED.includes(c.recommendation.status) || c.cancelled;
  const waiting = c.agencies.filter((a) => a.evidenceStatus !== 'submitted');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/register/impact-checks">Back to impact checks</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        <span className="govuk-caption-l">
          Impact check on {recommendationReference(c.recommendation.number)}
        </span>
        <h1 className="govuk-heading-l">{checkName(c)}</h1>
        <SummaryList
          rows={[
            {
              key: 'Recommendation',
              value: (
                <Link to={`/register/recommendations/${c.recommendation.id}`} className="govuk-link">
                  {recName(c.recommendation)}
                </Link>
              ),
            },
            { key: 'Recommendation status', value: RECOMMENDATION_STATUS_LABELS[c.recommendation.status] },
            { key: 'Check', value: `${plural(c.months, 'month')} after the recommendation was agreed` },
            { key: 'Due', value: <DueDate dueOn={c.dueOn} overdue={c.overdue} /> },
            {
              key: 'Judgement',
              value: c.cancelled ? 'Cancelled' : <ImpactJudgementTag judgement={c.judgement} />,
            },
          ]}
        />
        <h2 className="govuk-heading-m">What is asked</h2>
        <InsetText>
          <p className="govuk-body govuk-!-font-weight-bold">{QUESTION}</p>
          <p className="govuk-body govuk-!-margin-bottom-0">
            Each agency the recommendation is addressed to gives its evidence and submits it. Once every
            agency has submitted, the QA group judges whether the change is embedded.
          </p>
        </InsetText>

        <Section id="evidence" title="Evidence from agencies">
          {c.agencies.length === 0 ? (
            <p className="govuk-body">The recommendation is addressed to no agency.</p>
          ) : null}
          {c.agencies.map((a) => (
            <AgencyEvidence
              key={a.id}
              check={c}
              agency={a}
              own={ownAgencyIds.includes(a.id)}
              finished={finished}
            />
          ))}
        </Section>

        <Section id="judgement" title="Judgement">
          {c.judgement ? (
            <SummaryList
              rows={[
                { key: 'Judgement', value: <ImpactJudgementTag judgement={c.judgement} /> },
                { key: 'Reasons', value: <LongText text={c.judgementReasons} /> },
                { key: 'Date of the judgement', value: formatDate(c.judgedOn) },
                { key: 'Recorded by', value: c.judgedByName ?? 'Not known' },
              ]}
            />
          ) : c.cancelled ? (
            <p className="govuk-body">This check was cancelled, so it will not be judged.</p>
          ) : c.allowedVerbs.includes('judge') && !finished ? (
            waiting.length > 0 ? (
              <InsetText>
                The check can be judged once every agency has submitted its evidence. Still waiting for:{' '}
                {waiting.map((a) => a.name).join(', ')}.
              </InsetText>
            ) : (
              <ImpactJudgementForm check={c} />
            )
          ) : (
            <p className="govuk-body">
              Not judged yet. The QA group judges the check once every agency has submitted its evidence.
            </p>
          )}
        </Section>

        <div className="govuk-!-margin-top-8">
          <RemindersSent itemType="impact_check" itemId={c.id} />
        </div>
      </div>
    </div>
  );
}

type AgencyEntry = ImpactCheck['agencies'][number];

function AgencyEvidence({
  check,
  agency: a,
  own,
  finished,
}: {
  check: ImpactCheck;
  agency: AgencyEntry;
  own: boolean;
  finished: boolean;
}) {
  const ev = a.evidence;
  const headingId = `agency-${a.id}`;
  const writes = !!ev && ev.allowedVerbs.includes('write') && !finished;
  return (
    <section className="app-impact-agency" aria-labelledby={headingId}>
      <h3 className="govuk-heading-s govuk-!-margin-bottom-2" id={headingId}>
        {a.name}
        {own ? ' (your agency)' : ''}
      </h3>
      {!ev ? (
        <p className="govuk-body app-impact-muted">
          Only {a.name}’s own people, partnership admins, the QA group and independent scrutineers see this
          agency’s evidence.
        </p>
      ) : (
        <>
          <p className="govuk-body">
            <EvidenceStatusTag status={ev.status} />
            {ev.submittedAt ? (
              <span className="govuk-!-margin-left-2">
                Submitted {formatDateTime(ev.submittedAt)}
                {ev.submittedByName ? ` by ${ev.submittedByName}` : ''}
              </span>
            ) : null}
          </p>
          {writes && own ? (
            <EvidenceForm check={check} agency={a} evidence={ev} />
          ) : (
            <>
              <SummaryList
                rows={[
                  { key: 'What has changed in practice', value: <LongText text={ev.practiceChange} /> },
                  {
                    key: 'What difference it has made for children and adults',
                    value: <LongText text={ev.outcomes} />,
                  },
                  {
                    key: 'Evidence files',
                    value: <EvidenceFilesShown check={check} agencyId={a.id} files={ev.files} />,
                  },
                ]}
              />
              {writes ? (
                <Details summary={`Enter or correct the evidence for ${a.name}`}>
                  <EvidenceForm check={check} agency={a} evidence={ev} />
                </Details>
              ) : null}
            </>
          )}
        </>
      )}
    </section>
  );
}

/** An agency's evidence files as sent, to read and download (nothing to change). */
function EvidenceFilesShown({
  check,
  agencyId,
  files,
}: {
  check: ImpactCheck;
  agencyId: string;
  files: ImpactEvidence['files'];
}) {
  const { path } = usePartnership();
  return (
    <EvidenceFileList
      id={`evidence-${agencyId}-files-shown`}
      files={files}
      pathOf={(f) => path(`impact-checks/${check.id}/evidence/${agencyId}/files/${f.id}`)}
      empty={<span className="app-impact-muted">None sent</span>}
    />
  );
}

type EvidenceValues = { practiceChange: string; outcomes: string; version: number };

/** One agency's evidence: saved as a draft, then submitted (on its own confirmation page). */
function EvidenceForm({
  check,
  agency,
  evidence,
}: {
  check: ImpactCheck;
  agency: AgencyEntry;
  evidence: NonNullable<AgencyEntry['evidence']>;
}) {
  const { path } = usePartnership();
  const refresh = useRefreshRegister(IMPACT_CHECKS);
  const goTo = useNavigateWithFlash();
  const saved: EvidenceValues = {
    practiceChange: evidence.practiceChange ?? '',
    outcomes: evidence.outcomes ?? '',
    version: evidence.version,
  };
  const form = useForm<EvidenceValues>({
    initial: saved,
    draftKey: `impact-evidence:${check.id}:${agency.id}`,
    fieldOrder: ['practiceChange', 'outcomes'],
  });
  useErrorTitlePrefix(form.hasErrors);
  // Several agencies' forms can share the page (an admin's), so each field's id names its agency.
  const prefix = `evidence-${agency.id}`;
  const fileOf = (f: { id: string }) => path(`impact-checks/${check.id}/evidence/${agency.id}/files/${f.id}`);
  const field = (name: 'practiceChange' | 'outcomes') => ({ ...form.field(name), id: `${prefix}-${name}` });
  const feedback = {
    ...form,
    summary: form.summary.map((s) => ({ ...s, href: s.href ? `#${prefix}-${s.href.slice(1)}` : undefined })),
  };
  const saveAt = (version: number) =>
    form.submit(
      async (v) => {
        const after = await api.put<ImpactCheck>(path(`impact-checks/${check.id}/evidence/${agency.id}`), {
          practiceChange: v.practiceChange.trim() || null,
          outcomes: v.outcomes.trim() || null,
          version,
        });
        await refresh();
        return after;
      },
      (after) => {
        const mine = (after as ImpactCheck).agencies.find((x) => x.id === agency.id)?.evidence;
        form.setValues((v) => ({ ...v, version: mine?.version ?? v.version }));
        goTo({ to: `/register/impact-checks/${check.id}`, flash: 'Evidence saved', replace: true });
      },
    );
  const unsaved =
    form.values.practiceChange.trim() !== saved.practiceChange.trim() ||
    form.values.outcomes.trim() !== saved.outcomes.trim();
  const complete = !!evidence.practiceChange?.trim() && !!evidence.outcomes?.trim();
  return (
    <>
      <FormFeedback form={feedback} />
      {form.conflict ? (
        <ConflictPanel
          conflict={form.conflict}
          fields={[
            { name: 'practiceChange', label: 'What has changed in practice' },
            { name: 'outcomes', label: 'What difference it has made' },
          ]}
          values={form.values}
          pending={form.pending}
          onKeepMine={() => void saveAt(Number(form.conflict?.current.version ?? 0))()}
          onUseTheirs={() => {
            const cur = form.conflict!.current;
            form.setValues({
              practiceChange: String(cur.practiceChange ?? ''),
              outcomes: String(cur.outcomes ?? ''),
              version: Number(cur.version ?? 0),
            });
            form.dismissConflict();
          }}
        />
      ) : null}
      <form onSubmit={saveAt(form.values.version)} noValidate>
        <Textarea
          {...field('practiceChange')}
          label="What has changed in practice"
          labelSize="s"
          hint="For example, what staff now do differently, and how you know: audits, supervision, training records"
          rows={6}
          spellCheck
        />
        <Textarea
          {...field('outcomes')}
          label="What difference has it made for children and adults"
          labelSize="s"
          hint="What children, adults and families now experience, and the evidence for it"
          rows={6}
          spellCheck
        />
        <ButtonGroup>
          <Button variant="secondary" pending={form.pending}>
            Save evidence
          </Button>
        </ButtonGroup>
      </form>
      <EvidenceFiles
        id={`${prefix}-files`}
        legend="Evidence files (optional)"
        hint="For example audit results, supervision records or minutes that show the change. Each file is kept as soon as it is uploaded."
        files={evidence.files}
        pathOf={fileOf}
        uploadLabel="Add an evidence file"
        uploadPath={path(`impact-checks/${check.id}/evidence/${agency.id}/files`)}
        removePath={fileOf}
        onAdded={refresh}
        onRemoved={refresh}
      />
      {complete && !unsaved ? (
        <>
          <p className="govuk-body">
            When the evidence is complete, submit it to the QA group. It cannot be changed afterwards.
          </p>
          <ButtonLink to={`/register/impact-checks/${check.id}/evidence/${agency.id}/submit`}>
            Submit evidence
          </ButtonLink>
        </>
      ) : (
        <p className="govuk-body app-impact-muted">
          {unsaved
            ? 'Save your changes first; then you can submit the evidence.'
            : 'Fill in and save both answers; then you can submit the evidence.'}
        </p>
      )}
    </>
  );
}

/** The QA group's judgement; "not embedded" reopens the recommendation and its completed actions. */
function ImpactJudgementForm({ check }: { check: ImpactCheck }) {
  const refresh = useRefreshRegister(IMPACT_CHECKS);
  const ref = recommendationReference(check.recommendation.number);
  return (
    <JudgementForm
      apiPath={`impact-checks/${check.id}/judgement`}
      version={check.version}
      draftKey={`impact-judgement:${check.id}`}
      judgements={IMPACT_JUDGEMENTS}
      labels={IMPACT_JUDGEMENT_LABELS}
      legend="Is the change embedded?"
      choiceMessage="Select embedded, partly embedded or not embedded"
      hints={{
        not_embedded: 'The recommendation goes back to in progress and its completed actions are reopened',
      }}
      warnings={{
        not_embedded: `Recording “not embedded” reopens ${ref} and every completed action answering it, so the agencies carry on the work.`,
      }}
      reasonsHint="What in the agencies’ evidence supports it"
      dateHint="Usually the date of the QA group meeting"
      intro={
        <p className="govuk-body">
          Every agency has submitted its evidence. Record the QA group’s judgement. Judging it not embedded
          reopens {ref} and its completed actions, so the work carries on.
        </p>
      }
      refresh={refresh}
      doneTo={`/register/impact-checks/${check.id}`}
    />
  );
}

/** /register/impact-checks/:impactCheckId/evidence/:agencyId/submit */
export function SubmitEvidencePage() {
  const { agencyId = '' } = useParams();
  const id = useCheckId();
  const query = useImpactCheck(id);
  const { path } = usePartnership();
  const refresh = useRefreshRegister(IMPACT_CHECKS);
  return (
    <Loaded query={query} what="impact check">
      {(c) => {
        const agency = c.agencies.find((a) => a.id === agencyId);
        const ev = agency?.evidence;
        if (!agency || !ev) return <NotFoundPage message="This evidence could not be found" />;
        return (
          <ConfirmAction
            title={`Submit ${agency.name}’s evidence?`}
            caption={`${recName(c.recommendation)}: ${checkName(c)}`}
            confirmText="Submit evidence"
            warning={false}
            cancelTo={`/register/impact-checks/${c.id}`}
            onConfirm={async () => {
              await api.post(path(`impact-checks/${c.id}/evidence/${agency.id}/submit`), {
                version: ev.version,
              });
              await refresh();
            }}
            done={{ to: `/register/impact-checks/${c.id}`, flash: 'Evidence submitted' }}
          >
            <p className="govuk-body">
              The QA group will see it and judge the check once every agency has submitted. After you submit,
              the evidence cannot be changed.
            </p>
            <SummaryList
              rows={[
                { key: 'What has changed in practice', value: <LongText text={ev.practiceChange} /> },
                {
                  key: 'What difference it has made for children and adults',
                  value: <LongText text={ev.outcomes} />,
                },
                {
                  key: 'Evidence files',
                  value: <EvidenceFilesShown check={c} agencyId={agency.id} files={ev.files} />,
                },
              ]}
            />
          </ConfirmAction>
        );
      }}
    </Loaded>
  );
}
