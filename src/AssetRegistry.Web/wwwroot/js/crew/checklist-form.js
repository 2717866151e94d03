// A checklist definition (GET /api/tasks/{id} → checklist, or /api/checklists) turned into touch-sized inputs:
// booleans as switches, short choices as segmented buttons, longer ones as a list or a select, multi-choices as
// chips, numbers with their unit and range, number lists as one comma-separated input, and repeated groups (sewer
// defects, bridge element deductions) as cards that can be added and removed. Reading the inputs gives the answers
// object the result endpoint takes; server field errors (`defects[1].grade`) are shown beside their field.

import { el } from '../dom.js';
import { bindPair } from '../i18n.js';
import { bindKey } from './text.js';

let nextId = 0;
const uniqueId = (prefix) => `${prefix}-${++nextId}`;

const longLabel = (option) => Math.max(option.titleZh?.length ?? 0, (option.titleEn?.length ?? 0) / 2) > 8;

function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

/** A range hint such as "0–500 mm", or null. */
function rangeText(field) {
  const unit = field.unit ? ` ${field.unit}` : '';
  if (field.minimum != null && field.maximum != null) return `${formatNumber(field.minimum)}–${formatNumber(field.maximum)}${unit}`;
  if (field.minimum != null) return `≥ ${formatNumber(field.minimum)}${unit}`;
  if (field.maximum != null) return `≤ ${formatNumber(field.maximum)}${unit}`;
  return null;
}

/** Standards' own short codes (CJJ 181's PL, TJ…) lead their label, as crews know them by code. */
function optionText(option, title) {
  return /^[A-Z]{2,4}$/.test(option.code) && title !== option.code ? `${option.code} ${title}` : title;
}

/** The label row of a field: title, required mark, unit. */
function fieldLabel(field, forId, tag = 'label') {
  const label = el(tag, { className: 'field-label', for: tag === 'label' ? forId : undefined, id: tag === 'label' ? undefined : forId },
    bindPair(el('span', { className: 'field-title' }), field.titleZh, field.titleEn));
  if (field.required && field.type !== 'boolean') label.append(el('span', { className: 'field-required', 'aria-hidden': 'true', text: '*' }));
  return label;
}

/** Base of every field: its wrapper, error slot and error handling. */
class FieldControl {
  constructor(field, wrapperClass) {
    this.field = field;
    this.errorSlot = el('p', { className: 'field-error', role: 'alert', hidden: true });
    this.node = el('div', { className: `field ${wrapperClass}`, dataset: { field: field.name, type: field.type } });
  }

  finish(...children) {
    this.node.append(...children, this.errorSlot);
    return this;
  }

  /** The control an error path below this field belongs to; this field itself unless it holds items. */
  child() {
    return this;
  }

  showError(messages) {
    this.node.classList.add('field-invalid');
    this.errorSlot.textContent = messages.join(' ');
    this.errorSlot.hidden = false;
  }

  clearErrors() {
    this.node.classList.remove('field-invalid');
    this.errorSlot.textContent = '';
    this.errorSlot.hidden = true;
  }
}

class BooleanControl extends FieldControl {
  constructor(field) {
    super(field, 'field-boolean');
    const id = uniqueId('cf');
    this.input = el('input', { type: 'checkbox', id, role: 'switch', className: 'switch-input' });
    this.finish(el('label', { className: 'switch', for: id },
      bindPair(el('span', { className: 'field-title' }), field.titleZh, field.titleEn),
      this.input,
      el('span', { className: 'switch-track', 'aria-hidden': 'true' }, el('span', { className: 'switch-thumb' }))));
  }

  read() {
    return this.input.checked;
  }

  setDisabled(disabled) {
    this.input.disabled = disabled;
  }
}

class ChoiceControl extends FieldControl {
  constructor(field) {
    const options = field.options ?? [];
    const style = options.length <= 4 && !options.some(longLabel) ? 'segmented' : options.length <= 6 ? 'radio-list' : 'select';
    super(field, `field-choice field-${style}`);
    const labelId = uniqueId('cf');
    if (style === 'select') {
      this.select = el('select', { id: labelId },
        bindKey(el('option', { value: '' }), 'chooseOne'),
        options.map((o) => bindPair(el('option', { value: o.code }), optionText(o, o.titleZh), optionText(o, o.titleEn))));
      this.finish(fieldLabel(field, labelId), this.select);
    } else {
      const name = uniqueId('choice');
      this.radios = options.map((o) => el('input', { type: 'radio', name, value: o.code, className: 'option-input' }));
      const group = el('div', { className: style, role: 'radiogroup', 'aria-labelledby': labelId },
        options.map((o, i) => el('label', { className: 'option', dataset: { code: o.code } },
          this.radios[i], bindPair(el('span', { className: 'option-text' }), o.titleZh, o.titleEn))));
      this.finish(fieldLabel(field, labelId, 'div'), group);
    }
  }

