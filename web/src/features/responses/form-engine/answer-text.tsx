import type { ReactNode } from 'react';
import type {
  TAnswer,
  TAuditTemplate,
  TChronologyEntry,
  TQuestion,
  TRatingAnswer,
} from '../../../../../contracts/audit-tools';
import { formatDate } from '../../../app/format';
import type { ResponseFile } from '../types';

const YES_NO_PARTLY_LABELS: Record<string, string> = { yes: 'Yes', no: 'No', partly: 'Partly' };

export const notAnswered = <span className="app-muted">Not answered</span>;

/** A date answer (YYYY-MM-DD) as "3 June 2025", or as typed when it is not a real date yet. */
export function dateText(value: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(`${value}T12:00:00Z`) : value;
}

/** An answer as a person reads it (check answers, earlier answers, the other person's version). */
export function answerText(
  question: TQuestion,
  answer: TAnswer | undefined,
  definition: TAuditTemplate,
  files: ResponseFile[] = [],
): ReactNode {
  if (question.type === 'evidence_file') {
    const mine = files.filter((f) => f.questionId === question.id);
    if (mine.length === 0) return notAnswered;
    return (
      <ul className="govuk-list">
        {mine.map((f) => (
          <li key={f.id}>{f.fileName}</li>
        ))}
      </ul>
    );
  }
  if (answer === undefined || answer === null || answer === '') return notAnswered;
  if (Array.isArray(answer) && answer.length === 0) return notAnswered;
  switch (question.type) {
    case 'rating': {
      const a = answer as TRatingAnswer;
      const scale = definition.scales.find((s) => s.id === question.scaleId);
      const option = scale?.options.find((o) => o.id === a.optionId);
      return (
        <>
          {option?.label ?? a.optionId}
          {a.reason ? <span className="app-answer-reason">Reason: {a.reason}</span> : null}
        </>
      );
    }
    case 'yes_no_partly':
      return YES_NO_PARTLY_LABELS[String(answer)] ?? String(answer);
    case 'single_choice':
      return question.options?.find((o) => o.id === answer)?.label ?? String(answer);
    case 'multiple_choice': {
      const ids = answer as string[];
      return (
        <ul className="govuk-list">
          {ids.map((id) => (
            <li key={id}>{question.options?.find((o) => o.id === id)?.label ?? id}</li>
          ))}
        </ul>
      );
    }
    case 'date':
      return dateText(String(answer));
    case 'long_text':
      return <span className="app-multiline">{String(answer)}</span>;
    case 'chronology': {
      const rows = answer as TChronologyEntry[];
      return (
        <ol className="govuk-list govuk-list--number">
          {rows.map((r, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: entries have no identity but their place
            <li key={i}>
              {r.date ? dateText(r.date) : 'No date'}, {r.agency || 'no agency'}: {r.event || 'no event'}
              {r.significance ? ` (${r.significance})` : ''}
            </li>
          ))}
        </ol>
      );
    }
    default:
      return String(answer);
  }
}
