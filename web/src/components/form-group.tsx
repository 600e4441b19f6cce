import type { ReactNode } from 'react';
import { cx } from './class-names';

/** The ids a field's hint and error use, for aria-describedby. */
export function describedBy(id: string, hint?: ReactNode, error?: string, extra?: string) {
  const ids = [extra, hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

export function FormGroup({
  error,
  className,
  children,
}: {
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error', className)}>{children}</div>
  );
}

export function Hint({ id, children }: { id: string; children: ReactNode }) {
  return (
    <div id={`${id}-hint`} className="govuk-hint">
      {children}
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children?: string }) {
  if (!children) return null;
  return (
    <p id={`${id}-error`} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

type LabelSize = 'xl' | 'l' | 'm' | 's';

/** A label; as the page heading when `isPageHeading` (one question per page). */
export function Label({
  htmlFor,
  size,
  isPageHeading,
  className,
  children,
}: {
  htmlFor: string;
  size?: LabelSize;
  isPageHeading?: boolean;
  className?: string;
  children: ReactNode;
}) {
  const label = (
    <label className={cx('govuk-label', size && `govuk-label--${size}`, className)} htmlFor={htmlFor}>
      {children}
    </label>
  );
  return isPageHeading ? <h1 className="govuk-label-wrapper">{label}</h1> : label;
}

/** A labelled field's frame: form group, label, hint and error message, then the control itself. */
export function LabelledField({
  id,
  label,
  labelSize,
  isPageHeading,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  label: ReactNode;
  labelSize?: LabelSize;
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <FormGroup error={error} className={className}>
      <Label htmlFor={id} size={labelSize} isPageHeading={isPageHeading}>
        {label}
      </Label>
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      <ErrorMessage id={id}>{error}</ErrorMessage>
      {children}
    </FormGroup>
  );
}
