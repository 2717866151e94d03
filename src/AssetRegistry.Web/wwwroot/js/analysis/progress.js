// Status lines of the analysis tools: a spinner while a request runs, then the outcome or the server's problem.

import { clear, el } from '../dom.js';
import { tr } from './messages.js';

/** Shows a spinner and text in a status element; returns a function that clears it. */
export function busy(status, text) {
  clear(status).append(el('span', { className: 'spinner', 'aria-hidden': 'true' }), el('span', { text }));
  status.dataset.busy = 'true';
  return () => {
    clear(status);
    delete status.dataset.busy;
  };
}

/** Writes the outcome of a request: plain text, or the error's ProblemDetails message. */
export function report(status, textOrError) {
  delete status.dataset.busy;
  if (textOrError instanceof Error) clear(status).append(el('span', { className: 'error', text: tr('failed') + textOrError.message }));
  else clear(status).append(el('span', { text: textOrError }));
}

/** A definition list of [label, value] pairs. */
export function facts(list, pairs) {
  clear(list).append(...pairs.flatMap(([label, value]) => [el('dt', { text: label }), el('dd', { text: value })]));
  list.hidden = false;
  list.closest('.tool')?.scrollIntoView({ block: 'nearest' });
}

export const formatNumber = (v, digits = 0) => Number(v).toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: digits });
export const formatPercent = (v) => (v === null || v === undefined ? '—' : `${Number(v).toFixed(2)} %`);