  read() {
    if (this.select) return this.select.value === '' ? undefined : this.select.value;
    return this.radios.find((r) => r.checked)?.value;
  }

  setDisabled(disabled) {
    if (this.select) this.select.disabled = disabled;
    else for (const radio of this.radios) radio.disabled = disabled;
  }
}

class MultiChoiceControl extends FieldControl {
  constructor(field) {
    super(field, 'field-multi');
    const labelId = uniqueId('cf');
    this.boxes = (field.options ?? []).map((o) => el('input', { type: 'checkbox', value: o.code, className: 'option-input' }));
    this.finish(
      fieldLabel(field, labelId, 'div'),
      bindKey(el('p', { className: 'field-hint' }), 'noneSelected'),
      el('div', { className: 'chips', role: 'group', 'aria-labelledby': labelId },
        (field.options ?? []).map((o, i) => el('label', { className: 'chip', dataset: { code: o.code } },
          this.boxes[i], bindPair(el('span', { className: 'option-text' }), o.titleZh, o.titleEn)))));
  }

  read() {
    return this.boxes.filter((b) => b.checked).map((b) => b.value);
  }

  setDisabled(disabled) {
    for (const box of this.boxes) box.disabled = disabled;
  }
}

class NumberControl extends FieldControl {
  constructor(field) {
    super(field, 'field-number');
    const id = uniqueId('cf');
    const whole = field.type === 'integer';
    this.input = el('input', {
      type: 'number', id, inputmode: whole ? 'numeric' : 'decimal', step: whole ? '1' : 'any',
      min: field.minimum ?? undefined, max: field.maximum ?? undefined, autocomplete: 'off',
    });
    const range = rangeText(field);
    this.finish(
      fieldLabel(field, id),
      el('div', { className: 'number-input' }, this.input, field.unit ? el('span', { className: 'unit', text: field.unit }) : null),
      range ? el('p', { className: 'field-hint' }, bindKey(el('span'), 'range'), ` ${range}`) : null);
  }

  read() {
    return this.input.value === '' ? undefined : Number(this.input.value);
  }

  setDisabled(disabled) {
    this.input.disabled = disabled;
  }
}

class TextControl extends FieldControl {
  constructor(field) {
    super(field, 'field-text');
    const id = uniqueId('cf');
    // Short answers (a permit number) on one line; notes and actions get room to write.
    this.input = (field.maxLength ?? Infinity) <= 120
      ? el('input', { type: 'text', id, maxlength: field.maxLength, autocomplete: 'off' })
      : el('textarea', { id, rows: 2, maxlength: field.maxLength ?? undefined });
    this.finish(fieldLabel(field, id), this.input);
  }

  read() {
    const text = this.input.value.trim();
    return text === '' ? undefined : text;
  }

  setDisabled(disabled) {
    this.input.disabled = disabled;
  }
}

class NumberListControl extends FieldControl {
  constructor(field) {
    super(field, 'field-number-list');
    const id = uniqueId('cf');
    this.input = el('input', { type: 'text', id, inputmode: 'decimal', autocomplete: 'off' });
    const range = rangeText(field);
    this.finish(
      fieldLabel(field, id),
      this.input,
      el('p', { className: 'field-hint' }, bindKey(el('span'), 'numberListHint'), range ? `（${range}）` : null));
  }

  /** Numbers as numbers; anything else is sent as typed, so the server names the bad value beside the field. */
  read() {
    const parts = this.input.value.split(/[\s,，、;；]+/).filter((p) => p !== '');
    if (parts.length === 0) return this.field.required ? [] : undefined;
    return parts.map((p) => (Number.isFinite(Number(p)) ? Number(p) : p));
  }

  setDisabled(disabled) {
    this.input.disabled = disabled;
  }
}

