import {
  date,
  evidenceFiles,
  GRADE_BANDS,
  longText,
  RAG_SCALE,
  rating,
  type Standard,
  type StarterTemplate,
  section,
  shortText,
  whenAnyNotFullyMet,
  withTheme,
} from './common.js';

// The Care Act 2014 and its statutory guidance frame adult safeguarding around six principles, with
// Making Safeguarding Personal as the way of working and the Mental Capacity Act 2005 underneath any
// decision made for someone who may lack capacity. Each principle is a section here, with two or three
// standards, rated with evidence; one action plan at the end covers every gap.

/** A principle's standards (rated on RAG) and the evidence narrative for it. */
function principle(
  id: string,
  title: string,
  description: string,
  standards: Standard[],
  evidenceHelp: string,
) {
  return section(
    id,
    title,
    description,
    withTheme(title, [
      ...standards.map(([qid, text, help]) => rating(qid, text, 'rag', { help })),
      longText(`${id}-evidence`, 'What evidence supports your ratings for this principle?', {
        required: true,
        help: evidenceHelp,
      }),
    ]),
  );
}

const STANDARDS = {
  empowerment: [
    [
      'empowerment-outcomes',
      'Adults are asked at the start what they want to happen and what a good outcome would look like for them.',
      'Recorded in the person’s own words where possible, and revisited at the end.',
    ],
    [
      'empowerment-decisions',
      'Adults are supported to make their own decisions, with information in a form they can use.',
      'Easy-read material, interpreters, communication aids, time to decide.',
    ],
    [
      'empowerment-advocacy',
      'Independent advocacy is offered where a person would have substantial difficulty taking part and has no one suitable to support them.',
      'The Care Act duty to provide an advocate, and how the organisation makes sure it is met.',
    ],
  ],
  prevention: [
    [
      'prevention-information',
      'People who use services, families and the public get clear information about what abuse and neglect are and how to report them.',
      'Leaflets, web pages and posters in accessible formats and community languages.',
    ],
    [
      'prevention-early',
      'Staff act early on low-level concerns and patterns, including self-neglect, before harm escalates.',
      'Use of early-support routes, and of the local self-neglect or hoarding protocol.',
    ],
  ],
  proportionality: [
    [
      'proportionality-least-intrusive',
      'Responses are proportionate to the risk and the least intrusive that will work, respecting the person’s wishes.',
      'Case records show the risk weighed against the person’s views and rights.',
    ],
    [
      'proportionality-risk-assessment',
      'Risk is assessed with the person and reviewed as things change.',
      'Positive risk-taking is recorded and supported where it reflects the person’s informed choice.',
    ],
  ],
  protection: [
    [
      'protection-concerns',
      'Staff recognise abuse and neglect, including less visible forms such as coercive control, financial abuse, modern slavery and organisational abuse, and raise concerns promptly.',
      'Concerns reach the local authority within the timescale set in the local procedures.',
    ],
    [
      'protection-enquiries',
      'The organisation takes a full part in section 42 enquiries when asked, and acts on what they find.',
      'Timely reports, attendance at planning meetings, and protection plans carried out.',
    ],
    [
      'protection-allegations',
      'Concerns about people in a position of trust are managed under the partnership’s procedure.',
      'A named lead for such concerns, and a record of each one and its outcome.',
    ],
  ],
  partnership: [
    [
      'partnership-sharing',
      'Information is shared with partners when it is needed to protect an adult, lawfully and with the person’s knowledge wherever it is safe.',
      'Decisions to share with or without consent are recorded with the reason.',
    ],
    [
      'partnership-board',
      'The organisation contributes to the work of the Safeguarding Adults Board and its subgroups, including data returns and Safeguarding Adults Reviews.',
      'Attendance, returns made on time, and actions taken on review recommendations.',
    ],
  ],
  accountability: [
    [
      'accountability-lead',
      'A senior leader is accountable for adult safeguarding, and roles and responsibilities are clear at every level.',
      'Job descriptions, governance structure, and reports to the board.',
    ],
    [
      'accountability-learning',
      'The organisation learns from audits, complaints and reviews, and can show what changed.',
      'An action log with evidence that practice changed, not only that a briefing was sent.',
    ],
    [
      'accountability-training',
      'Staff receive adult safeguarding training at the level their role needs, and supervision that supports it.',
      'Completion rates by level and how gaps are followed up.',
    ],
  ],
  msp: [
    [
      'msp-person-led',
      'Safeguarding work is done with the person, not to them: their desired outcomes guide the enquiry and the plan.',
      'Case audits show the person’s outcomes recorded at the start and reviewed at the end.',
    ],
    [
      'msp-outcomes-measured',
      'The organisation asks people whether their outcomes were met and whether they feel safer, and uses the answers.',
      'For example, outcome measures collected at the close of an enquiry and reported to the board.',
    ],
  ],
  mca: [
    [
      'mca-presumption',
      'Staff start from the presumption that a person has capacity, and assess capacity for a specific decision at the time it needs to be made.',
      'Assessments recorded in line with the Mental Capacity Act code of practice.',
    ],
    [
      'mca-best-interests',
      'Where a person lacks capacity for a decision, best-interests decisions involve the person and those close to them, and are recorded.',
      'Including use of an Independent Mental Capacity Advocate where the person has no one else.',
    ],
    [
      'mca-liberty',
      'Staff recognise when care arrangements may deprive a person of their liberty and follow the legal process for authorising it.',
      'Applications made, tracked and reviewed.',
    ],
  ],
} satisfies Record<string, Standard[]>;

