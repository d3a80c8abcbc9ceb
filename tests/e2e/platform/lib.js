// Browser tests of the platform: Debian's chromium driven by playwright-core, every page checked
// with axe-core for WCAG 2.1 A/AA, screenshots of the main pages, and the lab around it (the
// Maildir of the lab Postfix, TXT records by knsupdate, repairs of lab hosts).
'use strict';
const { chromium } = require('playwright-core');
const { execFileSync } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The SPKI hash of the platform's certificate: chromium accepts exactly that certificate
// (the lab CA is not in its trust store) and nothing else.
function spkiHash(certPem) {
  const cert = new crypto.X509Certificate(fs.readFileSync(certPem));
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(spki).digest('base64');
}

async function launch(env) {
  const args = ['--no-sandbox', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', `--host-resolver-rules=MAP ${env.host} ${env.address}, EXCLUDE localhost`];
  if (env.cert) args.push(`--ignore-certificate-errors-spki-list=${spkiHash(env.cert)}`);
  return chromium.launch({ executablePath: CHROMIUM, args });
}

class Run {
  constructor(env) {
    this.env = env;
    this.shots = env.screenshots;
    fs.mkdirSync(this.shots, { recursive: true });
    this.n = 0;
    this.violations = [];
    this.visited = new Set();
    this.failures = [];
  }

  // Runs axe on the page as it is now (every state a user sees counts: forms with errors too).
  async axe(page, label) {
    // Without JavaScript axe cannot run (its timers never fire); the same pages are checked
    // with JavaScript on.
    if (page.wbNoJs) return;
    // Evaluated through the DevTools protocol: the platform's strict CSP (no inline scripts)
    // stays on for the page itself, as its visitors get it.
    await page.evaluate(AXE_SOURCE);
    const r = await page.evaluate((tags) => axe.run(document, { runOnly: { type: 'tag', values: tags } }), WCAG);
    this.visited.add(label);
    // Not an axe rule, but what a screen reader user hears: a table whose caption repeats the
    // heading just before it reads the same words twice in a row.
    const repeated = await page.evaluate(() => {
      const out = [];
      const seq = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6, caption'));
      seq.forEach((el, i) => {
        if (el.tagName !== 'CAPTION' || i === 0) return;
        const before = seq[i - 1].textContent.trim().toLowerCase();
        if (seq[i - 1].tagName !== 'CAPTION' && before === el.textContent.trim().toLowerCase()) out.push(el.textContent.trim());
      });
      return out;
    });
    for (const c of repeated) this.violations.push(`${label}: table caption repeats the heading before it ("${c}")`);
    for (const v of r.violations) {
      const where = v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ');
      this.violations.push(`${label}: ${v.id} (${v.impact}, ${v.nodes.length}x) ${v.help} at ${where}`);
    }
  }

  // A main page: checked and kept as a screenshot build/e2e-screenshots/NN-name.png.
  async shot(page, name) {
    this.n += 1;
    const file = path.join(this.shots, `${String(this.n).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    await this.axe(page, name);
  }

  step(what) {
    if (!this.start) this.start = Date.now();
    console.log(`-- ${what} (${Math.round((Date.now() - this.start) / 1000)} s)`);
  }

  check(cond, what) {
    if (!cond) {
      this.failures.push(what);
      console.log(`FAIL: ${what}`);
    }
  }

  // The newest mail delivered to an address that matches pattern, from the one Maildir the
  // lab Postfix delivers to (its Delivered-To header names the recipient).
  async waitForMail(address, pattern, timeoutMs = 20000) {
    const dir = path.join(this.env.labState, 'platform', 'maildir', 'all', 'new');
    const to = new RegExp(`^Delivered-To: ${address.replace(/[.+]/g, '\\$&')}$`, 'im');
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      if (fs.existsSync(dir)) {
        const files = fs.readdirSync(dir).map((f) => path.join(dir, f))
          .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
        for (const f of files) {
          const raw = fs.readFileSync(f, 'utf8');
          if (!to.test(raw)) continue;
          const text = decodeMail(raw);
          if (pattern.test(text)) return text;
        }
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no mail for ${address} matching ${pattern} within ${timeoutMs / 1000}s (in ${dir})`);
  }

  link(mail, pathPart) {
    const re = new RegExp(`https://${this.env.host.replace(/\./g, '\\.')}/${pathPart}[^\\s"'<>]*`);
    const m = mail.match(re);
    if (!m) throw new Error(`no link to /${pathPart} in the mail:\n${mail}`);
    return m[0];
  }

  addTxt(domain, name, value) {
    const key = path.join(this.env.labState, 'dns', 'tsig', `${domain}.key`);
    execFileSync('knsupdate', ['-k', key], {
      input: `server ${this.env.authoritative} 53\nzone test.\nadd ${name}. 60 TXT "${value}"\nsend\n`,
    });
  }

  repair(domain, repaired = true) {
    execFileSync('python3', [this.env.labPlatform, repaired ? 'repair' : 'replant', domain, '--state', this.env.labState]);
  }

  finish() {
    console.log(`pages checked with axe-core (${WCAG.join(', ')}): ${this.visited.size}; screenshots: ${this.n} in ${this.shots}`);
    for (const v of this.violations) console.log(`WCAG: ${v}`);
    const bad = this.failures.length + this.violations.length;
    if (bad) console.log(`${this.failures.length} failed checks, ${this.violations.length} WCAG violations`);
    return bad === 0;
  }
}

// The text of a mail: headers and body, quoted-printable and base64 parts decoded.
function decodeMail(raw) {
  const [head, ...rest] = raw.split(/\r?\n\r?\n/);
  let body = rest.join('\n\n');
  if (/content-transfer-encoding:\s*quoted-printable/i.test(raw)) {
    body = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
    body = Buffer.from(body, 'latin1').toString('utf8');
  } else if (/content-transfer-encoding:\s*base64/i.test(raw)) {
    body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  return `${head}\n\n${body}`;
}

module.exports = { launch, Run, decodeMail };
