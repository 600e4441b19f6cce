import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { COVERS_LABELS, PARTNERSHIP_COVERS } from '../../../../contracts/org';
import { api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { usePageTitle } from '../../app/page-title';
import { SESSION_KEY, usePartnership } from '../../app/session';
import type { Covers, Partnership } from '../../app/types';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { SummaryList } from '../../components/summary-list';
import { TextInput } from '../../components/text-input';
import { useFlash, withFlash } from '../common/flash';
import { ConflictPanel, FormFeedback } from '../common/form-feedback';

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
  const change = (what: string) =>
    canManage
      ? [
          <Link key="change" to="/admin/partnership/edit" className="govuk-link">
            Change<span className="govuk-visually-hidden"> {what}</span>
          </Link>,
        ]
      : undefined;
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
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm({
    initial: { name: partnership.name, covers: partnership.covers as string, version: partnership.version },
    draftKey: `partnership:${partnershipId}`,
    fieldOrder: ['name', 'covers'],
  });
  usePageTitle('Change partnership details', form.hasErrors);

  const save = (version: number) =>
    form.submit(
      async (v) => {
        await api.put(path(), { name: v.name, covers: v.covers, version });
        await queryClient.invalidateQueries({ queryKey: [partnershipId] });
        await queryClient.invalidateQueries({ queryKey: SESSION_KEY });
      },
      () => navigate('/admin/partnership', withFlash('Partnership details saved')),
    );

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/admin/partnership" />
        <FormFeedback form={form} />
        {form.conflict ? (
          <ConflictPanel
            conflict={form.conflict}
            fields={[
              { name: 'name', label: 'Name' },
              { name: 'covers', label: 'Covers', show: (v) => COVERS_LABELS[v as Covers] ?? String(v ?? '') },
            ]}
            values={form.values}
            pending={form.pending}
            onKeepMine={() => void save(Number(form.conflict?.current.version))()}
            onUseTheirs={() => {
              const c = form.conflict!.current;
              form.setValues({ name: String(c.name), covers: String(c.covers), version: Number(c.version) });
              form.dismissConflict();
            }}
          />
        ) : null}
        <h1 className="govuk-heading-l">Change partnership details</h1>
        <form onSubmit={save(form.values.version)} noValidate>
          <TextInput {...form.field('name')} label="Partnership name" spellCheck />
          <Radios
            {...form.field('covers')}
            legend="Who does the partnership cover?"
            legendSize="s"
            items={coversItems}
          />
          <ButtonGroup>
            <Button pending={form.pending}>Save changes</Button>
            <Link to="/admin/partnership" className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

export function EditPartnershipPage() {
  const query = usePartnershipDetails();
  usePageTitle(null);
  if (query.isPending) return <Loading what="partnership" />;
  if (query.error) return <LoadError error={query.error} />;
  return <EditPartnershipForm partnership={query.data} />;
}
