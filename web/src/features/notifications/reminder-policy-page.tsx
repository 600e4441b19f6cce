import { useQuery, useQueryClient } from '@tanstack/react-query';
import { REMINDER_POLICY_LABELS, type TReminderPolicy } from '../../../../contracts/notifications';
import { ApiError, api, type FieldErrors } from '../../app/api';
import { ForbiddenPage } from '../../app/error-pages';
import { formatDateTime } from '../../app/format';
import { usePartnership, useSession } from '../../app/session';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { TextInput } from '../../components/text-input';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { Loaded } from '../common/loaded';
import type { ReminderPolicyView } from './types';

type Values = {
  daysBefore: string;
  onTheDay: string;
  daysAfter: string;
  thenEveryDays: string;
  escalateToAgencyLeadAfterDays: string;
  escalateToAdminAfterDays: string;
  version: number;
};
const FIELDS = [
  'daysBefore',
  'onTheDay',
  'daysAfter',
  'thenEveryDays',
  'escalateToAgencyLeadAfterDays',
  'escalateToAdminAfterDays',
] as const;
const LISTS = ['daysBefore', 'daysAfter'] as const;
const SINGLES = ['thenEveryDays', 'escalateToAgencyLeadAfterDays', 'escalateToAdminAfterDays'] as const;

const toValues = (p: TReminderPolicy & { version: number }): Values => ({
  daysBefore: p.daysBefore.join(', '),
  onTheDay: p.onTheDay ? 'yes' : 'no',
  daysAfter: p.daysAfter.join(', '),
  thenEveryDays: p.thenEveryDays?.toString() ?? '',
  escalateToAgencyLeadAfterDays: p.escalateToAgencyLeadAfterDays?.toString() ?? '',
  escalateToAdminAfterDays: p.escalateToAdminAfterDays?.toString() ?? '',
  version: p.version,
});

const WHOLE = /^\d+$/;
const tokens = (s: string) =>
  s
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean);

/** Checks the browser can make before it can even build the request: numbers must be whole numbers. */
function validate(v: Values): FieldErrors {
  const errors: FieldErrors = {};
  for (const f of LISTS) {
    if (tokens(v[f]).some((t) => !WHOLE.test(t)))
      errors[f] =
        `Enter ${REMINDER_POLICY_LABELS[f].label.toLowerCase()} as whole numbers separated by commas, for example 14, 7`;
  }
  for (const f of SINGLES) {
    const t = v[f].trim();
    if (t && !WHOLE.test(t)) errors[f] = `Enter a whole number of days, or leave it empty`;
  }
  return errors;
}

const toBody = (v: Values) => ({
  daysBefore: tokens(v.daysBefore).map(Number),
  onTheDay: v.onTheDay === 'yes',
  daysAfter: tokens(v.daysAfter).map(Number),
  thenEveryDays: v.thenEveryDays.trim() ? Number(v.thenEveryDays) : null,
  escalateToAgencyLeadAfterDays: v.escalateToAgencyLeadAfterDays.trim()
    ? Number(v.escalateToAgencyLeadAfterDays)
    : null,
  escalateToAdminAfterDays: v.escalateToAdminAfterDays.trim() ? Number(v.escalateToAdminAfterDays) : null,
});

/** The server names a list's bad entry `daysBefore.1`; the form has one field per list. */
function onFieldsOfForm(error: unknown): never {
  if (error instanceof ApiError && error.isValidation) {
    const fields: FieldErrors = {};
    for (const [k, message] of Object.entries(error.fields)) {
      const key = k.split('.')[0];
      fields[key] ??= message;
    }
    throw new ApiError(error.status, {
      error: error.code,
      message: error.message,
      details: { ...error.details, fields },
      requestId: error.requestId ?? undefined,
    });
  }
  throw error;
}

const daysText = (n: number | null, never: string) =>
  n === null ? never : `${n} ${n === 1 ? 'day' : 'days'}`;
const listText = (days: number[]) =>
  days.length === 0 ? 'None' : days.map((d) => daysText(d, '')).join(', ');

