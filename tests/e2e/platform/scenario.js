// The campaign platform end to end in a real browser (run by run_browser.py): the pages as
// their users go through them, every page checked by axe-core for WCAG 2.1 A/AA, the main
// ones kept as screenshots. Today: the public pages in Dutch and English, the language switch,
// security.txt, an unknown page, and sign-in with bad input. The campaign itself (coordinator,
// invited helper, sign-up with proof by TXT, scan, report, Basisscan, repair and rescan,
// dashboard, withdrawal) joins here as its pages land; lib.js already reads the lab's mail,
// adds TXT records with the business's key and repairs lab hosts for it.
'use strict';
const { launch, Run } = require('./lib');

const env = JSON.parse(process.env.WEERBAAR_E2E);
const run = new Run(env);

// A form field by its name attribute (stable across label texts and languages).
const field = (page, name) => page.locator(`[name="${name}"]`).first();

async function submit(page) {
  await Promise.all([page.waitForLoadState('load'), page.locator('form:not([action="/logout"]):not([action="/lang"]) [type="submit"]').last().click()]);
}

async function errorFor(page, name) {
  // The message tied to the field (aria-describedby), as a screen reader user hears it.
  const describedBy = await field(page, name).getAttribute('aria-describedby');
  if (!describedBy) return '';
  const texts = [];
  for (const id of describedBy.split(/\s+/)) {
    const el = page.locator(`[id="${id}"]`);
    if (await el.count()) texts.push((await el.innerText()).trim());
  }
  return texts.join(' ');
}


async function newUser(browser) {
  const ctx = await browser.newContext({ locale: 'nl-NL' });
  const page = await ctx.newPage();
  page.setDefaultTimeout(15000);
  return page;
}

// Accepts an invitation (or the administrator's one-time link): a name and a password.

async function main() {
  const browser = await launch(env);
  try {
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
    res = await visitor.goto(`${env.url}/bestaat-niet`);
    run.check(res.status() === 404, `an unknown page answers 404 (${res.status()})`);
    await run.axe(visitor, 'not-found');

    run.step('sign-in: a wrong password keeps what was typed');
    await visitor.goto(`${env.url}/login`);
    await run.shot(visitor, 'login');
    await field(visitor, 'email').fill('niemand@campagne.test');
    await field(visitor, 'password').fill('verkeerd-wachtwoord');
    await submit(visitor);
    run.check((await field(visitor, 'email').inputValue()) === 'niemand@campagne.test', 'a failed sign-in keeps the e-mail address');
    run.check((await field(visitor, 'password').inputValue()) === '', 'and never echoes the password');
    await run.shot(visitor, 'login-failed');
    await field(visitor, 'email').fill('');
    await submit(visitor);
    const message = await errorFor(visitor, 'email');
    run.check(message.length > 0, `an empty e-mail address gets a message tied to the field ("${message}")`);
    await run.axe(visitor, 'login-empty');
  } finally {
    await browser.close();
  }
}

main().then(() => process.exit(run.finish() ? 0 : 1), (e) => {
  console.error(e);
  run.finish();
  process.exit(1);
});
