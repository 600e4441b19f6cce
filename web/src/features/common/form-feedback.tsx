import type { ReactNode } from 'react';
import type { ConflictState, ErrorSummaryItem, ProblemState } from '../../app/use-form';
import { Button } from '../../components/button';
import { ErrorSummary } from '../../components/error-summary';
import { NotificationBanner } from '../../components/notification-banner';

type FormFeedbackState = {
  summary: ErrorSummaryItem[];
  problem: ProblemState | null;
  conflict: ConflictState | null;
  attempt: number;
  restoredFromDraft?: boolean;
  discardDraft?: () => void;
};

/**
 * What goes at the top of a form: the error summary (field errors, a conflict, or a service problem
 * with its reference), or a note that earlier typing was brought back from a draft.
 */
export function FormFeedback({ form }: { form: FormFeedbackState }) {
  if (form.problem) {
    return (
      <ErrorSummary
        title={form.problem.title}
        focusKey={form.attempt}
        description={
          <>
            <p className="govuk-body">{form.problem.message}</p>
            {form.problem.requestId ? (
              <p className="govuk-body">
                If it keeps happening, give this reference to your partnership admin:{' '}
                <strong className="app-reference">{form.problem.requestId}</strong>
              </p>
            ) : null}
          </>
        }
      />
    );
  }
  if (form.conflict) {
    return (
      <ErrorSummary
        title="Someone else has changed this"
        focusKey={form.attempt}
        items={[{ text: form.conflict.message, href: '#conflict' }]}
      />
    );
  }
  if (form.summary.length > 0) return <ErrorSummary items={form.summary} focusKey={form.attempt} />;
  if (form.restoredFromDraft) {
    return (
      <NotificationBanner heading="We kept what you typed earlier">
        <p className="govuk-body">It has not been saved yet. Check it, then save.</p>
        {form.discardDraft ? (
          <p className="govuk-body">
            <button type="button" className="govuk-link app-link-button" onClick={form.discardDraft}>
              Discard it and start from the saved version
            </button>
          </p>
        ) : null}
      </NotificationBanner>
    );
  }
  return null;
}

/**
 * The error summary for a one-button action on a page without a form (add an agency, try an email
 * again): what went wrong and, for a service problem, the reference to give.
 */
export function ActionProblem({
  problem,
  focusKey,
}: {
  problem: { message: string; requestId: string | null };
  focusKey: number;
}) {
  return (
    <ErrorSummary
      focusKey={focusKey}
      description={
        <p className="govuk-body">
          {problem.message}
          {problem.requestId ? (
            <>
              {' '}
              Reference: <strong className="app-reference">{problem.requestId}</strong>
            </>
          ) : null}
        </p>
      }
    />
  );
}

export type ConflictField = {
  name: string;
  label: string;
  show?(value: unknown): ReactNode;
};

const plain = (value: unknown): ReactNode => {
  if (value === null || value === undefined || value === '')
    return <span className="app-muted">Not set</span>;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return String(value);
};

/**
 * A stale save: the person's entry and the version saved meanwhile, side by side. Nothing is
 * overwritten until the person chooses.
 */
export function ConflictPanel({
  conflict,
  fields,
  values,
  pending,
  onKeepMine,
  onUseTheirs,
}: {
  conflict: ConflictState;
  fields: ConflictField[];
  values: Record<string, unknown>;
  pending: boolean;
  onKeepMine(): void;
  onUseTheirs(): void;
}) {
  return (
    <div className="app-conflict" id="conflict" tabIndex={-1}>
      <h2 className="govuk-heading-m">Someone else changed this while you were editing</h2>
      <p className="govuk-body">{conflict.message}</p>
      <div className="app-table-scroll">
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--s">
            Your entry and the saved version
          </caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Field
              </th>
              <th scope="col" className="govuk-table__header">
                What you entered
              </th>
              <th scope="col" className="govuk-table__header">
                Saved version
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {fields.map((f) => {
              const mine = values[f.name];
              const theirs = conflict.current[f.name];
              const show = f.show ?? plain;
              const differs = String(mine ?? '') !== String(theirs ?? '');
              return (
                <tr className="govuk-table__row" key={f.name}>
                  <th scope="row" className="govuk-table__header">
                    {f.label}
                    {differs ? <span className="govuk-visually-hidden"> (different)</span> : null}
                  </th>
                  <td className={differs ? 'govuk-table__cell app-conflict__differs' : 'govuk-table__cell'}>
                    {show(mine)}
                  </td>
                  <td className={differs ? 'govuk-table__cell app-conflict__differs' : 'govuk-table__cell'}>
                    {show(theirs)}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="govuk-body">
        Save your entry to replace the saved version, or start again from the saved version.
      </p>
      <div className="govuk-button-group">
        <Button type="button" onClick={onKeepMine} pending={pending}>
          Save my entry
        </Button>
        <Button type="button" variant="secondary" onClick={onUseTheirs} disabled={pending}>
          Use the saved version
        </Button>
      </div>
    </div>
  );
}
