import { createHash, randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import fastifyMultipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import { EVIDENCE_FILE_KINDS, EVIDENCE_FILE_KINDS_TEXT } from '../../contracts/responses.js';
import type { ActorContext } from './actor.js';
import { invalid, notFound } from './errors.js';
import type { FileStorage } from './file-storage.js';
import { actorContext, errorResponses, ZError } from './http.js';

// Evidence files, wherever they are uploaded (form responses, the recommendations register): what is
// accepted is decided by the content, never by the name or the browser's Content-Type. The name is kept
// only to offer the file back under it.

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

/** "20 MB", or "500 KB" for limits under a megabyte. */
export const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${Number((bytes / 1024 / 1024).toFixed(1))} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** The multipart limits of an upload route: one file (field "file") of at most `maxBytes`. */
export const uploadLimits = (maxBytes: number) => ({ fileSize: maxBytes, files: 1, fields: 5, parts: 6 });

/**
 * Reads the one file of a multipart upload (the route's scope registers @fastify/multipart). No file
 * is 400 naming `file`; a file over `maxBytes` is answered 413 here and `null` returned, so the route
 * stops.
 */
export async function receiveUpload(
  req: FastifyRequest,
  reply: FastifyReply,
  maxBytes: number,
): Promise<{ fileName: string; bytes: Buffer } | null> {
  const chooseFile = () => invalid({ file: 'Select a file to upload' });
  if (!req.isMultipart()) throw chooseFile();
  try {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
    if (!part) throw chooseFile();
    const bytes = await part.toBuffer();
    if (part.filename === '' && bytes.length === 0) throw chooseFile();
    return { fileName: part.filename, bytes };
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
      const message = `The selected file must be smaller than ${sizeText(maxBytes)}`;
      await reply.code(413).send({
        error: 'PAYLOAD_TOO_LARGE',
        message,
        details: { fields: { file: message } },
        requestId: req.id,
      });
      return null;
    }
    throw error;
  }
}

/** Sends a stored file as a download: never rendered by the browser, never sniffed into another type. */
export function sendAttachment(
  reply: FastifyReply,
  file: { mediaType: string; sizeBytes: number; fileName: string },
  stream: Readable,
) {
  return reply
    .header('content-type', file.mediaType)
    .header('content-length', String(file.sizeBytes))
    .header('content-disposition', attachmentHeader(file.fileName))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .send(stream as never); // a stream is sent as is, not through the JSON schemas
}

/** An upload whose content has been checked: what is stored and recorded of it. */
export type AcceptedUpload = {
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  bytes: Buffer;
};

/** Cleans the name and checks the content (400 naming `file` when it is refused). */
export async function acceptUpload(upload: { fileName: string; bytes: Buffer }): Promise<AcceptedUpload> {
  const fileName = cleanFileName(upload.fileName);
  const check = await checkFileContent(fileName, upload.bytes);
  if (!check.ok) throw invalid({ file: check.message });
  return {
    fileName,
    mediaType: check.file.mediaType,
    sizeBytes: upload.bytes.length,
    sha256: createHash('sha256').update(upload.bytes).digest('hex'),
    bytes: upload.bytes,
  };
}

/**
 * Stores the bytes under a new random key, then calls `record` (the caller's one transaction: its
 * checks, the file's row and the audit row). If recording fails the bytes are removed again, so storage
 * never keeps a file no row points to.
 */
export async function storeThenRecord<T>(
  storage: FileStorage,
  bytes: Buffer,
  record: (storageKey: string) => Promise<T>,
): Promise<T> {
  const storageKey = randomUUID();
  await storage.put(storageKey, bytes);
  try {
    return await record(storageKey);
  } catch (error) {
    await storage.remove(storageKey).catch(() => undefined);
    throw error;
  }
}

/** The stored bytes of a file the caller has already allowed; 404 when they have gone missing. */
export async function openStored(storage: FileStorage, storageKey: string): Promise<Readable> {
  try {
    return await storage.get(storageKey);
  } catch {
    throw notFound('This file');
  }
}

