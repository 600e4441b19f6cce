import { useState } from 'react';
import { ApiError, api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { formatDateTime } from '../../app/format';
import { usePartnership } from '../../app/session';
import type { OutboxMessage, OutboxStatus } from '../../app/types';
import { BackLink } from '../../components/back-link';
import { Button } from '../../components/button';
import { Details } from '../../components/details';
import { NotificationBanner } from '../../components/notification-banner';
import { Tag, type TagColour } from '../../components/tag';
import { ActionProblem } from '../common/form-feedback';
import { ListResults, useListPage } from '../common/list-page';
import { useRefresh } from '../common/queries';
import { StatusFilter } from '../common/status-filter';

const STATUS: Record<OutboxStatus, { text: string; colour: TagColour; hint: string }> = {
  outbox: {
    text: 'Not sent',
    colour: 'yellow',
    hint: 'Email is not set up, so this waits here for you to pass on',
  },
  queued: { text: 'Sending', colour: 'blue', hint: 'Waiting to be sent' },
  sent: { text: 'Sent', colour: 'green', hint: 'Handed to the mail server' },
  failed: { text: 'Failed', colour: 'orange', hint: 'Sending failed; Assure will try again' },
  dead: { text: 'Gave up', colour: 'red', hint: 'Sending failed too many times' },
};
const STATUSES = Object.keys(STATUS) as OutboxStatus[];
const statusOptions = STATUSES.map((s) => ({ value: s, text: STATUS[s].text }));
/** The status filter from the URL, if it is one. */
const validStatus = (status: string) => (STATUSES.includes(status as OutboxStatus) ? status : '');

export function OutboxPage() {
  const { path } = usePartnership();
  const refresh = useRefresh('outbox');
  const [retrying, setRetrying] = useState<string | null>(null);
  const [done, setDone] = useState<{ heading: string; key: number } | null>(null);
  const [problem, setProblem] = useState<{ message: string; requestId: string | null; key: number } | null>(
    null,
  );
  const { list, query } = useListPage<OutboxMessage, 'status'>({
    resource: 'outbox',
    title: 'Email outbox',
    hasErrors: problem !== null,
    extraKeys: ['status'],
    filters: ({ extra }) => ({ status: validStatus(extra.status) }),
  });
  if (query.isPending) return <Loading what="outbox" />;
  if (query.error) return <LoadError error={query.error} />;

  const retry = async (message: OutboxMessage) => {
    if (retrying) return;
    setRetrying(message.id);
    setProblem(null);
    try {
      await api.post(path(`outbox/${message.id}/retry`));
      await refresh();
      setDone({
        heading: `Trying again to send “${message.subject}” to ${message.toAddress}`,
        key: Date.now(),
      });
    } catch (error) {
      const e = error instanceof ApiError ? error : null;
      setProblem({
        message:
          e && !e.isServiceProblem
            ? e.message
            : 'Sorry, there is a problem with the service. Try again later.',
        requestId: e?.isServiceProblem ? e.requestId : null,
        key: Date.now(),
      });
    } finally {
      setRetrying(null);
    }
  };

  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {problem ? <ActionProblem problem={problem} focusKey={problem.key} /> : null}
      {done ? <NotificationBanner key={done.key} type="success" heading={done.heading} /> : null}
      <h1 className="govuk-heading-l">Email outbox</h1>
      <p className="govuk-body">
        Every email Assure sends for this partnership. When email is not set up, messages wait here marked
        “Not sent”: open one to read it and pass it on yourself.
      </p>
      <StatusFilter
        key={list.key}
        status={validStatus(list.extra.status)}
        options={statusOptions}
        hrefWith={list.hrefWith}
      />
      <ListResults results={query.data} hrefFor={list.hrefFor} noun="email">
        {(items) => (
          <ul className="govuk-list app-outbox">
            {items.map((m) => {
              const s = STATUS[m.status] ?? { text: m.status, colour: 'grey' as const, hint: '' };
              return (
                <li key={m.id} className="app-outbox__item">
                  <h2 className="govuk-heading-s govuk-!-margin-bottom-1">{m.subject}</h2>
                  <p className="govuk-body govuk-!-margin-bottom-2">
                    <Tag colour={s.colour}>{s.text}</Tag> <span className="govuk-body-s">{s.hint}</span>
                  </p>
                  <dl className="govuk-summary-list govuk-summary-list--no-border app-outbox__meta">
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">To</dt>
                      <dd className="govuk-summary-list__value app-break-word">{m.toAddress}</dd>
                    </div>
                    <div className="govuk-summary-list__row">
                      <dt className="govuk-summary-list__key">Created</dt>
                      <dd className="govuk-summary-list__value">{formatDateTime(m.createdAt)}</dd>
                    </div>
                    {m.sentAt ? (
                      <div className="govuk-summary-list__row">
                        <dt className="govuk-summary-list__key">Sent</dt>
                        <dd className="govuk-summary-list__value">{formatDateTime(m.sentAt)}</dd>
                      </div>
                    ) : null}
                    {m.attempts > 0 ? (
                      <div className="govuk-summary-list__row">
                        <dt className="govuk-summary-list__key">Attempts</dt>
                        <dd className="govuk-summary-list__value">{m.attempts}</dd>
                      </div>
                    ) : null}
                    {m.lastError ? (
                      <div className="govuk-summary-list__row">
                        <dt className="govuk-summary-list__key">Last error</dt>
                        <dd className="govuk-summary-list__value app-break-word">{m.lastError}</dd>
                      </div>
                    ) : null}
                  </dl>
                  <Details summary="Read the email">
                    <pre className="app-email-body">{m.textBody}</pre>
                  </Details>
                  {m.status === 'failed' || m.status === 'dead' ? (
                    <Button
                      type="button"
                      variant="secondary"
                      pending={retrying === m.id}
                      disabled={retrying !== null && retrying !== m.id}
                      onClick={() => void retry(m)}
                    >
                      Try again
                      <span className="govuk-visually-hidden">
                        {' '}
                        to send “{m.subject}” to {m.toAddress}
                      </span>
                    </Button>
                  ) : null}
                </li>
              );
            })}
          </ul>
        )}
      </ListResults>
    </>
  );
}
