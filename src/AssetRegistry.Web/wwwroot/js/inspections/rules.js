// 检查规则: the inspection rules as a table (engineers read it), and for admins an edit form that PUTs with
// If-Match, shows the server's field errors beside the fields, and on 412 shows the user's edit beside the current
// rule so they can load the current version or save theirs over it.

import { ApiError, getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { enumLabel, isEnglish, pick } from '../i18n.js';
import { checklistTitle, clearFieldErrors, errorText, kindTitle, showFieldErrors, toast } from './common.js';
import { getRule, putRule } from './office-api.js';
import { formatCount, inspectionTypeLabel, tx } from './text.js';

/** The fields the form edits, in form order; `code`, `collection` and `version` travel unchanged. */
const editedFields = [
  'titleZh', 'titleEn', 'inspectionType', 'intervalDays', 'seasonStartMonth', 'seasonEndMonth', 'filterAttribute', 'filterValues',
  'lastDoneAttribute', 'checklist', 'confinedSpace', 'verification', 'active', 'source',
];

export class RulesSection {
  constructor(context) {
    this.context = context;
    this.body = document.querySelector('#rules-table tbody');
    this.status = document.getElementById('rules-status');
    this.intro = document.getElementById('rules-intro');
    this.dialog = document.getElementById('dialog');
    this.rules = [];
    document.getElementById('rules-refresh').addEventListener('click', () => this.load());
  }

  get canEdit() {
    return this.context.isAdmin;
  }

  async load() {
    this.status.textContent = tx('loading');
    try {
      const { rules } = await getJson('/api/inspections-office/rules');
      await this.loadAttributeTitles(rules);
      this.rules = rules;
      this.status.textContent = '';
      this.render();
    } catch (error) {
      this.status.textContent = errorText(error);
    }
  }

  /** The titles of the attributes the rules filter on, from each kind's queryables (fetched once per kind). */
  async loadAttributeTitles(rules) {
    this.attributes ??= new Map();
    const kinds = [...new Set(rules.filter((r) => r.filterAttribute).map((r) => r.collection))].filter((c) => !this.attributes.has(c));
    await Promise.all(kinds.map(async (c) => {
      const schema = await getJson(`/ogc/collections/${encodeURIComponent(c)}/queryables`);
      this.attributes.set(c, schema.properties ?? {});
    }));
  }

  /** "Attribute: value, value" with the attribute's title and the values' labels. */
  filterText(rule) {
    if (!rule.filterAttribute) return tx('allAssets');
    const property = this.attributes?.get(rule.collection)?.[rule.filterAttribute];
    const title = property ? pick(property.title, property['x-title-en']) : rule.filterAttribute;
    const values = (rule.filterValues ?? []).map((v) => (v === '' ? tx('emptyValue') : enumLabel(rule.filterAttribute, v)));
    return el('span', { className: 'rule-filter', title: `${rule.filterAttribute} ∈ {${(rule.filterValues ?? []).join(', ')}}` },
      el('span', { className: 'filter-attribute' }, title), values.join(isEnglish() ? ', ' : '、'));
  }

  render() {
    this.intro.textContent = tx(this.canEdit ? 'rulesIntroAdmin' : 'rulesIntroReadOnly');
    clear(this.body);
    for (const rule of this.rules) {
      const edit = this.canEdit
        ? el('td', { className: 'admin-only' }, el('button', {
          type: 'button', className: 'button button-small rule-edit', dataset: { ruleId: rule.id },
          on: { click: () => this.edit(rule.id) },
        }, tx('edit')))
        : null;
      this.body.append(el('tr', { dataset: { ruleId: rule.id, ruleCode: rule.code }, className: rule.active ? '' : 'row-inactive' },
        el('td', {}, kindTitle(this.context, rule.collection)),
        el('td', {}, el('span', { className: 'rule-title' }, pick(rule.titleZh, rule.titleEn)),
          el('span', { className: 'rule-code' }, rule.code)),
        el('td', {}, this.filterText(rule)),
        el('td', { className: 'num rule-interval' }, formatCount(rule.intervalDays)),
        el('td', {}, seasonText(rule)),
        el('td', {}, checklistTitle(this.context, rule.checklist)),
        el('td', {}, rule.confinedSpace ? el('span', { className: 'tag tag-warning' }, tx('yes')) : tx('no')),
        el('td', { className: 'rule-source' }, rule.source),
        el('td', {}, el('span', { className: `tag tag-${rule.verification}` }, tx(`verification_${rule.verification}`))),
        el('td', {}, rule.active ? tx('yes') : el('span', { className: 'muted' }, tx('no'))),
        edit));
    }
  }

  /** Opens the edit form with the rule as the server has it now (and its ETag). */
  async edit(id) {
    try {
      const { rule, etag } = await getRule(id);
      this.openForm(rule, etag);
    } catch (error) {
      toast(errorText(error), 'error');
    }
  }

  openForm(rule, etag, draft = null) {
    const values = draft ?? rule;
    const form = el('form', { className: 'dialog-form rule-form', id: 'rule-form', novalidate: true });
    const checklists = [...this.context.checklists.values()].filter((c) => c.collection === rule.collection || c.collection === '*');
    const monthOptions = [['', tx('noMonth')], ...Array.from({ length: 12 }, (_, i) => [String(i + 1), String(i + 1)])];
    form.append(
      el('h2', { id: 'dialog-title' }, tx('editRule')),
      el('p', { className: 'rule-heading' }, el('span', { className: 'tag' }, kindTitle(this.context, rule.collection)), ' ',
        el('code', { className: 'rule-code' }, rule.code)),
      el('p', { id: 'rule-form-error', className: 'form-error', role: 'alert', hidden: true }),
      el('div', { className: 'form-grid' },
        textField('titleZh', values.titleZh),
        textField('titleEn', values.titleEn),
        selectField('inspectionType', values.inspectionType, this.context.options.inspectionTypes.map((c) => [c, inspectionTypeLabel(c)])),
        numberField('intervalDays', values.intervalDays),
        selectField('seasonStartMonth', values.seasonStartMonth, monthOptions),
        selectField('seasonEndMonth', values.seasonEndMonth, monthOptions),
        textField('filterAttribute', values.filterAttribute),
        textField('filterValues', (values.filterValues ?? []).join(', ')),
        textField('lastDoneAttribute', values.lastDoneAttribute),
        selectField('checklist', values.checklist, checklists.map((c) => [c.id, pick(c.titleZh, c.titleEn)])),
        selectField('verification', values.verification, this.context.options.verifications.map((v) => [v, tx(`verification_${v}`)])),
        checkField('confinedSpace', values.confinedSpace),
        checkField('active', values.active),
        textareaField('source', values.source)),
      el('div', { className: 'dialog-buttons' },
        el('button', { type: 'button', className: 'button', on: { click: () => this.dialog.close() } }, tx('cancel')),
        el('button', { type: 'submit', className: 'button button-primary', id: 'rule-save' }, tx('save'))));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.save(form, rule, etag);
    });
    clear(this.dialog).append(form);
    this.dialog.setAttribute('aria-labelledby', 'dialog-title');
    if (!this.dialog.open) this.dialog.showModal();
    form.querySelector('#rule-field-intervalDays')?.focus();
  }

  async save(form, rule, etag) {
    const edited = readForm(form, rule);
    const button = form.querySelector('#rule-save');
    const formError = form.querySelector('#rule-form-error');
    clearFieldErrors(form);
    formError.hidden = true;
    button.disabled = true;
    button.textContent = tx('saving');
    try {
      const { rule: stored } = await putRule(rule.id, edited, etag);
      this.dialog.close();
      this.replace(stored);
      toast(tx('ruleSaved'), 'success');
    } catch (error) {
      button.disabled = false;
      button.textContent = tx('save');
      if (error instanceof ApiError && error.status === 412) {
        await this.showConflict(rule, edited);
        return;
      }
      const unplaced = error instanceof ApiError ? showFieldErrors(form, 'rule-', error.fieldErrors) : [];
      formError.textContent = [errorText(error), ...unplaced].join(' ');
      formError.hidden = false;
    }
  }

  /** Someone else changed the rule: nothing was written. Shows the user's edit beside the current rule. */
  async showConflict(rule, mine) {
    let current;
    let currentEtag;
    try {
      ({ rule: current, etag: currentEtag } = await getRule(rule.id));
    } catch (error) {
      toast(errorText(error), 'error');
      return;
    }
    this.replace(current);
    const rows = editedFields.map((name) => {
      const a = display(name, mine[name], this.context);
      const b = display(name, current[name], this.context);
      return el('tr', { className: a === b ? '' : 'conflict-differs', dataset: { field: name } },
        el('th', { scope: 'row' }, tx(name)), el('td', { className: 'conflict-mine' }, a), el('td', { className: 'conflict-current' }, b));
    });
    const box = el('div', { className: 'dialog-form conflict', id: 'rule-conflict' },
      el('h2', { id: 'dialog-title' }, tx('conflictTitle')),
      el('p', {}, tx('conflictIntro')),
      el('div', { className: 'table-scroll' }, el('table', { className: 'data-table conflict-table' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, tx('field')), el('th', { scope: 'col' }, tx('yourVersion')),
          el('th', { scope: 'col' }, tx('currentVersion')))),
        el('tbody', {}, rows))),
      el('div', { className: 'dialog-buttons' },
        el('button', { type: 'button', className: 'button', on: { click: () => this.dialog.close() } }, tx('cancel')),
        el('button', { type: 'button', className: 'button', id: 'conflict-reapply', on: { click: () => this.openForm(current, currentEtag, { ...current, ...mine }) } },
          tx('reapply')),
        el('button', { type: 'button', className: 'button button-primary', id: 'conflict-reload', on: { click: () => this.openForm(current, currentEtag) } },
          tx('reloadCurrent'))));
    clear(this.dialog).append(box);
  }

  /** Puts a rule the server answered with into the table. */
  replace(rule) {
    const index = this.rules.findIndex((r) => r.id === rule.id);
    if (index >= 0) this.rules[index] = rule;
    this.render();
  }
}

