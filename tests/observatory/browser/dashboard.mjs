// SPDX-License-Identifier: EUPL-1.2
// The partners' dashboard in Debian's headless Chromium, driven by playwright-core: login
// (refused, then accepted), charts and tables drawn (persons and their journey, kinds of help
// kept apart), the survey figures and the matrix with its words, filters, the month grain, the
// period presets and the satisfaction trend with its withheld cells, the map of the sites (a
// click on a marker sets the site filter) under the unchanged CSP, a partner's scope,
// CSV export, the Excel workbooks read back with openpyxl against the CSV, the one-page summary
// printed to PDF (one A4 page, the dashboard's figures), open data, a cross-site login form
// refused, axe-core's checks (login, dashboard, summary, accessibility statement), and
// screenshots saved for review.
// Usage: node dashboard.mjs BASE_URL SCREENSHOT_DIR NODE_MODULES_DIR
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [base, shots, modules] = process.argv.slice(2);
const require = createRequire(join(modules, 'noop.js'));
const { chromium } = require('playwright-core');
// axe-core's source, run in the page by page.evaluate: the pages' CSP allows no inline
// script, so page.addScriptTag would be refused.
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const axeVersion = require('axe-core/package.json').version;
mkdirSync(shots, { recursive: true });
let failures = 0;
let passes = 0;
function check(ok, what) {
  if (ok) { passes++; console.log('ok:', what); } else { failures++; console.log('FAILED:', what); }
}

// The test's own reckoning of ISO weeks, by counting days (not the page's arithmetic): a week
// is in the year and the month of its Thursday.
const DAY = 86400000;
const MONTH_NAMES = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre',
  'octobre', 'novembre', 'décembre'];
