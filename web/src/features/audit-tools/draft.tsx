import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useRef } from 'react';
import { Link, useParams } from 'react-router';
import type { TAuditTemplate } from '../../../../contracts/audit-tools';
import { ApiError, api } from '../../app/api';
import { LoadError, Loading } from '../../app/error-pages';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import type { FormOptions } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup } from '../../components/button';
import type { FlashTarget } from '../common/flash';
import { type ConflictField, ConflictPanel, FormFeedback } from '../common/form-feedback';
import { useEntityForm } from '../common/form-page';
import { usePartnershipRecord, useRefresh } from '../common/queries';
import {
  remapDefinitionErrors,
  type TemplateDetail,
  type TemplateVersion,
  templatePaths,
} from './template-model';

export const RESOURCE = 'audit-templates';

/** One template with its versions. */
export function useTemplate(templateId: string) {
  return usePartnershipRecord<TemplateDetail>(RESOURCE, templateId);
}

/** One version of a template, with its definition. */
export function useVersion(templateId: string, versionId: string | undefined) {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, RESOURCE, 'version', templateId, versionId],
    queryFn: () => api.get<TemplateVersion>(templatePaths(path, templateId).version(versionId ?? '')),
    enabled: versionId !== undefined,
  });
}

/**
 * Whether to offer creating and importing templates: partnership admins and QA group members may
 * (auditTemplatePolicy). Pages with a template use its allowedVerbs instead; the server decides.
 */
export function useCanWriteTemplates() {
  const { currentPartnership } = useSession();
  return (currentPartnership?.roles ?? []).some(
    (r) => r.role === 'partnership_admin' || r.role === 'qa_group_member',
  );
}

export type DraftContext = { template: TemplateDetail; draft: TemplateVersion };

/**
 * The builder's pages need the template's draft: loading, load errors, and a template without a draft
 * (published and not reopened) are handled here; `children` gets both once they are there.
 */
export function DraftLoaded({ children }: { children(ctx: DraftContext): ReactNode }) {
  const { templateId = '' } = useParams();
  const template = useTemplate(templateId);
  const draftSummary = template.data?.versions.find((v) => v.status === 'draft');
  const draft = useVersion(templateId, draftSummary?.id);
  if (template.isPending) return <Loading what="audit tool" />;
  if (template.error) return <LoadError error={template.error} />;
  if (!draftSummary) return <NoDraft template={template.data} />;
  if (draft.isPending) return <Loading what="draft" />;
  if (draft.error) return <LoadError error={draft.error} />;
  return children({ template: template.data, draft: draft.data });
}

function NoDraft({ template }: { template: TemplateDetail }) {
  usePageTitle('There is no draft to change');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={`/audit-tools/${template.id}`}>{`Back to ${template.title}`}</BackLink>
        <h1 className="govuk-heading-l">There is no draft to change</h1>
        <p className="govuk-body">
          Published versions of {template.title} cannot change, so that anything started on them keeps them.
        </p>
        <p className="govuk-body">
          To make changes,{' '}
          <Link className="govuk-link" to={`/audit-tools/${template.id}`}>
            make a new draft from one of its versions
          </Link>
          .
        </p>
      </div>
    </div>
  );
}

/**
 * Saving the draft: every change sends the whole definition with the draft's version, so a change made
 * meanwhile by someone else is refused (409) rather than overwritten. `change` gets a copy of the
 * definition to change; errors the server names by path are mapped onto the form's fields by `mapPath`.
 */
export function useSaveDraft(ctx: DraftContext) {
  const { partnershipId, path } = usePartnership();
  const queryClient = useQueryClient();
  const refresh = useRefresh(RESOURCE);
  const { template, draft } = ctx;
  return async (
    change: (def: TAuditTemplate) => TAuditTemplate,
    opts: {
      base?: { definition: TAuditTemplate; version: number };
      mapPath?: (path: string, sent: TAuditTemplate) => string | null;
    } = {},
  ) => {
    const base = opts.base ?? draft;
    const next = change(structuredClone(base.definition));
    try {
      const saved = await api.put<TemplateVersion>(templatePaths(path, template.id).version(draft.id), {
        definition: next,
        version: base.version,
      });
      queryClient.setQueryData([partnershipId, RESOURCE, 'version', template.id, draft.id], saved);
      await refresh();
      return saved;
    } catch (error) {
      // The draft as it is now, so the next save goes against its version.
      if (error instanceof ApiError && error.isConflict && error.details?.current) {
        queryClient.setQueryData(
          [partnershipId, RESOURCE, 'version', template.id, draft.id],
          error.details.current,
        );
      }
      throw remapDefinitionErrors(error, next, opts.mapPath ?? (() => null));
    }
  };
}