/** The rule the form describes: every rule field, the unedited ones as they were. */
function readForm(form, rule) {
  const value = (name) => form.querySelector(`#rule-field-${name}`).value.trim();
  const orNull = (text) => (text === '' ? null : text);
  const number = (text) => (text === '' ? null : Number(text));
  const values = value('filterValues');
  return {
    code: rule.code,
    collection: rule.collection,
    titleZh: orNull(value('titleZh')),
    titleEn: orNull(value('titleEn')),
    inspectionType: value('inspectionType'),
    intervalDays: number(value('intervalDays')),
    seasonStartMonth: number(value('seasonStartMonth')),
    seasonEndMonth: number(value('seasonEndMonth')),
    filterAttribute: orNull(value('filterAttribute')),
    filterValues: values === '' ? null : values.split(/[,，]/).map((v) => v.trim()),
    lastDoneAttribute: orNull(value('lastDoneAttribute')),
    checklist: value('checklist'),
    confinedSpace: form.querySelector('#rule-field-confinedSpace').checked,
    verification: value('verification'),
    active: form.querySelector('#rule-field-active').checked,
    source: orNull(value('source')),
  };
}

function display(name, value, context) {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return tx(value ? 'yes' : 'no');
  if (Array.isArray(value)) return value.join(', ');
  if (name === 'inspectionType') return inspectionTypeLabel(value);
  if (name === 'checklist') return checklistTitle(context, value);
  if (name === 'verification') return tx(`verification_${value}`);
  return String(value);
}


