// The account page: the signed-in user's personal API tokens (issue, list, revoke); admins may list everyone's.
// Every value is set as text (dom.js), never as markup.

import { ApiError, deleteJson, getJson, postJson } from '../api.js';
import { clear, el } from '../dom.js';
import { currentLanguage, onLanguageChange, pick, setLanguage, translate } from '../i18n.js';

const tbody = document.querySelector('#tokens tbody');
const status = document.getElementById('status');
const allTokens = document.getElementById('all-tokens');

const when = (iso) => (iso ? new Date(iso).toLocaleString(currentLanguage() === 'en' ? 'en-GB' : 'zh-CN') : '—');

async function load() {
  const { tokens } = await getJson(`/api/account/tokens${allTokens.checked ? '?all=true' : ''}`);
  clear(tbody);
  status.textContent = tokens.length === 0 ? pick('暂无令牌。', 'No tokens yet.') : '';
  const now = Date.now();
  for (const token of tokens) {
    const expired = token.expiresAt && new Date(token.expiresAt).getTime() <= now;
    tbody.append(el('tr', { dataset: { tokenId: token.id } },
      el('td', { text: token.userName }),
      el('td', { text: token.name }),
      el('td', { text: when(token.createdAt) }),
      el('td', { text: when(token.lastUsedAt) }),
      el('td', { className: expired ? 'expired' : null, text: when(token.expiresAt) + (expired ? pick('（已过期）', ' (expired)') : '') }),
      el('td', {}, el('button', {
        type: 'button', className: 'revoke', text: pick('撤销', 'Revoke'),
        on: { click: () => revoke(token) },
      }))));
  }
}

async function revoke(token) {
  if (!confirm(pick(`撤销令牌“${token.name}”？使用它的客户端将立即无法访问。`, `Revoke “${token.name}”? Clients using it lose access at once.`))) return;
  try {
    await deleteJson(`/api/account/tokens/${encodeURIComponent(token.id)}`);
  } catch (error) {
    status.textContent = error.message;
  }
  await load();
}

async function issue(event) {
  event.preventDefault();
  const error = document.getElementById('issue-error');
  error.textContent = '';
  const days = document.getElementById('token-days').value;
  try {
    const created = await postJson('/api/account/tokens', {
      name: document.getElementById('token-name').value,
      expiresInDays: days === '' ? null : Number(days),
    });
    document.getElementById('new-token-value').textContent = created.token;
    document.getElementById('new-token').hidden = false;
    document.getElementById('issue-form').reset();
  } catch (e) {
    error.textContent = e instanceof ApiError ? Object.values(e.fieldErrors).flat().join(' ') || e.message : String(e);
  }
  await load();
}

async function main() {
  translate();
  document.getElementById('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));
  onLanguageChange(() => load());
  document.getElementById('issue-form').addEventListener('submit', issue);
  allTokens.addEventListener('change', () => load());
  const me = await getJson('/api/me');
  document.getElementById('all-toggle').hidden = !(me.roles ?? []).includes('admin');
  await load();
  document.body.dataset.ready = 'true';
}

main();
