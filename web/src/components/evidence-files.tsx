import './evidence-files.css';
import { type ReactNode, type RefObject, useRef, useState } from 'react';
import { EVIDENCE_FILE_ACCEPT, EVIDENCE_FILE_KINDS_TEXT } from '../../../contracts/responses';
import { API_BASE, ApiError, api } from '../app/api';
import { formatDateTime } from '../app/format';
import { useSession } from '../app/session';
import { cx } from './class-names';
import { Fieldset } from './fieldset';
import { describedBy, ErrorMessage, FormGroup } from './form-group';

// Evidence files wherever they are attached (form responses, action updates, impact-check evidence,
// assurance answers): the list with download links, removing one, and the GOV.UK file upload. Each file
// is stored as soon as it is uploaded; results are announced to screen readers.

/** An evidence file as the API shows it. */
export type EvidenceFile = {
  id: string;
  fileName: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: { id: string; name: string } | null;
};

/** "2.4 MB", "820 KB". */
export function sizeText(bytes: number) {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Sends one file as multipart/form-data (the JSON client cannot), with the session's CSRF token. */
async function uploadFile<F>(url: string, file: File, csrfToken: string): Promise<F> {
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
  return parsed as F;
}

const uploadProblem = (e: unknown) =>
  e instanceof ApiError
    ? e.status === 0
      ? 'The file could not be uploaded because you are offline. Try again when you are back online.'
      : (e.fields.file ?? e.message)
    : 'The file could not be uploaded. Try again.';

/** A polite live region: what just happened, for screen readers. */
const Announcer = ({ text }: { text: string }) => (
  <div className="govuk-visually-hidden" aria-live="polite">
    {text}
  </div>
);

/**
 * The files, each a download link with its size, who uploaded it and when; with a Remove button each
 * when `removePath` is given (the file is taken off at once, and the removal announced).
 */
export function EvidenceFileList<F extends EvidenceFile>({
  id,
  files,
  pathOf,
  removePath,
  onRemoved,
  afterRemove,
  empty = <p className="govuk-body app-evidence-files__meta">No files uploaded.</p>,
}: {
  /** Names the list's error message. */
  id: string;
  files: F[];
  /** The file's API path (partnership-scoped), for downloading it. */
  pathOf(file: F): string;
  /** The API path to DELETE to remove it; no Remove buttons without it. */
  removePath?(file: F): string;
  onRemoved?(file: F): unknown;
  /** Where the keyboard goes once a file is removed (its button has gone); the list itself by default. */
  afterRemove?(): void;
  /** What to show when there are no files (null for nothing). */
  empty?: ReactNode;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const [pending, setPending] = useState<string | null>(null);
  const list = useRef<HTMLDivElement>(null);
  const remove = async (file: F) => {
    if (!removePath || pending) return;
    setProblem(null);
    setPending(file.id);
    try {
      await api.delete(removePath(file));
      await onRemoved?.(file);
      setAnnounce(`${file.fileName} removed`);
      // The button pressed has gone: keep the keyboard near it.
      if (afterRemove) afterRemove();
      else list.current?.focus();
    } catch (e) {
      const message = e instanceof ApiError ? e.message : 'The file could not be removed. Try again.';
      setProblem(message);
      setAnnounce(message);
    } finally {
      setPending(null);
    }
  };
  return (
    <div ref={list} tabIndex={-1} className="app-evidence-files">
      <ErrorMessage id={`${id}-remove`}>{problem ?? undefined}</ErrorMessage>
      {files.length > 0 ? (
        <ul className="govuk-list app-evidence-files__list">
          {files.map((f) => (
            <li key={f.id} className="app-evidence-files__item">
              <a className="govuk-link" href={`${API_BASE}${pathOf(f)}`} download>
                {f.fileName}
              </a>{' '}
              <span className="app-evidence-files__meta">
                ({sizeText(f.sizeBytes)}
                {f.uploadedBy ? `, ${f.uploadedBy.name}` : ''}, {formatDateTime(f.uploadedAt)})
              </span>
              {removePath ? (
                <button
                  type="button"
                  className="govuk-link app-link-button govuk-!-margin-left-2"
                  onClick={() => void remove(f)}
                  disabled={pending === f.id}
                  aria-disabled={pending === f.id ? 'true' : undefined}
                >
                  Remove<span className="govuk-visually-hidden"> {f.fileName}</span>
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        empty
      )}
      <Announcer text={announce} />
    </div>
  );
}

/**
 * A GOV.UK file upload with its own button: the chosen file is sent at once to `uploadPath`. A refusal
 * (wrong type, too large, offline) is shown as the field's error and the field takes focus again, so it
 * is read out; success is announced and the field cleared for the next file.
 */
export function EvidenceFileUpload<F extends EvidenceFile>({
  id,
  uploadPath,
  label,
  context,
  hint,
  error,
  onUploaded,
  inputRef,
}: {
  id: string;
  uploadPath: string;
  label: ReactNode;
  /** Visually hidden words that tell several uploads on a page apart ("to the update of 1 June"). */
  context?: string;
  /** Before the accepted kinds, which are always said. */
  hint?: string;
  /** An error from the surrounding form (e.g. a required evidence question). */
  error?: string;
  onUploaded?(file: F): unknown;
  inputRef?: RefObject<HTMLInputElement | null>;
}) {
  const { session } = useSession();
  const ownRef = useRef<HTMLInputElement>(null);
  const input = inputRef ?? ownRef;
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [announce, setAnnounce] = useState('');
  const shownError = problem ?? error;
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
    setAnnounce(`Uploading ${file.name}`);
    try {
      const saved = await uploadFile<F>(uploadPath, file, session?.csrfToken ?? '');
      await onUploaded?.(saved);
      setAnnounce(`${saved.fileName} uploaded`);
      if (input.current) input.current.value = '';
    } catch (e) {
      setAnnounce('');
      setProblem(uploadProblem(e));
      input.current?.focus();
    } finally {
      setPending(false);
    }
  };

  return (
    <FormGroup error={shownError} className="govuk-!-margin-bottom-2">
      <label className="govuk-label" htmlFor={id}>
        {label}
        {context ? <span className="govuk-visually-hidden"> {context}</span> : null}
      </label>
      <div id={`${id}-hint`} className="govuk-hint">
        {fullHint}
      </div>
      <ErrorMessage id={id}>{shownError}</ErrorMessage>
      <input
        ref={input}
        className={cx('govuk-file-upload', shownError && 'govuk-file-upload--error')}
        id={id}
        name={id}
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
          {context ? <span className="govuk-visually-hidden"> {context}</span> : null}
        </button>
      </div>
      <Announcer text={announce} />
    </FormGroup>
  );
}

/**
 * Evidence files as one question of a form: a fieldset with the files given so far and, while they may
 * be changed, Remove buttons and an upload. Without `uploadPath` it only lists them.
 */
export function EvidenceFiles<F extends EvidenceFile>({
  id,
  legend,
  legendSize = 's',
  hint,
  error,
  files,
  pathOf,
  uploadPath,
  uploadLabel,
  removePath,
  onAdded,
  onRemoved,
}: {
  id: string;
  legend: ReactNode;
  legendSize?: 's' | 'm';
  hint?: string;
  error?: string;
  files: F[];
  pathOf(file: F): string;
  /** Where to upload; no upload (and no removing) without it. */
  uploadPath?: string;
  /** The file field's label; "Upload a file" (or "another file") by default. */
  uploadLabel?: string;
  removePath?(file: F): string;
  onAdded?(file: F): unknown;
  onRemoved?(file: F): unknown;
}) {
  const input = useRef<HTMLInputElement>(null);
  const editable = uploadPath !== undefined;
  return (
    <Fieldset
      legend={legend}
      legendSize={legendSize}
      describedBy={editable ? undefined : describedBy(id, undefined, error)}
      className="govuk-!-margin-bottom-6"
    >
      <EvidenceFileList
        id={id}
        files={files}
        pathOf={pathOf}
        removePath={editable ? removePath : undefined}
        onRemoved={onRemoved}
        afterRemove={() => input.current?.focus()}
      />
      {editable ? (
        <EvidenceFileUpload
          id={id}
          uploadPath={uploadPath}
          label={uploadLabel ?? (files.length > 0 ? 'Upload another file' : 'Upload a file')}
          hint={hint}
          error={error}
          onUploaded={onAdded}
          inputRef={input}
        />
      ) : (
        <ErrorMessage id={id}>{error}</ErrorMessage>
      )}
    </Fieldset>
  );
}
