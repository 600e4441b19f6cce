import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  TAG_COLOURS,
  type TAuditTemplate,
  type TagColour,
  type TRatingScale,
  type TScoreBand,
} from '../../../../contracts/audit-tools';
import { ApiError } from '../../app/api';
import { usePageTitle } from '../../app/page-title';
import { BackLink } from '../../components/back-link';
import { Button, ButtonGroup, ButtonLink } from '../../components/button';
import { SingleCheckbox } from '../../components/checkboxes';
import { Fieldset } from '../../components/fieldset';
import { ErrorMessage } from '../../components/form-group';
import { NotificationBanner } from '../../components/notification-banner';
import { Select } from '../../components/select';
import { Table } from '../../components/table';
import { TextInput } from '../../components/text-input';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash, useNavigateWithFlash } from '../common/flash';
import { ActionProblem } from '../common/form-feedback';
import {
  type DraftContext,
  DraftFormPage,
  DraftLoaded,
  goneError,
  useDraftForm,
  useSaveDraft,
} from './draft';
import { idFromLabel, numberedQuestions } from './template-model';
import { ColourTag } from './template-preview';

const COLOUR_LABELS: Record<TagColour, string> = {
  green: 'Green',
  'light-blue': 'Light blue',
  blue: 'Blue',
  purple: 'Purple',
  pink: 'Pink',
  red: 'Red',
  orange: 'Orange',
  yellow: 'Yellow',
  grey: 'Grey',
  turquoise: 'Turquoise',
};

/** Scales partnerships use most, to start from (PRODUCT.md §4.2). */
const PRESETS: { name: string; id: string; options: TRatingScale['options'] }[] = [
  {
    name: 'RAG',
    id: 'rag',
    options: [
      { id: 'fully-met', label: 'Fully met', score: 2, colour: 'green' },
      { id: 'partially-met', label: 'Partially met', score: 1, colour: 'yellow' },
      { id: 'not-met', label: 'Not met', score: 0, colour: 'red' },
      { id: 'not-applicable', label: 'Not applicable', score: 0, colour: 'grey', notApplicable: true },
    ],
  },
  {
    name: 'Ofsted-style',
    id: 'ofsted',
    options: [
      { id: 'outstanding', label: 'Outstanding', score: 3, colour: 'green' },
      { id: 'good', label: 'Good', score: 2, colour: 'turquoise' },
      { id: 'requires-improvement', label: 'Requires improvement', score: 1, colour: 'orange' },
      { id: 'inadequate', label: 'Inadequate', score: 0, colour: 'red' },
    ],
  },
];

const scalesUrl = (templateId: string, rest = '') => `/audit-tools/${templateId}/draft/scales${rest}`;

export function ScalesPage() {
  return <DraftLoaded>{(ctx) => <ScalesOverview ctx={ctx} />}</DraftLoaded>;
}

