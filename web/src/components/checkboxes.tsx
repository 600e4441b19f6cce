import type { ReactNode } from 'react';
import { cx } from './class-names';
import { Fieldset } from './fieldset';
import { describedBy, ErrorMessage, FormGroup, Hint } from './form-group';
import { type ChoiceItem, itemId } from './radios';

export function Checkboxes({
  id,
  name,
  legend,
  legendSize,
  hint,
  error,
  items,
  values,
  onChange,
  small,
}: {
  id: string;
  name?: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l' | 'xl';
  hint?: ReactNode;
  error?: string;
  items: ChoiceItem[];
  values: string[];
  onChange(values: string[]): void;
  small?: boolean;
}) {
  return (
    <FormGroup error={error}>
      <Fieldset legend={legend} legendSize={legendSize} describedBy={describedBy(id, hint, error)}>
        {hint ? <Hint id={id}>{hint}</Hint> : null}
        <ErrorMessage id={id}>{error}</ErrorMessage>
        <div
          className={cx('govuk-checkboxes', small && 'govuk-checkboxes--small')}
          data-module="govuk-checkboxes"
        >
          {items.map((item, i) => {
            const inputId = itemId(id, i);
            const checked = values.includes(item.value);
            return (
              <div className="govuk-checkboxes__item" key={item.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={inputId}
                  name={name ?? id}
                  type="checkbox"
                  value={item.value}
                  checked={checked}
                  onChange={() =>
                    onChange(checked ? values.filter((v) => v !== item.value) : [...values, item.value])
                  }
                  aria-describedby={item.hint ? `${inputId}-item-hint` : undefined}
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={inputId}>
                  {item.text}
                </label>
                {item.hint ? (
                  <div id={`${inputId}-item-hint`} className="govuk-hint govuk-checkboxes__hint">
                    {item.hint}
                  </div>
                ) : null}
              </div>
            );
          })}
        </div>
      </Fieldset>
    </FormGroup>
  );
}

/** One checkbox on its own ("Include deactivated agencies"), outside a fieldset. */
export function SingleCheckbox({
  id,
  label,
  checked,
  onChange,
  small = true,
}: {
  id: string;
  label: ReactNode;
  checked: boolean;
  onChange(checked: boolean): void;
  small?: boolean;
}) {
  return (
    <div className="govuk-form-group">
      <div className={cx('govuk-checkboxes', small && 'govuk-checkboxes--small')}>
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={id}
            type="checkbox"
            checked={checked}
            onChange={(e) => onChange(e.target.checked)}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {label}
          </label>
        </div>
      </div>
    </div>
  );
}