function firstThursday(year, month) {
  let day = Date.UTC(year, month, 1);
  while (new Date(day).getUTCDay() !== 4) day += DAY;
  return day;
}
// Week 1 holds the year's first Thursday.
function weekStart(year) { return firstThursday(year, 0) - 3 * DAY; }
function isoWeekOfDay(day) {
  let year = new Date(day).getUTCFullYear() + 1;
  while (weekStart(year) > day) year--;
  return `${year}-W${String(Math.floor((day - weekStart(year)) / (7 * DAY)) + 1).padStart(2, '0')}`;
}
function thursdayOf(week) {
  const [year, number] = week.split('-W').map(Number);
  return new Date(weekStart(year) + ((number - 1) * 7 + 3) * DAY);
}
function firstWeekOf(year, month) { return isoWeekOfDay(firstThursday(year, month)); }

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const context = await browser.newContext({ ignoreHTTPSErrors: true, viewport: { width: 1280, height: 900 }, locale: 'fr-FR' });
  // Every Content-Security-Policy violation of every page, whatever the console says.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // axe-core on the page as it is now: no serious or critical violation; the others are
  // printed for review. A failure names each rule, its impact and the elements to fix.
  const accessible = async (where, tab = page) => {
    const found = await tab.evaluate(async (source) => {
      if (!window.axe) (0, eval)(source);
      const results = await window.axe.run(document, { resultTypes: ['violations'] });
      return results.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) }));
    }, axeSource);
    const grave = found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    const describe = (list) => list.map((v) => `${v.id} (${v.impact}): ${v.targets.slice(0, 5).join(', ')}`).join(' | ');
    if (found.length > grave.length) console.log(`axe-core ${axeVersion}, minor on ${where}:`, describe(found.filter((v) => !grave.includes(v))));
    check(grave.length === 0, `axe-core ${axeVersion}: no serious or critical violation on ${where}` + (grave.length ? ': ' + describe(grave) : ''));
  };
  // The Excel workbook of the page's view, downloaded as a person does (the link's click), or
  // one table's from its own link: openpyxl reads it back, and each sheet must hold the cells
  // of the table's spreadsheet CSV and the types of its JSON (tests/observatory/export).
  const workbookMatches = async (where, only) => {
    const dir = mkdtempSync(join(tmpdir(), 'relais-xlsx-'));
    try {
      const link = only ? `[data-table="${only}"] a.export.xlsx` : '#download-all';
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(link)]);
      const workbook = join(dir, download.suggestedFilename());
      await download.saveAs(workbook);
      const fetched = await page.evaluate(async (id) => {
        const { tables } = await (await fetch('/dashboard/api/tables?' + location.search.slice(1))).json();
        const files = {};
        for (const table of Object.values(tables)) {
          if (id && table.id !== id) continue;
          const href = document.querySelector(`[data-table="${table.id}"] a.export.sheet`)?.getAttribute('href')
            ?? `/dashboard/api/csv/${table.id}.csv?${location.search.slice(1)}&format=tableur`;
          files[table.id] = [...new Uint8Array(await (await fetch(href)).arrayBuffer())];
        }
        return { tables: id ? { [id]: tables[id] } : tables, files };
      }, only);
      writeFileSync(join(dir, 'tables.json'), JSON.stringify({ tables: fetched.tables }));
      mkdirSync(join(dir, 'csv'));
      for (const [id, bytes] of Object.entries(fetched.files)) writeFileSync(join(dir, 'csv', `${id}.csv`), Buffer.from(bytes));
      const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'export', 'xlsx_matches_csv.py');
      const run = spawnSync(script, [workbook, join(dir, 'tables.json'), join(dir, 'csv')], { encoding: 'utf8' });
      const said = (run.stdout + run.stderr).trim();
      check(run.status === 0 && Object.keys(fetched.files).length > 0,
        `${where}: ${download.suggestedFilename()} holds the cells of the CSV (${said.split('\n').slice(-5).join(' | ')})`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
  const cspClean = async (where) => {
    const violations = await page.evaluate(() => window.cspViolations);
    check(violations.length === 0, `no Content-Security-Policy violation on ${where}` + (violations.length ? ': ' + violations.join(' | ') : ''));
  };
  // 401 (before login, after logout), 403 (outside the scope) and 429 (guessing) are answers
  // the test asks for; anything else is a fault.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/status of (401|403|429)/.test(m.text())) errors.push(m.text());
  });

  await page.goto(base + '/dashboard/');
  await page.waitForSelector('#login:not([hidden])');
  await page.screenshot({ path: join(shots, '01-login.png') });
  await accessible('the login page');
  // The accessibility statement, linked from every page's footer, passes axe-core too.
  check(await page.getAttribute('footer a', 'href') === 'accessibilite.html', 'the footer links to the accessibility statement');
  const statement = await context.newPage();
  await statement.goto(base + '/dashboard/accessibilite.html');
  check((await statement.textContent('main')).includes('partiellement conforme'), 'the accessibility statement is served');
  await accessible('the accessibility statement', statement);
  await statement.close();

  await page.fill('#login-name', 'lot');
  await page.fill('#login-password', 'wrong-password');
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('login-error').textContent.length > 0);
  check((await page.textContent('#login-error')).includes('mot de passe incorrect'), 'a wrong password is refused in French');
  await page.screenshot({ path: join(shots, '02-login-refused.png') });

  await page.fill('#login-password', 'relais-demo');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('body[data-ready="yes"]');
  check((await page.textContent('#who')) === 'Observatoire du Lot', 'the partner name is shown');
  const visitRows = await page.locator('[data-table="visits"] tbody tr').count();
  check(visitRows >= 4, `quarterly visits table has rows (${visitRows})`);
  const ink = (id) => page.evaluate((canvasId) => {
    const c = document.getElementById(canvasId);
    const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  }, id);
  const drawn = await ink('visits-chart');
  check(drawn > 1000, `the visits chart is drawn (${drawn} pixels)`);
  const visitHeads = await page.$$eval('[data-table="visits"] thead th', (h) => h.map((x) => x.textContent));
  check(!visitHeads.includes('Total') && (await page.textContent('#visits-card h2')).includes('une personne peut en recevoir plusieurs'),
    'the kinds of help are never added up into persons');
  for (const chart of ['persons-chart', 'autonomy-chart', 'ends-chart', 'procedures-chart', 'calls-chart']) {
    const n = await ink(chart);
    check(n > 1000, `the ${chart} is drawn (${n} pixels)`);
  }
  const personHeads = await page.$$eval('[data-table="persons"] thead th', (h) => h.map((x) => x.textContent));
  check(personHeads[1] === 'Personnes (sessions)' && personHeads.includes("Avec l'aide du médiateur"),
    `persons are sessions, with their autonomy (${personHeads.join(' | ')})`);
  const personRows = await page.$$eval('[data-table="persons"] tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  check(personRows.length >= 4 && personRows.every((r) => Number(r[1].replace(/\s/g, '')) > 0), `persons per quarter (${personRows.length} rows)`);
  const sites = await page.locator('[data-table="persons_by_site"] tbody tr').count();
  check(sites === 20, `persons for each of the 20 sites (${sites})`);
  const autonomy = await page.$$eval('[data-table="autonomy"] tbody td:first-child', (c) => c.map((x) => x.textContent));
  check(autonomy.join('|') === "En autonomie avec le guide|Avec l'aide du médiateur|Par un appel en visio|Ni guide, ni médiateur, ni visio",
    `the four autonomy classes (${autonomy.join(' | ')})`);
  const ends = await page.$$eval('[data-table="session_ends"] tbody td:first-child', (c) => c.map((x) => x.textContent));
  check(ends[0] === 'Terminée par « Terminer et effacer »' && ends.some((e) => e.startsWith('Abandonnée sur les démarches en ligne')),
    `how sessions end, abandoned ones with their screen (${ends.length} rows)`);
  const procedures = await page.$$eval('[data-table="procedures"] tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  check(procedures.length >= 15 && procedures.every((r) => r[2] !== r[1]), `guided procedures with their French names (${procedures.length})`);
  const steps = await page.$$eval('[data-table="help_steps"] tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  check(steps.length > 10 && steps.every((r) => Number(r[3]) >= 1 && r[4].length > 5 && !r[4].startsWith('Étape')),
    `where help is asked, with each step's words (${steps.length} rows; first: ${steps[0] && steps[0].join(' / ')})`);
  const words = await page.$$eval('#matrix-grid td[class^="level-"]', (cells) => cells.map((c) => c.querySelector('.level').textContent));
  check(words.length > 10 && words.every((w) => w.startsWith('à ')), `every coloured matrix cell carries its level's word (${words.length} cells)`);
  // The survey figures, from the demo's answers in the definitions' codes.
  const cellsOf = (table) => page.$$eval(`[data-table="${table}"] tbody tr`,
    (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
  const count = (text) => Number(String(text).replace(/[^0-9]/g, ''));
  const satisfaction = await cellsOf('satisfaction');
  for (const label of ['Satisfaction sur l\'accueil', 'Besoin satisfait', 'Recommanderait le service']) {
    const row = satisfaction.find((r) => r[0] === label);
    check(row && count(row[1]) > 100 && count(row[4]) > 0, `the satisfaction table shows "${label}" (${row})`);
  }
  check(satisfaction.every((r) => count(r[1]) > 0), 'every satisfaction figure has respondents');
  const venue = await cellsOf('venue');
  check(venue.filter((r) => r[0] === 'Comment le lieu a été connu').length >= 3, 'how the place was known is shown');
  const ages = (await cellsOf('profile')).filter((r) => r[0] === 'Tranche d\'âge');
  check(ages.length === 5, `the profile shows the age bands (${ages.length})`);
  const fleetRows = await page.locator('[data-table="fleet"] tbody tr').count();
  check(fleetRows === 20, `the fleet view lists the 20 kiosks (${fleetRows})`);
  // The map: one circle per demo site (all 20 have a position), as the API gives them, on
  // the Lot's outline, with no request outside the observatory.
  const mapData = await page.evaluate(async () => (await (await fetch('/dashboard/api/tables' + location.search)).json()).tables.map_sites);
  const markerClasses = await page.$$eval('#map path.site-marker', (paths) => paths.map((p) => p.getAttribute('class')));
  const markerSites = markerClasses.map((c) => /site-(46-[a-z-]+)/.exec(c)[1]).sort();
  check(mapData.rows.length === 20 && markerSites.join() === mapData.rows.map((r) => r[0]).sort().join(),
    `one marker per demo site (${markerSites.length}: ${markerSites.slice(0, 3).join(', ')}…)`);
  check(await page.locator('#map path.departement-outline').count() === 1, 'the Lot\'s outline is drawn');
  const radius = (id) => page.$eval(`#map path.site-${id}`, (p) => p.getBoundingClientRect().width);
  const helpsOf = (id) => mapData.rows.find((r) => r[0] === id)[mapData.columns.indexOf('helps')];
  const bySize = mapData.rows.map((r) => r[0]).sort((a, b) => helpsOf(b) - helpsOf(a));
  const [big, small] = [bySize[0], bySize[bySize.length - 1]];
  check(helpsOf(big) > helpsOf(small) && await radius(big) > await radius(small),
    `a site with more helps has a larger marker (${big} ${helpsOf(big)} > ${small} ${helpsOf(small)})`);
  const legend = await page.textContent('#map-legend');
  check(legend.includes('satisfaits') && legend.includes('proportionnelle aux aides'), `the map has a legend (${legend.slice(0, 80)}…)`);
  const alternative = await cellsOf('map_sites');
  check(alternative.length === 20 && alternative.some((r) => r[1] === 'France Services de Bretenoux' && r[3] === '46038'),
    'the map\'s figures are in a table too');
  const perThousand = await cellsOf('map_communes');
  check(perThousand.length === 20 && perThousand.every((r) => Number(r[5].replace(',', '.').replace(/\s/g, '')) > 0),
    `helps per 1,000 inhabitants for each commune (${perThousand[0]})`);
  await page.locator('#map-card').screenshot({ path: join(shots, '11-map.png') });
  await page.check('input[name="map-colour"][value="fleet"]');
  check((await page.textContent('#map-legend')).includes('bornes\u00a0: en service'), 'the map can be coloured by the kiosks\' state');
  await page.locator('#map-card').screenshot({ path: join(shots, '11-map-fleet.png') });
  await page.check('input[name="map-colour"][value="satisfaction"]');
  // A click on Catus's marker chooses that site: the select, the address and the tables follow.
  await page.evaluate(() => { document.body.dataset.ready = ''; });
  await page.click('#map path.site-46-catus');
  await page.waitForSelector('body[data-ready="yes"]');
  const chosenSites = await page.$$eval('[data-table="persons_by_site"] tbody td:first-child', (c) => c.map((x) => x.textContent));
  check(await page.inputValue('#site') === '46-catus' && new URL(page.url()).searchParams.get('site') === '46-catus'
    && chosenSites.join() === 'France Services de Catus', `a click on a marker sets the site filter (${page.url()}, ${chosenSites})`);
  check(await page.locator('#map path.site-marker').count() === 20
    && (await page.$eval('#map path.site-46-catus', (p) => p.getAttribute('stroke-width'))) === '3',
  'the map still shows every site, the chosen one outlined');
  await page.locator('#map-card').screenshot({ path: join(shots, '12-map-site-chosen.png') });
  await page.evaluate(() => { document.body.dataset.ready = ''; });
  await page.selectOption('#site', '');
  await page.click('#filters button[type=submit]');
  await page.waitForSelector('body[data-ready="yes"]');
  await cspClean('the map');
  await accessible('the dashboard');
  await page.screenshot({ path: join(shots, '03-dashboard-lot.png'), fullPage: true });
  await page.locator('#matrix-card').screenshot({ path: join(shots, '04-matrix.png') });
  await page.locator('#fleet-card').screenshot({ path: join(shots, '05-fleet.png') });
  for (const card of ['persons', 'autonomy', 'ends', 'guides', 'visits']) {
    await page.locator(`#${card}-card`).screenshot({ path: join(shots, `05-journey-${card}.png`) });
  }

  const csv = await page.evaluate(async () => {
    const href = document.querySelector('[data-table="calls"] a.export.data').getAttribute('href');
    return (await fetch(href)).text();
  });
  check(csv.startsWith('agency,answered,abandoned,callback,failed,total,share_pct'), 'the calls table exports as CSV');
  // For a spreadsheet: a byte order mark, then the titles the page shows, separated by ";".
  const sheet = await page.evaluate(async () => {
    const href = document.querySelector('[data-table="calls"] a.export.sheet').getAttribute('href');
    const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
    const titles = [...document.querySelectorAll('[data-table="calls"] th')].map((th) => th.textContent);
    return { bom: [...bytes.slice(0, 3)].join(','), header: new TextDecoder().decode(bytes.slice(3)).split('\r\n')[0], titles: titles.join(';') };
  });
  check(sheet.bom === '239,187,191' && sheet.header === sheet.titles, `the calls table exports for a spreadsheet (${JSON.stringify(sheet)})`);
  // Every table, not only the calls: a byte order mark, then the French titles.
  const sheets = await page.evaluate(async () => {
    const out = [];
    for (const link of document.querySelectorAll('a.export.sheet')) {
      const bytes = new Uint8Array(await (await fetch(link.getAttribute('href'))).arrayBuffer());
      const holder = link.closest('[data-table]');
      const titles = [...holder.querySelectorAll('thead th')].map((th) => th.textContent);
      const header = new TextDecoder().decode(bytes.slice(3)).split('\r\n')[0];
      if (bytes[0] !== 0xef || bytes[1] !== 0xbb || bytes[2] !== 0xbf || header !== titles.join(';')) out.push(`${holder.dataset.table}: ${header}`);
    }
    return { count: document.querySelectorAll('a.export.sheet').length, wrong: out };
  });
  check(sheets.count >= 20 && sheets.wrong.length === 0,
    `every table (${sheets.count}) exports for a spreadsheet with a byte order mark and its French titles (${sheets.wrong.join(' | ')})`);
  await workbookMatches('"Télécharger tout (Excel)" for the whole Lot');
  await workbookMatches('the calls table\'s Excel link', 'calls');
  await page.locator('#download-all').screenshot({ path: join(shots, '05-download-all.png') });
  const journeyCsv = await page.evaluate(async () => {
    const out = {};
    for (const id of ['persons', 'autonomy', 'session_ends', 'procedures', 'help_steps']) {
      const href = document.querySelector(`[data-table="${id}"] a.export.data`).getAttribute('href');
      out[id] = (await (await fetch(href)).text()).split('\r\n')[0];
    }
    return out;
  });
  check(journeyCsv.persons === 'period,persons,guide_alone,mediator,video_call,none,mean_minutes'
    && journeyCsv.autonomy === 'autonomy,persons,share_pct' && journeyCsv.session_ends === 'ending,persons,share_pct'
    && journeyCsv.procedures === 'agency,procedure,title,opened,help_requests,help_per_100'
    && journeyCsv.help_steps === 'agency,procedure,title,step,step_text,help_requests',
  `the journey's tables export as CSV (${JSON.stringify(journeyCsv)})`);

  await page.selectOption('#territory', 'Bouriane');
  await page.selectOption('#grain', 'week');
  await page.evaluate(() => { document.body.dataset.ready = ''; });
  await page.click('#filters button[type=submit]');
  await page.waitForSelector('body[data-ready="yes"]');
  const territories = await page.$$eval('[data-table="territories"] tbody tr td:first-child', (c) => c.map((x) => x.textContent));
  check(territories.length === 1 && territories[0] === 'Bouriane', 'the territory filter applies');
  const weeks = await page.locator('[data-table="visits"] tbody tr').count();
  check(weeks >= 50, `weekly grain gives one row per week (${weeks})`);
  await page.screenshot({ path: join(shots, '06-bouriane-weekly.png'), fullPage: true });
  await page.locator('#matrix-card').screenshot({ path: join(shots, '06-bouriane-matrix.png') });
  const gaps = await page.$$eval('#matrix-grid td span:last-child', (s) => s.map((x) => x.textContent));
  check(gaps.some((g) => !g.includes('(0 pts')), 'a territory is compared with its département');

  // The view is in the address: opened again (a bookmark, a shared link), it shows the same.
  const address = new URL(page.url());
  check(address.searchParams.get('territory') === 'Bouriane' && address.searchParams.get('grain') === 'week',
    `the filters are in the address (${page.url()})`);
  const shared = await context.newPage();
  await shared.goto(page.url());
  await shared.waitForSelector('body[data-ready="yes"]');
  const sharedTerritory = await shared.inputValue('#territory');
  const sharedRows = await shared.$$eval('[data-table="territories"] tbody tr td:first-child', (c) => c.map((x) => x.textContent));
  check(sharedTerritory === 'Bouriane' && sharedRows.length === 1 && sharedRows[0] === 'Bouriane'
    && await shared.inputValue('#grain') === 'week', `a shared address shows the same view (${sharedTerritory}, ${sharedRows})`);
  await shared.close();

  // Periods: the month grain and the presets, reckoned from the observatory's last week (not
  // the browser's clock), landing in the fields and the address; the satisfaction trend.
  const lastWeek = await page.evaluate(async () => (await (await fetch('/dashboard/api/options')).json()).last_week);
  const afterRefresh = async (action) => {
    await page.evaluate(() => { document.body.dataset.ready = ''; });
    await action();
    await page.waitForSelector('body[data-ready="yes"]');
  };
  const fields = async () => [await page.inputValue('#from'), await page.inputValue('#to')];
  const now = thursdayOf(lastWeek);
  const [year, month] = [now.getUTCFullYear(), now.getUTCMonth()];
  await page.selectOption('#territory', '');
  await page.selectOption('#grain', 'month');
  await afterRefresh(() => page.click('button[data-preset="months12"]'));
  const twelve = [firstWeekOf(year, month - 11), lastWeek];
  check((await fields()).join() === twelve.join(), `"12 derniers mois" sets ${twelve.join(' to ')} (${await fields()})`);
  const inAddress = new URL(page.url()).searchParams;
  check(inAddress.get('from') === twelve[0] && inAddress.get('to') === twelve[1] && inAddress.get('grain') === 'month'
    && !inAddress.has('territory'), `the preset and the month grain are in the address (${page.url()})`);
  const monthNames = [...Array(12).keys()].map((i) => {
    const d = new Date(Date.UTC(year, month - 11 + i, 1));
    return `${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
  });
  const visitMonths = await page.$$eval('[data-table="visits"] tbody td:first-child', (c) => c.map((x) => x.textContent));
  check(visitMonths.join('|') === monthNames.join('|'), `the visits are counted month by month (${visitMonths.join(', ')})`);
  const trendHeads = await page.$$eval('[data-table="satisfaction_trend"] thead th', (h) => h.map((x) => x.textContent));
  check(trendHeads[0] === 'Période' && trendHeads.includes('Satisfaction sur l\'accueil\u00a0: réponses positives (%)')
    && trendHeads.includes('Besoin satisfait\u00a0: répondants') && trendHeads.some((h) => h.endsWith('\u00a0: NPS')),
  `the trend shows satisfaction, need met and NPS with their respondents (${trendHeads.join(' | ')})`);
  // As shown, against the API's figures for the same view.
  const trendRows = await cellsOf('satisfaction_trend');
  const trendData = await page.evaluate(async () => {
    const query = new URL(location.href).search;
    return (await (await fetch('/dashboard/api/tables' + query)).json()).tables.satisfaction_trend;
  });
  const welcome = trendData.columns.indexOf('accueil_pct');
  const shown = (value) => (typeof value === 'number' ? value.toLocaleString('fr-FR', { maximumFractionDigits: 1 }) : value);
  check(trendRows.length === 12 && trendRows.every((r, i) => r[0] === monthNames[i] && r[welcome] === shown(trendData.rows[i][welcome])),
    `one trend row per month, as computed (${trendRows.map((r) => `${r[0]}: ${r[welcome]}`).join(', ')})`);
  check(trendRows.every((r) => Number(r[welcome].replace(',', '.')) > 80), 'every month of the whole Lot has enough answers for a figure');
  const trendInk = await ink('trend-chart');
  check(trendInk > 1000, `the trend chart is drawn (${trendInk} pixels)`);
  await page.locator('#trend-card').screenshot({ path: join(shots, '09-trend-months.png') });
  await page.locator('#filters').screenshot({ path: join(shots, '09-filters-presets.png') });

  // One site, week by week, over the quarter under way: too few answers for most weeks.
  const firstSite = await page.$eval('#site option:nth-child(2)', (o) => o.value);
  await page.selectOption('#site', firstSite);
  await page.selectOption('#grain', 'week');
  await afterRefresh(() => page.click('button[data-preset="quarter"]'));
  const quarter = [firstWeekOf(year, month - (month % 3)), lastWeek];
  check((await fields()).join() === quarter.join(), `"Trimestre en cours" sets ${quarter.join(' to ')} (${await fields()})`);
  const weekly = await cellsOf('satisfaction_trend');
  const respondents = trendData.columns.indexOf('accueil_respondents');
  const withheld = weekly.filter((r) => r[respondents] === '<11');
  check(withheld.length > 0 && withheld.every((r) => r[welcome] === 'moins de 11 réponses')
    && weekly.every((r) => r[respondents] === '<11' || Number(r[respondents]) >= 11 || r[respondents] === '0'),
  `a week of fewer than 11 respondents shows no figure (${withheld.length} of ${weekly.length} weeks)`);
  await page.locator('#trend-card').screenshot({ path: join(shots, '10-trend-site-weeks.png') });
  await workbookMatches('"Télécharger tout (Excel)" for one site, week by week, with withheld cells');

  // The same weeks a year before: 52 or 53 weeks back, the same week numbers.
  const [thisFrom, thisTo] = await fields();
  await afterRefresh(() => page.click('button[data-preset="yearBefore"]'));
  const before = (week) => {
    const y = Number(week.slice(0, 4)) - 1;
    const last = Number(isoWeekOfDay(Date.UTC(y, 11, 28)).slice(-2));
    return `${y}-W${String(Math.min(Number(week.slice(-2)), last)).padStart(2, '0')}`;
  };
  const yearAgo = [before(thisFrom), before(thisTo)];
  const yearAgoAddress = new URL(page.url()).searchParams;
  check((await fields()).join() === yearAgo.join() && yearAgoAddress.get('from') === yearAgo[0]
    && yearAgoAddress.get('to') === yearAgo[1] && yearAgoAddress.get('site') === firstSite,
  `"Même période l'an dernier" sets ${yearAgo.join(' to ')}, in the address too (${page.url()})`);

  // The one-page summary for elected officials: Bouriane, the last whole quarter. The
  // dashboard shows that quarter first (grain "quarter"); its button opens the summary, which
  // must print on one A4 page with the dashboard's figures, as the dashboard writes them.
  const quarterStart = month - (month % 3) - 3;
  const quarterFirst = new Date(Date.UTC(year, quarterStart, 1));
  const quarterId = `${quarterFirst.getUTCFullYear()}-T${quarterFirst.getUTCMonth() / 3 + 1}`;
  const quarterRange = [firstWeekOf(year, quarterStart), isoWeekOfDay(firstThursday(year, quarterStart + 3) - 7 * DAY)];
  await page.selectOption('#territory', 'Bouriane');
  await page.selectOption('#site', '');
  await page.selectOption('#grain', 'quarter');
  await page.fill('#from', quarterRange[0]);
  await page.fill('#to', quarterRange[1]);
  await afterRefresh(() => page.click('#filters button[type=submit]'));
  const only = async (table) => {
    const rows = await cellsOf(table);
    check(rows.length === 1, `the dashboard shows one ${table} row for ${quarterId} (${rows.length})`);
    return rows[0] || [];
  };
  const shownTrend = await only('satisfaction_trend');
  const trendTitles = await page.$$eval('[data-table="satisfaction_trend"] thead th', (h) => h.map((x) => x.textContent));
  const expected = [['Aides apportées', (await cellsOf('territories')).find((r) => r[0] === 'Bouriane')[1]],
    ['Personnes venues aux bornes', (await only('persons'))[1]],
    ['Rendez-vous en visio', (await only('calls_by_period'))[1]]];
  trendTitles.forEach((title, i) => {
    if (title.endsWith(': répondants')) expected.push([title.split('\u00a0: ')[0], shownTrend[i + 1], shownTrend[i]]);
  });
  const [summary] = await Promise.all([context.waitForEvent('page'), page.click('#summary-print')]);
  await summary.waitForSelector('body[data-ready="yes"]');
  const summaryUrl = new URL(summary.url());
  check(summaryUrl.pathname === '/dashboard/synthese.html' && summaryUrl.searchParams.get('territoire') === 'Bouriane'
    && summaryUrl.searchParams.get('trimestre') === quarterId, `"Imprimer la synthèse" opens the summary of the filters (${summary.url()})`);
  const onScreen = await summary.$$eval('#figures .figure', (f) => f.map((x) => [x.querySelector('dt').textContent,
    x.querySelector('.value').textContent, x.querySelector('.detail').textContent]));
  const squash = (text) => String(text).replace(/[\s\u00a0\u202f]/g, '');
  const summaryOk = expected.every(([label, value, respondents]) => onScreen.some(([l, v, d]) => l === label
    && squash(v).startsWith(squash(value)) && (respondents === undefined || squash(d).includes(squash(respondents)))));
  check(summaryOk && expected.length >= 5, `the summary's key figures are the dashboard's (${expected.map((e) => e.join(' ')).join(' | ')}; shown ${onScreen.map((f) => f.join(' ')).join(' | ')})`);
  const bars = await summary.locator('#helps-chart svg rect.help-bar').count();
  const visitKinds = (await page.$$eval('[data-table="visits"] thead th', (h) => h.length)) - 1;
  check(bars === 3 * visitKinds, `the summary's chart draws each kind of help for each of the 3 months (${bars} bars)`);
  const summaryLevels = await summary.$$eval('#summary-matrix td .level', (c) => c.map((x) => x.textContent));
  check(summaryLevels.length > 0 && summaryLevels.every((w) => w.startsWith('à ')), `the summary shows the matrix's levels (${summaryLevels.length} cells)`);
  await accessible('the summary', summary);
  await summary.screenshot({ path: join(shots, '13-summary-screen.png'), fullPage: true });
  const pdfPath = join(shots, '13-summary.pdf');
  await summary.pdf({ path: pdfPath, preferCSSPageSize: true, printBackground: true });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }))[1]);
  const pageSize = /Page size:\s+([\d.]+) x ([\d.]+)/.exec(execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' }));
  check(pages === 1 && Math.abs(Number(pageSize[1]) - 595) < 2 && Math.abs(Number(pageSize[2]) - 842) < 2,
    `the summary prints on exactly one A4 portrait page (${pages} pages, ${pageSize[1]} x ${pageSize[2]} pt)`);
  // In the page's order (-raw): each figure's label, then its value as the dashboard writes it.
  const printed = squash(execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdfPath, '-'], { encoding: 'utf8' }));
  const missing = expected.filter(([label, value]) => !printed.includes(squash(label) + squash(value)));
  check(missing.length === 0 && printed.includes(squash('Bouriane')) && !printed.includes(squash('Retour au tableau de bord'))
    && !printed.includes(squash('Imprimer')), `the printed page holds the key figures, without the navigation${missing.length ? ' (missing ' + missing.join(' | ') + ')' : ''}`);
  execFileSync('pdftoppm', ['-png', '-r', '70', '-singlefile', pdfPath, join(shots, '13-summary-print')]);
  // A quarter that does not exist, or a territory outside the partner's list: said, nothing shown.
  for (const [query, words] of [['territoire=Bouriane&trimestre=2026-T7', 'Trimestre incorrect'], ['territoire=Ailleurs&trimestre=' + quarterId, 'pas dans votre périmètre']]) {
    await summary.goto(`${base}/dashboard/synthese.html?${query}`);
    await summary.waitForSelector('body[data-ready="error"]');
    check((await summary.textContent('#summary-error')).includes(words) && await summary.locator('#summary').isHidden(),
      `a summary of ${query} is refused in French (${await summary.textContent('#summary-error')})`);
  }
  await summary.close();

  await page.click('#logout');
  await page.waitForSelector('#login:not([hidden])');
  const after = await page.evaluate(async () => (await fetch('/dashboard/api/tables')).status);
  check(after === 401, 'after logout the tables are refused');

  await page.fill('#login-name', 'carsat');
  await page.fill('#login-password', 'relais-demo');
  await page.click('#login-form button[type=submit]');
  await page.waitForSelector('body[data-ready="yes"]');
  const agencies = await page.$$eval('#agency option', (o) => o.map((x) => x.value).filter((v) => v));
  check(agencies.length === 1 && agencies[0] === 'carsat', 'a partner of one agency can choose only it');
  const callAgencies = await page.$$eval('[data-table="calls"] tbody tr td:first-child', (c) => c.map((x) => x.textContent));
  check(callAgencies.length === 1 && callAgencies[0] === 'CARSAT', 'its calls table holds only its calls');
  const guideAgencies = await page.$$eval('[data-table="procedures"] tbody tr td:first-child', (c) => [...new Set(c.map((x) => x.textContent))]);
  check(guideAgencies.length === 1 && guideAgencies[0] === 'CARSAT', `its guided procedures are only its own (${guideAgencies})`);
  const sessionsNote = await page.textContent('[data-table="persons"] tbody td.empty');
  check(sessionsNote.includes('données ouvertes'), `sessions are outside an agency's scope (${sessionsNote})`);
  const outside = await page.evaluate(async () => (await fetch('/dashboard/api/tables?agency=caf')).status);
  check(outside === 403, 'asking for another agency is refused');
  await cspClean('the CARSAT\'s dashboard');
  await page.screenshot({ path: join(shots, '07-partner-carsat.png') });
  await page.screenshot({ path: join(shots, '07-partner-carsat-full.png'), fullPage: true });

  const statuses = await page.evaluate(async () => {
    const out = [];
    for (let i = 0; i < 6; i++) {
      const r = await fetch('/dashboard/api/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'intrus', password: 'guess-' + i }) });
      out.push(r.status);
    }
    return out;
  });
  // After three, each failure makes the next try from this browser wait (growing delay, then
  // a refusal).
  check(statuses.join(',') === '401,401,401,429,429,429',
    `password guessing is slowed down (${statuses})`);

  await page.goto(base + '/open-data/');
  check((await page.textContent('h1')).includes('Données ouvertes'), 'the open-data index is public');
  // One release per closed quarter: every release's file, and the newest one's at the top.
  const releases = await page.evaluate(async () => (await (await fetch('/open-data/releases.json')).json()).releases);
  check(releases.length >= 4 && releases.every((r) => /^\d{4}-T[1-4]$/.test(r.release)),
    `one open-data release per closed quarter (${releases.map((r) => r.release).join(' ')})`);
  for (const name of ['visio', 'personnes-autonomie', 'personnes-fin-de-session', 'demarches-guidees']) {
    const files = await page.evaluate(async ([file, ids]) => Promise.all(
      ids.map(async (id) => (await fetch(`/open-data/${id}/${file}.csv`)).text())), [name, releases.map((r) => r.release)]);
    const newest = await page.evaluate(async (file) => (await fetch(`/open-data/${file}.csv`)).text(), name);
    check(newest === files[0], `/open-data/${name}.csv is the newest release's`);
    const cells = files.flatMap((open) => open.trim().split('\n').slice(1).flatMap((line) => line.split(',').slice(2)));
    check(cells.length > 20 && cells.every((c) => c === '<11' || Number(c) === 0 || Number(c) >= 11),
      `no open-data cell under 11 in ${name} (${cells.length} cells)`);
  }
  await page.screenshot({ path: join(shots, '08-open-data.png') });

  // Login CSRF: a page elsewhere posts a form shaped as JSON (text/plain, the trick that needs
  // no preflight) with right credentials to the login; the dashboard refuses it.
  const elsewhere = await context.newPage();
  await elsewhere.setContent(`<form id="f" method="post" enctype="text/plain"
      action="${base}/dashboard/api/login"><input name='{"login": "lot", "password": "relais-demo", "x": "'
      value='"}'></form>`);
  const forgedResponse = elsewhere.waitForResponse((r) => r.url().endsWith('/dashboard/api/login'));
  // Submitted after evaluate() returns: the navigation must not race the evaluation.
  await elsewhere.evaluate(() => { setTimeout(() => document.getElementById('f').submit(), 0); });
  const forged = await forgedResponse;
  check(forged.status() === 415 && !(await forged.headerValue('set-cookie')),
    `a cross-site form cannot log a browser in (${forged.status()})`);
  check(errors.length === 0, 'no script error in the page' + (errors.length ? ': ' + errors.join(' | ') : ''));
} finally {
  await browser.close();
}
console.log(`${passes} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
