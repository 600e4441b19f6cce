// What a person has typed into a form is kept in this tab's sessionStorage, under their own id,
// until the form is saved. If their session ends mid-form (timeout, another tab signing out), they
// sign in again and find their words still there. Passwords are never kept. An explicit sign-out
// clears that person's drafts, so the next person at a shared computer sees none of them.

const PREFIX = 'assure:draft:';

const keyOf = (personId: string, formKey: string) => `${PREFIX}${personId}:${formKey}`;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function readDraft<V>(personId: string, formKey: string): V | null {
  const raw = storage()?.getItem(keyOf(personId, formKey));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as V;
  } catch {
    return null;
  }
}

export function writeDraft(personId: string, formKey: string, values: unknown) {
  try {
    storage()?.setItem(keyOf(personId, formKey), JSON.stringify(values));
  } catch {
    // Storage full or blocked: the form still works, only the safety net is missing.
  }
}

export function removeDraft(personId: string, formKey: string) {
  storage()?.removeItem(keyOf(personId, formKey));
}

export function clearDraftsOf(personId: string) {
  const s = storage();
  if (!s) return;
  const prefix = `${PREFIX}${personId}:`;
  for (const key of Object.keys(s)) if (key.startsWith(prefix)) s.removeItem(key);
}
