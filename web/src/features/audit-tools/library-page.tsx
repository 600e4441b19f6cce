import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import type { TemplateKind } from '../../../../contracts/audit-tools';
import { api } from '../../app/api';
import { NotFoundPage } from '../../app/error-pages';
import { plural } from '../../app/format';
import { usePageTitle } from '../../app/page-title';
import { usePartnership } from '../../app/session';
import { BackLink } from '../../components/back-link';
import { ButtonLink } from '../../components/button';
import { Details } from '../../components/details';
import { SummaryList } from '../../components/summary-list';
import { ConfirmAction } from '../common/confirm-action';
import { useNavigateWithFlash } from '../common/flash';
import { Loaded } from '../common/loaded';
import { useRefresh } from '../common/queries';
import { RESOURCE } from './draft';
import { KIND_LABELS, type TemplateDetail } from './template-model';

// The starter library (GET/POST .../audit-templates/library): templates written from the public
// standards that a partnership copies into its own audit tools as a draft, then adapts and publishes.

type Starter = {
  id: string;
  title: string;
  kind: TemplateKind;
  description: string;
  sections: number;
  questions: number;
  sectionTitles: string[];
};
type StarterList = { items: Starter[]; allowedVerbs: string[] };

function useStarters() {
  const { partnershipId, path } = usePartnership();
  return useQuery({
    queryKey: [partnershipId, RESOURCE, 'library'],
    queryFn: () => api.get<StarterList>(path(`${RESOURCE}/library`)),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

const size = (s: Starter) => `${plural(s.sections, 'section')}, ${plural(s.questions, 'question')}`;

function StarterCoverage({ starter }: { starter: Starter }) {
  return (
    <Details
      summary={
        <>
          What it covers<span className="govuk-visually-hidden"> – {starter.title}</span>
        </>
      }
    >
      <ol className="govuk-list govuk-list--number">
        {starter.sectionTitles.map((title) => (
          <li key={title}>{title}</li>
        ))}
      </ol>
    </Details>
  );
}

/** Lists the starters, each with what it is for, its size and a way to add it. */
export function StarterLibraryPage() {
  const query = useStarters();
  return (
    <Loaded query={query} what="starter library">
      {(library) => <StarterList library={library} />}
    </Loaded>
  );
}

function StarterList({ library }: { library: StarterList }) {
  usePageTitle('Starter library');
  const canAdd = library.allowedVerbs.includes('write');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink to="/audit-tools">Back to audit tools</BackLink>
        <span className="govuk-caption-l">Audit tools</span>
        <h1 className="govuk-heading-l">Starter library</h1>
        <p className="govuk-body">
          Ready-made audit tools written from the national standards and guidance. Adding one makes your own
          copy as a draft: change anything you need to, then publish it. Your copy is yours; later changes to
          the library do not alter it.
        </p>
        {library.items.map((starter) => (
          <section
            key={starter.id}
            className="govuk-!-margin-bottom-8"
            aria-labelledby={`starter-${starter.id}`}
          >
            <h2 className="govuk-heading-m govuk-!-margin-bottom-2" id={`starter-${starter.id}`}>
              {starter.title}
            </h2>
            <p className="govuk-body-s app-muted govuk-!-margin-bottom-2">
              {KIND_LABELS[starter.kind]} · {size(starter)}
            </p>
            <p className="govuk-body">{starter.description}</p>
            <StarterCoverage starter={starter} />
            {canAdd ? (
              <ButtonLink to={`/audit-tools/library/${starter.id}/add`} variant="secondary">
                Add to our templates<span className="govuk-visually-hidden"> – {starter.title}</span>
              </ButtonLink>
            ) : null}
          </section>
        ))}
      </div>
    </div>
  );
}

/** Confirms adding one starter, then adds it and goes to the new template's page. */
export function AddStarterPage() {
  const query = useStarters();
  const { starterId = '' } = useParams();
  return (
    <Loaded query={query} what="starter library">
      {(library) => {
        const starter = library.items.find((s) => s.id === starterId);
        if (!starter) return <NotFoundPage />;
        return <AddStarter starter={starter} />;
      }}
    </Loaded>
  );
}

function AddStarter({ starter }: { starter: Starter }) {
  const { path } = usePartnership();
  const refresh = useRefresh(RESOURCE);
  const goTo = useNavigateWithFlash();
  return (
    <ConfirmAction
      title={`Add ${starter.title} to your audit tools?`}
      caption="Starter library"
      confirmText="Add to our templates"
      warning={false}
      cancelTo="/audit-tools/library"
      onConfirm={async () => {
        const created = await api.post<TemplateDetail>(path(`${RESOURCE}/library/${starter.id}`));
        await refresh();
        goTo({
          to: `/audit-tools/${created.id}`,
          flash: `${starter.title} added to your audit tools as a draft`,
        });
      }}
    >
      <SummaryList
        rows={[
          { key: 'Kind', value: KIND_LABELS[starter.kind] },
          { key: 'Size', value: size(starter) },
          { key: 'When to use it', value: starter.description },
        ]}
      />
      <p className="govuk-body">This makes a new audit tool in your partnership with:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>the starter’s sections, questions, rating scales and score bands, as version 1</li>
        <li>that version as a draft, which you can change before you publish it</li>
      </ul>
      <p className="govuk-body">
        Nothing is sent to anyone, and you can deactivate the audit tool later if you do not use it.
      </p>
      <StarterCoverage starter={starter} />
    </ConfirmAction>
  );
}
