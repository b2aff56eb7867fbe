// Builds the dashboard's ECharts bundle (echarts-da06.mjs) into ../target/classes/static/vendor/, named after
// its content's hash so the server can let browsers keep it for a year, and writes echarts.txt, the name
// Layout.java reads. Called by Maven (generate-resources) through build.sh.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';

const dir = '../target/classes/static/vendor';
const result = await build({
  entryPoints: ['echarts-da06.mjs'],
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2017'],
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'warning',
});
const code = result.outputFiles[0].contents;
const name = `echarts-${createHash('sha256').update(code).digest('hex').slice(0, 12)}.min.js`;
mkdirSync(dir, { recursive: true });
for (const old of readdirSync(dir)) {
  if (old.startsWith('echarts-') && old !== name) rmSync(`${dir}/${old}`);
}
writeFileSync(`${dir}/${name}`, code);
writeFileSync(`${dir}/echarts.txt`, name + '\n');
console.log(`ECharts bundle: ${dir}/${name} (${code.length} bytes)`);
