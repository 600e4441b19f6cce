import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  QUESTION_TYPES,
  type TAuditTemplate,
  type TCondition,
  ZAuditTemplate,
} from '../../../contracts/audit-tools.js';
import { AppError } from '../../platform/errors.js';
import {
  conditionFromText,
  conditionToText,
  parseTemplateFile,
  parseTemplateJson,
  templateFromXlsx,
  templateToXlsx,
  toEnvelope,
} from './audit-tools.import-export.js';

/** A template using every question type, a scale with "not applicable", bands and several conditions. */
const everything: TAuditTemplate = ZAuditTemplate.parse({
  formatVersion: 1,
  title: 'Multi-agency case file audit',
  description: 'Four key lines of enquiry.\nAnswer for the case as a whole.',
  kind: 'case_audit',
  scales: [
    {
      id: 'rag',
      name: 'RAG',
      options: [
        { id: 'met', label: 'Fully met', score: 2, colour: 'green' },
        { id: 'partly', label: 'Partially met', score: 1, colour: 'yellow' },
        { id: 'not-met', label: 'Not met', score: 0, colour: 'red' },
        { id: 'na', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
      ],
    },
    {
      id: 'ofsted',
      name: 'Ofsted-style',
      options: [
        { id: 'outstanding', label: 'Outstanding', score: 4, colour: 'green' },
        { id: 'inadequate', label: 'Inadequate', score: 1.5, colour: 'red' },
      ],
    },
  ],
  bands: [
    { label: 'Inadequate', minPercent: 0, maxPercent: 50 },
    { label: 'Requires improvement', minPercent: 51, maxPercent: 70 },
    { label: 'Good', minPercent: 71, maxPercent: 95 },
    { label: 'Outstanding', minPercent: 96, maxPercent: 100 },
  ],
  sections: [
    {
      id: 's1',
      title: 'The child’s lived experience',
      description: 'What life is like for the child',
      questions: [
        {
          id: 'seen',
          type: 'yes_no_partly',
          text: 'Was the child seen?',
          help: 'Seen alone, and in their home',
          required: true,
          kloe: 'lived_experience',
          themes: ['Voice of the child', 'Neglect; chronic'],
        },
        {
          id: 'why-not',
          type: 'long_text',
          text: 'Why was the child not seen?',
          required: true,
          showIf: { questionId: 'seen', equals: 'no' },
        },
        {
          id: 'quality',
          type: 'rating',
          text: 'How good was the assessment?',
          required: true,
          scaleId: 'rag',
          showIf: { questionId: 'seen', notEquals: 'no' },
          kloe: 'identification_early_intervention',
        },
        {
          id: 'who',
          type: 'single_choice',
          text: 'Who saw the child?',
          required: false,
          options: [
            { id: 'sw', label: 'Social worker: allocated' },
            { id: 'hv', label: 'Health visitor' },
          ],
          showIf: { questionId: 'seen', equals: ['yes', 'partly'] },
        },
        {
          id: 'agencies',
          type: 'multiple_choice',
          text: 'Which agencies were involved?',
          required: false,
          options: [
            { id: 'police', label: 'Police' },
            { id: 'school', label: 'School' },
          ],
          kloe: 'partnership_working_information_sharing',
        },
      ],
    },
    {
      id: 's2',
      title: 'Records',
      questions: [
        {
          id: 'visits',
          type: 'number',
          text: 'How many visits?',
          required: false,
          min: 0,
          max: 99.5,
          showIf: {
            all: [
              { questionId: 'seen', answered: true },
              { questionId: 'who', equals: 'sw' },
            ],
          },
        },
        {
          id: 'referral',
          type: 'date',
          text: 'Date of referral',
          required: false,
          showIf: {
            any: [
              { questionId: 'agencies', equals: 'police' },
              {
                all: [
                  { questionId: 'visits', answered: false },
                  { questionId: 'seen', equals: 'yes' },
                ],
              },
            ],
          },
        },
        { id: 'ref', type: 'short_text', text: 'Case reference', required: true },
        {
          id: 'chronology',
          type: 'chronology',
          text: 'Key events',
          required: false,
          kloe: 'governance_policies_procedures',
          // A test with two checks cannot be said in words; it is kept as JSON.
          showIf: { questionId: 'ref', answered: true, notEquals: 'none' },
        },
        {
          id: 'evidence',
          type: 'evidence_file',
          text: 'Upload the plan',
          required: false,
          scaleId: 'ofsted',
          showIf: { questionId: 'who', equals: 'an "odd" value, with spaces' },
        },
      ],
    },
    { id: 's3', title: 'Empty for now', questions: [] },
  ],
});

async function workbookOf(definition: TAuditTemplate) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await templateToXlsx(definition)) as unknown as ArrayBuffer);
  return wb;
}