/** What a download route sends: the file's row (for the headers) and its bytes. */
export type Download = {
  file: { mediaType: string; sizeBytes: number; fileName: string };
  stream: Readable;
};

type Params = z.ZodObject;

/**
 * The routes of one kind of evidence file, the same everywhere files are attached: upload to a
 * collection (multipart/form-data, field "file"; the service checks it may go ahead before the bytes are
 * read), optionally list it, and download (as an attachment) or remove one file of it. The services
 * decide who may do what; these only carry requests to them.
 */
export function registerFileRoutes<C extends Params, I extends Params>(
  fastify: FastifyInstance,
  spec: {
    tags: string[];
    maxBytes: number;
    /** What the files are attached to, for the API document: "a progress update". */
    of: string;
    /** One file as the API shows it. */
    file: z.ZodType;
    /** Where files are uploaded (and listed). */
    collection: {
      url: string;
      params: C;
      /** 404 / 403 / 409 before the upload's bytes are read. */
      checkUpload(ctx: ActorContext, params: z.infer<C>): Promise<unknown>;
      addFile(
        ctx: ActorContext,
        params: z.infer<C>,
        upload: { fileName: string; bytes: Buffer },
      ): Promise<unknown>;
      listFiles?(ctx: ActorContext, params: z.infer<C>): Promise<unknown[]>;
    };
    /** One file. */
    item: {
      url: string;
      params: I;
      openFile(ctx: ActorContext, params: z.infer<I>): Promise<Download>;
      removeFile(ctx: ActorContext, params: z.infer<I>): Promise<unknown>;
    };
  },
) {
  const { tags, maxBytes, of, collection, item } = spec;
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  if (collection.listFiles) {
    const listFiles = collection.listFiles;
    app.get(
      collection.url,
      {
        schema: {
          tags,
          summary: `The evidence files of ${of}, oldest first`,
          params: collection.params,
          response: { 200: z.object({ items: z.array(spec.file) }), ...errorResponses },
        },
      },
      async (req) => ({
        items: await listFiles(actorContext(req), req.params as z.infer<C>),
      }),
    );
  }
  app.get(
    item.url,
    {
      schema: {
        tags,
        summary: `Download an evidence file of ${of} (as an attachment; the download is audit-logged)`,
        description: 'Answers 200 with the file’s bytes, Content-Disposition: attachment.',
        params: item.params,
        response: errorResponses,
      },
    },
    async (req, reply) => {
      const { file, stream } = await item.openFile(actorContext(req), req.params as z.infer<I>);
      return sendAttachment(reply, file, stream);
    },
  );
  app.delete(
    item.url,
    {
      schema: {
        tags,
        summary: `Remove an evidence file from ${of} (the record is kept)`,
        params: item.params,
        response: { 200: spec.file, ...errorResponses },
      },
    },
    async (req) => item.removeFile(actorContext(req), req.params as z.infer<I>),
  );

  // Multipart is parsed only by the upload route, so no other route accepts a form post.
  fastify.register(async (scope) => {
    await scope.register(fastifyMultipart, { limits: uploadLimits(maxBytes) });
    scope.withTypeProvider<ZodTypeProvider>().post(
      collection.url,
      {
        schema: {
          tags,
          summary: `Upload an evidence file to ${of} (multipart/form-data, field "file")`,
          description: `At most ${sizeText(maxBytes)}: a ${EVIDENCE_FILE_KINDS_TEXT} file, recognised by its content.`,
          params: collection.params,
          response: { 201: spec.file, 413: ZError, ...errorResponses },
        },
      },
      async (req, reply) => {
        const ctx = actorContext(req);
        const params = req.params as z.infer<C>;
        await collection.checkUpload(ctx, params);
        const upload = await receiveUpload(req, reply, maxBytes);
        if (!upload) return reply;
        return reply.code(201).send(await collection.addFile(ctx, params, upload));
      },
    );
  });
}
