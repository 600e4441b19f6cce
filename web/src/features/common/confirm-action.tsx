import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/page-title';
import { useForm } from '../../app/use-form';
import { Button, ButtonGroup } from '../../components/button';
import { FormFeedback } from './form-feedback';

/**
 * A confirmation page for something with consequences (deactivate, revoke, remove). The page says
 * what will happen and what is kept; the action runs only when the person confirms.
 */
export function ConfirmAction({
  title,
  caption,
  children,
  confirmText,
  warning = true,
  cancelTo,
  onConfirm,
}: {
  title: string;
  caption?: string;
  children: ReactNode;
  confirmText: string;
  warning?: boolean;
  cancelTo: string;
  onConfirm(): Promise<unknown>;
}) {
  const form = useForm({ initial: {} });
  usePageTitle(title, form.hasErrors);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormFeedback form={form} />
        {caption ? <span className="govuk-caption-l">{caption}</span> : null}
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
        <form onSubmit={form.submit(onConfirm)} noValidate>
          <ButtonGroup>
            <Button variant={warning ? 'warning' : 'primary'} pending={form.pending}>
              {confirmText}
            </Button>
            <Link to={cancelTo} className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}
