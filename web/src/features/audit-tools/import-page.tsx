import { type FormEvent, useRef, useState } from 'react';
import { Link } from 'react-router';
import { API_BASE, ApiError } from '../../app/api';
import { usePageTitle } from '../../app/page-title';
import { usePartnership, useSession } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup } from '../../components/button';
import { cx } from '../../components/class-names';
import { ErrorSummary } from '../../components/error-summary';
import { useNavigateWithFlash } from '../common/flash';
import { ActionProblem } from '../common/form-feedback';
import { useRefresh } from '../common/queries';
import { RESOURCE } from './draft';
import { describePath, type TemplateDetail } from './template-model';

/** Sends one file as multipart/form-data with the session's CSRF token; errors become ApiError. */
async function uploadFile<T>(url: string, file: File, csrfToken: string | undefined): Promise<T> {
  const body = new FormData();
  body.append('file', file);
  let response: Response;
  try {
    response = await fetch(`${API_BASE}${url}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { Accept: 'application/json', ...(csrfToken ? { 'X-CSRF-Token': csrfToken } : {}) },
    });
  } catch {
    throw new ApiError(0, {});
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    parsed = null;
  }
  if (!response.ok) throw new ApiError(response.status, (parsed as object | null) ?? {});
  return parsed as T;
}

/** A problem the server named, in words: workbook problems already say their sheet, row and column. */
function problemText(key: string, message: string): string {
  if (key === 'file' || key.includes('!') || /^(About|Sections|Questions|Scales|Bands)$/.test(key))
    return message;
  return `${describePath(key)}: ${message}`;
}

export function ImportTemplatePage() {
  const { path } = usePartnership();
  const { session } = useSession();
  const refresh = useRefresh(RESOURCE);
  const goTo = useNavigateWithFlash();
  const fileRef = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<string[]>([]);
  const [failure, setFailure] = useState<{ message: string; requestId: string | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const hasErrors = problems.length > 0 || failure !== null;
  usePageTitle('Import a template', hasErrors);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const file = fileRef.current?.files?.[0];
    setFailure(null);
    setAttempt((n) => n + 1);
    if (!file) {
      setProblems(['Select a JSON or XLSX file to import']);
      return;
    }
    setPending(true);
    try {
      const created = await uploadFile<TemplateDetail>(path(`${RESOURCE}/import`), file, session?.csrfToken);
      await refresh();
      goTo({ to: `/audit-tools/${created.id}`, flash: `${created.title} imported as draft version 1` });
    } catch (error) {
      const e = error instanceof ApiError ? error : new ApiError(0, {});
      const fields = Object.entries(e.fields);
      if (e.isValidation && fields.length > 0) {
        setProblems(fields.map(([key, message]) => problemText(key, message)));
      } else {
        setProblems([]);
        setFailure({
          message:
            e.status === 401
              ? 'You have been signed out. Sign in again, then import the file.'
              : e.isServiceProblem
                ? 'Sorry, there is a problem with the service. Try again later.'
                : e.message,
          requestId: e.requestId,
        });
      }
    } finally {
      setPending(false);
    }
  };

  const inlineError =
    problems.length === 1
      ? problems[0]
      : problems.length > 1
        ? `The file has ${problems.length} problems. Each is listed above.`
        : undefined;

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/audit-tools">Back to audit tools</BackLink>
        {failure ? <ActionProblem problem={failure} focusKey={attempt} /> : null}
        {problems.length > 0 ? (
          <ErrorSummary
            title={problems.length > 1 ? 'There are problems with the file' : 'There is a problem'}
            description={
              problems.length > 1 ? (
                <p className="govuk-body">Nothing was imported. Correct these, then import the file again.</p>
              ) : undefined
            }
            items={problems.map((text) => ({ text, href: '#file' }))}
            focusKey={attempt}
          />
        ) : null}
        <span className="govuk-caption-l">Audit tools</span>
        <h1 className="govuk-heading-l">Import a template</h1>
        <p className="govuk-body">
          Import an audit tool exported from Assure, as JSON or as an XLSX workbook (which you can edit in a
          spreadsheet first). It becomes a new template whose version 1 is a draft, for you to check and
          publish.
        </p>
        <p className="govuk-body">
          The format is described in <code>docs/template-format.md</code>, which comes with Assure. To start
          from an example, export any template from its page.
        </p>
        <form onSubmit={onSubmit} noValidate>
          <div className={cx('govuk-form-group', inlineError && 'govuk-form-group--error')}>
            <label className="govuk-label govuk-label--m" htmlFor="file">
              Upload a file
            </label>
            <div className="govuk-hint" id="file-hint">
              A .json or .xlsx file, smaller than 2 MB
            </div>
            {inlineError ? (
              <p id="file-error" className="govuk-error-message">
                <span className="govuk-visually-hidden">Error:</span> {inlineError}
              </p>
            ) : null}
            <input
              ref={fileRef}
              className={cx('govuk-file-upload', inlineError && 'govuk-file-upload--error')}
              id="file"
              name="file"
              type="file"
              accept=".json,.xlsx,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-describedby={inlineError ? 'file-hint file-error' : 'file-hint'}
            />
          </div>
          <ButtonGroup>
            <Button pending={pending} pendingText="Importing…">
              Import template
            </Button>
            <Link className="govuk-link" to="/audit-tools">
              Cancel
            </Link>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}
