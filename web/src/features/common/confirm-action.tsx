import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/page-title';
import { useForm } from '../../app/use-form';
import { Button, ButtonGroup } from '../../components/button';
import { type FlashTarget, useNavigateWithFlash } from './flash';
import { FormFeedback } from './form-feedback';

/**
 * A confirmation page for something with consequences (deactivate, revoke, remove). The page says
 * what will happen and what is kept; the action runs only when the person confirms, and then takes
 * them to `done` with its success banner (without `done`, `onConfirm` moves on itself).
 */
export function ConfirmAction({
  title,
  caption,
  children,
  confirmText,
  warning = true,
  cancelTo,
  onConfirm,
  done,
}: {
  title: string;
  caption?: string;
  children: ReactNode;
  confirmText: string;
  warning?: boolean;
  cancelTo: string;
  /** The change itself, and refreshing what it affects. */
  onConfirm(): Promise<unknown>;
  done?: FlashTarget;
}) {
  const form = useForm({ initial: {} });
  const goTo = useNavigateWithFlash();
  usePageTitle(title, form.hasErrors);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <FormFeedback form={form} />
        {caption ? <span className="govuk-caption-l">{caption}</span> : null}
        <h1 className="govuk-heading-l">{title}</h1>
        {children}
        <form onSubmit={form.submit(onConfirm, done ? () => goTo(done) : undefined)} noValidate>
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
