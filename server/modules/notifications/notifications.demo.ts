import type { TReminderPolicy } from '../../../contracts/notifications.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { reminderPolicies } from './notifications.tables.js';

/** Northshire reminds a fortnight and a week ahead; the rest are Assure's defaults. */
export const DEMO_REMINDER_POLICY: TReminderPolicy = {
  daysBefore: [14, 7],
  onTheDay: true,
  daysAfter: [3],
  thenEveryDays: 7,
  escalateToAgencyLeadAfterDays: 14,
  escalateToAdminAfterDays: 28,
};

/** The demo partnership's reminder policy, as if its admin had saved it. */
export async function seedDemoReminderPolicy(
  tx: Tx,
  ctx: RequestContext,
  ids: { partnershipId: string; adminId: string },
) {
  await tx
    .insert(reminderPolicies)
    .values({ partnershipId: ids.partnershipId, policy: DEMO_REMINDER_POLICY });
  await writeAudit(tx, ctx, {
    entity: 'reminder_policy',
    entityId: ids.partnershipId,
    action: 'updated',
    after: DEMO_REMINDER_POLICY,
    partnershipId: ids.partnershipId,
    personId: ids.adminId,
    personEmail: null,
  });
}
