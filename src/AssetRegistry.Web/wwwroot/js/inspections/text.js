// The inspections office page's own texts in Simplified Chinese (default) and English. The language and its
// storage are shared with the map (i18n.js); elements marked data-office="key" are re-translated on a switch, and
// everything built from data is re-rendered by its section.

import { isEnglish, pick } from '../i18n.js';

const texts = {
  pageTitle: ['巡查管理 · 泉州市市政设施资产登记', 'Inspections office · Quanzhou infrastructure registry'],
  pageHeading: ['巡查管理', 'Inspections office'],
  bureau: ['泉州市城市管理局 · 市政设施资产登记', 'Quanzhou Urban Management Bureau · asset registry'],
  siteNav: ['站点导航', 'Site navigation'],
  navMap: ['地图', 'Map'],
  navOffice: ['巡查管理', 'Inspections office'],
  language: ['English', '中文'],
  signOut: ['退出', 'Sign out'],
  sections: ['栏目', 'Sections'],
  tabOverdue: ['逾期与红黄牌', 'Overdue and cards'],
  tabAlerts: ['告警', 'Alerts'],
  tabRules: ['检查规则', 'Inspection rules'],
  tabCampaign: ['应急巡查', 'Emergency campaign'],
  tabLists: ['工作清单', 'Work lists'],
  refresh: ['刷新', 'Refresh'],
  date: ['日期', 'Date'],
  loading: ['加载中…', 'Loading…'],
  close: ['关闭', 'Close'],
  cancel: ['取消', 'Cancel'],
  save: ['保存', 'Save'],
  saving: ['正在保存…', 'Saving…'],
  saved: ['已保存', 'Saved'],
  yes: ['是', 'Yes'],
  no: ['否', 'No'],
  actions: ['操作', 'Actions'],
  total: ['合计', 'Total'],

  // Overdue and red and yellow cards
  overdueTitle: ['逾期与红黄牌', 'Overdue work and red and yellow cards'],
  overdueIntro: ['各行政区当日未完成、到期、逾期任务及红黄牌督办情况。', 'Open, due and overdue tasks and the red and yellow cards of each district on the day.'],
  district: ['行政区', 'District'],
  open: ['未完成', 'Open'],
  due: ['当日到期', 'Due'],
  overdue: ['逾期', 'Overdue'],
  yellow: ['黄牌', 'Yellow'],
  red: ['红牌', 'Red'],
  doneToday: ['当日完成', 'Done'],
  choroplethTitle: ['逾期任务分布', 'Overdue tasks by district'],
  noTasksOnDay: ['当日没有巡查任务。', 'No inspection tasks on this day.'],
  summaryOf: ['{date} 统计', 'Figures for {date}'],
  totalOpen: ['未完成', 'Open'],
  totalOverdue: ['逾期', 'Overdue'],
  totalYellow: ['黄牌督办', 'Yellow cards'],
  totalRed: ['红牌督办', 'Red cards'],
  totalDone: ['当日完成', 'Done on the day'],
  legendNone: ['无逾期', 'None overdue'],
  tooltipOverdue: ['逾期 {n} 项', '{n} overdue'],

  // Alerts
  alertsTitle: ['告警', 'Alerts'],
  alertsIntro: [
    '桥梁评定为 D、E 级或井盖缺失时即时告警。确认后告警从列表中移除。每 30 秒自动刷新。',
    'A bridge graded D or E or a missing cover raises an alert at once. Acknowledged alerts leave the list. Refreshed every 30 s.',
  ],
  noAlerts: ['没有未确认的告警。', 'No unacknowledged alerts.'],
  acknowledge: ['确认', 'Acknowledge'],
  acknowledging: ['正在确认…', 'Acknowledging…'],
  acknowledged: ['已确认告警', 'Alert acknowledged'],
  raisedAt: ['告警时间', 'Raised'],
  task: ['任务', 'Task'],
  showOnMap: ['在地图上查看', 'Show on the map'],
  assetGone: ['设施已删除', 'asset deleted'],
  updatedAt: ['更新于 {time}', 'Updated {time}'],
  alertCount: ['{n} 条未确认告警', '{n} unacknowledged alerts'],
  alert_bridge_grade_d: ['桥梁评定为 D 级（不合格）', 'Bridge graded D (deficient)'],
  alert_bridge_grade_e: ['桥梁评定为 E 级（危险），须立即限制交通', 'Bridge graded E (dangerous): restrict traffic now'],
  alert_cover_missing: ['井盖缺失', 'Missing manhole cover'],

  // Rules
  rulesTitle: ['检查规则', 'Inspection rules'],
  rulesIntroAdmin: [
    '各类设施的巡查、检测规则，由调度程序每日据此生成任务。点击“编辑”修改；他人同时修改时不会被覆盖。',
    'The rules the daily scheduler creates tasks from. Choose “Edit” to change one; a rule someone else changed meanwhile is never overwritten.',
  ],
  rulesIntroReadOnly: [
    '各类设施的巡查、检测规则，由调度程序每日据此生成任务。仅管理员可修改，您可以查看。',
    'The rules the daily scheduler creates tasks from. Only admins change them; you may read them.',
  ],
  kind: ['设施类型', 'Kind'],
  inspection: ['检查项目', 'Inspection'],
  filter: ['适用范围', 'Applies to'],
  interval: ['周期（天）', 'Interval (days)'],
  season: ['季节', 'Season'],
  checklist: ['检查表', 'Checklist'],
  confinedSpace: ['有限空间', 'Confined space'],
  source: ['依据', 'Source'],
  verification: ['核实', 'Verified'],
  active: ['启用', 'Active'],
  allAssets: ['全部', 'All'],
  emptyValue: ['（未填）', '(blank)'],
  allYear: ['全年', 'All year'],
  months: ['{from}–{to} 月', 'Months {from}–{to}'],
  edit: ['编辑', 'Edit'],
  editRule: ['编辑检查规则', 'Edit inspection rule'],
  ruleCode: ['规则编码', 'Rule code'],
  titleZh: ['名称（中文）', 'Title (Chinese)'],
  titleEn: ['名称（英文）', 'Title (English)'],
  inspectionType: ['检查类型', 'Inspection type'],
  filterAttribute: ['筛选属性', 'Filter attribute'],
  filterValues: ['筛选值（逗号分隔）', 'Filter values (comma-separated)'],
  lastDoneAttribute: ['上次检查日期属性', 'Last-done date attribute'],
  intervalDays: ['周期（天）', 'Interval (days)'],
  seasonStartMonth: ['起始月份', 'Season from month'],
  seasonEndMonth: ['结束月份', 'Season to month'],
  noMonth: ['（全年）', '(all year)'],
  noneOption: ['（无）', '(none)'],
  ruleSaved: ['检查规则已保存', 'Rule saved'],
  fixFields: ['请更正标出的字段。', 'Please correct the marked fields.'],
  conflictTitle: ['编辑冲突：他人已修改此规则', 'Edit conflict: someone else changed this rule'],
  conflictIntro: [
    '您编辑期间，此规则已被他人修改，未写入任何内容。请比较后选择：',
    'The rule was changed while you were editing it. Nothing was written. Compare and choose:',
  ],
  field: ['字段', 'Field'],
  yourVersion: ['您的修改', 'Your edit'],
  currentVersion: ['当前版本', 'Current version'],
  reloadCurrent: ['放弃我的修改，加载当前版本', 'Discard mine and load the current version'],
  reapply: ['在当前版本上重新保存我的修改', 'Save my edit over the current version'],
  verification_verified: ['已核实', 'Verified'],
  verification_partly_verified: ['部分核实', 'Partly verified'],
  verification_unverified: ['未核实', 'Unverified'],

  // Campaigns
  campaignTitle: ['应急巡查', 'Emergency campaign'],
  campaignIntro: [
    '台风、暴雨后，在地图上圈定范围，范围内所有在用设施立即生成应急检查任务，并可一键生成当日工作单。',
    'After a typhoon or rainstorm, draw the area on the map: every in-service asset inside gets an emergency check at once, and today’s work lists are one click away.',
  ],
  campaignMap: ['应急巡查范围地图', 'Campaign area map'],
  drawArea: ['绘制范围', 'Draw the area'],
  redrawArea: ['重新绘制', 'Draw again'],
  clearArea: ['清除范围', 'Clear the area'],
  drawHint: ['在地图上依次点击绘制多边形，点击第一点闭合。', 'Click on the map to draw the polygon; click the first point to close it.'],
  zoomInForAssets: ['放大地图后显示设施。', 'Zoom in to see the assets.'],
  editHint: ['可拖动顶点调整范围。', 'Drag the vertices to adjust the area.'],
  reason: ['事由', 'Reason'],
  reason_typhoon: ['台风', 'Typhoon'],
  reason_rainstorm: ['暴雨', 'Rainstorm'],
  reason_other: ['其他', 'Other'],
  kindsToCheck: ['检查的设施类型', 'Kinds to check'],
  checkOrder: ['优先顺序：{order}', 'Checked in this order: {order}'],
  checkOrderNone: ['各类设施优先级相同。', 'Every kind at the same priority.'],
  note: ['说明（可选）', 'Note (optional)'],
  notePlaceholder: ['如：台风“杜苏芮”过境后', 'e.g. after Typhoon Doksuri'],
  noArea: ['尚未绘制范围', 'No area drawn yet'],
  areaSize: ['范围面积约 {area}，', 'Area about {area}; '],
  assetsInside: ['范围内在用设施：{list}', 'in-service assets inside: {list}'],
  assetsInsideNone: ['范围内没有可检查的在用设施', 'no checkable in-service asset inside'],
  assetsInsideMany: ['（超过 {n} 个，仅统计前 {n} 个）', '(more than {n}; the first {n} counted)'],
  createCampaign: ['发起应急巡查', 'Start the campaign'],
  creatingCampaign: ['正在生成应急检查任务…', 'Creating emergency checks…'],
  chooseReason: ['请选择事由。', 'Choose a reason.'],
  chooseKinds: ['请至少选择一类设施。', 'Tick at least one kind.'],
  drawFirst: ['请先在地图上绘制范围。', 'Draw the area on the map first.'],
  campaignCreated: ['应急巡查 #{id} 已发起，共生成 {n} 项检查任务', 'Campaign #{id} started: {n} checks created'],
  tasksPerKind: ['各类任务数', 'Checks per kind'],
  tasks: ['任务', 'Checks'],
  buildListsNow: ['立即生成今日工作单', 'Build today’s work lists now'],
  newCampaign: ['发起新的应急巡查', 'Start another campaign'],

  // Work lists
  listsTitle: ['工作清单', 'Work lists'],
  listsIntro: [
    '按班组和行政区生成的当日巡查工作单，按路线排序，可打印或导出。',
    'The day’s routed lists per crew and district, to print or export.',
  ],
  buildLists: ['生成工作单', 'Build work lists'],
  building: ['正在生成工作单…', 'Building work lists…'],
  elapsed: ['已用时 {s} 秒', '{s} s elapsed'],
  listNo: ['编号', 'List'],
  crew: ['班组', 'Crew'],
  stops: ['站点', 'Stops'],
  progress: ['完成', 'Done'],
  routeLength: ['路线长度', 'Route length'],
  exports: ['打印与导出', 'Print and export'],
  print: ['打印', 'Print'],
  noLists: ['当日还没有工作单。点击“生成工作单”按班组和行政区分配到期任务。', 'No lists for this day yet. “Build work lists” assigns the due tasks per crew and district.'],
  campaignList: ['应急', 'Emergency'],
  buildResultTitle: ['{date} 工作单生成结果', 'Work lists built for {date}'],
  listsBuilt: ['生成工作单', 'Lists built'],
  tasksAssigned: ['分配任务', 'Tasks assigned'],
  candidates: ['待分配任务', 'Tasks to assign'],
  deferred: ['超出班组能力顺延', 'Deferred (no capacity left)'],
  uncovered: ['无班组负责', 'No crew covers'],
  unlocated: ['设施已删除', 'Asset deleted'],
  buildSeconds: ['用时 {s} 秒', 'took {s} s'],
  nothingToBuild: ['没有需要分配的到期任务。', 'No due task waited for a list.'],
  deferredIn: ['顺延：{list}', 'Deferred: {list}'],
  uncoveredIn: ['无班组负责：{list}', 'No crew covers: {list}'],
  tasksCount: ['{n} 项', '{n}'],

  errorValidation: ['请更正标出的字段。', 'Please correct the marked fields.'],
  errorForbidden: ['您的角色无权执行此操作。', 'Your role may not do this.'],
  errorNotFound: ['内容不存在或已被删除。', 'It does not exist or was deleted.'],
  errorConflict: ['操作被拒绝：', 'Refused: '],
  errorNetwork: ['网络错误，请稍后重试。', 'Network error; please try again.'],
  errorServer: ['服务器错误，请稍后重试。', 'Server error; please try again.'],
  errorGeneric: ['操作失败：', 'Failed: '],
};

