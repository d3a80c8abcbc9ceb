// The campaign platform end to end in a real browser (run by run_browser.py), as issue 9's
// Tests section describes it: the public pages; the administrator's first start; a coordinator
// invited by e-mail creates a campaign and invites a helper (the mails arrive in the lab
// Postfix's Maildir); entrepreneurs sign up, confirm, prove control of their lab domain with a
// TXT record added with the business's own TSIG key; the scans run; helper and entrepreneur read
// the report and fill in the Basisscan; a lab host's weakness is repaired and a rescan shows it
// fixed; the dashboard shows before and after with small groups suppressed; withdrawal deletes
// the data. Every page visited (every state, forms with errors too) is checked by axe-core for
// WCAG 2.1 A/AA; the main pages are kept as screenshots. Bad input on every form gets a clear
// message tied to the field and keeps what was entered.
'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const { launch, Run } = require('./lib');

const CHECKS = path.join(__dirname, '..', '..', '..', 'content', 'checks');

const env = JSON.parse(process.env.WEERBAAR_E2E);
const run = new Run(env);
const PASSWORD = 'lang-genoeg-wachtwoord-1';

// The business whose weakness is repaired (lab/cases/platform.json: HSTS missing, repaired to
// present; security.txt stays missing), and the businesses that join it so that the campaign
// has five in one sector (shown), one in another and three in a third (suppressed: fewer than
// five). The three share the main business's weaknesses (lab/cases/platform.json), so that
// security.txt is missing at five of the nine at both scans: a bar the dashboard draws. HSTS is
// missing at five at the first scan and at four after the repair: that row is suppressed.
const MAIN = { domain: 'koffiebar-deboon.test', name: 'Koffiebar De Boon', contact: 'Els de Boon', sector: 'Horeca' };
const OTHERS = [
  { domain: 'lunchroom-delinde.test', name: 'Lunchroom De Linde', contact: 'Ria Linde', sector: 'Horeca' },
  { domain: 'bakkerij-jansen.test', name: 'Bakkerij Jansen', contact: 'Henk Jansen', sector: 'Horeca' },
  { domain: 'installatiebedrijf-geenhsts.test', name: 'Installatiebedrijf Van Dam', contact: 'Rob van Dam', sector: 'Horeca' },
  { domain: 'notaris-geentxt.test', name: 'Eetcafe De Notaris', contact: 'Anna Smit', sector: 'Horeca' },
  { domain: 'fietsenwinkel-trapper.test', name: 'Fietsenwinkel Trapper', contact: 'Piet Trapper', sector: 'Detailhandel' },
  { domain: 'ijssalon-venezia.test', name: 'IJssalon Venezia', contact: 'Marco Rossi', sector: 'Zakelijke dienstverlening' },
  { domain: 'bloemenkraam-roos.test', name: 'Bloemenkraam Roos', contact: 'Roos Bakker', sector: 'Zakelijke dienstverlening' },
  { domain: 'bakkerij-hoekstra.test', name: 'Bakkerij Hoekstra', contact: 'Jan Hoekstra', sector: 'Zakelijke dienstverlening' },
];
const SECTORS = ['Horeca', 'Detailhandel', 'Zakelijke dienstverlening'];
// Long enough that a select squeezed by its table column would cut it off.
const HELPER_NAME = 'Samira Bouzidi-van der Heijden';

// A form field by its name attribute (stable across label texts and languages).
const field = (page, name) => page.locator(`[name="${name}"]`).first();

// The message tied to a field (aria-describedby), as a screen reader user hears it.
async function errorFor(page, name) {
  const describedBy = await field(page, name).getAttribute('aria-describedby');
  if (!describedBy) return '';
  const texts = [];
  for (const id of describedBy.split(/\s+/)) {
    const el = page.locator(`[id="${id}"]`);
    if (await el.count()) texts.push((await el.innerText()).trim());
  }
  return texts.join(' ');
}

// Every page a user reaches is checked by axe: go() and click() do it after each navigation.
async function go(page, url, label) {
  const res = await page.goto(url.startsWith('http') ? url : `${env.url}${url}`);
  await run.axe(page, label);
  return res;
}

async function click(page, selector, label) {
  const [res] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.locator(selector).first().click(),
  ]);
  await run.axe(page, label);
  return res;
}

// htmx: a click that must update the page in place, without a navigation. A mark left on
// window survives only if the document was not loaded again. done() is waited for after the
// click (the new part of the page is there); returns whether no navigation happened.
async function inPlace(page, selector, done, label) {
  await page.evaluate(() => { window.wbNoReload = true; });
  const before = page.url();
  await page.locator(selector).first().click();
  await done();
  const stayed = page.url() === before && await page.evaluate(() => window.wbNoReload === true);
  run.check(stayed, `${label}: updated in place, without loading the page again (${page.url()})`);
  await run.axe(page, label);
  return stayed;
}

// The id of the element that has focus, and what the live region (#wb-live) says once it has
// been filled (weerbaar.js fills it 100 ms after the swap).
// Focus moves when htmx has settled the swap, a moment after the new part is there: waits up
// to 3 s for `want`, then returns what has focus.
async function focusedId(page, want) {
  if (want) {
    await page.waitForFunction((id) => document.activeElement && document.activeElement.id === id, want, { timeout: 3000 })
      .catch(() => {});
  }
  return page.evaluate(() => (document.activeElement ? document.activeElement.id : ''));
}
async function liveText(page) {
  await page.waitForFunction(() => document.getElementById('wb-live').textContent.trim() !== '', null, { timeout: 5000 })
    .catch(() => {});
  return (await page.locator('#wb-live').textContent()).trim();
}

// The options of the helper selects whose text is wider than the select has room for: a name
// cut off. The text is measured in the select's own font; the room is inside its padding.
async function cutOptions(page) {
  return page.evaluate(() => {
    const measure = document.createElement('canvas').getContext('2d');
    const cut = [];
    for (const select of document.querySelectorAll('select[name="helper"]')) {
      const style = getComputedStyle(select);
      measure.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = select.clientWidth - parseFloat(style.paddingInlineStart) - parseFloat(style.paddingInlineEnd);
      for (const option of select.options) {
        if (measure.measureText(option.text).width > room + 0.5) cut.push(`"${option.text}" in ${Math.round(room)} px`);
      }
    }
    return cut;
  });
}

