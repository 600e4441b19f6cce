import {
  chronology,
  evidenceFiles,
  GRADE_BANDS,
  longText,
  multipleChoice,
  OFSTED_SCALE,
  rating,
  type StarterTemplate,
  section,
  singleChoice,
  underKloe,
  whenAnswer,
  withTheme,
  yesNoPartly,
} from './common.js';

// A multi-agency case file audit: each agency reads its own record of one pseudonymous case against
// the four key lines of enquiry, talks to the practitioner, and grades what it finds. The panel then
// lays the agencies' returns side by side on the audit day.

const GRADE_HELP =
  'Grade what the record shows, not what you believe happened. Say why in the next answer, so the panel can moderate the grade.';

export const caseFileAudit: StarterTemplate = {
  id: 'multi-agency-case-file-audit',
  title: 'Multi-agency case file audit',
  kind: 'case_audit',
  description:
    'For a themed multi-agency audit of a small sample of cases: each agency audits its own record of the case against the four key lines of enquiry, with the voice of the child or adult and of the practitioner, and grades it for the audit day.',
  definition: {
    formatVersion: 1,
    title: 'Multi-agency case file audit',
    description:
      'Audit your agency’s record of this case over the period set by the audit proposal (usually the last 12 months). Use the case reference only: never write the names, dates of birth, addresses or other identifying details of the child, adult or family. If you find anything that leaves someone at risk now, raise an immediate safeguarding concern straight away rather than waiting for the audit day.',
    kind: 'case_audit',
    scales: [OFSTED_SCALE],
    bands: GRADE_BANDS,
    sections: [
      section(
        'about-the-case',
        'Your agency’s involvement',
        'What your agency did with this case, and over what period. Facts only; the judgements come in later sections.',
        [
          singleChoice(
            'level-of-need',
            'What was the highest level of need or intervention your agency worked at during the audit period?',
            [
              ['universal', 'Universal services only'],
              ['early-help', 'Early help or targeted support'],
              ['child-in-need', 'Child in need, or care and support assessment for an adult'],
              ['child-protection', 'Child protection, or a section 42 enquiry for an adult'],
              ['looked-after', 'Looked after child or care leaver'],
              ['other', 'Other'],
            ],
            {
              help: 'Choose the highest level reached, even if it lasted only a short time.',
              themes: ['Thresholds'],
            },
          ),
          longText(
            'involvement-summary',
            'In a few sentences, what was your agency’s role with this child or adult and their family?',
            {
              required: true,
              help: 'For example: health visiting contacts, a referral to children’s social care, attendance at strategy meetings, a school’s pastoral support. Do not identify anyone.',
            },
          ),
          chronology(
            'chronology',
            'Chronology of your agency’s significant contacts and decisions in the audit period',
            {
              required: true,
              help: 'One row per significant event: the date, your agency (or the agency you contacted), what happened, and why it matters for the child or adult. Include missed appointments and referrals made or received. The panel merges every agency’s rows into one timeline.',
              themes: ['Chronologies'],
            },
          ),
        ],
      ),
      section(
        'lived-experience',
        'The lived experience of the child or adult',
        'Whether practitioners saw the world from the child’s or adult’s point of view, and let that shape what they did.',
        underKloe(
          'lived_experience',
          withTheme('Voice of the child or adult', [
            yesNoPartly(
              'seen-and-heard',
              'Was the child or adult seen, and spoken with on their own where that was safe and appropriate?',
              {
                help: 'Look for direct contact recorded, not just contact with parents, carers or other professionals. For a very young child or a person who does not use speech, look for observation of how they presented and behaved.',
              },
            ),
            yesNoPartly(
              'wishes-recorded',
              'Are the child’s or adult’s wishes, feelings and views recorded in their own words or ways of communicating?',
              {
                help: 'Quotes, drawings, observations of behaviour, or the views of an advocate. For an adult, this includes the outcomes they said they wanted (Making Safeguarding Personal).',
              },
            ),
            yesNoPartly(
              'views-influenced',
              'Did those views make a visible difference to decisions and plans?',
              {
                help: 'Can you trace a decision back to something the child or adult said or showed? Where their wishes were not followed, is the reason recorded and explained to them?',
              },
            ),
            yesNoPartly(
              'daily-life',
              'Does the record describe what daily life was like for the child or adult, and the impact of the adults’ behaviour or circumstances on them?',
              {
                help: 'A good record lets a stranger picture a typical day: who cares for them, whether they are fed, safe, in school or in touch with friends, and how worries at home affect them.',
              },
            ),
            yesNoPartly(
              'identity-needs',
              'Were their identity and any additional needs considered: culture, faith, ethnicity, language, disability, sexuality, gender and care experience?',
              {
                help: 'Including whether an interpreter or communication support was used where needed, and whether any assumptions were challenged.',
                themes: ['Diversity and inclusion'],
              },
            ),
            rating(
              'lived-experience-grade',
              'Grade for the lived experience of the child or adult',
              'ofsted',
              {
                help: GRADE_HELP,
              },
            ),
            longText('lived-experience-reasons', 'Why did you give this grade?', {
              required: true,
              help: 'What the record shows that supports the grade, and what would have made it better.',
            }),
          ]),
        ),
      ),
      section(
        'identification',
        'Identification and early intervention',
        'Whether risks and needs were spotted early, understood in the light of the history, and acted on at the right level.',
        underKloe('identification_early_intervention', [
          yesNoPartly(
            'risk-recognised',
            'Were signs of harm, need or risk recognised when they first appeared in your agency’s record?',
            { help: 'Look at the first time a worry was noted and what happened next.' },
          ),
          yesNoPartly(
            'history-used',
            'Did practitioners take account of the family’s history, including earlier referrals, previous involvement and patterns over time?',
            {
              help: 'Was a chronology or case summary kept up to date and actually used to inform judgements, or was each incident treated on its own?',
              themes: ['Chronologies'],
            },
          ),
          yesNoPartly(
            'early-help-offered',
            'Was early help or support offered at the right time, before needs escalated?',
            { themes: ['Early help'] },
          ),
          yesNoPartly(
            'threshold-applied',
            'Where a referral or escalation was needed, was it made promptly and at the right level of the local threshold guidance?',
            {
              help: 'Consider both referrals that should have been made and were not, and referrals made at a higher level than needed.',
              themes: ['Thresholds'],
            },
          ),
          yesNoPartly(
            'assessment-quality',
            'Was any assessment your agency completed analytical, up to date and focused on the child or adult, rather than a description of events?',
            { themes: ['Assessment'] },
          ),
          rating('identification-grade', 'Grade for identification and early intervention', 'ofsted', {
            help: GRADE_HELP,
          }),
          longText('identification-reasons', 'Why did you give this grade?', { required: true }),
        ]),
      ),
      section(
        'partnership-working',
        'Partnership working and information sharing',
        'Whether agencies shared what they knew, in time, and worked to one plan.',
        underKloe('partnership_working_information_sharing', [
          yesNoPartly(
            'information-shared',
            'Did your agency share relevant information with the right partners promptly and proportionately?',
            {
              help: 'Including information shared without consent where that was justified, with the reason recorded.',
              themes: ['Information sharing'],
            },
          ),
          yesNoPartly(
            'information-received',
            'Did your agency receive the information it needed from partners, including feedback on any referral it made?',
            { themes: ['Information sharing'] },
          ),
          yesNoPartly(
            'consent-recorded',
            'Where consent was needed to share information or provide a service, was it sought, and was the decision recorded?',
            { themes: ['Consent'] },
          ),
          yesNoPartly(
            'meetings-attended',
            'Did your agency take part in the multi-agency meetings it was invited to, and contribute a report or information where expected?',
            {
              help: 'Strategy discussions, conferences, core groups, team-around-the-family meetings, MARAC, adult safeguarding planning meetings.',
            },
          ),
          yesNoPartly(
            'disagreement-escalated',
            'Where professionals disagreed, was the disagreement raised and resolved through the escalation procedure?',
            {
              required: false,
              help: 'Leave blank if there was no disagreement. Answer No if there was a disagreement that was not taken further.',
              themes: ['Escalation'],
            },
          ),
          rating('partnership-grade', 'Grade for partnership working and information sharing', 'ofsted', {
            help: GRADE_HELP,
          }),
          longText('partnership-reasons', 'Why did you give this grade?', { required: true }),
        ]),
      ),
      section(
        'governance',
        'Governance, policies and procedures',
        'Whether your agency’s own procedures were followed and managers had a grip on the case.',
        underKloe('governance_policies_procedures', [
          yesNoPartly(
            'procedures-followed',
            'Were your agency’s safeguarding procedures, and the partnership’s multi-agency procedures, followed?',
            { help: 'Where they were not, note which procedure and why in the reasons for the grade.' },
          ),
          yesNoPartly(
            'management-oversight',
            'Is there evidence of management oversight, with key decisions recorded and their rationale explained?',
            { themes: ['Management oversight'] },
          ),
          yesNoPartly(
            'supervision-effect',
            'Did supervision or management oversight make a difference: test the plan, challenge drift, or change direction when needed?',
            { themes: ['Management oversight', 'Supervision'] },
          ),
          rating('governance-grade', 'Grade for governance, policies and procedures', 'ofsted', {
            help: GRADE_HELP,
          }),
          longText('governance-reasons', 'Why did you give this grade?', { required: true }),
        ]),
      ),
      section(
        'practitioner',
        'The voice of the practitioner',
        'A conversation with the practitioner who held the case (or their manager) adds what the record cannot show. Agree with them what will be shared at the audit day.',
        withTheme('Voice of the practitioner', [
          yesNoPartly('practitioner-spoken-to', 'Did you speak with the practitioner or their manager?', {
            help: 'Answer Partly if you could speak only to the manager, or only briefly.',
          }),
          longText(
            'practitioner-view',
            'What did the practitioner say about working with this child or adult and their family?',
            {
              showIf: whenAnswer('practitioner-spoken-to', 'yes', 'partly'),
              help: 'What went well, what was hard, and what they would do differently.',
            },
          ),
          longText(
            'practitioner-helped-hindered',
            'What helped or got in the way of their work: caseload, supervision, training, systems, other agencies?',
            { showIf: whenAnswer('practitioner-spoken-to', 'yes', 'partly') },
          ),
        ]),
      ),
      section(
        'impact',
        'Impact and outcomes',
        'What difference the work made to the child or adult. This matters more than whether each process step was done.',
        withTheme('Impact', [
          longText(
            'difference-made',
            'What difference did your agency’s involvement make to the child’s or adult’s safety and wellbeing?',
            {
              required: true,
              help: 'Describe outcomes, not activity: “school attendance rose from 60% to 92%” rather than “three home visits were made”.',
            },
          ),
          yesNoPartly(
            'safer-now',
            'Is the child or adult safer, and are their needs better met, than at the start?',
          ),
          longText('what-next', 'If partly or no, what needs to happen next, and who will do it?', {
            required: true,
            showIf: whenAnswer('safer-now', 'partly', 'no'),
            help: 'If the child or adult is at risk now, raise an immediate safeguarding concern as well.',
          }),
          yesNoPartly(
            'plan-smart',
            'Was there a clear plan with outcomes that were specific, measurable and reviewed, and did it avoid drift?',
            { themes: ['Planning'] },
          ),
          yesNoPartly(
            'immediate-concern',
            'Did this audit find a safeguarding concern that needs action now?',
            {
              help: 'Answering Yes does not raise the concern: raise it at once as an immediate safeguarding concern, then record here what you did.',
              themes: ['Immediate concerns'],
            },
          ),
          longText('immediate-concern-action', 'What did you do about it, and when?', {
            required: true,
            showIf: whenAnswer('immediate-concern', 'yes', 'partly'),
          }),
        ]),
      ),
      section(
        'overall',
        'Overall judgement and learning',
        'Bring the sections together. The panel uses this to agree the grade and the learning on the audit day.',
        [
          rating('overall-grade', 'Overall grade for your agency’s work with this child or adult', 'ofsted', {
            help: 'Not an average of the section grades: weigh what mattered most for the child or adult.',
          }),
          longText('overall-reasons', 'Why did you give this overall grade?', { required: true }),
          longText('strengths', 'What was done well? Include any practice others could learn from.', {
            required: true,
            themes: ['Strengths'],
          }),
          longText('areas-for-development', 'What should have been done differently or better?', {
            required: true,
            themes: ['Areas for development'],
          }),
          multipleChoice(
            'learning-themes',
            'Which themes does the learning from this case touch on?',
            [
              ['voice', 'Voice of the child or adult'],
              ['early-help', 'Early help'],
              ['thresholds', 'Thresholds and referrals'],
              ['information-sharing', 'Information sharing'],
              ['escalation', 'Professional curiosity and escalation'],
              ['oversight', 'Management oversight and supervision'],
              ['recording', 'Recording'],
              ['diversity', 'Diversity, identity and inclusion'],
              ['transitions', 'Transitions between services'],
            ],
            { help: 'These tags let the partnership see recurring themes across audits and reviews.' },
          ),
          evidenceFiles('supporting-documents', 'Supporting documents', {
            help: 'Optional. Anonymised extracts only, for example a redacted plan or case summary. Remove every name and identifying detail before uploading.',
          }),
        ],
      ),
    ],
  },
};
