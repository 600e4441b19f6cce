import { useQuery, useQueryClient } from '@tanstack/react-query';
import { COVERS_LABELS, PARTNERSHIP_COVERS } from '../../../../contracts/org';
import { api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { usePageTitle } from '../../app/page-title';
import { SESSION_KEY, usePartnership } from '../../app/session';
import type { Covers, Partnership } from '../../app/types';
import { BackLink } from '../../components/back-link';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { SummaryList } from '../../components/summary-list';
import { TextInput } from '../../components/text-input';
import { changeLinks } from '../common/change-links';
import { useFlash } from '../common/flash';
import { FormPage, useEntityForm } from '../common/form-page';
import { Loaded } from '../common/loaded';

export function usePartnershipDetails() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, 'partnership'],
    queryFn: () => api.get<Partnership>(path()),
  });
}

export function PartnershipPage() {
  const query = usePartnershipDetails();
  const flash = useFlash();
  usePageTitle(query.data ? 'Partnership details' : null);
  if (query.isPending) return <Loading what="partnership" />;
  if (query.error) return <LoadError error={query.error} />;
  const p = query.data;
  const canManage = p.allowedVerbs.includes('manage');
  const change = changeLinks(canManage ? '/admin/partnership/edit' : null);
  return (
    <>
      <BackLink to="/admin">Back to admin</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Partnership details</h1>
      <SummaryList
        rows={[
          { key: 'Name', value: p.name, actions: change('name') },
          {
            key: 'Covers',
            value: COVERS_LABELS[p.covers] ?? p.covers,
            actions: change('who the partnership covers'),
          },
          { key: 'Status', value: p.active ? 'Active' : 'Deactivated' },
        ]}
      />
    </>
  );
}

const coversItems = PARTNERSHIP_COVERS.map((c) => ({ value: c, text: COVERS_LABELS[c] }));

function EditPartnershipForm({ partnership }: { partnership: Partnership }) {
  const { partnershipId, path } = usePartnership();
  const queryClient = useQueryClient();
  const form = useEntityForm({
    title: 'Change partnership details',
    initial: { name: partnership.name, covers: partnership.covers as string, version: partnership.version },
    draftKey: `partnership:${partnershipId}`,
    fieldOrder: ['name', 'covers'],
    save: async (v, version) => {
      await api.put(path(), { name: v.name, covers: v.covers, version });
      await queryClient.invalidateQueries({ queryKey: [partnershipId] });
      await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
    },
    done: () => ({ to: '/admin/partnership', flash: 'Partnership details saved' }),
  });

  return (
    <FormPage
      form={form}
      backTo="/admin/partnership"
      submitText="Save changes"
      conflict={{
        fields: [
          { name: 'name', label: 'Name' },
          { name: 'covers', label: 'Covers', show: (v) => COVERS_LABELS[v as Covers] ?? String(v ?? '') },
        ],
        fromSaved: (c) => ({ name: String(c.name), covers: String(c.covers), version: Number(c.version) }),
      }}
    >
      <TextInput {...form.field('name')} label="Partnership name" spellCheck />
      <Radios
        {...form.field('covers')}
        legend="Who does the partnership cover?"
        legendSize="s"
        items={coversItems}
      />
    </FormPage>
  );
}

export function EditPartnershipPage() {
  const query = usePartnershipDetails();
  return (
    <Loaded query={query} what="partnership">
      {(partnership) => <EditPartnershipForm partnership={partnership} />}
    </Loaded>
  );
}
