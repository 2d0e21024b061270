// SPDX-License-Identifier: EUPL-1.2
'use strict';
// What the dashboard's pages share (index.html with app.js, synthese.html with synthese.js):
// the words for agencies and levels, how a cell's figure is written, ISO weeks, the matrix.
// Loaded first, as a classic script: its names are the other scripts'.

const AGENCIES = { caf: 'CAF', cpam: 'CPAM', carsat: 'CARSAT', msa: 'MSA', 'france-travail': 'France Travail',
  dgfip: 'DGFiP', ants: 'ANTS', udaf: 'UDAF', 'mission-locale': 'Mission locale', none: 'Sans organisme' };
const HELP_COLOURS = ['#000091', '#6a6af4', '#e1000f', '#00a95f', '#ff9940', '#a558a0'];
const LEVEL_CLASS = { 'à réviser': 'reviser', 'à surveiller': 'surveiller', 'à optimiser': 'optimiser',
  'à maintenir': 'maintenir' };
const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre',
  'novembre', 'décembre'];
// A cell of too few respondents (observatory/indicators/suppression.h): no figure, words instead.
const WITHHELD = '<11';
const TOO_FEW = 'moins de 11 réponses';
const DAY = 86400000;

const $ = (id) => document.getElementById(id);

function agencyName(id) { return AGENCIES[id] || id; }

function formatNumber(value) {
  if (typeof value !== 'number') return String(value);
  return value.toLocaleString('fr-FR', { maximumFractionDigits: 1 });
}

// "2026-03" is a month, shown "mars 2026"; weeks, quarters and years as they come.
function periodLabel(period) {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  return month ? `${MONTHS[Number(month[2]) - 1]} ${month[1]}` : period;
}

function cellText(column, value) {
  if (column === 'agency' || column === 'service') return agencyName(value);
  if ((column === 'lat' || column === 'lon') && typeof value === 'number') {
    return value.toLocaleString('fr-FR', { maximumFractionDigits: 4 });
  }
  if (column === 'period') return periodLabel(value);
  // The respondents' cell keeps the mark; the figure's says why there is none.
  if (value === WITHHELD && !column.endsWith('_respondents')) return TOO_FEW;
  if (value === null) return '\u2014';
  return formatNumber(value);
}

// ISO weeks ("2026-W05") and UTC dates. Week 1 holds 4 January; a week belongs to the year,
// the quarter and the month of its Thursday, as the observatory counts them.
function mondayOf(week) {
  const [year, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return new Date(jan4.getTime() - ((jan4.getUTCDay() + 6) % 7) * DAY + (w - 1) * 7 * DAY);
}

function weekOf(date) {
  const thursday = new Date(date.getTime() + (3 - ((date.getUTCDay() + 6) % 7)) * DAY);
  const year = thursday.getUTCFullYear();
  const number = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * DAY)) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

function weekMinus(week, n) { return weekOf(new Date(mondayOf(week).getTime() - n * 7 * DAY)); }

// [year, month from 0] of the week's Thursday.
function monthOf(week) {
  const thursday = new Date(mondayOf(week).getTime() + 3 * DAY);
  return [thursday.getUTCFullYear(), thursday.getUTCMonth()];
}

// The week of the month's first Thursday; `month` may run over (−1 is December before).
function firstWeekOfMonth(year, month) {
  const first = new Date(Date.UTC(year, month, 1));
  return weekOf(new Date(first.getTime() + ((4 - first.getUTCDay() + 7) % 7) * DAY));
}

// The quarter of a week ("2026-T3"): that of its Thursday, as the observatory counts it.
function quarterOf(week) {
  const [year, month] = monthOf(week);
  return `${year}-T${Math.floor(month / 3) + 1}`;
}

// A quarter's first and last weeks, [from, to]; null for anything but "2026-T3" and the like.
function quarterWeeks(quarter) {
  const match = /^(\d{4})-T([1-4])$/.exec(quarter || '');
  if (!match || Number(match[1]) < 2000) return null;
  const [year, first] = [Number(match[1]), 3 * (Number(match[2]) - 1)];
  return [firstWeekOfMonth(year, first), weekMinus(firstWeekOfMonth(year, first + 3), 1)];
}

// The accessibility matrix as a grid, criteria down, services across: each cell its level's
// word (colour is never the only signal) and its figures.
function renderMatrix(table, holder) {
  holder.textContent = '';
  const services = [...new Set(table.rows.map((r) => r[1]))].sort();
  const criteria = [...new Set(table.rows.map((r) => r[0]))];
  if (criteria.length === 0) return;
  const el = document.createElement('table');
  el.className = 'matrix';
  const head = el.createTHead().insertRow();
  const corner = document.createElement('th'); corner.textContent = 'Critère \u2193 / Service \u2192';
  head.appendChild(corner);
  for (const s of services) { const th = document.createElement('th'); th.scope = 'col'; th.textContent = agencyName(s); head.appendChild(th); }
  const body = el.createTBody();
  for (const c of criteria) {
    const tr = body.insertRow();
    const th = document.createElement('th'); th.scope = 'row'; th.textContent = c; tr.appendChild(th);
    for (const s of services) {
      const td = tr.insertCell();
      const row = table.rows.find((r) => r[0] === c && r[1] === s);
      if (!row) { td.textContent = '—'; continue; }
      td.classList.add('level-' + (LEVEL_CLASS[row[6]] || 'none'));
      const word = document.createElement('span'); word.className = 'level'; word.textContent = row[6];
      const figures = document.createElement('span');
      const gap = row[5] > 0 ? '+' + formatNumber(row[5]) : formatNumber(row[5]);
      figures.textContent = `${formatNumber(row[3])} % (${gap} pts, n=${row[2]})`;
      td.append(word, figures);
    }
  }
  holder.appendChild(el);
}
