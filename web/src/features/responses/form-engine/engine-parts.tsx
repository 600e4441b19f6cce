import { useMemo, useState } from 'react';
import type { TAnswers, TAuditTemplate, TSection } from '../../../../../contracts/audit-tools';
import type { TCarryForward } from '../../../../../contracts/responses';
import { formatDateTime, formatTime } from '../../../app/format';
import { Button } from '../../../components/button';
import { ErrorSummary } from '../../../components/error-summary';
import { NotificationBanner } from '../../../components/notification-banner';
import { Radios } from '../../../components/radios';
import { answerText } from './answer-text';
import { QuestionField } from './question-field';
import { useResponseForm } from './response-form';
import { allQuestions, canonicalJson, fieldId, visibleQuestionIds } from './rules';
import './form-engine.css';

/** The autosave line, announced politely: "Saved at 2:02pm", "Saving…", offline, signed out. */
export function SaveStatusLine() {
  const { status, editable } = useResponseForm();
  if (!editable && status.kind === 'idle') return null;
  let text = '';
  switch (status.kind) {
    case 'idle':
      text = status.lastSavedAt
        ? `Last saved ${formatDateTime(status.lastSavedAt)}`
        : 'Your answers are saved as you type';
      break;
    case 'saving':
      text = 'Saving…';
      break;
    case 'saved':
      text = `Saved at ${formatTime(status.at)}`;
      break;
    case 'offline':
      text =
        'You’re offline — your answers are kept on this device and will be saved when you’re back online';
      break;
    case 'signed-out':
      text = 'You have been signed out. Your answers are kept on this device: sign in again to save them.';
      break;
    case 'conflict':
      text = 'Not saved: someone else saved answers meanwhile. Choose which to keep below.';
      break;
    case 'problem':
      text = status.message;
      break;
  }
  const warn =
    status.kind === 'offline' ||
    status.kind === 'signed-out' ||
    status.kind === 'problem' ||
    status.kind === 'conflict';
  return (
    <p
      className={warn ? 'govuk-body app-save-status app-save-status--warning' : 'govuk-body app-save-status'}
      role="status"
      aria-live="polite"
    >
      {text}
    </p>
  );
}

/** Answers kept on this device that the server never got: offered back, never applied unasked. */
export function DeviceCopyBanner() {
  const { deviceCopy, restoreDeviceCopy, discardDeviceCopy } = useResponseForm();
  if (!deviceCopy) return null;
  return (
    <NotificationBanner heading="You have answers on this device that were not saved">
      <p className="govuk-body">
        They were kept on {formatDateTime(new Date(deviceCopy.keptAt).toISOString())} when the connection or
        your session was lost. Restore them to carry on where you left off.
      </p>
      <div className="govuk-button-group">
        <Button type="button" onClick={restoreDeviceCopy}>
          Restore my answers
        </Button>
        <Button type="button" variant="secondary" onClick={discardDeviceCopy}>
          Discard them
        </Button>
      </div>
    </NotificationBanner>
  );
}

/**
 * A stale save: for each question answered differently, the other person's answer and the person's
 * own side by side; they choose which to keep for each before anything is saved.
 */
