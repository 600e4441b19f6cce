import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  KLOE_IDS,
  TEMPLATE_KINDS,
  type TQuestion,
  ZAuditTemplate,
} from '../../../../contracts/audit-tools.js';
import { findStarter, STARTER_TEMPLATES, type StarterTemplate } from './index.js';

const questionsOf = (s: StarterTemplate): TQuestion[] => s.definition.sections.flatMap((x) => x.questions);
const starter = (id: string) => {
  const s = findStarter(id);
  if (!s) throw new Error(`no starter ${id}`);
  return s;
};

/** The sizes the library promises (issue 3): questions per starter. */
const SIZES: Record<string, [min: number, max: number]> = {
  'multi-agency-case-file-audit': [30, 45],
  'section-11-self-assessment': [35, 50],
  'care-act-adult-safeguarding-self-assessment': [25, 35],
  'section-175-157-education-audit': [30, 45],
  'thematic-review-baseline-self-evaluation': [15, 25],
  'practitioner-survey': [10, 15],
  'service-user-survey': [10, 15],
  'rapid-review-summary-of-agency-involvement': [12, 25],
};

describe('the starter library', () => {
  it('has the eight starters, with unique stable slugs', () => {
    const ids = STARTER_TEMPLATES.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(SIZES).sort());
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  for (const s of STARTER_TEMPLATES) {
    describe(s.id, () => {
      it('parses with ZAuditTemplate, unchanged', () => {
        const parsed = ZAuditTemplate.safeParse(s.definition);
        expect(parsed.error?.issues ?? []).toEqual([]);
        expect(parsed.data).toEqual(s.definition);
      });

      it('has a title, kind and plain description that match its definition', () => {
        expect(TEMPLATE_KINDS).toContain(s.kind);
        expect(s.definition.kind).toBe(s.kind);
        expect(s.definition.title).toBe(s.title);
        expect(s.description.length).toBeGreaterThan(40);
        expect(s.description.split(/(?<=\.)\s/).length).toBeLessThanOrEqual(2);
      });

      it('has real questions, each with text, within the promised size', () => {
        const qs = questionsOf(s);
        for (const q of qs) expect(q.text.trim().length, q.id).toBeGreaterThan(10);
        const [min, max] = SIZES[s.id];
        expect(qs.length).toBeGreaterThanOrEqual(min);
        expect(qs.length).toBeLessThanOrEqual(max);
        // Something must be required, or the tool would accept an empty return; a survey's
        // respondents may skip any question.
        if (s.kind !== 'survey') expect(qs.some((q) => q.required)).toBe(true);
      });

      it('uses every rating scale it defines', () => {
        const used = new Set(questionsOf(s).map((q) => q.scaleId));
        for (const scale of s.definition.scales) expect(used.has(scale.id), scale.id).toBe(true);
      });
    });
  }

  it('rates standards on RAG with not applicable, and practice on the Ofsted-style scale', () => {
    const labels = (id: string, scaleId: string) =>
      starter(id)
        .definition.scales.find((x) => x.id === scaleId)
        ?.options.map((o) => o.label);
    for (const id of [
      'section-11-self-assessment',
      'care-act-adult-safeguarding-self-assessment',
      'section-175-157-education-audit',
    ]) {
      expect(labels(id, 'rag')).toEqual(['Fully met', 'Partially met', 'Not met', 'Not applicable']);
      expect(starter(id).definition.bands?.map((b) => [b.label, b.minPercent, b.maxPercent])).toEqual([
        ['Inadequate', 0, 50],
        ['Requires improvement', 51, 70],
        ['Good', 71, 95],
        ['Outstanding', 96, 100],
      ]);
    }
    expect(labels('multi-agency-case-file-audit', 'ofsted')).toEqual([
      'Outstanding',
      'Good',
      'Requires improvement',
      'Inadequate',
    ]);
  });

  it('case audit: covers all four KLOE, the voices, management oversight, impact, a chronology and an overall grade', () => {
    const s = starter('multi-agency-case-file-audit');
    const qs = questionsOf(s);
    expect(new Set(qs.map((q) => q.kloe).filter(Boolean))).toEqual(new Set(KLOE_IDS));
    const themes = new Set(qs.flatMap((q) => q.themes ?? []));
    for (const theme of [
      'Voice of the child or adult',
      'Voice of the practitioner',
      'Management oversight',
      'Impact',
    ])
      expect(themes, theme).toContain(theme);
    expect(qs.some((q) => q.type === 'chronology')).toBe(true);
    const overall = qs.find((q) => q.id === 'overall-grade');
    expect(overall).toMatchObject({ type: 'rating', scaleId: 'ofsted', required: true });
    // Every KLOE section ends in a grade on the Ofsted-style scale.
    for (const kloe of KLOE_IDS)
      expect(
        qs.some((q) => q.kloe === kloe && q.type === 'rating' && q.scaleId === 'ofsted'),
        kloe,
      ).toBe(true);
  });

  it('Section 11: one section for each of the eight Working Together areas', () => {
    const titles = starter('section-11-self-assessment').definition.sections.map((x) =>
      x.title.toLowerCase(),
    );
    const areas = [
      /senior leadership.*accountability/,
      /polic/,
      /listening to children/,
      /whistleblowing.*escalation/,
      /information sharing/,
      /designated practitioners/,
      /safer recruitment/,
      /supervision.*training/,
    ];
    for (const area of areas)
      expect(
        titles.filter((t) => area.test(t)),
        String(area),
      ).toHaveLength(1);
  });

  it('Care Act: the six safeguarding principles, Making Safeguarding Personal and the Mental Capacity Act', () => {
    const titles = starter('care-act-adult-safeguarding-self-assessment').definition.sections.map(
      (x) => x.title,
    );
    for (const t of [
      'Empowerment',
      'Prevention',
      'Proportionality',
      'Protection',
      'Partnership',
      'Accountability',
      'Making Safeguarding Personal',
      'Mental Capacity Act',
    ])
      expect(titles).toContain(t);
  });

  it('Section 175/157: the five parts of Keeping Children Safe in Education, in order', () => {
    const titles = starter('section-175-157-education-audit').definition.sections.map((x) => x.title);
    const parts = titles.filter((t) => /^Part \d:/.test(t));
    expect(parts.map((t) => t.slice(0, 6))).toEqual(['Part 1', 'Part 2', 'Part 3', 'Part 4', 'Part 5']);
    expect(parts[2]).toMatch(/safer recruitment/i);
    expect(parts[3]).toMatch(/allegations/i);
    expect(parts[4]).toMatch(/child-on-child sexual violence/i);
  });

  it('baseline self-evaluation: a self-grade under each KLOE', () => {
    const qs = questionsOf(starter('thematic-review-baseline-self-evaluation'));
    for (const kloe of KLOE_IDS)
      expect(
        qs.filter((q) => q.kloe === kloe && q.type === 'rating'),
        kloe,
      ).toHaveLength(1);
  });

  it('rapid review summary: involvement, key practice episodes with a chronology, immediate safety, early learning and what went well', () => {
    const s = starter('rapid-review-summary-of-agency-involvement');
    expect(s.definition.sections.map((x) => x.title)).toEqual([
      'Your agency’s involvement with the child and family',
      'Key practice episodes',
      'Immediate safety actions',
      'Early learning',
      'Sign-off',
    ]);
    const qs = questionsOf(s);
    expect(qs.find((q) => q.type === 'chronology')).toMatchObject({ id: 'chronology', required: true });
    expect(qs.find((q) => q.id === 'went-well')).toMatchObject({ required: true });
    // The thresholds learning comes from agencies that did not recognise the concerns at the time.
    expect(qs.find((q) => q.id === 'signs-missed')?.showIf).toEqual({
      questionId: 'concerns-identified',
      equals: ['no', 'partly'],
    });
    // Three working days to answer: nothing to upload, and names never asked for.
    expect(qs.filter((q) => q.type === 'evidence_file')).toEqual([]);
    expect(qs.filter((q) => /\bname\b/i.test(q.text) && !/not your name/i.test(q.text))).toEqual([]);
  });

  it('asks follow-ups only when they apply, and evidence files where evidence belongs', () => {
    for (const s of STARTER_TEMPLATES) {
      expect(
        questionsOf(s).some((q) => q.showIf !== undefined),
        `${s.id} has a show-only-if question`,
      ).toBe(true);
    }
    for (const id of [
      'section-11-self-assessment',
      'care-act-adult-safeguarding-self-assessment',
      'section-175-157-education-audit',
      'thematic-review-baseline-self-evaluation',
      'multi-agency-case-file-audit',
    ])
      expect(
        questionsOf(starter(id)).some((q) => q.type === 'evidence_file'),
        id,
      ).toBe(true);
    // The surveys are anonymous: no upload, no date, nothing to identify the person.
    for (const id of ['practitioner-survey', 'service-user-survey'])
      expect(questionsOf(starter(id)).filter((q) => ['evidence_file', 'date'].includes(q.type))).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------------
// Written in Assure's own words: no run of 12 words from the source documents appears in a starter.

const SEEDS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../shared/seeds');
const RUN = 12;

const words = (text: string) =>
  text
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .split(/[^a-z0-9']+/)
    .filter(Boolean);

function runs(text: string, n = RUN): string[] {
  const w = words(text);
  const out: string[] = [];
  for (let i = 0; i + n <= w.length; i++) out.push(w.slice(i, i + n).join(' '));
  return out;
}

/** Every piece of text a starter holds: its own fields and every string in its definition. */
function textsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (value && typeof value === 'object') return Object.values(value).flatMap(textsOf);
  return [];
}

describe.skipIf(!existsSync(SEEDS_DIR))('the starters’ wording', () => {
  it(`shares no run of ${RUN} words with any source document`, () => {
    const files = readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt'));
    expect(files.length).toBeGreaterThan(0);
    const seedRuns = new Set(files.flatMap((f) => runs(readFileSync(path.join(SEEDS_DIR, f), 'utf8'))));
    expect(seedRuns.size).toBeGreaterThan(1000);
    const copied = STARTER_TEMPLATES.flatMap((s) =>
      textsOf(s)
        .flatMap((t) => runs(t))
        .filter((r) => seedRuns.has(r))
        .map((r) => `${s.id}: “${r}”`),
    );
    expect(copied).toEqual([]);
  });

  it('the check would catch a copied sentence', () => {
    const file = readdirSync(SEEDS_DIR).find((f) => f.endsWith('.txt'))!;
    const seedRuns = new Set(runs(readFileSync(path.join(SEEDS_DIR, file), 'utf8')));
    const sample = [...seedRuns][Math.floor(seedRuns.size / 2)];
    expect(runs(`Please note: ${sample}.`).some((r) => seedRuns.has(r))).toBe(true);
  });
});
