import { describe, expect, it } from 'vitest';
import {
  type TAnswers,
  type TAuditTemplate,
  type TQuestion,
  type TScoreBand,
  ZAnswers,
  ZAuditTemplate,
  ZScoreBands,
} from './audit-tools.js';
import {
  bandFor,
  isRealIsoDate,
  isVisible,
  scoreRatings,
  validateAnswers,
  visibleAnswers,
  visibleQuestionIds,
} from './audit-tools.rules.js';

// Ofsted-style scale 1–4 with N/A; RAG scale 0–2.
const ofsted = {
  id: 'ofsted',
  name: 'Ofsted-style',
  options: [
    { id: 'outstanding', label: 'Outstanding', score: 4, colour: 'green' },
    { id: 'good', label: 'Good', score: 3, colour: 'turquoise' },
    { id: 'ri', label: 'Requires improvement', score: 2, colour: 'yellow' },
    { id: 'inadequate', label: 'Inadequate', score: 1, colour: 'red' },
    { id: 'na', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
  ],
} as const;
const rag = {
  id: 'rag',
  name: 'RAG',
  options: [
    { id: 'met', label: 'Fully met', score: 2, colour: 'green' },
    { id: 'partly', label: 'Partially met', score: 1, colour: 'orange' },
    { id: 'not_met', label: 'Not met', score: 0, colour: 'red' },
  ],
} as const;

const bands: TScoreBand[] = [
  { label: 'Inadequate', minPercent: 0, maxPercent: 50 },
  { label: 'Requires improvement', minPercent: 51, maxPercent: 70 },
  { label: 'Good', minPercent: 71, maxPercent: 95 },
  { label: 'Outstanding', minPercent: 96, maxPercent: 100 },
];

const scoringInput = {
  formatVersion: 1,
  title: 'Multi-agency case file audit',
  kind: 'case_audit',
  scales: [ofsted, rag],
  bands,
  sections: [
    {
      id: 's1',
      title: 'Lived experience',
      questions: [
        { id: 'q1', type: 'rating', text: 'Voice of the child', required: true, scaleId: 'ofsted' },
        { id: 'q2', type: 'rating', text: 'Voice of the practitioner', required: false, scaleId: 'ofsted' },
        { id: 'q3', type: 'rating', text: 'Plan reflects needs', required: false, scaleId: 'rag' },
      ],
    },
    {
      id: 's2',
      title: 'Management oversight',
      questions: [
        { id: 'q4', type: 'rating', text: 'Supervision', required: false, scaleId: 'ofsted' },
        { id: 'q5', type: 'yes_no_partly', text: 'Was there a strategy meeting?', required: false },
        {
          id: 'q6',
          type: 'rating',
          text: 'Quality of the strategy meeting',
          required: true,
          scaleId: 'ofsted',
          showIf: { questionId: 'q5', equals: 'yes' },
        },
      ],
    },
  ],
};
const scoring: TAuditTemplate = ZAuditTemplate.parse(scoringInput);

describe('scoreRatings', () => {
  it('leaves N/A out of earned and possible, using each scale’s maximum', () => {
    const answers: TAnswers = {
      q1: { optionId: 'outstanding' }, // 4 of 4
      q2: { optionId: 'na', reason: 'No practitioner was involved' }, // left out
      q3: { optionId: 'partly' }, // 1 of 2
    };
    const result = scoreRatings(scoring, answers);
    expect(result.sections[0]).toEqual({
      sectionId: 's1',
      title: 'Lived experience',
      earned: 5,
      possible: 6,
      percent: (5 / 6) * 100,
      answeredCount: 2,
      notApplicableCount: 1,
    });
    expect(result.overall).toEqual({
      earned: 5,
      possible: 6,
      percent: (5 / 6) * 100,
      answeredCount: 2,
      notApplicableCount: 1,
    });
    expect(bandFor(bands, result.overall.percent)).toBe('Good'); // 83.3% → 83
  });

  it('gives a section with no rated answers a null percent', () => {
    const result = scoreRatings(scoring, { q1: { optionId: 'good' } });
    expect(result.sections[1]).toEqual({
      sectionId: 's2',
      title: 'Management oversight',
      earned: 0,
      possible: 0,
      percent: null,
      answeredCount: 0,
      notApplicableCount: 0,
    });
    expect(bandFor(bands, result.sections[1].percent)).toBeNull();
    // Only N/A answered: still nothing to score.
    const onlyNa = scoreRatings(scoring, { q4: { optionId: 'na', reason: 'No supervision due' } });
    expect(onlyNa.sections[1]).toMatchObject({ possible: 0, percent: null, notApplicableCount: 1 });
    expect(onlyNa.overall.percent).toBeNull();
  });

  it('adds sections together and counts only visible rating questions', () => {
    const answers: TAnswers = {
      q1: { optionId: 'good' }, // 3/4
      q2: { optionId: 'inadequate' }, // 1/4
      q3: { optionId: 'met' }, // 2/2
      q4: { optionId: 'ri' }, // 2/4
      q5: 'no',
      q6: { optionId: 'outstanding' }, // hidden (q5 is not yes): ignored
    };
    const result = scoreRatings(scoring, answers);
    expect(result.sections[0]).toMatchObject({ earned: 6, possible: 10, percent: 60, answeredCount: 3 });
    expect(result.sections[1]).toMatchObject({ earned: 2, possible: 4, percent: 50, answeredCount: 1 });
    expect(result.overall).toMatchObject({
      earned: 8,
      possible: 14,
      answeredCount: 4,
      notApplicableCount: 0,
    });
    expect(result.overall.percent).toBeCloseTo(57.142857, 5);
    expect(bandFor(bands, result.sections[0].percent)).toBe('Requires improvement');
    expect(bandFor(bands, result.sections[1].percent)).toBe('Inadequate');

    const shown = scoreRatings(scoring, { ...answers, q5: 'yes' });
    expect(shown.sections[1]).toMatchObject({ earned: 6, possible: 8, percent: 75, answeredCount: 2 });
  });
});

describe('bandFor', () => {
  it.each([
    [0, 'Inadequate'],
    [50, 'Inadequate'],
    [50.4, 'Inadequate'],
    [50.5, 'Requires improvement'],
    [50.6, 'Requires improvement'],
    [51, 'Requires improvement'],
    [70, 'Requires improvement'],
    [70.6, 'Good'],
    [71, 'Good'],
    [95, 'Good'],
    [95.4, 'Good'],
    [96, 'Outstanding'],
    [100, 'Outstanding'],
  ])('bands %s percent as %s', (percent, label) => {
    expect(bandFor(bands, percent)).toBe(label);
  });

  it('answers null without a percent or without bands', () => {
    expect(bandFor(bands, null)).toBeNull();
    expect(bandFor(undefined, 80)).toBeNull();
    expect(bandFor([], 80)).toBeNull();
  });
});

// Conditions: A → B → C chain, D/E any-of, F notEquals, G nested, H answered: false.
const q = (id: string, type: TQuestion['type'], extra: Partial<TQuestion> = {}) => ({
  id,
  type,
  text: `Question ${id}`,
  required: false,
  ...extra,
});
const conditional: TAuditTemplate = ZAuditTemplate.parse({
  formatVersion: 1,
  title: 'Conditions',
  kind: 'other',
  scales: [ofsted],
  sections: [
    {
      id: 'main',
      title: 'Main',
      questions: [
        q('A', 'yes_no_partly', { required: true }),
        q('B', 'short_text', { required: true, showIf: { questionId: 'A', equals: 'yes' } }),
        q('C', 'rating', { required: true, scaleId: 'ofsted', showIf: { questionId: 'B', answered: true } }),
        q('D', 'multiple_choice', {
          options: [
            { id: 'x', label: 'X' },
            { id: 'y', label: 'Y' },
            { id: 'z', label: 'Z' },
          ],
        }),
        q('E', 'number', { min: 0, max: 10, showIf: { questionId: 'D', equals: ['x', 'y'] } }),
        q('F', 'date', { showIf: { questionId: 'A', notEquals: 'no' } }),
        q('G', 'short_text', {
          showIf: {
            all: [
              { questionId: 'A', equals: ['yes', 'partly'] },
              {
                any: [
                  { questionId: 'D', equals: 'z' },
                  { questionId: 'E', answered: true },
                ],
              },
            ],
          },
        }),
        q('H', 'long_text', { showIf: { questionId: 'A', answered: false } }),
        q('I', 'long_text', { showIf: { questionId: 'B', answered: false } }),
      ],
    },
  ],
});
const shows = (id: string, answers: TAnswers) => isVisible(conditional, id, answers);

describe('isVisible', () => {
  it('shows a question with no condition', () => {
    expect(shows('A', {})).toBe(true);
    expect(shows('D', {})).toBe(true);
    expect(shows('nope', {})).toBe(false);
  });

  it('equals: holds only when the answer matches', () => {
    expect(shows('B', { A: 'yes' })).toBe(true);
    expect(shows('B', { A: 'no' })).toBe(false);
    expect(shows('B', {})).toBe(false);
  });

  it('equals a list: holds when any chosen value is in it', () => {
    expect(shows('E', { D: ['y'] })).toBe(true);
    expect(shows('E', { D: ['z', 'x'] })).toBe(true);
    expect(shows('E', { D: ['z'] })).toBe(false);
    expect(shows('E', { D: [] })).toBe(false);
  });

  it('notEquals: holds when answered with anything else', () => {
    expect(shows('F', { A: 'partly' })).toBe(true);
    expect(shows('F', { A: 'yes' })).toBe(true);
    expect(shows('F', { A: 'no' })).toBe(false);
    expect(shows('F', {})).toBe(false);
  });

  it('answered: true and false', () => {
    expect(shows('C', { A: 'yes', B: 'Seen alone twice' })).toBe(true);
    expect(shows('C', { A: 'yes', B: '   ' })).toBe(false);
    expect(shows('H', {})).toBe(true);
    expect(shows('H', { A: 'no' })).toBe(false);
  });

  it('nests all and any', () => {
    expect(shows('G', { A: 'yes', D: ['z'] })).toBe(true);
    expect(shows('G', { A: 'partly', D: ['x'], E: 3 })).toBe(true);
    expect(shows('G', { A: 'partly', D: ['x'] })).toBe(false);
    expect(shows('G', { A: 'no', D: ['z'] })).toBe(false);
    // E is hidden (D is only z), so its stale answer counts as unanswered; the D branch still holds.
    expect(shows('G', { A: 'yes', D: ['z'], E: 4 })).toBe(true);
    expect(shows('G', { A: 'partly', D: ['y'], E: 4 })).toBe(true);
    expect(shows('G', { A: 'partly', D: [], E: 4 })).toBe(false);
  });

  it('chains hiding: C depends on B depends on A', () => {
    const answers: TAnswers = { A: 'yes', B: 'Seen alone twice', C: { optionId: 'good' } };
    expect([shows('B', answers), shows('C', answers)]).toEqual([true, true]);
    const changed: TAnswers = { ...answers, A: 'no' };
    expect(shows('B', changed)).toBe(false);
    expect(shows('C', changed)).toBe(false); // B keeps its answer but is hidden, so counts as unanswered
    expect(shows('I', changed)).toBe(true); // "B not answered" holds once B is hidden
    expect([...visibleQuestionIds(conditional, changed)]).toEqual(['A', 'D', 'I']);
    expect(visibleAnswers(conditional, changed)).toEqual({ A: 'no' });
  });
});

describe('validateAnswers', () => {
  it('does not require hidden questions and ignores their answers', () => {
    expect(validateAnswers(conditional, { A: 'no', C: { optionId: 'bogus' }, E: 99 })).toEqual({});
  });

  it('requires visible required questions, and chains', () => {
    expect(validateAnswers(conditional, {})).toEqual({ A: 'Select yes, no or partly for ‘Question A’' });
    // B now shows; C does not until B is answered.
    expect(validateAnswers(conditional, { A: 'yes' })).toEqual({ B: 'Enter an answer for ‘Question B’' });
    expect(validateAnswers(conditional, { A: 'yes', B: 'Seen' })).toEqual({
      C: 'Select a rating for ‘Question C’',
    });
  });

  it('needs a reason for not applicable', () => {
    const base = { A: 'yes', B: 'Seen' };
    expect(validateAnswers(conditional, { ...base, C: { optionId: 'na' } })).toEqual({
      C: 'Enter a reason why this is not applicable',
    });
    expect(validateAnswers(conditional, { ...base, C: { optionId: 'na', reason: '  ' } })).toEqual({
      C: 'Enter a reason why this is not applicable',
    });
    expect(validateAnswers(conditional, { ...base, C: { optionId: 'na', reason: 'Closed case' } })).toEqual(
      {},
    );
  });

  it('rejects unknown options, numbers out of range and dates that are not real', () => {
    expect(
      validateAnswers(conditional, {
        A: 'maybe',
        D: ['x', 'w'],
        E: 11,
        F: '2024-02-30',
      }),
    ).toEqual({
      A: 'Select yes, no or partly for ‘Question A’',
      D: 'Select options from the list for ‘Question D’',
      E: '‘Question E’ must be between 0 and 10',
      F: '‘Question F’ must be a real date', // "maybe" is an answer and is not "no", so F shows
    });
    expect(validateAnswers(conditional, { A: 'partly', F: '2024-02-30' })).toEqual({
      F: '‘Question F’ must be a real date',
    });
    expect(validateAnswers(conditional, { A: 'partly', F: '30/01/2024' })).toEqual({
      F: '‘Question F’ must be a real date',
    });
    expect(validateAnswers(conditional, { A: 'partly', F: '2024-02-29' })).toEqual({});
    expect(validateAnswers(conditional, { A: 'yes', B: 'Seen', C: { optionId: 'great' } })).toEqual({
      C: 'Select a rating from the list for ‘Question C’',
    });
  });

  it('checks single choice, number bounds, chronology and evidence', () => {
    const t = ZAuditTemplate.parse({
      formatVersion: 1,
      title: 'Mixed',
      kind: 'survey',
      scales: [],
      sections: [
        {
          id: 's',
          title: 'S',
          questions: [
            q('role', 'single_choice', { required: true, options: [{ id: 'sw', label: 'Social worker' }] }),
            q('years', 'number', { min: 0 }),
            q('cap', 'number', { max: 5 }),
            q('chron', 'chronology', { required: true }),
            q('files', 'evidence_file', { required: true }),
          ],
        },
      ],
    });
    expect(validateAnswers(t, {})).toEqual({
      role: 'Select an option for ‘Question role’',
      chron: 'Add at least one chronology entry for ‘Question chron’',
      files: 'Upload a file for ‘Question files’',
    });
    expect(
      validateAnswers(t, {
        role: 'nurse',
        years: -1,
        cap: 6,
        chron: [
          { date: '2024-01-02', agency: 'Police', event: 'Call-out', significance: 'First contact' },
          { date: '2024-01-03', agency: '', event: 'Visit', significance: 'None' },
        ],
        files: { fileIds: ['f1'] },
      }),
    ).toEqual({
      role: 'Select an option from the list for ‘Question role’',
      years: '‘Question years’ must be 0 or more',
      cap: '‘Question cap’ must be 5 or less',
      chron:
        'Enter a real date, the agency, the event and its significance for chronology entry 2 in ‘Question chron’',
    });
  });
});

describe('answer shapes', () => {
  it('accepts every documented answer shape', () => {
    const answers = {
      r: { optionId: 'na', reason: 'Closed' },
      y: 'partly',
      m: ['a', 'b'],
      n: 3.5,
      d: '2024-04-01',
      c: [{ date: '2024-04-01', agency: 'Police', event: 'Arrest', significance: 'High' }],
      e: { fileIds: ['abc'] },
    };
    expect(ZAnswers.parse(answers)).toEqual(answers);
    expect(ZAnswers.safeParse({ x: true }).success).toBe(false);
  });

  it('knows a real date', () => {
    expect(isRealIsoDate('2023-02-29')).toBe(false);
    expect(isRealIsoDate('2024-13-01')).toBe(false);
    expect(isRealIsoDate('2024-12-31')).toBe(true);
  });
});

describe('template schema refinements', () => {
  const clone = (): typeof scoringInput => structuredClone(scoringInput);
  const messagesOf = (input: unknown): string[] => {
    const result = ZAuditTemplate.safeParse(input);
    expect(result.success).toBe(false);
    return result.success ? [] : result.error.issues.map((i) => i.message);
  };

  it('accepts the example template', () => {
    expect(ZAuditTemplate.safeParse(scoringInput).success).toBe(true);
  });

  it('rejects a condition on a later question', () => {
    const input = clone();
    (input.sections[0].questions[1] as Record<string, unknown>).showIf = { questionId: 'q5', equals: 'yes' };
    expect(messagesOf(input)).toEqual([
      'The condition on question ‘q2’ refers to ‘q5’, which comes later in the template; a condition may only refer to an earlier question',
    ]);
  });

  it('rejects a condition on itself or on an unknown question, inside nesting', () => {
    const input = clone();
    (input.sections[1].questions[2] as Record<string, unknown>).showIf = {
      any: [{ questionId: 'q6', answered: true }, { all: [{ questionId: 'zz', equals: 'yes' }] }],
    };
    expect(messagesOf(input)).toEqual([
      'The condition on question ‘q6’ refers to itself; a condition may only refer to an earlier question',
      'The condition on question ‘q6’ refers to ‘zz’, which is not a question in this template; a condition may only refer to an earlier question',
    ]);
  });

  it('rejects duplicate question ids across sections', () => {
    const input = clone();
    input.sections[1].questions[0].id = 'q1';
    expect(messagesOf(input)).toEqual([
      'Question id ‘q1’ is used by more than one question; each question needs its own id',
    ]);
  });

  it('rejects a rating question without a known scale', () => {
    const unknown = clone();
    unknown.sections[0].questions[2].scaleId = 'stars';
    expect(messagesOf(unknown)).toEqual([
      'Question ‘q3’ uses rating scale ‘stars’, which this template does not define',
    ]);
    const missing = clone();
    delete (missing.sections[0].questions[2] as { scaleId?: string }).scaleId;
    expect(messagesOf(missing)).toEqual(['Question ‘q3’ is a rating question, so it needs a rating scale']);
  });

  it('rejects bands with a gap or an overlap, or that miss 0 or 100', () => {
    const gap = ZScoreBands.safeParse([
      { label: 'Inadequate', minPercent: 0, maxPercent: 50 },
      { label: 'Requires improvement', minPercent: 51, maxPercent: 70 },
      { label: 'Good', minPercent: 72, maxPercent: 100 },
    ]);
    expect(gap.error?.issues.map((i) => i.message)).toEqual([
      'Score bands must not leave a gap: nothing covers 71% between ‘Requires improvement’ and ‘Good’',
    ]);
    const overlap = ZScoreBands.safeParse([
      { label: 'Inadequate', minPercent: 0, maxPercent: 50 },
      { label: 'Requires improvement', minPercent: 50, maxPercent: 70 },
      { label: 'Good', minPercent: 71, maxPercent: 100 },
    ]);
    expect(overlap.error?.issues.map((i) => i.message)).toEqual([
      'Score bands must not overlap: ‘Inadequate’ and ‘Requires improvement’ both cover 50%',
    ]);
    const ends = ZScoreBands.safeParse([
      { label: 'Low', minPercent: 1, maxPercent: 50 },
      { label: 'High', minPercent: 51, maxPercent: 99 },
    ]);
    expect(ends.error?.issues.map((i) => i.message)).toEqual([
      'Score bands must start at 0%: the lowest band, ‘Low’, starts at 1%',
      'Score bands must end at 100%: the highest band, ‘High’, ends at 99%',
    ]);
    // Through the template too.
    const input = clone();
    input.bands = [
      { label: 'Not yet', minPercent: 0, maxPercent: 60 },
      { label: 'Done', minPercent: 55, maxPercent: 100 },
    ];
    expect(messagesOf(input)).toEqual([
      'Score bands must not overlap: ‘Not yet’ and ‘Done’ both cover 55% to 60%',
    ]);
  });

  it('rejects a scale with two N/A options', () => {
    const input = clone();
    input.scales[1] = {
      ...rag,
      options: [
        ...rag.options,
        { id: 'na1', label: 'N/A', score: 0, colour: 'grey', notApplicable: true },
        { id: 'na2', label: 'Not relevant', score: 0, colour: 'grey', notApplicable: true },
      ],
    } as never;
    expect(messagesOf(input)).toEqual([
      'Rating scale ‘RAG’ has 2 ‘not applicable’ options; a scale may have at most one',
    ]);
  });
});
