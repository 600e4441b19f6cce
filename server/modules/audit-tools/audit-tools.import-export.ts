import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';
import { z } from 'zod';
import {
  KLOE_IDS,
  KLOE_LABELS,
  QUESTION_TYPES,
  TAG_COLOURS,
  type TAuditTemplate,
  type TCondition,
  TEMPLATE_KINDS,
  type TQuestion,
  type TRatingScale,
  type TScoreBand,
  type TSection,
  ZAuditTemplate,
  ZTemplateKind,
} from '../../../contracts/audit-tools.js';
import { type FieldErrors, invalid } from '../../platform/errors.js';

// Import and export of audit-tool templates: the documented JSON envelope (docs/template-format.md)
// and an XLSX workbook a person can read and edit (About, Sections, Questions, Scales, Bands).
// Problems in an upload are reported as field errors named by JSON path (`definition.sections.0.title`)
// or by sheet and cell (`Questions!C7`), with a message that says where and what to do.

export const TEMPLATE_FORMAT = 'assure-audit-template';
export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Templates are small; anything bigger than this is not one. */
export const MAX_IMPORT_BYTES = 2 * 1024 * 1024;

export const ZTemplateEnvelope = z.object({
  format: z.literal(TEMPLATE_FORMAT),
  formatVersion: z.literal(1),
  title: z.string(),
  kind: ZTemplateKind,
  description: z.string().optional(),
  definition: z.record(z.string(), z.unknown()),
});
export type TTemplateEnvelope = {
  format: typeof TEMPLATE_FORMAT;
  formatVersion: 1;
  title: string;
  kind: TAuditTemplate['kind'];
  description?: string;
  definition: TAuditTemplate;
};

/** The exported JSON document for one version's definition. */
export function toEnvelope(definition: TAuditTemplate): TTemplateEnvelope {
  return {
    format: TEMPLATE_FORMAT,
    formatVersion: 1,
    title: definition.title,
    kind: definition.kind,
    ...(definition.description !== undefined ? { description: definition.description } : {}),
    definition,
  };
}

// ---------------------------------------------------------------------------------------------
// JSON

const ZEnvelopeShape = z.object({
  format: z.literal(TEMPLATE_FORMAT, {
    message: `This is not an Assure audit-tool template: "format" must be "${TEMPLATE_FORMAT}"`,
  }),
  formatVersion: z.literal(1, { message: 'Only format version 1 is understood' }),
  title: z.string({ message: 'Give the template a title' }).optional(),
  kind: z.unknown().optional(),
  description: z.unknown().optional(),
  definition: z.record(z.string(), z.unknown(), {
    message: 'Put the template itself in "definition" (an object with sections, scales and bands)',
  }),
});

function fieldsOf(issues: z.core.$ZodIssue[], prefix: string[] = []): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const key = [...prefix, ...issue.path.map(String)].join('.') || 'file';
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Reads an imported JSON document: the envelope `{ format, formatVersion, title, kind, description?,
 * definition }`, or a bare definition. The envelope's title, kind and description win over the
 * definition's. Problems are named by their JSON path.
 */
export function parseTemplateJson(input: unknown): TAuditTemplate {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid({ file: 'The file must hold one JSON object: an Assure audit-tool template' });
  }
  const record = input as Record<string, unknown>;
  let candidate: unknown = record;
  let prefix: string[] = [];
  if ('definition' in record || 'format' in record) {
    const envelope = ZEnvelopeShape.safeParse(record);
    if (!envelope.success) throw invalid(fieldsOf(envelope.error.issues));
    const e = envelope.data;
    candidate = {
      ...e.definition,
      ...(e.title !== undefined ? { title: e.title } : {}),
      ...(e.kind !== undefined ? { kind: e.kind } : {}),
      ...(e.description !== undefined ? { description: e.description } : {}),
    };
    prefix = ['definition'];
  }
  const parsed = ZAuditTemplate.safeParse(candidate);
  if (!parsed.success) {
    // Title, kind and description come from the envelope when it has them.
    const fields: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const top = String(issue.path[0] ?? '');
      const fromEnvelope =
        prefix.length > 0 && ['title', 'kind', 'description'].includes(top) && top in record;
      const key = [...(fromEnvelope ? [] : prefix), ...issue.path.map(String)].join('.') || 'file';
      fields[key] ??= issue.message;
    }
    throw invalid(fields);
  }
  return parsed.data;
}