function ScalesOverview({ ctx }: { ctx: DraftContext }) {
  const { template, draft } = ctx;
  const def = draft.definition;
  const flash = useFlash();
  const save = useSaveDraft(ctx);
  const goTo = useNavigateWithFlash();
  const [problem, setProblem] = useState<{ message: string; requestId: string | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  usePageTitle('Rating scales', problem !== null);
  const users = (scaleId: string) => numberedQuestions(def).filter((x) => x.q.scaleId === scaleId);
  const presets = PRESETS.filter((p) => !def.scales.some((s) => s.name === p.name));

  const addPreset = async (preset: (typeof PRESETS)[number]) => {
    if (pending) return;
    setPending(true);
    try {
      await save((d) => {
        d.scales.push({
          id: idFromLabel(
            preset.id,
            d.scales.map((s) => s.id),
            'scale',
          ),
          name: preset.name,
          options: preset.options.map((o) => ({ ...o })),
        });
        return d;
      });
      goTo({ to: scalesUrl(template.id), flash: `${preset.name} scale added`, replace: true });
    } catch (error) {
      setAttempt((n) => n + 1);
      const e = error instanceof ApiError ? error : null;
      setProblem({
        message: e?.isConflict
          ? 'Someone else changed this draft meanwhile. It now shows their changes; try again.'
          : e && !e.isServiceProblem
            ? e.message
            : 'Sorry, there is a problem with the service. Try again later.',
        requestId: e?.requestId ?? null,
      });
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <BackLink to={`/audit-tools/${template.id}/draft`}>Back to the draft</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      {problem ? <ActionProblem problem={problem} focusKey={attempt} /> : null}
      <span className="govuk-caption-l">
        {def.title}: draft version {draft.number}
      </span>
      <h1 className="govuk-heading-l">Rating scales</h1>
      <p className="govuk-body">
        Rating questions are answered on one of these scales. Each rating has a score; a “not applicable”
        rating needs a reason and is left out of scores.
      </p>
      {def.scales.length === 0 ? <p className="govuk-body">This template has no rating scales yet.</p> : null}
      {def.scales.map((scale) => {
        const used = users(scale.id);
        return (
          <div className="govuk-summary-card" key={scale.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h2 className="govuk-summary-card__title">{scale.name}</h2>
              <ul className="govuk-summary-card__actions">
                <li className="govuk-summary-card__action">
                  <Link className="govuk-link" to={scalesUrl(template.id, `/${scale.id}`)}>
                    Change<span className="govuk-visually-hidden"> {scale.name} scale</span>
                  </Link>
                </li>
                {used.length === 0 ? (
                  <li className="govuk-summary-card__action">
                    <Link className="govuk-link" to={scalesUrl(template.id, `/${scale.id}/remove`)}>
                      Remove<span className="govuk-visually-hidden"> {scale.name} scale</span>
                    </Link>
                  </li>
                ) : null}
              </ul>
            </div>
            <div className="govuk-summary-card__content">
              <Table
                caption={`Ratings of the ${scale.name} scale`}
                captionHidden
                rows={scale.options}
                rowKey={(o) => o.id}
                columns={[
                  { header: 'Rating', cell: (o) => <ColourTag colour={o.colour}>{o.label}</ColourTag> },
                  { header: 'Score', cell: (o) => (o.notApplicable ? 'Not scored' : String(o.score)) },
                  { header: 'Not applicable', cell: (o) => (o.notApplicable ? 'Yes' : 'No') },
                ]}
              />
              <p className="govuk-body govuk-!-margin-bottom-0">
                {used.length === 0
                  ? 'No question uses it yet.'
                  : `Used by question${used.length === 1 ? '' : 's'} ${used.map((x) => x.number).join(', ')}.`}
              </p>
            </div>
          </div>
        );
      })}
      <ButtonGroup>
        <ButtonLink to={scalesUrl(template.id, '/new')}>Add a rating scale</ButtonLink>
        {presets.map((p) => (
          <Button
            key={p.id}
            type="button"
            variant="secondary"
            pending={pending}
            onClick={() => void addPreset(p)}
          >
            Add the {p.name} scale
          </Button>
        ))}
      </ButtonGroup>
    </>
  );
}

type RatingRow = { id: string; label: string; score: string; colour: string; notApplicable: boolean };
type ScaleValues = { name: string; options: RatingRow[] };

const scaleValues = (s: TRatingScale): ScaleValues => ({
  name: s.name,
  options: s.options.map((o) => ({
    id: o.id,
    label: o.label,
    score: String(o.score),
    colour: o.colour,
    notApplicable: o.notApplicable === true,
  })),
});

const emptyRating = (): RatingRow => ({ id: '', label: '', score: '', colour: '', notApplicable: false });

export function ScalePage() {
  return <DraftLoaded>{(ctx) => <ScaleForm ctx={ctx} />}</DraftLoaded>;
}

function ScaleForm({ ctx }: { ctx: DraftContext }) {
  const { scaleId } = useParams();
  const def = ctx.draft.definition;
  const existing = scaleId ? def.scales.find((s) => s.id === scaleId) : undefined;
  const back = scalesUrl(ctx.template.id);
  const [newId] = useState(() => `scale-${Date.now().toString(36)}`);
  const targetId = existing?.id ?? newId;
  const form = useDraftForm<ScaleValues>(ctx, {
    title: existing ? `Change the ${existing.name} scale` : 'Add a rating scale',
    initial: existing ? scaleValues(existing) : { name: '', options: [emptyRating(), emptyRating()] },
    draftKey: `audit-draft:${ctx.draft.id}:scale:${scaleId ?? 'new'}`,
    validate: (v) => {
      const errors: Record<string, string> = {};
      v.options.forEach((o, i) => {
        if (!o.notApplicable && (o.score.trim() === '' || !Number.isFinite(Number(o.score)))) {
          errors[`rating-${i}-score`] = `Enter a score for rating ${i + 1} as a number, like 2`;
        }
        if (!o.colour) errors[`rating-${i}-colour`] = `Select a colour for rating ${i + 1}`;
      });
      return errors;
    },
    apply: (d, v) => {
      const taken: string[] = [];
      const options = v.options.map((o) => {
        const id = o.id || idFromLabel(o.label, taken, 'rating');
        taken.push(id);
        return {
          id,
          label: o.label,
          score: o.notApplicable && o.score.trim() === '' ? 0 : Number(o.score),
          colour: o.colour as TagColour,
          ...(o.notApplicable ? { notApplicable: true } : {}),
        };
      });
      const i = d.scales.findIndex((s) => s.id === targetId);
      if (i < 0 && existing) throw goneError('rating scale');
      const id = existing
        ? existing.id
        : idFromLabel(
            v.name,
            d.scales.map((s) => s.id),
            'scale',
          );
      const scale = { id, name: v.name, options };
      if (i < 0) d.scales.push(scale);
      else d.scales[i] = scale;
      return d;
    },
    mapPath: (p, sent) => {
      const m = /^scales\.(\d+)(?:\.(\w+))?(?:\.(\d+))?(?:\.(\w+))?/.exec(p);
      if (!m) return null;
      const scale = sent.scales[Number(m[1])];
      if (!scale || (existing ? scale.id !== existing.id : scale.name !== form.values.name)) return null;
      if (m[2] === 'options' && m[3] !== undefined) {
        const field = m[4] === 'score' ? 'score' : m[4] === 'colour' ? 'colour' : 'label';
        return `rating-${m[3]}-${field}`;
      }
      if (m[2] === 'options') return 'options';
      return 'name';
    },
    done: { to: back, flash: existing ? `${existing.name} scale saved` : 'Rating scale added' },
  });
  if (scaleId && !existing) {
    return (
      <>
        <BackLink to={back} />
        <h1 className="govuk-heading-l">This rating scale is not in the draft</h1>
      </>
    );
  }
  const v = form.values;
  const setRow = (i: number, change: Partial<RatingRow>) =>
    form.setValue(
      'options',
      v.options.map((o, j) => (j === i ? { ...o, ...change } : o)),
    );

  return (
    <DraftFormPage
      form={form}
      ctx={ctx}
      backTo={back}
      submitText={existing ? 'Save scale' : 'Add scale'}
      conflictFields={[{ name: 'name', label: 'Name' }]}
      valuesFrom={(d) => {
        const s = d.scales.find((x) => x.id === targetId);
        return s ? scaleValues(s) : null;
      }}
    >
      <TextInput {...form.field('name')} label="Name of the scale" hint="For example, RAG" width="20" />
      <div id="options" tabIndex={-1}>
        <ErrorMessage id="options">{form.errors.options}</ErrorMessage>
        {v.options.map((o, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Fieldset key={i} legend={`Rating ${i + 1}`} legendSize="s" className="govuk-!-margin-bottom-6">
            <TextInput
              id={`rating-${i}-label`}
              label="Label"
              value={o.label}
              error={form.errors[`rating-${i}-label`]}
              onChange={(label) => setRow(i, { label })}
              width="20"
            />
            <TextInput
              id={`rating-${i}-score`}
              label="Score"
              hint={
                o.notApplicable
                  ? 'Not applicable ratings are left out of scores'
                  : 'A number; higher is better'
              }
              value={o.score}
              error={form.errors[`rating-${i}-score`]}
              onChange={(score) => setRow(i, { score })}
              inputMode="decimal"
              width="4"
            />
            <Select
              id={`rating-${i}-colour`}
              label="Colour"
              placeholder="Select a colour"
              value={o.colour}
              error={form.errors[`rating-${i}-colour`]}
              onChange={(colour) => setRow(i, { colour })}
              options={TAG_COLOURS.map((c) => ({ value: c, text: COLOUR_LABELS[c] }))}
            />
            <SingleCheckbox
              id={`rating-${i}-na`}
              label="This is the “not applicable” rating (needs a reason; not scored)"
              checked={o.notApplicable}
              onChange={(notApplicable) => setRow(i, { notApplicable })}
            />
            {v.options.length > 1 ? (
              <button
                type="button"
                className="govuk-link app-link-button"
                onClick={() =>
                  form.setValue(
                    'options',
                    v.options.filter((_, j) => j !== i),
                  )
                }
              >
                Remove rating {i + 1}
              </button>
            ) : null}
          </Fieldset>
        ))}
        <Button
          type="button"
          variant="secondary"
          onClick={() => form.setValue('options', [...v.options, emptyRating()])}
        >
          Add another rating
        </Button>
      </div>
    </DraftFormPage>
  );
}

export function RemoveScalePage() {
  return <DraftLoaded>{(ctx) => <RemoveScale ctx={ctx} />}</DraftLoaded>;
}

function RemoveScale({ ctx }: { ctx: DraftContext }) {
  const { scaleId = '' } = useParams();
  const save = useSaveDraft(ctx);
  const def = ctx.draft.definition;
  const scale = def.scales.find((s) => s.id === scaleId);
  const back = scalesUrl(ctx.template.id);
  usePageTitle(scale ? null : 'This rating scale is not in the draft');
  if (!scale) {
    return (
      <>
        <BackLink to={back} />
        <h1 className="govuk-heading-l">This rating scale is not in the draft</h1>
      </>
    );
  }
  return (
    <ConfirmAction
      title={`Remove the ${scale.name} scale?`}
      caption={def.title}
      confirmText="Remove scale"
      cancelTo={back}
      onConfirm={() =>
        save((d) => {
          d.scales = d.scales.filter((s) => s.id !== scaleId);
          return d;
        })
      }
      done={{ to: back, flash: `${scale.name} scale removed` }}
    >
      <p className="govuk-body">No question in the draft uses it. Published versions keep it.</p>
    </ConfirmAction>
  );
}

// ---------------------------------------------------------------------------------------------
// Score bands

type BandRow = { label: string; min: string; max: string };
type BandValues = { bands: BandRow[] };

const bandValues = (def: TAuditTemplate): BandValues => ({
  bands: (def.bands ?? []).map((b) => ({
    label: b.label,
    min: String(b.minPercent),
    max: String(b.maxPercent),
  })),
});

const OFSTED_BANDS: BandRow[] = [
  { label: 'Inadequate', min: '0', max: '50' },
  { label: 'Requires improvement', min: '51', max: '70' },
  { label: 'Good', min: '71', max: '95' },
  { label: 'Outstanding', min: '96', max: '100' },
];

export function BandsPage() {
  return <DraftLoaded>{(ctx) => <BandsForm ctx={ctx} />}</DraftLoaded>;
}

const wholePercent = (s: string) => /^\d{1,3}$/.test(s.trim()) && Number(s) <= 100;

function BandsForm({ ctx }: { ctx: DraftContext }) {
  const back = `/audit-tools/${ctx.template.id}/draft`;
  const form = useDraftForm<BandValues>(ctx, {
    title: 'Score bands',
    initial: bandValues(ctx.draft.definition),
    draftKey: `audit-draft:${ctx.draft.id}:bands`,
    validate: (v) => {
      const errors: Record<string, string> = {};
      v.bands.forEach((b, i) => {
        if (!wholePercent(b.min))
          errors[`band-${i}-min`] = `Enter where band ${i + 1} starts as a whole percent from 0 to 100`;
        if (!wholePercent(b.max))
          errors[`band-${i}-max`] = `Enter where band ${i + 1} ends as a whole percent from 0 to 100`;
      });
      return errors;
    },
    apply: (d, v) => {
      const bands: TScoreBand[] = v.bands.map((b) => ({
        label: b.label,
        minPercent: Number(b.min),
        maxPercent: Number(b.max),
      }));
      if (bands.length) d.bands = bands;
      else delete d.bands;
      return d;
    },
    mapPath: (p) => {
      const m = /^bands(?:\.(\d+)(?:\.(\w+))?)?$/.exec(p);
      if (!m) return null;
      if (m[1] === undefined) return 'bands';
      const field = m[2] === 'minPercent' ? 'min' : m[2] === 'maxPercent' ? 'max' : 'label';
      return `band-${m[1]}-${field}`;
    },
    done: { to: back, flash: 'Score bands saved' },
  });
  const v = form.values;
  const setRow = (i: number, change: Partial<BandRow>) =>
    form.setValue(
      'bands',
      v.bands.map((b, j) => (j === i ? { ...b, ...change } : b)),
    );
  return (
    <DraftFormPage
      form={form}
      ctx={ctx}
      backTo={back}
      submitText="Save score bands"
      conflictFields={[]}
      valuesFrom={bandValues}
      intro={
        <>
          <p className="govuk-body">
            A completed audit’s rating score, as a percentage of the most it could score, is rounded to a
            whole percent and named by the band it falls in. Bands must cover 0% to 100% with no gaps or
            overlaps.
          </p>
          <p className="govuk-body">Remove every band if this template should not name a judgement.</p>
        </>
      }
    >
      <div id="bands" tabIndex={-1}>
        <ErrorMessage id="bands">{form.errors.bands}</ErrorMessage>
        {v.bands.length === 0 ? <p className="govuk-body">This template has no score bands.</p> : null}
        {v.bands.map((b, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place
          <Fieldset key={i} legend={`Band ${i + 1}`} legendSize="s" className="govuk-!-margin-bottom-6">
            <TextInput
              id={`band-${i}-label`}
              label="Judgement"
              hint="For example, Requires improvement"
              value={b.label}
              error={form.errors[`band-${i}-label`]}
              onChange={(label) => setRow(i, { label })}
              width="20"
            />
            <TextInput
              id={`band-${i}-min`}
              label="From (%)"
              value={b.min}
              error={form.errors[`band-${i}-min`]}
              onChange={(min) => setRow(i, { min })}
              inputMode="numeric"
              width="3"
            />
            <TextInput
              id={`band-${i}-max`}
              label="To (%)"
              value={b.max}
              error={form.errors[`band-${i}-max`]}
              onChange={(max) => setRow(i, { max })}
              inputMode="numeric"
              width="3"
            />
            <button
              type="button"
              className="govuk-link app-link-button"
              onClick={() =>
                form.setValue(
                  'bands',
                  v.bands.filter((_, j) => j !== i),
                )
              }
            >
              Remove band {i + 1}
            </button>
          </Fieldset>
        ))}
        <ButtonGroup>
          <Button
            type="button"
            variant="secondary"
            onClick={() => form.setValue('bands', [...v.bands, { label: '', min: '', max: '' }])}
          >
            Add a band
          </Button>
          {v.bands.length === 0 ? (
            <Button type="button" variant="secondary" onClick={() => form.setValue('bands', OFSTED_BANDS)}>
              Start from Ofsted-style bands
            </Button>
          ) : null}
        </ButtonGroup>
      </div>
    </DraftFormPage>
  );
}
