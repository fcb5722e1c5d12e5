// The live demo page: status arrives by Server-Sent Events; the rest is fetched from the JSON API.
'use strict';
const $ = id => document.getElementById(id);
let lastStatus = null;

async function api(path, body) {
  // Writes carry JSON and the demo's own header: the server refuses any other page's requests.
  const opts = body === undefined ? {} : {method: 'POST', headers: {'Content-Type': 'application/json', 'X-CNN-Course': 'demo'},
    body: JSON.stringify(body)};
  const r = await fetch(path, opts);
  const data = await r.json();
  if (!r.ok) throw new Error(data.error || r.statusText);
  return data;
}

function say(text, ok) { $('message').textContent = text || ''; $('message').className = ok ? 'message ok' : 'message'; }
const pct = v => v == null ? '-' : (100 * v).toFixed(1) + '%';

function showStatus(s) {
  lastStatus = s;
  $('state').textContent = s.state;
  $('state').className = 'pill ' + s.state;
  $('eps').textContent = s.examplesPerSecond;
  $('epoch').textContent = s.epoch;
  $('examples').textContent = s.examples.toLocaleString('en');
  $('progress').value = s.epochProgress;
  $('loss').textContent = s.loss == null ? '-' : s.loss.toFixed(4);
  $('trainAcc').textContent = pct(s.trainAccuracy);
  $('testAcc').textContent = pct(s.testAccuracy);
  $('clients').textContent = s.clients;
  if (s.error) say(s.error);
  drawChart($('lossChart'), s.curve, [[1, '#444']], null);
  drawChart($('accChart'), s.curve, [[2, '#1f77b4'], [3, '#d62728']], [0, 1]);
}

function drawChart(canvas, curve, series, range) {
  const g = canvas.getContext('2d'), w = canvas.width, h = canvas.height, pad = 30;
  g.clearRect(0, 0, w, h);
  g.strokeStyle = '#ccc'; g.strokeRect(pad, 5, w - pad - 5, h - pad);
  if (!curve || curve.length < 2) return;
  const xs = curve.map(p => p[0]), x0 = xs[0], x1 = xs[xs.length - 1] || 1;
  let lo = range ? range[0] : Infinity, hi = range ? range[1] : -Infinity;
  if (!range) for (const [k] of series) for (const p of curve) if (p[k] != null) { lo = Math.min(lo, p[k]); hi = Math.max(hi, p[k]); }
  if (!(hi > lo)) { hi = lo + 1; }
  const X = x => pad + (x - x0) / Math.max(1, x1 - x0) * (w - pad - 5), Y = v => 5 + (1 - (v - lo) / (hi - lo)) * (h - pad);
  g.fillStyle = '#666'; g.font = '10px sans-serif';
  g.fillText(hi.toFixed(2), 2, 12); g.fillText(lo.toFixed(2), 2, h - pad + 4); g.fillText('batch ' + x1, w - 70, h - 8);
  for (const [k, colour] of series) {
    g.strokeStyle = colour; g.lineWidth = 1.5; g.beginPath();
    let started = false;
    for (const p of curve) {
      if (p[k] == null) continue;
      if (!started) { g.moveTo(X(p[0]), Y(p[k])); started = true; } else g.lineTo(X(p[0]), Y(p[k]));
    }
    g.stroke();
  }
}

function grey(bytes, offset, width, height, scale) {
  const c = document.createElement('canvas');
  c.width = width; c.height = height;
  c.style.width = (width * scale) + 'px'; c.style.height = (height === 1 ? 14 : height * scale) + 'px';
  const g = c.getContext('2d'), img = g.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const v = bytes[offset + i];
    img.data[4 * i] = img.data[4 * i + 1] = img.data[4 * i + 2] = v; img.data[4 * i + 3] = 255;
  }
  g.putImageData(img, 0, 0);
  return c;
}
const unbase64 = s => Uint8Array.from(atob(s), ch => ch.charCodeAt(0));

async function refreshVisuals() {
  try {
    const v = await api('/api/visuals?image=' + encodeURIComponent($('imageIndex').value || 0));
    const box = $('layers');
    box.innerHTML = '';
    for (const l of v.layers) {
      const div = document.createElement('div'); div.className = 'layer activation';
      const title = document.createElement('div'); title.className = 'title';
      title.textContent = `${l.name} (${l.type}): ${l.channels} x ${l.height} x ${l.width}`;
      div.appendChild(title);
      const maps = document.createElement('div'); maps.className = 'maps';
      const bytes = unbase64(l.maps), shown = Math.min(l.channels, 32);
      const scale = l.height === 1 ? 3 : Math.max(1, Math.round(48 / l.height));
      for (let c = 0; c < shown; c++) maps.appendChild(grey(bytes, c * l.height * l.width, l.width, l.height, scale));
      div.appendChild(maps);
      if (l.filters) {
        const f = l.filters, fb = unbase64(f.maps), fd = document.createElement('div'); fd.className = 'filters';
        const ft = document.createElement('div'); ft.className = 'title'; ft.textContent = `filters: ${f.count} of ${f.height}x${f.width}`;
        div.appendChild(ft);
        for (let k = 0; k < Math.min(f.count, 64); k++) fd.appendChild(grey(fb, k * f.height * f.width, f.width, f.height, 6));
        div.appendChild(fd);
      }
      box.appendChild(div);
    }
  } catch (e) { say('visuals: ' + e.message); }
}

