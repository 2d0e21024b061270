// SPDX-License-Identifier: EUPL-1.2
'use strict';
// The one-page summary of a territory and a quarter, for elected officials, printed by the
// browser (synthese.css lays out the A4 page). Every figure is a cell of the dashboard's own
// tables (/dashboard/api/tables, the same scope and the same cells withheld), written as the
// dashboard writes it (common.js): nothing is computed here but the drawing.

const ORDINALS = ['1er', '2e', '3e', '4e'];
const SVG = 'http://www.w3.org/2000/svg';
// The partner's territories (/dashboard/api/options): a summary is of one of them.
let territories = [];

function quarterWords(quarter) {
  const [year, number] = quarter.split('-T').map(Number);
  const first = MONTHS[3 * (number - 1)];
  const last = MONTHS[3 * number - 1];
  return { title: `${ORDINALS[number - 1]} trimestre ${year}`, months: `${first} à ${last} ${year}` };
}

// The rows of a table as objects by column id.
function records(table) {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, i) => [column, row[i]])));
}

function figure(label, value, detail) {
  const holder = document.createElement('div');
  holder.className = 'figure';
  const term = document.createElement('dt');
  term.textContent = label;
  const number = document.createElement('dd');
  number.className = 'value';
  number.textContent = value;
  holder.append(term, number);
  if (detail) {
    const more = document.createElement('dd');
    more.className = 'detail';
    more.textContent = detail;
    holder.appendChild(more);
  }
  $('figures').appendChild(holder);
}

// Grids, persons and calls: the quarter's one row (grain "quarter" over the quarter's weeks).
function renderFigures(quarterly, territory) {
  $('figures').textContent = '';
  const helps = records(quarterly.territories).find((r) => r.territory === territory);
  figure('Aides apportées', helps ? cellText('helps', helps.helps) : '0', 'comptées par les grilles hebdomadaires');
  const persons = quarterly.persons;
  if (persons.note) {
    figure('Personnes venues aux bornes', '\u2014', persons.note);
  } else {
    const row = records(persons)[0];
    figure('Personnes venues aux bornes', row ? cellText('persons', row.persons) : '0', 'sessions à la borne');
  }
  // Satisfaction, need met and recommendation, with their respondents; under 11, words only.
  const trend = quarterly.satisfaction_trend;
  const row = trend.rows[0];
  trend.columns.forEach((column, i) => {
    if (!/_(pct|nps)$/.test(column)) return;
    const label = trend.titles[i - 1].split('\u00a0: ')[0];
    if (!row) { figure(label, '\u2014', 'aucune réponse ce trimestre'); return; }
    const respondents = row[i - 1];
    const value = row[i] === WITHHELD ? TOO_FEW : cellText(column, row[i]) + (column.endsWith('_pct') ? '\u00a0%' : '');
    const detail = column.endsWith('_nps') ? `NPS, de −100 à +100 ; ${cellText(trend.columns[i - 1], respondents)} répondants`
      : `de réponses positives ; ${cellText(trend.columns[i - 1], respondents)} répondants`;
    figure(label, value, detail);
  });
  const calls = records(quarterly.calls_by_period)[0];
  figure('Rendez-vous en visio', calls ? cellText('answered', calls.answered) : '0',
    `appels réalisés, sur ${calls ? cellText('total', calls.total) : '0'} demandés`);
}

function svgElement(name, attributes, text) {
  const el = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, value);
  if (text !== undefined) el.textContent = text;
  return el;
}

// The visits table by month: the kinds of help side by side, never stacked (their sum is not
// a number of persons), as the dashboard's chart. Inline SVG: it prints as drawn.
function renderChart(visits) {
  const holder = $('helps-chart');
  holder.textContent = '';
  const kinds = visits.columns.slice(1);
  const [width, height, left, bottom, top] = [720, 160, 48, 26, 16];
  const largest = Math.max(1, ...visits.rows.flatMap((r) => r.slice(1)));
  // A round step for the axis: 1, 2 or 5 times a power of ten, four or five lines.
  const rough = largest / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const max = Math.ceil(largest / step) * step;
  const y = (value) => top + (height - top - bottom) * (1 - value / max);
  const words = visits.rows.map((r) => `${periodLabel(r[0])} : ` + kinds.map((k, i) => `${visits.titles[i + 1]} ${cellText(k, r[i + 1])}`).join(', '));
  const svg = svgElement('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-labelledby': 'helps-chart-title helps-chart-desc', class: 'chart-svg' });
  svg.append(svgElement('title', { id: 'helps-chart-title' }, 'Aides par mois du trimestre, par type'),
    svgElement('desc', { id: 'helps-chart-desc' }, words.join(' ; ') || 'Aucune aide ce trimestre.'));
  for (let value = 0; value <= max; value += step) {
    svg.append(svgElement('line', { x1: left, x2: width, y1: y(value), y2: y(value), class: 'grid' }),
      svgElement('text', { x: left - 6, y: y(value) + 4, 'text-anchor': 'end', class: 'axis' }, formatNumber(value)));
  }
  const group = (width - left) / Math.max(1, visits.rows.length);
  const bar = Math.min(26, (group - 24) / kinds.length);
  visits.rows.forEach((row, m) => {
    const start = left + m * group + (group - bar * kinds.length) / 2;
    kinds.forEach((kind, k) => {
      const value = row[k + 1];
      const x = start + k * bar;
      svg.append(svgElement('rect', { x, y: y(value), width: bar - 2, height: y(0) - y(value), fill: HELP_COLOURS[k % HELP_COLOURS.length], class: 'help-bar' }),
        svgElement('text', { x: x + bar / 2 - 1, y: y(value) - 3, 'text-anchor': 'middle', class: 'bar-value' }, formatNumber(value)));
    });
    svg.append(svgElement('text', { x: left + m * group + group / 2, y: height - 8, 'text-anchor': 'middle', class: 'month' }, periodLabel(row[0])));
  });
  holder.appendChild(svg);
  const legend = $('helps-legend');
  legend.textContent = '';
  kinds.forEach((kind, k) => {
    const item = document.createElement('li');
    const swatch = document.createElement('span');
    swatch.className = 'swatch square';
    swatch.style.background = HELP_COLOURS[k % HELP_COLOURS.length];
    item.append(swatch, visits.titles[k + 1]);
    legend.appendChild(item);
  });
}

