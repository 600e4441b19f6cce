import type { ReactNode } from 'react';
import { usePartnership } from '../../../app/session';
import { EvidenceFiles as EvidenceFileQuestion } from '../../../components/evidence-files';
import type { ResponseFile } from '../types';

/** An evidence question: the files given so far (download, remove) and a GOV.UK file upload. */
export function EvidenceFiles({
  id,
  legend,
  hint,
  error,
  questionId,
  responseId,
  files,
  onAdded,
  onRemoved,
}: {
  id: string;
  legend: ReactNode;
  hint?: string;
  error?: string;
  questionId: string;
  responseId: string;
  files: ResponseFile[];
  onAdded?(file: ResponseFile): void;
  onRemoved?(fileId: string): void;
}) {
  const { path } = usePartnership();
  const fileOf = (f: ResponseFile) => path(`responses/${responseId}/files/${f.id}`);
  return (
    <EvidenceFileQuestion<ResponseFile>
      id={id}
      legend={legend}
      hint={hint}
      error={error}
      files={files}
      pathOf={fileOf}
      uploadPath={
        onAdded
          ? path(`responses/${responseId}/questions/${encodeURIComponent(questionId)}/files`)
          : undefined
      }
      removePath={fileOf}
      onAdded={onAdded}
      onRemoved={(f) => onRemoved?.(f.id)}
    />
  );
}
