// The upload: a multipart POST to /api/imports through XMLHttpRequest, because fetch cannot report upload progress
// and the file can be hundreds of MB. Refusals become ApiError with the server's ProblemDetails, like api.js.

import { ApiError, antiforgeryToken } from '../api.js';
import { currentLanguage } from '../i18n.js';

/**
 * Sends the form fields and the file; onProgress(loaded, total) follows the upload. Resolves to the run (202
 * body) once the server has taken the file; rejects with ApiError (status 0 for a network failure or an abort).
 * The returned promise has abort() to cancel the upload.
 */
export function uploadImport(fields, file, onProgress) {
  const xhr = new XMLHttpRequest();
  const promise = new Promise((resolve, reject) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (value !== undefined && value !== null && value !== '') body.append(name, value);
    }
    body.append('file', file, file.name);
    xhr.open('POST', '/api/imports');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-XSRF-TOKEN', antiforgeryToken());
    xhr.setRequestHeader('Accept-Language', currentLanguage() === 'en' ? 'en' : 'zh-CN');
    xhr.upload.onprogress = (event) => onProgress?.(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, { title: 'network' }));
    xhr.onabort = () => reject(new ApiError(0, { title: 'aborted' }));
    xhr.onload = () => {
      let json = {};
      try {
        json = JSON.parse(xhr.responseText || '{}');
      } catch {
        json = {};
      }
      if (xhr.status === 401) {
        location.assign('/login?returnUrl=' + encodeURIComponent(location.pathname + location.search));
        reject(new ApiError(401, {}));
      } else if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(file.size, file.size);
        resolve(json);
      } else {
        reject(new ApiError(xhr.status, json));
      }
    };
    xhr.send(body);
  });
  promise.abort = () => xhr.abort();
  return promise;
}