async function newUser(browser, options = {}) {
  const ctx = await browser.newContext({ locale: 'nl-NL', ...options });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20000);
  page.wbNoJs = options.javaScriptEnabled === false;
  page.on('dialog', (d) => d.accept()); // the withdrawal's "are you sure?"
  return page;
}

// Accepts an invitation (or the administrator's one-time link): a name and a password.
async function acceptInvitation(page, link, name, label) {
  let res = await go(page, link, `${label}-invitation`);
  run.check(res.status() === 200, `${label}: the invitation link opens (${res.status()})`);
  // Too short a password: a message on the field, the name kept.
  await field(page, 'name').fill(name);
  await field(page, 'password').fill('kort');
  res = await click(page, '#invite-submit', `${label}-invitation-short-password`);
  run.check(res.status() === 422, `${label}: a short password is refused (${res.status()})`);
  run.check((await errorFor(page, 'password')).length > 0, `${label}: the short password gets a message on its field`);
  run.check((await field(page, 'name').inputValue()) === name, `${label}: the name typed is kept`);
  await field(page, 'password').fill(PASSWORD);
  res = await click(page, '#invite-submit', `${label}-home`);
  run.check(res.status() === 200 && !page.url().includes('/invite/'), `${label}: signed in after accepting (${page.url()})`);
}

async function signIn(page, email, label) {
  await go(page, '/login', `${label}-login`);
  await field(page, 'email').fill(email);
  await field(page, 'password').fill(PASSWORD);
  await click(page, '#login-submit', `${label}-home`);
  run.check(!page.url().endsWith('/login'), `${label} signs in (${page.url()})`);
}

// The proof record the platform asks for, added as the business would in its DNS panel.
async function proveByTxt(page, id, domain, label) {
  await go(page, `/businesses/${id}/proof`, `${label}-proof`);
  const name = (await page.locator('#proof-dns-name').innerText()).trim();
  const value = (await page.locator('#proof-dns-value').innerText()).trim();
  run.addTxt(domain, name, value);
  // The lab resolver may still hold the negative answer of an earlier lookup: check again for
  // up to 20 s, as a patient entrepreneur would.
  const end = Date.now() + 20000;
  for (;;) {
    await click(page, '#proof-check', `${label}-proof-checked`);
    if (!page.url().endsWith('/proof')) return true;
    if (Date.now() > end) {
      run.check(false, `${label}: the TXT record ${name} was not found within 20 s`);
      return false;
    }
    await page.waitForTimeout(1500);
  }
}

// Sign-up on the campaign's public page; returns the confirmation link from the mail.
async function signUp(page, slug, b, email, label) {
  await go(page, `/c/${slug}`, `${label}-signup`);
  await field(page, 'business_name').fill(b.name);
  await field(page, 'contact_name').fill(b.contact);
  await field(page, 'email').fill(email);
  await field(page, 'domain').fill(b.domain);
  await field(page, 'sector').selectOption(b.sector);
  await field(page, 'postcode').fill('3511 AB');
  await field(page, 'consent').check();
  const res = await click(page, '#signup-submit', `${label}-signed-up`);
  run.check(res.status() === 200, `${label}: sign-up accepted (${res.status()})`);
  const mail = await run.waitForMail(email, /\/confirm\//);
  return run.link(mail, 'confirm/');
}

async function confirm(page, link, label) {
  await go(page, link, `${label}-confirm`);
  await field(page, 'password').fill(PASSWORD);
  await click(page, '#confirm-submit', `${label}-my`);
  run.check(page.url().endsWith('/my'), `${label}: confirmed and signed in (${page.url()})`);
  const href = await page.locator('a[href^="/businesses/"]').first().getAttribute('href');
  return Number(href.match(/\/businesses\/(\d+)/)[1]);
}

// Reloads the business page until what = 'report' (a scan's report is shown) or 'change'
// (the comparison with the first scan is shown), at most timeoutMs.
async function waitForScan(page, id, what, label, timeoutMs = 180000) {
  const selector = what === 'change' ? '#change-fixed' : '[data-print]';
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    await page.goto(`${env.url}/businesses/${id}`);
    if (await page.locator(selector).count()) {
      await run.axe(page, `${label}-report`);
      return true;
    }
    await page.waitForTimeout(2000);
  }
  run.check(false, `${label}: no ${what} on /businesses/${id} within ${timeoutMs / 1000} s`);
  return false;
}

// A download (CSV, JSON) fetched by the signed-in page itself: same origin, same cookie, and
// the browser's resolver rules (Node's request API does not know campagne.test).
async function download(page, path) {
  return page.evaluate(async (url) => {
    const r = await fetch(url, { credentials: 'same-origin' });
    return { status: r.status, text: await r.text() };
  }, path);
}

// A binary download (the PDF) fetched the same way, its bytes passed back as base64.
async function downloadBytes(page, path) {
  const r = await page.evaluate(async (url) => {
    const res = await fetch(url, { credentials: 'same-origin' });
    const bytes = new Uint8Array(await res.arrayBuffer());
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { status: res.status, type: res.headers.get('content-type'), base64: btoa(bin) };
  }, path);
  return { status: r.status, type: r.type, bytes: Buffer.from(r.base64, 'base64') };
}

// Ages an invitation in the database, as two weeks passing would.
function expireInvitation(email) {
  execFileSync('python3', ['-c', `
import sqlite3, sys
c = sqlite3.connect(sys.argv[1], timeout=10)
n = c.execute("UPDATE invitations SET expires_at = 1 WHERE email = ?", (sys.argv[2],)).rowcount
c.commit()
sys.exit(0 if n == 1 else 1)`, env.db, email]);
}

