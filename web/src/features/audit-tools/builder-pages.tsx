import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { type TAuditTemplate, TEMPLATE_KINDS, type TemplateKind } from '../../../../contracts/audit-tools';
import { ApiError } from '../../app/api';
import { usePageTitle } from '../../app/page-title';
import { BackLink } from '../../components/back-link';
import { ButtonGroup, ButtonLink } from '../../components/button';
import { InsetText } from '../../components/inset-text';
import { NotificationBanner } from '../../components/notification-banner';
import { Radios } from '../../components/radios';
import { SummaryList } from '../../components/summary-list';
import { TextInput } from '../../components/text-input';
import { Textarea } from '../../components/textarea';
import { WarningText } from '../../components/warning-text';
import { ConfirmAction } from '../common/confirm-action';
import { useFlash } from '../common/flash';
import { ActionProblem } from '../common/form-feedback';
import {
  type DraftContext,
  DraftFormPage,
  DraftLoaded,
  goneError,
  useDraftForm,
  useSaveDraft,
} from './draft';
import { conditionInWords, KIND_LABELS, nextId, numberedQuestions, TYPE_LABELS } from './template-model';
import { questionRows } from './template-preview';

const draftUrl = (templateId: string, rest = '') => `/audit-tools/${templateId}/draft${rest}`;

/** Moves item `index` of a list one place up (-1) or down (+1). */
function moved<T>(list: T[], index: number, by: -1 | 1): T[] {
  const out = [...list];
  const [item] = out.splice(index, 1);
  out.splice(index + by, 0, item);
  return out;
}

// ---------------------------------------------------------------------------------------------
// The draft: sections and questions, with add, change, remove and move

export function DraftPage() {
  return <DraftLoaded>{(ctx) => <DraftOverview ctx={ctx} />}</DraftLoaded>;
}

type MoveTarget = { kind: 'section' | 'question'; id: string; by: -1 | 1 };

