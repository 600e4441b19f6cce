import { Link, useParams } from 'react-router';
import {
  ASSURANCE_JUDGEMENT_LABELS,
  ASSURANCE_JUDGEMENTS,
  RECOMMENDATION_STATUS_LABELS,
  recommendationReference,
} from '../../../../contracts/recommendations';
import { api } from '../../app/api';
import { InlineLoadError, LoadError, Loading } from '../../app/error-pages';
import { formatDate, formatDateTime, plural } from '../../app/format';
import { useErrorTitlePrefix, usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonLink } from '../../components/button';
import { Checkboxes } from '../../components/checkboxes';
import { EvidenceFileList, EvidenceFiles } from '../../components/evidence-files';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { useAgencyOptions } from '../common/agency-options';
import { useFlash, useNavigateWithFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { RemindersSent } from '../notifications/reminders-sent';
import {
  ASSURANCE_STATE_LABELS,
  AssuranceJudgementTag,
  AssuranceStateTag,
  DueDate,
  FilterSelects,
  LongText,
  Section,
  validFilter,
} from './impact-parts';
import {
  ASSURANCE_REQUESTS,
  useAssuranceRequest,
  useRecommendationsOf,
  useRefreshRegister,
  useRegisterRoles,
} from './impact-queries';
import type { AssuranceRequest, AssuranceState, AssuranceSummary } from './impact-types';
import { JudgementForm } from './judgement-form';

const STATES: AssuranceState[] = ['open', 'answered', 'judged'];

/** /register/assurance-requests */
export function AssuranceRequestsPage() {
  const flash = useFlash();
  const { judges } = useRegisterRoles();
  const { list, query } = useListPage<AssuranceSummary, 'state'>({
    resource: ASSURANCE_REQUESTS,
    title: 'Assurance requests',
    extraKeys: ['state'],
    filters: ({ extra }) => ({ state: validFilter(extra.state, STATES) }),
  });
  if (query.isPending) return <Loading what="assurance requests" />;
  if (query.error) return <LoadError error={query.error} />;
  return (
    <>
      <BackLink to="/register">Back to the register</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Assurance requests</h1>
      <p className="govuk-body">
        A single-agency assurance request asks one agency to show how it has responded to recommendations
        addressed to it, by a date. Its lead answers; the QA group judges the answer.
      </p>
      {judges ? (
        <ButtonLink to="/register/assurance-requests/new">Ask an agency for assurance</ButtonLink>
      ) : null}
      <FilterSelects
        key={list.key}
        label="Filter the assurance requests"
        hrefWith={list.hrefWith}
        values={{ state: validFilter(list.extra.state, STATES) }}
        filters={[
          {
            key: 'state',
            label: 'Stage',
            any: 'Any stage',
            options: STATES.map((s) => ({ value: s, text: ASSURANCE_STATE_LABELS[s] })),
          },
        ]}
      />
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="assurance request"
        empty={<InsetText>No assurance requests match.</InsetText>}
      >
        {(items) => (
          <Table<AssuranceSummary>
            caption="Assurance requests"
            captionHidden
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              {
                header: 'Request',
                cell: (r) => (
                  <Link to={`/register/assurance-requests/${r.id}`} className="govuk-link">
                    {r.title}
                  </Link>
                ),
              },
              { header: 'Agency', cell: (r) => r.agency.name },
              { header: 'Recommendations', cell: (r) => String(r.recommendationCount), numeric: true },
              {
                header: 'Due',
                cell: (r) => <DueDate dueOn={r.dueOn} overdue={r.overdue} />,
              },
              { header: 'Stage', cell: (r) => <AssuranceStateTag state={r.state} /> },
              { header: 'Judgement', cell: (r) => <AssuranceJudgementTag judgement={r.judgement} /> },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

type NewValues = {
  agencyId: string;
  title: string;
  question: string;
  dueOn: string;
  recommendationIds: string[];
  version: number;
};

/** /register/assurance-requests/new */
export function NewAssuranceRequestPage() {
  const { path, partnershipId } = usePartnership();
  const refresh = useRefreshRegister(ASSURANCE_REQUESTS);
  const agencies = useAgencyOptions();
  const form = useEntityForm<NewValues, AssuranceRequest>({
    title: 'Ask an agency for assurance',
    initial: { agencyId: '', title: '', question: '', dueOn: '', recommendationIds: [], version: 0 },
    draftKey: `assurance:new:${partnershipId}`,
    fieldOrder: ['agencyId', 'title', 'question', 'dueOn', 'recommendationIds'],
    choiceMessages: { agencyId: 'Choose the agency to ask' },
    save: async (v) => {
      const made = await api.post<AssuranceRequest>(path('assurance-requests'), {
        agencyId: v.agencyId,
        title: v.title,
        question: v.question,
        dueOn: v.dueOn,
        recommendationIds: v.recommendationIds,
      });
      await refresh();
      return made;
    },
    done: (made) => ({
      to: `/register/assurance-requests/${made.id}`,
      flash: `${made.agency.name} has been asked for assurance`,
    }),
  });
  const recs = useRecommendationsOf(form.values.agencyId);
  const choosable = (recs.data?.items ?? []).filter(
    (r) => r.status !== 'draft' && r.status !== 'not_accepted',
  );
  return (
    <FormPage
      form={form}
      backTo="/register/assurance-requests"
      caption="Assurance requests"
      submitText="Send the request"
      intro={
        <p className="govuk-body">
          The agency’s lead sees the request in their work and answers it. You record the QA group’s judgement
          on the answer.
        </p>
      }
    >
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Select
        {...form.field('agencyId')}
        onChange={(value) => {
          form.setValue('agencyId', value);
          form.setValue('recommendationIds', []);
        }}
        label="Agency"
        labelSize="s"
        placeholder="Choose the agency"
        options={(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
        className="app-full-width"
      />
      <TextInput
        {...form.field('title')}
        label="Title"
        labelSize="s"
        hint="For example, Assurance on the response to the neglect audit"
        spellCheck
      />
      <Textarea
        {...form.field('question')}
        label="What is the agency asked to evidence?"
        labelSize="s"
        rows={6}
        spellCheck
      />
      <TextInput
        {...form.field('dueOn')}
        label="Answer due by"
        labelSize="s"
        type="date"
        className="app-date-input"
      />
      {!form.values.agencyId ? (
        <>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-1">Recommendations</h2>
          <p className="govuk-hint">
            Choose the agency first: the recommendations addressed to it are listed here.
          </p>
        </>
      ) : recs.isPending ? (
        <p className="govuk-body" role="status">
          Loading the recommendations addressed to the agency…
        </p>
      ) : recs.error ? (
        <InlineLoadError error={recs.error} what="the recommendations addressed to the agency" />
      ) : (
        <Checkboxes
          id="recommendationIds"
          legend="Recommendations"
          legendSize="s"
          hint={
            choosable.length
              ? 'Which recommendations addressed to this agency it is to evidence its response to'
              : 'No agreed recommendations are addressed to this agency, so there is nothing to ask about'
          }
          error={form.errors.recommendationIds}
          items={choosable.map((r) => ({
            value: r.id,
            text: `${r.reference} ${r.title}`,
            hint: RECOMMENDATION_STATUS_LABELS[r.status],
          }))}
          values={form.values.recommendationIds}
          onChange={(v) => form.setValue('recommendationIds', v)}
          small
        />
      )}
    </FormPage>
  );
}

/** /register/assurance-requests/:assuranceRequestId */
export function AssuranceRequestPage() {
  const { assuranceRequestId = '' } = useParams();
  const query = useAssuranceRequest(assuranceRequestId);
  return (
    <Loaded query={query} what="assurance request">
      {(r) => <AssuranceDetail request={r} />}
    </Loaded>
  );
}

function AssuranceDetail({ request: r }: { request: AssuranceRequest }) {
  usePageTitle(r.title);
  const flash = useFlash();
  const refresh = useRefreshRegister(ASSURANCE_REQUESTS);
  const answering = r.allowedVerbs.includes('answer') && !r.judgement;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/register/assurance-requests">Back to assurance requests</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        <span className="govuk-caption-l">Assurance request to {r.agency.name}</span>
        <h1 className="govuk-heading-l">{r.title}</h1>
        <p className="govuk-body">
          <AssuranceStateTag state={r.state} />
        </p>
        <SummaryList
          rows={[
            { key: 'Agency', value: r.agency.name },
            { key: 'Answer due by', value: <DueDate dueOn={r.dueOn} overdue={r.overdue} /> },
            {
              key: 'Asked',
              value: `${formatDateTime(r.createdAt)}${r.createdByName ? ` by ${r.createdByName}` : ''}`,
            },
          ]}
        />
        <h2 className="govuk-heading-m">What the agency is asked</h2>
        <InsetText>
          <LongText text={r.question} />
        </InsetText>
        <h3 className="govuk-heading-s">
          {plural(r.recommendations.length, 'recommendation')} to evidence the response to
        </h3>
        <ul className="govuk-list govuk-list--bullet">
          {r.recommendations.map((x) => (
            <li key={x.id}>
              <Link to={`/register/recommendations/${x.id}`} className="govuk-link">
                {recommendationReference(x.number)} {x.title}
              </Link>{' '}
              <span className="app-impact-muted">
                ({RECOMMENDATION_STATUS_LABELS[x.status].toLowerCase()})
              </span>
            </li>
          ))}
        </ul>

        <Section id="answer" title={`${r.agency.name}’s answer`}>
          {r.answer ? (
            <SummaryList
              rows={[
                { key: 'Answer', value: <LongText text={r.answer} /> },
                {
                  key: 'Answered',
                  value: `${formatDateTime(r.answeredAt)}${r.answeredByName ? ` by ${r.answeredByName}` : ''}`,
                },
                // The lead changing the answer has the files, with Remove, in the form below.
                ...(answering ? [] : [{ key: 'Evidence files', value: <AnswerFilesShown request={r} /> }]),
              ]}
            />
          ) : (
            <>
              <p className="govuk-body">Not answered yet.</p>
              {!answering && r.answerFiles.length > 0 ? (
                <SummaryList rows={[{ key: 'Evidence files', value: <AnswerFilesShown request={r} /> }]} />
              ) : null}
            </>
          )}
          {answering ? <AnswerForm request={r} /> : null}
        </Section>

        <Section id="judgement" title="Judgement">
          {r.judgement ? (
            <SummaryList
              rows={[
                { key: 'Judgement', value: <AssuranceJudgementTag judgement={r.judgement} /> },
                { key: 'Reasons', value: <LongText text={r.judgementReasons} /> },
                { key: 'Date of the judgement', value: formatDate(r.judgedOn) },
                { key: 'Recorded by', value: r.judgedByName ?? 'Not known' },
              ]}
            />
          ) : r.allowedVerbs.includes('judge') && r.answeredAt ? (
            <JudgementForm
              apiPath={`assurance-requests/${r.id}/judgement`}
              version={r.version}
              draftKey={`assurance-judgement:${r.id}`}
              judgements={ASSURANCE_JUDGEMENTS}
              labels={ASSURANCE_JUDGEMENT_LABELS}
              legend="Is the QA group assured by the answer?"
              choiceMessage="Select assured, partly assured or not assured"
              reasonsHint="What in the answer and its evidence files supports it"
              refresh={refresh}
              doneTo={`/register/assurance-requests/${r.id}`}
            />
          ) : (
            <p className="govuk-body">
              Not judged yet. The QA group judges the answer once the agency has given it.
            </p>
          )}
        </Section>

        <div className="govuk-!-margin-top-8">
          <RemindersSent itemType="assurance_request" itemId={r.id} />
        </div>
      </div>
    </div>
  );
}

const filePath = (r: AssuranceRequest, fileId: string) => `assurance-requests/${r.id}/answer/files/${fileId}`;

/** The answer's files as sent, to read and download. */
function AnswerFilesShown({ request: r }: { request: AssuranceRequest }) {
  const { path } = usePartnership();
  return (
    <EvidenceFileList
      id="answer-files-shown"
      files={r.answerFiles}
      pathOf={(f) => path(filePath(r, f.id))}
      empty={<span className="app-impact-muted">None sent</span>}
    />
  );
}

type AnswerValues = { answer: string; version: number };

/**
 * The agency lead's answer and its evidence files. A save against a version someone else has changed
 * meanwhile shows both answers side by side; nothing is overwritten until the lead chooses.
 */
function AnswerForm({ request: r }: { request: AssuranceRequest }) {
  const { path } = usePartnership();
  const refresh = useRefreshRegister(ASSURANCE_REQUESTS);
  const goTo = useNavigateWithFlash();
  const form = useForm<AnswerValues>({
    initial: { answer: r.answer ?? '', version: r.version },
    draftKey: `assurance-answer:${r.id}`,
    fieldOrder: ['answer'],
  });
  useErrorTitlePrefix(form.hasErrors);
  const sendAt = (version: number) =>
    form.submit(
      async (v) => {
        try {
          return await api.post<AssuranceRequest>(path(`assurance-requests/${r.id}/answer`), {
            answer: v.answer,
            version,
          });
        } finally {
          await refresh();
        }
      },
      (after) => {
        form.setValues((v) => ({ ...v, version: (after as AssuranceRequest).version }));
        goTo({ to: `/register/assurance-requests/${r.id}`, flash: 'Answer sent', replace: true });
      },
    );
  const fileOf = (f: { id: string }) => path(filePath(r, f.id));
  return (
    <>
      <FormFeedback form={form} />
      {form.conflict ? (
        <ConflictPanel
          conflict={form.conflict}
          fields={[
            {
              name: 'answer',
              label: 'Answer',
              show: (value) => <LongText text={value ? String(value) : null} />,
            },
          ]}
          values={form.values}
          pending={form.pending}
          onKeepMine={() => void sendAt(Number(form.conflict?.current.version ?? 0))()}
          onUseTheirs={() => {
            const cur = form.conflict!.current;
            form.setValues({ answer: String(cur.answer ?? ''), version: Number(cur.version ?? 0) });
            form.dismissConflict();
          }}
        />
      ) : null}
      <form onSubmit={sendAt(form.values.version)} noValidate>
        <Textarea
          {...form.field('answer')}
          label={r.answer ? 'Change your agency’s answer' : 'Your agency’s answer'}
          labelSize="s"
          hint="What the agency has done in response to each recommendation, and the evidence that it has made a difference. You can change it until the QA group judges it."
          rows={8}
          spellCheck
        />
        <Button pending={form.pending}>{r.answer ? 'Save the changed answer' : 'Send the answer'}</Button>
      </form>
      <EvidenceFiles
        id="answer-files"
        legend="Evidence files (optional)"
        hint="For example audit results, supervision records or minutes. Each file is kept as soon as it is uploaded, and the QA group sees it with your answer. You can remove files until the answer is judged."
        files={r.answerFiles}
        pathOf={fileOf}
        uploadLabel="Add an evidence file"
        uploadPath={path(`assurance-requests/${r.id}/answer/files`)}
        removePath={fileOf}
        onAdded={refresh}
        onRemoved={refresh}
      />
    </>
  );
}
