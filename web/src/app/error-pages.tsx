import { Link } from 'react-router';
import { ApiError } from './api';
import { usePageTitle } from './page-title';

export function NotFoundPage({ message }: { message?: string }) {
  usePageTitle('Page not found');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Page not found</h1>
        {message && message !== 'This page could not be found' ? (
          <p className="govuk-body">{message}</p>
        ) : null}
        <p className="govuk-body">If you typed the web address, check it is correct.</p>
        <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
        <p className="govuk-body">
          You can go to{' '}
          <Link to="/" className="govuk-link">
            your work
          </Link>
          .
        </p>
      </div>
    </div>
  );
}

export function ForbiddenPage() {
  usePageTitle('You do not have permission to see this page');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You do not have permission to see this page</h1>
        <p className="govuk-body">
          If you think you should be able to, ask your partnership admin to check your role.
        </p>
        <p className="govuk-body">
          <Link to="/" className="govuk-link">
            Go to your work
          </Link>
        </p>
      </div>
    </div>
  );
}

export function ServiceProblemPage({ requestId }: { requestId?: string | null }) {
  usePageTitle('Sorry, there is a problem with the service');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Sorry, there is a problem with the service</h1>
        <p className="govuk-body">Try again later.</p>
        {requestId ? (
          <p className="govuk-body">
            If you contact your partnership admin or the Assure support team about this, give them the
            reference <strong className="app-reference">{requestId}</strong>.
          </p>
        ) : null}
        <p className="govuk-body">Nothing you have saved has been lost.</p>
      </div>
    </div>
  );
}

/** The whole-page answer to a failed load: not found, forbidden, or a service problem. */
export function LoadError({ error }: { error: unknown }) {
  if (error instanceof ApiError) {
    if (error.isNotFound) return <NotFoundPage message={error.message} />;
    if (error.status === 403) return <ForbiddenPage />;
    if (error.isUnauthenticated) return <Loading />;
    if (error.status === 0) return <ServiceProblemPage />;
    return <ServiceProblemPage requestId={error.requestId} />;
  }
  return <ServiceProblemPage />;
}

/** Shown while a page's data loads; the page title waits until the real heading is there. */
export function Loading({ what = 'page' }: { what?: string }) {
  return (
    <p className="govuk-body" role="status" aria-live="polite">
      Loading the {what}…
    </p>
  );
}

/** A failed load inside a page that otherwise works (a list of options, a search); no title change. */
export function InlineLoadError({ error, what }: { error: unknown; what: string }) {
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <div className="govuk-inset-text app-inline-error" role="alert">
      <p className="govuk-body">Sorry, we could not load {what}. Try again later.</p>
      {requestId ? (
        <p className="govuk-body">
          Reference: <strong className="app-reference">{requestId}</strong>
        </p>
      ) : null}
    </div>
  );
}
