// SPDX-License-Identifier: EUPL-1.2
'use strict';
// The partners' dashboard: login, filters, charts (Chart.js, compiled in at build time), one table
// per indicator with its CSV and Excel exports, and every table in one Excel workbook. Text for people is in French.

// Autonomy classes, in the order of the persons table's columns.
const AUTONOMY_COLOURS = ['#00a95f', '#ff9940', '#6a6af4', '#9e9e9e'];
const charts = {};
// The observatory's last week with counts: "now" for the period presets, whatever the
// browser's clock says.
let lastWeek = '';
// The partner's sites, as the options gave them: a site's territory for the summary.
let partnerSites = [];

async function api(path, options) {
  const response = await fetch('/dashboard/api/' + path, Object.assign({ credentials: 'same-origin' }, options));
  if (response.status === 401 && path !== 'login') { showLogin(); throw new Error('login'); }
  return response;
}

function showLogin() {
  delete document.body.dataset.ready;
  // The next partner starts from the default filters, not from the previous one's.
  $('filters').reset();
  $('from').value = ''; $('to').value = '';
  $('app').hidden = true; $('logout').hidden = true; $('who').textContent = '';
  siteMap.fitted = false;
  $('login').hidden = false; $('login-name').focus();
}

// The filters, as the page's address and the API's query both carry them.
const FILTERS = ['from', 'to', 'grain', 'departement', 'territory', 'site', 'agency'];

function query() {
  const q = new URLSearchParams();
  for (const id of FILTERS) {
    const value = $(id).value.trim();
    if (value) q.set(id, value);
  }
  return q.toString();
}

function renderTable(table) {
  const holder = document.querySelector(`[data-table="${table.id}"]`);
  if (!holder) return;
  holder.textContent = '';
  const el = document.createElement('table');
  const caption = document.createElement('caption');
  caption.textContent = table.title + ' ';
  // For a spreadsheet (French titles, ";", decimal comma, a byte order mark for Excel), and
  // for programs (column ids, ",", a decimal point).
  const sheet = new URLSearchParams(query());
  sheet.set('format', 'tableur');
  for (const [kind, words, href, title, file] of [
    ['xlsx', 'Excel', `/dashboard/api/xlsx/${table.id}.xlsx?${query()}`, 'Classeur Excel (.xlsx) : ce tableau, titres en français, nombres en nombres', `${table.id}.xlsx`],
    ['sheet', 'Exporter pour un tableur', `/dashboard/api/csv/${table.id}.csv?${sheet}`, 'Excel, LibreOffice : titres en français, séparateur « ; », virgule décimale', `${table.id}.csv`],
    ['data', 'CSV (données)', `/dashboard/api/csv/${table.id}.csv?${query()}`, 'Pour un programme : identifiants de colonnes, séparateur « , », point décimal', `${table.id}.csv`],
  ]) {
    const link = document.createElement('a');
    link.className = `export ${kind}`;
    link.href = href;
    link.title = title;
    link.textContent = words;
    link.setAttribute('download', file);
    caption.appendChild(link);
  }
  el.appendChild(caption);
  const head = el.createTHead().insertRow();
  for (const title of table.titles) {
    const th = document.createElement('th'); th.scope = 'col'; th.textContent = title; head.appendChild(th);
  }
  const body = el.createTBody();
  if (table.rows.length === 0) {
    const cell = body.insertRow().insertCell();
    cell.colSpan = table.titles.length; cell.className = 'empty';
    cell.textContent = table.note || 'Aucune donnée pour ces filtres.';
  }
  for (const row of table.rows) {
    const tr = body.insertRow();
    row.forEach((value, i) => {
      const td = tr.insertCell();
      const column = table.columns[i];
      td.textContent = cellText(column, value);
      if (typeof value === 'number') td.className = 'n';
      if (value === WITHHELD) td.className = 'few';
      if (column === 'period') td.className = 'period';
      if (column === 'level') td.classList.add('level', 'level-' + (LEVEL_CLASS[value] || 'none'));
    });
  }
  holder.appendChild(el);
}


