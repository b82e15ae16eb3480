import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../test/temp-dir';
import { APP_INDEX_URL, serveAppRequest } from './app-protocol';

const tempDir = useTempDirs();

function renderer(): string {
  const dir = join(tempDir(), 'renderer');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>Taofolio</title>');
  writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(dir, '..', 'secret.txt'), 'secret');
  return dir;
}

describe('app:// protocol', () => {
  it('serves the renderer with the CSP, and routes fall back to index.html', async () => {
    const dir = renderer();
    const index = await serveAppRequest(dir, APP_INDEX_URL);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('<title>Taofolio</title>');
    const js = await serveAppRequest(dir, 'app://taofolio/assets/app.js');
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await (await serveAppRequest(dir, 'app://taofolio/portfolio')).text()).toContain('<title>');
  });

  it('never leaves the renderer folder, and answers only its own host and GET/HEAD', async () => {
    const dir = renderer();
    for (const url of [
      'app://taofolio/../secret.txt',
      'app://taofolio/%2e%2e/secret.txt',
      'app://taofolio/..%2fsecret.txt',
      'app://taofolio/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://taofolio/missing.js',
      'app://taofolio/%00.js',
    ]) {
      const response = await serveAppRequest(dir, url);
      expect(response.status, url).toBe(404);
    }
    expect((await serveAppRequest(dir, 'app://other/index.html')).status).toBe(404);
    expect((await serveAppRequest(dir, 'file:///etc/passwd')).status).toBe(404);
    expect((await serveAppRequest(dir, APP_INDEX_URL, 'POST')).status).toBe(405);
  });
});
