import { useQueryClient } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../app/api';
import { safeReturnTo } from '../../app/idle-timeout';
import { usePageTitle } from '../../app/page-title';
import { SESSION_KEY, useSession } from '../../app/session';
import type { SessionInfo } from '../../app/types';
import { useForm } from '../../app/use-form';
import { Button } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { PasswordInput, TextInput } from '../../components/text-input';
import { FormFeedback } from '../common/form-feedback';

export function SignInPage() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { session, setSession } = useSession();
  const returnTo = safeReturnTo(params.get('returnTo'));
  const form = useForm({ initial: { email: '', password: '' } });
  usePageTitle('Sign in', form.hasErrors);

  const signIn = form.submit(
    async (values) => {
      await api.post('/auth/sign-in', values);
      // Nothing cached for anyone else may survive into this session.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== SESSION_KEY[0] });
      setSession(await api.get<SessionInfo>('/auth/session'));
    },
    () => navigate(returnTo ?? '/', { replace: true }),
  );

  if (session && !form.pending) return <Navigate to={returnTo ?? '/'} replace />;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormFeedback form={form} />
        {returnTo?.startsWith('/invitation/') && !form.hasErrors ? (
          <NotificationBanner heading="Sign in to accept your invitation">
            <p className="govuk-body">Sign in with the account the invitation was sent to.</p>
          </NotificationBanner>
        ) : returnTo && !form.hasErrors ? (
          <NotificationBanner heading="Sign in to carry on">
            <p className="govuk-body">
              You need to sign in to see that page. Anything you had typed but not saved is still in this
              browser tab and will come back when you return to it.
            </p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Sign in to Assure</h1>
        <form onSubmit={signIn} noValidate>
          <TextInput
            {...form.field('email')}
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            autoCapitalize="none"
          />
          <PasswordInput {...form.field('password')} label="Password" autoComplete="current-password" />
          <Button pending={form.pending} pendingText="Signing in…">
            Sign in
          </Button>
        </form>
        <p className="govuk-body">
          <Link to="/forgotten-password" className="govuk-link">
            Forgotten your password?
          </Link>
        </p>
        <h2 className="govuk-heading-m">If you do not have an account</h2>
        <p className="govuk-body">
          Accounts are created by invitation. Ask your partnership’s business unit to invite you.
        </p>
      </div>
    </div>
  );
}