// ---------------------------------------------------------------------------------------------
// Conditions as readable text: `q1 = yes`, `q1 != no`, `q1 in (a, b)`, `q1 is answered`,
// `q1 is not answered`, joined by `and` / `or` with brackets around nested groups. A condition the
// words cannot say exactly (a test with several checks, a group of one) is written as JSON.

const KEYWORDS = new Set(['and', 'or', 'in', 'is', 'not', 'answered']);
const BARE = /^[A-Za-z0-9._-]+$/;

function word(value: string): string {
  return BARE.test(value) && !KEYWORDS.has(value.toLowerCase()) ? value : JSON.stringify(value);
}

function sayable(c: TCondition): boolean {
  if ('all' in c) return c.all.length > 1 && c.all.every(sayable);
  if ('any' in c) return c.any.length > 1 && c.any.every(sayable);
  const checks = [c.equals, c.notEquals, c.answered].filter((x) => x !== undefined).length;
  return checks === 1 && BARE.test(c.questionId) && !KEYWORDS.has(c.questionId.toLowerCase());
}

function say(c: TCondition, nested: boolean): string {
  if ('all' in c || 'any' in c) {
    const [parts, joiner] = 'all' in c ? [c.all, ' and '] : [c.any, ' or '];
    const text = parts.map((p) => say(p, true)).join(joiner);
    return nested ? `(${text})` : text;
  }
  if (c.answered !== undefined) return `${c.questionId} is ${c.answered ? '' : 'not '}answered`;
  if (c.notEquals !== undefined) return `${c.questionId} != ${word(c.notEquals)}`;
  if (Array.isArray(c.equals)) return `${c.questionId} in (${c.equals.map(word).join(', ')})`;
  return `${c.questionId} = ${word(c.equals as string)}`;
}

/** A condition as the text of a Show if cell. */
export function conditionToText(c: TCondition): string {
  return sayable(c) ? say(c, false) : JSON.stringify(c);
}

type Token = { kind: 'word' | 'string' | 'op'; text: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= text.length) throw new Error('a quoted value is not closed with "');
      let value: string;
      try {
        value = JSON.parse(text.slice(i, j + 1)) as string;
      } catch {
        throw new Error(`${text.slice(i, j + 1)} is not a valid quoted value`);
      }
      tokens.push({ kind: 'string', text: value });
      i = j + 1;
    } else if (text.startsWith('!=', i)) {
      tokens.push({ kind: 'op', text: '!=' });
      i += 2;
    } else if ('=(),'.includes(ch)) {
      tokens.push({ kind: 'op', text: ch });
      i++;
    } else {
      const m = /^[A-Za-z0-9._-]+/.exec(text.slice(i));
      if (!m) throw new Error(`“${ch}” cannot be used here`);
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    }
  }
  return tokens;
}

