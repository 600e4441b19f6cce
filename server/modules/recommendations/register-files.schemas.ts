import { z } from 'zod';

const ZUuid = z.uuid({ message: 'Enter a valid identifier' });

/** One evidence file in the register (an action update's, an agency's impact-check evidence, an answer's). */
export const ZRegisterFile = z.object({
  id: z.uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.date(),
  uploadedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  removedAt: z.date().nullable(),
});

export const ZFileId = { fileId: ZUuid };
