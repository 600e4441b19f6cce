import { type ReactNode, useRef, useState } from 'react';
import { EVIDENCE_FILE_ACCEPT, EVIDENCE_FILE_KINDS_TEXT } from '../../../../../contracts/responses';
import { API_BASE, ApiError, api } from '../../../app/api';
import { formatDateTime } from '../../../app/format';
import { usePartnership, useSession } from '../../../app/session';
import { cx } from '../../../components/class-names';
import { Fieldset } from '../../../components/fieldset';
import { describedBy, ErrorMessage, FormGroup, Hint } from '../../../components/form-group';
import type { ResponseFile } from '../types';

/** "2.4 MB", "820 KB". */
export function sizeText(bytes: number) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Sends one file as multipart/form-data (the JSON client cannot), with the session's CSRF token. */
async function uploadFile(url: string, file: File, csrfToken: string): Promise<ResponseFile> {
  const body = new FormData();
  body.append('file', file, file.name);
  let res: Response;
  try {
    res = await fetch(`${API_BASE}${url}`, {
      method: 'POST',
      body,
      credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrfToken, Accept: 'application/json' },
    });
  } catch {
    throw new ApiError(0, {});
  }
  const parsed = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, parsed);
  return parsed as ResponseFile;
}

/** An evidence question: the files given so far (download, remove) and a GOV.UK file upload. */
export function EvidenceFiles({
  id,
  legend,
  hint,
  error,
  questionId,
  responseId,
  files,
  onAdded,
  onRemoved,
}: {
  id: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  questionId: string;
  responseId: string;
  files: ResponseFile[];
  onAdded?(file: ResponseFile): void;
  onRemoved?(fileId: string): void;
}) {
  const { path } = usePartnership();
  const { session } = useSession();
  const input = useRef<HTMLInputElement>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [announce, setAnnounce] = useState('');
  const editable = onAdded !== undefined;
  const shownError = problem ?? error;
  const inputId = id;
  const fullHint = `${hint ? `${hint} ` : ''}It must be a ${EVIDENCE_FILE_KINDS_TEXT}.`;

  const send = async () => {
    const file = input.current?.files?.[0];
    if (!file) {
      setProblem('Select a file to upload');
      input.current?.focus();
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      const saved = await uploadFile(
        path(`responses/${responseId}/questions/${encodeURIComponent(questionId)}/files`),
        file,
        session?.csrfToken ?? '',
      );
      onAdded?.(saved);
      setAnnounce(`${saved.fileName} uploaded`);
      if (input.current) input.current.value = '';
    } catch (e) {
      const message =
        e instanceof ApiError
          ? e.status === 0
            ? 'The file could not be uploaded because you are offline. Try again when you are back online.'
            : (e.fields.file ?? e.message)
          : 'The file could not be uploaded. Try again.';
      setProblem(message);
      input.current?.focus();
    } finally {
      setPending(false);
    }
  };

  const remove = async (file: ResponseFile) => {
    setProblem(null);
    try {
      await api.delete(path(`responses/${responseId}/files/${file.id}`));
      onRemoved?.(file.id);
      setAnnounce(`${file.fileName} removed`);
      input.current?.focus();
    } catch (e) {
      setProblem(e instanceof ApiError ? e.message : 'The file could not be removed. Try again.');
    }
  };

  return (
    <FormGroup error={shownError}>
      <Fieldset
        legend={legend}
        legendSize="s"
        describedBy={describedBy(id, editable ? fullHint : undefined, shownError)}
      >
        {editable ? <Hint id={id}>{fullHint}</Hint> : null}
        {files.length > 0 ? (
          <ul className="govuk-list app-file-list">
            {files.map((f) => (
              <li key={f.id} className="app-file-list__item">
                <a
                  className="govuk-link"
                  href={`${API_BASE}${path(`responses/${responseId}/files/${f.id}`)}`}
                  download
                >
                  {f.fileName}
                </a>{' '}
                <span className="app-muted">
                  ({sizeText(f.sizeBytes)}, {f.uploadedBy ? `${f.uploadedBy.name}, ` : ''}
                  {formatDateTime(f.uploadedAt)})
                </span>
                {editable ? (
                  <button
                    type="button"
                    className="govuk-link app-link-button govuk-!-margin-left-2"
                    onClick={() => void remove(f)}
                  >
                    Remove<span className="govuk-visually-hidden"> {f.fileName}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body app-muted">No files uploaded.</p>
        )}
        {editable ? (
          <>
            <ErrorMessage id={id}>{shownError}</ErrorMessage>
            <label className="govuk-label" htmlFor={inputId}>
              {files.length > 0 ? 'Upload another file' : 'Upload a file'}
            </label>
            <input
              ref={input}
              className={cx('govuk-file-upload', shownError && 'govuk-file-upload--error')}
              id={inputId}
              name={inputId}
              type="file"
              accept={EVIDENCE_FILE_ACCEPT}
              aria-describedby={describedBy(id, fullHint, shownError)}
            />
            <div>
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-top-3 govuk-!-margin-bottom-0"
                onClick={() => void send()}
                disabled={pending}
                aria-disabled={pending ? 'true' : undefined}
              >
                {pending ? 'Uploading…' : 'Upload file'}
              </button>
            </div>
          </>
        ) : null}
        <div className="govuk-visually-hidden" aria-live="polite">
          {announce}
        </div>
      </Fieldset>
    </FormGroup>
  );
}
