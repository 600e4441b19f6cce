import { Link, useSearchParams } from 'react-router';
import { plural } from '../../app/format';
import { safeReturnTo } from '../../app/idle-timeout';
import { usePageTitle } from '../../app/page-title';

export function SignedOutPage() {
  const [params] = useSearchParams();
  const reason = params.get('reason');
  const minutes = Number(params.get('minutes'));
  const returnTo = safeReturnTo(params.get('returnTo'));
  usePageTitle('You have been signed out');
  const signInHref = returnTo ? `/sign-in?returnTo=${encodeURIComponent(returnTo)}` : '/sign-in';

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You have been signed out</h1>
        {reason === 'timeout' ? (
          <p className="govuk-body">
            We signed you out because you had not used Assure for{' '}
            {Number.isFinite(minutes) && minutes > 0 ? plural(minutes, 'minute') : 'a while'}.
          </p>
        ) : null}
        {reason === 'expired' ? (
          <p className="govuk-body">
            We signed you out because you had been signed in for the longest time we allow.
          </p>
        ) : null}
        {reason ? (
          <p className="govuk-body">
            Anything you had typed but not saved is kept in this browser tab. Sign in again and go back to the
            page to find it.
          </p>
        ) : null}
        <p className="govuk-body">
          <Link to={signInHref} className="govuk-button" role="button" draggable={false}>
            Sign in again
          </Link>
        </p>
        <p className="govuk-body">
          If you are using a shared computer, close the browser when you have finished.
        </p>
      </div>
    </div>
  );
}
