import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { InlineLoadError, LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import type { Agency, Section } from '../../app/types';
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
import { changeLinks } from '../common/change-links';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { Loaded } from '../common/loaded';
import { personOptionText, usePeopleOptions } from '../common/people-options';
import { usePartnershipRecord } from '../common/queries';
import { agencyTypeLabel, agencyTypeOptions } from './agency-list-pages';

function useAgency() {
  const { agencyId = '' } = useParams();
  return { agencyId, query: usePartnershipRecord<Agency>('agencies', agencyId) };
}

function useRefreshAgencies() {
  const { partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  return (agency?: Agency) => {
    if (agency) queryClient.setQueryData([partnershipId, 'agencies', 'detail', agency.id], agency);
    return queryClient.invalidateQueries({ queryKey: [partnershipId, 'agencies'] });
  };
}

export function AgencyPage() {
  const { agencyId, query } = useAgency();
  const { path } = usePartnership();
  const { isAdmin } = useSession();
  const refresh = useRefreshAgencies();
  const flash = useFlash();
  usePageTitle(query.data ? query.data.name : null);
  if (query.isPending) return <Loading what="agency" />;
  if (query.error) return <LoadError error={query.error} />;
  const agency = query.data;
  const canManage = agency.allowedVerbs.includes('manage');
  const canManageSections = agency.allowedVerbs.includes('manageSections');
  const change = changeLinks(canManage ? `/admin/agencies/${agencyId}/edit` : null);

  return (
    <>
      {isAdmin ? (
        <BackLink to="/admin/agencies">Back to agencies</BackLink>
      ) : (
        <BackLink to="/">Back to my work</BackLink>
      )}
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <span className="govuk-caption-l">Agency</span>
      <h1 className="govuk-heading-l">{agency.name}</h1>
      <SummaryList
        rows={[
          { key: 'Name', value: agency.name, actions: change('name') },
          { key: 'Type', value: agencyTypeLabel(agency.type), actions: change('type') },
          { key: 'Status in this partnership', value: <ActiveTag active={agency.active} /> },
          {
            key: 'Partnerships',
            value:
              agency.partnershipCount > 1
                ? `Shared with ${plural(agency.partnershipCount - 1, 'other partnership')}. A change to its name or type is seen by all of them.`
                : 'This partnership only',
          },
        ]}
      />

      <h2 className="govuk-heading-m">Sections</h2>
      <p className="govuk-body">
        Large agencies split their self-assessments across sections, each answered by a named owner.
      </p>
      {agency.sections.length === 0 ? (
        <p className="govuk-body">This agency has no sections.</p>
      ) : (
        <Table<Section>
          caption={`Sections of ${agency.name}`}
          captionSize="s"
          captionHidden
          rows={agency.sections}
          rowKey={(s) => s.id}
          columns={[
            { header: 'Section', cell: (s) => s.name },
            { header: 'Owner', cell: (s) => s.ownerName ?? <span className="app-muted">No owner</span> },
            { header: 'Status', cell: (s) => <ActiveTag active={s.active} /> },
            ...(canManageSections
              ? [
                  {
                    header: <span className="govuk-visually-hidden">Action</span>,
                    cell: (s: Section) => (
                      <Link to={`/admin/agencies/${agencyId}/sections/${s.id}/edit`} className="govuk-link">
                        Change<span className="govuk-visually-hidden"> {s.name}</span>
                      </Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      )}
      {canManageSections ? (
        <ButtonLink to={`/admin/agencies/${agencyId}/sections/new`} variant="secondary">
          Add a section
        </ButtonLink>
      ) : null}

      {canManage ? (
        <>
          <h2 className="govuk-heading-m">
            {agency.active ? 'Deactivate this agency' : 'Reactivate this agency'}
          </h2>
          {agency.active ? (
            <>
              <p className="govuk-body">
                Deactivate the agency when it no longer takes part in this partnership. Its history is kept.
              </p>
              <ButtonLink to={`/admin/agencies/${agencyId}/deactivate`} variant="warning">
                Deactivate agency
              </ButtonLink>
            </>
          ) : (
            <InlineAction
              buttonText="Reactivate agency"
              onAction={async () => refresh(await api.post<Agency>(path(`agencies/${agency.id}/reactivate`)))}
              done={{ to: `/admin/agencies/${agency.id}`, flash: 'Agency reactivated', replace: true }}
            >
              <p className="govuk-body">
                The agency is deactivated in this partnership. Reactivate it to use it again.
              </p>
            </InlineAction>
          )}
        </>
      ) : null}
    </>
  );
}

function EditAgencyForm({ agency }: { agency: Agency }) {
  const { path } = usePartnership();
  const refresh = useRefreshAgencies();
  const form = useEntityForm({
    title: `Change ${agency.name}`,
    initial: { name: agency.name, type: agency.type as string, version: agency.version },
    draftKey: `agency:${agency.id}`,
    fieldOrder: ['name', 'type'],
    save: async (v, version) =>
      refresh(await api.put<Agency>(path(`agencies/${agency.id}`), { name: v.name, type: v.type, version })),
    done: () => ({ to: `/admin/agencies/${agency.id}`, flash: 'Agency details saved' }),
  });

  return (
    <FormPage
      form={form}
      backTo={`/admin/agencies/${agency.id}`}
      caption={agency.name}
      heading="Change agency details"
      intro={
        agency.partnershipCount > 1 ? (
          <InsetText>
            This agency is shared with {plural(agency.partnershipCount - 1, 'other partnership')}. They will
            see your change too.
          </InsetText>
        ) : null
      }
      submitText="Save changes"
      conflict={{
        fields: [
          { name: 'name', label: 'Name' },
          { name: 'type', label: 'Type', show: (v) => agencyTypeLabel(String(v ?? '')) },
        ],
        fromSaved: (c) => ({ name: String(c.name), type: String(c.type), version: Number(c.version) }),
      }}
    >
      <TextInput {...form.field('name')} label="Agency name" spellCheck />
      <Select {...form.field('type')} label="Type of agency" options={agencyTypeOptions} />
    </FormPage>
  );
}

export function EditAgencyPage() {
  const { query } = useAgency();
  return (
    <Loaded query={query} what="agency">
      {(agency) => <EditAgencyForm agency={agency} />}
    </Loaded>
  );
}

export function DeactivateAgencyPage() {
  const { agencyId, query } = useAgency();
  const { path } = usePartnership();
  const refresh = useRefreshAgencies();
  return (
    <Loaded query={query} what="agency">
      {(agency) => (
        <ConfirmAction
          title={`Deactivate ${agency.name}?`}
          caption="Agencies"
          confirmText="Deactivate agency"
          cancelTo={`/admin/agencies/${agencyId}`}
          onConfirm={async () => refresh(await api.post<Agency>(path(`agencies/${agencyId}/deactivate`)))}
          done={{ to: `/admin/agencies/${agencyId}`, flash: 'Agency deactivated' }}
        >
          <p className="govuk-body">Deactivating does not delete anything:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>the agency’s returns, actions and history are kept, and stay in reports</li>
            <li>it will not be offered for new work in this partnership</li>
            {agency.partnershipCount > 1 ? <li>other partnerships that share it are not affected</li> : null}
          </ul>
          <p className="govuk-body">You can reactivate it at any time.</p>
        </ConfirmAction>
      )}
    </Loaded>
  );
}

function SectionForm({ agency, section }: { agency: Agency; section?: Section }) {
  const { path } = usePartnership();
  const refresh = useRefreshAgencies();
  const people = usePeopleOptions();
  const form = useEntityForm({
    title: section ? 'Change section' : 'Add a section',
    initial: {
      name: section?.name ?? '',
      ownerPersonId: section?.ownerPersonId ?? '',
      active: section ? (section.active ? 'true' : 'false') : 'true',
      version: section?.version ?? 0,
    },
    draftKey: section ? `section:${section.id}` : `section:new:${agency.id}`,
    fieldOrder: ['name', 'ownerPersonId', 'active'],
    save: async (v, version) => {
      const body = { name: v.name, ownerPersonId: v.ownerPersonId || null };
      const updated = section
        ? await api.put<Agency>(path(`agencies/${agency.id}/sections/${section.id}`), {
            ...body,
            active: v.active === 'true',
            version,
          })
        : await api.post<Agency>(path(`agencies/${agency.id}/sections`), body);
      await refresh(updated);
    },
    done: () => ({ to: `/admin/agencies/${agency.id}`, flash: section ? 'Section saved' : 'Section added' }),
  });

  const ownerOptions = (people.data ?? []).map((p) => ({ value: p.id, text: personOptionText(p) }));
  // Keep a current owner who is no longer in the list (deactivated) choosable, so saving does not drop them.
  if (section?.ownerPersonId && !ownerOptions.some((o) => o.value === section.ownerPersonId)) {
    ownerOptions.unshift({ value: section.ownerPersonId, text: section.ownerName ?? 'Current owner' });
  }

  return (
    <FormPage
      form={form}
      backTo={`/admin/agencies/${agency.id}`}
      caption={agency.name}
      submitText={section ? 'Save changes' : 'Add section'}
      conflict={{
        fields: [
          { name: 'name', label: 'Name' },
          {
            name: 'ownerPersonId',
            label: 'Owner',
            show: (v) => ownerOptions.find((o) => o.value === v)?.text ?? (v ? String(v) : 'No owner'),
          },
          {
            name: 'active',
            label: 'Active',
            show: (v) => (String(v) === 'true' ? 'Active' : 'Deactivated'),
          },
        ],
        fromSaved: (c) => ({
          name: String(c.name ?? ''),
          ownerPersonId: String(c.ownerPersonId ?? ''),
          active: c.active === false ? 'false' : 'true',
          version: Number(c.version),
        }),
      }}
    >
      <TextInput
        {...form.field('name')}
        label="Section name"
        hint="For example, Children’s Services"
        spellCheck
      />
      {people.error ? <InlineLoadError error={people.error} what="the people in the partnership" /> : null}
      <Select
        {...form.field('ownerPersonId')}
        label="Owner"
        hint="The person who answers this section’s part of a self-assessment. You can choose later."
        options={ownerOptions}
        placeholder={people.isPending ? 'Loading people…' : 'No owner yet'}
      />
      {section ? (
        <Radios
          {...form.field('active')}
          legend="Status"
          legendSize="s"
          hint="Deactivating a section keeps its history. You can reactivate it later."
          items={[
            { value: 'true', text: 'Active' },
            { value: 'false', text: 'Deactivated' },
          ]}
        />
      ) : null}
    </FormPage>
  );
}

export function NewSectionPage() {
  const { query } = useAgency();
  return (
    <Loaded query={query} what="agency">
      {(agency) => <SectionForm agency={agency} />}
    </Loaded>
  );
}

export function EditSectionPage() {
  const { sectionId } = useParams();
  const { query } = useAgency();
  return (
    <Loaded query={query} what="section">
      {(agency) => {
        const section = agency.sections.find((s) => s.id === sectionId);
        return section ? <SectionForm agency={agency} section={section} /> : <NotFoundPage />;
      }}
    </Loaded>
  );
}
