import type { ReactNode } from 'react';
import { cx } from './class-names';

type LegendSize = 'xl' | 'l' | 'm' | 's';

export function Fieldset({
  legend,
  legendSize,
  isPageHeading,
  describedBy,
  className,
  children,
}: {
  legend: ReactNode;
  legendSize?: LegendSize;
  isPageHeading?: boolean;
  describedBy?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <fieldset className={cx('govuk-fieldset', className)} aria-describedby={describedBy}>
      <legend className={cx('govuk-fieldset__legend', legendSize && `govuk-fieldset__legend--${legendSize}`)}>
        {isPageHeading ? <h1 className="govuk-fieldset__heading">{legend}</h1> : legend}
      </legend>
      {children}
    </fieldset>
  );
}
