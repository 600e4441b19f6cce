import { z } from 'zod';

// Shared by server and web: the form engine's record of one filling-in of a template version.

export const RESPONSE_STATUSES = ['draft', 'submitted'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
export const ZResponseStatus = z.enum(RESPONSE_STATUSES, { message: 'Select a status' });
export const RESPONSE_STATUS_LABELS: Record<ResponseStatus, string> = {
  draft: 'Not submitted',
  submitted: 'Submitted',
};

/** Per question with a carried-forward answer: confirmed still true, or changed. */
export const CARRY_FORWARD_CHOICES = ['confirmed', 'changed'] as const;
export type CarryForwardChoice = (typeof CARRY_FORWARD_CHOICES)[number];
export const ZCarryForward = z.record(
  z.string(),
  z.enum(CARRY_FORWARD_CHOICES, { message: 'Say whether the answer is still true or has changed' }),
);
export type TCarryForward = z.infer<typeof ZCarryForward>;

/** A section's place on the task list. */
export const SECTION_STATUSES = ['not_started', 'in_progress', 'completed'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];
export const SECTION_STATUS_LABELS: Record<SectionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  completed: 'Completed',
};

/**
 * The kinds of evidence file accepted, recognised by their content (magic bytes), never by the name
 * a person gave them. Plain text and CSV have no magic bytes: they are accepted when the name ends
 * .txt or .csv and the content is UTF-8 text without control characters (see server/platform/uploads.ts).
 */
export const EVIDENCE_FILE_KINDS = [
  { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    label: 'Word (DOCX)',
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    label: 'Excel (XLSX)',
  },
  {
    mediaType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    label: 'PowerPoint (PPTX)',
  },
  { mediaType: 'image/png', extensions: ['png'], label: 'PNG' },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG' },
  { mediaType: 'text/plain', extensions: ['txt'], label: 'plain text' },
  { mediaType: 'text/csv', extensions: ['csv'], label: 'CSV' },
] as const;

/** "PDF, Word (DOCX), … or CSV", for hints and error messages. */
export const EVIDENCE_FILE_KINDS_TEXT = (() => {
  const labels = EVIDENCE_FILE_KINDS.map((k) => k.label);
  return `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
})();

/** What the file input accepts (a hint to the browser; the server checks the content). */
export const EVIDENCE_FILE_ACCEPT = EVIDENCE_FILE_KINDS.flatMap((k) => k.extensions.map((e) => `.${e}`)).join(
  ',',
);
