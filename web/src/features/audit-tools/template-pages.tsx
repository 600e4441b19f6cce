import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { type TAuditTemplate, TEMPLATE_KINDS, type TemplateKind } from '../../../../contracts/audit-tools';
import { API_BASE, api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { formatDate } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { SummaryList } from '../../components/summary-list';
import { Table } from '../../components/table';
import { ActiveTag, Tag } from '../../components/tag';
import { TextInput } from '../../components/text-input';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, useNavigateWithFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { FormPage, useEntityForm } from '../common/form-page';
import { InlineAction } from '../common/inline-action';
import { ListResults, useListPage } from '../common/list-page';
import { Loaded } from '../common/loaded';
import { useRefresh } from '../common/queries';
import { SearchForm } from '../common/search-form';
import { RESOURCE, useCanWriteTemplates, useTemplate, useVersion } from './draft';
import {
  KIND_LABELS,
  questionFieldsInWords,
  sectionFieldsInWords,
  type TemplateDetail,
  type TemplateDiff,
  type TemplateSummary,
  type TemplateVersion,
  templateFieldsInWords,
  templatePaths,
  type VersionSummary,
} from './template-model';
import { TemplatePreview } from './template-preview';

const canWrite = (t: { allowedVerbs: string[] }) => t.allowedVerbs.includes('write');

function StatusTags({ t }: { t: TemplateSummary }) {
  return (
    <>
      {t.active ? null : (
        <>
          <ActiveTag active={false} />{' '}
        </>
      )}
      {t.latestPublishedNumber !== null ? (
        <Tag colour="green">Version {t.latestPublishedNumber} published</Tag>
      ) : (
        <Tag colour="grey">Not published</Tag>
      )}
      {t.hasDraft ? (
        <>
          {' '}
          <Tag colour="yellow">Draft</Tag>
        </>
      ) : null}
    </>
  );
}

export function TemplatesPage() {
  const flash = useFlash();
  const { list, query } = useListPage<TemplateSummary>({ resource: RESOURCE, title: 'Audit tools' });
  if (query.isPending) return <Loading what="audit tools" />;
  if (query.error) return <LoadError error={query.error} />;
  return (
    <>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <h1 className="govuk-heading-l">Audit tools</h1>
      <p className="govuk-body">
        The templates the partnership’s audits, self-assessments and surveys are completed in. Each has
        numbered versions: a published version never changes, so anything started on it keeps it.
      </p>
      <WriterActions />
      <SearchForm
        key={list.key}
        label="Search audit tools"
        q={list.q}
        includeInactive={list.includeInactive}
        inactiveLabel="Include deactivated audit tools"
        hrefWith={list.hrefWith}
      />
      <ListResults
        results={query.data}
        hrefFor={list.hrefFor}
        noun="audit tool"
        empty={<p className="govuk-body">There are no audit tools yet.</p>}
      >
        {(items) => (
          <Table<TemplateSummary>
            caption="Audit tools"
            captionHidden
            rows={items}
            rowKey={(t) => t.id}
            columns={[
              {
                header: 'Audit tool',
                cell: (t) => (
                  <Link className="govuk-link" to={`/audit-tools/${t.id}`}>
                    {t.title}
                  </Link>
                ),
              },
              { header: 'Kind', cell: (t) => KIND_LABELS[t.kind] },
              { header: 'Status', cell: (t) => <StatusTags t={t} /> },
            ]}
          />
        )}
      </ListResults>
    </>
  );
}

/** Create, import and the starter library, for people who may write templates (the server decides). */
function WriterActions() {
  if (!useCanWriteTemplates()) return null;
  return (
    <>
      <ButtonGroup>
        <ButtonLink to="/audit-tools/new">Create a template</ButtonLink>
        <ButtonLink to="/audit-tools/import" variant="secondary">
          Import a template
        </ButtonLink>
      </ButtonGroup>
      <p className="govuk-body">
        Or{' '}
        <Link className="govuk-link" to="/audit-tools/library">
          start from a template in the starter library
        </Link>
        .
      </p>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

type NewValues = { title: string; kind: string };

export function NewTemplatePage() {
  const { partnershipId, path } = usePartnership();
  const refresh = useRefresh(RESOURCE);
  const form = useEntityForm<NewValues, TemplateDetail>({
    title: 'Create a template',
    initial: { title: '', kind: '' },
    draftKey: `audit-template:new:${partnershipId}`,
    choiceMessages: { kind: 'Select the kind of audit tool' },
    save: async (v) => {
      const created = await api.post<TemplateDetail>(path(RESOURCE), { title: v.title, kind: v.kind });
      await refresh();
      return created;
    },
    done: (created) => ({
      to: `/audit-tools/${created.id}/draft`,
      flash: `${created.title} created as draft version 1`,
    }),
  });
  return (
    <FormPage
      form={form}
      backTo="/audit-tools"
      caption="Audit tools"
      submitText="Create template"
      intro={
        <p className="govuk-body">
          You will then add its sections and questions. Nobody can use it until it is published.
        </p>
      }
    >
      <TextInput
        {...form.field('title')}
        label="Title"
        hint="For example, Multi-agency case file audit: neglect"
        spellCheck
      />
      <Radios
        {...form.field('kind')}
        legend="What kind of audit tool is it?"
        legendSize="m"
        items={TEMPLATE_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] }))}
      />
    </FormPage>
  );
}