/** A change that cannot be made any more because someone else removed what it changes. */
export const goneError = (what: string) =>
  new ApiError(409, {
    error: 'GONE',
    message: `Someone else removed this ${what} from the draft while you were editing. Go back to the draft to see it as it is now.`,
  });

/**
 * A builder form: a GOV.UK form page whose save changes the draft's definition. After a stale save it
 * shows the other person's version of these fields beside the person's own; "Save my entry" applies the
 * person's change to the draft as it is now.
 */
export function useDraftForm<V extends Record<string, unknown>>(
  ctx: DraftContext,
  opts: FormOptions<V> & {
    title: string;
    /** The change this form makes to a definition. */
    apply(def: TAuditTemplate, values: V): TAuditTemplate;
    /** Which form field a server error path belongs to; null for elsewhere. */
    mapPath?(path: string, sent: TAuditTemplate): string | null;
    done?: FlashTarget;
  },
) {
  const save = useSaveDraft(ctx);
  const conflictRef = useRef<{ definition: TAuditTemplate; version: number } | null>(null);
  const form = useEntityForm<V>({
    ...opts,
    save: async (values, version) => {
      const newer = conflictRef.current;
      const base = newer && newer.version === version ? newer : undefined;
      return save((def) => opts.apply(def, values), { base, mapPath: opts.mapPath });
    },
    done: opts.done ? () => opts.done! : undefined,
  });
  const current = form.conflict?.current as unknown as TemplateVersion | undefined;
  conflictRef.current = current ? { definition: current.definition, version: current.version } : null;
  return form;
}

/**
 * The page around a builder form: back link, error summary, the conflict panel (the other person's
 * values of this form's fields, from their definition), caption, heading, fields, submit and Cancel.
 */
export function DraftFormPage<V extends Record<string, unknown>>({
  form,
  ctx,
  backTo,
  heading = form.title,
  intro,
  submitText,
  conflictFields,
  valuesFrom,
  children,
  after,
}: {
  form: ReturnType<typeof useDraftForm<V>>;
  ctx: DraftContext;
  backTo: string;
  heading?: string | null;
  intro?: ReactNode;
  submitText: string;
  conflictFields: ConflictField[];
  /** This form's values as they are in a definition (someone else's, after a conflict). */
  valuesFrom(def: TAuditTemplate): V | null;
  children: ReactNode;
  after?: ReactNode;
}) {
  const current = form.conflict?.current as unknown as TemplateVersion | undefined;
  const theirs = current ? valuesFrom(current.definition) : null;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={backTo} />
        <FormFeedback form={form} />
        {form.conflict && current ? (
          <ConflictPanel
            conflict={{
              message: form.conflict.message,
              current: theirs ?? Object.fromEntries(conflictFields.map((f) => [f.name, '(removed)'])),
            }}
            fields={conflictFields}
            values={form.values}
            pending={form.pending}
            onKeepMine={() => void form.saveAt(current.version)()}
            onUseTheirs={() => {
              if (theirs) form.setValues(theirs);
              form.dismissConflict();
            }}
          />
        ) : null}
        <span className="govuk-caption-l">
          {ctx.draft.definition.title}: draft version {ctx.draft.number}
        </span>
        {heading !== null ? <h1 className="govuk-heading-l">{heading}</h1> : null}
        {intro}
        <form onSubmit={form.saveAt(ctx.draft.version)} noValidate>
          {children}
          <ButtonGroup>
            <Button pending={form.pending}>{submitText}</Button>
            <Link to={backTo} className="govuk-link">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
        {after}
      </div>
    </div>
  );
}
