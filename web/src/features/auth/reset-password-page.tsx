import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../app/api';
import { usePageTitle } from '../../app/page-title';
import { useForm } from '../../app/use-form';
import { Button } from '../../components/button';
import { Panel } from '../../components/panel';
import { PasswordInput } from '../../components/text-input';
import { FormFeedback } from '../common/form-feedback';

export function ResetPasswordPage() {
  const { token = '' } = useParams();
  const [done, setDone] = useState(false);
  const form = useForm({ initial: { password: '' } });
  usePageTitle(done ? 'Your password has been changed' : 'Set a new password', form.hasErrors);

  if (done) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <Panel title="Your password has been changed" />
          <p className="govuk-body">
            For your security, we have signed you out everywhere you were signed in.
          </p>
          <p className="govuk-body">
            <Link to="/sign-in" className="govuk-button" role="button" draggable={false}>
              Sign in
            </Link>
          </p>
        </div>
      </div>
    );
  }

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormFeedback form={form} />
        <h1 className="govuk-heading-l">Set a new password</h1>
        <form
          onSubmit={form.submit(
            (v) => api.post('/auth/password-reset/complete', { token, password: v.password }),
            () => setDone(true),
          )}
          noValidate
        >
          <PasswordInput
            {...form.field('password')}
            label="New password"
            hint="Use 12 characters or more. A few unrelated words together make a strong password that is easy to remember."
            autoComplete="new-password"
          />
          <Button pending={form.pending}>Set password</Button>
        </form>
        {form.problem ? (
          <p className="govuk-body">
            <Link to="/forgotten-password" className="govuk-link">
              Ask for a new link
            </Link>
          </p>
        ) : null}
      </div>
    </div>
  );
}