/** Inspection type codes → labels. */
const inspectionTypes = {
  cover_patrol: ['井盖巡查', 'Cover patrol'],
  night_patrol: ['夜间巡查', 'Night patrol'],
  electrical_test: ['电气检测', 'Electrical test'],
  leakage_check: ['漏电检查', 'Leakage check'],
  routine_patrol: ['日常巡检', 'Routine patrol'],
  periodic_inspection: ['常规定期检测', 'Periodic inspection'],
  structural_inspection: ['结构定期检测', 'Structural inspection'],
  special_inspection: ['特殊检测', 'Special inspection'],
  tree_patrol: ['古树巡查', 'Tree patrol'],
  tree_health_check: ['古树健康检查', 'Tree health check'],
  pest_disease_check: ['病虫害检查', 'Pest and disease check'],
  cctv_survey: ['CCTV 检测', 'CCTV survey'],
  pre_flood_survey: ['汛前排查', 'Pre-flood survey'],
  post_storm_survey: ['暴雨后排查', 'Post-storm survey'],
  emergency_check: ['应急检查', 'Emergency check'],
  remediation: ['整改', 'Remediation'],
};

/** The text of a key in the current language; {name} placeholders are filled from params. */
export function tx(key, params = {}) {
  const pair = texts[key];
  const text = pair ? pick(pair[0], pair[1]) : key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

/** True when the dictionary has the key (e.g. an alert kind it knows). */
export function hasText(key) {
  return key in texts;
}

/** Marks an element with a key so it is translated now and on every switch. */
export function bindOffice(element, key) {
  element.dataset.office = key;
  element.textContent = tx(key);
  return element;
}

/** The label of an inspection type code; the code itself when unknown. */
export function inspectionTypeLabel(code) {
  const pair = inspectionTypes[code];
  return pair ? pick(pair[0], pair[1]) : code;
}

/** Translates the page's static texts (text, aria-label, placeholder) and its title. */
export function translateOffice(root = document) {
  for (const node of root.querySelectorAll('[data-office]')) node.textContent = tx(node.dataset.office);
  for (const node of root.querySelectorAll('[data-office-label]')) node.setAttribute('aria-label', tx(node.dataset.officeLabel));
  for (const node of root.querySelectorAll('[data-office-placeholder]')) node.placeholder = tx(node.dataset.officePlaceholder);
  document.documentElement.lang = isEnglish() ? 'en' : 'zh-CN';
  document.title = tx('pageTitle');
}

/** A whole number with the locale's grouping. */
export function formatCount(n) {
  return Number(n ?? 0).toLocaleString(isEnglish() ? 'en' : 'zh-CN');
}

/** Metres as "850 m" or "12.4 km". */
export function formatLength(metres) {
  if (!Number.isFinite(metres)) return '—';
  return metres < 1000 ? `${Math.round(metres)} m` : `${(metres / 1000).toFixed(1)} km`;
}

/** A moment as local date and time (Asia/Shanghai, the bureau's zone). */
export function formatMoment(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString(isEnglish() ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  });
}
