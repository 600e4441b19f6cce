import type { TAnswers, TAuditTemplate } from '../../../../contracts/audit-tools';
import type { ResponseStatus, TCarryForward } from '../../../../contracts/responses';

// Shapes of the responses API's answers (server/modules/responses/responses.schemas.ts is the source).

export type PersonRef = { id: string; name: string } | null;

export type ResponseSummary = {
  id: string;
  title: string;
  status: ResponseStatus;
  dueOn: string | null;
  agency: { id: string; name: string } | null;
  assignee: PersonRef;
  activity: { id: string; title: string } | null;
  template: { id: string; title: string; versionId: string; versionNumber: number };
  version: number;
  lastSavedAt: string | null;
  submittedAt: string | null;
  createdAt: string;
  allowedVerbs: ('read' | 'write')[];
};

export type ResponseFile = {
  id: string;
  questionId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedAt: string;
  uploadedBy: PersonRef;
  removedAt: string | null;
};

export type ResponseDetail = ResponseSummary & {
  answers: TAnswers;
  carryForward: TCarryForward;
  previousResponseId: string | null;
  previousAnswers: TAnswers | null;
  lastSavedBy: PersonRef;
  submittedBy: PersonRef;
  definition: TAuditTemplate;
  files: ResponseFile[];
  canEdit: boolean;
};

export type SaveResult = {
  id: string;
  status: ResponseStatus;
  version: number;
  answers: TAnswers;
  carryForward: TCarryForward;
  lastSavedAt: string | null;
  lastSavedBy: PersonRef;
  submittedAt: string | null;
};

/** What a stale save is answered with (409): the answers saved meanwhile. */
export type SavedElsewhere = {
  answers: TAnswers;
  carryForward: TCarryForward;
  version: number;
  lastSavedAt: string | null;
  lastSavedBy: PersonRef;
};