function drawChart(id, config) {
  if (charts[id]) charts[id].destroy();
  charts[id] = new Chart($(id), config);
}

function horizontalBars(id, labels, label, data, colour) {
  drawChart(id, { type: 'bar', data: { labels, datasets: [{ label, data, backgroundColor: colour }] },
    options: { indexAxis: 'y', animation: false, maintainAspectRatio: false, scales: { x: { beginAtZero: true } },
      plugins: { legend: { display: false } } } });
}

function renderJourneyCharts(tables) {
  // Persons per period, split by autonomy: the classes share the sessions out, so the stack is
  // the number of persons.
  const persons = tables.persons;
  const classes = persons.columns.slice(2, -1);
  drawChart('persons-chart', { type: 'bar', data: { labels: persons.rows.map((r) => periodLabel(r[0])),
    datasets: classes.map((column, i) => ({ label: persons.titles[i + 2], data: persons.rows.map((r) => r[i + 2]),
      backgroundColor: AUTONOMY_COLOURS[i % AUTONOMY_COLOURS.length] })) },
  options: { animation: false, maintainAspectRatio: false, scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
    plugins: { legend: { position: 'bottom' } } } });
  const autonomy = tables.autonomy;
  drawChart('autonomy-chart', { type: 'doughnut', data: { labels: autonomy.rows.map((r) => r[0]),
    datasets: [{ data: autonomy.rows.map((r) => r[1]), backgroundColor: AUTONOMY_COLOURS }] },
  options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } } } });
  const ends = tables.session_ends;
  horizontalBars('ends-chart', ends.rows.map((r) => r[0]), 'Personnes (sessions)', ends.rows.map((r) => r[1]), '#000091');
  const top = tables.procedures.rows.slice(0, 10);
  horizontalBars('procedures-chart', top.map((r) => r[2]), 'Ouvertures du guide', top.map((r) => r[3]), '#6a6af4');
}

function renderCharts(tables) {
  renderJourneyCharts(tables);
  // Kinds of help side by side, never stacked: their sum is not a number of persons.
  const visits = tables.visits;
  const periods = visits.rows.map((r) => periodLabel(r[0]));
  const datasets = visits.columns.slice(1).map((column, i) => ({
    label: visits.titles[i + 1], data: visits.rows.map((r) => r[i + 1]),
    backgroundColor: HELP_COLOURS[i % HELP_COLOURS.length] }));
  drawChart('visits-chart', { type: 'bar', data: { labels: periods, datasets },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } },
      plugins: { legend: { position: 'bottom' } } } });
  const calls = tables.calls_by_period;
  drawChart('calls-chart', { type: 'line', data: { labels: calls.rows.map((r) => periodLabel(r[0])), datasets: [
    { label: 'Appels réalisés', data: calls.rows.map((r) => r[1]), borderColor: '#000091', backgroundColor: '#000091' },
    { label: 'Appels demandés', data: calls.rows.map((r) => r[2]), borderColor: '#e1000f', backgroundColor: '#e1000f', borderDash: [6, 4] }] },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { beginAtZero: true } }, plugins: { legend: { position: 'bottom' } } } });
  renderTrendChart(tables.satisfaction_trend);
}

