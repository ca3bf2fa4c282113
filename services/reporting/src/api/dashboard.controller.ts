import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, parse } from 'node:path';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

const DASHBOARD_DIR = join('services', 'reporting', 'data', 'dashboard');
const FILES: Record<string, string> = { 'index.html': 'text/html; charset=utf-8', 'app.js': 'text/javascript; charset=utf-8', 'app.css': 'text/css; charset=utf-8' };

/** The dashboard's files ship beside `dist/` (data/ in the image): found by walking up, as membership finds its seed. */
export function dashboardDir(from: string = __dirname): string {
  for (let dir = from; dir !== parse(dir).root; dir = dirname(dir)) {
    const candidate = join(dir, DASHBOARD_DIR);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${DASHBOARD_DIR} not found above ${from}`);
}

/**
 * The war-room page: static, no data in it, so it needs no token; everything it shows it fetches
 * from the API with the bearer token the user gives it (see data/dashboard/app.js). Strict CSP:
 * its own script and style only, no inline code, no framing, no referrer.
 */
@Controller('dashboard')
export class DashboardController {
  private readonly files = new Map(Object.keys(FILES).map((name) => [name, readFileSync(join(dashboardDir(), name))]));

  @Get()
  @Header('cache-control', 'no-cache')
  index(@Res() reply: FastifyReply) {
    return this.send(reply, 'index.html');
  }

  @Get(':file')
  @Header('cache-control', 'no-cache')
  asset(@Param('file') file: string, @Res() reply: FastifyReply) {
    if (!this.files.has(file) || file === 'index.html') throw new NotFoundException({ code: 'DASHBOARD.NOT_FOUND', message: `no file ${file}` });
    return this.send(reply, file);
  }

  private send(reply: FastifyReply, file: string) {
    return reply
      .header('content-type', FILES[file]!)
      .header('content-security-policy', "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(this.files.get(file));
  }
}