function DraftOverview({ ctx }: { ctx: DraftContext }) {
  const { template, draft } = ctx;
  const def = draft.definition;
  const flash = useFlash();
  const save = useSaveDraft(ctx);
  const [problem, setProblem] = useState<{ message: string; requestId: string | null } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  usePageTitle(`Edit draft version ${draft.number}`, problem !== null);
  const numbered = numberedQuestions(def);

  const move = async (target: MoveTarget) => {
    if (pending) return;
    setPending(true);
    setProblem(null);
    try {
      const saved = await save((d) => {
        if (target.kind === 'section') {
          const i = d.sections.findIndex((s) => s.id === target.id);
          if (i < 0) throw goneError('section');
          d.sections = moved(d.sections, i, target.by);
          return d;
        }
        const section = d.sections.find((s) => s.questions.some((q) => q.id === target.id));
        if (!section) throw goneError('question');
        const i = section.questions.findIndex((q) => q.id === target.id);
        section.questions = moved(section.questions, i, target.by);
        return d;
      });
      const after = saved.definition;
      if (target.kind === 'section') {
        const i = after.sections.findIndex((s) => s.id === target.id);
        setStatus(`Section moved ${target.by < 0 ? 'up' : 'down'}. It is now section ${i + 1}.`);
      } else {
        const n = numberedQuestions(after).find((x) => x.q.id === target.id)?.number;
        setStatus(`Question moved ${target.by < 0 ? 'up' : 'down'}. It is now question ${n}.`);
      }
      // Keep focus on the moved item's button, or its other one at the top or bottom of the list.
      requestAnimationFrame(() => {
        const same = document.getElementById(
          `move-${target.kind}-${target.id}-${target.by < 0 ? 'up' : 'down'}`,
        );
        const other = document.getElementById(
          `move-${target.kind}-${target.id}-${target.by < 0 ? 'down' : 'up'}`,
        );
        (same ?? other)?.focus();
      });
    } catch (error) {
      setAttempt((n) => n + 1);
      const e = error instanceof ApiError ? error : null;
      setProblem({
        message:
          e?.isConflict === true
            ? 'Someone else changed this draft while you were looking at it. It now shows their changes; check it and try again.'
            : e && !e.isServiceProblem
              ? e.message
              : 'Sorry, there is a problem with the service. Try again later.',
        requestId: e?.requestId ?? null,
      });
    } finally {
      setPending(false);
    }
  };

  /** "Move up" on screen; "Move question 3 up" to a screen reader. */
  const moveButton = (target: MoveTarget, n: number) => (
    <button
      type="button"
      id={`move-${target.kind}-${target.id}-${target.by < 0 ? 'up' : 'down'}`}
      className="govuk-link app-link-button"
      onClick={() => void move(target)}
      aria-disabled={pending ? 'true' : undefined}
    >
      Move
      <span className="govuk-visually-hidden">
        {' '}
        {target.kind} {n}
      </span>{' '}
      {target.by < 0 ? 'up' : 'down'}
    </button>
  );

  return (
    <>
      <BackLink to={`/audit-tools/${template.id}`}>{`Back to ${template.title}`}</BackLink>
      {flash ? <NotificationBanner type="success" heading={flash.heading} /> : null}
      {problem ? <ActionProblem problem={problem} focusKey={attempt} /> : null}
      <div className="govuk-visually-hidden" aria-live="polite">
        {status}
      </div>
      <span className="govuk-caption-l">{def.title}</span>
      <h1 className="govuk-heading-l">Edit draft version {draft.number}</h1>
      <p className="govuk-body">
        Every change is saved to the draft at once. Nobody can use the draft until it is published.
      </p>
      <SummaryList
        rows={[
          {
            key: 'Title',
            value: def.title,
            actions: [
              <Link key="c" className="govuk-link" to={draftUrl(template.id, '/details')}>
                Change<span className="govuk-visually-hidden"> title, kind and description</span>
              </Link>,
            ],
          },
          { key: 'Kind', value: KIND_LABELS[def.kind] },
          { key: 'Description', value: def.description || <span className="app-muted">None</span> },
          {
            key: 'Rating scales',
            value: def.scales.length ? def.scales.map((s) => s.name).join(', ') : 'None',
            actions: [
              <Link key="c" className="govuk-link" to={draftUrl(template.id, '/scales')}>
                Change<span className="govuk-visually-hidden"> rating scales</span>
              </Link>,
            ],
          },
          {
            key: 'Score bands',
            value: def.bands?.length
              ? [...def.bands]
                  .sort((a, b) => a.minPercent - b.minPercent)
                  .map((b) => `${b.label} (${b.minPercent}% to ${b.maxPercent}%)`)
                  .join(', ')
              : 'None',
            actions: [
              <Link key="c" className="govuk-link" to={draftUrl(template.id, '/bands')}>
                Change<span className="govuk-visually-hidden"> score bands</span>
              </Link>,
            ],
          },
        ]}
      />

      <h2 className="govuk-heading-m">Sections and questions</h2>
      {def.sections.map((s, si) => {
        const sn = si + 1;
        const qs = numbered.filter((x) => x.sectionIndex === si);
        const actions = [
          <Link key="change" className="govuk-link" to={draftUrl(template.id, `/sections/${s.id}`)}>
            Change<span className="govuk-visually-hidden"> section {sn}</span>
          </Link>,
          si > 0 ? moveButton({ kind: 'section', id: s.id, by: -1 }, sn) : null,
          si < def.sections.length - 1 ? moveButton({ kind: 'section', id: s.id, by: 1 }, sn) : null,
          def.sections.length > 1 ? (
            <Link key="remove" className="govuk-link" to={draftUrl(template.id, `/sections/${s.id}/remove`)}>
              Remove<span className="govuk-visually-hidden"> section {sn}</span>
            </Link>
          ) : null,
        ].filter(Boolean);
        return (
          <div className="govuk-summary-card" key={s.id}>
            <div className="govuk-summary-card__title-wrapper">
              <h3 className="govuk-summary-card__title">
                Section {sn}: {s.title}
              </h3>
              <ul className="govuk-summary-card__actions">
                {actions.map((a, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed set of actions
                  <li className="govuk-summary-card__action" key={i}>
                    {a}
                  </li>
                ))}
              </ul>
            </div>
            <div className="govuk-summary-card__content">
              {s.description ? <p className="govuk-body">{s.description}</p> : null}
              {qs.length === 0 ? <p className="govuk-body">No questions yet.</p> : null}
              {qs.length > 0 ? (
                <SummaryList
                  rows={qs.map(({ q, number, index }) => ({
                    key: (
                      <>
                        {number}. {q.text}
                      </>
                    ),
                    value: (
                      <>
                        {TYPE_LABELS[q.type]}
                        {q.required ? ', required' : ', optional'}
                        {q.showIf ? (
                          <>
                            <br />
                            <span className="govuk-hint govuk-!-margin-bottom-0">
                              Shown only if {conditionInWords(def, q.showIf)}
                            </span>
                          </>
                        ) : null}
                      </>
                    ),
                    actions: [
                      <Link key="c" className="govuk-link" to={draftUrl(template.id, `/questions/${q.id}`)}>
                        Change<span className="govuk-visually-hidden"> question {number}</span>
                      </Link>,
                      index > 0 ? moveButton({ kind: 'question', id: q.id, by: -1 }, number) : null,
                      index < s.questions.length - 1
                        ? moveButton({ kind: 'question', id: q.id, by: 1 }, number)
                        : null,
                      <Link
                        key="r"
                        className="govuk-link"
                        to={draftUrl(template.id, `/questions/${q.id}/remove`)}
                      >
                        Remove<span className="govuk-visually-hidden"> question {number}</span>
                      </Link>,
                    ].filter((x) => x !== null),
                  }))}
                />
              ) : null}
              <p className="govuk-body govuk-!-margin-bottom-0">
                <Link
                  className="govuk-link"
                  to={draftUrl(template.id, `/questions/new?section=${encodeURIComponent(s.id)}`)}
                >
                  Add a question to section {sn}
                </Link>
              </p>
            </div>
          </div>
        );
      })}
      <ButtonGroup>
        <ButtonLink to={draftUrl(template.id, '/sections/new')} variant="secondary">
          Add a section
        </ButtonLink>
      </ButtonGroup>

      <h2 className="govuk-heading-m">When the draft is ready</h2>
      <ButtonGroup>
        <ButtonLink to={draftUrl(template.id, '/publish')}>Publish version {draft.number}</ButtonLink>
        <Link className="govuk-link" to={`/audit-tools/${template.id}/versions/${draft.id}`}>
          Preview the draft
        </Link>
      </ButtonGroup>
    </>
  );
}

