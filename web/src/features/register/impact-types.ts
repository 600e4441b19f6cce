import type {
  AssuranceJudgement,
  ImpactJudgement,
  RecommendationStatus,
  ScrutinyKind,
  ScrutinyStatus,
} from '../../../../contracts/recommendations';
import type { EvidenceFile } from '../../components/evidence-files';

// The API's shapes for impact checks, assurance requests and the scrutiny plan
// (server/modules/recommendations/{impact-checks,assurance,scrutiny}.schemas.ts).

export type RecommendationRef = { id: string; number: number; title: string; status: RecommendationStatus };

export type EvidenceStatus = 'not_started' | 'draft' | 'submitted';

export type ImpactEvidence = {
  practiceChange: string | null;
  outcomes: string | null;
  submittedAt: string | null;
  submittedByName: string | null;
  updatedAt: string | null;
  status: EvidenceStatus;
  version: number;
  /** Sent with the evidence, oldest first. */
  files: EvidenceFile[];
  /** 'write' while it is a draft on an open check (text and files). */
  allowedVerbs: ('read' | 'write')[];
};

export type ImpactCheckSummary = {
  id: string;
  recommendation: RecommendationRef;
  months: number;
  dueOn: string;
  overdue: boolean;
  judgement: ImpactJudgement | null;
  judgedOn: string | null;
  cancelled: boolean;
  /** evidenceStatus is null for an agency whose evidence the reader may not see. */
  agencies: { id: string; name: string; evidenceStatus: EvidenceStatus | null }[];
  version: number;
};

export type ImpactCheck = Omit<ImpactCheckSummary, 'agencies'> & {
  agencies: {
    id: string;
    name: string;
    evidenceStatus: EvidenceStatus | null;
    evidence: ImpactEvidence | null;
  }[];
  judgementReasons: string | null;
  judgedByName: string | null;
  allowedVerbs: ('read' | 'judge')[];
};

export type AssuranceState = 'open' | 'answered' | 'judged';

export type AssuranceSummary = {
  id: string;
  agency: { id: string; name: string };
  title: string;
  dueOn: string;
  state: AssuranceState;
  overdue: boolean;
  answeredAt: string | null;
  judgement: AssuranceJudgement | null;
  judgedOn: string | null;
  recommendationCount: number;
  version: number;
};

export type AssuranceRequest = AssuranceSummary & {
  question: string;
  answer: string | null;
  /** Sent with the answer, oldest first; added and removed until the answer is judged. */
  answerFiles: EvidenceFile[];
  answeredByName: string | null;
  judgementReasons: string | null;
  judgedByName: string | null;
  createdByName: string | null;
  createdAt: string;
  recommendations: RecommendationRef[];
  allowedVerbs: ('read' | 'answer' | 'judge')[];
};

export type ScrutinySummary = {
  id: string;
  kind: ScrutinyKind;
  title: string;
  status: ScrutinyStatus;
  lead: { personId: string | null; name: string } | null;
  plannedOn: string | null;
  reportedOn: string | null;
  active: boolean;
  recommendationCount: number;
  version: number;
};

export type ScrutinyReview = ScrutinySummary & {
  scope: string | null;
  findings: string | null;
  recommendations: RecommendationRef[];
  createdAt: string;
  updatedAt: string;
  allowedVerbs: ('read' | 'write')[];
};

/** What the assurance request form needs from the register's list of recommendations. */
export type RecommendationOption = {
  id: string;
  reference: string;
  title: string;
  status: RecommendationStatus;
};
