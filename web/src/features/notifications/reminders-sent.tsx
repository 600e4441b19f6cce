import { useQuery } from '@tanstack/react-query';
import { REMINDER_CHANNEL_LABELS } from '../../../../contracts/notifications';
import { api, queryString } from '../../app/api';
import { InlineLoadError } from '../../app/error-pages';
import { formatDate, formatDateTime } from '../../app/format';
import { usePartnership } from '../../app/session';
import { Table } from '../../components/table';
import type { ReminderSent } from './types';

/**
 * The reminders sent about one work item (a response, an activity, later an action): when, to whom,
 * which rule and how. Mount it on the item's page; the server shows it only to people who may see the
 * item.
 */
export function RemindersSent({ itemType, itemId }: { itemType: string; itemId: string }) {
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'reminders', itemType, itemId],
    queryFn: () => api.get<{ items: ReminderSent[] }>(path(`reminders${queryString({ itemType, itemId })}`)),
  });
  if (query.isPending) return <p className="govuk-body">Loading the reminders sent…</p>;
  if (query.error) return <InlineLoadError error={query.error} what="the reminders sent" />;
  const items = query.data.items;
  if (items.length === 0) {
    return (
      <>
        <h2 className="govuk-heading-m">Reminders sent</h2>
        <p className="govuk-body">No reminders have been sent about this yet.</p>
      </>
    );
  }
  return (
    <Table<ReminderSent>
      caption="Reminders sent"
      rows={items}
      rowKey={(r) => r.id}
      columns={[
        { header: 'Sent', label: 'Sent', cell: (r) => formatDateTime(r.createdAt) },
        { header: 'To', label: 'To', cell: (r) => r.personName },
        {
          header: 'Reminder',
          label: 'Reminder',
          cell: (r) => (
            <>
              {r.ruleLabel}
              <span className="govuk-body-s govuk-hint govuk-!-display-block govuk-!-margin-bottom-0">
                For the due date {formatDate(r.dueOn)}
              </span>
            </>
          ),
        },
        {
          header: 'How',
          label: 'How',
          cell: (r) =>
            r.channel === 'digest'
              ? `${REMINDER_CHANNEL_LABELS.digest}${r.digestedAt ? '' : ' (not sent yet)'}`
              : REMINDER_CHANNEL_LABELS.email,
        },
      ]}
    />
  );
}
