// The office's requests that need the response's ETag (api.js's helpers return only the body): the same
// conventions — the page's language in Accept-Language, If-Match on every write, a 401 back to the sign-in page,
// refusals as ApiError carrying the server's ProblemDetails.

import { ApiError } from '../api.js';
import { currentLanguage } from '../i18n.js';

async function send(url, { method = 'GET', body, etag } = {}) {
  const headers = { Accept: 'application/json', 'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  let response;
  try {
    response = await fetch(url, {
      method, headers, credentials: 'same-origin', cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (networkError) {
    throw new ApiError(0, { title: networkError.message });
  }
  if (response.status === 401) {
    location.assign('/login?returnUrl=' + encodeURIComponent(location.pathname + location.search + location.hash));
    throw new ApiError(401, {});
  }
  let json = {};
  try {
    json = await response.json();
  } catch {
    json = {};
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return { json, etag: response.headers.get('ETag') };
}

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
