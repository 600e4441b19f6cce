import { type FormEvent, type ReactNode, useState } from 'react';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { SkipLink } from '../components/skip-link';
import { ServiceProblemPage } from './error-pages';
import { IdleTimeout } from './idle-timeout';
import { usePageTitle } from './page-title';
import { useSession } from './session';

function Header({ children }: { children?: ReactNode }) {
  return (
    <div className="govuk-generic-header app-header">
      <div className="govuk-generic-header__container govuk-width-container app-header__container">
        <div className="govuk-generic-header__logo">
          <Link to="/" className="govuk-generic-header__homepage-link">
            Assure
          </Link>
        </div>
        {children}
      </div>
    </div>
  );
}

function Footer() {
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/api/docs">
                  API documentation
                </a>
              </li>
            </ul>
            <p className="govuk-body-s app-footer__text">
              Assure: quality assurance for safeguarding partnerships.
            </p>
          </div>
        </div>
      </div>
    </footer>
  );
}

function Main({ children }: { children: ReactNode }) {
  return (
    <div className="app-main">
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper" id="main-content">
          {children}
        </main>
      </div>
    </div>
  );
}

/** Pages anyone can reach: sign in, password reset, invitations, signed out. */
export function PublicLayout() {
  return (
    <>
      <SkipLink />
      <header className="govuk-template__header">
        <Header />
      </header>
      <Main>
        <Outlet />
      </Main>
      <Footer />
    </>
  );
}

function PartnershipSwitcher() {
  const { session, currentPartnership, switchPartnership } = useSession();
  const navigate = useNavigate();
  const [choice, setChoice] = useState(currentPartnership?.id ?? '');
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  if (!session || session.partnerships.length < 2) return null;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || choice === currentPartnership?.id) return;
    setPending(true);
    setFailed(false);
    try {
      await switchPartnership(choice);
      const name = session.partnerships.find((p) => p.id === choice)?.name ?? 'the partnership';
      // My work shows this as a success banner (see features/common/flash.ts).
      navigate('/', { state: { flash: { heading: `You are now working in ${name}` } } });
    } catch {
      setFailed(true);
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="app-partnership-switcher" onSubmit={onSubmit} noValidate>
      <label className="govuk-label app-partnership-switcher__label" htmlFor="switch-partnership">
        Switch partnership
      </label>
      <div className="app-partnership-switcher__controls">
        <select
          className="govuk-select app-partnership-switcher__select"
          id="switch-partnership"
          name="partnershipId"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          aria-describedby={failed ? 'switch-partnership-error' : undefined}
        >
          {session.partnerships.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
        <button
          type="submit"
          className="govuk-button govuk-button--secondary app-partnership-switcher__button"
          disabled={pending}
          aria-disabled={pending ? 'true' : undefined}
        >
          Switch
        </button>
      </div>
      {failed ? (
        <p
          className="govuk-error-message app-partnership-switcher__error"
          id="switch-partnership-error"
          role="alert"
        >
          <span className="govuk-visually-hidden">Error:</span> Could not switch partnership. Try again.
        </p>
      ) : null}
    </form>
  );
}

