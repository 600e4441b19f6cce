import { AGENCY_SCOPED_ROLES, ROLE_LABELS, ROLES, type Role } from '../../../../contracts/org';
import { InlineLoadError } from '../../app/error-pages';
import { Radios } from '../../components/radios';
import { Select } from '../../components/select';
import { useAgencyOptions } from './agency-options';

const ROLE_HINTS: Record<Role, string> = {
  partnership_admin: 'Sets up the partnership and runs the QA programme',
  qa_group_member: 'Sits on moderation and scrutiny panels',
  case_review_group_member: 'Runs rapid reviews and case reviews',
  agency_lead: 'Receives requests for their agency and submits its returns',
  auditor_practitioner: 'Completes audits and sections assigned to them',
  education_provider_lead: 'Completes the Section 175/157 audit for their setting',
  independent_scrutineer: 'Reads everything in scope and records scrutiny findings',
  lead_sponsor: 'Sponsors a thematic review and signs off its tools',
  board_viewer: 'Reads dashboards and published reports',
};

export const isAgencyScoped = (role: string) => (AGENCY_SCOPED_ROLES as readonly string[]).includes(role);

/**
 * Role radios; an agency-scoped role reveals the agency select beneath it (it must name an agency).
 * Field names: role, agencyId.
 */
export function RoleFields({
  role,
  agencyId,
  errors,
  onRole,
  onAgency,
  legend = 'Role',
  exclude = [],
}: {
  role: string;
  agencyId: string;
  errors: Record<string, string>;
  onRole(role: string): void;
  onAgency(agencyId: string): void;
  legend?: string;
  /** Roles already held, not offered again. */
  exclude?: string[];
}) {
  const agencies = useAgencyOptions();
  const agencySelect = (
    <>
      {agencies.error ? <InlineLoadError error={agencies.error} what="the agencies" /> : null}
      <Select
        id="agencyId"
        label="Agency"
        hint="People in this role act for one agency"
        error={errors.agencyId}
        value={agencyId}
        onChange={onAgency}
        options={(agencies.data ?? []).map((a) => ({ value: a.id, text: a.name }))}
        placeholder={agencies.isPending ? 'Loading agencies…' : 'Choose an agency'}
      />
    </>
  );
  return (
    <Radios
      id="role"
      legend={legend}
      legendSize="s"
      error={errors.role}
      value={role}
      onChange={onRole}
      items={ROLES.filter((r) => !exclude.includes(r)).map((r) => ({
        value: r,
        text: ROLE_LABELS[r],
        hint: ROLE_HINTS[r],
        conditional: isAgencyScoped(r) ? agencySelect : undefined,
      }))}
    />
  );
}

export const roleText = (r: { role: Role; agencyName: string | null }) =>
  r.agencyName ? `${ROLE_LABELS[r.role] ?? r.role}, ${r.agencyName}` : (ROLE_LABELS[r.role] ?? r.role);

/** An agency-scoped role must name its agency: said together with the server's other messages. */
export const roleAgencyCheck = (v: { role: string; agencyId: string }): Record<string, string> =>
  isAgencyScoped(v.role) && !v.agencyId ? { agencyId: 'Choose the agency they act for' } : {};
