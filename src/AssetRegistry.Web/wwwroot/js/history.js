// The history panel of an asset: who changed it, when, and what (before → after), newest first.

import { getJson } from './api.js';
import { clear, el } from './dom.js';
import { bindPair, bindText, isEnglish, t } from './i18n.js';
import { displayValue } from './editor.js';
import { errorMessage } from './ui.js';

const operationKeys = { create: 'opCreate', update: 'opUpdate', delete: 'opDelete', import: 'opImport' };

export async function renderHistory(container, id, schemas, kindTitle) {
  clear(container).append(bindText(el('p', { className: 'muted' }), 'loading'));
  let history;
  try {
    history = await getJson(`/api/assets/${encodeURIComponent(id)}/history`);
  } catch (error) {
    clear(container).append(el('p', { className: 'form-error' }, error.status === 404 ? t('historyEmpty') : errorMessage(error)));
    return;
  }
  const schema = schemas.get(history.collection);
  const entries = [...history.changes].reverse().map((change) => {
    const when = new Date(change.changedAt).toLocaleString(isEnglish() ? 'en-GB' : 'zh-CN');
    const details = (change.changes ?? []).map((c) => {
      const property = schema?.properties?.[c.property];
      const name = c.property === 'geometry'
        ? bindText(el('span', { className: 'history-property' }), 'geometry')
        : bindPair(el('span', { className: 'history-property' }), property?.title ?? c.property, property?.['x-title-en'] ?? c.property);
      const values = c.property === 'geometry'
        ? bindText(el('span', { className: 'history-values' }), 'changedShape')
        : el('span', { className: 'history-values' },
          el('del', {}, displayValue(c.property, property, c.before)), ' → ', el('ins', {}, displayValue(c.property, property, c.after)));
      return el('li', {}, name, ' ', values);
    });
    return el('li', { className: `history-entry history-${change.operation}` },
      el('div', { className: 'history-head' },
        bindText(el('span', { className: 'history-op' }), operationKeys[change.operation] ?? change.operation),
        el('span', { className: 'history-who', text: change.changedBy }),
        el('time', { dateTime: change.changedAt, text: when }),
        el('span', { className: 'history-version' }, 'v', String(change.version ?? ''))),
      details.length ? el('ul', { className: 'history-changes' }, details) : null);
  });
  const [zh, en] = kindTitle(history.collection);
  clear(container).append(
    bindPair(el('p', { className: 'muted' }), zh, en),
    entries.length ? el('ol', { className: 'history-list' }, entries) : bindText(el('p'), 'historyEmpty'));
}