// One line per figure: shares of positive answers on the left (0–100 %), NPS dashed on the
// right (−100 to +100). A period of too few respondents leaves a gap, not a point; with no
// figure at all there is no chart, the table says why.
function renderTrendChart(trend) {
  const figures = trend.columns.map((column, i) => i).filter((i) => /_(pct|nps)$/.test(trend.columns[i]));
  const datasets = figures.map((i, n) => {
    const nps = trend.columns[i].endsWith('_nps');
    const colour = nps ? '#555' : HELP_COLOURS[n % HELP_COLOURS.length];
    return { label: trend.titles[i], yAxisID: nps ? 'nps' : 'y', borderColor: colour, backgroundColor: colour,
      borderDash: nps ? [6, 4] : [], data: trend.rows.map((r) => (typeof r[i] === 'number' ? r[i] : null)) };
  });
  $('trend-chart').parentElement.hidden = !datasets.some((d) => d.data.some((v) => v !== null));
  drawChart('trend-chart', { type: 'line', data: { labels: trend.rows.map((r) => periodLabel(r[0])), datasets },
    options: { animation: false, maintainAspectRatio: false, plugins: { legend: { position: 'bottom' } },
      scales: { y: { min: 0, max: 100, title: { display: true, text: 'Réponses positives (%)' } },
        nps: { position: 'right', min: -100, max: 100, grid: { drawOnChartArea: false }, title: { display: true, text: 'NPS (en pointillés)' } } } } });
}

// The map (Leaflet, from the observatory like everything else): no tiles unless the
// configuration names a tile server, the départements' outlines shipped with the dashboard.
let mapSettings = {};
const siteMap = { map: null, markers: null, outlines: null, fitted: false, table: null };
// Bands of the share of satisfied respondents, best first; a site without a figure (no
// respondent, or under 11) is grey, never guessed.
const SATISFACTION_BANDS = [
  { from: 95, colour: '#00a95f', words: '95\u00a0% et plus' },
  { from: 90, colour: '#6a6af4', words: 'de 90 à 95\u00a0%' },
  { from: 80, colour: '#ff9940', words: 'de 80 à 90\u00a0%' },
  { from: 0, colour: '#e1000f', words: 'moins de 80\u00a0%' },
];
const NO_FIGURE = { colour: '#9e9e9e', words: 'pas de chiffre (moins de 11 réponses, ou aucune)' };
const FLEET_COLOURS = { 'en service': '#00a95f', 'en partie silencieuse': '#ff9940', silencieuse: '#e1000f',
  'sans borne': '#9e9e9e' };

function mapColourBy() { return document.querySelector('input[name="map-colour"]:checked').value; }

function markerColour(site) {
  if (mapColourBy() === 'fleet') return FLEET_COLOURS[site.fleet] || NO_FIGURE.colour;
  if (typeof site.satisfaction_pct !== 'number') return NO_FIGURE.colour;
  return SATISFACTION_BANDS.find((band) => site.satisfaction_pct >= band.from).colour;
}

function renderLegend(largest) {
  const legend = $('map-legend');
  legend.textContent = '';
  const entries = mapColourBy() === 'fleet'
    ? Object.entries(FLEET_COLOURS).map(([words, colour]) => ({ words: 'bornes\u00a0: ' + words, colour }))
    : [...SATISFACTION_BANDS, NO_FIGURE].map((band) => ({ words: 'satisfaits\u00a0: ' + band.words, colour: band.colour }));
  for (const { words, colour } of entries) {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch';
    swatch.style.background = colour;
    item.append(swatch, words);
    legend.appendChild(item);
  }
  const size = document.createElement('li');
  size.textContent = `Surface du cercle\u00a0: proportionnelle aux aides (le plus grand\u00a0: ${formatNumber(largest)})`;
  legend.appendChild(size);
}

async function createMap() {
  // Fractional zooms: the sites' départements fill the frame instead of a whole zoom level less.
  const map = L.map('map', { scrollWheelZoom: false, zoomSnap: 0.25 });
  map.attributionControl.addAttribution('Contours\u00a0: IGN, ADMIN EXPRESS COG 2018 (Licence Ouverte)');
  if (mapSettings.tile_url) L.tileLayer(mapSettings.tile_url, { attribution: mapSettings.tile_attribution }).addTo(map);
  const outlines = await (await fetch('geo/departements.geojson')).json();
  const layer = L.geoJSON(outlines, { interactive: false,
    style: { color: '#000091', weight: 1.5, fillColor: '#dfe3f5', fillOpacity: 0.35, className: 'departement-outline' } }).addTo(map);
  map.fitBounds(layer.getBounds());
  siteMap.map = map;
  siteMap.outlines = layer.getBounds();
  siteMap.markers = L.layerGroup().addTo(map);
}