/** A repeated group: one card per element, each answering the field's item fields. */
class ItemsControl extends FieldControl {
  constructor(field) {
    super(field, 'field-items');
    this.items = [];
    this.list = el('div', { className: 'item-list' });
    this.empty = bindKey(el('p', { className: 'field-hint items-empty' }), 'noItems');
    this.addButton = el('button', { type: 'button', className: 'button add-item', on: { click: () => this.add() } },
      el('span', { 'aria-hidden': 'true', text: '＋ ' }), bindKey(el('span'), 'addItem'),
      bindPair(el('span', { className: 'add-item-what' }), `：${field.titleZh}`, `: ${field.titleEn}`));
    this.finish(fieldLabel(field, uniqueId('cf'), 'div'), this.empty, this.list, this.addButton);
  }

  add() {
    const fields = new FieldSet(this.field.itemFields ?? []);
    const title = el('span', { className: 'item-title' });
    const card = el('fieldset', { className: 'item-card' },
      el('legend', { className: 'item-head' }, title,
        el('button', { type: 'button', className: 'button button-small remove-item', on: { click: () => this.remove(item) } }, bindKey(el('span'), 'removeItem'))),
      fields.node);
    const item = { card, fields, title };
    this.items.push(item);
    this.list.append(card);
    this.renumber();
    card.querySelector('input, select, textarea')?.focus();
    return item;
  }

  remove(item) {
    this.items = this.items.filter((i) => i !== item);
    item.card.remove();
    this.renumber();
  }

  renumber() {
    this.items.forEach((item, i) => bindKey(item.title, 'itemNumber', { n: i + 1 }));
    this.empty.hidden = this.items.length > 0;
  }

  read() {
    return this.items.map((item) => item.fields.read());
  }

  child(segment) {
    return typeof segment === 'number' && this.items[segment] ? this.items[segment].fields : this;
  }

  clearErrors() {
    super.clearErrors();
    for (const item of this.items) item.fields.clearErrors();
  }

  setDisabled(disabled) {
    this.addButton.disabled = disabled;
    for (const item of this.items) {
      item.fields.setDisabled(disabled);
      item.card.querySelector('.remove-item').disabled = disabled;
    }
  }
}

const controls = {
  boolean: BooleanControl,
  integer: NumberControl,
  number: NumberControl,
  text: TextControl,
  choice: ChoiceControl,
  multi_choice: MultiChoiceControl,
  number_list: NumberListControl,
  items: ItemsControl,
};

/** The fields of a checklist (or of one item of a repeated group). */
class FieldSet {
  constructor(fields) {
    this.controls = fields.map((f) => new (controls[f.type] ?? TextControl)(f));
    this.node = el('div', { className: 'fields' }, this.controls.map((c) => c.node));
  }

  read() {
    const answers = {};
    for (const control of this.controls) {
      const value = control.read();
      if (value !== undefined) answers[control.field.name] = value;
    }
    return answers;
  }

  child(segment) {
    return this.controls.find((c) => c.field.name === segment) ?? null;
  }

  clearErrors() {
    for (const control of this.controls) control.clearErrors();
  }

  setDisabled(disabled) {
    for (const control of this.controls) control.setDisabled(disabled);
  }
}

/** `defects[1].grade` → ['defects', 1, 'grade']. */
function pathSegments(path) {
  const segments = [];
  for (const part of path.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) return [path];
    if (match[1]) segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

export class ChecklistForm {
  /** definition: {fields: [...]} as the API serves it. */
  constructor(definition) {
    this.fieldSet = new FieldSet(definition.fields ?? []);
    this.node = this.fieldSet.node;
    this.node.classList.add('checklist-fields');
  }

  /** The answers object for the API: absent optional answers are left out. */
  read() {
    return this.fieldSet.read();
  }

  setDisabled(disabled) {
    this.fieldSet.setDisabled(disabled);
  }

  clearErrors() {
    this.fieldSet.clearErrors();
  }

  /**
   * Shows ProblemDetails `errors` beside their fields: each path is followed as deep as the form goes (an error on
   * `elements[0].deductions[1]` lands on that card's deductions). Answers the messages no field took.
   */
  showErrors(errors) {
    const unplaced = [];
    let first = null;
    for (const [path, messages] of Object.entries(errors ?? {})) {
      let target = null;
      let container = this.fieldSet;
      for (const segment of pathSegments(path)) {
        const next = container.child(segment);
        if (!next) break;
        if (next instanceof FieldControl) target = next;
        if (next === container) break;
        container = next;
      }
      if (target) {
        target.showError(messages);
        first ??= target.node;
      } else {
        unplaced.push(...messages);
      }
    }
    first?.scrollIntoView({ block: 'center', behavior: 'smooth' });
    return unplaced;
  }
}
