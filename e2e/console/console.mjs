// Real-browser checks of the Refinery console (issue 18) against the suite started by `bin/refinery up`:
// Debian's chromium driven by playwright-core, accessibility scanned by axe-core. Each check prints PASS or FAIL;
// the run exits non-zero when any fails. Data is seeded through the public API under system keys unique to the run,
// and what the run leaves pending is rejected at the end, so runs can follow each other against the same suite.
//
//   node console.mjs            checks; screenshots in artifacts/ (1366x768, plus small copies in artifacts/small/)
//   node console.mjs --docs     the same, and copies the small screenshots to docs/console/ for the README
//
// Environment: REFINERY_CONSOLE_URL (default http://127.0.0.1:8084), CHROMIUM (default /usr/bin/chromium).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '..', '..');
const BASE = (process.env.REFINERY_CONSOLE_URL || 'http://127.0.0.1:8084').replace(/\/$/, '');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const METRICS = (process.env.REFINERY_METRICS_URL || 'http://127.0.0.1:8081').replace(/\/$/, '');
const EXPERIMENTS = (process.env.REFINERY_EXPERIMENTS_URL || 'http://127.0.0.1:8082').replace(/\/$/, '');
const FEEDBACK = (process.env.REFINERY_FEEDBACK_URL || 'http://127.0.0.1:8083').replace(/\/$/, '');
const ARTIFACTS = join(HERE, 'artifacts');
const SMALL = join(ARTIFACTS, 'small');
const DOCS = join(ROOT, 'docs', 'console');
const WRITE_DOCS = process.argv.includes('--docs');
const SMALL_LIMIT = 150 * 1000;
// The screenshots the README shows (docs/console/).
const DOC_SHOTS = ['sign-in', 'queue', 'review', 'review-four-eyes', 'review-session', 'portfolio', 'system', 'experiment',
  'learnings', 'policy-preview', 'audit'];
