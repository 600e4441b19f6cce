import {
  AGREEMENT_SCALE,
  longText,
  rating,
  type StarterTemplate,
  section,
  singleChoice,
  underKloe,
  whenAnswer,
  yesNoPartly,
} from './common.js';

// An anonymous survey of frontline practitioners and their managers, for a thematic review, a
// Section 11 challenge day or the annual report. It asks nothing that identifies the person.

const agree = (id: string, text: string, help?: string) =>
  rating(id, `How far do you agree? ${text}`, 'agreement', help ? { help } : {});

export const practitionerSurvey: StarterTemplate = {
  id: 'practitioner-survey',
  title: 'Practitioner survey',
  kind: 'survey',
  description:
    'An anonymous survey of frontline practitioners and managers across agencies, about their confidence, support and experience of working with partners. Use it within a thematic review, before a Section 11 challenge day, or yearly.',
  definition: {
    formatVersion: 1,
    title: 'Practitioner survey',
    description:
      'This survey is anonymous: we do not ask your name and cannot link your answers to you. It takes about five minutes. Please answer about your own experience over the last 12 months.',
    kind: 'survey',
    scales: [AGREEMENT_SCALE],
    sections: [
      section('about-you', 'About your role', 'Only broad categories, so that answers stay anonymous.', [
        singleChoice('sector', 'Which kind of organisation do you work for?', [
          ['childrens-social-care', 'Children’s social care'],
          ['adult-social-care', 'Adult social care'],
          ['health', 'Health'],
          ['police', 'Police'],
          ['education', 'School, college or early years'],
          ['probation-youth-justice', 'Probation or youth justice'],
          ['housing', 'Housing'],
          ['voluntary', 'Voluntary or community sector'],
          ['other', 'Other'],
        ]),
        singleChoice('role', 'Which best describes your role?', [
          ['frontline', 'Frontline practitioner'],
          ['manager', 'Manager or supervisor'],
          ['specialist', 'Safeguarding specialist or lead'],
          ['other', 'Other'],
        ]),
      ]),
      section('your-practice', 'Your practice', 'Your confidence and the support you get.', [
        ...underKloe('identification_early_intervention', [
          agree(
            'confident-recognising',
            'I feel confident recognising when a child or adult may be at risk of harm.',
          ),
          agree(
            'know-what-to-do',
            'I know what to do and whom to contact when I am worried about someone’s safety.',
          ),
        ]),
        ...underKloe('lived_experience', [
          agree(
            'time-with-people',
            'I have enough time to get to know the children, adults and families I work with and hear their views.',
          ),
        ]),
        ...underKloe('governance_policies_procedures', [
          agree(
            'supervision-helps',
            'My supervision helps me think through risk and decide what to do.',
            'Supervision includes one-to-one and group supervision, and case discussion with a manager.',
          ),
          yesNoPartly(
            'training-recent',
            'Have you had safeguarding training in the last 12 months that was useful in your work?',
          ),
        ]),
      ]),
      section(
        'working-together',
        'Working with other agencies',
        'Your experience of sharing information and working with partners.',
        underKloe('partnership_working_information_sharing', [
          agree('partners-share', 'Other agencies share information with me when I need it.'),
          agree('referral-feedback', 'When I make a referral, I am told what happened as a result.'),
          yesNoPartly(
            'disagreed',
            'In the last 12 months, have you disagreed with another agency’s decision about someone’s safety?',
            { required: false },
          ),
          longText('disagreement-outcome', 'If yes or partly: did you raise it, and how was it resolved?', {
            showIf: whenAnswer('disagreed', 'yes', 'partly'),
            help: 'Tell us whether you used the escalation procedure, and whether it helped. Please do not name anyone.',
          }),
        ]),
      ),
      section('your-views', 'Your views', 'In your own words.', [
        longText(
          'gets-in-the-way',
          'What most gets in the way of keeping children and adults safe in your work?',
          {
            help: 'Please do not include names or details that could identify anyone.',
          },
        ),
        longText('one-change', 'What one change would make the biggest difference?'),
      ]),
    ],
  },
};
