import { useQueryClient } from '@tanstack/react-query';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { TAnswer, TAnswers, TAuditTemplate } from '../../../../../contracts/audit-tools';
import type { CarryForwardChoice, TCarryForward } from '../../../../../contracts/responses';
import { ApiError, api, type FieldErrors } from '../../../app/api';
import { readDeviceCopy, removeDeviceCopy, writeDeviceCopy } from '../../../app/drafts';
import { usePartnership, useSession } from '../../../app/session';
import type { ResponseDetail, ResponseFile, SavedElsewhere, SaveResult } from '../types';
import { allQuestions, canonicalJson } from './rules';

// The form engine's state for one response: the answers as the person types them, autosaved to the
// server a moment after they stop (and at once on leaving a field or a section), with an unsent copy kept
// on the device until the server has it. A stale save stops autosaving and shows both versions; nothing
// is overwritten until the person chooses.

const DEBOUNCE_MS = 1200;
const RETRY_MS = 15_000;

export type SaveStatus =
  | { kind: 'idle'; lastSavedAt: string | null }
  | { kind: 'saving' }
  | { kind: 'saved'; at: string }
  | { kind: 'offline' }
  | { kind: 'signed-out' }
  | { kind: 'conflict' }
  | { kind: 'problem'; message: string };

/** What is kept on the device until the server has it. */
type DeviceCopy = {
  answers: TAnswers;
  carryForward: TCarryForward;
  baseVersion: number;
  keptAt: number;
};

type ResponseForm = {
  response: ResponseDetail;
  definition: TAuditTemplate;
  answers: TAnswers;
  carryForward: TCarryForward;
  files: ResponseFile[];
  editable: boolean;
  status: SaveStatus;
  setAnswer(questionId: string, value: TAnswer | undefined): void;
  setCarryForward(questionId: string, choice: CarryForwardChoice): void;
  /** Saves now; true once the server has every answer. */
  flush(): Promise<boolean>;
  /** The current version (for submitting). */
  version(): number;
  conflict: SavedElsewhere | null;
  resolveConflict(answers: TAnswers, carryForward: TCarryForward): void;
  deviceCopy: DeviceCopy | null;
  restoreDeviceCopy(): void;
  discardDeviceCopy(): void;
  fileAdded(file: ResponseFile): void;
  fileRemoved(fileId: string): void;
  /** Problems from the last submit attempt, by question id. */
  submitErrors: FieldErrors;
  setSubmitErrors(errors: FieldErrors): void;
};

const Context = createContext<ResponseForm | null>(null);

export function useResponseForm(): ResponseForm {
  const value = useContext(Context);
  if (!value) throw new Error('useResponseForm must be used inside ResponseFormProvider');
  return value;
}

/** Evidence answers follow the files (managed by their own requests), so they are left out here. */
function withoutEvidence(definition: TAuditTemplate, answers: TAnswers): TAnswers {
  const evidence = new Set(
    allQuestions(definition)
      .filter((q) => q.type === 'evidence_file')
      .map((q) => q.id),
  );
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !evidence.has(id)));
}

const sameAs = (a: { answers: TAnswers; carryForward: TCarryForward }, b: typeof a) =>
  canonicalJson(a.answers) === canonicalJson(b.answers) &&
  canonicalJson(a.carryForward) === canonicalJson(b.carryForward);

