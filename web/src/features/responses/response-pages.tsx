import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type MouseEvent, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { RESPONSE_STATUS_LABELS, SECTION_STATUS_LABELS } from '../../../../contracts/responses';
import { ApiError, api, type FieldErrors, queryString } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import type { Page } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { Tag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { useAgencyOptions } from '../common/agency-options';
import { useFlash, useNavigateWithFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { usePartnershipRecord } from '../common/queries';
import { RemindersSent } from '../notifications/reminders-sent';
import { answerText } from './form-engine/answer-text';
import {
  ConflictResolver,
  DeviceCopyBanner,
  errorHref,
  SaveStatusLine,
  SectionQuestions,
} from './form-engine/engine-parts';
import { DateInput } from './form-engine/question-field';
import { ResponseFormProvider, useResponseForm } from './form-engine/response-form';
import { allQuestions, fieldId, sectionStatuses, visibleQuestionIds } from './form-engine/rules';
import type { ResponseDetail, ResponseSummary } from './types';

const statusTag = (r: Pick<ResponseSummary, 'status'>) =>
  r.status === 'submitted' ? (
    <Tag colour="green">Submitted</Tag>
  ) : (
    <Tag colour="blue">{RESPONSE_STATUS_LABELS.draft}</Tag>
  );

// ---------------------------------------------------------------------------------------------
// The list

export function ResponsesPage() {
  const flash = useFlash();
  const { isAdmin, roles } = useSession();
  const canSend = isAdmin || roles.includes('qa_group_member');
  const { list, query } = useListPage<ResponseSummary, 'status' | 'mine'>({
    resource: 'responses',
    title: 'Forms',
    extraKeys: ['status', 'mine'],
    filters: (l) => ({ status: l.extra.status || undefined, mine: l.extra.mine || undefined }),
  });
  if (query.isPending) return <Loading what="forms" />;
  if (query.error) return <LoadError error={query.error} />;
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Forms</h1>
      <p className="govuk-body">
        Requests to complete an audit tool or return, and the forms you can see. Answers are saved as you
        type.
      </p>
      {canSend ? <ButtonLink to="/requests/new">Send a request</ButtonLink> : null}
      <nav aria-label="Filter forms" className="govuk-!-margin-bottom-4">
        <ul className="govuk-list app-inline-list">
          {[
            { text: 'All', href: list.hrefWith({ status: '', page: '' }), on: !list.extra.status },
            {
              text: 'Not submitted',
              href: list.hrefWith({ status: 'draft', page: '' }),
              on: list.extra.status === 'draft',
            },
            {
              text: 'Submitted',
              href: list.hrefWith({ status: 'submitted', page: '' }),
              on: list.extra.status === 'submitted',
            },
          ].map((f) => (
            <li key={f.text} className="govuk-!-display-inline-block govuk-!-margin-right-4">
              <Link className="govuk-link" to={f.href} aria-current={f.on ? 'true' : undefined}>
                {f.on ? <strong>{f.text}</strong> : f.text}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="form"
        empty={<p className="govuk-body">There are no forms for you here yet.</p>}
      >
        {(items) => (
          <Table<ResponseSummary>
            caption="Forms"
            captionHidden
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              {
                header: 'Title',
                cell: (r) => (
                  <Link className="govuk-link" to={`/responses/${r.id}`}>
                    {r.title}
                  </Link>
                ),
              },
              {
                header: 'For',
                cell: (r) => [r.agency?.name, r.assignee?.name].filter(Boolean).join(', '),
              },
              { header: 'Status', cell: statusTag },
              {
                header: 'Due',
                cell: (r) => (r.dueOn ? formatDate(r.dueOn) : <span className="app-muted">No date</span>),
              },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Sending a request

type TemplateOption = { id: string; title: string; latestPublishedNumber: number | null; active: boolean };

export function NewRequestPage() {
  const { path, partnershipId } = usePartnership();
  const [params] = useSearchParams();
  const activityId = params.get('activityId');
  const goTo = useNavigateWithFlash();
  const templates = useQuery({
    queryKey: [partnershipId, 'audit-templates', 'published-options'],
    queryFn: () => api.get<Page<TemplateOption>>(path(`audit-templates${queryString({ pageSize: 100 })}`)),
  });
  const agencies = useAgencyOptions();
  const people = usePeopleOptions();
  const form = useForm({
    initial: { templateId: '', to: '', agencyId: '', assigneePersonId: '', title: '', dueOn: '' },
    draftKey: `request:new:${partnershipId}`,
    fieldOrder: ['templateId', 'to', 'agencyId', 'assigneePersonId', 'title', 'dueOn'],
    validate: (v): FieldErrors =>
      v.to ? {} : { to: 'Choose whether to send this to an agency or a person' },
  });
  usePageTitle('Send a request', form.hasErrors);
  const published = (templates.data?.items ?? []).filter((t) => t.active && t.latestPublishedNumber !== null);
  const { values, field } = form;

  const save = form.submit(
    async (v) => {
      const created = await api.post<ResponseDetail>(path('responses'), {
        templateId: v.templateId || undefined,
        title: v.title,
        dueOn: v.dueOn || null,
        agencyId: v.to === 'agency' ? v.agencyId || null : null,
        assigneePersonId: v.to === 'person' ? v.assigneePersonId || null : null,
        activityId: activityId || null,
      });
      return created;
    },
    (created) => goTo({ to: `/responses/${(created as ResponseDetail).id}`, flash: 'Request sent' }),
  );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/responses" />
        <FormFeedback form={form} />
        <h1 className="govuk-heading-l">Send a request</h1>
        <p className="govuk-body">
          The agency’s lead, or the person you choose, will see it under Forms and can start answering at
          once.
        </p>
        <form onSubmit={save} noValidate>
          <Select
            {...field('templateId')}
            label="Audit tool"
            hint="Only audit tools with a published version can be sent. The request keeps that version."
            placeholder={templates.isPending ? 'Loading audit tools…' : 'Choose an audit tool'}
            options={published.map((t) => ({
              value: t.id,
              text: `${t.title} (version ${t.latestPublishedNumber})`,
            }))}
          />
          <Radios
            id="to"
            legend="Who is it for?"
            legendSize="s"
            error={form.errors.to}
            value={values.to}
            onChange={(v) => form.setValue('to', v)}
            items={[
              {
                value: 'agency',
                text: 'An agency',
                hint: 'Its agency lead answers it, or passes it on',
                conditional: (
                  <Select
                    {...field('agencyId')}
                    label="Agency"
                    placeholder="Choose an agency"
                    options={(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
                  />
                ),
              },
              {
                value: 'person',
                text: 'A named person',
                conditional: (
                  <Select
                    {...field('assigneePersonId')}
                    label="Person"
                    placeholder="Choose a person"
                    options={(people.data ?? [])
                      .filter((p) => p.active)
                      .map((p) => ({ value: p.id, text: personOptionText(p) }))}
                  />
                ),
              },
            ]}
          />
          <TextInput
            {...field('title')}
            label="Title"
            hint="For example, Neglect dip sample: Northshire Police"
            spellCheck
          />
          <DateInput
            id="dueOn"
            legend="Due date (optional)"
            hint="For example, 31 7 2026"
            error={form.errors.dueOn}
            value={values.dueOn}
            onChange={(v) => form.setValue('dueOn', v)}
          />
          <ButtonGroup>
            <Button pending={form.pending} pendingText="Sending…">
              Send request
            </Button>
            <Link to="/responses" className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------
// One response: the layout every page of it shares

/** Loads the response once and keeps its answers (and autosave) across its task list, sections and check page. */
export function ResponseLayout() {
  const { responseId = '' } = useParams();
  const query = usePartnershipRecord<ResponseDetail>('responses', responseId);
  return (
    <Loaded query={query} what="form">
      {(response) => (
        <ResponseFormProvider key={`${response.id}:${response.status}`} response={response}>
          <ConflictResolver />
          <DeviceCopyBanner />
          <Outlet />
        </ResponseFormProvider>
      )}
    </Loaded>
  );
}

const caption = (r: ResponseDetail) => (
  <span className="govuk-caption-l">
    {r.template.title}
    {r.agency ? ` · ${r.agency.name}` : ''}
  </span>
);

/** The task list: one row per section with its status, then Check and submit. */
export function ResponseTaskListPage() {
  const form = useResponseForm();
  const flash = useFlash();
  const { response, definition, answers, carryForward, editable } = form;
  usePageTitle(response.title);
  const statuses = useMemo(
    () => sectionStatuses(definition, answers, response.previousAnswers, carryForward),
    [definition, answers, carryForward, response.previousAnswers],
  );
  if (!editable) return <ReadOnlyResponse flash={flash?.heading} />;
  const done = definition.sections.filter((s) => statuses[s.id] === 'completed').length;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/responses">Back to forms</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        {caption(response)}
        <h1 className="govuk-heading-l">{response.title}</h1>
        <SaveStatusLine />
        {response.dueOn ? <p className="govuk-body">Due by {formatDate(response.dueOn)}.</p> : null}
        {definition.description ? <p className="govuk-body">{definition.description}</p> : null}
        <p className="govuk-body">
          You have completed {done} of {definition.sections.length} sections.
        </p>
        <ul className="govuk-task-list">
          {definition.sections.map((s) => {
            const status = statuses[s.id];
            const statusId = `section-${s.id}-status`;
            return (
              <li key={s.id} className="govuk-task-list__item govuk-task-list__item--with-link">
                <div className="govuk-task-list__name-and-hint">
                  <Link
                    className="govuk-link govuk-task-list__link"
                    to={`/responses/${response.id}/sections/${encodeURIComponent(s.id)}`}
                    aria-describedby={statusId}
                  >
                    {s.title}
                  </Link>
                </div>
                <div className="govuk-task-list__status" id={statusId}>
                  {status === 'completed' ? (
                    SECTION_STATUS_LABELS.completed
                  ) : (
                    <strong
                      className={`govuk-tag ${status === 'in_progress' ? 'govuk-tag--light-blue' : 'govuk-tag--blue'}`}
                    >
                      {SECTION_STATUS_LABELS[status]}
                    </strong>
                  )}
                </div>
              </li>
            );
          })}
          <li className="govuk-task-list__item govuk-task-list__item--with-link">
            <div className="govuk-task-list__name-and-hint">
              <Link
                className="govuk-link govuk-task-list__link"
                to={`/responses/${response.id}/check`}
                aria-describedby="check-status"
              >
                Check and submit
              </Link>
            </div>
            <div className="govuk-task-list__status" id="check-status">
              <strong className="govuk-tag govuk-tag--blue">Not yet submitted</strong>
            </div>
          </li>
        </ul>
        <RemindersSent itemType="form_response" itemId={response.id} />
      </div>
    </div>
  );
}

/** Someone who reads but does not answer it, or a submitted form: every visible answer. */
function ReadOnlyResponse({ flash }: { flash?: string }) {
  const { response, definition, answers, files } = useResponseForm();
  const visible = visibleQuestionIds(definition, response.answers);
  return (
    <>
      <BackLink to="/responses">Back to forms</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash} /> : null}
      {caption(response)}
      <h1 className="govuk-heading-l">{response.title}</h1>
      <SummaryList
        rows={[
          { key: 'Status', value: statusTag(response) },
          ...(response.submittedAt
            ? [
                {
                  key: 'Submitted',
                  value: `${formatDateTime(response.submittedAt)}${response.submittedBy ? ` by ${response.submittedBy.name}` : ''}`,
                },
              ]
            : []),
          ...(response.dueOn ? [{ key: 'Due', value: formatDate(response.dueOn) }] : []),
          ...(response.lastSavedAt && response.status === 'draft'
            ? [
                {
                  key: 'Last saved',
                  value: `${formatDateTime(response.lastSavedAt)}${response.lastSavedBy ? ` by ${response.lastSavedBy.name}` : ''}`,
                },
              ]
            : []),
        ]}
      />
      {definition.sections.map((s) => (
        <section key={s.id}>
          <h2 className="govuk-heading-m">{s.title}</h2>
          <SummaryList
            rows={s.questions
              .filter((q) => visible.has(q.id))
              .map((q) => ({ key: q.text, value: answerText(q, answers[q.id], definition, files) }))}
          />
        </section>
      ))}
      <RemindersSent itemType="form_response" itemId={response.id} />
    </>
  );
}

/** Error summary links that lead to another page of the app are followed in the app, not by reloading. */
function useInAppLinks() {
  const navigate = useNavigate();
  return (e: MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest('a');
    const href = a?.getAttribute('href');
    if (!href?.startsWith('/')) return;
    e.preventDefault();
    navigate(href);
  };
}

/** One section's questions: the form engine's renderer. */
export function ResponseSectionPage() {
  const form = useResponseForm();
  const { sectionId = '' } = useParams();
  const location = useLocation();
  const navigate = useNavigate();
  const { response, definition, answers, submitErrors, editable } = form;
  const index = definition.sections.findIndex((s) => s.id === sectionId);
  const section = definition.sections[index];
  const visible = useMemo(() => visibleQuestionIds(definition, answers), [definition, answers]);
  const errors: FieldErrors = useMemo(() => {
    if (!section) return {};
    const ids = new Set(section.questions.filter((q) => visible.has(q.id)).map((q) => q.id));
    return Object.fromEntries(Object.entries(submitErrors).filter(([id]) => ids.has(id)));
  }, [section, submitErrors, visible]);
  const summary = Object.entries(errors).map(([id, text]) => ({
    text,
    href: errorHref(definition, id, text),
  }));
  usePageTitle(section ? section.title : 'Page not found', summary.length > 0);
  const [pending, setPending] = useState(false);

  // Arriving from an error summary link on the check page: go to the field.
  // biome-ignore lint/correctness/useExhaustiveDependencies: once per arrival
  useEffect(() => {
    const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!target) return;
    const legend = target.closest('fieldset')?.querySelector('legend');
    (legend ?? target).scrollIntoView();
    target.focus({ preventScroll: true });
  }, [location.key]);

  // Leaving the section saves what is waiting.
  useEffect(() => () => void form.flush(), [form.flush]);

  if (!editable) return <ReadOnlyResponse />;
  if (!section) {
    return (
      <>
        <h1 className="govuk-heading-l">Page not found</h1>
        <p className="govuk-body">
          This form has no such section.{' '}
          <Link to={`/responses/${response.id}`} className="govuk-link">
            Go to the form’s task list
          </Link>
          .
        </p>
      </>
    );
  }
  const next = definition.sections[index + 1];
  const nextUrl = next
    ? `/responses/${response.id}/sections/${encodeURIComponent(next.id)}`
    : `/responses/${response.id}/check`;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full app-section-page">
        <BackLink to={`/responses/${response.id}`}>Back to the task list</BackLink>
        {summary.length > 0 ? <ErrorSummary items={summary} /> : null}
        <span className="govuk-caption-l">
          {response.title} · Section {index + 1} of {definition.sections.length}
        </span>
        <h1 className="govuk-heading-l">{section.title}</h1>
        {section.description ? <p className="govuk-body">{section.description}</p> : null}
        <SaveStatusLine />
        <form
          noValidate
          onSubmit={async (e) => {
            e.preventDefault();
            setPending(true);
            try {
              await form.flush();
            } finally {
              setPending(false);
            }
            // Saved or kept on the device: either way nothing is lost by moving on.
            navigate(nextUrl);
          }}
        >
          <SectionQuestions section={section} errors={errors} />
          <ButtonGroup>
            <Button pending={pending} pendingText="Saving…">
              Save and continue
            </Button>
            <Link to={`/responses/${response.id}`} className="govuk-link">
              Back to the task list
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

/** Check answers, then submit; the error summary links to each field that needs attention. */
export function ResponseCheckPage() {
  const form = useResponseForm();
  const { path, partnershipId } = usePartnership();
  const goTo = useNavigateWithFlash();
  const onSummaryClick = useInAppLinks();
  const { response, definition, answers, files, submitErrors, setSubmitErrors, editable } = form;
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const visible = useMemo(() => visibleQuestionIds(definition, answers), [definition, answers]);
  const order = allQuestions(definition).map((q) => q.id);
  const summary = order
    .filter((id) => submitErrors[id])
    .map((id) => ({
      text: submitErrors[id],
      href: errorHref(definition, id, submitErrors[id], `/responses/${response.id}`),
    }));
  usePageTitle('Check your answers', summary.length > 0 || problem !== null);
  const queryClient = useQueryClient();

  if (!editable) return <ReadOnlyResponse />;

  const submit = async () => {
    if (pending) return;
    setPending(true);
    setProblem(null);
    try {
      const saved = await form.flush();
      if (!saved) {
        setProblem(
          'Your latest answers have not reached Assure yet, so the form cannot be submitted. They are kept on this device. Check your connection and try again.',
        );
        setAttempt((n) => n + 1);
        return;
      }
      await api.post(path(`responses/${response.id}/submit`), { version: form.version() });
      setSubmitErrors({});
      await queryClient.invalidateQueries({ queryKey: [partnershipId, 'responses'] });
      goTo({ to: `/responses/${response.id}`, flash: 'Form submitted' });
    } catch (e) {
      if (e instanceof ApiError && e.isValidation && Object.keys(e.fields).length > 0)
        setSubmitErrors(e.fields);
      else if (e instanceof ApiError && e.status === 0)
        setProblem(
          'Assure could not be reached. Check your connection and try again. Your answers are kept.',
        );
      else
        setProblem(
          e instanceof ApiError ? e.message : 'Sorry, there is a problem with the service. Try again.',
        );
      setAttempt((n) => n + 1);
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <BackLink to={`/responses/${response.id}`}>Back to the task list</BackLink>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: delegates clicks on the summary's links */}
        {/* biome-ignore lint/a11y/useKeyWithClickEvents: links fire click on Enter too */}
        <div onClick={onSummaryClick}>
          {problem ? (
            <ErrorSummary focusKey={attempt} description={<p className="govuk-body">{problem}</p>} />
          ) : (
            <ErrorSummary items={summary} focusKey={attempt} />
          )}
        </div>
        {caption(response)}
        <h1 className="govuk-heading-l">Check your answers</h1>
        <SaveStatusLine />
        {definition.sections.map((s) => {
          const shown = s.questions.filter((q) => visible.has(q.id));
          if (shown.length === 0) return null;
          return (
            <section key={s.id}>
              <h2 className="govuk-heading-m">{s.title}</h2>
              <SummaryList
                rows={shown.map((q) => ({
                  key: q.text,
                  value: answerText(q, answers[q.id], definition, files),
                  actions: [
                    <Link
                      key="change"
                      className="govuk-link"
                      to={`/responses/${response.id}/sections/${encodeURIComponent(s.id)}#${fieldId(q.id)}`}
                    >
                      Change<span className="govuk-visually-hidden"> {q.text}</span>
                    </Link>,
                  ],
                }))}
              />
            </section>
          );
        })}
        <h2 className="govuk-heading-m">Now submit</h2>
        <p className="govuk-body">Once submitted, the answers cannot be changed.</p>
        <Button type="button" onClick={() => void submit()} pending={pending} pendingText="Submitting…">
          Submit
        </Button>
      </div>
    </div>
  );
}
