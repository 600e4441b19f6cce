import { type ReactNode, useEffect, useState } from 'react';
import { api } from '../../app/api';
import { useErrorTitlePrefix } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { useForm } from '../../app/use-form';
import { Button } from '../../components/button';
import { Radios } from '../../components/radios';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { WarningText } from '../../components/warning-text';
import { useNavigateWithFlash } from '../common/flash';
import { FormFeedback } from '../common/form-feedback';
import { todayIso } from './impact-parts';

type JudgementValues = { judgement: string; reasons: string; judgedOn: string };

/**
 * The QA group's judgement on what an agency sent (an impact check's evidence, an assurance answer): a
 * judgement from a fixed set, the reasons and the date, sent with the version of the record the page
 * showed. If the record changed meanwhile (409), the page shows the new state and says so, and what was
 * typed stays; sending again judges what is now shown.
 */
export function JudgementForm<J extends string>({
  apiPath,
  version,
  draftKey,
  judgements,
  labels,
  legend,
  choiceMessage,
  hints = {},
  warnings = {},
  reasonsHint,
  dateHint,
  intro,
  refresh,
  doneTo,
}: {
  /** Partnership-relative API path the judgement is posted to. */
  apiPath: string;
  version: number;
  draftKey: string;
  judgements: readonly J[];
  labels: Record<J, string>;
  legend: string;
  /** The error when no judgement is chosen ("Select assured, partly assured or not assured"). */
  choiceMessage: string;
  hints?: Partial<Record<J, string>>;
  /** Shown once that judgement is chosen, for one with consequences. */
  warnings?: Partial<Record<J, ReactNode>>;
  reasonsHint?: string;
  dateHint?: string;
  intro?: ReactNode;
  /** Refreshes what the page shows (after success and after a refusal alike). */
  refresh(): Promise<unknown>;
  /** The page the person returns to, with "Judgement recorded". */
  doneTo: string;
}) {
  const { path } = usePartnership();
  const goTo = useNavigateWithFlash();
  const [seen, setSeen] = useState(version);
  const form = useForm<JudgementValues>({
    initial: { judgement: '', reasons: '', judgedOn: todayIso() },
    draftKey,
    fieldOrder: ['judgement', 'reasons', 'judgedOn'],
    choiceMessages: { judgement: choiceMessage },
  });
  useErrorTitlePrefix(form.hasErrors);
  // Changed meanwhile: the refreshed page shows the record as it is now; a second send judges that.
  const current = form.conflict?.current.version;
  useEffect(() => {
    if (typeof current === 'number') setSeen(current);
  }, [current]);
  const onSubmit = form.submit(
    async (v) => {
      try {
        await api.post(path(apiPath), { ...v, version: seen });
      } finally {
        await refresh();
      }
    },
    () =>
      goTo({
        to: doneTo,
        flash: `Judgement recorded: ${labels[form.values.judgement as J]}`,
        replace: true,
      }),
  );
  const warning = warnings[form.values.judgement as J];
  return (
    <>
      <FormFeedback form={form} />
      {form.conflict ? (
        <div className="app-conflict" id="conflict" tabIndex={-1}>
          <p className="govuk-body">
            {form.conflict.message} The page now shows what it says. Check it, then record your judgement
            again: what you entered below has been kept.
          </p>
        </div>
      ) : null}
      {intro}
      <form onSubmit={onSubmit} noValidate>
        <Radios
          {...form.field('judgement')}
          legend={legend}
          legendSize="s"
          items={judgements.map((j) => ({ value: j, text: labels[j], hint: hints[j] }))}
        />
        {warning ? <WarningText>{warning}</WarningText> : null}
        <Textarea
          {...form.field('reasons')}
          label="Reasons for the judgement"
          labelSize="s"
          hint={reasonsHint}
          rows={5}
          spellCheck
        />
        <TextInput
          {...form.field('judgedOn')}
          label="Date of the judgement"
          labelSize="s"
          hint={dateHint}
          type="date"
          className="app-date-input"
        />
        <Button pending={form.pending}>Record judgement</Button>
      </form>
    </>
  );
}
