import {
  ACTION_STATUS_LABELS,
  type ActionStatus,
  IMPACT_JUDGEMENT_LABELS,
  type ImpactJudgement,
  RECOMMENDATION_STATUS_LABELS,
  type RecommendationStatus,
} from '../../../contracts/recommendations.js';

// A recommendation's timeline in plain words, read from the audit rows the register's services write
// (recommendations, actions and impact-checks services). The rows' before → after snapshots carry the
// statuses, reasons, closure and judgements; an older or unexpected row still gets a sentence, only a
// less specific one, so nothing in the log is ever hidden for lack of a detail.

/** One audit row about the recommendation, one of its impact checks or one of the actions answering it. */
export type TimelineRow = {
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
};

/** What the rows name only by id: actions' titles and impact checks' intervals (months). */
export type TimelineNames = {
  actionTitles: ReadonlyMap<string, string>;
  checkMonths: ReadonlyMap<string, number>;
};

type Snapshot = Record<string, unknown>;
const asSnapshot = (v: unknown): Snapshot => (v && typeof v === 'object' ? (v as Snapshot) : {});
const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
/** "2026-01-31" → "31 January 2026"; anything else as it is. */
export function longDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) return value;
  return `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`;
}

const recStatus = (v: unknown) =>
  typeof v === 'string' ? (RECOMMENDATION_STATUS_LABELS[v as RecommendationStatus] ?? null) : null;
const actionStatus = (v: unknown) =>
  typeof v === 'string' ? (ACTION_STATUS_LABELS[v as ActionStatus] ?? null) : null;

/** "3, 6 and 12" */
const listed = (items: string[]) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

const theCheck = (months: number | undefined) =>
  months === undefined ? 'an impact check' : `the ${months}-month impact check`;

/** "from Agreed to In progress", or null when the row does not say both statuses. */
function fromTo(before: Snapshot, after: Snapshot, label: (v: unknown) => string | null) {
  const from = label(before.status);
  const to = label(after.status);
  return from && to ? `from ${from} to ${to}` : null;
}

function describeRecommendation(row: TimelineRow, names: TimelineNames): string {
  const before = asSnapshot(row.before);
  const after = asSnapshot(row.after);
  switch (row.action) {
    case 'created':
      return 'Recommendation added as a draft';
    case 'updated':
      return 'Details of the recommendation changed';
    case 'status_changed': {
      const move = fromTo(before, after, recStatus);
      if (!move) return 'Status of the recommendation changed';
      const reason = text(after.statusReason);
      if (after.status === 'not_accepted') return `Not accepted: ${reason ?? 'no reason recorded'}`;
      const details: string[] = [];
      if (after.status === 'agreed') {
        if (text(after.agreedOn)) details.push(`agreed on ${longDate(String(after.agreedOn))}`);
        const scheduled = Array.isArray(after.impactChecksScheduled)
          ? (after.impactChecksScheduled as { months?: unknown }[])
              .map((c) => c?.months)
              .filter((m): m is number => typeof m === 'number')
          : [];
        if (scheduled.length) details.push(`impact checks at ${listed(scheduled.map(String))} months`);
      }
      const because = text(after.becauseOfActionId) ? ' when an action answering it started' : '';
      // An automatic move keeps the reason the recommendation already had: only a new one is news.
      const why =
        reason && after.status !== 'agreed' && reason !== text(before.statusReason)
          ? `. Reason: ${reason}`
          : '';
      return `Status changed ${move}${because}${details.length ? ` (${details.join('; ')})` : ''}${why}`;
    }
    case 'reopened': {
      const checkId = text(after.impactCheckId);
      const months = checkId ? names.checkMonths.get(checkId) : undefined;
      const move = fromTo(before, after, recStatus);
      const what = `Reopened: ${theCheck(months)} was judged not embedded`;
      if (!move) return what;
      return before.status === after.status
        ? `${what} (it stays ${String(recStatus(after.status)).toLowerCase()})`
        : `${what}. Status changed ${move}`;
    }
    case 'closed': {
      const closure = asSnapshot(after.closure);
      const by = text(closure.approvedBy);
      const meeting = text(closure.meeting);
      const on = text(closure.closedOn);
      if (!by || !meeting || !on) return 'Recommendation closed with the monitoring group’s approval';
      return `Closed (approved by ${by} at ${meeting} on ${longDate(on)})`;
    }
    default:
      return `Recommendation: ${row.action.replace(/_/g, ' ')}`;
  }
}

function describeImpactCheck(row: TimelineRow, names: TimelineNames): string {
  const after = asSnapshot(row.after);
  const check = theCheck(row.entityId ? names.checkMonths.get(row.entityId) : undefined);
  const Check = `${check[0].toUpperCase()}${check.slice(1)}`;
  if (row.action === 'judged') {
    const judgement =
      typeof after.judgement === 'string'
        ? IMPACT_JUDGEMENT_LABELS[after.judgement as ImpactJudgement]?.toLowerCase()
        : undefined;
    const on = text(after.judgedOn) ? ` on ${longDate(String(after.judgedOn))}` : '';
    return judgement ? `${Check} judged ${judgement}${on}` : `${Check} judged`;
  }
  return `${Check}: ${row.action.replace(/_/g, ' ')}`;
}

function describeAction(row: TimelineRow, names: TimelineNames): string {
  const before = asSnapshot(row.before);
  const after = asSnapshot(row.after);
  const title = row.entityId ? names.actionTitles.get(row.entityId) : undefined;
  const action = title ? `action “${title}”` : 'an action';
  const Action = title ? `Action “${title}”` : 'An action';
  switch (row.action) {
    case 'created':
      return title ? `Action added: “${title}”` : 'Action added';
    case 'updated':
      return `Details of ${action} changed`;
    case 'status_changed': {
      const move = fromTo(before, after, actionStatus);
      if (!move) return `Status of ${action} changed`;
      const reason = text(after.reason);
      return `${Action} changed ${move}${reason ? `. Reason: ${reason}` : ''}`;
    }
    case 'reopened': {
      const move = fromTo(before, after, actionStatus);
      return `${Action} reopened because an impact check was judged not embedded${move ? `: changed ${move}` : ''}`;
    }
    case 'progress_added':
      return `Progress update added to ${action}`;
    case 'file_uploaded':
      return `Evidence file added to ${action}`;
    case 'file_removed':
      return `Evidence file removed from ${action}`;
    default:
      return `${Action}: ${row.action.replace(/_/g, ' ')}`;
  }
}

/** What one audit row says happened, as a sentence a person reads on the recommendation's timeline. */
export function describeTimelineRow(row: TimelineRow, names: TimelineNames): string {
  if (row.entity === 'recommendation') return describeRecommendation(row, names);
  if (row.entity === 'impact_check') return describeImpactCheck(row, names);
  if (row.entity === 'action') return describeAction(row, names);
  const what = row.entity.replace(/_/g, ' ');
  return `${what[0]?.toUpperCase() ?? ''}${what.slice(1)}: ${row.action.replace(/_/g, ' ')}`;
}
