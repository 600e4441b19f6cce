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
  if (s) {
    const prefix = `${PREFIX}${personId}:`;
    for (const key of Object.keys(s)) if (key.startsWith(prefix)) s.removeItem(key);
  }
  clearDeviceCopiesOf(personId);
}

// Unsent answers of a long form (the form engine's autosave) are kept in localStorage instead, so they
// survive the tab closing or the browser crashing while the network is down. They are removed once the
// server has them, and on sign-out like the drafts above.

const DEVICE_PREFIX = 'assure:unsent:';
const deviceKeyOf = (personId: string, formKey: string) => `${DEVICE_PREFIX}${personId}:${formKey}`;

function deviceStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** The unsent copy kept on this device for a form, if any. */
export function readDeviceCopy<V>(personId: string, formKey: string): V | null {
  const raw = deviceStorage()?.getItem(deviceKeyOf(personId, formKey));
  if (!raw) return null;
  try {
    return JSON.parse(raw) as V;
  } catch {
    return null;
  }
}

/** Keeps an unsent copy on this device; false when storage is full or blocked. */
export function writeDeviceCopy(personId: string, formKey: string, value: unknown): boolean {
  try {
    deviceStorage()?.setItem(deviceKeyOf(personId, formKey), JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

export function removeDeviceCopy(personId: string, formKey: string) {
  deviceStorage()?.removeItem(deviceKeyOf(personId, formKey));
}

export function clearDeviceCopiesOf(personId: string) {
  const s = deviceStorage();
  if (!s) return;
  const prefix = `${DEVICE_PREFIX}${personId}:`;
  for (const key of Object.keys(s)) if (key.startsWith(prefix)) s.removeItem(key);
}
