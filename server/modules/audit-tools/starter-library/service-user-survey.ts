import {
  longText,
  type StarterTemplate,
  section,
  singleChoice,
  underKloe,
  whenAnswer,
  yesNoPartly,
} from './common.js';

// A short anonymous survey for children, young people, adults and families who have had help from
// safeguarding services. Plain words, few questions, nothing that identifies the person. Most answers
// are Yes / No / Partly, so young children and people with learning disabilities can answer too; a
// worker may read the questions out and record the answers.

const feedback = (id: string, text: string) => yesNoPartly(id, text, { required: false });

export const serviceUserSurvey: StarterTemplate = {
  id: 'service-user-survey',
  title: 'Service-user survey',
  kind: 'survey',
  description:
    'A short anonymous survey for children, young people, adults and families who have had help from safeguarding services, in plain words. Use it in a thematic review or to hear how people experienced a service.',
  definition: {
    formatVersion: 1,
    title: 'Service-user survey',
    description:
      'We want to know what it was like to get help from the people who worked with you, so we can make things better. You do not have to give your name, and you can skip any question. If you are worried about your safety now, tell someone you trust or call 999 in an emergency.',
    kind: 'survey',
    scales: [],
    sections: [
      section('about-you', 'About you', 'This helps us understand who answered. You can skip it.', [
        singleChoice(
          'who',
          'Who is filling this in?',
          [
            ['child', 'A child or young person who got help'],
            ['adult', 'An adult who got help'],
            ['parent-carer', 'A parent or carer'],
            ['helper', 'Someone helping another person to answer'],
          ],
          { required: false },
        ),
        singleChoice(
          'age',
          'How old are you? (Or the person you are helping.)',
          [
            ['under-11', 'Under 11'],
            ['11-15', '11 to 15'],
            ['16-17', '16 or 17'],
            ['18-24', '18 to 24'],
            ['25-64', '25 to 64'],
            ['65-plus', '65 or over'],
            ['prefer-not', 'I’d rather not say'],
          ],
          { required: false },
        ),
      ]),
      section(
        'your-experience',
        'What it was like',
        'Answer Yes, No, or Partly if it was a bit of both.',
        underKloe('lived_experience', [
          feedback('listened', 'Did the people helping you listen to you?'),
          feedback('asked-wanted', 'Did they ask what you wanted to happen?'),
          feedback('understood', 'Did they explain what was happening in a way you understood?'),
          feedback('knew-who', 'Did you know who to contact if you needed help?'),
          feedback(
            'told-once',
            'Did you only have to tell your story once, or to as few people as possible?',
          ),
          feedback('respected', 'Were you treated with respect, including your culture, beliefs and needs?'),
          feedback('safer', 'Do you feel safer now than before you got help?'),
          longText('not-safer', 'Can you tell us why you don’t feel safer, or only a bit safer?', {
            showIf: whenAnswer('safer', 'no', 'partly'),
            help: 'If you are worried about your safety now, please also tell someone you trust.',
          }),
        ]),
      ),
      section('your-words', 'In your own words', 'Please don’t write anyone’s name.', [
        longText('best-thing', 'What was the best thing about the help you got?'),
        longText('better', 'What could have been better?'),
        longText('anything-else', 'Is there anything else you want to tell us?'),
      ]),
    ],
  },
};
