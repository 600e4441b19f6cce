import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { createLogger, defineConfig, type Plugin } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, 'dist/web');
const govukAssets = path.resolve(here, 'node_modules/govuk-frontend/dist/govuk/assets');

const contentTypes: Record<string, string> = {
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/**
 * govuk-frontend's compiled CSS points at /assets/fonts/… and /assets/images/…. Serve those files
 * in development and copy them into the build, so the fonts come from our own origin (the CSP
 * allows no other) without copying the rest of the package.
 */
function govukAssetsPlugin(): Plugin {
  const folders = ['fonts', 'images'];
  return {
    name: 'assure-govuk-assets',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = (req.url ?? '').split('?')[0];
        const match = /^\/assets\/(fonts|images)\/([\w.-]+)$/.exec(url);
        if (!match) return next();
        const file = path.join(govukAssets, match[1], match[2]);
        if (!fs.existsSync(file)) return next();
        res.setHeader('Content-Type', contentTypes[path.extname(file)] ?? 'application/octet-stream');
        fs.createReadStream(file).pipe(res);
      });
    },
    writeBundle() {
      for (const folder of folders) {
        fs.cpSync(path.join(govukAssets, folder), path.join(outDir, 'assets', folder), { recursive: true });
      }
    },
  };
}

// The GOV.UK font and image URLs are served by the plugin above, not resolved by Vite: expected, not news.
const logger = createLogger();
const expected = (message: string) =>
  /\/assets\/(fonts|images)\/\S+ referenced in .*didn't resolve/.test(message);
const { warn, warnOnce } = logger;
logger.warn = (message, options) => {
  if (!expected(message)) warn(message, options);
};
logger.warnOnce = (message, options) => {
  if (!expected(message)) warnOnce(message, options);
};

// Where `vite` and `vite preview` send API calls; ASSURE_API points them at another server.
const api = process.env.ASSURE_API ?? 'http://127.0.0.1:3000';
const proxy = {
  '/api': { target: api },
  '/healthz': { target: api },
  '/readyz': { target: api },
};

export default defineConfig({
  root: path.resolve(here, 'web'),
  plugins: [react(), govukAssetsPlugin()],
  customLogger: logger,
  build: {
    outDir,
    // govuk-frontend's CSS arrives minified, with old Internet Explorer media hacks (`@media screen\0`)
    // that the CSS minifier rejects; our own stylesheet is small.
    cssMinify: false,
    rolldownOptions: {
      // Libraries change less often than our pages: a separate file stays cached across releases.
      output: { codeSplitting: { groups: [{ name: 'vendor', test: /node_modules/ }] } },
    },
    emptyOutDir: true,
    sourcemap: true,
  },
  server: { proxy },
  // `vite preview` serves the build with the server's Content Security Policy, so a change that
  // needs an inline script or a remote file fails here as it would in production.
  preview: {
    proxy,
    headers: {
      'Content-Security-Policy':
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'",
    },
  },
});
