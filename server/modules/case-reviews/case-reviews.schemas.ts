import { z } from 'zod';
import { isRealIsoDate } from '../../../contracts/audit-tools.rules.js';

// Shared by the case-reviews module's schemas (case files, rapid reviews, SAR referrals, reviews).

export const ZCaseFileParams = z.object({
  partnershipId: z.uuid(),
  caseFileId: z.uuid({ message: 'Enter a valid identifier' }),
});

/** A real calendar date from 2000 to 2099 (working days are only counted from 1978; a typo like 0202 is refused). */
export const isCountableDate = (v: string) => isRealIsoDate(v) && v >= '2000-01-01' && v <= '2099-12-31';
const REAL_DATE = 'Enter a real date between 2000 and 2099, for example 2026-03-27';

/**
 * The contracts' input schemas check a date's shape only; this refuses '2026-02-30' (and years working days
 * cannot be counted in) with a 400 naming the field, instead of a database error.
 */
export function withRealDates<T extends z.ZodObject>(schema: T, fields: string[]) {
  return schema.superRefine((value, ctx) => {
    for (const f of fields) {
      const v = (value as Record<string, unknown>)[f];
      if (typeof v === 'string' && !isCountableDate(v))
        ctx.addIssue({ code: 'custom', path: [f], message: REAL_DATE });
    }
  });
}
