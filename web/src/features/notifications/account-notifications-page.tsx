import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../app/api';
import { useSession } from '../../app/session';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { Loaded } from '../common/loaded';
import type { Preferences } from './types';

const PREFERENCES_KEY = ['me', 'preferences'];

function PreferencesForm({ current }: { current: Preferences }) {
  const { session } = useSession();
  const queryClient = useQueryClient();
  const flash = useFlash();
  const form = useEntityForm<{ dailyDigest: string }>({
    title: 'How you get reminders',
    initial: { dailyDigest: current.dailyDigest ? 'yes' : 'no' },
    draftKey: `preferences:${session?.person.id ?? ''}`,
    choiceMessages: { dailyDigest: 'Select how you want to get reminders' },
    validate: (v): Record<string, string> =>
      v.dailyDigest ? {} : { dailyDigest: 'Select how you want to get reminders' },
    save: async (v) => {
      await api.put('/me/preferences', { dailyDigest: v.dailyDigest === 'yes' });
      await queryClient.invalidateQueries({ queryKey: PREFERENCES_KEY });
    },
    done: () => ({ to: '/account/notifications', flash: 'Your choice has been saved', replace: true }),
  });
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <FormPage form={form} backTo="/notifications" caption="Your account" heading={null} submitText="Save">
        <Radios
          {...form.field('dailyDigest')}
          legend="How do you want to get reminders by email?"
          legendSize="l"
          isPageHeading
          hint="Reminders about work waiting for you always appear in Assure too, under Notifications."
          items={[
            {
              value: 'no',
              text: 'An email for each reminder',
              hint: 'Sent in the morning, as each one falls due.',
            },
            {
              value: 'yes',
              text: 'One email a day (a daily digest)',
              hint: 'All of the day’s reminders together, at about 7:30am.',
            },
          ]}
        />
      </FormPage>
    </>
  );
}

/** `/account/notifications`: the person's own choice of one email per reminder or a daily digest. */
export function AccountNotificationsPage() {
  const query = useQuery({
    queryKey: PREFERENCES_KEY,
    queryFn: () => api.get<Preferences>('/me/preferences'),
  });
  return (
    <Loaded query={query} what="your choices">
      {(current) => <PreferencesForm key={String(current.dailyDigest)} current={current} />}
    </Loaded>
  );
}
