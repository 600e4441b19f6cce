import { type ReactNode, useEffect, useId, useRef } from 'react';
import { cx } from './class-names';

/**
 * GOV.UK notification banner. A success banner is an alert and takes focus when it appears (as
 * GOV.UK Frontend does), so the person knows their change was saved.
 */
export function NotificationBanner({
  type,
  title,
  heading,
  children,
}: {
  type?: 'success';
  title?: string;
  heading?: ReactNode;
  children?: ReactNode;
}) {
  const id = useId();
  const ref = useRef<HTMLDivElement>(null);
  const success = type === 'success';
  useEffect(() => {
    if (success) ref.current?.focus();
  }, [success]);
  // Success banners are alerts, others labelled regions; both are named by their title.
  const landmark = { role: success ? 'alert' : 'region', 'aria-labelledby': `${id}-title` };
  return (
    <div
      ref={ref}
      className={cx('govuk-notification-banner', success && 'govuk-notification-banner--success')}
      {...landmark}
      data-module="govuk-notification-banner"
      tabIndex={success ? -1 : undefined}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={`${id}-title`}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading ? <p className="govuk-notification-banner__heading">{heading}</p> : null}
        {children}
      </div>
    </div>
  );
}