export function ConflictResolver() {
  const form = useResponseForm();
  const { conflict, definition, answers, carryForward, files } = form;
  const changed = useMemo(() => {
    if (!conflict) return [];
    return allQuestions(definition).filter(
      (q) =>
        q.type !== 'evidence_file' &&
        (canonicalJson(conflict.answers[q.id]) !== canonicalJson(answers[q.id]) ||
          conflict.carryForward[q.id] !== carryForward[q.id]),
    );
  }, [conflict, definition, answers, carryForward]);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  if (!conflict) return null;
  const who = conflict.lastSavedBy?.name ?? 'Someone else';
  const when = conflict.lastSavedAt ? ` on ${formatDateTime(conflict.lastSavedAt)}` : '';

  const keep = () => {
    const missing = Object.fromEntries(
      changed.filter((q) => !choices[q.id]).map((q) => [q.id, `Choose which answer to keep for ‘${q.text}’`]),
    );
    setErrors(missing);
    if (Object.keys(missing).length > 0) {
      setAttempt((n) => n + 1);
      return;
    }
    const merged: TAnswers = { ...conflict.answers };
    const mergedCarry: TCarryForward = { ...conflict.carryForward };
    for (const q of changed) {
      if (choices[q.id] !== 'mine') continue;
      if (answers[q.id] === undefined) delete merged[q.id];
      else merged[q.id] = answers[q.id];
      if (carryForward[q.id] === undefined) delete mergedCarry[q.id];
      else mergedCarry[q.id] = carryForward[q.id];
    }
    form.resolveConflict(merged, mergedCarry);
  };

  return (
    <div className="app-conflict" id="conflict" tabIndex={-1}>
      <ErrorSummary
        focusKey={attempt}
        items={
          Object.keys(errors).length
            ? Object.entries(errors).map(([id, text]) => ({ text, href: `#conflict-${id}` }))
            : [{ text: `${who} saved answers to this form${when}. Choose which to keep.`, href: '#conflict' }]
        }
        title="Your answers have not been saved"
      />
      <h2 className="govuk-heading-m">{who} changed some answers while you were working</h2>
      {changed.length === 0 ? (
        <p className="govuk-body">Their answers are the same as yours.</p>
      ) : (
        <p className="govuk-body">
          For each question, choose whether to keep your answer or theirs. Nothing is saved until you do.
        </p>
      )}
      {changed.map((q) => (
        <div className="app-conflict__question" key={q.id}>
          <h3 className="govuk-heading-s">{q.text}</h3>
          <dl className="app-conflict__versions">
            <div>
              <dt className="govuk-body govuk-!-font-weight-bold">
                {who}’s answer{when}
              </dt>
              <dd className="govuk-body">{answerText(q, conflict.answers[q.id], definition, files)}</dd>
            </div>
            <div>
              <dt className="govuk-body govuk-!-font-weight-bold">Your answer</dt>
              <dd className="govuk-body">{answerText(q, answers[q.id], definition, files)}</dd>
            </div>
          </dl>
          <Radios
            id={`conflict-${q.id}`}
            legend={<span className="govuk-visually-hidden">Which answer to keep for {q.text}</span>}
            small
            inline
            error={errors[q.id]}
            value={choices[q.id] ?? ''}
            onChange={(v) => setChoices((c) => ({ ...c, [q.id]: v as 'mine' | 'theirs' }))}
            items={[
              { value: 'mine', text: 'Keep mine' },
              { value: 'theirs', text: `Use ${who}’s` },
            ]}
          />
        </div>
      ))}
      <Button type="button" onClick={keep}>
        Save these answers
      </Button>
    </div>
  );
}

/** The questions of one section, each shown or hidden live by its condition. */
export function SectionQuestions({ section, errors }: { section: TSection; errors: Record<string, string> }) {
  const form = useResponseForm();
  const { definition, answers, carryForward, response, files } = form;
  const visible = useMemo(() => visibleQuestionIds(definition, answers), [definition, answers]);
  const previous = response.previousAnswers;
  const onLeave = form.flush;
  return (
    <>
      {section.questions
        .filter((q) => visible.has(q.id))
        .map((q) => (
          <QuestionField
            key={q.id}
            question={q}
            definition={definition}
            value={answers[q.id]}
            error={errors[q.id]}
            previous={previous && q.type !== 'evidence_file' ? (previous[q.id] ?? undefined) : undefined}
            carry={carryForward[q.id]}
            onAnswer={form.setAnswer}
            onCarry={form.setCarryForward}
            onLeave={() => void onLeave()}
            responseId={response.id}
            files={q.type === 'evidence_file' ? files.filter((f) => f.questionId === q.id) : undefined}
            onFileAdded={q.type === 'evidence_file' ? form.fileAdded : undefined}
            onFileRemoved={q.type === 'evidence_file' ? form.fileRemoved : undefined}
          />
        ))}
    </>
  );
}

/** Where an error summary link for a question goes: its carry-forward choice when that is what is missing. */
export function errorHref(definition: TAuditTemplate, questionId: string, message: string, base = '') {
  const section = definition.sections.find((s) => s.questions.some((q) => q.id === questionId));
  const target = message.startsWith('Confirm') ? `${fieldId(questionId)}-carry` : fieldId(questionId);
  return section && base ? `${base}/sections/${encodeURIComponent(section.id)}#${target}` : `#${target}`;
}