function ReminderPolicyForm({ current }: { current: ReminderPolicyView }) {
  const { partnershipId, path } = usePartnership();
  const queryClient = useQueryClient();
  const flash = useFlash();
  const form = useEntityForm<Values>({
    title: 'Reminders',
    initial: toValues(current),
    draftKey: `reminder-policy:${partnershipId}`,
    fieldOrder: [...FIELDS],
    validate,
    choiceMessages: { onTheDay: 'Select whether to remind people on the due date' },
    save: async (v, version) => {
      await api.put(path('reminder-policy'), { ...toBody(v), version }).catch(onFieldsOfForm);
      await queryClient.invalidateQueries({ queryKey: [partnershipId, 'reminder-policy'] });
    },
    done: () => ({ to: '/admin/reminders', flash: 'Reminder policy saved', replace: true }),
  });
  const L = REMINDER_POLICY_LABELS;
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <FormPage
        form={form}
        backTo="/admin"
        caption="Admin"
        intro={
          <>
            <p className="govuk-body">
              When Assure reminds people about work waiting for them (requests to fill in a form, activities
              they lead), and when it tells someone else that an item is overdue. Days are calendar days. Each
              reminder is emailed, or put in the person’s daily digest if they chose one, and is listed on the
              item.
            </p>
            <p className="govuk-body-s govuk-hint">
              {current.updatedAt
                ? `Last changed ${formatDateTime(current.updatedAt)}.`
                : 'These are Assure’s defaults: nobody has changed them yet.'}
            </p>
          </>
        }
        submitText="Save reminder policy"
        conflict={{
          fields: [
            { name: 'daysBefore', label: L.daysBefore.label },
            { name: 'onTheDay', label: L.onTheDay.label, show: (v) => (v === 'yes' ? 'Yes' : 'No') },
            { name: 'daysAfter', label: L.daysAfter.label },
            { name: 'thenEveryDays', label: L.thenEveryDays.label },
            { name: 'escalateToAgencyLeadAfterDays', label: L.escalateToAgencyLeadAfterDays.label },
            { name: 'escalateToAdminAfterDays', label: L.escalateToAdminAfterDays.label },
          ],
          fromSaved: (c) => toValues(c as unknown as ReminderPolicyView),
        }}
      >
        <h2 className="govuk-heading-m">Reminders to the people whose work it is</h2>
        <TextInput
          {...form.field('daysBefore')}
          label={L.daysBefore.label}
          hint={L.daysBefore.hint}
          width="10"
          inputMode="numeric"
        />
        <Radios
          {...form.field('onTheDay')}
          legend="Remind people on the due date?"
          legendSize="s"
          inline
          items={[
            { value: 'yes', text: 'Yes' },
            { value: 'no', text: 'No' },
          ]}
        />
        <TextInput
          {...form.field('daysAfter')}
          label={L.daysAfter.label}
          hint={L.daysAfter.hint}
          width="10"
          inputMode="numeric"
        />
        <TextInput
          {...form.field('thenEveryDays')}
          label={L.thenEveryDays.label}
          hint={L.thenEveryDays.hint}
          width="3"
          inputMode="numeric"
        />
        <h2 className="govuk-heading-m">Telling someone else about overdue work</h2>
        <TextInput
          {...form.field('escalateToAgencyLeadAfterDays')}
          label={L.escalateToAgencyLeadAfterDays.label}
          hint={L.escalateToAgencyLeadAfterDays.hint}
          width="3"
          inputMode="numeric"
        />
        <TextInput
          {...form.field('escalateToAdminAfterDays')}
          label={L.escalateToAdminAfterDays.label}
          hint={L.escalateToAdminAfterDays.hint}
          width="3"
          inputMode="numeric"
        />
      </FormPage>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">The policy now</h2>
          <dl className="govuk-summary-list">
            {[
              [L.daysBefore.label, listText(current.daysBefore)],
              [L.onTheDay.label, current.onTheDay ? 'Yes' : 'No'],
              [L.daysAfter.label, listText(current.daysAfter)],
              [L.thenEveryDays.label, daysText(current.thenEveryDays, 'No repeats')],
              [
                L.escalateToAgencyLeadAfterDays.label,
                daysText(current.escalateToAgencyLeadAfterDays, 'Never'),
              ],
              [L.escalateToAdminAfterDays.label, daysText(current.escalateToAdminAfterDays, 'Never')],
            ].map(([k, v]) => (
              <div className="govuk-summary-list__row" key={k}>
                <dt className="govuk-summary-list__key">{k}</dt>
                <dd className="govuk-summary-list__value">{v}</dd>
              </div>
            ))}
          </dl>
        </div>
      </div>
    </>
  );
}

/** `/admin/reminders`: the partnership's reminder policy (admins). */
export function ReminderPolicyPage() {
  const { isAdmin } = useSession();
  const { partnershipId, path } = usePartnership();
  const query = useQuery({
    queryKey: [partnershipId, 'reminder-policy'],
    queryFn: () => api.get<ReminderPolicyView>(path('reminder-policy')),
    enabled: isAdmin,
  });
  if (!isAdmin) return <ForbiddenPage />;
  return (
    <Loaded query={query} what="reminder policy">
      {(current) => <ReminderPolicyForm key={current.version} current={current} />}
    </Loaded>
  );
}
