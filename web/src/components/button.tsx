import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router';
import { cx } from './class-names';

type Variant = 'primary' | 'secondary' | 'warning' | 'inverse';

const variantClass: Record<Variant, string | null> = {
  primary: null,
  secondary: 'govuk-button--secondary',
  warning: 'govuk-button--warning',
  inverse: 'govuk-button--inverse',
};

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & {
  type?: 'submit' | 'button';
  variant?: Variant;
  /** While true the button cannot be pressed again (double submission) and says so to screen readers. */
  pending?: boolean;
  pendingText?: string;
  children: ReactNode;
};

export function Button({
  type = 'submit',
  variant = 'primary',
  pending = false,
  pendingText,
  className,
  children,
  disabled,
  ...rest
}: ButtonProps) {
  return (
    <button
      type={type}
      className={cx('govuk-button', variantClass[variant], className)}
      data-module="govuk-button"
      disabled={disabled || pending}
      aria-disabled={disabled || pending ? 'true' : undefined}
      {...rest}
    >
      {pending && pendingText ? pendingText : children}
    </button>
  );
}

/** A link that looks like a button, for starting things ("Create agency"). */
export function ButtonLink({
  to,
  variant = 'primary',
  className,
  children,
}: {
  to: string;
  variant?: Variant;
  className?: string;
  children: ReactNode;
}) {
  return (
    <Link
      to={to}
      role="button"
      draggable={false}
      className={cx('govuk-button', variantClass[variant], className)}
    >
      {children}
    </Link>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}
