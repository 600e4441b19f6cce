import { Fragment, type ReactNode } from 'react';
import { cx } from './class-names';
import { Fieldset } from './fieldset';
import { describedBy, ErrorMessage, FormGroup, Hint } from './form-group';

export type ChoiceItem = {
  value: string;
  text: ReactNode;
  hint?: ReactNode;
  /** Shown under the item while it is chosen (GOV.UK conditional reveal). */
  conditional?: ReactNode;
};

/** The id of the n-th input: the first uses the field's id, so an error summary link lands on it. */
export const itemId = (id: string, index: number) => (index === 0 ? id : `${id}-${index + 1}`);

export function Radios({
  id,
  name,
  legend,
  legendSize,
  isPageHeading,
  hint,
  error,
  items,
  value,
  onChange,
  inline,
  small,
}: {
  id: string;
  name?: string;
  legend: ReactNode;
  legendSize?: 's' | 'm' | 'l' | 'xl';
  isPageHeading?: boolean;
  hint?: ReactNode;
  error?: string;
  items: ChoiceItem[];
  value: string;
  onChange(value: string): void;
  inline?: boolean;
  small?: boolean;
}) {
  return (
    <FormGroup error={error}>
      <Fieldset
        legend={legend}
        legendSize={legendSize}
        isPageHeading={isPageHeading}
        describedBy={describedBy(id, hint, error)}
      >
        {hint ? <Hint id={id}>{hint}</Hint> : null}
        <ErrorMessage id={id}>{error}</ErrorMessage>
        <div
          className={cx('govuk-radios', inline && 'govuk-radios--inline', small && 'govuk-radios--small')}
          data-module="govuk-radios"
        >
          {items.map((item, i) => {
            const inputId = itemId(id, i);
            const checked = value === item.value;
            const conditionalId = `conditional-${inputId}`;
            return (
              <Fragment key={item.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={inputId}
                    name={name ?? id}
                    type="radio"
                    value={item.value}
                    checked={checked}
                    onChange={() => onChange(item.value)}
                    aria-describedby={item.hint ? `${inputId}-item-hint` : undefined}
                    aria-controls={item.conditional ? conditionalId : undefined}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={inputId}>
                    {item.text}
                  </label>
                  {item.hint ? (
                    <div id={`${inputId}-item-hint`} className="govuk-hint govuk-radios__hint">
                      {item.hint}
                    </div>
                  ) : null}
                </div>
                {item.conditional ? (
                  <div
                    className={cx(
                      'govuk-radios__conditional',
                      !checked && 'govuk-radios__conditional--hidden',
                    )}
                    id={conditionalId}
                  >
                    {checked ? item.conditional : null}
                  </div>
                ) : null}
              </Fragment>
            );
          })}
        </div>
      </Fieldset>
    </FormGroup>
  );
}
