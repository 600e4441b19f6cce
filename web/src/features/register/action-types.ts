// Shapes of the actions API's answers (server/modules/recommendations/actions.schemas.ts is the source of
// truth); only what the action pages read.
import type { ActionStatus, Rag, RecommendationStatus } from '../../../../contracts/recommendations';

export type ActionRef = { id: string; name: string };

export type LinkedRecommendation = {
  id: string;
  number: number;
  title: string;
  status: RecommendationStatus;
};

export type ActionVerb = 'read' | 'edit' | 'progress';

export type ActionSummary = {
  id: string;
  title: string;
  agency: ActionRef;
  owner: ActionRef | null;
  dueOn: string | null;
  status: ActionStatus;
  rag: Rag | null;
  completedOn: string | null;
  overdue: boolean;
  recommendations: LinkedRecommendation[];
  version: number;
};

export type ActionFile = {
  id: string;
  updateId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: ActionRef | null;
  removedAt: string | null;
};

export type ProgressUpdate = {
  id: string;
  body: string;
  rag: Rag | null;
  updateOn: string;
  createdBy: ActionRef | null;
  createdAt: string;
  files: ActionFile[];
};

export type ActionDetail = ActionSummary & {
  description: string | null;
  createdAt: string;
  updatedAt: string;
  /** Newest first. */
  updates: ProgressUpdate[];
  allowedVerbs: ActionVerb[];
};

export type PlanAction = ActionSummary & {
  latestUpdate: { body: string; rag: Rag | null; updateOn: string } | null;
};

export type ActionPlanGroupKey = 'overdue' | 'in_progress' | 'not_started' | 'complete' | 'cancelled';

export type ActionPlan = {
  agency: ActionRef;
  today: string;
  counts: { open: number; onTrack: number; overdue: number; complete: number; cancelled: number };
  /** Every group in the plan's order, with how many actions it holds in all and those on this page. */
  groups: { key: ActionPlanGroupKey; label: string; total: number; actions: PlanAction[] }[];
  /** Actions on the whole plan, paged in the groups' order. */
  total: number;
  page: number;
  pageSize: number;
  /** The first few recommendations with no action yet; `unansweredTotal` is how many in all. */
  unansweredRecommendations: LinkedRecommendation[];
  unansweredTotal: number;
};

/** The parts of a recommendation the action pages need (recommendations.schemas.ts ZRecommendationSummary). */
export type RecommendationOption = {
  id: string;
  number: number;
  reference: string;
  title: string;
  status: RecommendationStatus;
  agencies: ActionRef[];
};
