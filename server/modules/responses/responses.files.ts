import { fileTypeFromBuffer } from 'file-type';
import { EVIDENCE_FILE_KINDS, EVIDENCE_FILE_KINDS_TEXT } from '../../../contracts/responses.js';

// Evidence files: what is accepted is decided by the content, never by the name or the browser's
// Content-Type. The name is kept only to offer the file back under it.

export type AcceptedFile = { mediaType: string; extension: string };

const extensionOf = (fileName: string) => /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';

/** A file name safe to store and show: no folders, no control characters, at most 200 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  if (cleaned.length <= 200) return cleaned || 'file';
  const ext = extensionOf(cleaned);
  return ext ? `${cleaned.slice(0, 199 - ext.length)}.${ext}` : cleaned.slice(0, 200);
}

/** UTF-8 text with no control characters other than tab, newline and carriage return. */
function isPlainText(bytes: Buffer): boolean {
  if (bytes.length === 0) return false;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary content shows as control characters
  return !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);
}

/**
 * The kind of an uploaded file from its bytes, or a message saying why it is refused. Binary kinds
 * are recognised by their signature (file-type); their name must end with a matching extension, so
 * a PNG called report.pdf is refused rather than offered back under a misleading name. Plain text and
 * CSV have no signature: accepted only when named .txt or .csv and the content really is text.
 */
export async function checkFileContent(
  fileName: string,
  bytes: Buffer,
): Promise<{ ok: true; file: AcceptedFile } | { ok: false; message: string }> {
  const refuse = (message: string) => ({ ok: false as const, message });
  if (bytes.length === 0)
    return refuse('The selected file is empty. Choose a file that has something in it.');
  const ext = extensionOf(fileName);
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    const kind = EVIDENCE_FILE_KINDS.find((k) => k.mediaType === detected.mime);
    if (!kind)
      return refuse(
        `The selected file is a ${detected.ext.toUpperCase()} file, which cannot be uploaded. It must be a ${EVIDENCE_FILE_KINDS_TEXT}.`,
      );
    if (!(kind.extensions as readonly string[]).includes(ext))
      return refuse(
        `The selected file is a ${kind.label} file but its name ends ‘.${ext || '(nothing)'}’. Rename it to end .${kind.extensions[0]} and try again.`,
      );
    return { ok: true, file: { mediaType: kind.mediaType, extension: ext } };
  }
  const textKind = EVIDENCE_FILE_KINDS.find(
    (k) => k.mediaType.startsWith('text/') && (k.extensions as readonly string[]).includes(ext),
  );
  if (textKind && isPlainText(bytes))
    return { ok: true, file: { mediaType: textKind.mediaType, extension: ext } };
  return refuse(`The selected file must be a ${EVIDENCE_FILE_KINDS_TEXT}.`);
}

/** A Content-Disposition header that offers the file as a download under its (cleaned) name. */
export function attachmentHeader(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