// ---------------------------------------------------------------------------------------------

function useTemplateFromUrl() {
  const { templateId = '' } = useParams();
  return { templateId, query: useTemplate(templateId) };
}

const draftOf = (t: TemplateDetail) => t.versions.find((v) => v.status === 'draft');

export function TemplatePage() {
  const { query } = useTemplateFromUrl();
  return (
    <Loaded query={query} what="audit tool">
      {(t) => <TemplateSummaryPage t={t} />}
    </Loaded>
  );
}

function TemplateSummaryPage({ t }: { t: TemplateDetail }) {
  const flash = useFlash();
  const { path } = usePartnership();
  const refresh = useRefresh(RESOURCE);
  const goTo = useNavigateWithFlash();
  const action = useForm({ initial: {} });
  usePageTitle(t.title, action.hasErrors);
  const writer = canWrite(t);
  const draft = draftOf(t);
  const byId = new Map(t.versions.map((v) => [v.id, v]));
  const paths = templatePaths(path, t.id);
  const exportHref = (v: VersionSummary, ext: 'json' | 'xlsx') =>
    `${API_BASE}${paths.version(v.id)}/export.${ext}`;
  const newDraftFrom = (v: VersionSummary) =>
    action.submit(
      async () => {
        await api.post(`${paths.version(v.id)}/new-draft`);
        await refresh();
      },
      () => goTo({ to: `/audit-tools/${t.id}/draft`, flash: `New draft made from version ${v.number}` }),
    );

  return (
    <>
      <BackLink to="/audit-tools">Back to audit tools</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      <FormFeedback form={action} />
      <span className="govuk-caption-l">Audit tools</span>
      <h1 className="govuk-heading-l">{t.title}</h1>
      <SummaryList
        rows={[
          { key: 'Kind', value: KIND_LABELS[t.kind] },
          { key: 'Status', value: <StatusTags t={t} /> },
        ]}
      />

      {writer && draft ? (
        <>
          <h2 className="govuk-heading-m">Draft version {draft.number}</h2>
          <p className="govuk-body">
            Last changed {formatDate(draft.updatedAt)}. Publishing freezes it: nobody can change it
            afterwards, and new audits use it.
          </p>
          <ButtonGroup>
            <ButtonLink to={`/audit-tools/${t.id}/draft`}>Edit the draft</ButtonLink>
            <ButtonLink to={`/audit-tools/${t.id}/draft/publish`} variant="secondary">
              Publish version {draft.number}
            </ButtonLink>
          </ButtonGroup>
        </>
      ) : null}

      <h2 className="govuk-heading-m">Versions</h2>
      {writer && !draft ? (
        <p className="govuk-body">To change this audit tool, make a new draft from any of its versions.</p>
      ) : null}
      <Table<VersionSummary>
        caption="Versions"
        captionHidden
        rows={[...t.versions].reverse()}
        rowKey={(v) => v.id}
        columns={[
          {
            header: 'Version',
            cell: (v) => (
              <Link className="govuk-link" to={`/audit-tools/${t.id}/versions/${v.id}`}>
                Version {v.number}
              </Link>
            ),
          },
          {
            header: 'Status',
            cell: (v) =>
              v.status === 'draft' ? <Tag colour="yellow">Draft</Tag> : <Tag colour="green">Published</Tag>,
          },
          {
            header: 'Details',
            cell: (v) => (
              <>
                {v.publishedAt
                  ? `Published ${formatDate(v.publishedAt)}`
                  : `Changed ${formatDate(v.updatedAt)}`}
                {v.basedOnVersionId && byId.get(v.basedOnVersionId) ? (
                  <>
                    <br />
                    Made from version {byId.get(v.basedOnVersionId)?.number}
                  </>
                ) : null}
              </>
            ),
          },
          {
            header: 'Export',
            cell: (v) => (
              <>
                <a className="govuk-link" href={exportHref(v, 'json')} download>
                  JSON<span className="govuk-visually-hidden"> of version {v.number}</span>
                </a>{' '}
                <a className="govuk-link" href={exportHref(v, 'xlsx')} download>
                  XLSX<span className="govuk-visually-hidden"> of version {v.number}</span>
                </a>
              </>
            ),
          },
          ...(writer && !draft
            ? [
                {
                  header: <span className="govuk-visually-hidden">Action</span>,
                  label: '',
                  cell: (v: VersionSummary) => (
                    <button
                      type="button"
                      className="govuk-link app-link-button"
                      onClick={newDraftFrom(v)}
                      disabled={action.pending}
                    >
                      Make a new draft from version {v.number}
                    </button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {t.versions.length >= 2 ? <CompareForm t={t} /> : null}
      {writer ? <TemplateStatus t={t} /> : null}
    </>
  );
}

function CompareForm({ t }: { t: TemplateDetail }) {
  const navigate = useNavigate();
  const sorted = [...t.versions].sort((a, b) => a.number - b.number);
  const [from, setFrom] = useState(sorted[sorted.length - 2].id);
  const [to, setTo] = useState(sorted[sorted.length - 1].id);
  const options = sorted.map((v) => ({
    value: v.id,
    text: `Version ${v.number}${v.status === 'draft' ? ' (draft)' : ''}`,
  }));
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    navigate(`/audit-tools/${t.id}/compare?from=${from}&to=${to}`);
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <h2 className="govuk-heading-m">Compare versions</h2>
      <Select id="compare-from" label="From" value={from} onChange={setFrom} options={options} />
      <Select id="compare-to" label="To" value={to} onChange={setTo} options={options} />
      <Button variant="secondary">Compare versions</Button>
    </form>
  );
}

function TemplateStatus({ t }: { t: TemplateDetail }) {
  const { path } = usePartnership();
  const refresh = useRefresh(RESOURCE);
  if (t.active) {
    return (
      <>
        <h2 className="govuk-heading-m">Deactivate this audit tool</h2>
        <p className="govuk-body">When it should no longer be used for new work. Nothing is deleted.</p>
        <ButtonLink to={`/audit-tools/${t.id}/deactivate`} variant="warning">
          Deactivate audit tool
        </ButtonLink>
      </>
    );
  }
  return (
    <InlineAction
      heading="Reactivate this audit tool"
      buttonText="Reactivate audit tool"
      onAction={async () => {
        await api.post(path(`${RESOURCE}/${t.id}/reactivate`));
        await refresh();
      }}
      done={{ to: `/audit-tools/${t.id}`, flash: `${t.title} reactivated`, replace: true }}
    >
      <p className="govuk-body">This audit tool is deactivated. Reactivate it to use it for new work.</p>
    </InlineAction>
  );
}

export function DeactivateTemplatePage() {
  const { templateId, query } = useTemplateFromUrl();
  const { path } = usePartnership();
  const refresh = useRefresh(RESOURCE);
  return (
    <Loaded query={query} what="audit tool">
      {(t) => (
        <ConfirmAction
          title={`Deactivate ${t.title}?`}
          caption="Audit tools"
          confirmText="Deactivate audit tool"
          cancelTo={`/audit-tools/${templateId}`}
          onConfirm={async () => {
            await api.post(path(`${RESOURCE}/${templateId}/deactivate`));
            await refresh();
          }}
          done={{ to: `/audit-tools/${templateId}`, flash: `${t.title} deactivated` }}
        >
          <p className="govuk-body">Deactivating does not delete anything:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>audits already started on one of its versions keep that version</li>
            <li>it will not be offered for new work</li>
          </ul>
          <p className="govuk-body">You can reactivate it at any time.</p>
        </ConfirmAction>
      )}
    </Loaded>
  );
}

export function PublishDraftPage() {
  const { templateId, query } = useTemplateFromUrl();
  const { path } = usePartnership();
  const refresh = useRefresh(RESOURCE);
  return (
    <Loaded query={query} what="audit tool">
      {(t) => {
        const draft = draftOf(t);
        if (!draft) {
          return <NothingToPublish t={t} />;
        }
        return (
          <ConfirmAction
            title={`Publish version ${draft.number} of ${t.title}?`}
            caption="Audit tools"
            confirmText={`Publish version ${draft.number}`}
            warning={false}
            cancelTo={`/audit-tools/${templateId}/draft`}
            onConfirm={async () => {
              await api.post(`${templatePaths(path, templateId).version(draft.id)}/publish`);
              await refresh();
            }}
            done={{ to: `/audit-tools/${templateId}`, flash: `Version ${draft.number} published` }}
          >
            <p className="govuk-body">When you publish this draft:</p>
            <ul className="govuk-list govuk-list--bullet">
              <li>it is frozen: nobody can change it, including you</li>
              <li>
                new audits and self-assessments use it; anything already started keeps the version it started
                on
              </li>
              <li>to change it later, make a new draft from it</li>
            </ul>
            <p className="govuk-body">
              <Link className="govuk-link" to={`/audit-tools/${templateId}/versions/${draft.id}`}>
                Preview version {draft.number}
              </Link>{' '}
              before you publish it.
            </p>
          </ConfirmAction>
        );
      }}
    </Loaded>
  );
}

function NothingToPublish({ t }: { t: TemplateDetail }) {
  usePageTitle('There is no draft to publish');
  return (
    <>
      <BackLink to={`/audit-tools/${t.id}`}>{`Back to ${t.title}`}</BackLink>
      <h1 className="govuk-heading-l">There is no draft to publish</h1>
      <p className="govuk-body">Every version of {t.title} is already published.</p>
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export function VersionPage() {
  const { templateId = '', versionId = '' } = useParams();
  const template = useTemplate(templateId);
  const version = useVersion(templateId, versionId);
  if (template.isPending || version.isPending) return <Loading what="version" />;
  if (template.error) return <LoadError error={template.error} />;
  if (version.error) return <LoadError error={version.error} />;
  return <VersionPreview t={template.data} v={version.data} />;
}

function VersionPreview({ t, v }: { t: TemplateDetail; v: TemplateVersion }) {
  const { path } = usePartnership();
  usePageTitle(`Version ${v.number} of ${v.definition.title}`);
  const href = (ext: string) => `${API_BASE}${templatePaths(path, t.id).version(v.id)}/export.${ext}`;
  return (
    <>
      <BackLink to={`/audit-tools/${t.id}`}>{`Back to ${t.title}`}</BackLink>
      <span className="govuk-caption-l">
        {v.status === 'draft'
          ? `Draft version ${v.number}`
          : `Version ${v.number}, published ${formatDate(v.publishedAt)}`}
      </span>
      <h1 className="govuk-heading-l">{v.definition.title}</h1>
      {v.status === 'draft' && canWrite(t) ? (
        <p className="govuk-body">
          This is how the draft looks now.{' '}
          <Link className="govuk-link" to={`/audit-tools/${t.id}/draft`}>
            Edit the draft
          </Link>
        </p>
      ) : null}
      <p className="govuk-body">
        Export this version as{' '}
        <a className="govuk-link" href={href('json')} download>
          JSON
        </a>{' '}
        or{' '}
        <a className="govuk-link" href={href('xlsx')} download>
          XLSX
        </a>
        .
      </p>
      <TemplatePreview def={v.definition} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------

export function CompareVersionsPage() {
  const { templateId = '' } = useParams();
  const [params] = useSearchParams();
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const { partnershipId, path } = usePartnership();
  const template = useTemplate(templateId);
  const diff = useQuery({
    queryKey: [partnershipId, RESOURCE, 'diff', templateId, from, to],
    queryFn: () => api.get<TemplateDiff>(`${templatePaths(path, templateId).version(from)}/diff/${to}`),
  });
  const versionTo = useVersion(templateId, to);
  if (template.isPending || diff.isPending || versionTo.isPending) return <Loading what="changes" />;
  if (template.error) return <LoadError error={template.error} />;
  if (diff.error) return <LoadError error={diff.error} />;
  if (versionTo.error) return <LoadError error={versionTo.error} />;
  return <DiffView t={template.data} d={diff.data} def={versionTo.data.definition} />;
}

function DiffView({ t, d, def }: { t: TemplateDetail; d: TemplateDiff; def: TAuditTemplate }) {
  const title = `Changes from version ${d.from.number} to version ${d.to.number}`;
  usePageTitle(title);
  const nothing =
    d.changedFields.length === 0 &&
    [
      d.sections.added,
      d.sections.removed,
      d.sections.changed,
      d.questions.added,
      d.questions.removed,
      d.questions.changed,
    ].every((x) => x.length === 0);
  const sectionTitle = (id: string) => def.sections.find((s) => s.id === id)?.title ?? id;
  const questionText = (id: string) =>
    def.sections.flatMap((s) => s.questions).find((q) => q.id === id)?.text ?? id;
  return (
    <>
      <BackLink to={`/audit-tools/${t.id}`}>{`Back to ${t.title}`}</BackLink>
      <span className="govuk-caption-l">{t.title}</span>
      <h1 className="govuk-heading-l">{title}</h1>
      {nothing ? <p className="govuk-body">Nothing changed between these versions.</p> : null}
      {d.changedFields.length > 0 ? (
        <>
          <h2 className="govuk-heading-m">The template</h2>
          <p className="govuk-body">Changed: {templateFieldsInWords(d.changedFields)}.</p>
        </>
      ) : null}
      <ChangeTable
        caption="Sections added"
        rows={d.sections.added.map((s) => ({ id: s.id, name: s.title, what: 'Added' }))}
      />
      <ChangeTable
        caption="Sections removed"
        rows={d.sections.removed.map((s) => ({ id: s.id, name: s.title, what: 'Removed' }))}
      />
      <ChangeTable
        caption="Sections changed"
        rows={d.sections.changed.map((s) => ({
          id: s.id,
          name: sectionTitle(s.id),
          what: `Changed: ${sectionFieldsInWords(s.fields)}`,
        }))}
      />
      <ChangeTable
        caption="Questions added"
        rows={d.questions.added.map((q) => ({
          id: q.id,
          name: q.text,
          what: `Added to ${sectionTitle(q.sectionId)}`,
        }))}
      />
      <ChangeTable
        caption="Questions removed"
        rows={d.questions.removed.map((q) => ({ id: q.id, name: q.text, what: 'Removed' }))}
      />
      <ChangeTable
        caption="Questions changed"
        rows={d.questions.changed.map((q) => ({
          id: q.id,
          name: questionText(q.id),
          what: `Changed: ${questionFieldsInWords(q.fields)}`,
        }))}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/audit-tools/${t.id}/versions/${d.to.id}`}>
          See version {d.to.number} in full
        </Link>
      </p>
    </>
  );
}

function ChangeTable({
  caption,
  rows,
}: {
  caption: string;
  rows: { id: string; name: string; what: string }[];
}) {
  if (rows.length === 0) return null;
  return (
    <Table
      caption={caption}
      rows={rows}
      rowKey={(r) => r.id}
      columns={[
        { header: 'Name', cell: (r) => r.name },
        { header: 'Id', cell: (r) => <code>{r.id}</code> },
        { header: 'What changed', cell: (r) => r.what },
      ]}
    />
  );
}

export type { TemplateKind };
