// The runs list: every run the status projection knows, newest first, refreshed every 5 s.
'use strict';
(() => {
  const { el } = Segfold;
  const app = document.getElementById('app');
  const DONE = new Set(['TRAINED', 'EVALUATED', 'NEXT_STAGE_PREDICTED']);
  const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

  function row(run) {
    const folds = run.foldViews || [];
    const done = folds.filter(f => DONE.has(f.state)).length;
    const start = run.requestedAt ? Date.parse(run.requestedAt) : null;
    const end = FINISHED.has(run.state) && run.updatedAt ? Date.parse(run.updatedAt) : Date.now();
    return el('tr', { 'data-run': run.runId },
      el('td', {}, el('a', { href: '/ui/runs/' + encodeURIComponent(run.runId) }, run.runId)),
      el('td', { class: 'state state-' + run.state }, run.state),
      el('td', {}, run.dataset || ''),
      el('td', {}, run.configuration || ''),
      el('td', {}, `${done} / ${folds.length}`),
      el('td', {}, run.submittedBy || ''),
      el('td', {}, Segfold.time(run.requestedAt)),
      el('td', {}, start ? Segfold.duration((end - start) / 1000) : ''));
  }

  async function load() {
    const runs = await Segfold.json('/runs');
    const table = el('table', { id: 'runs' },
      el('thead', {}, el('tr', {}, ['run', 'state', 'data set', 'configuration', 'folds done', 'submitted by',
        'started', 'duration'].map(h => el('th', {}, h)))),
      el('tbody', {}, runs.map(row)));
    Segfold.put(app, Segfold.header('runs'),
      runs.length ? table : el('p', { id: 'no-runs' }, 'No runs yet. Submit one with ./segfold run or POST /runs.'));
  }

  if (Segfold.requireLogin(app)) {
    load().catch(e => Segfold.showError(app, e));
    setInterval(() => load().catch(() => {}), 5000);
  }
})();