async function bufferOf(wb: ExcelJS.Workbook) {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The field errors an import was refused with. */
async function refusal(promise: Promise<unknown>): Promise<Record<string, string>> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe('VALIDATION');
    return (e as AppError).details?.fields ?? {};
  }
  throw new Error('expected the import to be refused');
}

const cellOf = (wb: ExcelJS.Workbook, sheet: string, header: string, row: number) => {
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  return ws.getRow(row).getCell(col);
};

describe('the fixture', () => {
  it('uses every question type', () => {
    const types = new Set(everything.sections.flatMap((s) => s.questions.map((q) => q.type)));
    expect([...types].sort()).toEqual([...QUESTION_TYPES].sort());
  });
});

describe('JSON import and export', () => {
  it('round-trips: exporting then importing gives the same definition', () => {
    const envelope = JSON.parse(JSON.stringify(toEnvelope(everything)));
    expect(envelope).toMatchObject({
      format: 'assure-audit-template',
      formatVersion: 1,
      title: everything.title,
      kind: 'case_audit',
      description: everything.description,
    });
    expect(parseTemplateJson(envelope)).toEqual(everything);
  });

  it('accepts a bare definition, and lets the envelope’s title and kind win', () => {
    expect(parseTemplateJson(JSON.parse(JSON.stringify(everything)))).toEqual(everything);
    const envelope = { ...toEnvelope(everything), title: 'Renamed', kind: 'other' };
    expect(parseTemplateJson(envelope)).toMatchObject({ title: 'Renamed', kind: 'other' });
  });

  it('names the JSON path of each problem', async () => {
    const broken = structuredClone(toEnvelope(everything)) as unknown as {
      definition: { sections: { questions: Record<string, unknown>[] }[] };
    };
    broken.definition.sections[0].questions[2].scaleId = 'missing';
    broken.definition.sections[0].questions[1].showIf = { questionId: 'ref', equals: 'x' };
    const fields = await refusal(Promise.resolve().then(() => parseTemplateJson(broken)));
    expect(fields['definition.sections.0.questions.2.scaleId']).toMatch(
      /‘missing’, which this template does not define/,
    );
    expect(fields['definition.sections.0.questions.1.showIf']).toMatch(/comes later in the template/);

    expect(
      await refusal(
        Promise.resolve().then(() => parseTemplateJson({ ...toEnvelope(everything), format: 'x' })),
      ),
    ).toHaveProperty('format');
    expect(
      await refusal(
        Promise.resolve().then(() => parseTemplateJson({ ...toEnvelope(everything), kind: 'nonsense' })),
      ),
    ).toEqual({ kind: 'Select the kind of audit tool' });
    expect(await refusal(Promise.resolve().then(() => parseTemplateJson([1, 2])))).toHaveProperty('file');
  });
});

describe('conditions as words', () => {
  const cases: [TCondition, string][] = [
    [{ questionId: 'q1', equals: 'yes' }, 'q1 = yes'],
    [{ questionId: 'q1', notEquals: 'no' }, 'q1 != no'],
    [{ questionId: 'q1', equals: ['a', 'b'] }, 'q1 in (a, b)'],
    [{ questionId: 'q1', answered: true }, 'q1 is answered'],
    [{ questionId: 'q1', answered: false }, 'q1 is not answered'],
    [{ questionId: 'q1', equals: 'and' }, 'q1 = "and"'],
    [
      {
        all: [
          { questionId: 'a', equals: 'x' },
          {
            any: [
              { questionId: 'b', equals: 'y' },
              { questionId: 'c', answered: true },
            ],
          },
        ],
      },
      'a = x and (b = y or c is answered)',
    ],
    [
      {
        any: [
          { questionId: 'a', equals: 'x' },
          { questionId: 'b', equals: 'y' },
        ],
      },
      'a = x or b = y',
    ],
  ];
  for (const [condition, text] of cases) {
    it(`says ${text} and reads it back`, () => {
      expect(conditionToText(condition)).toBe(text);
      expect(conditionFromText(text)).toEqual(condition);
    });
  }

  it('reads "and" binding tighter than "or"', () => {
    expect(conditionFromText('a = 1 or b = 2 and c = 3')).toEqual({
      any: [
        { questionId: 'a', equals: '1' },
        {
          all: [
            { questionId: 'b', equals: '2' },
            { questionId: 'c', equals: '3' },
          ],
        },
      ],
    });
  });

  it('keeps what the words cannot say as JSON', () => {
    const odd: TCondition = { all: [{ questionId: 'a', equals: 'x' }] };
    expect(conditionToText(odd)).toBe(JSON.stringify(odd));
    expect(conditionFromText(conditionToText(odd))).toEqual(odd);
  });

  it('says what is wrong with text it cannot read', () => {
    expect(() => conditionFromText('q1 equals yes')).toThrow(/after “q1” write =, !=/);
    expect(() => conditionFromText('q1 = ')).toThrow(/expected a value at the end/);
    expect(() => conditionFromText('q1 in (a, b')).toThrow(/expected “\)”/);
    expect(() => conditionFromText('(q1 = a')).toThrow(/expected “\)”/);
    expect(() => conditionFromText('q1 = a b')).toThrow(/“b” is not expected here/);
  });
});

