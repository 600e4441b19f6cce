import { type InputHTMLAttributes, type ReactNode, useState } from 'react';
import { cx } from './class-names';
import { describedBy, ErrorMessage, FormGroup, Hint, Label, LabelledField } from './form-group';

type Width =
  | '30'
  | '20'
  | '10'
  | '5'
  | '4'
  | '3'
  | '2'
  | 'full'
  | 'three-quarters'
  | 'two-thirds'
  | 'one-half'
  | 'one-third'
  | 'one-quarter';

export type FieldProps = {
  id: string;
  name?: string;
  label: ReactNode;
  labelSize?: 's' | 'm' | 'l' | 'xl';
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  value: string;
  onChange(value: string): void;
};

type TextInputProps = FieldProps &
  Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'name' | 'value' | 'onChange'> & {
    width?: Width;
  };

function widthClass(width?: Width) {
  if (!width) return undefined;
  return /^\d+$/.test(width) ? `govuk-input--width-${width}` : `govuk-!-width-${width}`;
}

export function TextInput({
  id,
  name,
  label,
  labelSize,
  isPageHeading,
  hint,
  error,
  value,
  onChange,
  width,
  className,
  type = 'text',
  ...rest
}: TextInputProps) {
  return (
    <LabelledField
      id={id}
      label={label}
      labelSize={labelSize}
      isPageHeading={isPageHeading}
      hint={hint}
      error={error}
    >
      <input
        className={cx('govuk-input', error && 'govuk-input--error', widthClass(width), className)}
        id={id}
        name={name ?? id}
        type={type}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </LabelledField>
  );
}

/** GOV.UK password input: a "Show" button that reveals the password, announced to screen readers. */
export function PasswordInput({
  id,
  name,
  label,
  hint,
  error,
  value,
  onChange,
  autoComplete = 'current-password',
}: FieldProps & { autoComplete?: 'current-password' | 'new-password' }) {
  const [visible, setVisible] = useState(false);
  return (
    <FormGroup error={error} className="govuk-password-input">
      <Label htmlFor={id}>{label}</Label>
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      <ErrorMessage id={id}>{error}</ErrorMessage>
      <div className="govuk-input__wrapper govuk-password-input__wrapper">
        <input
          className={cx('govuk-input govuk-password-input__input', error && 'govuk-input--error')}
          id={id}
          name={name ?? id}
          type={visible ? 'text' : 'password'}
          spellCheck={false}
          autoCapitalize="none"
          autoComplete={autoComplete}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy(id, hint, error)}
          aria-invalid={error ? true : undefined}
        />
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-password-input__toggle"
          aria-controls={id}
          aria-label={visible ? 'Hide password' : 'Show password'}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? 'Hide' : 'Show'}
        </button>
      </div>
      <div className="govuk-visually-hidden" aria-live="polite">
        {visible ? 'Your password is visible' : ''}
      </div>
    </FormGroup>
  );
}
