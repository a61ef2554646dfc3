// Bundle the web app into dist/ with esbuild: one minified ES module,
// plus the static files copied as they are.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';

mkdirSync('dist', { recursive: true });
await build({
  entryPoints: ['src/main.js'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome90', 'firefox90', 'safari14'],
  outfile: 'dist/app.js',
  logLevel: 'warning',
});
for (const f of ['index.html', 'app.css']) copyFileSync(`src/${f}`, `dist/${f}`);
