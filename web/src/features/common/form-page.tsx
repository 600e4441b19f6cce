import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { usePageTitle } from '../../app/page-title';
import { type FormOptions, useForm } from '../../app/use-form';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup } from '../../components/button';
import { type FlashTarget, useNavigateWithFlash } from './flash';
import { type ConflictField, ConflictPanel, FormFeedback } from './form-feedback';

type Values = Record<string, unknown>;

/**
 * The state of a whole-page form that creates or changes a record (see useForm): the page title, with
 * "Error: " while the form shows errors, and `saveAt(version)`, which sends the form against a version
 * of the record (the one it was opened with, or the newer one after a conflict) and then goes to `done`.
 */
export function useEntityForm<V extends Values, R = unknown>({
  title,
  save,
  done,
  ...options
}: FormOptions<V> & {
  title: string;
  /** The request, and refreshing what it affects. Forms of records without a version get 0. */
  save(values: V, version: number): Promise<R>;
  /** Where to go once saved, with its success banner; without it, the page stays (`save` moves on). */
  done?(result: R): FlashTarget;
}) {
  const form = useForm<V>(options);
  usePageTitle(title, form.hasErrors);
  const goTo = useNavigateWithFlash();
  const saveAt = (version: number) =>
    form.submit((values) => save(values, version), done ? (result) => goTo(done(result as R)) : undefined);
  return { ...form, title, saveAt };
}

export type EntityForm<V extends Values> = ReturnType<typeof useEntityForm<V>>;

/**
 * The GOV.UK page around an entity form: back link, error summary (or the note that a draft was
 * restored), the other person's version beside the person's own after a stale save, caption and heading,
 * then the fields with the submit button and Cancel.
 */
export function FormPage<V extends Values>({
  form,
  backTo,
  caption,
  heading = form.title,
  intro,
  submitText,
  pendingText,
  conflict,
  after,
  children,
}: {
  form: EntityForm<V>;
  /** Where the back link and Cancel go. */
  backTo: string;
  caption?: string;
  /** The h1, if not the page title; null when a field's legend is the page heading. */
  heading?: string | null;
  /** Between the heading and the form. */
  intro?: ReactNode;
  submitText: string;
  pendingText?: string;
  /** For records with a version: the fields compared after a stale save, and the values to start again from. */
  conflict?: { fields: ConflictField[]; fromSaved(current: Record<string, unknown>): V };
  /** Below the form. */
  after?: ReactNode;
  children: ReactNode;
}) {
  const version = typeof form.values.version === 'number' ? form.values.version : 0;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to={backTo} />
        <FormFeedback form={form} />
        {conflict && form.conflict ? (
          <ConflictPanel
            conflict={form.conflict}
            fields={conflict.fields}
            values={form.values}
            pending={form.pending}
            onKeepMine={() => void form.saveAt(Number(form.conflict?.current.version))()}
            onUseTheirs={() => {
              form.setValues(conflict.fromSaved(form.conflict!.current));
              form.dismissConflict();
            }}
          />
        ) : null}
        {caption !== undefined ? <span className="govuk-caption-l">{caption}</span> : null}
        {heading !== null ? <h1 className="govuk-heading-l">{heading}</h1> : null}
        {intro}
        <form onSubmit={form.saveAt(version)} noValidate>
          {children}
          <ButtonGroup>
            <Button pending={form.pending} pendingText={pendingText}>
              {submitText}
            </Button>
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
