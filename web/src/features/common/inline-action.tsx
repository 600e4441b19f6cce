import type { ReactNode } from 'react';
import { useErrorTitlePrefix } from '../../app/page-title';
import { useForm } from '../../app/use-form';
import { Button } from '../../components/button';
import { type FlashTarget, useNavigateWithFlash } from './flash';
import { FormFeedback } from './form-feedback';

/**
 * A one-button change inside a page, made without a confirmation page because it is easily undone
 * (reactivate). A failure shows in an error summary above the button and the page title starts
 * "Error: "; success takes the person to `done` with its success banner.
 */
export function InlineAction({
  heading,
  children,
  buttonText,
  onAction,
  done,
}: {
  /** A heading inside the form, above the error summary. */
  heading?: string;
  children?: ReactNode;
  buttonText: string;
  /** The change itself, and refreshing what it affects. */
  onAction(): Promise<unknown>;
  done: FlashTarget;
}) {
  const goTo = useNavigateWithFlash();
  const form = useForm({ initial: {} });
  useErrorTitlePrefix(form.hasErrors);
  return (
    <form onSubmit={form.submit(onAction, () => goTo(done))} noValidate>
      {heading ? <h2 className="govuk-heading-m">{heading}</h2> : null}
      <FormFeedback form={form} />
      {children}
      <Button variant="secondary" pending={form.pending}>
        {buttonText}
      </Button>
    </form>
  );
}
