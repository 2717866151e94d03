// The task requests of the crew page: they need the response's ETag, so they go through api.js's sendJson (the
// page's language in Accept-Language, If-Match on every write, a 401 back to the sign-in page, refusals as ApiError).

import { sendJson as send } from '../api.js';

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