/** Reads a Show if cell: the words above, or a condition written as JSON. Throws Error with what is wrong. */
export function conditionFromText(text: string): TCondition {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch {
      throw new Error('it starts with { but is not valid JSON');
    }
    return json as TCondition;
  }
  const tokens = tokenize(trimmed);
  let at = 0;
  const peek = () => tokens[at];
  const isWord = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;
  const next = () => tokens[at++];
  const expectOp = (op: string) => {
    const t = next();
    if (t?.kind !== 'op' || t.text !== op)
      throw new Error(`expected “${op}”${t ? ` before “${t.text}”` : ' at the end'}`);
  };
  const value = (): string => {
    const t = next();
    if (!t || t.kind === 'op')
      throw new Error(`expected a value${t ? ` before “${t.text}”` : ' at the end'}`);
    return t.text;
  };

  const test = (): TCondition => {
    const id = next();
    if (id?.kind !== 'word') {
      throw new Error(`expected a question id${id ? ` before “${id.text}”` : ' at the end'}`);
    }
    const t = next();
    if (t?.kind === 'op' && t.text === '=') return { questionId: id.text, equals: value() };
    if (t?.kind === 'op' && t.text === '!=') return { questionId: id.text, notEquals: value() };
    if (isWord(t, 'in')) {
      expectOp('(');
      const values = [value()];
      while (peek()?.kind === 'op' && peek().text === ',') {
        next();
        values.push(value());
      }
      expectOp(')');
      return { questionId: id.text, equals: values };
    }
    if (isWord(t, 'is')) {
      const negated = isWord(peek(), 'not');
      if (negated) next();
      if (!isWord(next(), 'answered'))
        throw new Error(`write “${id.text} is answered” or “${id.text} is not answered”`);
      return { questionId: id.text, answered: !negated };
    }
    throw new Error(`after “${id.text}” write =, !=, in (…), is answered or is not answered`);
  };
  const atom = (): TCondition => {
    if (peek()?.kind === 'op' && peek().text === '(') {
      next();
      const inner = expr();
      expectOp(')');
      return inner;
    }
    return test();
  };
  const group = (joiner: 'and' | 'or', part: () => TCondition): TCondition => {
    const parts = [part()];
    while (isWord(peek(), joiner)) {
      next();
      parts.push(part());
    }
    if (parts.length === 1) return parts[0];
    return joiner === 'and' ? { all: parts } : { any: parts };
  };
  const andGroup = () => group('and', atom);
  function expr(): TCondition {
    const first = andGroup();
    if (isWord(peek(), 'or')) {
      const parts = [first];
      while (isWord(peek(), 'or')) {
        next();
        parts.push(andGroup());
      }
      return { any: parts };
    }
    return first;
  }
  if (tokens.length === 0) throw new Error('it is empty');
  const result = expr();
  if (at < tokens.length) {
    const t = tokens[at];
    if (isWord(t, 'and') || isWord(t, 'or')) throw new Error('mixing “and” and “or” needs brackets');
    throw new Error(`“${t.text}” is not expected here`);
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// XLSX export

const SHEETS = {
  about: 'About',
  sections: 'Sections',
  questions: 'Questions',
  scales: 'Scales',
  bands: 'Bands',
} as const;

type Column = { header: string; key: string; width: number };

const SECTION_COLUMNS: Column[] = [
  { header: 'Section id', key: 'id', width: 16 },
  { header: 'Title', key: 'title', width: 40 },
  { header: 'Description', key: 'description', width: 60 },
];
const QUESTION_COLUMNS: Column[] = [
  { header: 'Section id', key: 'section', width: 14 },
  { header: 'Question id', key: 'id', width: 14 },
  { header: 'Type', key: 'type', width: 16 },
  { header: 'Question', key: 'text', width: 40 },
  { header: 'Help text', key: 'help', width: 32 },
  { header: 'Required', key: 'required', width: 10 },
  { header: 'Scale id', key: 'scaleId', width: 12 },
  { header: 'Options', key: 'options', width: 26 },
  { header: 'Show if', key: 'showIf', width: 22 },
  { header: 'KLOE', key: 'kloe', width: 40 },
  { header: 'Themes', key: 'themes', width: 20 },
  { header: 'Min', key: 'min', width: 8 },
  { header: 'Max', key: 'max', width: 8 },
];
const SCALE_COLUMNS: Column[] = [
  { header: 'Scale id', key: 'scaleId', width: 14 },
  { header: 'Scale name', key: 'name', width: 26 },
  { header: 'Option id', key: 'id', width: 16 },
  { header: 'Label', key: 'label', width: 28 },
  { header: 'Score', key: 'score', width: 8 },
  { header: 'Colour', key: 'colour', width: 12 },
  { header: 'Not applicable', key: 'notApplicable', width: 15 },
];
const BAND_COLUMNS: Column[] = [
  { header: 'Label', key: 'label', width: 30 },
  { header: 'From %', key: 'minPercent', width: 10 },
  { header: 'To %', key: 'maxPercent', width: 10 },
];

const ABOUT_ROWS = {
  format: 'Format',
  formatVersion: 'Format version',
  title: 'Title',
  kind: 'Kind',
  description: 'Description',
} as const;

/** Printed or saved as PDF, a sheet fits the page's width. */
function fitToWidth(sheet: ExcelJS.Worksheet) {
  sheet.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

function styleTable(sheet: ExcelJS.Worksheet, columns: Column[]) {
  fitToWidth(sheet);
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF3F2F1' } };
  header.alignment = { vertical: 'middle', wrapText: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * Wraps long text and makes each row tall enough for it: spreadsheet programs do not grow a row for
 * wrapped text they did not lay out themselves, so without this the lines overlap.
 */
function wrapBody(sheet: ExcelJS.Worksheet, from = 2) {
  sheet.eachRow((row, n) => {
    if (n < from) return;
    row.alignment = { vertical: 'top', horizontal: 'left', wrapText: true };
    let lines = 1;
    row.eachCell((cell, col) => {
      const width = Math.max(4, (sheet.getColumn(col).width ?? 10) - 1);
      const text = cellText(cell.value);
      const needed = text
        .split('\n')
        .reduce((sum, line) => sum + Math.max(1, Math.ceil(line.length / width)), 0);
      lines = Math.max(lines, needed);
    });
    row.height = 15 * lines;
  });
}

/** The template as an XLSX workbook: an About sheet, then one readable table per part of the format. */
export async function templateToXlsx(definition: TAuditTemplate): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Assure';
  wb.title = definition.title;

  const about = wb.addWorksheet(SHEETS.about);
  fitToWidth(about);
  about.columns = [
    { key: 'key', width: 18 },
    { key: 'value', width: 90 },
  ];
  about.addRow({ key: ABOUT_ROWS.format, value: TEMPLATE_FORMAT });
  about.addRow({ key: ABOUT_ROWS.formatVersion, value: 1 });
  about.addRow({ key: ABOUT_ROWS.title, value: definition.title });
  about.addRow({ key: ABOUT_ROWS.kind, value: definition.kind });
  about.addRow({ key: ABOUT_ROWS.description, value: definition.description ?? '' });
  about.getColumn('key').font = { bold: true };
  about.addRow({});
  const notes: [string, string][] = [
    [
      'How to edit',
      'Change the Sections, Questions, Scales and Bands sheets, then import the file into Assure as a new template. Keep the header row of each sheet. The format is described in docs/template-format.md.',
    ],
    ['Kinds', TEMPLATE_KINDS.join(', ')],
    ['Question types', QUESTION_TYPES.join(', ')],
    ['Required', 'Yes or No'],
    [
      'Options',
      'Single and multiple choice: one option a line, written id: label (for example "seen: Seen alone").',
    ],
    [
      'Show if',
      'Show the question only when an earlier answer matches: q1 = yes, q1 != no, q1 in (a, b), q1 is answered, q1 is not answered; join with and / or, using brackets to mix them.',
    ],
    ['KLOE', KLOE_IDS.map((id) => `${id} (${KLOE_LABELS[id]})`).join('; ')],
    ['Themes', 'One theme a line.'],
    ['Colours', TAG_COLOURS.join(', ')],
    [
      'Not applicable',
      'Yes on at most one option of a scale: choosing it needs a reason and is left out of scores.',
    ],
    [
      'Bands',
      'Whole percents from 0 to 100 with no gaps or overlaps. Leave the Bands sheet empty for no bands.',
    ],
  ];
  const notesHeader = about.addRow({ key: 'Notes' });
  notesHeader.font = { bold: true, size: 12 };
  for (const [key, value] of notes) about.addRow({ key, value });
  wrapBody(about, 1);

  const sections = wb.addWorksheet(SHEETS.sections);
  styleTable(sections, SECTION_COLUMNS);
  for (const s of definition.sections) {
    sections.addRow({ id: s.id, title: s.title, description: s.description ?? '' });
  }
  wrapBody(sections);

  const questions = wb.addWorksheet(SHEETS.questions);
  styleTable(questions, QUESTION_COLUMNS);
  for (const s of definition.sections) {
    for (const q of s.questions) {
      questions.addRow({
        section: s.id,
        id: q.id,
        type: q.type,
        text: q.text,
        help: q.help ?? '',
        required: q.required ? 'Yes' : 'No',
        scaleId: q.scaleId ?? '',
        options: (q.options ?? []).map((o) => `${o.id}: ${o.label}`).join('\n'),
        showIf: q.showIf ? conditionToText(q.showIf) : '',
        kloe: q.kloe ?? '',
        themes: (q.themes ?? []).join('\n'),
        min: q.min ?? null,
        max: q.max ?? null,
      });
    }
  }
  wrapBody(questions);

  const scales = wb.addWorksheet(SHEETS.scales);
  styleTable(scales, SCALE_COLUMNS);
  for (const scale of definition.scales) {
    for (const o of scale.options) {
      scales.addRow({
        scaleId: scale.id,
        name: scale.name,
        id: o.id,
        label: o.label,
        score: o.score,
        colour: o.colour,
        notApplicable: o.notApplicable ? 'Yes' : 'No',
      });
    }
  }
  wrapBody(scales);

  const bands = wb.addWorksheet(SHEETS.bands);
  styleTable(bands, BAND_COLUMNS);
  for (const b of definition.bands ?? []) bands.addRow(b);
  wrapBody(bands);

  return Buffer.from(await wb.xlsx.writeBuffer());
}

// ---------------------------------------------------------------------------------------------
// XLSX import

type Where = { sheet: string; row?: number; column?: Column };

const columnLetter = (n: number) => {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
};

/** Collects problems keyed by sheet and cell (`Questions!C7`), each saying where and what to do. */
class Problems {
  readonly fields: FieldErrors = {};
  /** Per sheet: a column's key → its column number, as found in the sheet's header row. */
  readonly letters = new Map<string, Map<string, number>>();

  add(where: Where, message: string) {
    const index = where.column ? this.letters.get(where.sheet)?.get(where.column.key) : undefined;
    const cell =
      index !== undefined && where.row !== undefined ? `${columnLetter(index)}${where.row}` : undefined;
    const key = cell
      ? `${where.sheet}!${cell}`
      : where.row !== undefined
        ? `${where.sheet}!${where.row}`
        : where.sheet;
    const place = [
      `${where.sheet} sheet`,
      where.row !== undefined ? `row ${where.row}` : null,
      where.column ? `column “${where.column.header}”${cell ? ` (${cell})` : ''}` : null,
    ]
      .filter(Boolean)
      .join(', ');
    const text = `${place}: ${message}`;
    if (this.fields[key]) {
      if (!this.fields[key].includes(message)) this.fields[key] = `${this.fields[key]}; ${message}`;
    } else {
      this.fields[key] = text;
    }
  }

  get any() {
    return Object.keys(this.fields).length > 0;
  }
}

/** The text of a cell, whatever Excel stored: rich text, a formula's result, a hyperlink, a date. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
  }
  return String(value);
}

type SheetTable = {
  name: string;
  rows: { n: number; get(key: string): string }[];
};

function readTable(
  wb: ExcelJS.Workbook,
  name: string,
  columns: Column[],
  problems: Problems,
): SheetTable | null {
  const sheet = wb.worksheets.find((s) => s.name.trim().toLowerCase() === name.toLowerCase());
  if (!sheet) {
    problems.add(
      { sheet: name },
      `the workbook has no sheet called “${name}”. Keep the sheets Assure exported.`,
    );
    return null;
  }
  const header = sheet.getRow(1);
  const byHeader = new Map<string, number>();
  header.eachCell((cell, col) => {
    byHeader.set(cellText(cell.value).trim().toLowerCase(), col);
  });
  const letters = new Map<string, number>();
  for (const c of columns) {
    const col = byHeader.get(c.header.toLowerCase());
    if (col === undefined) {
      problems.add(
        { sheet: name, row: 1 },
        `the header row has no column “${c.header}”. The columns are: ${columns.map((x) => x.header).join(', ')}.`,
      );
    } else {
      letters.set(c.key, col);
    }
  }
  problems.letters.set(name, letters);
  const rows: SheetTable['rows'] = [];
  sheet.eachRow({ includeEmpty: false }, (row, n) => {
    if (n === 1) return;
    const get = (key: string) => {
      const col = letters.get(key);
      return col === undefined ? '' : cellText(row.getCell(col).value).trim();
    };
    if (columns.every((c) => get(c.key) === '')) return;
    rows.push({ n, get });
  });
  return { name, rows };
}

const column = (columns: Column[], key: string) => columns.find((c) => c.key === key)!;

function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['yes', 'y', 'true', '1'].includes(t)) return true;
  if (['no', 'n', 'false', '0', ''].includes(t)) return false;
  return null;
}

function numberFrom(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : Number.NaN;
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** Where each part of the definition came from, so the format's own checks can name a cell. */
type Origins = {
  about: Map<string, number>;
  sections: number[];
  questions: number[][];
  scales: { first: number; options: number[] }[];
  bands: number[];
};

const QUESTION_FIELD_COLUMN: Record<string, string> = {
  id: 'id',
  type: 'type',
  text: 'text',
  help: 'help',
  required: 'required',
  scaleId: 'scaleId',
  options: 'options',
  showIf: 'showIf',
  kloe: 'kloe',
  themes: 'themes',
  min: 'min',
  max: 'max',
};

/** Names the sheet, row and column of a problem the format's rules found in a definition read from a workbook. */
function whereIs(path: PropertyKey[], origins: Origins): Where {
  const [top, i, field, j, sub] = path.map(String);
  if (top === 'sections') {
    if (i === undefined) return { sheet: SHEETS.sections };
    const si = Number(i);
    if (field === 'questions' && j !== undefined) {
      const key = QUESTION_FIELD_COLUMN[sub ?? ''];
      return {
        sheet: SHEETS.questions,
        row: origins.questions[si]?.[Number(j)],
        column: key ? column(QUESTION_COLUMNS, key) : undefined,
      };
    }
    const key = ['id', 'title', 'description'].includes(field ?? '') ? field : undefined;
    return {
      sheet: SHEETS.sections,
      row: origins.sections[si],
      column: key ? column(SECTION_COLUMNS, key) : undefined,
    };
  }
  if (top === 'scales') {
    if (i === undefined) return { sheet: SHEETS.scales };
    const scale = origins.scales[Number(i)];
    if (field === 'options' && j !== undefined) {
      const key = sub === undefined ? undefined : sub;
      return {
        sheet: SHEETS.scales,
        row: scale?.options[Number(j)],
        column: key && SCALE_COLUMNS.some((c) => c.key === key) ? column(SCALE_COLUMNS, key) : undefined,
      };
    }
    const key = field === 'id' ? 'scaleId' : field === 'name' ? 'name' : undefined;
    return { sheet: SHEETS.scales, row: scale?.first, column: key ? column(SCALE_COLUMNS, key) : undefined };
  }
  if (top === 'bands') {
    if (i === undefined) return { sheet: SHEETS.bands };
    const key = BAND_COLUMNS.some((c) => c.key === field) ? field : undefined;
    return {
      sheet: SHEETS.bands,
      row: origins.bands[Number(i)],
      column: key ? column(BAND_COLUMNS, key) : undefined,
    };
  }
  return { sheet: SHEETS.about, row: origins.about.get(top) };
}

/**
 * Reads a workbook laid out as templateToXlsx writes it. Problems are named by sheet, row and
 * column (e.g. `Questions!C7`), both in how the workbook is filled in and in the format's rules.
 */
export async function templateFromXlsx(buffer: Buffer): Promise<TAuditTemplate> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw invalid({
      file: 'The file could not be read as an XLSX workbook. Save it from Excel as .xlsx and try again.',
    });
  }
  const problems = new Problems();
  const origins: Origins = { about: new Map(), sections: [], questions: [], scales: [], bands: [] };

  // About: a key column and a value column.
  const aboutSheet = wb.worksheets.find((s) => s.name.trim().toLowerCase() === SHEETS.about.toLowerCase());
  const about = new Map<string, string>();
  if (!aboutSheet) {
    problems.add(
      { sheet: SHEETS.about },
      'the workbook has no sheet called “About”. Keep the sheets Assure exported.',
    );
  } else {
    aboutSheet.eachRow((row, n) => {
      const key = cellText(row.getCell(1).value).trim().toLowerCase();
      for (const [field, label] of Object.entries(ABOUT_ROWS)) {
        if (key === label.toLowerCase() && !about.has(field)) {
          about.set(field, cellText(row.getCell(2).value).trim());
          origins.about.set(field, n);
        }
      }
    });
    const format = about.get('format');
    if (format !== undefined && format !== TEMPLATE_FORMAT) {
      problems.add(
        { sheet: SHEETS.about, row: origins.about.get('format') },
        `Format must be “${TEMPLATE_FORMAT}”; this workbook says “${format}”.`,
      );
    }
    if (!about.has('title'))
      problems.add({ sheet: SHEETS.about }, 'add a row “Title” with the template’s title in column B.');
    if (!about.has('kind'))
      problems.add({ sheet: SHEETS.about }, `add a row “Kind” with one of: ${TEMPLATE_KINDS.join(', ')}.`);
  }

  const sectionRows = readTable(wb, SHEETS.sections, SECTION_COLUMNS, problems);
  const questionRows = readTable(wb, SHEETS.questions, QUESTION_COLUMNS, problems);
  const scaleRows = readTable(wb, SHEETS.scales, SCALE_COLUMNS, problems);
  const bandRows = readTable(wb, SHEETS.bands, BAND_COLUMNS, problems);

  const at = (sheet: string, row: number, columns: Column[], key: string): Where => ({
    sheet,
    row,
    column: column(columns, key),
  });

  const sections: TSection[] = [];
  const sectionIndex = new Map<string, number>();
  for (const r of sectionRows?.rows ?? []) {
    const id = r.get('id');
    if (id === '') {
      problems.add(
        at(SHEETS.sections, r.n, SECTION_COLUMNS, 'id'),
        'enter an id for the section (for example s1).',
      );
      continue;
    }
    if (!sectionIndex.has(id)) sectionIndex.set(id, sections.length);
    const description = r.get('description');
    sections.push({ id, title: r.get('title'), ...(description ? { description } : {}), questions: [] });
    origins.sections.push(r.n);
    origins.questions.push([]);
  }

  for (const r of questionRows?.rows ?? []) {
    const where = (key: string) => at(SHEETS.questions, r.n, QUESTION_COLUMNS, key);
    const sectionId = r.get('section');
    const si = sectionIndex.get(sectionId);
    if (si === undefined) {
      problems.add(
        where('section'),
        sectionId === ''
          ? 'enter the id of the section this question belongs to.'
          : `there is no section “${sectionId}” on the Sections sheet. Add it there or use one of: ${[...sectionIndex.keys()].join(', ') || 'none yet'}.`,
      );
      continue;
    }
    const type = r.get('type');
    if (!(QUESTION_TYPES as readonly string[]).includes(type)) {
      problems.add(
        where('type'),
        type === ''
          ? `enter the type of question: one of ${QUESTION_TYPES.join(', ')}.`
          : `“${type}” is not a type of question. Use one of: ${QUESTION_TYPES.join(', ')}.`,
      );
    }
    const required = yesNo(r.get('required'));
    if (required === null) problems.add(where('required'), `write Yes or No, not “${r.get('required')}”.`);
    const options: { id: string; label: string }[] = [];
    for (const line of lines(r.get('options'))) {
      const colon = line.indexOf(':');
      if (colon <= 0) {
        problems.add(
          where('options'),
          `write each option on its own line as id: label (for example “seen: Seen alone”), not “${line}”.`,
        );
        continue;
      }
      options.push({ id: line.slice(0, colon).trim(), label: line.slice(colon + 1).trim() });
    }
    let showIf: TCondition | undefined;
    const showIfText = r.get('showIf');
    if (showIfText !== '') {
      try {
        showIf = conditionFromText(showIfText);
      } catch (e) {
        problems.add(
          where('showIf'),
          `“${showIfText}” cannot be read: ${(e as Error).message}. Write for example q1 = yes, q1 in (a, b) or q1 is answered.`,
        );
      }
    }
    const kloeText = r.get('kloe');
    let kloe: TQuestion['kloe'];
    if (kloeText !== '') {
      const found = KLOE_IDS.find(
        (id) => id === kloeText || KLOE_LABELS[id].toLowerCase() === kloeText.toLowerCase(),
      );
      if (found) kloe = found;
      else
        problems.add(
          where('kloe'),
          `“${kloeText}” is not a key line of enquiry. Use one of: ${KLOE_IDS.join(', ')}.`,
        );
    }
    const numbers: { min?: number; max?: number } = {};
    for (const key of ['min', 'max'] as const) {
      const n = numberFrom(r.get(key));
      if (n === null) continue;
      if (Number.isNaN(n)) problems.add(where(key), `enter a number, not “${r.get(key)}”.`);
      else numbers[key] = n;
    }
    const help = r.get('help');
    const scaleId = r.get('scaleId');
    const themes = lines(r.get('themes'));
    sections[si].questions.push({
      id: r.get('id'),
      type: type as TQuestion['type'],
      text: r.get('text'),
      ...(help ? { help } : {}),
      required: required ?? false,
      ...(scaleId ? { scaleId } : {}),
      ...(options.length ? { options } : {}),
      ...numbers,
      ...(showIf ? { showIf } : {}),
      ...(kloe ? { kloe } : {}),
      ...(themes.length ? { themes } : {}),
    });
    origins.questions[si].push(r.n);
  }

  const scales: TRatingScale[] = [];
  const scaleIndex = new Map<string, number>();
  for (const r of scaleRows?.rows ?? []) {
    const where = (key: string) => at(SHEETS.scales, r.n, SCALE_COLUMNS, key);
    const scaleId = r.get('scaleId');
    if (scaleId === '') {
      problems.add(where('scaleId'), 'enter the id of the scale this rating belongs to (for example rag).');
      continue;
    }
    let si = scaleIndex.get(scaleId);
    const name = r.get('name');
    if (si === undefined) {
      si = scales.length;
      scaleIndex.set(scaleId, si);
      scales.push({ id: scaleId, name, options: [] });
      origins.scales.push({ first: r.n, options: [] });
    } else if (name !== '' && name !== scales[si].name) {
      problems.add(
        where('name'),
        `scale “${scaleId}” is called “${scales[si].name}” on row ${origins.scales[si].first}; use the same name on every row of a scale, or leave it blank.`,
      );
    }
    const score = numberFrom(r.get('score'));
    if (score === null || Number.isNaN(score)) {
      problems.add(
        where('score'),
        score === null ? 'enter a score (a number).' : `enter a number, not “${r.get('score')}”.`,
      );
    }
    const colour = r.get('colour').toLowerCase();
    if (!(TAG_COLOURS as readonly string[]).includes(colour)) {
      problems.add(
        where('colour'),
        `${colour === '' ? 'enter a colour' : `“${r.get('colour')}” is not a colour Assure knows`}. Use one of: ${TAG_COLOURS.join(', ')}.`,
      );
    }
    const na = yesNo(r.get('notApplicable'));
    if (na === null)
      problems.add(where('notApplicable'), `write Yes or No, not “${r.get('notApplicable')}”.`);
    scales[si].options.push({
      id: r.get('id'),
      label: r.get('label'),
      score: score === null || Number.isNaN(score) ? 0 : score,
      colour: colour as TRatingScale['options'][number]['colour'],
      ...(na ? { notApplicable: true } : {}),
    });
    origins.scales[si].options.push(r.n);
  }

  const bands: TScoreBand[] = [];
  for (const r of bandRows?.rows ?? []) {
    const band = { label: r.get('label'), minPercent: 0, maxPercent: 0 };
    for (const key of ['minPercent', 'maxPercent'] as const) {
      const n = numberFrom(r.get(key));
      if (n === null || Number.isNaN(n) || !Number.isInteger(n)) {
        problems.add(
          at(SHEETS.bands, r.n, BAND_COLUMNS, key),
          n === null
            ? 'enter a whole percent from 0 to 100.'
            : `enter a whole percent from 0 to 100, not “${r.get(key)}”.`,
        );
      } else {
        band[key] = n;
      }
    }
    bands.push(band);
    origins.bands.push(r.n);
  }

  if (problems.any) throw invalid(problems.fields, 'The workbook has problems; nothing was imported');

  const description = about.get('description');
  const candidate = {
    formatVersion: Number(about.get('formatVersion') ?? 1),
    title: about.get('title') ?? '',
    kind: about.get('kind') ?? '',
    ...(description ? { description } : {}),
    scales,
    ...(bands.length ? { bands } : {}),
    sections,
  };
  const parsed = ZAuditTemplate.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.add(whereIs(issue.path, origins), issue.message);
    throw invalid(problems.fields, 'The workbook has problems; nothing was imported');
  }
  return parsed.data;
}

/**
 * An uploaded file, recognised by its content (never its name): an XLSX workbook, or JSON text.
 * Anything else is refused with a field error on `file`.
 */
export async function parseTemplateFile(
  buffer: Buffer,
): Promise<{ definition: TAuditTemplate; source: 'json' | 'xlsx' }> {
  if (buffer.length === 0) throw invalid({ file: 'The selected file is empty' });
  const type = await fileTypeFromBuffer(buffer);
  if (type?.ext === 'xlsx') return { definition: await templateFromXlsx(buffer), source: 'xlsx' };
  if (type !== undefined) {
    throw invalid({
      file: `The selected file is a ${type.ext.toUpperCase()} file. Choose an Assure template saved as JSON or XLSX.`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
  } catch {
    throw invalid({
      file: 'The selected file is neither an XLSX workbook nor valid JSON. Choose an Assure template saved as JSON or XLSX.',
    });
  }
  return { definition: parseTemplateJson(json), source: 'json' };
}
