import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup } from '../../components/button';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { WarningText } from '../../components/warning-text';
import { FormFeedback } from '../common/form-feedback';
import { Loaded } from '../common/loaded';
import { CALENDAR_FEED_KEY, useCalendarFeed } from './queries';
import type { CalendarFeedStatus } from './types';
import './programme.css';

/** /programme/calendar-feed: make, copy, replace or turn off your secret calendar link. */
export function CalendarFeedPage() {
  const query = useCalendarFeed();
  return (
    <Loaded query={query} what="calendar link">
      {(status) => <CalendarFeed status={status} />}
    </Loaded>
  );
}

function CalendarFeed({ status }: { status: CalendarFeedStatus }) {
  usePageTitle('Your deadlines in your calendar');
  const queryClient = useQueryClient();
  const [made, setMade] = useState<{ url: string; createdAt: string } | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  const [copied, setCopied] = useState(false);
  const form = useForm({ initial: {} });

  const make = form.submit(async () => {
    const result = await api.post<{ url: string; createdAt: string }>('/me/calendar-feed');
    setMade(result);
    setTurnedOff(false);
    setCopied(false);
    queryClient.setQueryData(CALENDAR_FEED_KEY, { exists: true, createdAt: result.createdAt });
  });
  const revoke = form.submit(async () => {
    const result = await api.delete<CalendarFeedStatus>('/me/calendar-feed');
    setMade(null);
    setTurnedOff(true);
    queryClient.setQueryData(CALENDAR_FEED_KEY, result);
  });

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/programme">Back to the programme</BackLink>
        <FormFeedback form={form} />
        {turnedOff ? (
          <NotificationBanner type="success" heading="Your calendar link is turned off">
            <p className="govuk-body">Calendars using it will stop showing your deadlines.</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Your deadlines in your calendar</h1>
        <p className="govuk-body">
          Subscribe to a private link in Outlook, Google Calendar or Apple Calendar to see, as all-day events:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>every key date of the activities you lead</li>
          <li>the deadlines and panel or audit days of activities involving an agency you lead</li>
        </ul>
        <p className="govuk-body">Your calendar app checks the link for changes every few hours.</p>

        {made ? (
          <>
            <div className="govuk-panel govuk-panel--confirmation govuk-!-text-align-left">
              <h2 className="govuk-panel__title govuk-!-font-size-27">Your calendar link</h2>
            </div>
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="feed-url">
                Calendar link
              </label>
              <div className="govuk-hint" id="feed-url-hint">
                Copy it now: for your security it is shown only once.
              </div>
              <input
                className="govuk-input app-feed-url"
                id="feed-url"
                type="text"
                readOnly
                value={made.url}
                aria-describedby="feed-url-hint"
                onFocus={(e) => e.currentTarget.select()}
              />
            </div>
            <ButtonGroup>
              <Button
                type="button"
                variant="secondary"
                onClick={async () => {
                  await navigator.clipboard?.writeText(made.url).catch(() => undefined);
                  setCopied(true);
                }}
              >
                Copy link
              </Button>
            </ButtonGroup>
            <p className="govuk-body" aria-live="polite">
              {copied ? 'Link copied.' : ''}
            </p>
            <h2 className="govuk-heading-s">Add it to your calendar</h2>
            <ul className="govuk-list govuk-list--bullet">
              <li>Outlook: Add calendar, then Subscribe from web, and paste the link</li>
              <li>Google Calendar: Other calendars, then From URL, and paste the link</li>
              <li>Apple Calendar: File, then New Calendar Subscription, and paste the link</li>
            </ul>
          </>
        ) : status.exists ? (
          <InsetText>
            You made your calendar link on {formatDateTime(status.createdAt)}. It is not shown again. If you
            have lost it, make a new one: the old link then stops working.
          </InsetText>
        ) : (
          <p className="govuk-body">You do not have a calendar link yet.</p>
        )}

        <WarningText>
          Anyone with the link can see your deadlines. Do not share it or send it by email.
        </WarningText>

        <form onSubmit={make} noValidate>
          <Button pending={form.pending} variant={status.exists || made ? 'secondary' : 'primary'}>
            {status.exists || made ? 'Make a new link' : 'Make my calendar link'}
          </Button>
        </form>
        {status.exists || made ? (
          <>
            <h2 className="govuk-heading-m">Turn off your calendar link</h2>
            <p className="govuk-body">
              Do this if someone else may have your link, or you no longer need it.
            </p>
            <form onSubmit={revoke} noValidate>
              <Button variant="warning" pending={form.pending}>
                Turn off calendar link
              </Button>
            </form>
          </>
        ) : null}
      </div>
    </div>
  );
}
