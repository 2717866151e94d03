// The sewer topology report as a table: each check, how many it found, and the first ids.

import { getJson } from '../api.js';
import { clear, el } from '../dom.js';
import { tr } from './messages.js';
import { busy, report } from './progress.js';

const byId = (id) => document.getElementById(id);
const examples = (ids) => ids.slice(0, 8).join(', ') + (ids.length > 8 ? ' …' : '');

export class TopologyTool {
  constructor() {
    this.findings = null;
    byId('topology-run').addEventListener('click', () => this.run());
  }

  async run() {
    const status = byId('topology-status');
    const done = busy(status, tr('running'));
    byId('topology-run').disabled = true;
    try {
      this.findings = await getJson('/api/analysis/sewer/topology?limit=1000');
      done();
      this.render();
    } catch (error) {
      report(status, error);
    } finally {
      byId('topology-run').disabled = false;
    }
  }

  render() {
    const f = this.findings;
    if (!f) return;
    const rows = [
      ['misplaced', tr('misplacedEnds'), f.misplacedEnds.length, examples(f.misplacedEnds.map((m) => m.segmentId))],
      ['reverse', tr('reverseSlopes'), f.reverseSlopes.length, examples(f.reverseSlopes.map((r) => r.segmentId))],
      ['disconnected', tr('disconnected'), f.disconnectedPieces.length, examples(f.disconnectedPieces.flatMap((p) => p.segmentIds))],
      ['cycles', tr('cycles'), f.segmentsInCycles.length, examples(f.segmentsInCycles)],
    ];
    const table = el('table', { className: 'report-table' },
      el('caption', { text: `${tr('topologySegments')} ${f.segments.toLocaleString()} · ${tr('topologyManholes')} ${f.manholes.toLocaleString()} · ${tr('tolerance')} ${f.toleranceM} m` }),
      el('thead', {}, el('tr', {}, el('th', { text: tr('check') }), el('th', { text: tr('found') }), el('th', { text: tr('examples') }))),
      el('tbody', {}, ...rows.map(([id, label, count, ids]) => el('tr', { dataset: { check: id }, className: count > 0 ? 'has-findings' : '' },
        el('td', { text: label }), el('td', { className: 'number', text: count.toLocaleString() }), el('td', { className: 'ids', text: ids || '—' })))));
    clear(byId('topology-result')).append(table);
    table.scrollIntoView({ block: 'nearest' });
  }
}
