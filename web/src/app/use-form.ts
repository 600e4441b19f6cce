import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, type FieldErrors } from './api';
import { readDraft, removeDraft, writeDraft } from './drafts';
import { useSession } from './session';

export type ErrorSummaryItem = { text: string; href?: string };

/** A stale write: the server's current record, shown next to what the person typed. */
export type ConflictState = { message: string; current: Record<string, unknown> };

/** A failure the person cannot fix by changing their answers (shown in the error summary). */
export type ProblemState = { title: string; message: string; requestId: string | null };

export type FormOptions<V> = {
  initial: V;
  /** Keeps what is typed in this tab until saved, under the signed-in person (see drafts.ts). */
  draftKey?: string;
  /** Fields never kept in a draft (passwords). */
  noDraft?: (keyof V)[];
  /** Error summary order; defaults to the order of `initial`'s keys. */
  fieldOrder?: string[];
  /** Checks the server cannot make (e.g. a person must be chosen before the URL can be built). */
  validate?: (values: V) => FieldErrors;
  /**
   * Friendlier words for a field the server reports: its message for a missing choice (radios,
   * select) is written for developers, not for the person filling in the form.
   */
  choiceMessages?: Record<string, string>;
  /**
   * Checks reported together with the server's own when it answers VALIDATION, for rules it only
   * applies after the basic checks pass (e.g. an agency-scoped role must name its agency).
   */
  alongsideServer?: (values: V) => FieldErrors;
};

/**
 * Form state for GOV.UK forms that submit to the API: values, field errors from 400 VALIDATION,
 * conflicts from 409, service problems, a pending flag against double submission, and a draft so
 * nothing typed is lost. Values are never reset on an error.
 */
export function useForm<V extends Record<string, unknown>>(options: FormOptions<V>) {
  const { session } = useSession();
  const personId = session?.person.id ?? null;
  const { draftKey } = options;
  const noDraftRef = useRef(options.noDraft ?? []);
  const choiceMessagesRef = useRef(options.choiceMessages ?? {});

  const [restored, setRestored] = useState(() =>
    personId && draftKey ? readDraft<Partial<V>>(personId, draftKey) : null,
  );
  const [values, setValues] = useState<V>(() => ({ ...options.initial, ...(restored ?? {}) }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ProblemState | null>(null);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const [pending, setPending] = useState(false);
  /** Increments on every failed submission, so the error summary takes focus again. */
  const [attempt, setAttempt] = useState(0);
  const pendingRef = useRef(false);
  // Only what the person typed is kept as a draft, not values the page set itself.
  const dirtyRef = useRef(restored !== null);

  useEffect(() => {
    if (!personId || !draftKey || !dirtyRef.current) return;
    const kept: Record<string, unknown> = { ...values };
    for (const key of noDraftRef.current) delete kept[key as string];
    writeDraft(personId, draftKey, kept);
  }, [values, personId, draftKey]);

  const setValue = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    dirtyRef.current = true;
    setValues((v) => ({ ...v, [name]: value }));
  }, []);

  const fieldOrder = options.fieldOrder ?? Object.keys(options.initial);

  const alongsideRef = useRef(options.alongsideServer);
  const fail = useCallback((error: unknown, submitted?: V) => {
    setAttempt((n) => n + 1);
    if (!(error instanceof ApiError)) {
      setProblem({
        title: 'Sorry, there is a problem with the service',
        message: 'Try again. What you entered has been kept.',
        requestId: null,
      });
      return;
    }
    if (error.isValidation && Object.keys(error.fields).length > 0) {
      const extra = submitted && alongsideRef.current ? alongsideRef.current(submitted) : {};
      const friendly = { ...extra, ...error.fields };
      for (const [name, message] of Object.entries(choiceMessagesRef.current)) {
        if (friendly[name]) friendly[name] = message;
      }
      setErrors(friendly);
      return;
    }
    if (error.isConflict && error.details?.current) {
      setConflict({ message: error.message, current: error.details.current });
      return;
    }
    if (error.isServiceProblem) {
      setProblem({
        title: 'Sorry, there is a problem with the service',
        message:
          error.status === 0
            ? 'Assure could not be reached. Check your connection and try again. What you entered has been kept.'
            : 'Try again later. What you entered has been kept.',
        requestId: error.requestId,
      });
      return;
    }
    if (error.isUnauthenticated) {
      // The app sends the person to sign in; the draft brings their words back afterwards.
      setProblem({
        title: 'You have been signed out',
        message: 'Sign in again to carry on. What you entered has been kept.',
        requestId: null,
      });
      return;
    }
    setProblem({ title: 'There is a problem', message: error.message, requestId: null });
  }, []);

  const submit = useCallback(
    (action: (values: V) => Promise<unknown>, onSuccess?: (result: unknown) => void) =>
      async (event?: FormEvent) => {
        event?.preventDefault();
        if (pendingRef.current) return;
        const clientErrors = options.validate?.(values) ?? {};
        if (Object.keys(clientErrors).length > 0) {
          setProblem(null);
          setConflict(null);
          setErrors(clientErrors);
          setAttempt((n) => n + 1);
          return;
        }
        pendingRef.current = true;
        setPending(true);
        try {
          const result = await action(values);
          dirtyRef.current = false;
          if (personId && draftKey) removeDraft(personId, draftKey);
          setErrors({});
          setProblem(null);
          setConflict(null);
          onSuccess?.(result);
        } catch (error) {
          setErrors({});
          setProblem(null);
          setConflict(null);
          fail(error, values);
        } finally {
          pendingRef.current = false;
          setPending(false);
        }
      },
    [values, personId, draftKey, fail, options.validate],
  );

  const summary: ErrorSummaryItem[] = [];
  const known = new Set(fieldOrder);
  for (const name of fieldOrder) if (errors[name]) summary.push({ text: errors[name], href: `#${name}` });
  for (const [name, text] of Object.entries(errors)) {
    if (!known.has(name)) summary.push({ text, href: fieldOrder[0] ? `#${fieldOrder[0]}` : undefined });
  }

  return {
    values,
    setValue,
    /** Replaces every value (e.g. with the saved version after a conflict); not kept as a draft. */
    setValues,
    errors,
    setErrors,
    problem,
    setProblem,
    conflict,
    dismissConflict: () => setConflict(null),
    pending,
    attempt,
    submit,
    fail,
    summary,
    /** True when anything on the page should make the title start "Error: ". */
    hasErrors: summary.length > 0 || problem !== null || conflict !== null,
    /** The draft that filled this form when it opened (so the page can say so). */
    restoredFromDraft: restored !== null,
    /** Throws the kept draft away and goes back to the saved values. */
    discardDraft: () => {
      if (personId && draftKey) removeDraft(personId, draftKey);
      dirtyRef.current = false;
      setRestored(null);
      setValues(options.initial);
    },
    /** Field props for the GOV.UK input primitives. */
    field: <K extends keyof V & string>(name: K) => ({
      id: name,
      name,
      value: values[name] as unknown as string,
      error: errors[name],
      onChange: (value: string) => setValue(name, value as V[K]),
    }),
  };
}

export type FormState<V extends Record<string, unknown>> = ReturnType<typeof useForm<V>>;
