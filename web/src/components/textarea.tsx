import type { TextareaHTMLAttributes } from 'react';
import { cx } from './class-names';
import { describedBy, LabelledField } from './form-group';
import type { FieldProps } from './text-input';

type TextareaProps = FieldProps &
  Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'name' | 'value' | 'onChange'>;

export function Textarea({
  id,
  name,
  label,
  labelSize,
  isPageHeading,
  hint,
  error,
  value,
  onChange,
  rows = 5,
  className,
  ...rest
}: TextareaProps) {
  return (
    <LabelledField
      id={id}
      label={label}
      labelSize={labelSize}
      isPageHeading={isPageHeading}
      hint={hint}
      error={error}
    >
      <textarea
        className={cx('govuk-textarea', error && 'govuk-textarea--error', className)}
        id={id}
        name={name ?? id}
        rows={rows}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      />
    </LabelledField>
  );
}
