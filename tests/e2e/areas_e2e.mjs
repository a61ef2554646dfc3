// areas_e2e: a person opens the app in Chromium and sees the district.
//
// Starts the real `gridcare serve` on a free loopback port over a fresh
// database (200 customers, seed 3), drives Debian's chromium with
// playwright-core, and checks what is on the screen against the API.
//
// usage: node areas_e2e.mjs GRIDCARE_BINARY WEB_DIST OUT_DIR
import { chromium } from '../../web/node_modules/playwright-core/index.mjs';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [bin, webRoot, outDir] = process.argv.slice(2);
if (!existsSync('/usr/bin/chromium')) {
  console.log('chromium missing: run scripts/install-deps');
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), 'gc-e2e-'));
const db = join(dir, 'gc.db');
execFileSync(bin, ['seed-demo', '--db', db, '--customers', '200', '--seed', '3',
  '--until', '2026-11-24'], { stdio: 'ignore' });

const port = await new Promise((ok) => {
  const s = createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
});
const base = `http://127.0.0.1:${port}`;
const srv = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--web-root', webRoot],
  { stdio: ['ignore', 'ignore', 'ignore'] });
for (let i = 0; i < 100; i++) {
  try { if ((await fetch(`${base}/healthz`)).ok) break; } catch { /* not yet */ }
  await new Promise((r) => setTimeout(r, 50));
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
let passed = 0, failed = 0;
async function test(name, fn) {
  try { await fn(); passed++; console.log(`ok ${name}`); }
  catch (e) { failed++; console.log(`FAIL ${name}: ${e.message}`); }
}
const csp = [];
try {
  const page = await browser.newPage({ viewport: { width: 420, height: 860 } });
  page.on('console', (m) => { if (m.type() === 'error') csp.push(m.text()); });
  const api = await (await fetch(`${base}/api/v1/areas`)).json();
  const bn = api.areas[0];

  await test('Vietnamese first: title, rules and the district total', async () => {
    await page.goto(base + '/');
    await page.waitForSelector('#total');
    assert.equal(await page.title(), 'Chăm sóc khách hàng – Điện lực');
    assert.equal(await page.locator('.rules li').count(), 3);
    assert.equal(await page.locator('.rules li').first().textContent(), 'Không cung cấp thông tin cá nhân.');
    const total = await page.locator('#total').textContent();
    assert.match(total, new RegExp(`^Tổng: ${bn.customers} khách hàng`));
  });
  await test('the chart draws one bar per commune', async () => {
    assert.equal(await page.locator('svg.chart g.row').count(), 5);
    const codes = await page.locator('svg.chart g.row').evaluateAll((gs) => gs.map((g) => g.dataset.code));
    assert.deepEqual(codes, bn.children.map((c) => c.code));
  });
  await test('clicking a commune lists its villages with counts', async () => {
    await page.locator('g.row[data-code="BN-KEP"]').click();
    await page.waitForSelector('#villages');
    assert.equal(await page.locator('#villages').textContent(), 'Kép');
    const kep = bn.children.find((c) => c.code === 'BN-KEP');
    assert.equal(await page.locator('table tr').count(), kep.children.length + 1);
    await page.screenshot({ path: join(outDir, 'e2e-areas-vi.png'), fullPage: true });
  });
  await test('English on request', async () => {
    await page.getByRole('button', { name: 'English' }).click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    await page.waitForSelector('text=Customers by commune');
    assert.equal(await page.title(), 'Customer care – Power company');
  });
  await test('no console errors (the CSP allows everything the app does)', async () => {
    assert.deepEqual(csp, []);
  });
} finally {
  await browser.close();
  srv.kill('SIGTERM');
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