// ---------------------------------------------------------------------------------------------
// Title, kind and description

type DetailsValues = { title: string; kind: string; description: string };

export function DraftDetailsPage() {
  return <DraftLoaded>{(ctx) => <DetailsForm ctx={ctx} />}</DraftLoaded>;
}

const detailsOf = (def: TAuditTemplate): DetailsValues => ({
  title: def.title,
  kind: def.kind,
  description: def.description ?? '',
});

function DetailsForm({ ctx }: { ctx: DraftContext }) {
  const id = ctx.template.id;
  const form = useDraftForm<DetailsValues>(ctx, {
    title: 'Title, kind and description',
    initial: detailsOf(ctx.draft.definition),
    draftKey: `audit-draft:${ctx.draft.id}:details`,
    apply: (def, v) => {
      def.title = v.title;
      def.kind = v.kind as TemplateKind;
      if (v.description.trim()) def.description = v.description;
      else delete def.description;
      return def;
    },
    mapPath: (p) => (['title', 'kind', 'description'].includes(p) ? p : null),
    done: { to: draftUrl(id), flash: 'Title, kind and description saved' },
  });
  return (
    <DraftFormPage
      form={form}
      ctx={ctx}
      backTo={draftUrl(id)}
      submitText="Save"
      conflictFields={[
        { name: 'title', label: 'Title' },
        { name: 'kind', label: 'Kind', show: (v) => KIND_LABELS[v as TemplateKind] ?? String(v) },
        { name: 'description', label: 'Description' },
      ]}
      valuesFrom={detailsOf}
      intro={
        <p className="govuk-body">The template takes this title and kind when the draft is published.</p>
      }
    >
      <TextInput {...form.field('title')} label="Title" spellCheck />
      <Radios
        {...form.field('kind')}
        legend="Kind of audit tool"
        legendSize="s"
        items={TEMPLATE_KINDS.map((k) => ({ value: k, text: KIND_LABELS[k] }))}
      />
      <Textarea {...form.field('description')} label="Description (optional)" spellCheck />
    </DraftFormPage>
  );
}

// ---------------------------------------------------------------------------------------------
// Sections

type SectionValues = { title: string; description: string };

export function SectionPage() {
  return <DraftLoaded>{(ctx) => <SectionForm ctx={ctx} />}</DraftLoaded>;
}

function SectionForm({ ctx }: { ctx: DraftContext }) {
  const { sectionId } = useParams();
  const id = ctx.template.id;
  const def = ctx.draft.definition;
  const existing = sectionId ? def.sections.find((s) => s.id === sectionId) : undefined;
  // A new section's id, fixed when the form opens.
  const [newId] = useState(() =>
    nextId(
      's',
      def.sections.map((s) => s.id),
    ),
  );
  const targetId = existing?.id ?? newId;
  const form = useDraftForm<SectionValues>(ctx, {
    title: existing ? 'Change section' : 'Add a section',
    initial: { title: existing?.title ?? '', description: existing?.description ?? '' },
    draftKey: `audit-draft:${ctx.draft.id}:section:${sectionId ?? 'new'}`,
    apply: (d, v) => {
      let s = d.sections.find((x) => x.id === targetId);
      if (!s) {
        if (existing) throw goneError('section');
        s = { id: targetId, title: '', questions: [] };
        d.sections.push(s);
      }
      s.title = v.title;
      if (v.description.trim()) s.description = v.description;
      else delete s.description;
      return d;
    },
    mapPath: (p, sent) => {
      const m = /^sections\.(\d+)\.(title|description|id)$/.exec(p);
      if (!m || sent.sections[Number(m[1])]?.id !== targetId) return null;
      return m[2] === 'id' ? 'title' : m[2];
    },
    done: { to: draftUrl(id), flash: existing ? 'Section saved' : 'Section added' },
  });
  if (sectionId && !existing) return <Gone what="section" templateId={id} />;
  return (
    <DraftFormPage
      form={form}
      ctx={ctx}
      backTo={draftUrl(id)}
      submitText={existing ? 'Save section' : 'Add section'}
      conflictFields={[
        { name: 'title', label: 'Title' },
        { name: 'description', label: 'Description' },
      ]}
      valuesFrom={(d) => {
        const s = d.sections.find((x) => x.id === targetId);
        return s ? { title: s.title, description: s.description ?? '' } : null;
      }}
    >
      <TextInput
        {...form.field('title')}
        label="Section title"
        hint="For example, The child’s lived experience"
        spellCheck
      />
      <Textarea
        {...form.field('description')}
        label="Description (optional)"
        hint="Shown to the people completing the audit, above the section’s questions"
        spellCheck
      />
    </DraftFormPage>
  );
}

