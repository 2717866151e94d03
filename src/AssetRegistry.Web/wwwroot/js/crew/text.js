// The crew page's own texts in Simplified Chinese and English; the static ones sit in crew.html as data-zh/data-en.
// The language itself (and its storage, shared with the map) is i18n.js's; texts are bound with bindPair so a
// language switch re-translates them in place.

import { bindPair, pick } from '../i18n.js';

const texts = {
  pageTitle: ['今日巡查 · 泉州市市政设施', 'My list today · Quanzhou infrastructure'],
  listNumber: ['第 {n} 单', 'List {n}'],
  progress: ['进度', 'Progress'],
  routeLength: ['路线长度', 'Route length'],
  routeNote: ['按站点顺序', 'in stop order'],
  stopNumber: ['第 {n} 站', 'Stop {n}'],
  due: ['到期', 'Due'],
  confinedSpace: ['有限空间作业', 'Confined space'],
  cardRed: ['红牌督办', 'Red card'],
  cardYellow: ['黄牌督办', 'Yellow card'],
  statusOpen: ['待检查', 'To do'],
  statusDone: ['已完成', 'Done'],
  statusCancelled: ['已取消', 'Cancelled'],
  nextStop: ['下一站', 'Next'],
  deletedAsset: ['（设施已删除）', '(asset deleted)'],
  taskLoading: ['正在加载检查表…', 'Loading the checklist…'],
  safetyIntro: [
    '此站点需进入检查井或管道，属有限空间作业。作业前必须完成气体检测并取得作业审批；确认后才能记录结果。',
    'This stop needs entry into a manhole or sewer (confined space). Test the air and get the work permit first; results can be recorded only after this confirmation.',
  ],
  confirmSafety: ['确认气体检测合格并已取得许可', 'Confirm gas test passed and permit held'],
  confirming: ['正在确认…', 'Confirming…'],
  safetyConfirmed: ['安全确认已完成', 'Safety confirmed'],
  safetyConfirmedBy: ['确认人：', 'Confirmed by '],
  lockedUntilSafety: ['完成上方安全确认后方可记录结果。', 'Confirm safety above before recording the result.'],
  submit: ['提交检查结果', 'Submit result'],
  submitting: ['正在提交…', 'Submitting…'],
  recorded: ['第 {n} 站结果已记录', 'Stop {n} recorded'],
  remediationDue: ['已生成整改任务，须于 {time} 前完成', 'Remediation opened, due by {time}'],
  alertsRaised: ['已即时通知管理员', 'Admins have been alerted'],
  staleTask: [
    '此任务在您打开后已被他人修改，未写入任何内容。已重新加载最新内容，请核对后再提交。',
    'Someone changed this task after you opened it; nothing was written. It has been reloaded: check it and submit again.',
  ],
  safetyFirst: ['此站点为有限空间作业，请先完成安全确认。', 'This is confined-space work: confirm safety first.'],
  taskDone: ['此任务已完成', 'This task is done'],
  completedBy: ['完成人', 'Done by'],
  completedAt: ['完成时间', 'Done at'],
  resultCondition: ['评定状况', 'Condition found'],
  findings: ['发现的问题', 'Findings'],
  noFindings: ['未发现问题', 'Nothing found'],
  taskNotOpen: ['此任务已取消，无需记录。', 'This task was cancelled; nothing to record.'],
  chooseOne: ['请选择', 'Choose'],
  addItem: ['添加一项', 'Add one'],
  removeItem: ['删除', 'Remove'],
  itemNumber: ['第 {n} 项', 'Item {n}'],
  noItems: ['暂无，如有请点击“添加一项”', 'None yet; tap “Add one” if there are any'],
  numberListHint: ['多个数值用逗号分隔，如 35, 20', 'Separate several values with commas, e.g. 35, 20'],
  range: ['范围', 'Range'],
  noneSelected: ['未勾选即表示无此类问题', 'Leave unticked when there is none'],
};

// Labels of the inspection types a stop can carry (the codes of InspectionTypes on the server).
const inspectionTypes = {
  cover_patrol: ['井盖巡查', 'Cover patrol'],
  night_patrol: ['夜间巡灯', 'Night patrol'],
  electrical_test: ['电气检测', 'Electrical test'],
  leakage_check: ['漏电检查', 'Leakage check'],
  routine_patrol: ['日常巡查', 'Routine patrol'],
  periodic_inspection: ['常规定期检测', 'Periodic inspection'],
  structural_inspection: ['结构定期检测', 'Structural inspection'],
  special_inspection: ['特殊检测', 'Special inspection'],
  tree_patrol: ['古树巡查', 'Tree patrol'],
  tree_health_check: ['古树体检', 'Tree health check'],
  pest_disease_check: ['病虫害检查', 'Pest and disease check'],
  cctv_survey: ['CCTV 检测', 'CCTV survey'],
  pre_flood_survey: ['汛前排查', 'Pre-flood survey'],
  post_storm_survey: ['暴雨后排查', 'Post-storm survey'],
  emergency_check: ['应急排查', 'Emergency check'],
  remediation: ['整改', 'Remediation'],
};

const conditions = {
  unknown: ['未知', 'Unknown'], good: ['良好', 'Good'], fair: ['一般', 'Fair'], poor: ['较差', 'Poor'], critical: ['危险', 'Critical'],
};

function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ''));
}

/** The [zh, en] pair of a key, with {name} placeholders filled. */
export function pair(key, values = {}) {
  const [zh, en] = texts[key] ?? [key, key];
  return [fill(zh, values), fill(en, values)];
}

/** The text of a key in the current language. */
export function tx(key, values = {}) {
  const [zh, en] = pair(key, values);
  return pick(zh, en);
}

/** Sets an element's text to a key, kept translated on every language switch. */
export function bindKey(element, key, values = {}) {
  const [zh, en] = pair(key, values);
  return bindPair(element, zh, en);
}

/** Sets an element's text to an inspection type's label (the code itself when unknown). */
export function bindInspectionType(element, code) {
  const [zh, en] = inspectionTypes[code] ?? [code, code];
  return bindPair(element, zh, en);
}

/** Sets an element's text to a condition's label. */
export function bindCondition(element, code) {
  const [zh, en] = conditions[code] ?? [code, code];
  return bindPair(element, zh, en);
}