async function publicPages(browser) {
  run.step('public pages, in Dutch and in English');
  const visitor = await newUser(browser);
  let res = await visitor.goto(`${env.url}/`);
  run.check(res.status() === 200, `home page answers 200 (got ${res.status()})`);
  run.check((await visitor.getAttribute('html', 'lang')) === 'nl', 'the home page is Dutch first');
  await run.shot(visitor, 'home');
  res = await visitor.goto(`${env.url}/privacy`);
  run.check(res.status() === 200, `privacy statement answers 200 (got ${res.status()})`);
  await run.shot(visitor, 'privacy');
  await visitor.goto(`${env.url}/lang?to=en&back=/privacy`);
  run.check((await visitor.getAttribute('html', 'lang')) === 'en', 'the language switch gives the English page');
  await run.shot(visitor, 'privacy-en');
  await visitor.goto(`${env.url}/lang?to=nl&back=/`);
  res = await visitor.goto(`${env.url}/.well-known/security.txt`);
  run.check(res.status() === 200 && /^Contact: /m.test(await res.text()), 'security.txt with a Contact line');
  res = await go(visitor, '/bestaat-niet', 'not-found');
  run.check(res.status() === 404, `an unknown page answers 404 (${res.status()})`);

  run.step('sign-in: a wrong password keeps what was typed');
  await visitor.goto(`${env.url}/login`);
  await run.shot(visitor, 'login');
  await field(visitor, 'email').fill('niemand@campagne.test');
  await field(visitor, 'password').fill('verkeerd-wachtwoord');
  await click(visitor, '#login-submit', 'login-failed');
  run.check((await field(visitor, 'email').inputValue()) === 'niemand@campagne.test', 'a failed sign-in keeps the e-mail address');
  run.check((await field(visitor, 'password').inputValue()) === '', 'and never echoes the password');
  await run.shot(visitor, 'login-failed');
  await field(visitor, 'email').fill('');
  await click(visitor, '#login-submit', 'login-empty');
  const message = await errorFor(visitor, 'email');
  run.check(message.length > 0, `an empty e-mail address gets a message tied to the field ("${message}")`);
  await visitor.context().close();
}

