import type { SelectHTMLAttributes } from 'react';
import { cx } from './class-names';
import { describedBy, LabelledField } from './form-group';
import type { FieldProps } from './text-input';

export type Option = { value: string; text: string; disabled?: boolean };

type SelectProps = FieldProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'name' | 'value' | 'onChange'> & {
    options: Option[];
    /** Text of a first, empty option ("Choose an agency"). */
    placeholder?: string;
  };

export function Select({
  id,
  name,
  label,
  labelSize,
  isPageHeading,
  hint,
  error,
  value,
  onChange,
  options,
  placeholder,
  className,
  ...rest
}: SelectProps) {
  return (
    <LabelledField
      id={id}
      label={label}
      labelSize={labelSize}
      isPageHeading={isPageHeading}
      hint={hint}
      error={error}
    >
      <select
        className={cx('govuk-select', error && 'govuk-select--error', className)}
        id={id}
        name={name ?? id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy(id, hint, error)}
        aria-invalid={error ? true : undefined}
        {...rest}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.text}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}
