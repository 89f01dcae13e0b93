// The 3D viewer (NiiVue): a test case's image with the ensemble's labels over it, or a validation
// case's out-of-fold prediction beside its ground truth with the case's Dice. Volumes come from
// GET /runs/{id}/volumes/{case}/{image|ensemble|label|prediction}.nii.gz with the token in the
// Authorization header.
'use strict';
(() => {
  const { el, num } = Segfold;
  const app = document.getElementById('app');
  const runId = decodeURIComponent(location.pathname.split('/')[3] || '');
  const caseId = new URL(location.href).searchParams.get('case');

  // Label colours: background transparent, then distinct colours (the ITK-SNAP-like first ones).
  const PALETTE = [[0, 0, 0], [230, 25, 75], [60, 180, 75], [255, 225, 25], [0, 130, 200], [245, 130, 48],
    [145, 30, 180], [70, 240, 240], [240, 50, 230], [210, 245, 60], [250, 190, 212]];

  function labelColormap(labels) {
    const values = Object.keys(labels).map(Number).filter(Number.isInteger);
    const max = Math.max(1, ...values);
    const cm = { R: [], G: [], B: [], A: [], I: [], labels: [] };
    for (let i = 0; i <= max; i++) {
      const c = PALETTE[i % PALETTE.length];
      cm.R.push(c[0]); cm.G.push(c[1]); cm.B.push(c[2]); cm.A.push(i === 0 ? 0 : 255); cm.I.push(i);
      cm.labels.push(labels[String(i)] || String(i));
    }
    return cm;
  }

  function volumeUrl(kind) {
    return `/runs/${encodeURIComponent(runId)}/volumes/${encodeURIComponent(caseId)}/${kind}.nii.gz`;
  }

  const viewers = [];

  async function viewer(container, title, overlay, labels) {
    const canvas = el('canvas', { class: 'niivue', 'data-volume': overlay });
    container.appendChild(el('figure', { class: 'viewer-pane' }, el('figcaption', {}, title), el('div', { class: 'canvas-box' }, canvas)));
    // A thin grey crosshair, so that every colour on the canvas is a label's.
    const nv = new niivue.Niivue({ backColor: [0.08, 0.08, 0.1, 1], show3Dcrosshair: true, isColorbar: false,
      crosshairColor: [0.7, 0.7, 0.7, 0.6], crosshairWidth: 1,
      loadingText: 'loading…', dragAndDropEnabled: false });
    await nv.attachToCanvas(canvas);
    const headers = { Authorization: 'Bearer ' + Segfold.token() };
    await nv.loadVolumes([
      { url: volumeUrl('image'), headers, name: 'image.nii.gz', colormap: 'gray' },
      { url: volumeUrl(overlay), headers, name: overlay + '.nii.gz', colormap: 'gray', opacity: 0.5 },
    ]);
    nv.volumes[1].setColormapLabel(labelColormap(labels));
    nv.updateGLVolume();
    nv.setSliceType(nv.sliceTypeMultiplanar);
    viewers.push(nv);
    return nv;
  }

  function controls() {
    const opacity = el('input', { type: 'range', id: 'opacity', min: 0, max: 1, step: 0.05, value: 0.5 });
    opacity.addEventListener('input', () => viewers.forEach(nv => nv.setOpacity(1, Number(opacity.value))));
    const views = [['axial', 'sliceTypeAxial'], ['coronal', 'sliceTypeCoronal'], ['sagittal', 'sliceTypeSagittal'],
      ['all planes', 'sliceTypeMultiplanar'], ['3D render', 'sliceTypeRender']];
    const select = el('select', { id: 'view' }, views.map(([label, key]) =>
      el('option', { value: key, selected: key === 'sliceTypeMultiplanar' }, label)));
    select.addEventListener('change', () => viewers.forEach(nv => nv.setSliceType(nv[select.value])));
    return el('div', { class: 'controls' }, el('label', {}, 'view ', select), ' ',
      el('label', {}, 'label opacity ', opacity));
  }

  function legend(labels) {
    const cm = labelColormap(labels);
    return el('ul', { class: 'legend' }, cm.I.slice(1).map((i, k) => el('li', {},
      el('span', { class: 'swatch', style: `background: rgb(${cm.R[k + 1]},${cm.G[k + 1]},${cm.B[k + 1]})` }), ` ${i} ${cm.labels[k + 1]}`)));
  }

  async function start() {
    const back = el('a', { href: '/ui/runs/' + encodeURIComponent(runId) }, '← run ' + runId);
    Segfold.put(app, Segfold.header('viewer'), el('p', {}, back));
    if (!caseId) {
      app.appendChild(el('p', { class: 'error' }, 'case: add ?case=<case id> (the run page lists the cases)'));
      return;
    }
    const results = await Segfold.json('/runs/' + encodeURIComponent(runId) + '/results');
    const labels = results.labels || {};
    const panes = el('div', { class: 'panes', id: 'panes' });
    if (results.testCases.includes(caseId)) {
      Segfold.add(app, el('h1', {}, 'Test case ', el('code', {}, caseId)),
        el('p', {}, `Image with the ensemble's labels (${results.configuration}).`), controls(), legend(labels), panes);
      await viewer(panes, 'ensemble', 'ensemble', labels);
    } else {
      const v = results.validationCases.filter(c => c.caseId === caseId).pop();
      if (!v) {
        app.appendChild(el('p', { class: 'error', id: 'unknown-case' }, `case ${caseId}: not a test case with an ensemble prediction `
          + 'nor a validation case with a stored prediction in this run'));
        return;
      }
      const dice = Object.entries(v.dice);
      // null: the label is in neither the reference nor the prediction (nnU-Net's NaN), outside the mean
      const defined = dice.map(([, d]) => d).filter(d => d !== null);
      Segfold.add(app, el('h1', {}, 'Validation case ', el('code', {}, caseId)),
        el('p', {}, `Out-of-fold prediction of stage ${v.stage} (${v.configuration}) fold ${v.fold} beside the ground truth.`),
        el('table', { id: 'case-dice' }, el('thead', {}, el('tr', {}, el('th', {}, 'class'), el('th', {}, 'Dice'))),
          el('tbody', {}, dice.map(([label, d]) => el('tr', {}, el('td', {}, `${label} ${labels[label] || ''}`), el('td', {}, num(d)))),
            defined.length ? el('tr', {}, el('td', {}, 'mean'), el('td', {}, num(defined.reduce((a, d) => a + d, 0) / defined.length))) : null)),
        controls(), legend(labels), panes);
      const prediction = await viewer(panes, 'prediction', 'prediction', labels);
      const truth = await viewer(panes, 'ground truth', 'label', labels);
      prediction.broadcastTo(truth, { '2d': true, '3d': true });
      truth.broadcastTo(prediction, { '2d': true, '3d': true });
    }
    document.body.dataset.viewer = 'ready';
  }

  if (Segfold.requireLogin(app)) start().catch(e => { document.body.dataset.viewer = 'failed'; Segfold.showError(app, e); });
})();
