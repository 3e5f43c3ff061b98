// The API key the user signed in with. Kept in sessionStorage: it lasts for this browser tab only, is gone when the
// tab closes, and is never written to localStorage, a cookie or the URL (where it would outlive the session, be sent
// to places that do not need it, or end up in history and server logs).
const STORE = "analysishub.apiKey";

/** The stored key, or null (public mode). */
export function storedKey() {
  try {
    return sessionStorage.getItem(STORE) || null;
  } catch {
    return null; // storage disabled: the dashboard stays public
  }
}

export function storeKey(key) {
  sessionStorage.setItem(STORE, key);
}

export function clearKey() {
  try {
    sessionStorage.removeItem(STORE);
  } catch {
    /* nothing stored */
  }
}