async function refreshSamples() {
  try {
    const s = await api('/api/samples');
    const box = $('samples');
    box.innerHTML = '';
    for (const item of s.samples) {
      const div = document.createElement('div'); div.className = 'sample';
      div.appendChild(grey(unbase64(item.pixels), 0, 28, 28, 2));
      const ok = item.guesses[0].label === item.label;
      div.insertAdjacentHTML('beforeend', `<div class="${ok ? 'ok' : 'wrong'}">${item.name}</div>` +
        item.guesses.map(g => `<div>${g.name}: ${(100 * g.probability).toFixed(0)}%</div>`).join(''));
      box.appendChild(div);
    }
  } catch (e) { say('samples: ' + e.message); }
}

async function refreshModels(select) {
  const m = await api('/api/models');
  const box = $('model'), keep = select || box.value;
  box.innerHTML = '<option value="current">the network being trained</option>' +
    m.models.map(n => `<option value="${n}">${n}</option>`).join('');
  box.value = [...box.options].some(o => o.value === keep) ? keep : 'current';
}

// Drawing: white ink on black, 280x280 shown, sent as 28x28 in [0, 1] like the datasets.
const pad = $('draw'), pen = pad.getContext('2d');
function clearPad() { pen.fillStyle = '#000'; pen.fillRect(0, 0, pad.width, pad.height); }
clearPad();
let drawing = false, last = null;
function stroke(e) {
  const r = pad.getBoundingClientRect(), x = (e.clientX - r.left) * pad.width / r.width, y = (e.clientY - r.top) * pad.height / r.height;
  pen.strokeStyle = '#fff'; pen.lineWidth = 24; pen.lineCap = pen.lineJoin = 'round';
  pen.beginPath(); pen.moveTo(last ? last[0] : x, last ? last[1] : y); pen.lineTo(x, y); pen.stroke();
  last = [x, y];
}
pad.addEventListener('pointerdown', e => { drawing = true; last = null; stroke(e); });
pad.addEventListener('pointermove', e => { if (drawing) stroke(e); });
window.addEventListener('pointerup', () => { drawing = false; last = null; });

function canvasPixels() {
  const small = document.createElement('canvas'); small.width = small.height = 28;
  const g = small.getContext('2d'); g.drawImage(pad, 0, 0, 28, 28);
  const d = g.getImageData(0, 0, 28, 28).data, out = [];
  for (let i = 0; i < 28 * 28; i++) out.push(d[4 * i] / 255);
  return out;
}

async function classify() {
  try {
    const r = await api('/api/predict', {pixels: canvasPixels(), model: $('model').value});
    $('guesses').innerHTML = r.guesses.map(g => `<li class="guess">${g.name}: ${(100 * g.probability).toFixed(1)}%</li>`).join('');
  } catch (e) { say('classify: ' + e.message); }
}

function settingsFromForm() {
  return {network: $('network').value, dataset: $('dataset').value, updater: $('updater').value,
    learningRate: parseFloat($('lr').value), batchSize: parseInt($('batch').value, 10), augment: $('augment').checked};
}

function formFromSettings(s) {
  $('network').value = s.network; $('dataset').value = s.dataset; $('updater').value = s.updater;
  $('lr').value = s.learningRate; $('batch').value = s.batchSize; $('augment').checked = s.augment;
}

const act = action => api('/api/control', {action}).then(s => { say(''); showStatus(s); }).catch(e => say(e.message));
$('start').onclick = () => act('start');
$('pause').onclick = () => act('pause');
$('reset').onclick = () => act('reset');
$('apply').onclick = () => api('/api/settings', settingsFromForm()).then(s => { say('settings applied', true); showStatus(s); }).catch(e => say(e.message));
$('save').onclick = () => api('/api/save', {}).then(r => { say('saved ' + r.saved, true); return refreshModels(r.model); }).catch(e => say(e.message));
$('clear').onclick = () => { clearPad(); $('guesses').innerHTML = ''; };
$('classify').onclick = classify;
pad.addEventListener('pointerup', () => classify());

const events = new EventSource('/api/events');
events.addEventListener('status', e => showStatus(JSON.parse(e.data)));
events.onopen = () => { $('connection').textContent = 'live'; $('connection').className = 'pill live'; };
events.onerror = () => { $('connection').textContent = 'reconnecting...'; $('connection').className = 'pill'; };

api('/api/status').then(s => { formFromSettings(s.settings); showStatus(s); });
refreshModels();
refreshVisuals(); refreshSamples();
setInterval(refreshVisuals, 1500);
setInterval(refreshSamples, 3000);
$('imageIndex').onchange = refreshVisuals;
