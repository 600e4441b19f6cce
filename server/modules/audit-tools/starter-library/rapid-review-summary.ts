import {
  chronology,
  date,
  longText,
  type StarterTemplate,
  section,
  shortText,
  singleChoice,
  whenAnswer,
  yesNoPartly,
} from './common.js';

// A rapid review's request to each agency: what the agency knew and did, in time for the decision meeting.
// Agencies have three working days, so the form asks for what is on the record now, not a full review; the
// case review group lays the agencies' chronologies side by side when it collates them.

export const rapidReviewSummary: StarterTemplate = {
  id: 'rapid-review-summary-of-agency-involvement',
  title: 'Rapid review: summary of agency involvement',
  kind: 'other',
  description:
    'Sent to each agency when a rapid review opens after a serious incident: its involvement with the child and family, the moments that mattered, a chronology, what it has done since to keep children safe, and what it has learned so far.',
  definition: {
    formatVersion: 1,
    title: 'Rapid review: summary of agency involvement',
    description:
      'Your answers go to the case review group for the rapid review, usually within three working days of the request. Refer to the child by the case reference only: never write names, dates of birth or addresses. Say what your records show; where something is not yet known, say so rather than guess. If anyone is at risk now, act on that straight away and do not wait for this form.',
    kind: 'other',
    scales: [],
    sections: [
      section(
        'involvement',
        'Your agency’s involvement with the child and family',
        'Who your agency knew, for how long, and in what capacity. Facts first; what they mean comes later.',
        [
          singleChoice(
            'known-before',
            'Before the incident, was the child or their family known to your agency?',
            [
              ['child-and-family', 'Yes, both the child and their family'],
              ['child-only', 'Yes, the child only'],
              ['family-only', 'Yes, the family but not the child'],
              ['not-known', 'No, neither was known to us'],
            ],
            { help: 'Include any member of the household, and contact that ended some time ago.' },
          ),
          longText(
            'involvement-summary',
            'Summarise what your agency did with the child and family, and over what period',
            {
              required: true,
              help: 'For example: universal health contacts, a school’s pastoral support, police call-outs to the address, an open assessment. Give roles, never names, for your staff.',
            },
          ),
          shortText('records-period', 'Which period of your agency’s records have you looked at?', {
            required: true,
            help: 'For example “the last 12 months” or “since the family moved to the area in 2024”.',
          }),
          longText(
            'household',
            'Were other children or adults in the household known to your agency? If so, in what way?',
            {
              help: 'Brothers and sisters, parents, partners and anyone else living there or often present. Use roles (“mother’s partner”), not names.',
            },
          ),
        ],
      ),
      section(
        'practice',
        'Key practice episodes',
        'The contacts and decisions that most shaped what happened, and whether concerns were seen at the time.',
        [
          chronology(
            'chronology',
            'Chronology of your agency’s significant contacts, referrals and decisions',
            {
              required: true,
              help: 'One row for each event that matters: the date, your agency (or the one you contacted), what happened and why it matters for the child. Missed appointments and referrals made or received belong here too.',
            },
          ),
          longText(
            'key-episodes',
            'Which two or three moments in your agency’s work with the family mattered most, and why?',
            {
              required: true,
              help: 'A decision, a visit, a referral not made, a disclosure, a discharge. Say what was known at that moment, what was done, and what happened next.',
            },
          ),
          yesNoPartly(
            'concerns-identified',
            'Before the incident, had your agency recognised safeguarding concerns about this child?',
            { help: 'Partly: some worries were noted, but not treated as a safeguarding matter.' },
          ),
          longText(
            'concerns-response',
            'What did your agency do about those concerns, and which other agencies knew of them?',
            {
              required: true,
              showIf: whenAnswer('concerns-identified', 'yes', 'partly'),
              help: 'Referrals, strategy discussions, plans, and whether the response matched the level of risk.',
            },
          ),
          longText(
            'signs-missed',
            'Looking back, were there signs of risk that staff did not recognise at the time? What would have helped them see those signs?',
            {
              showIf: whenAnswer('concerns-identified', 'no', 'partly'),
              help: 'This feeds the thresholds learning the rapid review records when concerns were not identified. It is about the system, not blame.',
            },
          ),
        ],
      ),
      section(
        'immediate-safety',
        'Immediate safety actions',
        'What your agency has done since the incident to keep this child, any brothers or sisters, and other children safe.',
        [
          singleChoice(
            'safety-action',
            'Has your agency taken any action since the incident to keep children safe?',
            [
              ['yes', 'Yes'],
              ['no-not-needed', 'No, none was needed'],
              ['no-planned', 'Not yet, but action is planned'],
            ],
          ),
          longText('safety-action-detail', 'What was done or is planned, by which role, and on what date?', {
            required: true,
            showIf: whenAnswer('safety-action', 'yes', 'no-planned'),
            help: 'For example: a safeguarding referral for a sibling, a change to a discharge process, a staff briefing. Include anything still to do.',
          }),
        ],
      ),
      section(
        'early-learning',
        'Early learning',
        'What the rapid review can take away now, before any fuller review is decided on.',
        [
          longText(
            'went-well',
            'What went well in your agency’s work with the child and family that should be recognised?',
            {
              required: true,
              help: 'Good practice is learning too: a persistent practitioner, a well-made referral, information shared quickly.',
            },
          ),
          longText(
            'learning-so-far',
            'What has your agency learned so far, and has it already changed anything as a result?',
            { required: true },
          ),
          longText(
            'partnership-learning',
            'Is there anything other agencies or the partnership as a whole could learn from your agency’s involvement?',
            { help: 'Including how agencies worked together and any difficulty in sharing information.' },
          ),
          singleChoice(
            'fuller-review',
            'In your agency’s view, would a fuller review find learning beyond what this summary sets out?',
            [
              ['yes', 'Yes'],
              ['no', 'No'],
              ['not-sure', 'Not sure yet'],
            ],
            {
              required: false,
              help: 'The decision is the rapid review’s; your view helps it weigh the options.',
            },
          ),
        ],
      ),
      section('sign-off', 'Sign-off', 'Who completed the summary, and who in your agency has agreed it.', [
        shortText('completed-by-role', 'Your role in your agency (not your name)', { required: true }),
        date('completed-on', 'The date you completed this summary', { required: true }),
        singleChoice(
          'senior-agreed',
          'Has a senior manager in your agency read and agreed this summary?',
          [
            ['yes', 'Yes'],
            ['no', 'No, not yet'],
          ],
          { help: 'The case review group may ask the senior manager to join the decision meeting.' },
        ),
      ]),
    ],
  },
};
