// What the office page's sections share: the page context (who is signed in, kinds, checklists, campaign options),
// kind titles, error texts, field errors beside their fields, and a progress line for long requests.

import { clear, el } from '../dom.js';
import { pick } from '../i18n.js';
import { tx } from './text.js';

export { toast } from '../ui.js';

/** The kind's title in the current language (zh title / en description of its OGC collection). */
export function kindTitle(context, collection) {
  const c = context.collections.get(collection);
  return c ? pick(c.title, c.description) : collection;
}

/** The checklist's title in the current language. */
export function checklistTitle(context, id) {
  const c = context.checklists.get(id);
  return c ? pick(c.titleZh, c.titleEn) : id;
}

/** A localised message for a failed request (field errors are shown beside their fields separately). */
export function errorText(error) {
  const detail = error?.problem?.detail ?? error?.problem?.title ?? '';
  switch (error?.status) {
    case 0: return tx('errorNetwork');
    case 400: case 422: return tx('errorValidation');
    case 403: return tx('errorForbidden');
    case 404: return tx('errorNotFound');
    case 409: return tx('errorConflict') + detail;
    default:
      return error?.status >= 500 ? tx('errorServer') : tx('errorGeneric') + (detail || error?.message || '');
  }
}

/**
 * Shows ProblemDetails field errors beside the fields: each field name's messages go into the element
 * `#${prefix}error-${name}` (made visible) and its input `#${prefix}field-${name}` is marked invalid. Answers the
 * messages that had no field to go beside.
 */
export function showFieldErrors(root, prefix, errors) {
  clearFieldErrors(root);
  const unplaced = [];
  for (const [name, messages] of Object.entries(errors ?? {})) {
    const text = (Array.isArray(messages) ? messages : [messages]).join(' ');
    const slot = root.querySelector(`#${prefix}error-${CSS.escape(name)}`);
    if (!slot) {
      unplaced.push(`${name}: ${text}`);
      continue;
    }
    slot.textContent = text;
    slot.hidden = false;
    slot.closest('.field')?.classList.add('field-invalid');
    root.querySelector(`#${prefix}field-${CSS.escape(name)}`)?.setAttribute('aria-invalid', 'true');
  }
  return unplaced;
}

export function clearFieldErrors(root) {
  for (const slot of root.querySelectorAll('.field-error')) {
    slot.textContent = '';
    slot.hidden = true;
  }
  for (const field of root.querySelectorAll('.field-invalid')) field.classList.remove('field-invalid');
  for (const input of root.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/**
 * Runs a long request with a progress line in `box`: an indeterminate bar, what is happening and the seconds
 * elapsed, updated every second. Answers the request's result; the box is emptied when it ends.
 */
export async function withProgress(box, messageKey, work) {
  const seconds = el('span', { className: 'progress-seconds' });
  const started = performance.now();
  const tick = () => { seconds.textContent = tx('elapsed', { s: Math.floor((performance.now() - started) / 1000) }); };
  tick();
  clear(box).append(el('div', { className: 'progress', role: 'progressbar', 'aria-busy': 'true' },
    el('span', { className: 'progress-bar' })), el('p', { className: 'progress-text' }, tx(messageKey), ' · ', seconds));
  box.hidden = false;
  const timer = setInterval(tick, 1000);
  try {
    return await work();
  } finally {
    clearInterval(timer);
    clear(box);
    box.hidden = true;
  }
}

/** A table cell with a number, right-aligned. */
export function numberCell(value, className = '') {
  return el('td', { className: `num ${className}`.trim() }, String(value ?? 0));
}