export function ResponseFormProvider({
  response,
  children,
}: {
  response: ResponseDetail;
  children: ReactNode;
}) {
  const { session } = useSession();
  const { path, partnershipId } = usePartnership();
  const queryClient = useQueryClient();
  const personId = session?.person.id ?? '';
  const copyKey = `response:${response.id}`;
  const definition = response.definition;
  const serverAnswers = useMemo(
    () => withoutEvidence(definition, response.answers),
    [definition, response.answers],
  );

  const [answers, setAnswersState] = useState<TAnswers>(serverAnswers);
  const [carryForward, setCarryState] = useState<TCarryForward>(response.carryForward);
  const [files, setFiles] = useState<ResponseFile[]>(response.files);
  const [status, setStatus] = useState<SaveStatus>({ kind: 'idle', lastSavedAt: response.lastSavedAt });
  const [conflict, setConflict] = useState<SavedElsewhere | null>(null);
  const [submitErrors, setSubmitErrors] = useState<FieldErrors>({});
  const [editable, setEditable] = useState(response.canEdit);
  const [deviceCopy, setDeviceCopy] = useState<DeviceCopy | null>(() => {
    if (!personId || !response.canEdit) return null;
    const copy = readDeviceCopy<DeviceCopy>(personId, copyKey);
    if (!copy) return null;
    if (sameAs(copy, { answers: serverAnswers, carryForward: response.carryForward })) {
      removeDeviceCopy(personId, copyKey);
      return null;
    }
    return copy;
  });

  // The live state, read by the save loop without waiting for a render.
  const live = useRef({
    answers: serverAnswers,
    carryForward: response.carryForward,
    version: response.version,
    dirty: false,
    blocked: !response.canEdit,
    inFlight: null as Promise<boolean> | null,
    timer: 0 as ReturnType<typeof setTimeout> | 0,
  });

  const keepCopy = useCallback(() => {
    const s = live.current;
    if (!personId) return;
    writeDeviceCopy(personId, copyKey, {
      answers: s.answers,
      carryForward: s.carryForward,
      baseVersion: s.version,
      keptAt: Date.now(),
    } satisfies DeviceCopy);
  }, [personId, copyKey]);

  const saveRef = useRef<() => Promise<boolean>>(async () => true);

  const schedule = useCallback((ms: number) => {
    const s = live.current;
    if (s.timer) clearTimeout(s.timer);
    s.timer = setTimeout(() => {
      s.timer = 0;
      void saveRef.current();
    }, ms);
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    const s = live.current;
    if (s.timer) {
      clearTimeout(s.timer);
      s.timer = 0;
    }
    if (s.blocked) return false;
    if (!s.dirty) return true;
    if (s.inFlight) {
      await s.inFlight.catch(() => false);
      return saveRef.current();
    }
    // Known to be offline: keep it on the device and wait for the browser's "online".
    if (typeof navigator !== 'undefined' && navigator.onLine === false) {
      setStatus({ kind: 'offline' });
      return false;
    }
    const sent = { answers: s.answers, carryForward: s.carryForward };
    setStatus({ kind: 'saving' });
    const attempt = api
      .put<SaveResult>(path(`responses/${response.id}/answers`), { ...sent, version: s.version })
      .then((result) => {
        s.version = result.version;
        if (s.answers === sent.answers && s.carryForward === sent.carryForward) {
          s.dirty = false;
          removeDeviceCopy(personId, copyKey);
        } else {
          keepCopy();
          schedule(DEBOUNCE_MS);
        }
        setStatus({ kind: 'saved', at: result.lastSavedAt ?? new Date().toISOString() });
        return !s.dirty;
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError) {
          if (error.isConflict && error.details?.current) {
            s.blocked = true;
            setConflict(error.details.current as unknown as SavedElsewhere);
            setStatus({ kind: 'conflict' });
            return false;
          }
          if (error.status === 0) {
            setStatus({ kind: 'offline' });
            schedule(RETRY_MS);
            return false;
          }
          if (error.isUnauthenticated) {
            setStatus({ kind: 'signed-out' });
            return false;
          }
          if (error.code === 'INVALID_TRANSITION' || error.isNotFound || error.status === 403) {
            s.blocked = true;
            setEditable(false);
            setStatus({ kind: 'problem', message: `${error.message} Your answers are kept on this device.` });
            return false;
          }
          if (error.isValidation) {
            const first = Object.values(error.fields)[0];
            setStatus({
              kind: 'problem',
              message: `Your answers could not be saved: ${first ?? error.message}`,
            });
            return false;
          }
        }
        setStatus({
          kind: 'problem',
          message:
            'Your answers could not be saved just now. They are kept on this device; we will try again.',
        });
        schedule(RETRY_MS);
        return false;
      })
      .finally(() => {
        s.inFlight = null;
      });
    s.inFlight = attempt;
    return attempt;
  }, [path, response.id, personId, copyKey, keepCopy, schedule]);
  saveRef.current = save;

  const changed = useCallback(() => {
    const s = live.current;
    s.dirty = true;
    keepCopy();
    if (!s.blocked) schedule(DEBOUNCE_MS);
  }, [keepCopy, schedule]);

  const setAnswer = useCallback(
    (questionId: string, value: TAnswer | undefined) => {
      const s = live.current;
      const next = { ...s.answers };
      if (value === undefined) delete next[questionId];
      else next[questionId] = value;
      s.answers = next;
      setAnswersState(next);
      // Changing a carried-forward answer says it has changed.
      if (response.previousAnswers?.[questionId] !== undefined && s.carryForward[questionId] === undefined) {
        s.carryForward = { ...s.carryForward, [questionId]: 'changed' };
        setCarryState(s.carryForward);
      }
      changed();
    },
    [changed, response.previousAnswers],
  );

  const setCarryForward = useCallback(
    (questionId: string, choice: CarryForwardChoice) => {
      const s = live.current;
      s.carryForward = { ...s.carryForward, [questionId]: choice };
      setCarryState(s.carryForward);
      changed();
    },
    [changed],
  );

  // Back online, or leaving the tab: send what is waiting.
  useEffect(() => {
    const sendNow = () => {
      if (live.current.dirty) void saveRef.current();
    };
    const onHide = () => {
      if (document.visibilityState === 'hidden') sendNow();
    };
    const onOffline = () => {
      if (live.current.dirty) setStatus({ kind: 'offline' });
    };
    window.addEventListener('offline', onOffline);
    window.addEventListener('online', sendNow);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      window.removeEventListener('offline', onOffline);
      window.removeEventListener('online', sendNow);
      document.removeEventListener('visibilitychange', onHide);
      // Leaving the response (another page, signed out): one last try; the device copy stays until it lands.
      sendNow();
    };
  }, []);

  const value: ResponseForm = {
    response,
    definition,
    answers,
    carryForward,
    files,
    editable,
    status,
    setAnswer,
    setCarryForward,
    flush: save,
    version: () => live.current.version,
    conflict,
    resolveConflict(chosenAnswers, chosenCarry) {
      const s = live.current;
      if (!conflict) return;
      s.answers = chosenAnswers;
      s.carryForward = chosenCarry;
      s.version = conflict.version;
      s.blocked = false;
      setAnswersState(chosenAnswers);
      setCarryState(chosenCarry);
      setConflict(null);
      changed();
      void save();
    },
    deviceCopy,
    restoreDeviceCopy() {
      if (!deviceCopy) return;
      const s = live.current;
      s.answers = deviceCopy.answers;
      s.carryForward = deviceCopy.carryForward;
      s.version = deviceCopy.baseVersion;
      setAnswersState(deviceCopy.answers);
      setCarryState(deviceCopy.carryForward);
      setDeviceCopy(null);
      changed();
      void save();
    },
    discardDeviceCopy() {
      removeDeviceCopy(personId, copyKey);
      setDeviceCopy(null);
    },
    fileAdded(file) {
      setFiles((fs) => [...fs, file]);
      void queryClient.invalidateQueries({ queryKey: [partnershipId, 'responses', 'list'] });
    },
    fileRemoved(fileId) {
      setFiles((fs) => fs.filter((f) => f.id !== fileId));
    },
    submitErrors,
    setSubmitErrors,
  };

  return <Context.Provider value={value}>{children}</Context.Provider>;
}