function seasonText(rule) {
  if (rule.seasonStartMonth == null) return tx('allYear');
  return tx('months', { from: rule.seasonStartMonth, to: rule.seasonEndMonth });
}

function fieldShell(name, control, wide = false) {
  return el('div', { className: `field${wide ? ' field-wide' : ''}` },
    el('label', { for: `rule-field-${name}` }, tx(name)),
    control,
    el('p', { className: 'field-error', id: `rule-error-${name}`, hidden: true }));
}

function textField(name, value) {
  const input = el('input', { type: 'text', id: `rule-field-${name}`, name, autocomplete: 'off' });
  input.value = value ?? '';
  return fieldShell(name, input);
}

function numberField(name, value) {
  const input = el('input', { type: 'number', id: `rule-field-${name}`, name, inputmode: 'numeric', step: '1' });
  input.value = value ?? '';
  return fieldShell(name, input);
}

function textareaField(name, value) {
  const input = el('textarea', { id: `rule-field-${name}`, name, rows: '3' });
  input.value = value ?? '';
  return fieldShell(name, input, true);
}

function selectField(name, value, options) {
  const select = el('select', { id: `rule-field-${name}`, name },
    options.map(([code, label]) => el('option', { value: code }, label)));
  select.value = value == null ? '' : String(value);
  return fieldShell(name, select);
}

function checkField(name, checked) {
  const input = el('input', { type: 'checkbox', id: `rule-field-${name}`, name });
  input.checked = !!checked;
  return el('div', { className: 'field field-check' },
    el('label', { for: `rule-field-${name}` }, input, ' ', tx(name)),
    el('p', { className: 'field-error', id: `rule-error-${name}`, hidden: true }));
}
