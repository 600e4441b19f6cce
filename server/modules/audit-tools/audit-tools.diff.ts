import type { TAuditTemplate, TQuestion, TSection } from '../../../contracts/audit-tools.js';
import type { TTemplateDiff } from './audit-tools.schemas.js';

type Ref = { id: string; number: number };

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Keys whose values differ between two objects (a missing key and an undefined one are the same). */
function changedKeys(a: object, b: object, skip: string[] = []): string[] {
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].filter((k) => !skip.includes(k));
  return keys.filter((k) => !same(ra[k], rb[k])).sort();
}

function questionsById(t: TAuditTemplate) {
  const out = new Map<string, { q: TQuestion; sectionId: string }>();
  for (const s of t.sections) for (const q of s.questions) out.set(q.id, { q, sectionId: s.id });
  return out;
}

/**
 * A simple structural diff of two template definitions: sections and questions added, removed or
 * changed, matched by id, with the names of the fields that changed.
 */
export function diffTemplates(from: Ref, a: TAuditTemplate, to: Ref, b: TAuditTemplate): TTemplateDiff {
  const sa = new Map<string, TSection>(a.sections.map((s) => [s.id, s]));
  const sb = new Map<string, TSection>(b.sections.map((s) => [s.id, s]));
  const sectionChanges = [...sa.values()]
    .filter((s) => sb.has(s.id))
    .map((s) => {
      const other = sb.get(s.id)!;
      const fields = changedKeys(s, other, ['questions']);
      const order = (x: TSection) => x.questions.map((q) => q.id);
      if (!same(order(s), order(other))) fields.push('questions');
      return { id: s.id, fields };
    })
    .filter((c) => c.fields.length > 0);

  const qa = questionsById(a);
  const qb = questionsById(b);
  const questionChanges = [...qa.entries()]
    .filter(([id]) => qb.has(id))
    .map(([id, x]) => {
      const y = qb.get(id)!;
      const fields = changedKeys(x.q, y.q);
      if (x.sectionId !== y.sectionId) fields.push('section');
      return { id, fields };
    })
    .filter((c) => c.fields.length > 0);

  return {
    from,
    to,
    changedFields: changedKeys(a, b, ['sections', 'formatVersion']),
    sections: {
      added: b.sections.filter((s) => !sa.has(s.id)).map((s) => ({ id: s.id, title: s.title })),
      removed: a.sections.filter((s) => !sb.has(s.id)).map((s) => ({ id: s.id, title: s.title })),
      changed: sectionChanges,
    },
    questions: {
      added: [...qb.entries()]
        .filter(([id]) => !qa.has(id))
        .map(([id, y]) => ({ id, sectionId: y.sectionId, text: y.q.text })),
      removed: [...qa.entries()]
        .filter(([id]) => !qb.has(id))
        .map(([id, x]) => ({ id, sectionId: x.sectionId, text: x.q.text })),
      changed: questionChanges,
    },
  };
}
