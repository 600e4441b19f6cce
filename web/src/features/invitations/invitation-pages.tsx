import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, queryString } from '../../app/api';
import { LoadError, Loading, NotFoundPage } from '../../app/error-pages';
import { formatDate, formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import type { Invitation, InvitationStatus, OutboxMessage, Page } from '../../app/types';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Panel } from '../../components/panel';
import { Table } from '../../components/table';
import { Tag, type TagColour } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { useRefresh } from '../common/queries';
import { isAgencyScoped, RoleFields, roleAgencyCheck, roleText } from '../common/role-fields';
import { StatusFilter } from '../common/status-filter';

const STATUS: Record<InvitationStatus, { text: string; colour: TagColour }> = {
  pending: { text: 'Waiting', colour: 'blue' },
  accepted: { text: 'Accepted', colour: 'green' },
  expired: { text: 'Expired', colour: 'grey' },
  revoked: { text: 'Withdrawn', colour: 'red' },
};
const STATUSES = Object.keys(STATUS) as InvitationStatus[];
const statusOptions = STATUSES.map((s) => ({ value: s, text: STATUS[s].text }));
/** The status filter from the URL, if it is one. */
const validStatus = (status: string) => (STATUSES.includes(status as InvitationStatus) ? status : '');

export function InvitationStatusTag({ status }: { status: InvitationStatus }) {
  const s = STATUS[status] ?? { text: status, colour: 'grey' as const };
  return <Tag colour={s.colour}>{s.text}</Tag>;
}

