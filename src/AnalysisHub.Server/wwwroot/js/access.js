// The sign-in panel: the public view offers a form to paste an API key; the partner view a "Sign out" button.
// The key is checked against a partner route before it is stored, so a wrong key is refused here, in words, and
// never half-signs the page in.
import { checkKey } from "./api.js";
import { storeKey, clearKey } from "./session.js";

const $ = (id) => document.getElementById(id);

/** What to tell the user when the hub does not accept a pasted key. */
function refusal(status, detail) {
  if (status === 401) return "The hub refused this key: it is not known, or it has expired or been revoked.";
  if (status === 403) return "This key is valid but lacks the read:partner scope that the partner view needs.";
  if (status === 0) return `The key could not be checked: the hub did not answer (${detail}).`;
  return `The key could not be checked: the hub answered ${status}${detail ? ` (${detail})` : ""}.`;
}

/** Says something in the panel; an alert (refusals) is announced at once by screen readers. */
export function showAccessMessage(text, { alert = false } = {}) {
  const m = $("access-message");
  m.textContent = text ?? "";
  m.hidden = !text;
  m.setAttribute("role", alert ? "alert" : "status");
  m.classList.toggle("refused", alert);
}

/** Shows the panel for `mode` ("public" or "partner"); with `focus`, moves focus to its control. */
export function showAccessMode(mode, { focus = false } = {}) {
  const partner = mode === "partner";
  $("access-title").textContent = partner ? "Partner view" : "Public view";
  $("public-note").hidden = partner;
  $("partner-note").hidden = !partner;
  $("sign-in").hidden = partner;
  $("sign-out").hidden = !partner;
  // The control the user was on has just been hidden: give focus to the one that took its place.
  if (focus) (partner ? $("sign-out") : $("api-key")).focus();
}

/**
 * Wires the form and the button. onSignedIn() runs once a key has been accepted and stored; onSignedOut() once
 * it has been removed.
 */
export function initAccess({ onSignedIn, onSignedOut }) {
  const form = $("sign-in");
  const input = $("api-key");
  const submit = form.querySelector("button[type=submit]");
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const key = input.value.trim();
    if (!key) {
      showAccessMessage("Paste an API key first.", { alert: true });
      input.focus();
      return;
    }
    submit.disabled = true;
    showAccessMessage("Checking the key…");
    try {
      const result = await checkKey(key);
      if (!result.ok) {
        showAccessMessage(refusal(result.status, result.detail), { alert: true });
        input.select();
        return;
      }
      storeKey(key);
      input.value = ""; // the key lives in sessionStorage only, not in the page
      showAccessMessage("Signed in: showing partner figures, alerts and live updates.");
      await onSignedIn();
    } finally {
      submit.disabled = false;
    }
  });
  $("sign-out").addEventListener("click", async () => {
    clearKey();
    showAccessMessage("Signed out: the key was removed from this tab. Showing the public view.");
    await onSignedOut();
  });
}
