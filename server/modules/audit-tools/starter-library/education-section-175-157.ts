import {
  date,
  evidenceFiles,
  GRADE_BANDS,
  number,
  RAG_SCALE,
  type StarterTemplate,
  section,
  shortText,
  singleChoice,
  standardsSection,
  yesNoPartly,
} from './common.js';

// Section 175 of the Education Act 2002 (local authorities, maintained schools, further education) and
// section 157 with the independent school standards (academies, free schools, independent schools) put
// the safeguarding duty on education settings; Keeping Children Safe in Education (KCSIE) is the
// statutory guidance, in five parts. This audit follows those five parts.

export const educationAudit: StarterTemplate = {
  id: 'section-175-157-education-audit',
  title: 'Section 175/157 education safeguarding audit',
  kind: 'education_audit',
  description:
    'The annual safeguarding audit for schools, colleges and other education settings, following the five parts of Keeping Children Safe in Education. The Designated Safeguarding Lead completes it with the safeguarding governor or trustee, and the headteacher or principal signs it off.',
  definition: {
    formatVersion: 1,
    title: 'Section 175/157 education safeguarding audit',
    description:
      'Answer for your setting as it is today, using the current edition of Keeping Children Safe in Education. Rate each standard “Fully met” only if you could show the evidence to an inspector tomorrow. Where a standard is partially met or not met, say what you will do about it; your action plan goes to your governing body and to the partnership’s education safeguarding group.',
    kind: 'education_audit',
    scales: [RAG_SCALE],
    bands: GRADE_BANDS,
    sections: [
      section(
        'setting',
        'About your setting',
        'So the partnership can compare like with like and knows whom to contact.',
        [
          singleChoice('setting-type', 'What kind of setting is this?', [
            ['maintained', 'Local authority maintained school (section 175)'],
            ['academy', 'Academy or free school (section 157)'],
            ['independent', 'Independent school (section 157)'],
            ['fe', 'Further education or sixth-form college (section 175)'],
            ['special', 'Special school'],
            ['alternative', 'Pupil referral unit or alternative provision'],
            ['other', 'Other education setting'],
          ]),
          number('roll', 'How many children or students are on roll?', { required: true, min: 0 }),
          shortText('dsl', 'Who is your Designated Safeguarding Lead?', {
            required: true,
            help: 'Name and job title, so the partnership knows whom to contact about this return.',
          }),
          number('deputies', 'How many trained deputy DSLs does the setting have?', {
            required: true,
            min: 0,
          }),
        ],
      ),
      standardsSection({
        id: 'part-1',
        title: 'Part 1: What all staff need to know',
        description:
          'Every member of staff knows what safeguarding means in their role, what to look for and what to do.',
        theme: 'KCSIE Part 1: all staff',
        evidenceHelp:
          'For example: the record of staff confirming they have read Part 1 (or Annex A), induction materials, the results of quizzes or conversations testing staff knowledge.',
        standards: [
          [
            'part-1-read',
            'All staff have read Part 1 of KCSIE (or Annex A, where that is more suitable for their role) and confirmed it, and are told when it changes.',
            'Include supply staff, volunteers and contractors who work with children.',
          ],
          [
            'part-1-indicators',
            'Staff can recognise the signs of abuse, neglect and exploitation, including child-on-child abuse, online harm, criminal and sexual exploitation and mental health concerns.',
            'Tested by asking staff, not only by delivering training.',
          ],
          [
            'part-1-reporting',
            'Staff know how to pass on a concern to the DSL, how to record it, and what to do if the DSL is not available or a child is in immediate danger.',
            'Including how to refer directly to children’s social care or the police when needed.',
          ],
          [
            'part-1-training',
            'All staff receive safeguarding and child protection training at induction and updates at least once a year.',
            'Training log with dates for every member of staff.',
          ],
        ],
      }),
      standardsSection({
        id: 'part-2',
        title: 'Part 2: Managing safeguarding',
        description:
          'What the governing body or proprietor, the leadership team and the DSL must have in place.',
        theme: 'KCSIE Part 2: management of safeguarding',
        files: true,
        evidenceHelp:
          'For example: governing body minutes, the child protection policy and its review date, the DSL’s job description and training certificates, the filtering and monitoring review, attendance data and procedures.',
        standards: [
          [
            'part-2-governance',
            'The governing body or proprietor has a named lead for safeguarding, receives a safeguarding report at least yearly, and challenges it.',
            'Governors have had training suited to their role.',
          ],
          [
            'part-2-dsl',
            'The DSL is a member of the senior leadership team, with the time, authority and resources to do the role, and the role is in their job description.',
            'Cover arrangements during term time and for out-of-hours activities.',
          ],
          [
            'part-2-dsl-training',
            'The DSL and deputies have completed formal DSL training within the last two years, and refresh their knowledge at least once a year.',
            'Certificates, and the updates they have attended since.',
          ],
          [
            'part-2-policy',
            'The child protection policy is reviewed every year, reflects local partnership procedures, and is published on the setting’s website.',
            'Alongside the behaviour policy and the staff code of conduct.',
          ],
          [
            'part-2-online',
            'Filtering and monitoring responsibilities are assigned, staff understand them, and the arrangements are reviewed at least once a year.',
            'Online safety is also taught in the curriculum.',
          ],
          [
            'part-2-attendance',
            'Children who are absent, missing from education or at risk of going missing are followed up promptly, with safeguarding in mind.',
            'First-day calls, contact details for more than one adult, and referrals when a child leaves without a known destination.',
          ],
          [
            'part-2-records',
            'Safeguarding records are accurate, kept securely apart from the main pupil file, and transferred promptly when a child moves setting.',
            'Including a check that the receiving setting has them.',
          ],
        ],
      }),
      standardsSection({
        id: 'part-3',
        title: 'Part 3: Safer recruitment',
        description:
          'Recruitment and checks that help keep people unsuitable to work with children out of the setting.',
        theme: 'KCSIE Part 3: safer recruitment',
        files: true,
        evidenceHelp:
          'For example: the safer recruitment training record of those who sit on panels, a sample of personnel files, an audit of the single central record.',
        standards: [
          [
            'part-3-panels',
            'At least one member of every interview panel has completed safer recruitment training.',
            'Including for roles recruited by a trust or the local authority on the setting’s behalf.',
          ],
          [
            'part-3-scr',
            'The single central record is complete and up to date, and is checked regularly by a senior leader and a governor.',
            'Record the date of the last check.',
          ],
          [
            'part-3-checks',
            'All pre-appointment checks required for each role are made and recorded before the person starts.',
            'Identity, enhanced criminal record and barred list checks, right to work, qualifications, prohibition checks, and overseas checks where relevant.',
          ],
          [
            'part-3-references',
            'References are obtained and scrutinised before interview where possible, and gaps or inconsistencies in employment history are explored.',
            'Including the online search of shortlisted candidates now expected.',
          ],
          [
            'part-3-others',
            'Volunteers, contractors, supply staff and visitors are subject to the checks their role requires, and supervised where required.',
            'Written confirmation from agencies and contractors that checks were made.',
          ],
        ],
      }),
      standardsSection({
        id: 'part-4',
        title: 'Part 4: Concerns and allegations about staff',
        description:
          'How the setting responds when someone working there may have harmed a child, or behaved in a way that falls short of its expectations.',
        theme: 'KCSIE Part 4: allegations about staff',
        evidenceHelp:
          'For example: the allegations and low-level concerns policies, anonymised logs, records of contact with the LADO.',
        standards: [
          [
            'part-4-allegations',
            'Allegations that may meet the harm threshold are reported to the LADO within one working day and managed under local procedures.',
            'Including allegations about supply staff, contractors and volunteers, and about the headteacher (reported by the chair of governors).',
          ],
          [
            'part-4-low-level',
            'Low-level concerns about staff are shared, recorded and reviewed under a clear policy, so patterns are noticed.',
            'Staff know what a low-level concern is and are encouraged to self-report.',
          ],
          [
            'part-4-conduct',
            'A staff code of conduct sets out safe working practice and is understood by everyone.',
            'Including online communication with pupils and professional boundaries.',
          ],
        ],
      }),
      standardsSection({
        id: 'part-5',
        title: 'Part 5: Child-on-child sexual violence and sexual harassment',
        description:
          'Preventing child-on-child sexual violence and harassment, and responding well when it is reported.',
        theme: 'KCSIE Part 5: child-on-child sexual violence and harassment',
        evidenceHelp:
          'For example: the relevant part of the child protection policy, anonymised case records with risk assessments, the RSHE curriculum map, pupil voice findings.',
        standards: [
          [
            'part-5-culture',
            'The setting makes clear that sexual violence and harassment are never acceptable or “just banter”, and children know how to report it.',
            'Pupil voice shows children trust staff to act.',
          ],
          [
            'part-5-response',
            'Every report is taken seriously, and the response is decided case by case, with a risk assessment and support for both the child who reported and the child alleged to have caused harm.',
            'Involving children’s social care and the police where required.',
          ],
          [
            'part-5-curriculum',
            'Relationships, sex and health education teaches consent, respect and healthy relationships, including online.',
            'Age-appropriate and planned across the curriculum.',
          ],
          [
            'part-5-patterns',
            'Incidents are recorded so that patterns, places and times of concern can be spotted and acted on.',
            'Reviewed by the DSL and reported to governors.',
          ],
        ],
      }),
      section(
        'sign-off',
        'Sign-off',
        'Safeguarding is the whole governing body’s responsibility; the return is signed off by the head and a governor.',
        [
          yesNoPartly(
            'governors-seen',
            'Has the governing body or proprietor seen this audit and its action plan?',
          ),
          evidenceFiles(
            'action-plan-file',
            'Your safeguarding action plan, if you keep it in a separate document',
            {
              help: 'Optional. Remove children’s names before uploading.',
            },
          ),
          date('sign-off-date', 'Date the headteacher or principal signed off this audit', {
            required: true,
          }),
        ],
      ),
    ],
  },
};
