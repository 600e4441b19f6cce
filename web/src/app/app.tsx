import { createBrowserRouter, Outlet, RouterProvider, useRouteError } from 'react-router';
import { AdminIndexPage } from '../features/admin/admin-index-page';
import { AddExistingAgencyPage, AgenciesPage, NewAgencyPage } from '../features/agencies/agency-list-pages';
import {
  AgencyPage,
  DeactivateAgencyPage,
  EditAgencyPage,
  EditSectionPage,
  NewSectionPage,
} from '../features/agencies/agency-pages';
import { AuditLogPage } from '../features/audit-log/audit-log-page';
import { auditToolRoutes } from '../features/audit-tools/routes';
import { ForgottenPasswordPage } from '../features/auth/forgotten-password-page';
import { InvitationPage } from '../features/auth/invitation-page';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { SignedOutPage } from '../features/auth/signed-out-page';
import { caseReviewRoutes } from '../features/case-reviews/routes';
import {
  DeactivateGroupPage,
  EditGroupPage,
  GroupMemberPage,
  GroupPage,
  GroupsPage,
  NewGroupPage,
  RemoveGroupMemberPage,
} from '../features/governance/group-pages';
import {
  DeactivateInstallationPartnershipPage,
  InstallationPartnershipsPage,
  NewInstallationPartnershipPage,
  ReactivateInstallationPartnershipPage,
} from '../features/installation/installation-pages';
import {
  InvitationsPage,
  NewInvitationPage,
  RevokeInvitationPage,
} from '../features/invitations/invitation-pages';
import { MyWorkPage } from '../features/my-work/my-work-page';
import { notificationRoutes } from '../features/notifications/routes';
import { OutboxPage } from '../features/outbox/outbox-page';
import { EditPartnershipPage, PartnershipPage } from '../features/partnership/partnership-pages';
import {
  DeactivatePersonPage,
  EditPersonPage,
  PeoplePage,
  PersonPage,
  RemoveRolePage,
} from '../features/people/people-pages';
import {
  DeactivatePriorityPage,
  EditPriorityPage,
  NewPriorityPage,
  PrioritiesPage,
} from '../features/priorities/priority-pages';
import { programmeRoutes } from '../features/programme/routes';
import { registerRoutes } from '../features/register/routes';
import { responseRoutes } from '../features/responses/routes';
import { ForbiddenPage, NotFoundPage, ServiceProblemPage } from './error-pages';
import { PublicLayout, SignedInLayout } from './layout';
import { Providers } from './providers';
import { useSession } from './session';

/** Admin pages for partnership admins; the audit log also for independent scrutineers. The server enforces both. */
function RequireAdmin() {
  const { isAdmin } = useSession();
  return isAdmin ? <Outlet /> : <ForbiddenPage />;
}

function RequireServiceAdmin() {
  const { isServiceAdmin } = useSession();
  return isServiceAdmin ? <Outlet /> : <NotFoundPage />;
}

function RequireAuditLogAccess() {
  const { canSeeAuditLog } = useSession();
  return canSeeAuditLog ? <Outlet /> : <ForbiddenPage />;
}

/** A render error must not leave a blank page. */
function CrashPage() {
  const error = useRouteError();
  console.error(error);
  return (
    <div className="govuk-width-container">
      <main className="govuk-main-wrapper" id="main-content">
        <ServiceProblemPage />
      </main>
    </div>
  );
}

const router = createBrowserRouter([
  {
    errorElement: <CrashPage />,
    children: [
      {
        element: <PublicLayout />,
        children: [
          { path: '/sign-in', element: <SignInPage /> },
          { path: '/forgotten-password', element: <ForgottenPasswordPage /> },
          { path: '/reset-password/:token', element: <ResetPasswordPage /> },
          { path: '/invitation/:token', element: <InvitationPage /> },
          { path: '/signed-out', element: <SignedOutPage /> },
        ],
      },
      {
        element: <SignedInLayout />,
        children: [
          { path: '/', element: <MyWorkPage /> },
          ...programmeRoutes,
          ...auditToolRoutes,
          ...responseRoutes,
          ...notificationRoutes,
          ...registerRoutes,
          ...caseReviewRoutes,
          {
            path: '/service/partnerships',
            element: <RequireServiceAdmin />,
            children: [
              { index: true, element: <InstallationPartnershipsPage /> },
              { path: 'new', element: <NewInstallationPartnershipPage /> },
              { path: ':id/deactivate', element: <DeactivateInstallationPartnershipPage /> },
              { path: ':id/reactivate', element: <ReactivateInstallationPartnershipPage /> },
            ],
          },
          // An agency lead may look after their own agency's sections (the server decides; pages
          // follow allowedVerbs), so these three are open to any member.
          { path: '/admin/agencies/:agencyId', element: <AgencyPage /> },
          { path: '/admin/agencies/:agencyId/sections/new', element: <NewSectionPage /> },
          { path: '/admin/agencies/:agencyId/sections/:sectionId/edit', element: <EditSectionPage /> },
          {
            path: '/admin',
            element: <RequireAdmin />,
            children: [
              { index: true, element: <AdminIndexPage /> },
              { path: 'partnership', element: <PartnershipPage /> },
              { path: 'partnership/edit', element: <EditPartnershipPage /> },
              { path: 'agencies', element: <AgenciesPage /> },
              { path: 'agencies/new', element: <NewAgencyPage /> },
              { path: 'agencies/add-existing', element: <AddExistingAgencyPage /> },
              { path: 'agencies/:agencyId/edit', element: <EditAgencyPage /> },
              { path: 'agencies/:agencyId/deactivate', element: <DeactivateAgencyPage /> },
              { path: 'people', element: <PeoplePage /> },
              { path: 'people/:personId', element: <PersonPage /> },
              { path: 'people/:personId/edit', element: <EditPersonPage /> },
              { path: 'people/:personId/deactivate', element: <DeactivatePersonPage /> },
              { path: 'people/:personId/roles/:membershipId/remove', element: <RemoveRolePage /> },
              { path: 'invitations', element: <InvitationsPage /> },
              { path: 'invitations/new', element: <NewInvitationPage /> },
              { path: 'invitations/:invitationId/revoke', element: <RevokeInvitationPage /> },
              { path: 'priorities', element: <PrioritiesPage /> },
              { path: 'priorities/new', element: <NewPriorityPage /> },
              { path: 'priorities/:priorityId/edit', element: <EditPriorityPage /> },
              { path: 'priorities/:priorityId/deactivate', element: <DeactivatePriorityPage /> },
              { path: 'groups', element: <GroupsPage /> },
              { path: 'groups/new', element: <NewGroupPage /> },
              { path: 'groups/:groupId', element: <GroupPage /> },
              { path: 'groups/:groupId/edit', element: <EditGroupPage /> },
              { path: 'groups/:groupId/deactivate', element: <DeactivateGroupPage /> },
              { path: 'groups/:groupId/members/:personId', element: <GroupMemberPage /> },
              { path: 'groups/:groupId/members/:personId/remove', element: <RemoveGroupMemberPage /> },
              { path: 'outbox', element: <OutboxPage /> },
            ],
          },
          {
            path: '/audit-log',
            element: <RequireAuditLogAccess />,
            children: [{ index: true, element: <AuditLogPage /> }],
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return (
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  );
}
