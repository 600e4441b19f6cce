import { z } from 'zod';
import { ZAgencyType } from '../../../contracts/org.js';

const ZName = z
  .string({ message: 'Enter a name' })
  .trim()
  .min(1, 'Enter a name')
  .max(200, 'Name must be 200 characters or fewer');

export const ZAgencyParams = z.object({
  partnershipId: z.uuid(),
  agencyId: z.uuid({ message: 'Enter a valid identifier' }),
});
export const ZSectionParams = ZAgencyParams.extend({
  sectionId: z.uuid({ message: 'Enter a valid identifier' }),
});

export const ZAgencyCreate = z.object({ name: ZName, type: ZAgencyType });
export const ZAgencyUpdate = z.object({ name: ZName, type: ZAgencyType, version: z.number().int() });

export const ZSection = z.object({
  id: z.uuid(),
  name: z.string(),
  ownerPersonId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  active: z.boolean(),
  version: z.number().int(),
});

export const ZAgencySummary = z.object({
  id: z.uuid(),
  name: z.string(),
  type: ZAgencyType,
  active: z.boolean(),
  partnershipCount: z.number().int().describe('How many partnerships share this agency'),
});

export const ZAgency = ZAgencySummary.extend({
  version: z.number().int(),
  sections: z.array(ZSection),
  allowedVerbs: z.array(z.string()),
});

export const ZAvailableAgency = z.object({ id: z.uuid(), name: z.string(), type: ZAgencyType });

export const ZSectionCreate = z.object({
  name: ZName,
  ownerPersonId: z.uuid({ message: 'Choose an owner' }).nullable().optional(),
});
export const ZSectionUpdate = z.object({
  name: ZName,
  ownerPersonId: z.uuid({ message: 'Choose an owner' }).nullable(),
  active: z.boolean(),
  version: z.number().int(),
});
