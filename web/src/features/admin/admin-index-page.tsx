import { Link } from 'react-router';
import { usePageTitle } from '../../app/page-title';

const sections = [
  {
    to: '/admin/partnership',
    title: 'Partnership details',
    text: 'The partnership’s name and whether it covers children, adults or both.',
  },
  {
    to: '/admin/agencies',
    title: 'Agencies',
    text: 'Partner agencies and their sections, including agencies shared with other partnerships.',
  },
  {
    to: '/admin/people',
    title: 'People',
    text: 'Everyone in the partnership, their roles and their agencies.',
  },
  {
    to: '/admin/invitations',
    title: 'Invitations',
    text: 'Invite someone to Assure by email, and see who has not accepted yet.',
  },
  {
    to: '/admin/priorities',
    title: 'Priorities',
    text: 'The partnership’s strategic priorities, such as neglect or exploitation.',
  },
  {
    to: '/admin/groups',
    title: 'Governance groups',
    text: 'The Executive, Board, QA group and subgroups, and who sits on them.',
  },
  {
    to: '/admin/reminders',
    title: 'Reminders',
    text: 'When people are reminded about work waiting for them, and when overdue work is escalated.',
  },
  {
    to: '/admin/register-settings',
    title: 'Recommendations register',
    text: 'When impact checks fall after a recommendation is agreed, for example 3, 6 and 12 months.',
  },
  {
    to: '/admin/outbox',
    title: 'Email outbox',
    text: 'Emails Assure has sent or is waiting to send, and any that failed.',
  },
];

export function AdminIndexPage() {
  usePageTitle('Admin');
  return (
    <>
      <h1 className="govuk-heading-l">Admin</h1>
      <p className="govuk-body">Set up the partnership and look after the people who use Assure.</p>
      <ul className="govuk-list app-admin-list">
        {sections.map((s) => (
          <li key={s.to} className="app-admin-list__item">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link to={s.to} className="govuk-link">
                {s.title}
              </Link>
            </h2>
            <p className="govuk-body">{s.text}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
