import { z } from 'zod';
import { ZCovers } from '../../../contracts/org.js';
import { zEmail } from '../auth/auth.schemas.js';

export const ZInstallationPartnershipParams = z.object({
  id: z.uuid({ message: 'Enter a valid identifier' }),
});

export const ZInstallationPartnership = z.object({
  id: z.uuid(),
  name: z.string(),
  covers: ZCovers,
  active: z.boolean(),
  memberCount: z.number().int().describe('People with an active role'),
  agencyCount: z.number().int(),
  createdAt: z.string(),
});

export const ZPartnershipCreate = z.object({
  name: z
    .string({ message: 'Enter the partnership name' })
    .trim()
    .min(1, 'Enter the partnership name')
    .max(200, 'Name must be 200 characters or fewer'),
  covers: ZCovers,
  adminName: z
    .string({ message: "Enter the first admin's full name" })
    .trim()
    .min(1, "Enter the first admin's full name")
    .max(200, 'Full name must be 200 characters or fewer'),
  adminEmail: zEmail("the first admin's email address"),
});
