// Shapes of the recommendations API's answers (server/modules/recommendations/recommendations.schemas.ts is
// the source of truth; these mirror the parts the register's pages use).
import type {
  ActionStatus,
  ImpactJudgement,
  PriorityLevel,
  Rag,
  RecommendationSource,
  RecommendationStatus,
} from '../../../../contracts/recommendations';

export type Ref = { id: string; name: string };

export type Theme = {
  id: string;
  name: string;
  description: string | null;
  active: boolean;
  version: number;
};

export type RecommendationSettings = {
  impactCheckMonths: number[];
  /** 0 while the partnership still uses the defaults. */
  version: number;
  allowedVerbs: ('read' | 'manage')[];
};

export type RecommendationVerb = 'read' | 'edit' | 'changeStatus' | 'close';

export type RecommendationSummary = {
  id: string;
  number: number;
  reference: string;
  title: string;
  sourceKind: RecommendationSource;
  sourceTitle: string;
  sourceDate: string | null;
  theme: Ref | null;
  priority: PriorityLevel;
  monitoringGroup: Ref | null;
  status: RecommendationStatus;
  statusReason: string | null;
  agreedOn: string | null;
  closedOn: string | null;
  agencies: Ref[];
  overdue: boolean;
  version: number;
};

export type ImpactCheckSummary = {
  id: string;
  months: number;
  dueOn: string;
  judgement: ImpactJudgement | null;
  judgedOn: string | null;
};

export type TimelineEntry = {
  at: string;
  entity: string;
  entityId: string | null;
  action: string;
  /** What happened, in plain words (the server reads it from the audit row). */
  summary: string;
  personName: string | null;
};

export type Recommendation = RecommendationSummary & {
  detail: string | null;
  sourceType: 'qa_activity' | 'scrutiny_review' | null;
  sourceId: string | null;
  closure: { approvedBy: string; meeting: string; closedOn: string; recordedByName: string | null } | null;
  impactChecks: ImpactCheckSummary[];
  nextStatuses: RecommendationStatus[];
  timeline: TimelineEntry[];
  allowedVerbs: RecommendationVerb[];
  createdAt: string;
  updatedAt: string;
};

/** An action answering recommendations, as GET /actions lists it. */
export type ActionSummaryForRecommendation = {
  id: string;
  title: string;
  agency: Ref;
  owner: Ref | null;
  dueOn: string | null;
  status: ActionStatus;
  rag: Rag | null;
  completedOn: string | null;
  overdue: boolean;
  version: number;
};