function Gone({ what, templateId }: { what: string; templateId: string }) {
  usePageTitle(`This ${what} is not in the draft`);
  return (
    <>
      <BackLink to={draftUrl(templateId)}>Back to the draft</BackLink>
      <h1 className="govuk-heading-l">This {what} is not in the draft</h1>
      <p className="govuk-body">It may have been removed. Go back to the draft to see it as it is now.</p>
    </>
  );
}

export function RemoveSectionPage() {
  return <DraftLoaded>{(ctx) => <RemoveSection ctx={ctx} />}</DraftLoaded>;
}

function RemoveSection({ ctx }: { ctx: DraftContext }) {
  const { sectionId = '' } = useParams();
  const save = useSaveDraft(ctx);
  const id = ctx.template.id;
  const def = ctx.draft.definition;
  const si = def.sections.findIndex((s) => s.id === sectionId);
  if (si < 0) return <Gone what="section" templateId={id} />;
  const section = def.sections[si];
  return (
    <ConfirmAction
      title={`Remove section ${si + 1}: ${section.title}?`}
      caption={def.title}
      confirmText="Remove section"
      cancelTo={draftUrl(id)}
      onConfirm={() =>
        save((d) => {
          d.sections = d.sections.filter((s) => s.id !== sectionId);
          return d;
        })
      }
      done={{ to: draftUrl(id), flash: `Section ${si + 1} removed` }}
    >
      {section.questions.length > 0 ? (
        <p className="govuk-body">
          Its {section.questions.length === 1 ? 'question is' : `${section.questions.length} questions are`}{' '}
          removed with it. A later question that is shown only after one of them is answered must be changed
          first.
        </p>
      ) : (
        <p className="govuk-body">It has no questions.</p>
      )}
      <p className="govuk-body">Published versions keep it.</p>
    </ConfirmAction>
  );
}

export function RemoveQuestionPage() {
  return <DraftLoaded>{(ctx) => <RemoveQuestion ctx={ctx} />}</DraftLoaded>;
}

function RemoveQuestion({ ctx }: { ctx: DraftContext }) {
  const { questionId = '' } = useParams();
  const save = useSaveDraft(ctx);
  const id = ctx.template.id;
  const def = ctx.draft.definition;
  const found = numberedQuestions(def).find((x) => x.q.id === questionId);
  if (!found) return <Gone what="question" templateId={id} />;
  const dependants = numberedQuestions(def).filter(
    (x) => x.q.showIf && JSON.stringify(x.q.showIf).includes(`"questionId":${JSON.stringify(questionId)}`),
  );
  return (
    <ConfirmAction
      title={`Remove question ${found.number}?`}
      caption={def.title}
      confirmText="Remove question"
      cancelTo={draftUrl(id)}
      onConfirm={() =>
        save((d) => {
          for (const s of d.sections) s.questions = s.questions.filter((q) => q.id !== questionId);
          return d;
        })
      }
      done={{ to: draftUrl(id), flash: `Question ${found.number} removed` }}
    >
      <InsetText>{found.q.text}</InsetText>
      <SummaryList rows={questionRows(def, found.q).slice(0, 2)} />
      {dependants.length > 0 ? (
        <WarningText>
          {dependants.length === 1 ? 'Question' : 'Questions'} {dependants.map((x) => x.number).join(', ')}{' '}
          {dependants.length === 1 ? 'is' : 'are'} shown only depending on this one. Change{' '}
          {dependants.length === 1 ? 'its' : 'their'} show-only-if condition before removing it.
        </WarningText>
      ) : null}
      <p className="govuk-body">Published versions keep it.</p>
    </ConfirmAction>
  );
}
