import type { TAuditTemplate } from '../../../contracts/audit-tools.js';
import type { RequestContext } from '../../platform/actor.js';
import { writeAudit } from '../../platform/audit.js';
import type { Tx } from '../../platform/db.js';
import { auditTemplates, auditTemplateVersions } from '../audit-tools/audit-tools.tables.js';
import { formResponses } from './responses.tables.js';

/** A short, published demo form exercising the form engine: a condition, a rating with N/A, a chronology and evidence. */
export const DEMO_FORM: TAuditTemplate = {
  formatVersion: 1,
  title: 'Neglect dip sample: agency return (demo)',
  description: 'A short return each agency completes for the neglect dip sample.',
  kind: 'case_audit',
  scales: [
    {
      id: 'rag',
      name: 'RAG',
      options: [
        { id: 'fully', label: 'Fully met', score: 2, colour: 'green' },
        { id: 'partly', label: 'Partially met', score: 1, colour: 'orange' },
        { id: 'not', label: 'Not met', score: 0, colour: 'red' },
        { id: 'na', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
      ],
    },
  ],
  sections: [
    {
      id: 'involvement',
      title: 'Your agency’s involvement',
      questions: [
        { id: 'known', type: 'yes_no_partly', text: 'Was the child known to your agency?', required: true },
        {
          id: 'known_how',
          type: 'long_text',
          text: 'How did your agency come to know the child?',
          required: true,
          showIf: { questionId: 'known', equals: ['yes', 'partly'] },
        },
        {
          id: 'contacts',
          type: 'number',
          text: 'How many contacts did your agency have with the child in the last 12 months?',
          required: false,
          min: 0,
          max: 500,
        },
      ],
    },
    {
      id: 'practice',
      title: 'Practice',
      questions: [
        {
          id: 'voice',
          type: 'rating',
          text: 'The child’s voice was heard and recorded',
          help: 'Choose Not applicable only if the child could not be seen; say why.',
          required: true,
          scaleId: 'rag',
          kloe: 'lived_experience',
        },
        {
          id: 'sharing',
          type: 'rating',
          text: 'Information was shared with partners when it should have been',
          required: true,
          scaleId: 'rag',
          kloe: 'partnership_working_information_sharing',
        },
        {
          id: 'themes',
          type: 'multiple_choice',
          text: 'Which of these featured in the case?',
          required: false,
          options: [
            { id: 'dental', label: 'Dental neglect' },
            { id: 'housing', label: 'Poor home conditions' },
            { id: 'school', label: 'Poor school attendance' },
            { id: 'health', label: 'Missed health appointments' },
          ],
        },
        {
          id: 'last_review',
          type: 'date',
          text: 'When was the case last reviewed by a manager?',
          required: false,
        },
      ],
    },
    {
      id: 'evidence',
      title: 'Chronology and evidence',
      questions: [
        { id: 'chronology', type: 'chronology', text: 'Key events for your agency', required: false },
        {
          id: 'records',
          type: 'evidence_file',
          text: 'Supporting records',
          help: 'For example, a redacted supervision note.',
          required: false,
        },
      ],
    },
  ],
};

/**
 * The demo's form-engine data for Northshire: the demo form (published) and three requests: the
 * police's return in progress, the council's submitted, and one sent to a practitioner not yet started.
 */
export async function seedDemoForms(
  tx: Tx,
  ctx: RequestContext,
  ids: {
    partnershipId: string;
    adminId: string;
    policeId: string;
    policeLeadId: string;
    councilId: string;
    councilLeadId: string;
    practitionerId: string;
    now: Date;
  },
) {
  const [template] = await tx
    .insert(auditTemplates)
    .values({ partnershipId: ids.partnershipId, title: DEMO_FORM.title, kind: DEMO_FORM.kind })
    .returning();
  const [version] = await tx
    .insert(auditTemplateVersions)
    .values({
      templateId: template.id,
      number: 1,
      status: 'published',
      definition: DEMO_FORM,
      publishedAt: ids.now,
      publishedBy: ids.adminId,
    })
    .returning();
  const dueOn = new Date(ids.now.getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
  const common = {
    partnershipId: ids.partnershipId,
    templateVersionId: version.id,
    dueOn,
    createdBy: ids.adminId,
  };
  const rows = await tx
    .insert(formResponses)
    .values([
      {
        ...common,
        title: 'Neglect dip sample: Northshire Police',
        agencyId: ids.policeId,
        answers: { known: 'yes', contacts: 4 },
        version: 2,
        lastSavedAt: ids.now,
        lastSavedBy: ids.policeLeadId,
      },
      {
        ...common,
        title: 'Neglect dip sample: County Council',
        agencyId: ids.councilId,
        status: 'submitted' as const,
        answers: {
          known: 'yes',
          known_how: 'A referral from the school about poor attendance and hunger.',
          contacts: 11,
          voice: { optionId: 'partly' },
          sharing: { optionId: 'fully' },
          themes: ['school', 'housing'],
          chronology: [
            {
              date: '2025-09-12',
              agency: 'County Council',
              event: 'Referral received from Riverside Primary School',
              significance: 'First sign of neglect shared by education',
            },
          ],
        },
        version: 3,
        lastSavedAt: ids.now,
        lastSavedBy: ids.councilLeadId,
        submittedAt: ids.now,
        submittedBy: ids.councilLeadId,
      },
      {
        ...common,
        title: 'Neglect dip sample: practitioner view',
        assigneePersonId: ids.practitionerId,
      },
    ])
    .returning();
  await writeAudit(tx, ctx, {
    entity: 'form_response',
    action: 'demo_forms_seeded',
    partnershipId: ids.partnershipId,
    personId: null,
    personEmail: null,
    after: { templateId: template.id, responseIds: rows.map((r) => r.id) },
  });
}
