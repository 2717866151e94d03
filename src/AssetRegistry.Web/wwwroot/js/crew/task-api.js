// The task requests of the crew page. They need the response's ETag (api.js's helpers return only the body), so
// they send through their own small fetch with the same conventions: the page's language in Accept-Language,
// If-Match on every write, a 401 back to the sign-in page, refusals as ApiError carrying the ProblemDetails.

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
    location.assign('/login?returnUrl=' + encodeURIComponent(location.pathname + location.search));
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

const taskUrl = (taskId) => `/api/tasks/${encodeURIComponent(taskId)}`;

/** The task, its checklist definition and its ETag. */
export async function getTask(taskId) {
  const { json, etag } = await send(taskUrl(taskId));
  return { task: json.task, checklist: json.checklist, etag };
}

/** Confirms the gas test and permit of confined-space work; answers the task and its new ETag. */
export async function confirmSafety(taskId, answers, etag) {
  const { json, etag: next } = await send(`${taskUrl(taskId)}/safety`, { method: 'POST', body: answers, etag });
  return { task: json.task, etag: next };
}

/** Records the checklist result; answers what it did (task, remediationTaskId, alertIds…) and the new ETag. */
export async function recordResult(taskId, answers, etag) {
  const { json, etag: next } = await send(`${taskUrl(taskId)}/result`, { method: 'POST', body: answers, etag });
  return { recorded: json, etag: next };
}
