// The inspections office page: reads who is signed in and the office's choices, wires the five sections, the tabs
// (every section stacked on a phone) and the language switch.

import { getJson } from '../api.js';
import { districtNamer } from '../districts.js';
import { currentLanguage, onLanguageChange, setLanguage } from '../i18n.js';
import { AlertsSection } from './alerts.js';
import { CampaignSection } from './campaign.js';
import { errorText, toast } from './common.js';
import { OverdueSection } from './overdue.js';
import { RulesSection } from './rules.js';
import { translateOffice } from './text.js';
import { WorkListsSection } from './worklists.js';

const sectionNames = ['overdue', 'alerts', 'rules', 'campaign', 'lists'];

async function main() {
  translateOffice();
  document.getElementById('lang-button').addEventListener('click', () => setLanguage(currentLanguage() === 'en' ? 'zh' : 'en'));

  const [me, options, mapConfig, collectionsDocument, checklistsDocument] = await Promise.all([
    getJson('/api/me'), getJson('/api/inspections-office/campaign-options'), getJson('/api/map/config'),
    getJson('/ogc/collections'), getJson('/api/checklists'),
  ]);
  document.getElementById('user-name').textContent = me.userName ?? '';
  const isAdmin = (me.roles ?? []).includes('admin');
  document.body.classList.toggle('is-admin', isAdmin);

  let districtsPromise;
  const showListeners = new Map();
  const context = {
    me,
    isAdmin,
    options,
    mapConfig,
    collections: new Map(collectionsDocument.collections.map((c) => [c.id, c])),
    checklists: new Map(checklistsDocument.checklists.map((c) => [c.id, c])),
    /** A district's name in the page's language (once the districts are fetched). */
    districtName: districtNamer(null),
    /** The district boundaries (GeoJSON), fetched once. */
    districts() {
      districtsPromise ??= getJson('/api/districts').then((geojson) => {
        context.districtName = districtNamer(geojson);
        return geojson;
      });
      return districtsPromise;
    },
    /** Runs listener whenever the section is shown (maps must learn their new size). */
    onShow(section, listener) {
      if (!showListeners.has(section)) showListeners.set(section, []);
      showListeners.get(section).push(listener);
    },
    refreshSummary: () => overdue.load(),
    lists: null,
  };

  const overdue = new OverdueSection(context);
  const alerts = new AlertsSection(context);
  const rules = new RulesSection(context);
  const lists = new WorkListsSection(context);
  context.lists = lists;
  const campaign = new CampaignSection(context);

  setUpTabs(showListeners);
  await context.districts();
  await Promise.all([overdue.load(), rules.load(), lists.load(), campaign.initialise()]);
  alerts.start();

  onLanguageChange(() => {
    translateOffice();
    overdue.render();
    alerts.render();
    rules.render();
    lists.render();
  });

  // A handle for browser tests: the two maps.
  window.inspectionsOffice = { campaignMap: campaign.map, overdueMap: overdue.map };
  document.body.dataset.ready = 'true';
}

/** Tabs on a desktop; the URL hash (#alerts, #rules…) names the shown section so it can be linked to. */
function setUpTabs(showListeners) {
  const tabs = [...document.querySelectorAll('.tab[data-section]')];
  const show = (name, focus = false) => {
    if (!sectionNames.includes(name)) name = sectionNames[0];
    for (const tab of tabs) {
      const selected = tab.dataset.section === name;
      tab.setAttribute('aria-selected', String(selected));
      tab.tabIndex = selected ? 0 : -1;
      if (selected && focus) tab.focus();
      document.getElementById(`section-${tab.dataset.section}`).hidden = !selected;
    }
    document.body.dataset.section = name;
    for (const listener of showListeners.get(name) ?? []) listener();
  };
  for (const tab of tabs) {
    tab.addEventListener('click', () => {
      history.replaceState(null, '', `${location.pathname}${location.search}#${tab.dataset.section}`);
      show(tab.dataset.section);
    });
    tab.addEventListener('keydown', (e) => {
      const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
      history.replaceState(null, '', `${location.pathname}${location.search}#${next.dataset.section}`);
      show(next.dataset.section, true);
    });
  }
  window.addEventListener('hashchange', () => show(location.hash.slice(1)));
  show(location.hash.slice(1));
  // On a phone every section is shown, one under the other; the maps must know when that starts.
  const phone = matchMedia('(max-width: 760px)');
  const layout = () => {
    document.body.classList.toggle('stacked', phone.matches);
    if (phone.matches) for (const listeners of showListeners.values()) for (const l of listeners) l();
  };
  phone.addEventListener('change', layout);
  layout();
}

main().catch((error) => {
  console.error(error);
  if (error?.status !== 401) toast(errorText(error), 'error');
});