async function tables(params) {
  const response = await fetch('/dashboard/api/tables?' + params, { credentials: 'same-origin' });
  if (response.status === 401) throw new Error('Connectez-vous d\u2019abord au tableau de bord, puis revenez à cette page.');
  if (response.status === 403) throw new Error('Ce territoire sort de votre périmètre : choisissez-en un de votre liste.');
  if (!response.ok) throw new Error('La synthèse n\u2019a pas pu être calculée. Réessayez dans un instant.');
  return (await response.json()).tables;
}

function fillChoices(options, asked) {
  for (const territory of options.territories) {
    const option = document.createElement('option');
    option.value = option.textContent = territory;
    $('territoire').appendChild(option);
  }
  // The quarters of the last two years, the one under way first.
  const current = quarterOf(options.last_week);
  let [year, number] = current.split('-T').map(Number);
  for (let i = 0; i < 8; i++) {
    const quarter = `${year}-T${number}`;
    const option = document.createElement('option');
    option.value = quarter;
    option.textContent = quarterWords(quarter).title + (quarter === current ? ' (en cours)' : '');
    $('trimestre').appendChild(option);
    [year, number] = number === 1 ? [year - 1, 4] : [year, number - 1];
  }
  if (options.territories.includes(asked.territory)) $('territoire').value = asked.territory;
  if ([...$('trimestre').options].some((o) => o.value === asked.quarter)) $('trimestre').value = asked.quarter;
}

async function show(territory, quarter) {
  $('summary-error').textContent = '';
  $('summary').hidden = true;
  delete document.body.dataset.ready;
  const weeks = quarterWeeks(quarter);
  if (!weeks) throw new Error('Trimestre incorrect : écrivez-le comme 2026-T3 (année, puis T1 à T4).');
  if (!territory) throw new Error('Choisissez un territoire.');
  if (!territories.includes(territory)) throw new Error(`Le territoire « ${territory} » n\u2019est pas dans votre périmètre : choisissez-en un de la liste.`);
  const base = new URLSearchParams({ territory, from: weeks[0], to: weeks[1] });
  const [quarterly, monthly] = await Promise.all([
    tables(`${base}&grain=quarter`), tables(`${base}&grain=month`)]);
  const words = quarterWords(quarter);
  $('summary-title').textContent = `${territory} — ${words.title}`;
  $('summary-period').textContent = `De ${words.months} (semaines ${weeks[0]} à ${weeks[1]})`;
  renderFigures(quarterly, territory);
  renderChart(monthly.visits);
  renderMatrix(quarterly.matrix, $('summary-matrix'));
  if (!$('summary-matrix').firstChild) $('summary-matrix').textContent = 'Pas assez de réponses pour la matrice ce trimestre.';
  const made = new Date().toLocaleDateString('fr-FR', { day: 'numeric', month: 'long', year: 'numeric' });
  $('summary-made').textContent = `Édité le ${made} depuis le tableau de bord des partenaires (${$('who').textContent}).`;
  document.title = `Synthèse ${territory} ${words.title} — Observatoire Relais`;
  $('summary').hidden = false;
  document.body.dataset.ready = 'yes';
}

async function start() {
  const asked = new URLSearchParams(location.search);
  const response = await fetch('/dashboard/api/options', { credentials: 'same-origin' });
  if (response.status === 401) throw new Error('Connectez-vous d\u2019abord au tableau de bord, puis revenez à cette page.');
  const options = await response.json();
  $('who').textContent = options.partner;
  territories = options.territories;
  const quarter = asked.get('trimestre') || quarterOf(options.last_week);
  fillChoices(options, { territory: asked.get('territoire'), quarter });
  await show(asked.get('territoire') || '', quarter);
}

function fail(error) {
  $('summary').hidden = true;
  $('summary-error').textContent = error.message;
  document.body.dataset.ready = 'error';
}

$('choice').addEventListener('submit', (event) => {
  event.preventDefault();
  const territory = $('territoire').value;
  const quarter = $('trimestre').value;
  history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ territoire: territory, trimestre: quarter })}`);
  show(territory, quarter).catch(fail);
});
$('print').addEventListener('click', () => window.print());
start().catch(fail);