const VIEWPORT = { width: 1366, height: 768 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

// Unique per run: system keys are lowercase slugs of 2-64 characters.
const RUN = `${Date.now().toString(36)}-${randomBytes(2).toString('hex')}`;
const SYS_PRICING = `pricing-${RUN}`;
const SYS_CONTENT = `banners-${RUN}`;
const SYS_RECO = `reco-${RUN}`;
const SYS_GUIDES = `guides-${RUN}`;
const SCRIPT_SUMMARY = 'Publish the banner copy <script>alert(1)</script> on the homepage';

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function token(...args) {
  return execFileSync(join(ROOT, 'bin', 'refinery'), ['token', ...args], { encoding: 'utf8' }).trim();
}

const TOKENS = {
  admin: token('admin', '--sub', 'console-e2e-admin', '--hours', '1'),
  ingest: token('ingest', '--sub', 'console-e2e-shop', '--hours', '1'),
  viewer: token('viewer', '--sub', 'console-e2e-reader', '--hours', '1'),
  aliceReviewer: token('reviewer', '--sub', 'alice', '--hours', '1'),
  aliceApprover: token('approver', '--sub', 'alice', '--hours', '1'),
  bobApprover: token('approver', '--sub', 'bob', '--hours', '1'),
  // carol submits a request through the API (ingest) and signs in to the console (reviewer)
  carol: token('ingest', 'reviewer', '--sub', 'carol', '--hours', '1'),
  victorViewer: token('viewer', '--sub', 'victor', '--hours', '1'),
};

class Failure extends Error {}

function check(condition, message) {
  if (!condition) {
    throw new Failure(message);
  }
}

async function api(method, path, bearer, body) {
  const res = await fetch(path.startsWith('http') ? path : BASE + path, {
    method,
    headers: { Authorization: `Bearer ${bearer}`, Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15000),
  });
  const text = await res.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { /* not JSON */ }
  return { status: res.status, json, text };
}

async function apiOk(method, path, bearer, body, expected) {
  const r = await api(method, path, bearer, body);
  check(expected.includes(r.status), `${method} ${path}: HTTP ${r.status}, wanted ${expected.join('/')}: ${r.text.slice(0, 300)}`);
  return r.json;
}

/** Polls fn until it returns something truthy, or fails after timeoutMs. */
async function until(what, fn, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) {
      return v;
    }
    check(Date.now() < deadline, `timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A repeatable pseudo-random normal (Box-Muller over a small LCG), so the seeded data is the same every run. */
function normals(seed) {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  return (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

const DAY = 24 * 3600 * 1000;
const dayStart = (daysAgo) => new Date(Math.floor(Date.now() / DAY) * DAY - daysAgo * DAY);
const at = (daysAgo, hour = 12) => new Date(dayStart(daysAgo).getTime() + hour * 3600 * 1000).toISOString();

const review = (id) => apiOk('GET', `/api/v1/reviews/${id}`, TOKENS.viewer, undefined, [200]);

const results = [];
async function step(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS  ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.push({ name, ok: false });
    console.log(`FAIL  ${name} (${Date.now() - started} ms)\n      ${(e instanceof Failure ? e.message : e.stack || e)
      .toString().split('\n').join('\n      ')}`);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The browser: one context (cookie jar) per person, as each would have their own browser.

if (!existsSync(CHROMIUM)) {
  console.error(`FAIL  ${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium)`);
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic',
    '--no-first-run', '--disable-component-update', '--disable-sync'],
  timeout: 30000,
});

const dialogs = [];
const pageErrors = [];
const contexts = [];

async function newPage(who) {
  const context = await browser.newContext({ viewport: VIEWPORT, timezoneId: 'UTC', locale: 'en-GB' });
  context.setDefaultTimeout(15000);
  context.setDefaultNavigationTimeout(20000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('dialog', async (d) => {
    dialogs.push(`${who}: ${d.type()} "${d.message()}" on ${page.url()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('pageerror', (e) => pageErrors.push(`${who}: ${e.message} on ${page.url()}`));
  return page;
}

async function goto(page, path) {
  const res = await page.goto(BASE + path, { waitUntil: 'load' });
  return res;
}

/** Signs in through the sign-in form as a person would: paste the token, press the button. */
async function signIn(page, bearer, next = '/console/queue') {
  await goto(page, `/console/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel('Token', { exact: true }).fill(bearer);
  await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/console/sign-in')),
    page.getByRole('button', { name: 'Sign in' }).click()]);
}

async function signedInAs(page) {
  return (await page.locator('.who .user strong').textContent()).trim();
}

/** The queue's rows as {id, summary, system, action, tier, state}. */
async function queueRows(page) {
  return page.locator('table.queue tbody tr').evaluateAll((rows) => rows.map((tr) => {
    const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent.trim());
    const link = tr.querySelector('td.summary a');
    return { id: link.getAttribute('href').split('/').pop(), summary: link.textContent.trim(), system: cells[3],
      action: cells[4], tier: cells[5], claimedBy: cells[6], state: cells[7], fourEyes: !!tr.querySelector('.tag') };
  }));
}

async function filterQueue(page, { system = '', actionType = '' }) {
  await page.getByLabel('System', { exact: true }).fill(system);
  await page.getByLabel('Action type', { exact: true }).fill(actionType);
  await Promise.all([page.waitForURL(/\/console\/queue\?/), page.getByRole('button', { name: 'Filter' }).click()]);
}

async function notice(page) {
  const n = page.locator('p.notice.ok[role="status"]');
  return (await n.count()) ? (await n.textContent()).trim() : null;
}

const decisionButtons = (page) => page.locator('button[name="outcome"]');

async function decide(page, outcome, rationale) {
  await page.getByLabel(/Rationale/).fill(rationale);
  const label = { APPROVE: 'Approve', REJECT: 'Reject' }[outcome];
  await Promise.all([page.waitForURL(/\/console\/queue\?notice=/),
    page.getByRole('button', { name: label, exact: true }).click()]);
}

const shots = {};
async function screenshot(page, name) {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = join(ARTIFACTS, `${name}.png`);
  await page.evaluate(() => document.activeElement && document.activeElement.blur());
  const png = await page.screenshot({ path: file, animations: 'disabled', caret: 'hide' });
  await page.screenshot({ path: join(ARTIFACTS, `${name}-full.png`), fullPage: true, animations: 'disabled', caret: 'hide' });
  shots[name] = png;
}

/** Axe's serious and critical violations on the page, under its real content security policy. */
async function axeScan(page, label) {
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return { passes: r.passes.length, incomplete: r.incomplete.length,
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')), count: v.nodes.length })) };
  });
  const { violations } = found;
  console.log(`      axe ${label}: ${found.passes} rules passed, ${violations.length} violated, ${found.incomplete} to check by hand`);
  for (const v of violations) {
    console.log(`      axe ${label}: ${v.impact} ${v.id} (${v.count}x): ${v.help} :: ${v.nodes.join(' | ')}`);
  }
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

// ---------------------------------------------------------------------------------------------------------------
// The checks

const started = Date.now();
console.log(`console e2e against ${BASE}, run ${RUN}, ${browser.version()}`);
const seeded = {};
const alice = await newPage('alice');

await step('1. signed out, /console redirects to sign-in; alice (reviewer) signs in and sees her name', async () => {
  const res = await goto(alice, '/console');
  check(new URL(alice.url()).pathname === '/console/sign-in', `signed out, /console landed on ${alice.url()}`);
  check(res.status() === 200, `sign-in page answered HTTP ${res.status()}`);
  await alice.getByRole('heading', { name: 'Sign in to the Refinery console' }).waitFor();
  check(await alice.getByLabel('Token', { exact: true }).isVisible(), 'no field labelled Token');
  check((await alice.locator('input[name="csrf"]').count()) === 1, 'the sign-in form carries no CSRF field');
  await screenshot(alice, 'sign-in');

  await alice.getByLabel('Token', { exact: true }).fill('not-a-token');
  await alice.getByRole('button', { name: 'Sign in' }).click();
  await alice.locator('#token-error').waitFor();
  check((await alice.locator('#token-error').textContent()).includes('not accepted'), 'a bad token got no clear refusal');

  await alice.getByLabel('Token', { exact: true }).fill(TOKENS.aliceReviewer);
  await Promise.all([alice.waitForURL((u) => u.pathname.startsWith('/console') && !u.pathname.startsWith('/console/sign-in')),
    alice.getByRole('button', { name: 'Sign in' }).click()]);
  await alice.getByRole('heading', { name: 'Review queue' }).waitFor();
  check(await signedInAs(alice) === 'alice', `signed in as "${await signedInAs(alice)}", wanted alice`);
  const roles = (await alice.locator('.who .roles').textContent()).trim();
  check(roles === '(reviewer)', `roles shown: ${roles}`);
  const cookies = await alice.context().cookies(`${BASE}/console/`);
  const session = cookies.find((c) => c.name === 'refinery_console');
  check(session && session.httpOnly && session.sameSite === 'Strict', `session cookie: ${JSON.stringify(session && {
    httpOnly: session.httpOnly, sameSite: session.sameSite })}`);
});

await step('2. seed two systems, a policy and four requests through the public API', async () => {
  for (const [key, kind, name, risk] of [
    [SYS_PRICING, 'PRICING', 'Dynamic pricing (console e2e)', { brandImpact: 'LOW', financialImpact: 'LOW', customerImpact: 'LOW' }],
    [SYS_CONTENT, 'CONTENT', 'Homepage banners (console e2e)', { brandImpact: 'MEDIUM', financialImpact: 'LOW', customerImpact: 'LOW' }],
  ]) {
    await apiOk('POST', '/api/v1/systems', TOKENS.admin, { key, name, kind, ownerTeam: 'console-e2e', riskProfile: risk }, [201]);
  }
  // Price changes over 10 % need a person; over 10 % and 5000 or more at stake, two different approvers.
  await apiOk('PUT', `/api/v1/systems/${SYS_PRICING}/policies`, TOKENS.admin, {
    lowConfidenceBelow: 0.6,
    rules: [
      { actionType: 'PRICE_CHANGE', conditions: ['magnitude <= 0.10'], tier: 'EXCEPTION_HANDLING' },
      { actionType: 'PRICE_CHANGE', conditions: ['magnitude > 0.10'], tier: 'REVIEW_AND_APPROVAL', sla: 'PT4H' },
      { actionType: 'PRICE_CHANGE', conditions: ['magnitude > 0.10', 'amount >= 5000'], tier: 'REVIEW_AND_APPROVAL',
        requiredApprovals: 2, sla: 'PT2H' },
    ],
  }, [200]);

  const submit = async (name, bearer, body, approvals) => {
    const id = `console-e2e.${RUN}.${name}`;
    await apiOk('POST', '/api/v1/reviews', bearer, { id, ...body }, [201]);
    const r = await review(id);
    check(r.state === 'PENDING', `${name}: state ${r.state}, wanted PENDING (${r.resolution})`);
    check(r.requiredApprovals === approvals, `${name}: ${r.requiredApprovals} approvals needed, wanted ${approvals}`);
    seeded[name] = { id: r.id, summary: r.summary };
  };
  const payload = (sku, from, to) => ({
    sku, category: 'shoes', currency: 'EUR', currentPrice: from, proposedPrice: to,
    reason: 'competitor prices moved and stock is high',
    competitors: [{ shop: 'shop-a', price: to - 1 }, { shop: 'shop-b', price: to + 2.5 }],
  });
  await submit('routine', TOKENS.ingest, { systemKey: SYS_PRICING, actionType: 'PRICE_CHANGE',
    summary: 'Raise the trail runner price by 12 %', payload: payload('TR-100', 89.9, 100.7),
    magnitude: 0.12, amount: 480, confidence: 0.93, source: { service: 'pricing-engine', eventId: `ev-${RUN}-1` } }, 1);
  await submit('foureyes', TOKENS.ingest, { systemKey: SYS_PRICING, actionType: 'PRICE_CHANGE',
    summary: 'Cut the winter boot price by 18 % across 400 pairs', payload: payload('WB-220', 149, 122.2),
    magnitude: 0.18, amount: 10720, confidence: 0.88, source: { service: 'pricing-engine', eventId: `ev-${RUN}-2` } }, 2);
  await submit('script', TOKENS.ingest, { systemKey: SYS_CONTENT, actionType: 'CONTENT_PUBLISH',
    summary: SCRIPT_SUMMARY, payload: { slot: 'homepage-hero', locale: 'en-GB',
      headline: '<img src=x onerror=alert(2)> Winter sale', body: 'Up to 30 % off boots' }, confidence: 0.9 }, 1);
  await submit('author', TOKENS.carol, { systemKey: SYS_PRICING, actionType: 'PRICE_CHANGE',
    summary: "Carol's manual price fix for sandals", payload: payload('SA-7', 30, 34),
    magnitude: 0.13, amount: 120, confidence: 0.99 }, 1);
  const author = await review(seeded.author.id);
  check(author.submittedBy === 'carol', `the author request was submitted by ${author.submittedBy}`);
});

await step('3. filter the queue by system and by action type: only matching rows', async () => {
  await goto(alice, '/console/queue');
  const all = await queueRows(alice);
  // a long-lived suite may hold more pending requests than the page shows (200, soonest due first)
  const truncated = (await alice.getByText('narrow the filters to see the rest').count()) > 0;
  for (const name of Object.keys(seeded)) {
    check(truncated || all.some((r) => r.id === seeded[name].id), `the unfiltered queue lacks the ${name} request`);
  }
  await screenshot(alice, 'queue');

  await filterQueue(alice, { system: SYS_PRICING });
  let rows = await queueRows(alice);
  check(rows.length === 3, `system filter: ${rows.length} rows, wanted 3: ${JSON.stringify(rows)}`);
  check(rows.every((r) => r.system === SYS_PRICING), `system filter let through ${rows.map((r) => r.system)}`);
  const fourEyesRow = rows.find((r) => r.id === seeded.foureyes.id);
  check(fourEyesRow && fourEyesRow.fourEyes, 'the four-eyes request is not tagged "four eyes" in the queue');
  check(rows.filter((r) => r.fourEyes).length === 1, 'more than one row tagged four eyes');
  check(new URL(alice.url()).searchParams.get('system') === SYS_PRICING, `filter URL ${alice.url()}`);

  await filterQueue(alice, { system: '', actionType: 'CONTENT_PUBLISH' });
  rows = await queueRows(alice);
  check(rows.length >= 1 && rows.every((r) => r.action === 'CONTENT_PUBLISH'),
    `action type filter rows: ${JSON.stringify(rows.map((r) => r.action))}`);
  check(truncated || rows.some((r) => r.id === seeded.script.id), 'action type filter lost the CONTENT_PUBLISH request');
  check(!rows.some((r) => r.system === SYS_PRICING), 'action type filter shows the pricing system');

  await filterQueue(alice, { system: SYS_PRICING, actionType: 'CONTENT_PUBLISH' });
  check((await alice.locator('table.queue').count()) === 0, 'a filter nothing matches still shows rows');
  await alice.getByRole('heading', { name: 'No request matches these filters' }).waitFor();
  await alice.getByRole('link', { name: 'Clear filters' }).click();
  await alice.waitForURL((u) => u.pathname === '/console/queue' && u.search === '');
});

await step('4. open a request: summary, readable payload, evidence; a <script> summary renders as text', async () => {
  await goto(alice, `/console/queue?system=${SYS_PRICING}`);
  await Promise.all([alice.waitForURL(/\/console\/reviews\//),
    alice.getByRole('link', { name: seeded.routine.summary }).click()]);
  check((await alice.locator('h1.review-title').textContent()).trim() === seeded.routine.summary, 'the summary heading differs');
  const payload = alice.locator('section[aria-labelledby="payload-title"]');
  check((await payload.locator('h2').textContent()).includes('What the system wants to do'), 'no payload section');
  const facts = await payload.locator('dl.facts .fact').evaluateAll((els) => Object.fromEntries(els.map((e) =>
    [e.querySelector('dt').textContent.trim(), e.querySelector('dd').textContent.trim()])));
  check(facts.Sku === 'TR-100' && facts['Current price'] === '89.9' && facts['Proposed price'] === '100.7',
    `payload fields read ${JSON.stringify(facts)}`);
  check((await payload.locator('pre, code').filter({ hasText: '{"' }).count()) === 0, 'the payload is shown as raw JSON');
  const table = payload.locator('table');
  check((await table.count()) === 1, 'the competitors list is not a table');
  check((await table.locator('caption').textContent()).trim() === 'Competitors', 'the table caption is not Competitors');
  check((await table.locator('tbody tr').count()) === 2, 'the competitors table does not have two rows');

  const evidence = alice.locator('section.evidence');
  check((await evidence.locator('#evidence-title').textContent()).trim() === 'Evidence from the other services',
    'no evidence section');
  const panels = await evidence.locator('section.panel h3').allTextContents();
  check(panels.length >= 1, 'the evidence section has no panel');
  check(panels.some((t) => t.includes('Running experiments')), `evidence panels: ${panels}`);
  console.log(`      evidence panels: ${panels.map((t) => t.replace(/\s+/g, ' ').trim()).join(' | ')}`);
  check((await alice.locator('#history-title').count()) === 1, 'no history section');
  await alice.getByLabel(/Rationale/).fill('Margin stays above 12 % and competitors moved first.');
  await screenshot(alice, 'review');
  await alice.getByLabel(/Rationale/).fill('');

  const before = dialogs.length;
  await goto(alice, `/console/reviews/${seeded.script.id}`);
  await alice.waitForTimeout(300);
  const heading = (await alice.locator('h1.review-title').textContent()).trim();
  check(heading === SCRIPT_SUMMARY, `the <script> summary reads "${heading}"`);
  const title = await alice.title();
  check(title.includes('<script>alert(1)</script>'), `the page title does not show the summary as text: ${title}`);
  const injected = await alice.evaluate(() => [...document.querySelectorAll('script')].filter((s) =>
    s.textContent.includes('alert(') || !s.src).length + document.querySelectorAll('img[src="x"]').length);
  check(injected === 0, `${injected} script or img elements came from request text`);
  const headline = await alice.locator('section[aria-labelledby="payload-title"] dd').filter({ hasText: 'Winter sale' })
    .textContent();
  check(headline.includes('<img src=x onerror=alert(2)>'), `payload text not shown as text: ${headline}`);
  // and in the queue, where the summary is a link
  await goto(alice, `/console/queue?system=${SYS_CONTENT}`);
  const link = (await alice.locator('td.summary a').first().textContent()).trim();
  check(link === SCRIPT_SUMMARY, `queue link reads ${link}`);
  await alice.waitForTimeout(300);
  check(dialogs.length === before, `a dialog fired: ${dialogs.slice(before)}`);
});

await step('5. approve with a rationale: the request leaves the queue with a notice', async () => {
  await goto(alice, `/console/reviews/${seeded.routine.id}`);
  check((await decisionButtons(alice).count()) === 3, 'alice does not see Approve, Approve with changes and Reject');
  // a blank rationale is refused by the browser (required) and by the server
  await alice.getByRole('button', { name: 'Approve', exact: true }).click();
  check(new URL(alice.url()).pathname === `/console/reviews/${seeded.routine.id}`, 'a blank rationale was sent');
  await decide(alice, 'APPROVE', 'Margin stays above 12 % and competitors moved first.');
  const text = await notice(alice);
  check(text && text.startsWith('Approved.'), `notice after approving: ${text}`);
  check(new URL(alice.url()).searchParams.get('notice') === 'approved', `after approving: ${alice.url()}`);
  check(!(await queueRows(alice)).some((r) => r.id === seeded.routine.id), 'the approved request is still in the queue');
  await goto(alice, `/console/queue?system=${SYS_PRICING}`);
  check(!(await queueRows(alice)).some((r) => r.id === seeded.routine.id), 'the approved request is still in the filtered queue');
  const r = await review(seeded.routine.id);
  check(r.state === 'APPROVED' && r.decidedBy === 'alice' && r.rationale.startsWith('Margin stays'),
    `API says ${r.state} by ${r.decidedBy}: ${r.rationale}`);
});

await step('6. four eyes: alice (approver) approves, still pending with progress; bob completes it', async () => {
  const aliceA = await newPage('alice-approver');
  await signIn(aliceA, TOKENS.aliceApprover);
  check(await signedInAs(aliceA) === 'alice', 'alice (approver) is not signed in');
  await goto(aliceA, `/console/reviews/${seeded.foureyes.id}`);
  let progress = (await aliceA.locator('.decide p.progress').textContent()).replace(/\s+/g, ' ').trim();
  check(progress.includes('0 of 2 approvals'), `progress before: ${progress}`);
  check((await aliceA.locator('.facts').first().textContent()).includes('four eyes: 2 approvals'), 'tier fact lacks four eyes');
  await decide(aliceA, 'APPROVE', 'The margin holds at 18 % off; stock is high.');
  const text = await notice(aliceA);
  check(text && text.startsWith('Your approval is recorded'), `notice after the first approval: ${text}`);
  check((await queueRows(aliceA)).some((r) => r.id === seeded.foureyes.id), 'the half-approved request left the queue');
  check((await review(seeded.foureyes.id)).state === 'PENDING', 'the request is decided after one approval');
  await goto(aliceA, `/console/reviews/${seeded.foureyes.id}`);
  progress = (await aliceA.locator('.decide p.progress').textContent()).replace(/\s+/g, ' ').trim();
  check(progress.includes('1 of 2 approvals: alice'), `progress after alice: ${progress}`);
  check((await aliceA.locator('.decide .notice.info').textContent()).includes('You gave an approval already'),
    'alice is not told she approved already');
  check((await decisionButtons(aliceA).count()) === 0, 'alice can approve twice');
  await screenshot(aliceA, 'review-four-eyes');

  const bob = await newPage('bob');
  await signIn(bob, TOKENS.bobApprover, `/console/reviews/${seeded.foureyes.id}`);
  check(new URL(bob.url()).pathname === `/console/reviews/${seeded.foureyes.id}`, `sign-in did not go back to the request: ${bob.url()}`);
  check(await signedInAs(bob) === 'bob', 'bob is not signed in');
  progress = (await bob.locator('.decide p.progress').textContent()).replace(/\s+/g, ' ').trim();
  check(progress.includes('1 of 2 approvals: alice'), `bob sees progress ${progress}`);
  await decide(bob, 'APPROVE', 'Second pair of eyes: agreed.');
  const done = await notice(bob);
  check(done && done.startsWith('Approved.'), `notice after the second approval: ${done}`);
  check(!(await queueRows(bob)).some((r) => r.id === seeded.foureyes.id), 'the approved four-eyes request is still queued');
  const r = await review(seeded.foureyes.id);
  check(r.state === 'APPROVED' && r.approvals.map((a) => a.approver).join(',') === 'alice,bob',
    `API says ${r.state}, approvals ${r.approvals.map((a) => a.approver)}`);
});

await step('7. the author cannot approve their own request', async () => {
  const carol = await newPage('carol');
  await signIn(carol, TOKENS.carol, `/console/reviews/${seeded.author.id}`);
  check(await signedInAs(carol) === 'carol', 'carol is not signed in');
  const blocked = (await carol.locator('.decide .notice.info').textContent()).trim();
  check(blocked.includes('You submitted this request, so someone else must decide it'), `carol is told: ${blocked}`);
  check((await decisionButtons(carol).count()) === 0, 'carol is offered decision buttons on her own request');
  // a post built by hand, with a valid form token, is refused by the rules too
  const csrf = await carol.locator('form[action="/console/sign-out"] input[name="csrf"]').inputValue();
  const res = await carol.request.post(`${BASE}/console/reviews/${seeded.author.id}/decision`, {
    form: { csrf, outcome: 'APPROVE', rationale: 'Looks right to me.' }, maxRedirects: 0 });
  const body = await res.text();
  check(res.status() === 403, `carol's own approval answered HTTP ${res.status()}`);
  check(body.includes('nobody decides a request they submitted'), 'the refusal does not say why');
  check((await review(seeded.author.id)).state === 'PENDING', 'carol decided her own request');
  await carol.setContent(body.replace('<head>', `<head><base href="${BASE}/">`));
  await screenshot(carol, 'review-own-request-refused');
});

await step('8. a viewer sees no decision buttons; signing out ends the session', async () => {
  const victor = await newPage('victor');
  await signIn(victor, TOKENS.victorViewer, `/console/reviews/${seeded.author.id}`);
  check(await signedInAs(victor) === 'victor', 'victor is not signed in');
  check((await victor.locator('h1.review-title').count()) === 1, 'victor cannot read the request');
  check((await decisionButtons(victor).count()) === 0, 'a viewer sees decision buttons');
  check((await victor.locator('form[action$="/decision"], form[action$="/claim"], form[action$="/release"]').count()) === 0,
    'a viewer gets a decision, claim or release form');
  const blocked = (await victor.locator('.decide .notice.info').textContent()).trim();
  check(blocked.includes('you can read this request, but deciding it needs the reviewer, approver or admin role'),
    `victor is told: ${blocked}`);
  await screenshot(victor, 'review-viewer');
  await Promise.all([victor.waitForURL(/\/console\/sign-in\?notice=signed-out/),
    victor.getByRole('button', { name: 'Sign out' }).click()]);
  check((await notice(victor) || '').startsWith('You are signed out'), 'no notice after signing out');
  await goto(victor, '/console/queue');
  check(new URL(victor.url()).pathname === '/console/sign-in', 'after signing out the queue still opens');
});

await step('9. a form post without the CSRF token is refused with 403', async () => {
  await goto(alice, `/console/reviews/${seeded.script.id}`);
  const url = `${BASE}/console/reviews/${seeded.script.id}/decision`;
  const none = await alice.request.post(url, { form: { outcome: 'APPROVE', rationale: 'no token' }, maxRedirects: 0 });
  check(none.status() === 403, `without a token: HTTP ${none.status()}`);
  check((await none.text()).includes('Form not accepted'), 'the 403 page does not say the form was refused');
  const wrong = await alice.request.post(url, { form: { csrf: 'A'.repeat(43), outcome: 'APPROVE', rationale: 'forged' },
    maxRedirects: 0 });
  check(wrong.status() === 403, `with a wrong token: HTTP ${wrong.status()}`);
  // control: the same cookie with the page's token gets past the check (and is stopped by the blank rationale)
  const csrf = await alice.locator('form.decision-form input[name="csrf"]').inputValue();
  const control = await alice.request.post(url, { form: { csrf, outcome: 'APPROVE', rationale: ' ' }, maxRedirects: 0 });
  check(control.status() === 400, `with the page's token and a blank rationale: HTTP ${control.status()}`);
  // and from outside the browser: the session cookie alone, no token
  const cookie = (await alice.context().cookies(`${BASE}/console/`)).find((c) => c.name === 'refinery_console');
  const outside = await fetch(url, { method: 'POST', redirect: 'manual', headers: {
    Cookie: `refinery_console=${cookie.value}`, 'Content-Type': 'application/x-www-form-urlencoded' },
  body: 'outcome=APPROVE&rationale=curl' });
  check(outside.status === 403, `fetch with the cookie and no token: HTTP ${outside.status}`);
  check((await review(seeded.script.id)).state === 'PENDING', 'a post without a token changed the request');
});

await step('10. axe-core: no serious or critical violations on the sign-in, queue and review pages; skip link first', async () => {
  const anon = await newPage('anonymous');
  await goto(anon, '/console/sign-in');
  const found = [];
  found.push(...(await axeScan(anon, 'sign-in')).map((v) => `sign-in: ${v.impact} ${v.id}`));
  await goto(alice, '/console/queue');
  found.push(...(await axeScan(alice, 'queue')).map((v) => `queue: ${v.impact} ${v.id}`));
  // keyboard: the first Tab stop is the skip link, and it leads to the main content
  await alice.keyboard.press('Tab');
  const first = await alice.evaluate(() => document.activeElement.textContent.trim());
  check(first === 'Skip to the content', `the first Tab stop is "${first}"`);
  await alice.keyboard.press('Enter');
  check(await alice.evaluate(() => document.activeElement.id) === 'main', 'the skip link does not move focus to main');
  await goto(alice, `/console/reviews/${seeded.script.id}`);
  found.push(...(await axeScan(alice, 'review')).map((v) => `review: ${v.impact} ${v.id}`));
  await goto(alice, `/console/reviews/${seeded.foureyes.id}`);
  found.push(...(await axeScan(alice, 'review (decided)')).map((v) => `review (decided): ${v.impact} ${v.id}`));
  check(found.length === 0, `serious or critical: ${found.join('; ')}`);
});

await step('11. seed a recommendation system across the four services: metrics, an alert, drift, feedback, an experiment', async () => {
  await apiOk('POST', '/api/v1/systems', TOKENS.admin, { key: SYS_RECO, name: 'Homepage recommendations (console e2e)',
    kind: 'RECOMMENDATION', ownerTeam: 'console-e2e',
    riskProfile: { brandImpact: 'MEDIUM', financialImpact: 'LOW', customerImpact: 'MEDIUM' } }, [201]);
  for (const base of [METRICS, EXPERIMENTS, FEEDBACK]) {
    await until(`${SYS_RECO} known to ${base}`, async () => {
      const path = base === FEEDBACK ? `${base}/api/v1/systems/${SYS_RECO}/feedback/summary` : `${base}/api/v1/systems/${SYS_RECO}`;
      return (await api('GET', path, TOKENS.viewer)).status === 200;
    });
  }
  // Fourteen days of click-through rate; the last three well below a fixed baseline, so a 3-period rule fires.
  const observations = [];
  for (let d = 14; d >= 1; d--) {
    const rate = d <= 3 ? 0.031 : 0.052 + (d % 7 === 0 ? 0.004 : 0);
    observations.push({ id: `${SYS_RECO}.ctr.${d}`, systemKey: SYS_RECO, metric: 'ctr', value: rate,
      numerator: Math.round(rate * 20000), denominator: 20000, observedAt: at(d) });
  }
  await apiOk('POST', `${METRICS}/api/v1/observations`, TOKENS.ingest, observations, [202]);
  const rule = await apiOk('POST', `${METRICS}/api/v1/rules`, TOKENS.admin, { systemKey: SYS_RECO, metric: 'ctr',
    comparison: 'BELOW', baseline: { type: 'FIXED', value: 0.05 }, tolerance: { relative: 0.1 }, period: 'P1D',
    consecutivePeriods: 3, minSamplesPerPeriod: 1, severity: 'CRITICAL' }, [201]);
  const fired = await apiOk('POST', `${METRICS}/api/v1/rules/${rule.id}/evaluate?at=${encodeURIComponent(new Date().toISOString())}`,
    TOKENS.admin, undefined, [200]);
  check(fired.state === 'FIRING', `the ctr rule answered ${JSON.stringify(fired).slice(0, 300)}`);
  seeded.alertReview = await until('the alert\'s review request', async () => {
    const id = (await apiOk('GET', `${METRICS}/api/v1/alerts/${fired.alert.id}`, TOKENS.viewer, undefined, [200])).oversightRequestId;
    return id && (await api('GET', `/api/v1/reviews/${id}`, TOKENS.viewer)).status === 200 ? id : null;
  });
  // The system page singles out the metric of the latest alert on the system's timeline, which oversight hears on
  // refinery.metrics.alerts: another topic than the review request, so it may arrive later on a busy suite.
  await until('the alert on the system\'s timeline', async () => {
    const r = await api('GET', `/api/v1/systems/${SYS_RECO}/timeline?category=ALERT`, TOKENS.viewer);
    return r.status === 200 && (r.json.items || []).some((e) => e.type === 'io.refinery.metrics.alert.fired.v1');
  });

  // Feedback from two customer segments in the last week: new customers unhappy about delivery, returning ones pleased.
  const comments = [
    ['new', 'Delivery took two weeks and the parcel arrived damaged', 1],
    ['new', 'Late delivery again, nobody answers the phone at +44 20 7946 0958', 1],
    ['new', 'The recommended shoes were out of stock and delivery was slow', 2],
    ['returning', 'Great suggestions, I found exactly the jacket I wanted', 5],
    ['returning', 'Recommendations are spot on and the price was fair', 5],
    ['returning', 'Love the new homepage picks, quick delivery too', 4],
  ];
  const items = [];
  for (let i = 0; i < 60; i++) {
    const [segment, text, rating] = comments[i % comments.length];
    items.push({ id: `${SYS_RECO}.fb.${i}`, systemKey: SYS_RECO, channel: i % 2 ? 'SUPPORT_REVIEW' : 'SURVEY',
      customerSegment: segment, text, rating, occurredAt: at(1 + (i % 5), 9 + (i % 8)) });
  }
  await apiOk('POST', `${FEEDBACK}/api/v1/feedback`, TOKENS.ingest, items, [200, 201, 202]);
  await until('the feedback to be counted', async () => {
    const r = await api('GET', `${FEEDBACK}/api/v1/systems/${SYS_RECO}/feedback/summary?groupBy=segment`, TOKENS.viewer);
    return r.status === 200 && r.json.groups && r.json.groups.reduce((n, g) => n + g.count, 0) >= 60;
  });

  // Drift: a week of reference samples, then yesterday's baskets far larger and the intent mix moved to returns.
  const normal = normals(42);
  const samples = [];
  for (let d = 8; d >= 1; d--) {
    for (let i = 0; i < 60; i++) {
      const current = d === 1;
      samples.push({ id: `${SYS_RECO}.s.${d}.${i}`, systemKey: SYS_RECO, observedAt: at(d, i % 24),
        features: { basket_value: Math.round(normal(current ? 78 : 50, 6) * 100) / 100,
          intent: current ? (i % 4 ? 'return' : 'browse') : (i % 4 ? 'browse' : 'return') },
        prediction: 'shoes' });
    }
  }
  await apiOk('POST', `${METRICS}/api/v1/drift/samples`, TOKENS.ingest, samples, [200, 202]);
  const monitor = await apiOk('POST', `${METRICS}/api/v1/drift/monitors`, TOKENS.admin, { systemKey: SYS_RECO,
    name: 'basket and intent', features: [{ name: 'basket_value', type: 'NUMERICAL' }, { name: 'intent', type: 'CATEGORICAL' }],
    reference: { trailing: 'P7D', lag: 'P0D' }, current: 'P1D' }, [201]);
  const run = await apiOk('POST', `${METRICS}/api/v1/drift/monitors/${monitor.id}/evaluate`, TOKENS.admin, undefined, [200]);
  check(run.datasetDrift === true && run.detectionId, `the drift run found no dataset drift: ${JSON.stringify(run).slice(0, 400)}`);

  // A running experiment with exposures and conversions on both variants.
  const experiment = `${SYS_RECO}-ranker`;
  await apiOk('POST', `${EXPERIMENTS}/api/v1/experiments`, TOKENS.admin, { key: experiment, systemKey: SYS_RECO,
    kind: 'MODEL_VARIANT', hypothesis: 'Ranker v8 lifts conversion', unitType: 'USER',
    variants: [{ key: 'control', weight: 0.5, control: true }, { key: 'treatment', weight: 0.5, control: false }],
    primaryMetric: { name: 'conversion', type: 'BINOMIAL', direction: 'INCREASE', minimumDetectableEffect: 0.1,
      baselineRate: 0.05 }, maxDuration: 'P28D' }, [201]);
  await apiOk('POST', `${EXPERIMENTS}/api/v1/experiments/${experiment}/start`, TOKENS.admin, undefined, [200]);
  const exposures = [];
  const outcomes = [];
  for (let u = 0; u < 4000; u++) {
    const variant = u % 2 ? 'treatment' : 'control';
    exposures.push({ id: `${experiment}.x.${u}`, experimentKey: experiment, unitId: `u${u}`, variant });
    if ((u * 7919) % 1000 < (variant === 'treatment' ? 80 : 50)) {
      outcomes.push({ id: `${experiment}.o.${u}`, experimentKey: experiment, unitId: `u${u}`, metric: 'conversion', value: 1 });
    }
  }
  await apiOk('POST', `${EXPERIMENTS}/api/v1/exposures`, TOKENS.ingest, exposures, [200, 202]);
  await apiOk('POST', `${EXPERIMENTS}/api/v1/outcomes`, TOKENS.ingest, outcomes, [200, 202]);
  seeded.experiment = experiment;
  // and a short pilot that concluded, so the quarter's learnings have an experiment outcome
  const pilot = `${SYS_RECO}-pilot`;
  await apiOk('POST', `${EXPERIMENTS}/api/v1/experiments`, TOKENS.admin, { key: pilot, systemKey: SYS_RECO,
    kind: 'MODEL_VARIANT', hypothesis: 'Bigger product images lift conversion', unitType: 'USER',
    variants: [{ key: 'control', weight: 0.5, control: true }, { key: 'treatment', weight: 0.5, control: false }],
    primaryMetric: { name: 'conversion', type: 'BINOMIAL', direction: 'INCREASE', minimumDetectableEffect: 0.1,
      baselineRate: 0.05 }, maxDuration: 'P14D' }, [201]);
  for (const [action, body] of [['start', undefined], ['stop', { reason: 'pilot done' }],
    ['conclude', { decision: 'SHIP:treatment', rationale: '+6 % conversion in the pilot' }]]) {
    await apiOk('POST', `${EXPERIMENTS}/api/v1/experiments/${pilot}/${action}`, TOKENS.admin, body, [200]);
  }
  await until('the experiment\'s results over every exposure', async () => {
    const r = await api('GET', `${EXPERIMENTS}/api/v1/experiments/${experiment}/results`, TOKENS.viewer);
    return r.status === 200 && JSON.stringify(r.json).includes('treatment')
      && (r.json.variants || []).reduce((n, v) => n + (v.units || v.exposures || 0), 0) >= 4000;
  });
});

await step('12. portfolio and system page: the seeded system with its alert chart, drift monitors, detections and sentiment by segment', async () => {
  await goto(alice, '/console/portfolio');
  const row = alice.locator('table tbody tr', { has: alice.locator(`a[href="/console/systems/${SYS_RECO}"]`) });
  check((await row.count()) === 1, 'the portfolio has no row for the seeded system');
  const rowText = (await row.textContent()).replace(/\s+/g, ' ');
  check(/\b1 open\b|\b1\b/.test(rowText), `the portfolio row shows no open alert: ${rowText}`);
  await screenshot(alice, 'portfolio');
  const serious = (await axeScan(alice, 'portfolio')).map((v) => `portfolio: ${v.impact} ${v.id}`);

  await Promise.all([alice.waitForURL(new RegExp(`/console/systems/${SYS_RECO}$`)),
    row.locator(`a[href="/console/systems/${SYS_RECO}"]`).first().click()]);
  const panel = (key) => alice.locator(`section.panel[aria-labelledby="ev-${key}"]`);
  check((await panel('alert').locator('svg.chart').count()) === 1,
    `no metric chart on the system page: ${(await panel('alert').textContent()).replace(/\s+/g, ' ').slice(0, 400)}`);
  const alertSvg = await panel('alert').locator('svg.chart').innerHTML();
  check(alertSvg.includes('chart-point-flagged'), 'the metric chart flags no breaching period');
  const monitors = await panel('monitors').locator('table tbody tr').allTextContents();
  check(monitors.some((t) => t.includes('basket and intent') && t.includes('healthy')), `drift monitors: ${monitors}`);
  const detections = await panel('detections').locator('table tbody tr').allTextContents();
  check(detections.length >= 1 && detections[0].includes('Data'), `drift detections: ${detections}`);
  const forest = panel('segments').locator('svg.chart.forest');
  check((await forest.count()) === 1, 'no sentiment forest plot on the system page');
  const segments = await forest.locator('g.row text').allTextContents();
  check(segments.includes('new') && segments.includes('returning'), `forest rows: ${segments}`);
  check((await panel('segments').locator('g.row.below').count()) >= 1, 'the unhappy new customers are not below zero');
  check((await panel('feedback').locator('.themes .quote').count()) >= 1, 'the feedback panel quotes no comment');
  await screenshot(alice, 'system');
  serious.push(...(await axeScan(alice, 'system')).map((v) => `system: ${v.impact} ${v.id}`));
  check(serious.length === 0, `serious or critical: ${serious.join('; ')}`);
});

await step('13. experiment page: forest plot of the lift with data; an unknown experiment is a 404 page', async () => {
  await goto(alice, `/console/experiments/${seeded.experiment}`);
  const forest = alice.locator('svg.chart.forest');
  check((await forest.count()) === 1, 'no forest plot on the experiment page');
  const labels = await forest.locator('g.row text').allTextContents();
  check(labels.some((t) => t === 'treatment'), `forest plot rows: ${labels}`);
  await screenshot(alice, 'experiment');
  const serious = (await axeScan(alice, 'experiment')).map((v) => `experiment: ${v.impact} ${v.id}`);
  check(serious.length === 0, `serious or critical: ${serious.join('; ')}`);
  const res = await goto(alice, `/console/experiments/no-such-${RUN}`);
  check(res.status() === 404, `an unknown experiment answered HTTP ${res.status()}`);
  await alice.getByRole('heading', { name: 'No such experiment' }).waitFor();
});

await step('14. review page: the alert\'s evidence quotes redacted comments; a rationale typed when the session expires comes back', async () => {
  await goto(alice, `/console/reviews/${seeded.alertReview}`);
  const quotes = await alice.locator('section[aria-labelledby="ev-feedback"] .quote').allTextContents();
  check(quotes.length >= 1, 'no feedback quotes in the evidence');
  check(!quotes.some((q) => q.includes('7946 0958')), `a phone number was not redacted: ${quotes}`);
  const text = 'CTR fell after the ranker change; approving the rollback.';
  await alice.getByLabel(/Rationale/).fill(text);
  await alice.context().clearCookies();
  await Promise.all([alice.waitForURL(/\/console\/sign-in/), alice.getByRole('button', { name: 'Approve', exact: true }).click()]);
  check(new URL(alice.url()).searchParams.get('next') === `/console/reviews/${seeded.alertReview}`,
    `sign-in does not lead back to the request: ${alice.url()}`);
  await alice.getByLabel('Token', { exact: true }).fill(TOKENS.aliceReviewer);
  await Promise.all([alice.waitForURL(new RegExp(`/console/reviews/${seeded.alertReview}$`)),
    alice.getByRole('button', { name: 'Sign in' }).click()]);
  check(await alice.getByLabel(/Rationale/).inputValue() === text, 'the typed rationale was lost across sign-in');
  check((await alice.locator('.draft-restored').count()) === 1, 'no note that the text was put back');
  check((await review(seeded.alertReview)).state === 'PENDING', 'the post without a session decided the request');
  await decide(alice, 'APPROVE', text);
  check((await review(seeded.alertReview)).state === 'APPROVED', 'the alert review is not approved');
});

await step('15. deep collaboration: alice and bob join the session, post notes and decide together', async () => {
  await apiOk('POST', '/api/v1/systems', TOKENS.admin, { key: SYS_GUIDES, name: 'Health guides (console e2e)',
    kind: 'CONTENT', ownerTeam: 'console-e2e',
    riskProfile: { brandImpact: 'HIGH', financialImpact: 'LOW', customerImpact: 'HIGH' } }, [201]);
  await apiOk('PUT', `/api/v1/systems/${SYS_GUIDES}/policies`, TOKENS.admin, { rules: [
    { actionType: 'CONTENT_PUBLISH', conditions: ['category in [health]'], tier: 'DEEP_COLLABORATION' }] }, [200]);
  const id = `console-e2e.${RUN}.deep`;
  await apiOk('POST', '/api/v1/reviews', TOKENS.ingest, { id, systemKey: SYS_GUIDES, actionType: 'CONTENT_PUBLISH',
    summary: 'Publish the vitamin D buying guide', payload: { category: 'health', slot: 'guides' }, confidence: 0.8 }, [201]);
  const uuid = (await review(id)).id;
  await goto(alice, `/console/reviews/${uuid}`);
  await Promise.all([alice.waitForURL(/notice=joined/), alice.getByRole('button', { name: 'Join the session' }).click()]);
  await alice.getByLabel('Note', { exact: true }).fill('Dosage claims need a medical source before this goes out.');
  await alice.getByLabel(/Evidence link/).fill('https://example.org/vitamin-d-guidance');
  await Promise.all([alice.waitForURL(/notice=note-posted/), alice.getByRole('button', { name: 'Post the note' }).click()]);
  check((await alice.locator('.thread .note-body').allTextContents()).some((t) => t.startsWith('Dosage claims')),
    'the note is not in the thread');
  check((await decisionButtons(alice).count()) === 0, 'alice alone can decide the session');

  const bob = await newPage('bob-session');
  await signIn(bob, TOKENS.bobApprover, `/console/reviews/${uuid}`);
  await Promise.all([bob.waitForURL(/notice=joined/), bob.getByRole('button', { name: 'Join the session' }).click()]);
  check((await bob.locator('.session, section[aria-labelledby="session-title"]').first().textContent()).includes('alice, bob'),
    'bob does not see both participants');
  await screenshot(bob, 'review-session');
  const serious = (await axeScan(bob, 'review (session)')).map((v) => `session: ${v.impact} ${v.id}`);
  check(serious.length === 0, `serious or critical: ${serious.join('; ')}`);
  await decide(bob, 'APPROVE', 'Source added; agreed together in the session.');
  const r = await review(uuid);
  check(r.state === 'APPROVED', `the session's decision left the request ${r.state}`);
});

await step('16. learnings page: headline numbers and four bar charts with this quarter\'s data; prints as a PDF', async () => {
  await until('the concluded pilot in the quarter\'s report', async () => {
    const r = await api('GET', '/api/v1/reports/learnings', TOKENS.viewer);
    return r.status === 200 && r.json.overall.experiments.concluded >= 1 && r.json.overall.alerts.fired >= 1;
  });
  await goto(alice, '/console/learnings');
  const h1 = (await alice.locator('h1').first().textContent()).trim();
  check(/^Learnings \d{4}-Q[1-4]$/.test(h1), `learnings heading: ${h1}`);
  const fired = Number((await alice.locator('[data-headline="alerts-fired"] .headline-value').textContent()).trim()
    .split(/\s/)[0]);
  check(fired >= 1, `alerts fired this quarter: ${fired}`);
  for (const chart of ['tiers', 'outcomes', 'systems', 'remediations']) {
    const svg = alice.locator(`figure#chart-${chart} svg.chart.bars[role="img"]`);
    check((await svg.count()) === 1, `no ${chart} chart`);
  }
  check((await alice.locator('figure#chart-tiers rect.bar').count()) >= 1, 'the tier chart has no bar');
  check((await alice.locator('figure#chart-tiers text.value').count()) >= 1, 'the tier chart writes no values');
  check((await alice.locator(`table.learnings-systems tr[data-system="${SYS_RECO}"]`).count()) === 1,
    'the per-system table lacks the seeded system');
  const md = await alice.request.get(`${BASE}${await alice.locator('a[href^="/console/learnings.md?"]').getAttribute('href')}`);
  check(md.status() === 200 && (await md.text()).includes('#'), `the Markdown download answered HTTP ${md.status()}`);
  await screenshot(alice, 'learnings');
  const serious = (await axeScan(alice, 'learnings')).map((v) => `learnings: ${v.impact} ${v.id}`);
  check(serious.length === 0, `serious or critical: ${serious.join('; ')}`);
  await alice.emulateMedia({ media: 'print' });
  const hidden = await alice.evaluate(() => ['header.top', 'form.learnings-picker', '.skip-link'].map((sel) => {
    const el = document.querySelector(sel);
    return el ? getComputedStyle(el).display : 'none';
  }));
  check(hidden.every((d) => d === 'none'), `printed, the header, picker and skip link show: ${hidden}`);
  mkdirSync(ARTIFACTS, { recursive: true });
  const pdf = await alice.pdf({ path: join(ARTIFACTS, 'learnings.pdf'), format: 'A4', printBackground: false });
  check(pdf.length > 10000, `the PDF has ${pdf.length} bytes`);
  console.log(`      artifacts/learnings.pdf ${pdf.length} B`);
  await alice.emulateMedia({ media: 'screen' });
});

await step('17. policies: an approver edits a policy, previews the diff and the simulation on recent requests, saves it', async () => {
  const bob = await newPage('bob-policy');
  await signIn(bob, TOKENS.bobApprover, '/console/policies');
  await bob.getByRole('heading', { name: 'Policies', exact: true }).waitFor();
  check((await bob.locator(`a[href="/console/systems/${SYS_PRICING}/policy"]`).count()) >= 1, 'the pricing system is not listed');
  await goto(bob, `/console/systems/${SYS_PRICING}/policy`);
  const field = bob.getByLabel('Policy (JSON)');
  const policy = JSON.parse(await field.inputValue());
  // Every price change over 10 % now needs two approvers, whatever the amount.
  const over = policy.rules.find((r) => r.conditions && r.conditions.length === 1 && r.conditions[0] === 'magnitude > 0.10');
  check(over, `no "magnitude > 0.10" rule in ${JSON.stringify(policy.rules)}`);
  over.requiredApprovals = 2;
  await field.fill(JSON.stringify(policy, null, 2));
  await Promise.all([bob.waitForURL(/\/policy\/preview$/), bob.getByRole('button', { name: 'Preview the change' }).click()]);
  await bob.getByRole('heading', { name: 'Preview the policy change' }).waitFor();
  const changed = await bob.locator('ul.rules-diff > li.diff-changed').allTextContents();
  check(changed.length === 1 && changed[0].includes('2'), `the diff shows ${JSON.stringify(changed)}`);
  const summary = (await bob.locator('#simulation-summary').textContent()).replace(/\s+/g, ' ').trim();
  check(/[1-9]\d* of \d+ recent requests would be handled differently/.test(summary), `simulation summary: ${summary}`);
  check((await bob.locator("table.simulation tbody tr").first().textContent()).includes("2 approvals"),
    "the simulation does not show the second approval the draft asks for");
  await screenshot(bob, 'policy-preview');
  const serious = (await axeScan(bob, 'policy preview')).map((v) => `policy preview: ${v.impact} ${v.id}`);
  await Promise.all([bob.waitForURL(new RegExp(`/console/systems/${SYS_PRICING}/policy`)),
    bob.getByRole('button', { name: 'Save this policy' }).click()]);
  const saved = (await bob.locator('.notice.ok[role="status"]').textContent()).trim();
  check(saved.includes('Policy saved as version 2'), `after saving: ${saved}`);
  const current = await apiOk('GET', `/api/v1/systems/${SYS_PRICING}/policies`, TOKENS.viewer, undefined, [200]);
  check(current.version === 2, `the API says version ${current.version}`);
  serious.push(...(await axeScan(bob, 'policy')).map((v) => `policy: ${v.impact} ${v.id}`));
  check(serious.length === 0, `serious or critical: ${serious.join('; ')}`);

  // a viewer reads the policy but gets no form
  const victor = await newPage('victor-policy');
  await signIn(victor, TOKENS.victorViewer, `/console/systems/${SYS_PRICING}/policy`);
  check((await victor.locator('textarea#policy').count()) === 0, 'a viewer gets the policy edit form');
});

await step('18. audit: the chain verifies, the system filter shows the policy change and the decisions of this run', async () => {
  await goto(alice, '/console/audit');
  await alice.getByRole('heading', { name: 'Audit log' }).waitFor();
  check((await alice.locator('#verify-result[data-verify="OK"]').count()) === 1,
    `verify result: ${(await alice.locator('#verify-result').textContent()).trim()}`);
  await alice.getByLabel('System', { exact: true }).selectOption(SYS_PRICING);
  await Promise.all([alice.waitForURL(/\/console\/audit\?/), alice.getByRole('button', { name: 'Filter' }).click()]);
  const actions = await alice.locator('table.audit tbody tr[data-action]').evaluateAll((rows) =>
    rows.map((r) => r.getAttribute('data-action')));
  check(actions.length >= 3, `audit rows for the pricing system: ${actions}`);
  check(actions.some((a) => a.startsWith('POLICY')), `no policy entry among ${actions}`);
  check(actions.some((a) => a.includes('DECIDED') || a.includes('APPROV')), `no decision entry among ${actions}`);
  const systems = await alice.locator('table.audit tbody tr a[href^="/console/systems/"]').evaluateAll((as) =>
    [...new Set(as.map((a) => a.getAttribute('href')))]);
  check(systems.length === 1 && systems[0] === `/console/systems/${SYS_PRICING}`, `the filter let through ${systems}`);
  await screenshot(alice, 'audit');
  const serious = (await axeScan(alice, 'audit')).map((v) => `audit: ${v.impact} ${v.id}`);
  check(serious.length === 0, `serious or critical: ${serious.join('; ')}`);
});

await step('19. screenshots at 1366x768 in artifacts/, small copies under 150 KB', async () => {
  for (const name of ['sign-in', 'queue', 'review']) {
    check(shots[name], `no screenshot of ${name}`);
  }
  mkdirSync(SMALL, { recursive: true });
  const tool = await newPage('shrink');
  for (const [name, png] of Object.entries(shots)) {
    const small = await shrink(tool, png);
    writeFileSync(join(SMALL, `${name}.png`), small);
    check(small.length <= SMALL_LIMIT, `${name}.png is ${small.length} bytes`);
    console.log(`      artifacts/${name}.png ${png.length} B; small copy ${small.length} B`);
    if (WRITE_DOCS && DOC_SHOTS.includes(name)) {
      mkdirSync(DOCS, { recursive: true });
      copyFileSync(join(SMALL, `${name}.png`), join(DOCS, `${name}.png`));
    }
  }
  if (WRITE_DOCS) {
    console.log(`      copied to ${DOCS}`);
  }
});

/** The PNG as is when it is small enough, else scaled down in the browser until it is. */
async function shrink(page, png) {
  let out = png;
  for (const scale of [0.8, 0.7, 0.6, 0.5]) {
    if (out.length <= SMALL_LIMIT) {
      break;
    }
    const dataUrl = await page.evaluate(async ({ src, scale }) => {
      const img = new Image();
      img.src = src;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(img.width * scale);
      canvas.height = Math.round(img.height * scale);
      const ctx = canvas.getContext('2d');
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
      return canvas.toDataURL('image/png');
    }, { src: `data:image/png;base64,${png.toString('base64')}`, scale });
    out = Buffer.from(dataUrl.split(',')[1], 'base64');
  }
  return out;
}

// What the run leaves pending is rejected, so the queue does not fill up run after run.
await step('cleanup: reject what this run left pending', async () => {
  for (const name of ['script', 'author']) {
    if (!seeded[name]) {
      continue;
    }
    const r = await review(seeded[name].id);
    if (r.state === 'PENDING') {
      await apiOk('POST', `/api/v1/reviews/${seeded[name].id}/decision`, TOKENS.admin,
        { outcome: 'REJECT', rationale: 'console e2e run finished' }, [200]);
    }
  }
  check(pageErrors.length === 0, `script errors on the pages: ${pageErrors.join('; ')}`);
  check(dialogs.length === 0, `dialogs fired: ${dialogs.join('; ')}`);
});

for (const c of contexts) {
  await c.close().catch(() => {});
}
await browser.close();
const failed = results.filter((r) => !r.ok).length;
console.log(`\nconsole e2e: ${((Date.now() - started) / 1000).toFixed(1)} s, screenshots in ${ARTIFACTS}`);
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
