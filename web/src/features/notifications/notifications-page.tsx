import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { formatDateTime } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { Button } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Pagination } from '../../components/pagination';
import { Tag } from '../../components/tag';
import { ActionProblem } from '../common/form-feedback';
import type { AppNotification, NotificationPage } from './types';

/** The person's notifications in this partnership, newest first; unread ones marked "New". */
export function NotificationsPage() {
  const { partnershipId, path } = usePartnership();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = useQuery({
    queryKey: [partnershipId, 'notifications', 'list', page],
    queryFn: () => api.get<NotificationPage>(path(`notifications?page=${page}&pageSize=25`)),
  });
  const [pending, setPending] = useState<string | null>(null);
  const [done, setDone] = useState<{ heading: string; key: number } | null>(null);
  const [problem, setProblem] = useState<{ message: string; requestId: string | null; key: number } | null>(
    null,
  );
  usePageTitle(query.data ? 'Notifications' : null, problem !== null);
  if (query.isPending) return <Loading what="notifications" />;
  if (query.error) return <LoadError error={query.error} />;
  const { items, unread, total, pageSize } = query.data;

  const act = async (key: string, request: () => Promise<unknown>, heading: string) => {
    if (pending) return;
    setPending(key);
    setProblem(null);
    try {
      await request();
      await queryClient.invalidateQueries({ queryKey: [partnershipId, 'notifications'] });
      await queryClient.invalidateQueries({ queryKey: [partnershipId, 'my-work'] });
      setDone({ heading, key: Date.now() });
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
      setPending(null);
    }
  };

  return (
    <>
      {problem ? <ActionProblem problem={problem} focusKey={problem.key} /> : null}
      {done ? <NotificationBanner key={done.key} type="success" heading={done.heading} /> : null}
      <h1 className="govuk-heading-l">Notifications</h1>
      <p className="govuk-body">
        {unread === 0
          ? 'You have no unread notifications.'
          : `You have ${unread} unread ${unread === 1 ? 'notification' : 'notifications'}.`}{' '}
        <Link to="/account/notifications" className="govuk-link">
          Choose how you get reminders by email
        </Link>
        .
      </p>
      {unread > 0 ? (
        <Button
          type="button"
          variant="secondary"
          pending={pending === 'all'}
          disabled={pending !== null && pending !== 'all'}
          onClick={() =>
            void act(
              'all',
              () => api.post(path('notifications/read-all')),
              'All notifications marked as read',
            )
          }
        >
          Mark all as read
        </Button>
      ) : null}
      {items.length === 0 ? (
        <div className="govuk-inset-text">
          Nothing yet. Reminders about work waiting for you, and other news, will appear here.
        </div>
      ) : (
        <ul className="govuk-list">
          {items.map((n) => (
            <NotificationItem
              key={n.id}
              n={n}
              pending={pending === n.id}
              disabled={pending !== null && pending !== n.id}
              onRead={() =>
                void act(
                  n.id,
                  () => api.post(path(`notifications/${n.id}/read`)),
                  `Marked as read: ${n.title}`,
                )
              }
            />
          ))}
        </ul>
      )}
      <Pagination
        page={page}
        pageSize={pageSize}
        total={total}
        hrefFor={(p) => (p === 1 ? '/notifications' : `/notifications?page=${p}`)}
      />
    </>
  );
}

function NotificationItem({
  n,
  pending,
  disabled,
  onRead,
}: {
  n: AppNotification;
  pending: boolean;
  disabled: boolean;
  onRead(): void;
}) {
  const unread = n.readAt === null;
  return (
    <li className="app-outbox__item">
      <h2 className="govuk-heading-s govuk-!-margin-bottom-1">
        {unread ? (
          <>
            <Tag colour="blue">New</Tag>{' '}
          </>
        ) : null}
        {n.href ? (
          <Link to={n.href} className="govuk-link">
            {n.title}
          </Link>
        ) : (
          n.title
        )}
      </h2>
      {n.body ? <p className="govuk-body govuk-!-margin-bottom-1">{n.body}</p> : null}
      <p className="govuk-body-s govuk-hint govuk-!-margin-bottom-2">{formatDateTime(n.createdAt)}</p>
      {unread ? (
        <Button
          type="button"
          variant="secondary"
          className="govuk-!-margin-bottom-0"
          pending={pending}
          disabled={disabled}
          onClick={onRead}
        >
          Mark as read<span className="govuk-visually-hidden">: {n.title}</span>
        </Button>
      ) : null}
    </li>
  );
}