describe('XLSX import and export', () => {
  it('round-trips every question type, scale, band and condition', async () => {
    const buffer = await templateToXlsx(everything);
    expect(await templateFromXlsx(buffer)).toEqual(everything);
    // Recognised by its content, whatever it is called.
    expect(await parseTemplateFile(buffer)).toEqual({ definition: everything, source: 'xlsx' });
  });

  it('writes readable sheets', async () => {
    const wb = await workbookOf(everything);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['About', 'Sections', 'Questions', 'Scales', 'Bands']);
    const questions = wb.getWorksheet('Questions')!;
    expect(questions.getRow(1).values).toEqual([
      undefined,
      'Section id',
      'Question id',
      'Type',
      'Question',
      'Help text',
      'Required',
      'Scale id',
      'Options',
      'Show if',
      'KLOE',
      'Themes',
      'Min',
      'Max',
    ]);
    expect(cellOf(wb, 'Questions', 'Show if', 3).value).toBe('seen = no');
    expect(cellOf(wb, 'Questions', 'Options', 5).value).toBe(
      'sw: Social worker: allocated\nhv: Health visitor',
    );
    expect(cellOf(wb, 'Questions', 'Required', 2).value).toBe('Yes');
    expect(wb.getWorksheet('Scales')!.rowCount).toBe(7);
    expect(wb.getWorksheet('Bands')!.getRow(3).values).toEqual([undefined, 'Requires improvement', 51, 70]);
  });

  it('reads a workbook someone edited: rich text, numbers typed as text, KLOE by label, an empty Bands sheet', async () => {
    const wb = await workbookOf(everything);
    cellOf(wb, 'Questions', 'Question', 2).value = {
      richText: [{ text: 'Was the child ' }, { font: { bold: true }, text: 'seen?' }],
    };
    cellOf(wb, 'Questions', 'KLOE', 2).value = 'The lived experience of the child or adult';
    cellOf(wb, 'Questions', 'Required', 2).value = 'yes';
    cellOf(wb, 'Scales', 'Score', 2).value = '2';
    const bands = wb.getWorksheet('Bands')!;
    for (let r = bands.rowCount; r > 1; r--) bands.spliceRows(r, 1);
    const read = await templateFromXlsx(await bufferOf(wb));
    expect(read.sections[0].questions[0]).toMatchObject({
      text: 'Was the child seen?',
      kloe: 'lived_experience',
      required: true,
    });
    expect(read.scales[0].options[0].score).toBe(2);
    expect(read.bands).toBeUndefined();
  });

  it('names the sheet, row and column of every mistake in how the workbook is filled in', async () => {
    const wb = await workbookOf(everything);
    cellOf(wb, 'Questions', 'Type', 3).value = 'ratng';
    cellOf(wb, 'Questions', 'Required', 4).value = 'maybe';
    cellOf(wb, 'Questions', 'Show if', 5).value = 'seen equals yes';
    cellOf(wb, 'Questions', 'Section id', 6).value = 's9';
    cellOf(wb, 'Questions', 'Options', 6).value = 'no colon here';
    cellOf(wb, 'Questions', 'KLOE', 7).value = 'Vibes';
    cellOf(wb, 'Questions', 'Min', 7).value = 'ten';
    cellOf(wb, 'Scales', 'Colour', 3).value = 'amber';
    cellOf(wb, 'Scales', 'Score', 4).value = 'high';
    cellOf(wb, 'Bands', 'To %', 2).value = 50.5;
    const fields = await refusal(templateFromXlsx(await bufferOf(wb)));
    expect(fields['Questions!C3']).toBe(
      'Questions sheet, row 3, column “Type” (C3): “ratng” is not a type of question. Use one of: rating, yes_no_partly, single_choice, multiple_choice, number, date, short_text, long_text, chronology, evidence_file.',
    );
    expect(fields['Questions!F4']).toMatch(
      /^Questions sheet, row 4, column “Required” \(F4\): write Yes or No, not “maybe”/,
    );
    expect(fields['Questions!I5']).toMatch(/“seen equals yes” cannot be read: after “seen” write =/);
    expect(fields['Questions!A6']).toMatch(/there is no section “s9” on the Sections sheet/);
    expect(fields['Questions!J7']).toMatch(/“Vibes” is not a key line of enquiry/);
    expect(fields['Questions!L7']).toMatch(/enter a number, not “ten”/);
    expect(fields['Scales!F3']).toMatch(/“amber” is not a colour Assure knows/);
    expect(fields['Scales!E4']).toMatch(/enter a number, not “high”/);
    expect(fields['Bands!C2']).toMatch(/^Bands sheet, row 2, column “To %” \(C2\): enter a whole percent/);
  });

  it('names the cell for problems the format’s rules find', async () => {
    const wb = await workbookOf(everything);
    cellOf(wb, 'Questions', 'Scale id', 4).value = 'nope'; // the rating question
    cellOf(wb, 'Questions', 'Show if', 3).value = 'ref = x'; // refers to a later question
    cellOf(wb, 'Questions', 'Question id', 6).value = 'seen'; // a duplicate id
    cellOf(wb, 'Sections', 'Title', 3).value = '';
    cellOf(wb, 'Bands', 'From %', 3).value = 55; // leaves a gap
    const fields = await refusal(templateFromXlsx(await bufferOf(wb)));
    expect(fields['Questions!G4']).toMatch(
      /^Questions sheet, row 4, column “Scale id” \(G4\): Question ‘quality’ uses rating scale ‘nope’/,
    );
    expect(fields['Questions!I3']).toMatch(/refers to ‘ref’, which comes later/);
    expect(fields['Questions!B6']).toMatch(/Question id ‘seen’ is used by more than one question/);
    expect(fields['Sections!B3']).toMatch(/^Sections sheet, row 3, column “Title” \(B3\): Enter a title/);
    expect(fields.Bands).toMatch(/^Bands sheet: Score bands must not leave a gap: nothing covers 51% to 54%/);
  });

  it('says which sheet or header is missing', async () => {
    const wb = await workbookOf(everything);
    wb.removeWorksheet(wb.getWorksheet('Scales')!.id);
    cellOf(wb, 'Questions', 'Type', 1).value = 'Kind of question';
    const fields = await refusal(templateFromXlsx(await bufferOf(wb)));
    expect(fields.Scales).toMatch(/the workbook has no sheet called “Scales”/);
    expect(fields['Questions!1']).toMatch(/the header row has no column “Type”/);
  });
});

