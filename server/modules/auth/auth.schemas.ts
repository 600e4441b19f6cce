import { z } from 'zod';
import { ZRole } from '../../../contracts/org.js';

/** An email address field; `whose` words the message ("your email address", "their email address"). */
export const zEmail = (whose = 'your email address') =>
  z
    .string({ message: `Enter ${whose}` })
    .trim()
    .min(1, `Enter ${whose}`)
    .max(254, 'Email address must be 254 characters or fewer')
    .pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.org' }));

export const ZEmail = zEmail();

export const ZNewPassword = z
  .string({ message: 'Enter a password' })
  .min(12, 'Password must be 12 characters or more')
  .max(200, 'Password must be 200 characters or fewer');

export const ZSignInBody = z.object({
  email: ZEmail,
  password: z
    .string({ message: 'Enter your password' })
    .min(1, 'Enter your password')
    .max(200, 'Password must be 200 characters or fewer'),
});

export const ZPartnershipSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  covers: z.string(),
  roles: z.array(z.object({ role: ZRole, agencyId: z.uuid().nullable() })),
});

export const ZSessionInfo = z.object({
  person: z.object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    isServiceAdmin: z.boolean().describe('May create and deactivate partnerships'),
  }),
  partnerships: z.array(ZPartnershipSummary),
  currentPartnershipId: z.uuid().nullable(),
  csrfToken: z.string(),
  idleTimeoutSeconds: z.number().int(),
  expiresAt: z.string(),
});

export const ZSwitchBody = z.object({ partnershipId: z.uuid({ message: 'Choose a partnership' }) });
export const ZResetRequestBody = z.object({ email: ZEmail });
export const ZResetCompleteBody = z.object({ token: z.string().min(10).max(200), password: ZNewPassword });
export const ZOk = z.object({ ok: z.literal(true) });
