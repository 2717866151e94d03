// The office's requests that need the response's ETag, through api.js's sendJson (the page's language in
// Accept-Language, If-Match on every write, a 401 back to the sign-in page, refusals as ApiError).

import { sendJson as send } from '../api.js';

const ruleUrl = (id) => `/api/inspection-rules/${encodeURIComponent(id)}`;

/** One rule as the server has it now, with its ETag (admins). */
export async function getRule(id) {
  const { json, etag } = await send(ruleUrl(id));
  return { rule: json, etag };
}

/** Replaces a rule's settings; refused with 412 when etag is stale. Answers the stored rule and its new ETag. */
export async function putRule(id, rule, etag) {
  const { json, etag: next } = await send(ruleUrl(id), { method: 'PUT', body: rule, etag });
  return { rule: json, etag: next };
}

/** POST without a body whose answer is JSON (acknowledge, build). */
export async function postEmpty(url) {
  return (await send(url, { method: 'POST' })).json;
}
