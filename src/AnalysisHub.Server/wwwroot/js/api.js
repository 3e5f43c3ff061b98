// Every request the dashboard makes goes through here, so the signed-in key travels the same way everywhere: in the
// X-Api-Key header, never in a URL. A stored key the hub refuses (401: revoked, expired, unknown) is reported to
// whoever listens, so the page can fall back to the public view at once instead of failing panel by panel.
import { storedKey } from "./session.js";

export const HEADER = "X-Api-Key";

/** A response that was not 2xx; status says which (401, 403, …), message what the hub said. */
export class ApiError extends Error {
  constructor(status, statusText, detail) {
    super(`${status} ${statusText} ${detail}`.trim());
    this.status = status;
    this.detail = detail;
  }
}

let onRefused = () => {};

/** Calls handler(detail) when the hub refuses the stored key. */
export function whenKeyRefused(handler) {
  onRefused = handler;
}

async function problemDetail(response) {
  try {
    return (await response.json()).detail ?? "";
  } catch {
    return ""; // not JSON
  }
}

async function request(url, key) {
  const headers = { Accept: "application/json" };
  if (key) headers[HEADER] = key;
  // no-store: partner figures never sit in the HTTP cache, and a public poll always reads the hub.
  return fetch(url, { headers, cache: "no-store" });
}

/** GETs JSON with the stored key (if any); throws ApiError on anything but 2xx. */
export async function getJson(url) {
  const key = storedKey();
  const response = await request(url, key);
  if (!response.ok) {
    const detail = await problemDetail(response);
    // Only the key still stored counts: a request sent before sign-out says nothing about the current state.
    if (response.status === 401 && key && key === storedKey()) onRefused(detail);
    throw new ApiError(response.status, response.statusText, detail);
  }
  return response.json();
}

/**
 * Asks the hub whether `key` may read partner routes, before it is stored: a GET of the alerts since now (an answer
 * that is small, and needs read:partner). Returns { ok } or { ok: false, status, detail }.
 */
export async function checkKey(key) {
  const url = `/api/v1/alerts?${new URLSearchParams({ since: new Date().toISOString() })}`;
  let response;
  try {
    response = await request(url, key);
  } catch (e) {
    return { ok: false, status: 0, detail: e.message };
  }
  if (response.ok) return { ok: true };
  return { ok: false, status: response.status, detail: await problemDetail(response) };
}
