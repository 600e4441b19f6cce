// The form rules the server applies, run here too so conditions, statuses and checks match it exactly.
// They are pure (no database), so the web app imports them from the server's modules.
export {
  allQuestions,
  isAnswered,
  validateAnswers,
  visibleQuestionIds,
} from '../../../../../server/modules/audit-tools/audit-tools.rules';
export {
  canonicalJson,
  pendingCarryForward,
  sectionStatuses,
} from '../../../../../server/modules/responses/responses.rules';

/** The id of a question's first input: error summary links land on it. */
export const fieldId = (questionId: string) => `question-${questionId}`;
