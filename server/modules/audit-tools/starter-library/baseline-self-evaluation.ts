import type { KloeId, TQuestion } from '../../../../contracts/audit-tools.js';
import {
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
} from './common.js';

// The first step of a thematic review: each participating agency looks at its own response to the
// theme, against the four key lines of enquiry, before the case file audits and surveys. The same
// KLOE tags let the review set these self-grades beside the audit grades and survey results.

function kloeSection(id: string, kloe: KloeId, title: string, description: string, prompt: string) {
  const questions: TQuestion[] = [
    rating(`${id}-grade`, `How would you grade your agency’s practice on ${title.toLowerCase()}?`, 'ofsted', {
      help: prompt,
    }),
    longText(`${id}-working-well`, 'What is working well, and how do you know?', {
      required: true,
      help: 'Point to evidence: audit results, performance data, feedback from children, adults and families, inspection findings.',
    }),
    longText(`${id}-worries`, 'What are you worried about?', {
      required: true,
      help: 'Gaps, inconsistencies between teams, things you suspect but cannot yet evidence.',
    }),
    longText(`${id}-already-doing`, 'You graded this below Good. What is already being done to improve it?', {
      required: true,
      showIf: whenAnswer(`${id}-grade`, 'requires-improvement', 'inadequate'),
      help: 'Name any action plan it belongs to, and say how far it has got.',
    }),
  ];
  return section(id, title, description, underKloe(kloe, questions));
}

export const baselineSelfEvaluation: StarterTemplate = {
  id: 'thematic-review-baseline-self-evaluation',
  title: 'Thematic review: single-agency baseline self-evaluation',
  kind: 'baseline_self_evaluation',
  description:
    'The first step of a thematic review: each participating agency judges its own response to the theme against the four key lines of enquiry, usually within two weeks of being asked, before case file audits and surveys test the picture.',
  definition: {
    formatVersion: 1,
    title: 'Thematic review: single-agency baseline self-evaluation',
    description:
      'Be candid: this is a baseline, not an inspection. The review will test what you say against case file audits, practitioner and service-user feedback and data, and will be more useful if your self-evaluation names the worries you already have.',
    kind: 'baseline_self_evaluation',
    scales: [OFSTED_SCALE],
    bands: GRADE_BANDS,
    sections: [
      section('context', 'Your agency and the theme', 'How the theme shows up in your agency’s work.', [
        singleChoice(
          'reach',
          'How often does your agency work with children, adults or families affected by this theme?',
          [
            ['daily', 'Every day: it is central to our work'],
            ['often', 'Often'],
            ['sometimes', 'Sometimes'],
            ['rarely', 'Rarely'],
          ],
        ),
        longText('context-summary', 'Briefly, what is your agency’s role in responding to this theme?', {
          required: true,
          help: 'Which services or teams are involved, and at what point in a child’s or adult’s journey.',
        }),
        multipleChoice(
          'sources',
          'What have you drawn on for this self-evaluation?',
          [
            ['audits', 'Single-agency case audits'],
            ['data', 'Performance data'],
            ['feedback', 'Feedback from people who use our services'],
            ['staff', 'Staff surveys or focus groups'],
            ['inspection', 'Inspection or peer review findings'],
            ['reviews', 'Learning from case reviews'],
          ],
          { required: true },
        ),
      ]),
      kloeSection(
        'lived-experience',
        'lived_experience',
        'The lived experience of the child or adult',
        'How well your agency understands and responds to what life is like for the people affected by this theme.',
        'Think about whether staff see and hear the child or adult, and whether their experience shapes what your agency does.',
      ),
      kloeSection(
        'identification',
        'identification_early_intervention',
        'Identification and early intervention',
        'How well your agency spots the signs early and acts on them.',
        'Think about recognition, referral, early help, and whether your tools and thresholds help or hinder.',
      ),
      kloeSection(
        'partnership',
        'partnership_working_information_sharing',
        'Partnership working and information sharing',
        'How well your agency works with others on this theme.',
        'Think about sharing information, joint planning, escalation, and how well you hear back from partners.',
      ),
      kloeSection(
        'governance',
        'governance_policies_procedures',
        'Governance, policies and procedures',
        'Whether your agency’s leadership, policies, training and oversight support good practice on this theme.',
        'Think about whether policies are current and used, whether staff are trained, and whether leaders know how well the work is done.',
      ),
      section(
        'improvement',
        'Improvement',
        'What your agency will do, and what it needs from the partnership.',
        [
          longText(
            'improvement-priorities',
            'What are your agency’s top three improvement priorities for this theme?',
            {
              required: true,
            },
          ),
          longText('partnership-asks', 'What do you need from the partnership or other agencies?', {
            help: 'For example: joint training, a shared protocol, better feedback on referrals, data you cannot get yourselves.',
          }),
          evidenceFiles('evidence', 'Evidence files', {
            help: 'Optional. Data summaries, audit reports or action plans that support your self-evaluation.',
          }),
        ],
      ),
    ],
  },
};
