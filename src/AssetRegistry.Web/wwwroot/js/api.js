// The registry's HTTP API as the page uses it. Writes always carry If-Match; refusals become ApiError with the
// server's ProblemDetails, so forms can show field errors and the editor can offer a conflict resolution on 412.

import { currentLanguage } from './i18n.js';

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem ?? {};
  }

  /** Field name → messages, from ProblemDetails `errors`. */
  get fieldErrors() {
    return this.problem.errors ?? {};
  }
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The antiforgery request token the server gave this page (cookie XSRF-TOKEN); writes echo it in X-XSRF-TOKEN. */
export function antiforgeryToken() {
  const cookie = document.cookie.split('; ').find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.slice('XSRF-TOKEN='.length)) : '';
}

async function send(url, options = {}) {
  let response;
  try {
    // The server words its errors in the page's language; writes carry the antiforgery token.
    const headers = { 'Accept-Language': currentLanguage() === 'en' ? 'en' : 'zh-CN', ...(options.headers ?? {}) };
    if (!safeMethods.has((options.method ?? 'GET').toUpperCase())) headers['X-XSRF-TOKEN'] = antiforgeryToken();
    response = await fetch(url, { credentials: 'same-origin', ...options, headers });
  } catch (networkError) {
    throw new ApiError(0, { title: networkError.message });
  }
  if (response.status === 401) {
    location.assign('/login?returnUrl=' + encodeURIComponent(location.pathname + location.search + location.hash));
    throw new ApiError(401, {});
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      problem = {};
    }
    throw new ApiError(response.status, problem);
  }
  return response;
}

/** A JSON request whose answer's ETag matters too (tasks, rules): If-Match when etag is given, never from the HTTP
 * cache; answers {json, etag}. Refusals throw ApiError like every other request. */
export async function sendJson(url, { method = 'GET', body, etag } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (etag) headers['If-Match'] = etag;
  const response = await send(url, { method, headers, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body) });
  let json = {};
  try {
    json = await response.json();
  } catch {
    json = {};
  }
  return { json, etag: response.headers.get('ETag') };
}

export async function getJson(url, signal) {
  return (await send(url, { signal, headers: { Accept: 'application/json' } })).json();
}

/** GET that answers null on 404 (used where absence is an answer, e.g. no tile service yet). */
export async function getJsonOrNull(url) {
  try {
    return await getJson(url);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

/** DELETE that expects no body back (204). */
export async function deleteJson(url) {
  await send(url, { method: 'DELETE' });
}

export async function postJson(url, body) {
  const response = await send(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}

/** POSTs JSON and answers the response as a file: {blob, fileName} (from Content-Disposition). */
export async function postForFile(url, body) {
  const response = await send(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const fileName = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? 'export';
  return { blob: await response.blob(), fileName };
}

const itemsUrl = (collection) => `/ogc/collections/${encodeURIComponent(collection)}/items`;
const itemUrl = (collection, id) => `${itemsUrl(collection)}/${encodeURIComponent(id)}`;

/** One feature and its ETag. */
export async function getFeature(collection, id) {
  const response = await send(itemUrl(collection, id), { headers: { Accept: 'application/geo+json' } });
  return { feature: await response.json(), etag: response.headers.get('ETag') };
}

/** Features of a collection inside a bbox [minLon, minLat, maxLon, maxLat]. */
export async function getFeaturesInBox(collection, bbox, limit, signal) {
  const box = bbox.map((v) => v.toFixed(6)).join(',');
  return getJson(`${itemsUrl(collection)}?bbox=${box}&limit=${limit}`, signal);
}

export async function createFeature(collection, feature) {
  const response = await send(itemsUrl(collection), {
    method: 'POST',
    headers: { 'Content-Type': 'application/geo+json' },
    body: JSON.stringify(feature),
  });
  return { feature: await response.json(), etag: response.headers.get('ETag') };
}

/** RFC 7396 merge patch: {properties: {...}, geometry: {...}}; refused with 412 when etag is stale. */
export async function patchFeature(collection, id, patch, etag) {
  const response = await send(itemUrl(collection, id), {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag },
    body: JSON.stringify(patch),
  });
  return { feature: await response.json(), etag: response.headers.get('ETag') };
}

export async function deleteFeature(collection, id, etag) {
  await send(itemUrl(collection, id), { method: 'DELETE', headers: { 'If-Match': etag } });
}