function ServiceNavigation() {
  const { currentPartnership, isAdmin, canSeeAuditLog, isServiceAdmin, roles } = useSession();
  // The register's detail is for the people its policy lets open it (recommendations.policy.ts: admins,
  // the QA group, scrutineers, the case review group and agency leads); board viewers see its summary.
  const canSeeRegister = roles.some((r) =>
    [
      'partnership_admin',
      'qa_group_member',
      'independent_scrutineer',
      'case_review_group_member',
      'agency_lead',
    ].includes(r),
  );
  // Case files are for the case review group; someone named on one reaches it from My work (a rapid review
  // step they own) or the link they were sent, so the menu does not ask the server (each list is audited).
  const canSeeCaseReviews = roles.includes('case_review_group_member');
  const { pathname } = useLocation();
  const items = [
    ...(currentPartnership
      ? [
          { to: '/', text: 'My work', active: pathname === '/' },
          {
            to: '/responses',
            text: 'Forms',
            active: pathname.startsWith('/responses') || pathname.startsWith('/requests'),
          },
          { to: '/programme', text: 'Programme', active: pathname.startsWith('/programme') },
          ...(canSeeRegister
            ? [{ to: '/register', text: 'Register', active: pathname.startsWith('/register') }]
            : []),
          ...(canSeeCaseReviews
            ? [{ to: '/case-reviews', text: 'Case reviews', active: pathname.startsWith('/case-reviews') }]
            : []),
          { to: '/audit-tools', text: 'Audit tools', active: pathname.startsWith('/audit-tools') },
        ]
      : []),
    ...(isAdmin ? [{ to: '/admin', text: 'Admin', active: pathname.startsWith('/admin') }] : []),
    ...(canSeeAuditLog
      ? [{ to: '/audit-log', text: 'Audit log', active: pathname.startsWith('/audit-log') }]
      : []),
    ...(isServiceAdmin
      ? [{ to: '/service/partnerships', text: 'Service admin', active: pathname.startsWith('/service') }]
      : []),
  ];
  return (
    <section aria-label="Service information" className="govuk-service-navigation">
      <div className="govuk-width-container govuk-service-navigation__inlining-container">
        <div className="govuk-service-navigation__container">
          {currentPartnership ? (
            <span className="govuk-service-navigation__service-name">
              <span className="govuk-service-navigation__text">
                <span className="govuk-visually-hidden">Partnership: </span>
                {currentPartnership.name}
              </span>
            </span>
          ) : null}
          <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
            <ul className="govuk-service-navigation__list" id="navigation">
              {items.map((item) => (
                <li
                  key={item.to}
                  className={
                    item.active
                      ? 'govuk-service-navigation__item govuk-service-navigation__item--active'
                      : 'govuk-service-navigation__item'
                  }
                >
                  <Link
                    className="govuk-service-navigation__link"
                    to={item.to}
                    aria-current={item.active ? (pathname === item.to ? 'page' : 'true') : undefined}
                  >
                    {item.active ? (
                      <strong className="govuk-service-navigation__active-fallback">{item.text}</strong>
                    ) : (
                      item.text
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <PartnershipSwitcher />
      </div>
    </section>
  );
}

function NoPartnershipPage() {
  const { isServiceAdmin } = useSession();
  usePageTitle('You are not part of a partnership yet');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">You are not part of a partnership yet</h1>
        <p className="govuk-body">
          Your account works, but no partnership has given you a role. Ask your partnership admin to invite
          you.
        </p>
        {isServiceAdmin ? (
          <p className="govuk-body">
            As a service admin you can <Link to="/service/partnerships">create and manage partnerships</Link>.
          </p>
        ) : null}
      </div>
    </div>
  );
}

/** Every signed-in page: header with account controls, service navigation, timeout warning. */
export function SignedInLayout() {
  const { session, error, currentPartnership, isServiceAdmin, signOut } = useSession();
  const location = useLocation();
  // The service admin area belongs to no partnership.
  const outsidePartnership = isServiceAdmin && location.pathname.startsWith('/service/');
  const navigate = useNavigate();

  if (session === undefined) {
    if (error) {
      return (
        <>
          <SkipLink />
          <header className="govuk-template__header">
            <Header />
          </header>
          <Main>
            <ServiceProblemPage />
          </Main>
          <Footer />
        </>
      );
    }
    return (
      <Main>
        <p className="govuk-body" role="status">
          Loading Assure…
        </p>
      </Main>
    );
  }
  if (session === null) {
    const returnTo = `${location.pathname}${location.search}`;
    const query = returnTo === '/' ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
    return <Navigate to={`/sign-in${query}`} replace />;
  }

  const onSignOut = async () => {
    navigate('/signed-out', { replace: true });
    await signOut();
  };

  return (
    <>
      <SkipLink />
      <header className="govuk-template__header">
        <Header>
          <div className="app-header__account">
            <span className="app-header__person">
              <span className="govuk-visually-hidden">Signed in as </span>
              {session.person.name}
            </span>
            <button type="button" className="app-header__sign-out" onClick={() => void onSignOut()}>
              Sign out
            </button>
          </div>
        </Header>
        <ServiceNavigation />
      </header>
      <Main>
        {currentPartnership || outsidePartnership ? (
          <Outlet />
        ) : isServiceAdmin && location.pathname === '/' ? (
          <Navigate to="/service/partnerships" replace />
        ) : (
          <NoPartnershipPage />
        )}
      </Main>
      <Footer />
      <IdleTimeout session={session} />
    </>
  );
}
