import { Link, useParams } from 'react-router';
import {
  RECOMMENDATION_STATUS_LABELS,
  recommendationReference,
  SCRUTINY_KIND_LABELS,
  SCRUTINY_KINDS,
  SCRUTINY_STATUS_LABELS,
  SCRUTINY_STATUSES,
  type ScrutinyKind,
  type ScrutinyStatus,
} from '../../../../contracts/recommendations';
import { api } from '../../app/api';
import { InlineLoadError, LoadError, Loading } from '../../app/error-pages';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { ButtonLink } from '../../components/button';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { changeLinks } from '../common/change-links';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { FilterSelects, LongText, ScrutinyStatusTag, Section, validFilter } from './impact-parts';
import { SCRUTINY_REVIEWS, useRefreshRegister, useRegisterRoles, useScrutinyReview } from './impact-queries';
import type { ScrutinyReview, ScrutinySummary } from './impact-types';

const notSet = <span className="app-impact-muted">Not set</span>;

/** /register/scrutiny: the scrutiny plan. */
export function ScrutinyPlanPage() {
  const flash = useFlash();
  const { writesScrutiny } = useRegisterRoles();
  const { list, query } = useListPage<ScrutinySummary, 'kind' | 'status' | 'show'>({
    resource: SCRUTINY_REVIEWS,
    title: 'Scrutiny plan',
    extraKeys: ['kind', 'status', 'show'],
    filters: ({ extra }) => ({
      kind: validFilter(extra.kind, SCRUTINY_KINDS),
      status: validFilter(extra.status, SCRUTINY_STATUSES),
      includeInactive: extra.show === 'all' ? 'true' : undefined,
    }),
  });
  if (query.isPending) return <Loading what="scrutiny plan" />;
  if (query.error) return <LoadError error={query.error} />;
  return (
    <>
      <BackLink to="/register">Back to the register</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Scrutiny plan</h1>
      <p className="govuk-body">
        The topics the partnership’s independent scrutiny looks at this year, and its internal and external
        peer reviews. Their recommendations go into the register.
      </p>
      {writesScrutiny ? (
        <ButtonLink to="/register/scrutiny/new">Add a topic or peer review</ButtonLink>
      ) : null}
      <FilterSelects
        key={list.key}
        label="Filter the scrutiny plan"
        hrefWith={list.hrefWith}
        values={{
          kind: validFilter(list.extra.kind, SCRUTINY_KINDS),
          status: validFilter(list.extra.status, SCRUTINY_STATUSES),
          show: list.extra.show === 'all' ? 'all' : '',
        }}
        filters={[
          {
            key: 'kind',
            label: 'Kind',
            any: 'All kinds',
            options: SCRUTINY_KINDS.map((k) => ({ value: k, text: SCRUTINY_KIND_LABELS[k] })),
          },
          {
            key: 'status',
            label: 'Status',
            any: 'Any status',
            options: SCRUTINY_STATUSES.map((s) => ({ value: s, text: SCRUTINY_STATUS_LABELS[s] })),
          },
          {
            key: 'show',
            label: 'Deactivated',
            any: 'Leave out',
            options: [{ value: 'all', text: 'Include' }],
          },
        ]}
      />
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="topic or review"
        nounPlural="topics and reviews"
        empty={<InsetText>Nothing in the plan matches.</InsetText>}
      >
        {(items) => (
          <Table<ScrutinySummary>
            caption="Scrutiny topics and peer reviews, soonest planned first"
            captionHidden
            rows={items}
            rowKey={(r) => r.id}
            columns={[
              {
                header: 'Title',
                cell: (r) => (
                  <>
                    <Link to={`/register/scrutiny/${r.id}`} className="govuk-link">
                      {r.title}
                    </Link>
                    {r.active ? null : (
                      <>
                        {' '}
                        <ActiveTag active={false} />
                      </>
                    )}
                  </>
                ),
              },
              { header: 'Kind', cell: (r) => SCRUTINY_KIND_LABELS[r.kind] },
              { header: 'Lead', cell: (r) => r.lead?.name ?? notSet },
              { header: 'Status', cell: (r) => <ScrutinyStatusTag status={r.status} /> },
              { header: 'Planned', cell: (r) => (r.plannedOn ? formatDate(r.plannedOn) : notSet) },
              { header: 'Reported', cell: (r) => (r.reportedOn ? formatDate(r.reportedOn) : notSet) },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

type Values = {
  kind: string;
  title: string;
  scope: string;
  leadKind: string;
  leadPersonId: string;
  leadName: string;
  status: string;
  plannedOn: string;
  reportedOn: string;
  findings: string;
  version: number;
};

const valuesOf = (r: Partial<Record<keyof Values, unknown>>): Values => ({
  kind: String(r.kind ?? ''),
  title: String(r.title ?? ''),
  scope: String(r.scope ?? ''),
  leadKind: r.leadPersonId ? 'person' : r.leadName ? 'external' : 'none',
  leadPersonId: String(r.leadPersonId ?? ''),
  leadName: String(r.leadName ?? ''),
  status: String(r.status ?? 'planned'),
  plannedOn: String(r.plannedOn ?? ''),
  reportedOn: String(r.reportedOn ?? ''),
  findings: String(r.findings ?? ''),
  version: Number(r.version ?? 0),
});

const fromReview = (r: ScrutinyReview): Values =>
  valuesOf({
    ...r,
    leadPersonId: r.lead?.personId ?? null,
    leadName: r.lead && !r.lead.personId ? r.lead.name : null,
  });

/** Add a topic or peer review to the plan, or change one. */
function ScrutinyForm({ review }: { review?: ScrutinyReview }) {
  const { path, partnershipId } = usePartnership();
  const refresh = useRefreshRegister(SCRUTINY_REVIEWS);
  const people = usePeopleOptions();
  const form = useEntityForm<Values, ScrutinyReview>({
    title: review ? `Change ${review.title}` : 'Add a topic or peer review',
    initial: review ? fromReview(review) : valuesOf({}),
    draftKey: review ? `scrutiny:${review.id}` : `scrutiny:new:${partnershipId}`,
    fieldOrder: [
      'kind',
      'title',
      'scope',
      'leadKind',
      'leadPersonId',
      'leadName',
      'status',
      'plannedOn',
      'reportedOn',
      'findings',
    ],
    choiceMessages: { kind: 'Select the kind of review' },
    save: async (v, version) => {
      const body = {
        kind: v.kind || undefined,
        title: v.title,
        scope: v.scope.trim() || null,
        leadPersonId: v.leadKind === 'person' ? v.leadPersonId || null : null,
        leadName: v.leadKind === 'external' ? v.leadName.trim() || null : null,
        status: v.status,
        plannedOn: v.plannedOn || null,
        reportedOn: v.reportedOn || null,
        findings: v.findings.trim() || null,
      };
      const saved = review
        ? await api.put<ScrutinyReview>(path(`scrutiny-reviews/${review.id}`), { ...body, version })
        : await api.post<ScrutinyReview>(path('scrutiny-reviews'), body);
      await refresh();
      return saved;
    },
    done: (saved) =>
      review
        ? { to: `/register/scrutiny/${saved.id}`, flash: 'Changes saved' }
        : { to: '/register/scrutiny', flash: `${saved.title} added to the scrutiny plan` },
  });
  const leadOptions = (people.data ?? [])
    .filter((p) => p.active)
    .map((p) => ({ value: p.id, text: personOptionText(p) }));
  if (review?.lead?.personId && !leadOptions.some((o) => o.value === review.lead!.personId))
    leadOptions.push({ value: review.lead.personId, text: `${review.lead.name} (no longer a member)` });
  const backTo = review ? `/register/scrutiny/${review.id}` : '/register/scrutiny';
  const showDate = (v: unknown) => (v ? formatDate(String(v)) : 'Not set');
  return (
    <FormPage
      form={form}
      backTo={backTo}
      caption="Scrutiny plan"
      submitText={review ? 'Save changes' : 'Add to the plan'}
      conflict={
        review
          ? {
              fields: [
                { name: 'title', label: 'Title' },
                {
                  name: 'kind',
                  label: 'Kind',
                  show: (v) => SCRUTINY_KIND_LABELS[v as ScrutinyKind] ?? String(v ?? ''),
                },
                { name: 'scope', label: 'Scope' },
                {
                  name: 'status',
                  label: 'Status',
                  show: (v) => SCRUTINY_STATUS_LABELS[v as ScrutinyStatus] ?? String(v ?? ''),
                },
                { name: 'plannedOn', label: 'Planned for', show: showDate },
                { name: 'reportedOn', label: 'Reported on', show: showDate },
                { name: 'findings', label: 'Findings' },
              ],
              fromSaved: (c) => valuesOf(c),
            }
          : undefined
      }
    >
      <Radios
        {...form.field('kind')}
        legend="Kind"
        legendSize="s"
        items={SCRUTINY_KINDS.map((k) => ({ value: k, text: SCRUTINY_KIND_LABELS[k] }))}
      />
      <TextInput
        {...form.field('title')}
        label="Title"
        labelSize="s"
        hint="For example, Thresholds and decision-making for adults at risk"
        spellCheck
      />
      <Textarea
        {...form.field('scope')}
        label="Scope (optional)"
        labelSize="s"
        hint="What it looks at, and how: case files, conversations with practitioners, data"
        rows={4}
        spellCheck
      />
      {people.error ? <InlineLoadError error={people.error} what="the people in the partnership" /> : null}
      <Radios
        {...form.field('leadKind')}
        legend="Who leads it?"
        legendSize="s"
        items={[
          {
            value: 'person',
            text: 'Someone who uses Assure',
            conditional: (
              <Select
                {...form.field('leadPersonId')}
                label="Lead"
                placeholder="Choose the lead"
                options={leadOptions}
                className="app-full-width"
              />
            ),
          },
          {
            value: 'external',
            text: 'An external reviewer',
            conditional: (
              <TextInput
                {...form.field('leadName')}
                label="Lead’s name and organisation"
                hint="For example, a peer reviewer from a neighbouring partnership"
              />
            ),
          },
          { value: 'none', text: 'No lead yet' },
        ]}
      />
      <Select
        {...form.field('status')}
        label="Status"
        labelSize="s"
        options={SCRUTINY_STATUSES.map((s) => ({ value: s, text: SCRUTINY_STATUS_LABELS[s] }))}
      />
      <TextInput
        {...form.field('plannedOn')}
        label="Planned for (optional)"
        labelSize="s"
        type="date"
        className="app-date-input"
      />
      <TextInput
        {...form.field('reportedOn')}
        label="Reported on"
        labelSize="s"
        hint="Needed once it has reported"
        type="date"
        className="app-date-input"
      />
      <Textarea
        {...form.field('findings')}
        label="Findings (optional)"
        labelSize="s"
        hint="What it found. Add its recommendations to the register from its page."
        rows={6}
        spellCheck
      />
    </FormPage>
  );
}

export function NewScrutinyPage() {
  return <ScrutinyForm />;
}

const useReview = () => useScrutinyReview(useParams().scrutinyReviewId ?? '');

export function EditScrutinyPage() {
  const query = useReview();
  return (
    <Loaded query={query} what="topic or review">
      {(review) => <ScrutinyForm review={review} />}
    </Loaded>
  );
}

/** /register/scrutiny/:scrutinyReviewId */
export function ScrutinyReviewPage() {
  const query = useReview();
  return (
    <Loaded query={query} what="topic or review">
      {(review) => <ScrutinyDetail review={review} />}
    </Loaded>
  );
}

function ScrutinyDetail({ review: r }: { review: ScrutinyReview }) {
  usePageTitle(r.title);
  const flash = useFlash();
  const { path } = usePartnership();
  const refresh = useRefreshRegister(SCRUTINY_REVIEWS);
  const writes = r.allowedVerbs.includes('write');
  const change = changeLinks(writes && r.active ? `/register/scrutiny/${r.id}/edit` : null);
  const addHref = `/register/recommendations/new?sourceType=scrutiny_review&sourceId=${r.id}&sourceKind=${
    r.kind === 'scrutiny_topic' ? 'independent_scrutiny' : 'peer_review'
  }`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/register/scrutiny">Back to the scrutiny plan</BackLink>
        {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
        <span className="govuk-caption-l">{SCRUTINY_KIND_LABELS[r.kind]}</span>
        <h1 className="govuk-heading-l">{r.title}</h1>
        <p className="govuk-body">
          <ScrutinyStatusTag status={r.status} />
          {r.active ? null : (
            <>
              {' '}
              <ActiveTag active={false} />
            </>
          )}
        </p>
        <SummaryList
          rows={[
            { key: 'Kind', value: SCRUTINY_KIND_LABELS[r.kind], actions: change('kind') },
            { key: 'Status', value: SCRUTINY_STATUS_LABELS[r.status], actions: change('status') },
            { key: 'Lead', value: r.lead?.name ?? notSet, actions: change('lead') },
            {
              key: 'Planned for',
              value: r.plannedOn ? formatDate(r.plannedOn) : notSet,
              actions: change('planned date'),
            },
            {
              key: 'Reported on',
              value: r.reportedOn ? formatDate(r.reportedOn) : notSet,
              actions: change('date it reported'),
            },
            { key: 'Scope', value: <LongText text={r.scope} empty="Not set" />, actions: change('scope') },
            {
              key: 'Findings',
              value: <LongText text={r.findings} empty="None recorded yet" />,
              actions: change('findings'),
            },
          ]}
        />

        <Section id="recommendations" title="Recommendations from this review">
          {r.recommendations.length === 0 ? (
            <p className="govuk-body">No recommendations in the register come from it yet.</p>
          ) : (
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
          )}
          {writes && r.active ? (
            <p className="govuk-body">
              <Link to={addHref} className="govuk-link">
                Add a recommendation from this review
              </Link>
            </p>
          ) : null}
        </Section>

        {writes ? (
          r.active ? (
            <Section id="deactivate" title="Take it out of the plan">
              <p className="govuk-body">
                If it will not go ahead and should not be listed. Nothing is deleted, and it can be put back.
              </p>
              <ButtonLink to={`/register/scrutiny/${r.id}/deactivate`} variant="warning">
                Deactivate
              </ButtonLink>
            </Section>
          ) : (
            <div className="govuk-!-margin-top-8">
              <InlineAction
                heading="Put it back in the plan"
                buttonText="Reactivate"
                onAction={async () => {
                  await api.post(path(`scrutiny-reviews/${r.id}/reactivate`));
                  await refresh();
                }}
                done={{ to: `/register/scrutiny/${r.id}`, flash: `${r.title} reactivated`, replace: true }}
              >
                <p className="govuk-body">It is deactivated, so the plan leaves it out.</p>
              </InlineAction>
            </div>
          )
        ) : null}
      </div>
    </div>
  );
}

/** /register/scrutiny/:scrutinyReviewId/deactivate */
export function DeactivateScrutinyPage() {
  const query = useReview();
  const { path } = usePartnership();
  const refresh = useRefreshRegister(SCRUTINY_REVIEWS);
  return (
    <Loaded query={query} what="topic or review">
      {(r) => (
        <ConfirmAction
          title={`Deactivate ${r.title}?`}
          caption="Scrutiny plan"
          confirmText="Deactivate"
          cancelTo={`/register/scrutiny/${r.id}`}
          onConfirm={async () => {
            await api.post(path(`scrutiny-reviews/${r.id}/deactivate`));
            await refresh();
          }}
          done={{ to: '/register/scrutiny', flash: `${r.title} deactivated` }}
        >
          <p className="govuk-body">It leaves the scrutiny plan. Nothing is deleted:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>its scope and findings are kept</li>
            <li>recommendations that came from it stay in the register, linked to it</li>
            <li>you can reactivate it from its page</li>
          </ul>
        </ConfirmAction>
      )}
    </Loaded>
  );
}
