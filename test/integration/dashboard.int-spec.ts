import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { principalToken, type ServiceProcess, spawnService, startGroupAtEnd, waitFor, waitUntilReady } from '@cc/testing';

const CHROMIUM = '/usr/bin/chromium';
const JWT_SECRET = 'dashboard-jwt-secret-0123456789abcdef';
const ISSUER = 'https://id.party.example';
const API_KEY = 'dashboard-app-key-0123456789abcdef0123456789';

/**
 * The war room in a real browser: intake, membership and reporting as their own processes; reports
 * sent through intake's app API are attributed by membership, counted by reporting, and appear on
 * the page — the second one live, without a reload.
 */
describe('war-room dashboard', () => {
  const run = randomUUID().slice(0, 8);
  const services: ServiceProcess[] = [];
  let intake: ServiceProcess;
  let reporting: ServiceProcess;
  let browser: Browser;
  let jwt: string;

  const spawn = async (service: string, env: Record<string, string>) => {
    const groupId = `${service}-dashboard-${run}`;
    await startGroupAtEnd(groupId);
    const process = await spawnService(service, { MONGODB_DB: `${service}_dashboard_${run.replaceAll('-', '')}`, KAFKA_GROUP_ID: groupId, ...env });
    services.push(process);
    await waitUntilReady(process);
    return process;
  };
  const sendReport = async (text: string) => {
    const response = await fetch(`${intake.url}/v1/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, 'idempotency-key': randomUUID() },
      body: JSON.stringify({ text, reporter: { appUserId: `app-user-${randomUUID().slice(0, 8)}` }, declaredUnitCode: 'JH-RAN-KANKE' }),
    });
    expect(response.status).toBe(201);
  };
  const today = (page: Page) => page.getByTestId('reports-today').textContent();

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
    reporting = await spawn('reporting', { AUTH_JWT_SECRET: JWT_SECRET, AUTH_JWT_ISSUER: ISSUER, REPORTING_LIVE_INTERVAL_MS: '300', REPORTING_REFRESH_MS: '1000' });
    await spawn('membership', {});
    intake = await spawn('intake', { APP_API_KEYS: `party-app:${API_KEY}` });
    jwt = await principalToken(JWT_SECRET, ISSUER, { unit: 'JH', roles: ['state-hq'] });
    // Membership publishes its seed organisation at start-up; the dashboard needs Jharkhand known.
    await waitFor('reporting to know Jharkhand', async () => (await fetch(`${reporting.url}/v1/aggregates/dashboard`, { headers: { authorization: `Bearer ${jwt}` } })).status === 200, { timeoutMs: 90_000 });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    for (const service of services.reverse()) {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  });

  it('asks for a token and shows nothing without one', async () => {
    const page = await browser.newPage();
    await page.goto(`${reporting.url}/dashboard`);

    await page.getByText('Paste your access token').waitFor();
    expect(await page.locator('#board').isHidden()).toBe(true);
    await page.locator('#token-input').fill('not-a-token');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByText('The token was refused').waitFor();
    await page.close();
  });

  it('shows what intake received, and the next report live', async () => {
    await sendReport('पंचायत में बैठक हुई');
    await waitFor('the first report counted', async () => {
      const view = (await (await fetch(`${reporting.url}/v1/aggregates/dashboard`, { headers: { authorization: `Bearer ${jwt}` } })).json()) as { today: { reports: number } };
      return view.today.reports >= 1;
    }, { timeoutMs: 60_000 });

    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(`${reporting.url}/dashboard#token=${jwt}`);

    await waitFor('the count on the page', async () => (await today(page)) === '1', { timeoutMs: 20_000 });
    expect(page.url()).not.toContain('token');
    expect(requests.some((url) => url.includes(jwt))).toBe(false);
    expect(await page.getByTestId('status').getAttribute('data-state')).toBe('live');
    expect(await page.getByTestId('by-activity').textContent()).toContain('Ranchi');
    expect(await page.locator('[data-channel="app"]').textContent()).toBe('1');
    // Membership is still publishing its seed blocks at this point: some, not all, are known.
    expect(Number(await page.getByTestId('silent-count').textContent())).toBeGreaterThan(0);

    await sendReport('BDO कार्यालय बंद है');
    await waitFor('the second report, live', async () => (await today(page)) === '2', { timeoutMs: 60_000 });
    expect(requests.filter((url) => url.includes('/v1/aggregates/live'))).toHaveLength(1);

    await page.getByTestId('lang-toggle').click();
    expect(await page.locator('h1 [data-i18n="title"]').textContent()).toBe('वॉर रूम');
    expect(await page.getByTestId('by-activity').textContent()).toContain('रांची');
    expect(await page.getByTestId('reports-today').textContent()).toBe('2');
    await page.close();
  });

  it.each([
    [1366, 768],
    [390, 844],
    [3840, 2160],
  ])('fits a %ix%i screen without sideways scrolling', async (width, height) => {
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(`${reporting.url}/dashboard#token=${jwt}`);
    await waitFor('data on the page', async () => (await today(page)) !== '–' && (await today(page)));

    expect(await page.evaluate('document.documentElement.scrollWidth <= window.innerWidth')).toBe(true);
    await page.close();
  });
});
