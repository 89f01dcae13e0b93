// A run's page: state, stages and folds, what it waits for, live curves per fold from the
// status-event stream, the evaluation (per-class Dice, postprocessing choice), the cases to view,
// the submission download, and the cancel and retry buttons.
'use strict';
(() => {
  const { el, num } = Segfold;
  const app = document.getElementById('app');
  const runId = decodeURIComponent(location.pathname.split('/')[3] || '');
  const PROGRESS = 'dev.segfold.fold.progress';
  const FINISHED = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

  let view = null;        // GET /runs/{id}
  let results = null;     // GET /runs/{id}/results
  const seen = new Set(); // event ids applied (the stream replays history after a reconnect)
  const curves = new Map(); // "stage/fold" -> {points: [...], charts, box}

  const summary = el('section', { id: 'summary' });
  const actions = el('section', { id: 'actions' });
  const cancelStatus = el('p', { id: 'cancel-status', role: 'status' });
  const foldsBox = el('section', { id: 'folds' });
  const curvesBox = el('section', { id: 'curves' }, el('h2', {}, 'Training curves'),
    el('p', { class: 'hint', id: 'curves-empty' }, 'No progress reported yet.'));
  const evaluationBox = el('section', { id: 'evaluation' });
  const casesBox = el('section', { id: 'cases' });
  const streamState = el('span', { id: 'stream-state', class: 'hint' }, 'connecting…');

  function foldKey(stage, fold) { return stage + '/' + fold; }

  function renderSummary() {
    const v = view;
    Segfold.put(summary, 
      el('h1', {}, 'Run ', el('code', {}, v.runId), ' ', el('span', { id: 'run-state', class: 'state state-' + v.state }, v.state)),
      el('dl', {},
        el('dt', {}, 'data set'), el('dd', {}, v.dataset || ''),
        el('dt', {}, 'configuration'), el('dd', {}, v.configuration || ''),
        el('dt', {}, 'submitted by'), el('dd', {}, v.submittedBy || ''),
        el('dt', {}, 'requested'), el('dd', {}, Segfold.time(v.requestedAt)),
        el('dt', {}, 'updated'), el('dd', {}, Segfold.time(v.updatedAt)),
        el('dt', {}, 'events'), el('dd', {}, v.events, ' ', streamState)),
      v.failure ? el('p', { class: 'error' }, v.failure) : null,
      v.waitingFor && v.waitingFor.length
        ? el('div', { id: 'waiting-for' }, el('h2', {}, 'Waiting for'), el('ul', {}, v.waitingFor.map(w => el('li', {}, w))))
        : null);
  }

  function mayCancel() {
    if (!view || FINISHED.has(view.state)) return false;
    return Segfold.roleAtLeast('admin') || (Segfold.roleAtLeast('submit') && view.submittedBy === Segfold.subject());
  }

  function mayRetry() {
    if (!view || !failedFolds().length) return false;
    return Segfold.roleAtLeast('admin') || (Segfold.roleAtLeast('submit') && view.submittedBy === Segfold.subject());
  }

  function failedFolds() {
    const stages = view.stageViews && view.stageViews.length ? view.stageViews : [{ foldViews: view.foldViews }];
    return stages.flatMap(s => s.foldViews || []).filter(f => f.state === 'FAILED');
  }

  function renderActions() {
    const buttons = [];
    if (view.submission) {
      buttons.push(el('button', { type: 'button', id: 'download-submission', onclick: () =>
        Segfold.download('/runs/' + encodeURIComponent(runId) + '/submission', runId + '-submission.zip')
          .catch(e => Segfold.showError(app, e)) }, 'Download submission.zip'),
        ' ', el('span', { class: 'hint' }, `${(view.submission.sizeBytes / 1e6).toFixed(1)} MB, sha256 ${view.submission.sha256.slice(0, 12)}…`));
    }
    if (view.ensemble) {
      buttons.push(el('p', {}, `Ensemble of ${view.ensemble.configuration} folds ${view.ensemble.folds.join(', ')}: ${view.ensemble.cases} test cases predicted.`));
    }
    if (mayCancel()) {
      buttons.push(el('button', { type: 'button', id: 'cancel-run', class: 'danger', onclick: cancel }, 'Cancel run'));
    }
    if (mayRetry()) {
      buttons.push(' ', el('button', { type: 'button', id: 'retry-run', onclick: retry },
        'Retry failed folds (' + failedFolds().map(f => f.fold).join(', ') + ')'));
    }
    Segfold.put(actions, ...buttons);
  }

  // POST /runs/{id}/retry: failed folds start again from their newest checkpoint
  async function retry() {
    try {
      await Segfold.api('/runs/' + encodeURIComponent(runId) + '/retry', { method: 'POST' });
      cancelStatus.textContent = 'Retry requested.';
      refresh();
    } catch (e) {
      cancelStatus.textContent = 'Retry refused: ' + e.message;
    }
  }

  async function cancel() {
    if (!window.confirm('Cancel run ' + runId + '? Trainers stop at their next check.')) return;
    try {
      await Segfold.api('/runs/' + encodeURIComponent(runId), { method: 'DELETE' });
      cancelStatus.textContent = 'Cancellation sent.';
      refresh();
    } catch (e) {
      cancelStatus.textContent = 'Cancel refused: ' + e.message;
    }
  }

  function renderFolds() {
    const rows = [];
    for (const stage of view.stageViews && view.stageViews.length ? view.stageViews : [{ stage: 0, configuration: view.configuration, foldViews: view.foldViews }]) {
      for (const f of stage.foldViews || []) {
        const eta = f.etaSeconds != null && !['TRAINED', 'EVALUATED', 'NEXT_STAGE_PREDICTED'].includes(f.state)
          ? Segfold.duration(f.etaSeconds) : '';
        rows.push(el('tr', { 'data-fold': foldKey(f.stage, f.fold) },
          el('td', {}, f.stage), el('td', {}, f.configuration), el('td', {}, f.fold + (f.imported ? ' (imported)' : '')),
          el('td', { class: 'state state-' + f.state }, f.state),
          el('td', {}, f.iteration == null ? '' : `${f.iteration} / ${f.totalIterations}`),
          el('td', {}, eta),
          el('td', {}, num(f.trainLoss)), el('td', {}, num(f.validationLoss)), el('td', {}, num(f.pseudoDice)),
          el('td', {}, f.meanDice == null ? '' : num(f.meanDice)),
          el('td', {}, f.failure || '')));
      }
    }
    Segfold.put(foldsBox, el('h2', {}, 'Stages and folds'),
      el('table', { id: 'fold-table' },
        el('thead', {}, el('tr', {}, ['stage', 'configuration', 'fold', 'state', 'iteration', 'ETA', 'train loss',
          'val loss', 'pseudo-Dice', 'Dice', 'failure'].map(h => el('th', {}, h)))),
        el('tbody', {}, rows)));
  }

  function renderEvaluation() {
    const evaluated = (view.foldViews || []).filter(f => f.dice && f.dice.length);
    if (!evaluated.length) {
      Segfold.put(evaluationBox, );
      return;
    }
    const labels = [];
    for (const f of evaluated) for (const d of f.dice) if (!labels.some(l => l.label === d.label)) labels.push(d);
    labels.sort((a, b) => a.label - b.label);
    const choices = new Map();
    for (const p of (results && results.postprocessing) || []) choices.set(foldKey(p.stage, p.fold), p.choice);
    const table = el('table', { id: 'dice-table' },
      el('thead', {}, el('tr', {}, el('th', {}, 'stage'), el('th', {}, 'fold'), el('th', {}, 'iteration'),
        labels.map(l => el('th', {}, `${l.label} ${l.name || ''}`)), el('th', {}, 'mean'), el('th', {}, 'postprocessing'))),
      el('tbody', {}, evaluated.map(f => el('tr', {},
        el('td', {}, f.stage), el('td', {}, f.fold), el('td', {}, f.evaluatedIteration),
        labels.map(l => { const d = f.dice.find(x => x.label === l.label); return el('td', {}, d ? num(d.dice) : ''); }),
        el('td', {}, num(f.meanDice)),
        el('td', {}, describeChoice(choices.get(foldKey(f.stage, f.fold))))))));
    const ensemble = results && results.ensemblePostprocessing
      ? el('p', { id: 'ensemble-postprocessing' }, 'Ensemble postprocessing (cross-validated): ', describeChoice(results.ensemblePostprocessing))
      : null;
    Segfold.put(evaluationBox, el('h2', {}, 'Validation Dice per class'), table, ensemble);
  }

  /** nnU-Net's postprocessing.json in words: which classes keep only their largest component. */
  function describeChoice(choice) {
    if (!choice) return '';
    const classes = choice.for_which_classes || [];
    if (!classes.length) return 'none (raw prediction kept)';
    return 'largest connected component of ' + classes.map(c => Array.isArray(c) ? 'foreground ' + c.join('+') : 'class ' + c).join(', ');
  }

  function renderCases() {
    if (!results || (!results.testCases.length && !results.validationCases.length)) {
      Segfold.put(casesBox, );
      return;
    }
    const link = (c) => el('a', { href: `/ui/runs/${encodeURIComponent(runId)}/viewer?case=${encodeURIComponent(c)}` }, c);
    // null: the label is in neither the reference nor the prediction; nnU-Net's nanmean leaves it out
    const mean = (d) => { const v = Object.values(d).filter(x => x !== null); return v.length ? num(v.reduce((a, b) => a + b, 0) / v.length) : ''; };
    Segfold.put(casesBox, el('h2', {}, 'Cases (3D viewer)'),
      results.testCases.length ? el('p', { id: 'test-cases' }, 'Test cases with the ensemble\'s labels: ',
        results.testCases.map((c, i) => [i ? ', ' : '', link(c)])) : null,
      results.validationCases.length ? el('table', { id: 'validation-cases' },
        el('thead', {}, el('tr', {}, ['validation case', 'stage', 'fold', 'mean Dice'].map(h => el('th', {}, h)))),
        el('tbody', {}, results.validationCases.map(v => el('tr', {}, el('td', {}, link(v.caseId)), el('td', {}, v.stage),
          el('td', {}, v.fold), el('td', {}, mean(v.dice)))))) : null);
  }

  // --- curves ---------------------------------------------------------------------------------

  function chartWidth() {
    return Math.max(320, Math.min(720, curvesBox.clientWidth - 20 || 640));
  }

  function curveFor(stage, configuration, fold) {
    const key = foldKey(stage, fold);
    let c = curves.get(key);
    if (c) return c;
    document.getElementById('curves-empty')?.remove();
    const lossBox = el('div', { class: 'chart', 'data-chart': 'loss' });
    const lrBox = el('div', { class: 'chart', 'data-chart': 'lr' });
    const box = el('div', { class: 'fold-curves', 'data-fold': key, 'data-points': 0 },
      el('h3', {}, `stage ${stage} (${configuration}) fold ${fold}`), lossBox, lrBox);
    // keep the folds in order
    const after = [...curvesBox.querySelectorAll('.fold-curves')].find(b => compareKeys(b.dataset.fold, key) > 0);
    curvesBox.insertBefore(box, after || null);
    const width = chartWidth();
    const loss = new uPlot({
      width, height: 240, title: 'loss and pseudo-Dice',
      scales: { x: { time: false }, dice: { range: [0, 1] } },
      axes: [{ label: 'iteration' }, { label: 'loss', scale: 'loss' }, { label: 'pseudo-Dice', scale: 'dice', side: 1, grid: { show: false } }],
      series: [{ label: 'iteration' },
        { label: 'training loss', scale: 'loss', stroke: '#1f77b4', width: 2 },
        { label: 'validation loss', scale: 'loss', stroke: '#ff7f0e', width: 2, spanGaps: true, points: { show: true } },
        { label: 'pseudo-Dice', scale: 'dice', stroke: '#2ca02c', width: 2, spanGaps: true, points: { show: true } }],
    }, [[], [], [], []], lossBox);
    const lr = new uPlot({
      width, height: 140, title: 'learning rate',
      scales: { x: { time: false } },
      axes: [{ label: 'iteration' }, { label: 'lr' }],
      series: [{ label: 'iteration' }, { label: 'learning rate', stroke: '#9467bd', width: 2 }],
    }, [[], []], lrBox);
    c = { points: [], loss, lr, box };
    curves.set(key, c);
    return c;
  }

  function compareKeys(a, b) {
    const [as, af] = a.split('/').map(Number), [bs, bf] = b.split('/').map(Number);
    return as - bs || af - bf;
  }

  function addProgress(p) {
    const c = curveFor(p.fold.stage, p.fold.configuration, p.fold.fold);
    const at = c.points.findIndex(q => q.iteration >= p.iteration);
    const point = { iteration: p.iteration, trainLoss: p.trainLoss, validationLoss: p.validationLoss ?? null,
      pseudoDice: p.pseudoDice ?? null, learningRate: p.learningRate };
    if (at >= 0 && c.points[at].iteration === p.iteration) c.points[at] = point;  // a resumed fold repeats
    else if (at >= 0) c.points.splice(at, 0, point);
    else c.points.push(point);
    schedule(c);
  }

  const dirty = new Set();
  let frame = null;
  function schedule(c) {
    dirty.add(c);
    if (frame === null) frame = requestAnimationFrame(draw);
  }
  function draw() {
    frame = null;
    for (const c of dirty) {
      const xs = c.points.map(q => q.iteration);
      c.loss.setData([xs, c.points.map(q => q.trainLoss), c.points.map(q => q.validationLoss), c.points.map(q => q.pseudoDice)]);
      c.lr.setData([xs, c.points.map(q => q.learningRate)]);
      c.box.dataset.points = c.points.length;
    }
    dirty.clear();
  }

  // --- data -----------------------------------------------------------------------------------

  async function refresh() {
    view = await Segfold.json('/runs/' + encodeURIComponent(runId));
    renderSummary();
    renderActions();
    renderFolds();
    renderEvaluation();
    if (view.foldViews.some(f => f.summaryKey) || view.ensemble) {
      try {
        results = await Segfold.json('/runs/' + encodeURIComponent(runId) + '/results');
      } catch (e) {
        results = null;
      }
      renderEvaluation();
      renderCases();
    }
  }

  let pending = null;
  function refreshSoon() {
    if (pending) return;
    pending = setTimeout(() => { pending = null; refresh().catch(() => {}); }, 400);
  }

  function onEvent(event) {
    if (event.id && seen.has(event.id)) return;
    if (event.id) seen.add(event.id);
    let envelope;
    try { envelope = JSON.parse(event.data); } catch (e) { return; }
    if (event.type === PROGRESS && envelope.data) addProgress(envelope.data);
    refreshSoon();
  }

  async function start() {
    Segfold.put(app, Segfold.header('run ' + runId), summary, actions, cancelStatus, foldsBox, curvesBox, evaluationBox, casesBox);
    await refresh();
    Segfold.follow('/runs/' + encodeURIComponent(runId) + '/events', onEvent, (state, error) => {
      streamState.textContent = state === 'open' ? 'live' : state === 'error' ? 'stream: ' + (error && error.message) : 'reconnecting…';
      streamState.dataset.state = state;
    });
  }

  if (Segfold.requireLogin(app)) start().catch(e => Segfold.showError(app, e));
})();
