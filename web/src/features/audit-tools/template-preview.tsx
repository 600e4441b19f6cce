import type { ReactNode } from 'react';
import type { TAuditTemplate, TQuestion } from '../../../../contracts/audit-tools';
import { SummaryList, type SummaryRow } from '../../components/summary-list';
import { Table } from '../../components/table';
import { conditionInWords, KIND_LABELS, kloeLabel, numberedQuestions, TYPE_LABELS } from './template-model';

/** A rating's colour as a GOV.UK tag (blue is the tag's own colour; light blue shows as blue). */
export function ColourTag({ colour, children }: { colour: string; children: ReactNode }) {
  const cls = colour === 'blue' || colour === 'light-blue' ? '' : ` govuk-tag--${colour}`;
  return <strong className={`govuk-tag${cls}`}>{children}</strong>;
}

/** What a question asks for, as summary-list rows (only the rows that apply). */
export function questionRows(def: TAuditTemplate, q: TQuestion): SummaryRow[] {
  const rows: SummaryRow[] = [
    { key: 'Type', value: TYPE_LABELS[q.type] },
    { key: 'Required', value: q.required ? 'Yes' : 'No' },
  ];
  if (q.help) rows.push({ key: 'Help text', value: q.help });
  if (q.type === 'rating') {
    const scale = def.scales.find((s) => s.id === q.scaleId);
    rows.push({ key: 'Rating scale', value: scale ? scale.name : 'None chosen' });
  }
  if (q.options?.length) {
    rows.push({
      key: 'Options',
      value: (
        <ul className="govuk-list">
          {q.options.map((o) => (
            <li key={o.id}>{o.label}</li>
          ))}
        </ul>
      ),
    });
  }
  if (q.min !== undefined || q.max !== undefined) {
    rows.push({
      key: 'Numbers allowed',
      value:
        q.min !== undefined && q.max !== undefined
          ? `${q.min} to ${q.max}`
          : q.min !== undefined
            ? `${q.min} or more`
            : `${q.max} or less`,
    });
  }
  rows.push({ key: 'Shown', value: q.showIf ? `Only if ${conditionInWords(def, q.showIf)}` : 'Always' });
  if (q.kloe) rows.push({ key: 'Key line of enquiry', value: kloeLabel(q.kloe) });
  if (q.themes?.length) rows.push({ key: 'Themes', value: q.themes.join(', ') });
  return rows;
}

/** A read-only view of a whole definition: sections and their questions, scales and bands. */
export function TemplatePreview({ def }: { def: TAuditTemplate }) {
  const numbered = numberedQuestions(def);
  return (
    <>
      {def.description ? <p className="govuk-body">{def.description}</p> : null}
      <SummaryList
        rows={[
          { key: 'Kind', value: KIND_LABELS[def.kind] },
          { key: 'Sections', value: String(def.sections.length) },
          { key: 'Questions', value: String(numbered.length) },
        ]}
      />
      {def.sections.map((s, si) => (
        <section key={s.id} aria-labelledby={`section-${si}`}>
          <h2 className="govuk-heading-m" id={`section-${si}`}>
            Section {si + 1}: {s.title}
          </h2>
          {s.description ? <p className="govuk-body">{s.description}</p> : null}
          {s.questions.length === 0 ? <p className="govuk-body">This section has no questions yet.</p> : null}
          {numbered
            .filter((x) => x.sectionIndex === si)
            .map(({ q, number }) => (
              <div className="govuk-summary-card" key={q.id}>
                <div className="govuk-summary-card__title-wrapper">
                  <h3 className="govuk-summary-card__title">
                    Question {number}: {q.text}
                  </h3>
                </div>
                <div className="govuk-summary-card__content">
                  <SummaryList rows={questionRows(def, q)} />
                </div>
              </div>
            ))}
        </section>
      ))}
      <h2 className="govuk-heading-m">Rating scales</h2>
      {def.scales.length === 0 ? <p className="govuk-body">This template has no rating scales.</p> : null}
      {def.scales.map((scale) => (
        <Table
          key={scale.id}
          caption={scale.name}
          captionSize="s"
          rows={scale.options}
          rowKey={(o) => o.id}
          columns={[
            { header: 'Rating', cell: (o) => <ColourTag colour={o.colour}>{o.label}</ColourTag> },
            {
              header: 'Score',
              cell: (o) => (o.notApplicable ? 'Left out of scores' : String(o.score)),
              numeric: true,
            },
            { header: 'Not applicable', cell: (o) => (o.notApplicable ? 'Yes: needs a reason' : 'No') },
          ]}
        />
      ))}
      <h2 className="govuk-heading-m">Score bands</h2>
      {def.bands?.length ? (
        <Table
          caption="Score bands"
          captionHidden
          rows={[...def.bands].sort((a, b) => a.minPercent - b.minPercent)}
          rowKey={(b) => b.label}
          columns={[
            { header: 'Judgement', cell: (b) => b.label },
            { header: 'From', cell: (b) => `${b.minPercent}%`, numeric: true },
            { header: 'To', cell: (b) => `${b.maxPercent}%`, numeric: true },
          ]}
        />
      ) : (
        <p className="govuk-body">This template has no score bands.</p>
      )}
    </>
  );
}