async function campaign(browser) {
  run.step('administrator: first start, an organisation, a coordinator invited by e-mail');
  run.check(Boolean(env.adminLink), 'the first start printed the administrator\'s one-time link');
  const admin = await newUser(browser);
  await acceptInvitation(admin, env.adminLink, 'Beheerder Gemeente', 'admin');
  await go(admin, '/admin/organisations', 'organisations');
  await click(admin, '#add-organisation', 'organisation-empty');
  run.check((await errorFor(admin, 'name')).length > 0, 'an organisation without a name gets a message');
  await field(admin, 'name').fill('Gemeente Utrecht');
  await click(admin, '#add-organisation', 'organisation-added');
  const coordinatorEmail = 'coordinator@gemeente-utrecht.test';
  await field(admin, 'email').fill('geen-adres');
  await field(admin, 'organisation').selectOption({ label: 'Gemeente Utrecht' });
  await click(admin, '#invite-coordinator', 'invite-coordinator-bad');
  run.check((await errorFor(admin, 'email')).length > 0, 'a malformed e-mail address gets a message');
  run.check((await field(admin, 'email').inputValue()) === 'geen-adres', 'and is kept to correct');
  await field(admin, 'email').fill(coordinatorEmail);
  await click(admin, '#invite-coordinator', 'coordinator-invited');
  await run.shot(admin, 'admin-organisations');

  run.step('coordinator: accepts the invitation, creates a campaign, invites helpers');
  const coordinator = await newUser(browser);
  const coordinatorLink = run.link(await run.waitForMail(coordinatorEmail, /\/invite\//), 'invite/');
  await acceptInvitation(coordinator, coordinatorLink, 'Carla Coördinator', 'coordinator');
  await go(coordinator, '/campaigns/new', 'campaign-new');
  // A field is red only together with the message that says what is wrong (WCAG 3.3.1): an
  // empty required textarea looks like the optional one until the form is sent.
  const border = (name) => field(coordinator, name).evaluate((el) => getComputedStyle(el).borderColor);
  const plainBorder = await border('description');
  run.check((await border('consent')) === plainBorder,
    `an empty required textarea is not red before the form is sent (${await border('consent')}, optional ${plainBorder})`);
  // Most fields are required, so only the optional ones say so, in their label (read with the name).
  const labelOf = async (name) => (await coordinator.locator(`label[for="f-${name}"]`).innerText()).trim();
  run.check((await labelOf('description')).endsWith('(niet verplicht)') && !(await labelOf('name')).includes('verplicht') &&
    (await field(coordinator, 'name').getAttribute('required')) !== null &&
    (await field(coordinator, 'description').getAttribute('required')) === null,
  `the optional description is marked, the required name is not ("${await labelOf('description')}", "${await labelOf('name')}")`);
  await field(coordinator, 'name').fill('Veilig Ondernemen Utrecht');
  await field(coordinator, 'description').fill('Gratis scan voor ondernemers in de binnenstad.');
  await field(coordinator, 'region').fill('Utrecht');
  await field(coordinator, 'sectors').fill(SECTORS.join('\n'));
  await field(coordinator, 'interval').fill('0');
  let res = await click(coordinator, '#create-campaign', 'campaign-no-consent');
  run.check(res.status() === 422 && /Vul de toestemmingstekst in/.test(await errorFor(coordinator, 'consent')),
    `the empty consent text gets its message on its field (${res.status()}: "${await errorFor(coordinator, 'consent')}")`);
  run.check((await field(coordinator, 'consent').getAttribute('aria-invalid')) === 'true' && (await border('consent')) !== plainBorder,
    'and is red, with that message');
  run.check((await coordinator.locator('#error-summary a[href="#f-consent"]').count()) === 1, 'the summary links to the field');
  await field(coordinator, 'consent').fill('Ik geef toestemming om mijn website te scannen.\nMijn gegevens worden na een jaar verwijderd.');
  res = await click(coordinator, '#create-campaign', 'campaign-bad-interval');
  run.check(res.status() === 422, `a rescan interval of 0 days is refused (${res.status()})`);
  run.check((await errorFor(coordinator, 'interval')).length > 0 &&
    (await coordinator.locator('#error-summary a[href="#f-interval"]').count()) === 1,
  `with the message on the interval field, linked from the summary ("${await errorFor(coordinator, 'interval')}")`);
  run.check((await coordinator.locator('#error-summary').count()) === 1, 'with an error summary above the form');
  run.check((await field(coordinator, 'region').inputValue()) === 'Utrecht', 'the campaign form keeps what was entered');
  run.check((await field(coordinator, 'sectors').inputValue()) === SECTORS.join('\n'), 'including the sectors');
  await run.shot(coordinator, 'campaign-form-error');
  await field(coordinator, 'interval').fill('30');
  await click(coordinator, '#create-campaign', 'campaign');
  const campaignPath = new URL(coordinator.url()).pathname;
  run.check(/^\/campaigns\/\d+$/.test(campaignPath), `the campaign was created (${campaignPath})`);
  const slug = (await coordinator.locator('#signup-link').getAttribute('href')).replace('/c/', '');

  const helperEmail = 'student@roc-utrecht.test';
  await field(coordinator, 'email').fill(helperEmail);
  await click(coordinator, '#invite-helper', 'helper-invited');
  await field(coordinator, 'email').fill('laat@roc-utrecht.test');
  await click(coordinator, '#invite-helper', 'helper2-invited');

  run.step('an expired invitation gets a clear message');
  const lateLink = run.link(await run.waitForMail('laat@roc-utrecht.test', /\/invite\//), 'invite/');
  expireInvitation('laat@roc-utrecht.test');
  const late = await newUser(browser);
  res = await go(late, lateLink, 'invitation-expired');
  run.check(res.status() === 410, `an expired invitation answers 410 (${res.status()})`);
  run.check(/verlopen/.test(await late.locator('[role="alert"]').innerText()), 'and says it has expired');
  await late.context().close();

  run.step('helper: accepts the invitation');
  const helper = await newUser(browser);
  const helperLink = run.link(await run.waitForMail(helperEmail, /\/invite\//), 'invite/');
  await acceptInvitation(helper, helperLink, HELPER_NAME, 'helper');

  run.step('entrepreneur: bad input on the sign-up form, then a sign-up');
  const owner = await newUser(browser);
  const ownerEmail = 'els@koffiebar-deboon.test';
  await go(owner, `/c/${slug}`, 'signup');
  await run.shot(owner, 'signup');
  await field(owner, 'business_name').fill(MAIN.name);
  await field(owner, 'contact_name').fill(MAIN.contact);
  await field(owner, 'email').fill(ownerEmail);
  await field(owner, 'sector').selectOption(MAIN.sector);
  await field(owner, 'postcode').fill('3511 AB');
  await field(owner, 'consent').check();
  const kept = async (what) => {
    const ok = (await field(owner, 'business_name').inputValue()) === MAIN.name &&
      (await field(owner, 'email').inputValue()) === ownerEmail &&
      (await field(owner, 'postcode').inputValue()) === '3511 AB' &&
      (await field(owner, 'sector').inputValue()) === MAIN.sector && (await field(owner, 'consent').isChecked());
    run.check(ok, `${what}: everything else entered is kept`);
  };
  for (const [domain, what, label] of [
    [`https://${MAIN.domain}/`, 'a malformed domain (a URL)', 'signup-malformed'],
    ['intranet.intranet-verzekeraar.test', 'a domain that points to an internal address', 'signup-unsafe'],
  ]) {
    await field(owner, 'domain').fill(domain);
    res = await click(owner, '#signup-submit', label);
    const m = await errorFor(owner, 'domain');
    run.check(res.status() === 422 && m.length > 0, `${what} is refused with a message on the field (${res.status()}: "${m}")`);
    run.check((await field(owner, 'domain').inputValue()) === domain, `${what}: the domain typed is kept`);
    await kept(what);
  }
  await run.shot(owner, 'signup-error');
  const confirmLink = await signUp(owner, slug, MAIN, ownerEmail, 'owner');
  await run.shot(owner, 'signup-done');

  run.step('the same domain twice: a clear message');
  const twice = await newUser(browser);
  await go(twice, `/c/${slug}`, 'signup-again');
  await field(twice, 'business_name').fill(MAIN.name);
  await field(twice, 'contact_name').fill('Jan de Boon');
  await field(twice, 'email').fill('jan@koffiebar-deboon.test');
  await field(twice, 'domain').fill(MAIN.domain);
  await field(twice, 'sector').selectOption(MAIN.sector);
  await field(twice, 'postcode').fill('3511 AB');
  await field(twice, 'consent').check();
  res = await click(twice, '#signup-submit', 'signup-duplicate');
  run.check(res.status() === 422 && /al aangemeld/.test(await errorFor(twice, 'domain')), `a duplicate sign-up says so (${res.status()})`);
  run.check((await field(twice, 'contact_name').inputValue()) === 'Jan de Boon', 'a duplicate sign-up keeps what was entered');
  await twice.context().close();

  run.step('entrepreneur: confirms, proof not there yet, then the TXT record');
  const id = await confirm(owner, confirmLink, 'owner');
  const waiting = (await owner.locator(`#standing-${id}`).innerText()).trim();
  run.check(waiting === 'Wacht op bewijs domein', `before the proof the list says what it waits for ("${waiting}")`);
  await go(owner, `/businesses/${id}/proof`, 'proof');
  await run.shot(owner, 'proof');
  res = await click(owner, '#proof-check', 'proof-missing');
  run.check(res.status() === 422 && (await owner.locator('#proof-problem').count()) === 1,
    `a proof that is not there yet gets a message (${res.status()})`);
  await proveByTxt(owner, id, MAIN.domain, 'owner');

  run.step('more businesses sign up (five in one sector, one in another, three in a third)');
  const others = [];
  for (const [i, b] of OTHERS.entries()) {
    const p = await newUser(browser);
    const email = `eigenaar${i}@${b.domain}`;
    const link = await signUp(p, slug, b, email, `other${i}`);
    const bid = await confirm(p, link, `other${i}`);
    await proveByTxt(p, bid, b.domain, `other${i}`);
    others.push({ ...b, id: bid, page: p });
  }

  run.step('coordinator: assigns the helper, in place (htmx)');
  await go(coordinator, campaignPath, 'campaign-businesses');
  const assign = coordinator.locator(`form[action="${campaignPath}/assign"]:has(input[name="business"][value="${id}"])`);
  const assignStatus = coordinator.locator(`#assign-status-${id}`);
  run.check((await assignStatus.getAttribute('role')) === 'status', 'the assignment answers in a status region');
  // The column's header says "Helper"; each row's select keeps its own name, for the ear only.
  const assignLabel = coordinator.locator(`label[for="f-assign-${id}"]`);
  const labelBox = await assignLabel.boundingBox();
  run.check((await coordinator.getByRole('combobox', { name: `Helper voor ${MAIN.name}`, exact: true }).count()) === 1 &&
    labelBox !== null && labelBox.width <= 1 && labelBox.height <= 1,
  `each row's select is named "Helper voor ${MAIN.name}" without showing it (${JSON.stringify(labelBox)})`);
  await assign.locator('select').selectOption({ label: HELPER_NAME });
  await inPlace(coordinator, `form[action="${campaignPath}/assign"]:has(input[name="business"][value="${id}"]) [type="submit"]`,
    () => assignStatus.filter({ hasText: 'opgeslagen' }).waitFor(), 'helper-assigned');
  run.check((await assignStatus.innerText()).includes(MAIN.name), `the row says the helper was saved ("${await assignStatus.innerText()}")`);
  run.check(await coordinator.evaluate(() => document.activeElement && document.activeElement.type === 'submit'),
    'focus stays on the row\'s button, so the coordinator goes on from there');
  await run.shot(coordinator, 'campaign-assigned');
  await go(coordinator, campaignPath, 'campaign');
  run.check((await assign.locator('select option:checked').innerText()) === HELPER_NAME, 'the assignment is stored');
  run.check((await cutOptions(coordinator)).length === 0,
    `every helper's whole name fits in the selects (cut: ${(await cutOptions(coordinator)).join(', ')})`);
  await run.shot(coordinator, 'campaign');
  // 320 px wide (WCAG 1.4.10): the page does not scroll sideways (the table does, in its own
  // box), and the names still fit.
  await coordinator.setViewportSize({ width: 320, height: 800 });
  const pageWidth = await coordinator.evaluate(() => document.documentElement.scrollWidth);
  run.check(pageWidth <= 320, `at 320 px the page does not scroll sideways (${pageWidth} px wide)`);
  run.check((await cutOptions(coordinator)).length === 0,
    `at 320 px every helper's whole name fits in the selects (cut: ${(await cutOptions(coordinator)).join(', ')})`);
  // The screenshot shows the helper column, as someone who scrolled the table there sees it.
  await coordinator.locator('.wb-table-wrap').first().evaluate((wrap) => { wrap.scrollLeft = wrap.scrollWidth; });
  await run.shot(coordinator, 'campaign-320');
  await coordinator.setViewportSize({ width: 1280, height: 720 });

  run.step('the scan runs; entrepreneur and helper read the report');
  await waitForScan(owner, id, 'report', 'owner');
  run.check(/zegt browsers niet dat ze altijd de beveiligde versie moeten openen/.test(await owner.locator('main').innerText()), 'the report names the missing HSTS');
  await run.shot(owner, 'report');
  await go(helper, '/caseload', 'caseload');
  run.check((await helper.locator(`a[href="/businesses/${id}"]`).count()) === 1, 'the helper\'s caseload holds the business');
  // The server writes dates in UTC, Dutch month names ("2 december 2026").
  const today = new Date().toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
  const scannedStanding = (await helper.locator(`#standing-${id}`).innerText()).trim();
  run.check(scannedStanding === `Gescand op ${today}`, `the caseload says when the business was scanned ("${scannedStanding}")`);
  // Every cell of a row has the row's line under it, the first column's (the row header) too.
  const lines = await helper.locator(`tbody tr:has(a[href="/businesses/${id}"])`).evaluate((tr) =>
    Array.from(tr.children, (c) => { const st = getComputedStyle(c); return `${st.borderBottomStyle} ${st.borderBottomWidth}`; }));
  run.check(lines.length > 1 && lines.every((l) => l === lines[lines.length - 1]) && !/none|\b0px/.test(lines[0]),
    `the caseload's row line runs under every column (${lines.join(', ')})`);
  await run.shot(helper, 'caseload');
  await go(helper, `/businesses/${id}`, 'helper-report');
  run.check(/zegt browsers niet dat ze altijd de beveiligde versie moeten openen/.test(await helper.locator('main').innerText()), 'the helper reads the same report');
  res = await helper.goto(`${env.url}/businesses/${others[0].id}`);
  run.check(res.status() === 404, `the helper cannot open a business not assigned to them (${res.status()})`);
  res = await owner.goto(`${env.url}/businesses/${others[0].id}`);
  run.check(res.status() === 404, `an entrepreneur cannot open another's report (${res.status()})`);

  run.step('helper: records the conversation in place (htmx), bad input first');
  await go(helper, `/businesses/${id}`, 'helper-report');
  await field(helper, 'agreed').fill('HSTS aanzetten bij de hostingpartij.');
  await inPlace(helper, '#note-save', () => helper.locator('#notes-section #error-summary').waitFor(), 'note-empty');
  run.check((await errorFor(helper, 'discussed')).length > 0, 'a note without what was discussed gets a message on its field');
  run.check((await field(helper, 'agreed').inputValue()) === 'HSTS aanzetten bij de hostingpartij.', 'and keeps what was agreed');
  run.check((await focusedId(helper, 'error-summary')) === 'error-summary', `focus moves to the message (${await focusedId(helper)})`);
  await field(helper, 'discussed').fill('Het rapport doorgelopen: HSTS en security.txt.');
  await field(helper, 'follow_up').fill('2027-01-15');
  await inPlace(helper, '#note-save', () => helper.locator('#note-saved').waitFor(), 'note-saved');
  run.check(/Het rapport doorgelopen/.test(await helper.locator('#notes ~ article').first().innerText()), 'the new note is in the list');
  run.check((await focusedId(helper, 'note-saved')) === 'note-saved' && /opgeslagen/.test(await helper.locator('#note-saved').innerText()),
    `focus moves to "saved", which a screen reader reads out (${await focusedId(helper)})`);
  run.check((await field(helper, 'discussed').inputValue()) === '', 'the form is empty again for the next conversation');
  run.check((await helper.locator('[data-print]').count()) === 1, 'the report above the notes is still there');
  await run.shot(helper, 'note-saved');
  // An htmx request is a state change like any other: without the session's token it is refused.
  const forged = await helper.evaluate(async (url) => {
    const r = await fetch(url, { method: 'POST', headers: { 'HX-Request': 'true', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'discussed=zonder+token', credentials: 'same-origin' });
    return r.status;
  }, `/businesses/${id}/notes`);
  run.check(forged === 403, `an htmx request without the CSRF token is refused (${forged})`);

  await go(helper, '/caseload', 'caseload-follow-up');
  const followUp = (await helper.locator(`#standing-${id}`).innerText()).replace(/\s*\n\s*/g, ' | ').trim();
  run.check(followUp === `Gescand op ${today} | Vervolggesprek op 15 januari 2027`,
    `the caseload shows the follow-up date of the note ("${followUp}")`);
  await run.shot(helper, 'caseload-follow-up');
  await go(helper, `/businesses/${id}`, 'helper-report');

  run.step('without JavaScript the same forms work as ordinary forms');
  const plain = await newUser(browser, { javaScriptEnabled: false });
  await signIn(plain, helperEmail, 'helper-nojs');
  await go(plain, `/businesses/${id}`, 'helper-nojs-report');
  await field(plain, 'discussed').fill('Telefonisch: de hostingpartij is gebeld.');
  res = await click(plain, '#note-save', 'helper-nojs-note-saved');
  run.check(res.status() === 200 && new URL(plain.url()).pathname === `/businesses/${id}` &&
    (await plain.locator('#notice').count()) === 1, `a note without JavaScript: the whole page again with the notice (${res.status()})`);
  run.check((await plain.locator('#notes-section article').count()) === 2, 'both notes are listed');
  await plain.context().close();
  // An assignment the service refuses (a page from before the helper left the campaign: the
  // helper's id is changed on its way) comes back as the whole page, and the summary's link
  // must land on that row's select.
  const plainCoordinator = await newUser(browser, { javaScriptEnabled: false });
  await signIn(plainCoordinator, coordinatorEmail, 'coordinator-nojs');
  await go(plainCoordinator, campaignPath, 'coordinator-nojs-campaign');
  await plainCoordinator.route(`**${campaignPath}/assign`, (route) =>
    route.continue({ postData: route.request().postData().replace(/helper=\d+/, 'helper=999999') }));
  res = await click(plainCoordinator, `form[action="${campaignPath}/assign"]:has(input[name="business"][value="${id}"]) [type="submit"]`,
    'coordinator-nojs-assign-refused');
  const summaryLink = plainCoordinator.locator('#error-summary a');
  const linkTarget = (await summaryLink.count()) === 1 ? await summaryLink.getAttribute('href') : '';
  const refusedSelect = plainCoordinator.locator(`select[name="helper"][id="${linkTarget.slice(1)}"]`);
  run.check(res.status() === 422 && linkTarget === `#f-assign-${id}` && (await refusedSelect.count()) === 1,
    `a refused assignment without JavaScript: the summary links to the row's select (${res.status()}, "${linkTarget}")`);
  if ((await refusedSelect.count()) === 1) {
    const describedBy = (await refusedSelect.getAttribute('aria-describedby')) || '';
    const said = describedBy ? (await plainCoordinator.locator(`[id="${describedBy}"]`).innerText()).trim() : '';
    run.check((await refusedSelect.getAttribute('aria-invalid')) === 'true' && /doet niet mee aan de campagne/.test(said),
      `the select is marked invalid and tied to the message in its row ("${said}")`);
    await summaryLink.click();
    const focused = await plainCoordinator.evaluate(() => (document.activeElement ? document.activeElement.id : ''));
    run.check(focused === `f-assign-${id}`, `the summary's link moves focus to the select (${focused})`);
  }
  await run.shot(plainCoordinator, 'campaign-assign-refused-nojs');
  await plainCoordinator.context().close();

  run.step('Basisscan: helper starts, entrepreneur resumes and finishes');
  await go(helper, `/businesses/${id}/basisscan`, 'basisscan');
  const progressText = await helper.locator('#progress').innerText();
  run.check(/^Vraag 1 van ongeveer \d+$/.test(progressText), `the progress says it plainly ("${progressText}")`);
  await run.shot(helper, 'basisscan');
  await inPlace(helper, '#basisscan-next', () => helper.locator('#error-summary').waitFor(), 'basisscan-no-answer');
  run.check((await focusedId(helper, 'error-summary')) === 'error-summary', `no answer chosen: focus on the message (${await focusedId(helper)})`);
  const firstQuestion = await helper.locator('#question').innerText();
  for (let i = 0; i < 3; i++) {
    const before = await helper.locator('#progress').innerText();
    await helper.locator('#answer-1').check();
    await inPlace(helper, '#basisscan-next',
      () => helper.waitForFunction((old) => document.querySelector('#progress').textContent !== old, before), 'basisscan-next');
    const now = await helper.locator('#progress').innerText();
    run.check((await focusedId(helper, 'question-group')) === 'question-group', `the next question has focus (${await focusedId(helper)})`);
    run.check((await liveText(helper)) === now, `the live region says where we are ("${now}")`);
  }
  run.check((await helper.locator('#question').innerText()) !== firstQuestion, 'the next question replaced the first');
  await run.shot(helper, 'basisscan-in-place');
  const progressAtHelper = await helper.locator('#progress').innerText();
  await go(owner, `/businesses/${id}/basisscan`, 'basisscan-resumed');
  run.check((await owner.locator('#progress').innerText()) === progressAtHelper, `the entrepreneur resumes where the helper stopped (${progressAtHelper})`);
  // In place until the last answer, after which the plan is loaded as a page (HX-Redirect).
  for (let i = 0; i < 200 && owner.url().endsWith('/basisscan'); i++) {
    const before = await owner.locator('#progress').innerText();
    await owner.locator('#answer-1').check();
    await owner.locator('#basisscan-next').click();
    await owner.waitForFunction((old) => !location.pathname.endsWith('/basisscan') ||
      (document.querySelector('#progress') && document.querySelector('#progress').textContent !== old), before)
      .catch(() => owner.waitForURL(/\/plan$/));
    if (owner.url().endsWith('/plan')) await owner.waitForLoadState('load');
    await run.axe(owner, owner.url().endsWith('/plan') ? 'plan' : 'basisscan-next');
  }
  run.check(owner.url().endsWith('/plan'), `the Basisscan ends in the plan (${owner.url()})`);
  run.check((await owner.locator('#plan-top li').count()) > 0, 'the plan has actions');
  await run.shot(owner, 'plan');

  run.step('the weakness is repaired; a rescan shows it fixed');
  run.repair(MAIN.domain);
  try {
    await go(owner, `/businesses/${id}`, 'report-before-rescan');
    await click(owner, '#rescan', 'rescan-requested');
    await waitForScan(owner, id, 'change', 'rescan');
    const fixed = owner.locator('ul[aria-labelledby="change-fixed"]');
    run.check((await fixed.count()) === 1 && /zegt browsers niet dat ze altijd de beveiligde versie moeten openen/.test(await fixed.innerText()), 'the rescan lists HSTS as fixed');
    const open = owner.locator('ul[aria-labelledby="change-open"]');
    run.check((await open.count()) === 1 && /security\.txt/i.test(await open.innerText()), 'and security.txt as still open');
    const gap = await open.evaluate((ul) => {
      const after = ul.closest('.wb-change').nextElementSibling;
      return after ? after.getBoundingClientRect().top - ul.getBoundingClientRect().bottom : -1;
    });
    run.check(gap >= 24, `the report below keeps its distance from the last list of changes (${gap}px)`);
    await run.shot(owner, 'report-after-repair');
  } finally {
    run.repair(MAIN.domain, false);
  }

  run.step('the report as a PDF: the entrepreneur and the helper, nobody else');
  const pdfPath = `/businesses/${id}/report.pdf`;
  const pdf = await downloadBytes(owner, pdfPath);
  run.check(pdf.status === 200 && pdf.type === 'application/pdf' && pdf.bytes.subarray(0, 5).toString() === '%PDF-' &&
    pdf.bytes.subarray(-8).toString().includes('%%EOF'), `the entrepreneur gets a whole PDF (${pdf.status}, ${pdf.type}, ${pdf.bytes.length} bytes)`);
  const pdfFile = path.join(env.screenshots, 'report.pdf');
  fs.writeFileSync(pdfFile, pdf.bytes);
  const pdfText = execFileSync('pdftotext', ['-layout', pdfFile, '-']).toString().replace(/\s+/g, ' ');
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdfFile]).toString())[1]);
  run.check(pdfText.includes(MAIN.name) && pdfText.includes(MAIN.domain), 'the PDF names the business and its domain');
  run.check(/security\.txt/i.test(pdfText) && !/zegt browsers niet dat ze altijd de beveiligde versie moeten openen/.test(pdfText),
    'the PDF holds the latest scan\'s findings (security.txt open, HSTS repaired)');
  run.check(pdfText.includes(HELPER_NAME), 'and names the assigned helper to ask');
  // Pages for people to look at, beside the screenshots.
  execFileSync('pdftoppm', ['-png', '-r', '50', pdfFile, path.join(env.screenshots, 'report-pdf')]);
  console.log(`report.pdf: ${pdf.bytes.length} bytes, ${pages} pages, rendered to report-pdf-*.png`);
  const helperPdf = await downloadBytes(helper, pdfPath);
  run.check(helperPdf.status === 200 && helperPdf.bytes.subarray(0, 5).toString() === '%PDF-', `the helper gets it too (${helperPdf.status})`);
  // The same rule as the report page: whoever may not read it finds nothing (404), a role that
  // never reads reports as well as someone else's business, so no answer tells that it exists.
  const coordPage = await downloadBytes(coordinator, `/businesses/${id}`);
  const coordPdf = await downloadBytes(coordinator, pdfPath);
  run.check(coordPdf.status === 404 && coordPage.status === 404,
    `the coordinator finds no report.pdf, as no report page (${coordPdf.status}, page ${coordPage.status})`);
  const otherPdf = await downloadBytes(owner, `/businesses/${others[0].id}/report.pdf`);
  run.check(otherPdf.status === 404, `the entrepreneur finds no report.pdf of another business (${otherPdf.status})`);

  run.step('coordinator: the dashboard, small groups suppressed');
  // The other businesses' first scans run in the server's workers meanwhile: wait until every
  // business is counted as scanned.
  const everyone = OTHERS.length + 1;
  const scannedRow = coordinator.locator('main table tr:has(th:text-is("Gescand")) td');
  for (let end = Date.now() + 180000; ;) {
    await go(coordinator, `${campaignPath}/dashboard`, 'dashboard');
    if ((await scannedRow.innerText()).trim() === String(everyone) || Date.now() > end) break;
    await coordinator.waitForTimeout(2000);
  }
  run.check((await scannedRow.innerText()).trim() === String(everyone), `all ${everyone} businesses scanned (${await scannedRow.innerText()})`);
  const dash = await coordinator.locator('main').innerText();
  run.check(/minder dan 5/.test(dash), 'counts of fewer than five businesses are suppressed');
  run.check(/Te weinig bedrijven om te tonen/.test(dash), 'and so are the groups of fewer than five');
  run.check(!/\b[1-4]\b\s*$/m.test(await coordinator.locator('table').first().innerText()), 'no count under five in the funnel table');
  run.check((await coordinator.locator('canvas[data-chart]').count()) > 0, 'the dashboard draws its charts');
  run.check(!/\{[a-z_]+\}/.test(dash), 'no title on the dashboard shows a placeholder such as {header}');
  // Every weakness of the five in Horeca is under five: that chart is a sentence, not empty
  // axes, and every chart drawn has a bar to show. The sentence says that the numbers are too
  // small, not the group (five businesses are not "too few businesses to show").
  const horeca = coordinator.locator('h3:text-is("Horeca (5)") + p.wb-chart-none');
  run.check((await coordinator.locator('canvas#chart-overall').count()) === 1 && (await horeca.count()) === 1 &&
    /^Geen grafiek: de aantallen hieronder zijn te klein om te tonen \(minder dan 5 bedrijven\)\.$/.test(await horeca.innerText()),
  `the campaign's chart is drawn; Horeca's, with every number suppressed, is the sentence instead (${await horeca.count()})`);
  const specs = await coordinator.locator('canvas[data-chart]').evaluateAll((cs) => cs.map((c) => JSON.parse(c.dataset.chart)));
  run.check(specs.every((sp) => sp.datasets.some((d) => d.data.some((v) => v))),
    `every chart drawn has a bar (${specs.length} charts)`);
  // Nine businesses scanned; security.txt is missing at five at both scans, every other
  // weakness's row is suppressed (HSTS too: four after the repair). Each weakness table has its
  // first-scan and latest-scan column, and nothing under five shows.
  const rows = coordinator.locator('main table:has(th:text("Bij de eerste scan")) tbody tr');
  let weaknessRows = 0;
  let leaked = [];
  const mixed = [];
  let hstsCells = null;
  let txtCells = null;
  for (let i = 0; i < await rows.count(); i++) {
    const text = await rows.nth(i).innerText();
    const cells = (await rows.nth(i).locator('td').allInnerTexts()).map((c) => c.trim());
    if (cells.length !== 2) continue;
    weaknessRows += 1;
    leaked = leaked.concat(cells.filter((c) => !/^(\d+%|minder dan 5)$/.test(c)));
    // One rule for the row: both columns shown, or both suppressed (never "minder dan 5" beside
    // a share, which would tell what those few businesses did).
    if ((cells[0] === 'minder dan 5') !== (cells[1] === 'minder dan 5')) mixed.push(`${text.split('\t')[0]}: ${cells}`);
    if (!hstsCells && /zegt browsers niet dat ze altijd de beveiligde versie moeten openen/.test(text)) hstsCells = cells;
    if (!txtCells && /weet niet hoe hij u kan bereiken \(geen security\.txt\)/.test(text)) txtCells = cells;
  }
  run.check(weaknessRows > 0 && leaked.length === 0,
    `weakness rows show a share or "minder dan 5" at the first and the latest scan (${weaknessRows} rows; other: ${leaked})`);
  run.check(mixed.length === 0, `no weakness row suppresses one column and shows the other (${mixed.join('; ')})`);
  // The charts as chart.js drew them: a weakness bar is named on its axis by its check's title
  // (content/checks), the finding's full title only where two findings of one check share a
  // chart; the full title is the tooltip's and the row's of the table beside the chart, which
  // must still be there for whoever cannot see the chart.
  const drawn = await coordinator.locator('canvas[data-chart]').evaluateAll((cs) => cs.map((c) => {
    const spec = JSON.parse(c.dataset.chart);
    const chart = window.Chart && window.Chart.getChart(c);
    const items = chart ? chart.scales.x.getLabelItems() : [];
    const box = c.closest('.wb-chart');
    const next = box ? box.nextElementSibling : null;
    const table = next && next.matches('.wb-table-wrap') ? next.querySelector('table') : null;
    return {
      id: c.id, percent: spec.percent === true, hidden: box !== null && box.getAttribute('aria-hidden') === 'true',
      drawn: items.map((it) => [].concat(it.label).join(' ')), titles: spec.titles || spec.labels,
      caption: table && table.caption ? table.caption.textContent.trim() : '',
      rows: table ? Array.from(table.querySelectorAll('tbody th[scope="row"]'), (th) => th.textContent.trim()) : [],
    };
  }));
  const checkOf = new Map();
  for (const f of fs.readdirSync(CHECKS).filter((n) => n.endsWith('.json'))) {
    const check = JSON.parse(fs.readFileSync(path.join(CHECKS, f), 'utf8'));
    for (const finding of Object.values(check.findings || {})) {
      // A title with a placeholder is shown as its check's title (no parameters in aggregates).
      const title = finding.title.nl.includes('{') ? check.title.nl : finding.title.nl;
      checkOf.set(title, check.title.nl);
    }
  }
  const weaknessCharts = drawn.filter((d) => d.percent);
  run.check(drawn.length === specs.length && weaknessCharts.length > 0,
    `chart.js drew every chart (${drawn.length} of ${specs.length}; ${weaknessCharts.length} of weaknesses)`);
  for (const d of drawn) {
    const expected = d.titles.map((t) => {
      const short = checkOf.get(t);
      const shared = d.titles.filter((o) => checkOf.get(o) === short).length > 1;
      return d.percent && short && !shared ? short : t;
    });
    run.check(JSON.stringify(d.drawn) === JSON.stringify(expected),
      `${d.id}: the axis shows the short titles, every bar named (${JSON.stringify(d.drawn)}; expected ${JSON.stringify(expected)})`);
    run.check(d.hidden && d.caption !== '' && d.titles.every((t) => d.rows.includes(t)),
      `${d.id}: beside the chart (hidden from screen readers) a table with a caption holds every bar's full title (${d.caption}: ${d.rows.length} rows)`);
  }
  run.check(weaknessCharts.some((d) => d.drawn.some((l, i) => l !== d.titles[i])),
    'a weakness chart names a bar by a title shorter than the finding\'s (the case the test is about)');
  run.check((await coordinator.locator('th', { hasText: 'Bij de eerste scan' }).count()) > 0 &&
    (await coordinator.locator('th', { hasText: 'Bij de laatste scan' }).count()) > 0, 'the tables compare the first and the latest scan');
  run.check(hstsCells !== null && hstsCells.every((c) => c === 'minder dan 5'),
    `HSTS (five of nine at the first scan, four after the repair) is suppressed at both scans (${hstsCells})`);
  run.check(txtCells !== null && txtCells[0] === '56%' && txtCells[1] === '56%',
    `security.txt, missing at five of nine at both scans, shows its share (${txtCells})`);
  await run.shot(coordinator, 'dashboard');
  const csv = await download(coordinator, `${campaignPath}/export.csv`);
  const csvText = csv.text;
  run.check(csv.status === 200 && /^sector,Detailhandel,,,<5,/m.test(csvText) && !/^sector,Detailhandel,[A-Z]/m.test(csvText),
    'the CSV export suppresses the small group as the page does');
  run.check(/^sector,Horeca,WEB_/m.test(csvText), 'and shows the group of five');

  run.step('entrepreneur: downloads the data, then withdraws consent');
  const exported = await download(owner, `/businesses/${id}/export.json`);
  run.check(exported.status === 200 && JSON.parse(exported.text).schema === 'weerbaar.export/1', 'the data download is the weerbaar.export/1 JSON');
  await go(owner, `/businesses/${id}`, 'report-withdraw');
  await click(owner, '#withdraw', 'withdrawn');
  run.check(/gegevens zijn verwijderd/.test(await owner.locator('body').innerText()), 'the withdrawal says the data is deleted');
  res = await helper.goto(`${env.url}/businesses/${id}`);
  run.check(res.status() === 404, `after withdrawal the helper finds nothing (${res.status()})`);
  await go(owner, '/login', 'login-after-withdrawal');
  await field(owner, 'email').fill(ownerEmail);
  await field(owner, 'password').fill(PASSWORD);
  await click(owner, '#login-submit', 'login-after-withdrawal-failed');
  run.check(owner.url().endsWith('/login'), 'the withdrawn entrepreneur\'s account is gone');
  await go(coordinator, campaignPath, 'campaign-after-withdrawal');
  run.check(!(await coordinator.locator('main').innerText()).includes(MAIN.name), 'the campaign no longer lists the business');
}

async function main() {
  const browser = await launch(env);
  try {
    await publicPages(browser);
    await campaign(browser);
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(run.finish() ? 0 : 1), (e) => {
  console.error(e);
  run.finish();
  process.exit(1);
});