// One circle per site, its area in proportion to its helps; the smallest drawn last, on top,
// so that every one can be clicked.
async function renderMap(table) {
  if (!siteMap.map) await createMap();
  const sites = table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
  const largest = Math.max(1, ...sites.map((site) => site.helps));
  siteMap.markers.clearLayers();
  const chosen = $('site').value;
  for (const site of [...sites].sort((a, b) => b.helps - a.helps)) {
    const selected = site.site === chosen;
    const marker = L.circleMarker([site.lat, site.lon], {
      radius: 4 + 18 * Math.sqrt(site.helps / largest), color: selected ? '#000' : '#fff',
      weight: selected ? 3 : 1, fillColor: markerColour(site), fillOpacity: 0.85,
      className: `site-marker site-${site.site}` });
    const tip = document.createElement('span');
    const satisfied = typeof site.satisfaction_pct === 'number' ? `${formatNumber(site.satisfaction_pct)}\u00a0% de satisfaits` : 'satisfaction\u00a0: pas de chiffre';
    tip.textContent = `${site.name}\u00a0: ${formatNumber(site.helps)} aides, ${satisfied}, bornes ${site.fleet}`;
    marker.bindTooltip(tip);
    marker.on('click', () => { $('site').value = site.site; refresh(); });
    siteMap.markers.addLayer(marker);
  }
  if (!siteMap.fitted && sites.length > 0) {
    // The sites and the whole of their départements, not a département cut at its edge.
    const bounds = L.latLngBounds(sites.map((site) => [site.lat, site.lon]));
    if (siteMap.outlines.isValid() && siteMap.outlines.intersects(bounds)) bounds.extend(siteMap.outlines);
    siteMap.map.fitBounds(bounds, { padding: [10, 10] });
    siteMap.fitted = true;
  }
  renderLegend(largest);
  siteMap.table = table;
}

async function refresh() {
  $('filter-error').textContent = '';
  const response = await api('tables?' + query());
  if (!response.ok) {
    $('filter-error').textContent = response.status === 403
      ? 'Ce filtre sort de votre périmètre : choisissez un territoire ou un organisme de votre liste.'
      : 'Filtre incorrect : vérifiez les semaines (par exemple 2026-W01).';
    return;
  }
  const { tables } = await response.json();
  // The view in the address: it can be bookmarked, shared, or come back to.
  history.replaceState(null, '', `${location.pathname}?${query()}`);
  // Every table of this view, a sheet each, with the same filters.
  $('download-all').href = `/dashboard/api/tables.xlsx?${query()}`;
  for (const table of Object.values(tables)) renderTable(table);
  renderMatrix(tables.matrix, $('matrix-grid'));
  renderCharts(tables);
  await renderMap(tables.map_sites);
  document.body.dataset.ready = 'yes';
}

function fillSelect(id, values, label) {
  const select = $(id);
  select.length = 1;
  for (const value of values) {
    const option = document.createElement('option');
    option.value = typeof value === 'string' ? value : value.id;
    option.textContent = label(value);
    select.appendChild(option);
  }
}


// The same week number a year before: 52 or 53 weeks back, as many as that year has (its
// 28 December is always in its last week); a week 53 goes to a week 52 when there is none.
function yearBefore(week) {
  const year = Number(week.slice(0, 4)) - 1;
  const weeks = Number(weekOf(new Date(Date.UTC(year, 11, 28))).slice(-2));
  return `${year}-W${String(Math.min(Number(week.slice(-2)), weeks)).padStart(2, '0')}`;
}

