import {
  date,
  GRADE_BANDS,
  RAG_SCALE,
  type StarterTemplate,
  section,
  shortText,
  standardsSection,
} from './common.js';

// Section 11 of the Children Act 2004 requires named agencies to keep children's safety and welfare in
// mind in everything they do; Working Together to Safeguard Children describes the arrangements that
// implies. This tool asks an agency to rate itself against them, area by area, with evidence, before a
// challenge panel.

export const section11SelfAssessment: StarterTemplate = {
  id: 'section-11-self-assessment',
  title: 'Section 11 self-assessment',
  kind: 'self_assessment',
  description:
    'For the regular Section 11 (Children Act 2004) audit of each statutory and commissioned agency. The agency rates itself against the Working Together arrangements in eight areas, with evidence, ahead of a scrutiny or challenge panel.',
  definition: {
    formatVersion: 1,
    title: 'Section 11 self-assessment',
    description:
      'Rate your organisation against each standard, thinking about the whole organisation rather than one team. “Fully met” means you can show the standard is in place and working; “Partially met” means some of it is in place or it is not yet consistent; “Not met” means it is not in place. Use “Not applicable” only where the standard cannot apply to your organisation, and say why. Large organisations may split the areas between the people who own them; the agency lead signs off the whole.',
    kind: 'self_assessment',
    scales: [RAG_SCALE],
    bands: GRADE_BANDS,
    sections: [
      standardsSection({
        id: 'leadership',
        title: 'Senior leadership and accountability',
        description:
          'Who at the top of the organisation is answerable for safeguarding children, and how they know it is working.',
        theme: 'Senior leadership and accountability',
        files: true,
        evidenceHelp:
          'For example: the board-level lead’s role description, organisation charts showing lines of accountability, board minutes where safeguarding reports were discussed and challenged, contract clauses.',
        standards: [
          [
            'leadership-senior-lead',
            'A named senior leader at board level is accountable for the organisation’s safeguarding of children.',
            'The role is written into their responsibilities, and staff can say who holds it.',
          ],
          [
            'leadership-lines',
            'Lines of accountability for safeguarding run clearly from frontline staff to the board.',
            'Every manager knows what they answer for and to whom; the structure is written down and current.',
          ],
          [
            'leadership-board-oversight',
            'The board or senior leadership team receives regular safeguarding reports and acts on them.',
            'At least yearly: activity, audit findings, training compliance, learning from reviews, and what changed as a result.',
          ],
          [
            'leadership-commissioning',
            'Services the organisation commissions or contracts out are required to meet these standards, and this is checked.',
            'Safeguarding clauses in contracts, and monitoring that tests them (not only a signed declaration).',
          ],
        ],
      }),
      standardsSection({
        id: 'policies',
        title: 'Safeguarding policies and procedures',
        description:
          'Whether the organisation’s written arrangements are current, consistent with the partnership’s procedures, and known by the people who need them.',
        theme: 'Policies and procedures',
        files: true,
        evidenceHelp:
          'For example: the safeguarding policy with its review date, how it links to the partnership’s multi-agency procedures, staff survey results about awareness, the policy on allegations about staff.',
        standards: [
          [
            'policies-current',
            'A child safeguarding policy is in place, reviewed on a set cycle, and consistent with the partnership’s multi-agency procedures.',
            'Review dates are kept; changes to national guidance and local procedures are reflected promptly.',
          ],
          [
            'policies-known',
            'Staff and volunteers know where to find the policy and what it expects of them.',
            'Tested by asking staff, not only by publishing the policy. Include agency, bank and contracted staff.',
          ],
          [
            'policies-coverage',
            'Policies cover online safety, allegations about people who work with children, and how children and families can complain.',
            'The allegations policy names the route to the Local Authority Designated Officer (LADO).',
          ],
        ],
      }),
      standardsSection({
        id: 'listening',
        title: 'Listening to children',
        description:
          'A culture in which children’s wishes and feelings are sought and shape both individual decisions and the design of services.',
        theme: 'Listening to children',
        evidenceHelp:
          'For example: examples of participation work and what changed because of it, audit findings about recording children’s views, child-friendly complaints information.',
        standards: [
          [
            'listening-individual',
            'Staff seek and record the wishes and feelings of the children they work with, and take them into account in decisions.',
            'Case audits show children’s views in their own words and how they influenced plans.',
          ],
          [
            'listening-service-design',
            'Children and young people help shape how services are designed, delivered and reviewed.',
            'Consultation, youth panels, feedback surveys, young inspectors, and evidence of what changed as a result.',
          ],
          [
            'listening-feedback',
            'Children can raise a concern or complaint in a way that suits their age and needs, and hear what was done about it.',
            'Accessible formats, advocacy, and feedback to the child.',
          ],
        ],
      }),
      standardsSection({
        id: 'speaking-up',
        title: 'Whistleblowing and escalation',
        description:
          'Staff can raise concerns about practice inside the organisation, and challenge other agencies’ decisions, without fear.',
        theme: 'Whistleblowing and escalation',
        evidenceHelp:
          'For example: the whistleblowing or Freedom to Speak Up policy, a log of escalations under the partnership’s procedure and their outcomes, staff survey results.',
        standards: [
          [
            'speaking-up-whistleblowing',
            'A whistleblowing procedure is in place, staff know how to use it, and concerns raised are acted on.',
            'Including routes outside the line-management chain, and protection for those who speak up.',
          ],
          [
            'speaking-up-escalation',
            'Staff know and use the partnership’s procedure for resolving professional disagreements about a child’s safety.',
            'Evidence of escalations made, at what level they were resolved, and how long it took.',
          ],
          [
            'speaking-up-learning',
            'Themes from whistleblowing, complaints and escalations are reviewed by senior leaders and lead to change.',
            'Reports to the board or safeguarding committee, with the actions that followed.',
          ],
        ],
      }),
      standardsSection({
        id: 'information-sharing',
        title: 'Information sharing',
        description:
          'Clear, lawful arrangements for sharing information to protect children, which staff are confident to use.',
        theme: 'Information sharing',
        evidenceHelp:
          'For example: information-sharing agreements, guidance to staff, audit findings on decisions to share, data-protection training records.',
        standards: [
          [
            'information-sharing-processes',
            'There are clear processes for sharing information with partners, consistent with data protection law and the government’s advice on information sharing.',
            'Including sharing agreements where regular sharing happens, and secure ways of sending information.',
          ],
          [
            'information-sharing-confidence',
            'Staff understand when they may share information without consent to protect a child, and do so promptly.',
            'Data protection is understood as a framework for sharing, not a barrier to it.',
          ],
          [
            'information-sharing-recording',
            'Decisions to share or not to share information, and the reasons, are recorded.',
            'Case audits show the decision and its rationale on the file.',
          ],
        ],
      }),
      standardsSection({
        id: 'designated',
        title: 'Designated practitioners',
        description:
          'People with a specific safeguarding role (designated and, in health, named professionals) have what they need to carry it out.',
        theme: 'Designated practitioners',
        evidenceHelp:
          'For example: job descriptions of designated and named leads, the time allocated to the role, their training and supervision records, how staff are told who they are.',
        standards: [
          [
            'designated-roles',
            'Designated (and, where relevant, named) safeguarding practitioners are in post, with the role in their job description.',
            'Cover arrangements exist for absence and out of hours.',
          ],
          [
            'designated-capacity',
            'They have the time, training, supervision and support the role needs.',
            'Protected time that matches the size of the organisation, and training above the level of general staff.',
          ],
          [
            'designated-visible',
            'Staff know who the safeguarding leads are and how to reach them for advice.',
            'Checked by asking staff in different teams and locations.',
          ],
        ],
      }),
      standardsSection({
        id: 'safer-recruitment',
        title: 'Safer recruitment',
        description:
          'Recruitment and working practices that deter and identify people unsuitable to work with children, and respond when concerns arise about someone who does.',
        theme: 'Safer recruitment',
        files: true,
        evidenceHelp:
          'For example: the safer recruitment policy, a sample of personnel files checked, criminal record check rates and renewal policy, the log of allegations referred to the LADO.',
        standards: [
          [
            'safer-recruitment-process',
            'Recruitment follows safer recruitment practice, with at least one trained person on every interview panel for roles working with children.',
            'Gaps in employment history explored, references taken before appointment, identity and qualifications checked.',
          ],
          [
            'safer-recruitment-checks',
            'Criminal record checks are made at the right level for each role, and the organisation has a clear position on re-checks.',
            'Including volunteers, students and contracted staff where they work with children.',
          ],
          [
            'safer-recruitment-allegations',
            'Allegations or concerns about people who work with children are reported to the LADO and managed under the partnership’s procedures.',
            'Referrals made within one working day, and lessons taken from each case.',
          ],
          [
            'safer-recruitment-conduct',
            'A code of conduct sets out safe working practice, and staff know it.',
            'Including online contact with children, gifts, lone working and professional boundaries.',
          ],
        ],
      }),
      standardsSection({
        id: 'supervision-training',
        title: 'Supervision and training',
        description:
          'Staff are trained for the safeguarding responsibilities of their role and supported through supervision to apply it.',
        theme: 'Supervision and training',
        files: true,
        evidenceHelp:
          'For example: the training needs analysis, completion rates by level, supervision policy and audit, evaluations that show what changed in practice after training.',
        standards: [
          [
            'training-induction',
            'Every new member of staff or volunteer receives safeguarding training at induction.',
            'Before or soon after starting work with children, and recorded.',
          ],
          [
            'training-levels',
            'Staff receive safeguarding training at the level their role needs, and refresh it on a set cycle, including multi-agency training offered by the partnership.',
            'Completion rates by level and team, and how gaps are followed up.',
          ],
          [
            'supervision-reflective',
            'Staff who work with children receive regular supervision that includes reflective discussion of safeguarding.',
            'Supervision records show challenge, analysis of risk and agreed actions, not only case updates.',
          ],
          [
            'training-impact',
            'The organisation checks that training changes practice.',
            'For example, a follow-up with the manager some months after the course, or case audits after a training programme.',
          ],
        ],
      }),
      section('sign-off', 'Sign-off', 'The senior person accountable for safeguarding confirms the return.', [
        shortText('sign-off-role', 'Role of the senior leader who signed off this self-assessment', {
          required: true,
          help: 'For example, Director of Nursing or Chief Superintendent. The sign-off is recorded against their account as well.',
        }),
        date('sign-off-date', 'Date of sign-off', { required: true }),
      ]),
    ],
  },
};
