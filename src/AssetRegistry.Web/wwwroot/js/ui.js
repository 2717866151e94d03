// Page furniture: the side panel, messages, the confirmation dialog and the drawing hint bar.

import { clear, el } from './dom.js';
import { bindPair, bindText, t } from './i18n.js';

export class Panel {
  constructor(root) {
    this.root = root;
    this.title = root.querySelector('.panel-title');
    this.body = root.querySelector('.panel-body');
    this.closeListeners = [];
    root.querySelector('.panel-close').addEventListener('click', () => this.close());
  }

  /** Shows the panel with a title node and body nodes, replacing what it held. */
  open(titleNode, ...bodyNodes) {
    clear(this.title).append(titleNode);
    clear(this.body).append(...bodyNodes);
    this.root.hidden = false;
    document.body.classList.add('panel-open');
  }

  close() {
    if (this.root.hidden) return;
    this.root.hidden = true;
    document.body.classList.remove('panel-open');
    const listeners = this.closeListeners;
    this.closeListeners = [];
    for (const listener of listeners) listener();
  }

  /** Runs once when the panel is next closed (by the user or by opening something else in it). */
  onNextClose(listener) {
    this.closeListeners.push(listener);
  }

  get isOpen() {
    return !this.root.hidden;
  }
}

let toastTimer;

/** A short message at the top of the map; kind is info, success or error. */
export function toast(message, kind = 'info') {
  const box = document.getElementById('toast');
  box.textContent = message;
  box.className = `toast toast-${kind}`;
  box.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { box.hidden = true; }, kind === 'error' ? 8000 : 3500);
}

/** A modal question answered by one of the buttons: resolves to the chosen button's value. */
export function ask({ titleKey, body, buttons }) {
  const dialog = document.getElementById('dialog');
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.close();
      resolve(value);
    };
    clear(dialog).append(
      el('form', { method: 'dialog', className: 'dialog-form', on: { submit: (e) => e.preventDefault() } },
        bindText(el('h2', { id: 'dialog-title' }), titleKey),
        ...(Array.isArray(body) ? body : [body]),
        el('div', { className: 'dialog-buttons' },
          ...buttons.map((b) => {
            const button = el('button', {
              type: 'button', className: b.className ?? 'button', dataset: { choice: b.value },
              on: { click: () => done(b.value) },
            });
            return b.labelKey ? bindText(button, b.labelKey) : bindPair(button, b.zh, b.en);
          }))));
    dialog.setAttribute('aria-labelledby', 'dialog-title');
    dialog.addEventListener('cancel', () => resolve('cancel'), { once: true });
    dialog.showModal();
  });
}

/** The bar that says what to do while drawing, with a cancel button. */
export function showHint(messageKey, onCancel) {
  const bar = document.getElementById('hint-bar');
  clear(bar).append(
    bindText(el('span'), messageKey),
    bindText(el('button', { type: 'button', className: 'button button-small', on: { click: onCancel } }), 'cancel'));
  bar.hidden = false;
}

export function hideHint() {
  document.getElementById('hint-bar').hidden = true;
}

/** Localised message for a failed request (field errors are shown beside their fields separately). */
export function errorMessage(error) {
  switch (error?.status) {
    case 0: return t('errorNetwork');
    case 400: case 422: return t('errorValidation');
    case 403: return t('errorForbidden');
    case 404: return t('errorNotFound');
    case 409: return t('errorConflict') + (error.problem.detail ?? error.problem.title ?? '');
    case 413: return t('errorTooLarge');
    default:
      return error?.status >= 500 ? t('errorServer') : t('errorGeneric') + (error?.problem?.detail ?? error?.message ?? '');
  }
}