const allRatingIds = Object.values(STANDARDS).flatMap((list) => list.map(([id]) => id));

export const careActSelfAssessment: StarterTemplate = {
  id: 'care-act-adult-safeguarding-self-assessment',
  title: 'Care Act adult safeguarding self-assessment',
  kind: 'self_assessment',
  description:
    'For the Safeguarding Adults Board’s assurance of partner organisations. Each organisation rates itself against the six safeguarding principles of the Care Act 2014, Making Safeguarding Personal and the Mental Capacity Act, with evidence and an action plan.',
  definition: {
    formatVersion: 1,
    title: 'Care Act adult safeguarding self-assessment',
    description:
      'Rate your organisation against each standard with the evidence you would show a challenge panel. “Partially met” means the standard is in place in some services or some of the time. Use “Not applicable” only where a standard cannot apply to your organisation, and give the reason.',
    kind: 'self_assessment',
    scales: [RAG_SCALE],
    bands: GRADE_BANDS,
    sections: [
      principle(
        'empowerment',
        'Empowerment',
        'People are helped to make their own choices and to give, or withhold, informed consent.',
        STANDARDS.empowerment,
        'For example: audit findings on recorded outcomes, advocacy referral figures, accessible information.',
      ),
      principle(
        'prevention',
        'Prevention',
        'Acting early, before harm happens.',
        STANDARDS.prevention,
        'For example: public information, use of the self-neglect protocol, early-support referrals.',
      ),
      principle(
        'proportionality',
        'Proportionality',
        'A response that matches the level of risk and interferes no more than it must.',
        STANDARDS.proportionality,
        'For example: case audits showing how risk and the person’s wishes were balanced.',
      ),
      principle(
        'protection',
        'Protection',
        'Help and representation for the people most at risk.',
        STANDARDS.protection,
        'For example: the number of concerns raised and how quickly, contributions to section 42 enquiries, the log of concerns about people in a position of trust.',
      ),
      principle(
        'partnership',
        'Partnership',
        'Services work together, and with communities, to prevent, notice and respond to abuse.',
        STANDARDS.partnership,
        'For example: information-sharing agreements, board and subgroup attendance, actions from Safeguarding Adults Reviews.',
      ),
      principle(
        'accountability',
        'Accountability',
        'Everyone’s part in safeguarding is clear, and open to scrutiny.',
        STANDARDS.accountability,
        'For example: the governance structure, board reports, training figures, evidence of change after learning.',
      ),
      principle(
        'msp',
        'Making Safeguarding Personal',
        'Safeguarding that is person-led and focused on the outcomes the person wants.',
        STANDARDS.msp,
        'For example: outcome measures, feedback from people who went through an enquiry, case audits.',
      ),
      principle(
        'mca',
        'Mental Capacity Act',
        'Decisions for people who may lack capacity follow the Mental Capacity Act 2005 and its code of practice.',
        STANDARDS.mca,
        'For example: audits of capacity assessments and best-interests records, liberty safeguards figures, training.',
      ),
      section(
        'action-plan',
        'Action plan and sign-off',
        'One plan for every standard not fully met, and the senior sign-off.',
        [
          longText(
            'action-plan',
            'For each standard rated partially met or not met: what will you do, who is responsible (a role), and by when?',
            {
              required: true,
              showIf: whenAnyNotFullyMet(...allRatingIds),
              help: 'These actions are reviewed at the challenge panel and then tracked in Assure.',
              themes: ['Action planning'],
            },
          ),
          evidenceFiles('supporting-evidence', 'Supporting evidence', {
            help: 'Optional. Policies, audit reports, training figures or board papers you referred to.',
          }),
          shortText('sign-off-role', 'Role of the senior leader who signed off this self-assessment', {
            required: true,
          }),
          date('sign-off-date', 'Date of sign-off', { required: true }),
        ],
      ),
    ],
  },
};
