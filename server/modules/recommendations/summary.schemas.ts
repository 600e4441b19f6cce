import { z } from 'zod';

// The Board's "learning loop" summary of the register (PRODUCT.md §4.9): aggregate counts only, never a
// recommendation's title or anything at draft level (§3, board viewers).

export const ZSummaryQuery = z.object({
  year: z.coerce
    .number({ message: 'Year must be a number, for example 2026' })
    .int('Year must be a whole number, for example 2026')
    .min(2000, 'Year must be 2000 or later')
    .max(2100, 'Year must be 2100 or earlier')
    .optional(),
});
export type TSummaryQuery = z.infer<typeof ZSummaryQuery>;

/** One set of counts; drafts are never counted. */
export const ZLoopCounts = z.object({
  /** Every recommendation past draft (agreed, in progress, impact being checked, closed, not accepted). */
  total: z.number().int(),
  agreed: z.number().int(),
  inProgress: z.number().int(),
  impactCheck: z.number().int(),
  closed: z.number().int(),
  notAccepted: z.number().int(),
  /** Still being worked: agreed, in progress or impact being checked. */
  open: z.number().int(),
  /** Open, with no open action past its due date and no unjudged impact check past due. */
  onTrack: z.number().int(),
  /** Open, with an open action past its due date or an unjudged impact check past due. */
  overdue: z.number().int(),
  /** With at least one impact check judged. */
  impactChecked: z.number().int(),
  /** Whose latest judgement is "embedded". */
  embedded: z.number().int(),
});
export type TLoopCounts = z.infer<typeof ZLoopCounts>;

const ZRef = z.object({ id: z.uuid(), name: z.string() });

export const ZRegisterSummary = z.object({
  /** The year of agreement filtered on, or null for every year. */
  year: z.number().int().nullable(),
  /** The day overdue is counted against (YYYY-MM-DD). */
  today: z.string(),
  /** Years in which recommendations were agreed, newest first (for the filter). */
  years: z.array(z.number().int()),
  totals: ZLoopCounts,
  /** A recommendation addressed to several agencies counts once under each. */
  byAgency: z.array(z.object({ agency: ZRef, counts: ZLoopCounts })),
  /** Recommendations without a theme are under `theme: null`. */
  byTheme: z.array(z.object({ theme: ZRef.nullable(), counts: ZLoopCounts })),
  /** read: this summary; export: the CSV and XLSX exports and every agency's action-plan PDF. */
  allowedVerbs: z.array(z.enum(['read', 'export'])),
});
export type TRegisterSummary = z.infer<typeof ZRegisterSummary>;
