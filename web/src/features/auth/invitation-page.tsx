import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { ROLE_LABELS } from '../../../../contracts/org';
import { ApiError, api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { usePageTitle } from '../../app/page-title';
import { SESSION_KEY, useSession } from '../../app/session';
import type { PublicInvitation, SessionInfo } from '../../app/types';
import { useForm } from '../../app/use-form';
import { Button, ButtonLink } from '../../components/button';
import { SummaryList } from '../../components/summary-list';
import { PasswordInput, TextInput } from '../../components/text-input';
import { withFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';

function InvitationExpired({ message }: { message: string }) {
  usePageTitle('This invitation cannot be used');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">This invitation cannot be used</h1>
        <p className="govuk-body">{message}</p>
        <p className="govuk-body">Ask the person who invited you to send a new invitation.</p>
      </div>
    </div>
  );
}

function AcceptInvitation({ token, invitation }: { token: string; invitation: PublicInvitation }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { session, setSession, signOut } = useSession();
  const here = `/invitation/${token}`;
  const signInHref = `/sign-in?returnTo=${encodeURIComponent(here)}`;
  const signedInAsInvitee = session?.person.email.toLowerCase() === invitation.email.toLowerCase();
  const form = useForm({
    initial: { name: invitation.name, password: '' },
    fieldOrder: invitation.existingAccount ? ['name'] : ['name', 'password'],
  });
  const title = invitation.existingAccount
    ? `Join ${invitation.partnershipName}`
    : `Create your account for ${invitation.partnershipName}`;
  usePageTitle(title, form.hasErrors);

  const accept = form.submit(
    async (values) => {
      await api.post(
        `/invitations/${encodeURIComponent(token)}/accept`,
        // An existing account is signed in already; only a new one gives a name and password.
        invitation.existingAccount ? {} : { name: values.name, password: values.password },
      );
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      const session = await api.get<SessionInfo>('/auth/session');
      const joined = session.partnerships.find((p) => p.name === invitation.partnershipName);
      if (joined && session.currentPartnershipId !== joined.id) {
        setSession(await api.put<SessionInfo>('/auth/current-partnership', { partnershipId: joined.id }));
      } else {
        setSession(session);
      }
    },
    () => navigate('/', { replace: true, ...withFlash(`You have joined ${invitation.partnershipName}`) }),
  );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormFeedback form={form} />
        <span className="govuk-caption-l">You have been invited to Assure</span>
        <h1 className="govuk-heading-l">{title}</h1>
        <SummaryList
          rows={[
            { key: 'Partnership', value: invitation.partnershipName },
            { key: 'Role', value: ROLE_LABELS[invitation.role] ?? invitation.role },
            ...(invitation.agencyName ? [{ key: 'Agency', value: invitation.agencyName }] : []),
            { key: 'Email address', value: invitation.email },
          ]}
        />
        {invitation.existingAccount && !session ? (
          <>
            <p className="govuk-body">
              You already have an Assure account with this email address. Sign in to add this partnership to
              it.
            </p>
            <ButtonLink to={signInHref}>Sign in to accept</ButtonLink>
          </>
        ) : invitation.existingAccount && !signedInAsInvitee ? (
          <>
            <p className="govuk-body">
              This invitation is for <strong className="app-break-word">{invitation.email}</strong>, but you
              are signed in as <strong className="app-break-word">{session?.person.email}</strong>.
            </p>
            <p className="govuk-body">Sign out, then sign in as {invitation.email} to accept it.</p>
            <Button
              type="button"
              variant="secondary"
              onClick={async () => {
                await signOut();
                navigate(signInHref);
              }}
            >
              Sign out
            </Button>
          </>
        ) : (
          <form onSubmit={accept} noValidate>
            {invitation.existingAccount ? (
              <p className="govuk-body">Accept to add this partnership to your Assure account.</p>
            ) : (
              <>
                <TextInput
                  {...form.field('name')}
                  label="Your full name"
                  autoComplete="name"
                  spellCheck={false}
                />
                <PasswordInput
                  {...form.field('password')}
                  label="Create a password"
                  hint="Use 12 characters or more. A few unrelated words together make a strong password that is easy to remember."
                  autoComplete="new-password"
                />
              </>
            )}
            <Button pending={form.pending}>
              {invitation.existingAccount ? 'Accept invitation' : 'Create account'}
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}

export function InvitationPage() {
  const { token = '' } = useParams();
  const query = useQuery({
    queryKey: ['invitation', token],
    queryFn: () => api.get<PublicInvitation>(`/invitations/${encodeURIComponent(token)}`),
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  usePageTitle(null);
  if (query.isPending) return <Loading what="invitation" />;
  if (query.error) {
    if (query.error instanceof ApiError && query.error.isNotFound)
      return <InvitationExpired message={query.error.message} />;
    return <LoadError error={query.error} />;
  }
  return <AcceptInvitation token={token} invitation={query.data} />;
}
