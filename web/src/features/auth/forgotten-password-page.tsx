import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../app/api';
import { usePageTitle } from '../../app/page-title';
import { useForm } from '../../app/use-form';
import { Button } from '../../components/button';
import { TextInput } from '../../components/text-input';
import { FormFeedback } from '../common/form-feedback';

export function ForgottenPasswordPage() {
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useForm({ initial: { email: '' } });
  usePageTitle(sentTo ? 'Check your email' : 'Reset your password', form.hasErrors);

  if (sentTo) {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Check your email</h1>
          <p className="govuk-body">
            If that email address has an account, we have sent a link to <strong>{sentTo}</strong> to reset
            your password.
          </p>
          <p className="govuk-body">The link works once and expires after 2 hours.</p>
          <p className="govuk-body">
            If nothing arrives within a few minutes, check your spam or junk folder, or{' '}
            <button type="button" className="govuk-link app-link-button" onClick={() => setSentTo(null)}>
              try again
            </button>
            .
          </p>
          <p className="govuk-body">
            <Link to="/sign-in" className="govuk-link">
              Back to sign in
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
        <h1 className="govuk-heading-l">Reset your password</h1>
        <p className="govuk-body">
          Enter the email address you use for Assure. We will send you a link to set a new password.
        </p>
        <form
          onSubmit={form.submit(
            (v) => api.post('/auth/password-reset', v),
            () => setSentTo(form.values.email.trim()),
          )}
          noValidate
        >
          <TextInput
            {...form.field('email')}
            label="Email address"
            type="email"
            autoComplete="email"
            spellCheck={false}
            autoCapitalize="none"
          />
          <Button pending={form.pending}>Send the link</Button>
        </form>
        <p className="govuk-body">
          <Link to="/sign-in" className="govuk-link">
            Back to sign in
          </Link>
        </p>
      </div>
    </div>
  );
}