// Each preset gives [from, to], up to the observatory's last week.
const PRESETS = {
  // Twelve whole months, the last one the month of the last week (under way).
  months12: () => { const [year, month] = monthOf(lastWeek); return [firstWeekOfMonth(year, month - 11), lastWeek]; },
  quarter: () => { const [year, month] = monthOf(lastWeek); return [firstWeekOfMonth(year, month - (month % 3)), lastWeek]; },
  yearBefore: () => [yearBefore($('from').value.trim()), yearBefore($('to').value.trim())],
};

async function start() {
  const response = await api('options');
  const options = await response.json();
  $('login').hidden = true; $('app').hidden = false; $('logout').hidden = false;
  $('who').textContent = options.partner;
  fillSelect('departement', options.departements, (d) => d);
  fillSelect('territory', options.territories, (t) => t);
  partnerSites = options.sites;
  fillSelect('site', options.sites, (s) => s.name);
  fillSelect('agency', options.agencies, agencyName);
  // A view from the address (a bookmark, a shared link): a choice outside this partner's lists
  // is left out.
  const asked = new URLSearchParams(location.search);
  for (const id of FILTERS) {
    const value = asked.get(id);
    if (!value) continue;
    const field = $(id);
    if (field.tagName !== 'SELECT' || [...field.options].some((o) => o.value === value)) field.value = value;
  }
  lastWeek = options.last_week;
  if (!$('to').value) $('to').value = lastWeek;
  if (!$('from').value) $('from').value = weekMinus(lastWeek, 51);
  $('co2-source').textContent = options.co2_source ? 'Facteur d\u2019émission : ' + options.co2_source : '';
  mapSettings = options.map || {};
  await refresh();
}

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('login-error').textContent = '';
  const response = await api('login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: $('login-name').value, password: $('login-password').value }) });
  if (response.status === 429) {
    // The wait grows with each failure from this place (seconds, then five minutes).
    const seconds = Number(response.headers.get('Retry-After')) || 60;
    const wait = seconds < 2 ? '1 seconde'
      : seconds < 90 ? `${seconds} secondes` : `${Math.ceil(seconds / 60)} minutes`;
    $('login-error').textContent = `Trop d\u2019essais manqués pour cet identifiant. Réessayez dans ${wait}.`;
    return;
  }
  if (response.status === 503) {
    $('login-error').textContent = 'Le serveur vérifie beaucoup de connexions en ce moment. Réessayez dans un instant.';
    return;
  }
  if (!response.ok) {
    $('login-error').textContent = 'Identifiant ou mot de passe incorrect. Vérifiez-les, ou demandez un accès à l\u2019équipe de l\u2019observatoire.';
    return;
  }
  $('login-password').value = '';
  await start();
});

$('filters').addEventListener('submit', (event) => { event.preventDefault(); refresh(); });
for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () => {
    [$('from').value, $('to').value] = PRESETS[button.dataset.preset]();
    refresh();
  });
}
// The one-page summary of the chosen territory (else the chosen site's) for the quarter of the
// period's last week, in a tab of its own, ready for the browser's print.
$('summary-print').addEventListener('click', () => {
  const site = $('site').value;
  const territory = $('territory').value || (site && partnerSites.find((s) => s.id === site)?.territory) || '';
  const to = $('to').value.trim();
  const quarter = quarterOf(/^\d{4}-W\d{2}$/.test(to) ? to : lastWeek);
  window.open(`synthese.html?${new URLSearchParams({ territoire: territory, trimestre: quarter })}`, '_blank');
});
$('territory').addEventListener('change', () => { $('site').value = ''; });
for (const choice of document.querySelectorAll('input[name="map-colour"]')) {
  choice.addEventListener('change', () => { if (siteMap.table) renderMap(siteMap.table); });
}
$('logout').addEventListener('click', async () => {
  await api('logout', { method: 'POST' });
  history.replaceState(null, '', location.pathname);
  for (const id of FILTERS) $(id).value = '';
  showLogin();
});

start().catch(() => showLogin());