export function InvitationsPage() {
  const flash = useFlash();
  const { list, query } = useListPage<Invitation, 'status'>({
    resource: 'invitations',
    title: 'Invitations',
    extraKeys: ['status'],
    filters: ({ extra }) => ({ status: validStatus(extra.status) }),
  });
  if (query.isPending) return <Loading what="invitations" />;
  if (query.error) return <LoadError error={query.error} />;

  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Invitations</h1>
      <p className="govuk-body">
        An invitation emails a single-use link. The person sets their own password, or adds this partnership
        to the account they already have.
      </p>
      <ButtonLink to="/admin/invitations/new">Invite someone</ButtonLink>
      <StatusFilter
        key={list.key}
        status={validStatus(list.extra.status)}
        options={statusOptions}
        hrefWith={list.hrefWith}
      />
      <ListResults results={query.data} hrefFor={list.hrefFor} noun="invitation">
        {(items) => (
          <Table<Invitation>
            caption="Invitations"
            captionHidden
            rows={items}
            rowKey={(i) => i.id}
            columns={[
              {
                header: 'Person',
                cell: (i) => (
                  <>
                    {i.name}
                    <br />
                    <span className="govuk-body-s app-break-word">{i.email}</span>
                  </>
                ),
              },
              { header: 'Role', cell: (i) => roleText(i) },
              { header: 'Status', cell: (i) => <InvitationStatusTag status={i.status} /> },
              {
                header: 'Sent',
                cell: (i) => (
                  <>
                    {formatDate(i.createdAt)}
                    {i.status === 'pending' ? (
                      <>
                        <br />
                        <span className="govuk-body-s">Expires {formatDateTime(i.expiresAt)}</span>
                      </>
                    ) : null}
                  </>
                ),
              },
              {
                header: <span className="govuk-visually-hidden">Action</span>,
                cell: (i) =>
                  i.status === 'pending' ? (
                    <Link to={`/admin/invitations/${i.id}/revoke`} className="govuk-link">
                      Withdraw<span className="govuk-visually-hidden"> invitation to {i.name}</span>
                    </Link>
                  ) : null,
              },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

type Sent = { invitation: Invitation; inOutbox: boolean | null };

function InvitationSent({ sent, onAnother }: { sent: Sent; onAnother(): void }) {
  usePageTitle('Invitation sent');
  const { invitation, inOutbox } = sent;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <Panel title="Invitation sent">
          to <strong className="app-break-word">{invitation.email}</strong>
        </Panel>
        {inOutbox ? (
          <p className="govuk-body">
            Email is not set up for this Assure yet, so the invitation has not left Assure. It is waiting in
            the{' '}
            <Link to="/admin/outbox?status=outbox" className="govuk-link">
              email outbox
            </Link>
            : open it there, copy the link and send it to {invitation.name} yourself.
          </p>
        ) : (
          <p className="govuk-body">
            We have emailed {invitation.name} a link to join. If it does not arrive, check the{' '}
            <Link to="/admin/outbox" className="govuk-link">
              email outbox
            </Link>
            .
          </p>
        )}
        <p className="govuk-body">
          The link works once and expires on {formatDateTime(invitation.expiresAt)}.
        </p>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">
          When {invitation.name} accepts, they will appear in{' '}
          <Link to="/admin/people" className="govuk-link">
            people
          </Link>{' '}
          as {roleText(invitation)}.
        </p>
        <ButtonGroup>
          <Button type="button" variant="secondary" onClick={onAnother}>
            Invite someone else
          </Button>
          <Link to="/admin/invitations" className="govuk-link">
            See all invitations
          </Link>
        </ButtonGroup>
      </div>
    </div>
  );
}

export function NewInvitationPage() {
  const { path } = usePartnership();
  const refresh = useRefresh('invitations');
  const [sent, setSent] = useState<Sent | null>(null);
  const [round, setRound] = useState(0);
  if (sent) {
    return (
      <InvitationSent
        sent={sent}
        onAnother={() => {
          setSent(null);
          setRound((n) => n + 1);
        }}
      />
    );
  }
  return (
    <NewInvitationForm
      key={round}
      onSent={async (invitation) => {
        await refresh();
        // Without SMTP, email waits in the outbox for an admin to pass on.
        let inOutbox: boolean | null = null;
        try {
          const waiting = await api.get<Page<OutboxMessage>>(
            path(`outbox${queryString({ status: 'outbox', pageSize: 10 })}`),
          );
          inOutbox = waiting.items.some((m) => m.toAddress.toLowerCase() === invitation.email.toLowerCase());
        } catch {
          inOutbox = null;
        }
        setSent({ invitation, inOutbox });
      }}
    />
  );
}

function NewInvitationForm({ onSent }: { onSent(invitation: Invitation): Promise<void> }) {
  const { partnershipId, path } = usePartnership();
  const form = useEntityForm({
    title: 'Invite someone',
    initial: { email: '', name: '', role: '', agencyId: '' },
    draftKey: `invitation:new:${partnershipId}`,
    choiceMessages: { role: 'Select the role they will have' },
    alongsideServer: roleAgencyCheck,
    save: async (v) => {
      const invitation = await api.post<Invitation>(path('invitations'), {
        email: v.email,
        name: v.name,
        role: v.role || undefined,
        agencyId: isAgencyScoped(v.role) ? v.agencyId || undefined : null,
      });
      await onSent(invitation);
    },
  });

  return (
    <FormPage form={form} backTo="/admin/invitations" submitText="Send invitation" pendingText="Sending…">
      <TextInput
        {...form.field('email')}
        label="Email address"
        hint="We will send the invitation here. Use their work email address."
        type="email"
        autoComplete="off"
        spellCheck={false}
        autoCapitalize="none"
      />
      <TextInput {...form.field('name')} label="Full name" autoComplete="off" spellCheck={false} />
      <RoleFields
        role={form.values.role}
        agencyId={form.values.agencyId}
        errors={form.errors}
        onRole={(role) => form.setValue('role', role)}
        onAgency={(agencyId) => form.setValue('agencyId', agencyId)}
        legend="What role will they have?"
      />
    </FormPage>
  );
}

export function RevokeInvitationPage() {
  const { invitationId = '' } = useParams();
  const { partnershipId, path } = usePartnership();
  const refresh = useRefresh('invitations');
  const query = useQuery({
    queryKey: [partnershipId, 'invitations', 'pending-all'],
    queryFn: () =>
      api.get<Page<Invitation>>(path(`invitations${queryString({ status: 'pending', pageSize: 100 })}`)),
  });
  return (
    <Loaded query={query} what="invitation">
      {(pending) => {
        const invitation = pending.items.find((i) => i.id === invitationId);
        if (!invitation)
          return <NotFoundPage message="This invitation is no longer waiting to be accepted." />;
        return (
          <ConfirmAction
            title={`Withdraw the invitation to ${invitation.name}?`}
            caption="Invitations"
            confirmText="Withdraw invitation"
            cancelTo="/admin/invitations"
            onConfirm={async () => {
              await api.post(path(`invitations/${invitationId}/revoke`));
              await refresh();
            }}
            done={{ to: '/admin/invitations', flash: `Invitation to ${invitation.email} withdrawn` }}
          >
            <p className="govuk-body">
              The link we sent to <strong className="app-break-word">{invitation.email}</strong> will stop
              working. The invitation stays in the list as withdrawn. You can invite them again later.
            </p>
          </ConfirmAction>
        );
      }}
    </Loaded>
  );
}
