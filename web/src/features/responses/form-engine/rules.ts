// The form rules the server applies, run here too so conditions, statuses and checks match it exactly.
// They are pure (no database), and live in contracts/, shared by server and web.
export {
  allQuestions,
  isAnswered,
  validateAnswers,
  visibleQuestionIds,
} from '../../../../../contracts/audit-tools.rules';
export {
  canonicalJson,
  pendingCarryForward,
  sectionStatuses,
} from '../../../../../contracts/responses.rules';

/** The id of a question's first input: error summary links land on it. */
export const fieldId = (questionId: string) => `question-${questionId}`;