describe('recognising an uploaded file by its content', () => {
  it('reads JSON, with or without a byte-order mark', async () => {
    const text = JSON.stringify(toEnvelope(everything));
    expect((await parseTemplateFile(Buffer.from(text))).definition).toEqual(everything);
    expect((await parseTemplateFile(Buffer.from(`\uFEFF${text}`))).source).toBe('json');
  });

  it('refuses other files, saying what they are', async () => {
    const png = Buffer.from(
      '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6300010000050001',
      'hex',
    );
    expect(await refusal(parseTemplateFile(png))).toEqual({
      file: 'The selected file is a PNG file. Choose an Assure template saved as JSON or XLSX.',
    });
    expect((await refusal(parseTemplateFile(Buffer.from('title,kind\nx,y')))).file).toMatch(
      /neither an XLSX workbook nor valid JSON/,
    );
    expect((await refusal(parseTemplateFile(Buffer.alloc(0)))).file).toBe('The selected file is empty');
  });
});

describe('docs/template-format.md', () => {
  it('has an example that imports, as JSON and through XLSX', async () => {
    const doc = readFileSync(new URL('../../../docs/template-format.md', import.meta.url), 'utf8');
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]);
    const example = JSON.parse(blocks[blocks.length - 1]);
    const definition = parseTemplateJson(example);
    expect(definition.sections[0].questions[1].showIf).toEqual({ questionId: 'seen', equals: 'no' });
    expect(await templateFromXlsx(await templateToXlsx(definition))).toEqual(definition);
  });
});
