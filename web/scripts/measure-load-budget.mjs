#!/usr/bin/env node
// Measures what the browser downloads to show the login page: the entry chunk, the login
// route's chunk and everything they import statically, JS and CSS, each gzip-compressed
// (level 9, as the server's precompressed assets). Reads web/dist/.vite/manifest.json.
// Usage: node scripts/measure-load-budget.mjs [--budget-kb 300] [--json]
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const args = process.argv.slice(2)
const budgetKb = Number(args[args.indexOf('--budget-kb') + 1] || 300)
const manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'))

const entryKey = Object.keys(manifest).find((k) => manifest[k].isEntry)
const loginKey = Object.keys(manifest).find((k) => k.endsWith('views/auth/LoginPage.vue'))
if (!entryKey || !loginKey) throw new Error('entry or login page not found in the manifest')

const files = new Set()
const seen = new Set()
function walk(key) {
  if (seen.has(key)) return
  seen.add(key)
  const chunk = manifest[key]
  files.add(chunk.file)
  for (const css of chunk.css ?? []) files.add(css)
  for (const imp of chunk.imports ?? []) walk(imp)
}
walk(entryKey)
walk(loginKey)

const rows = [...files].map((file) => {
  const raw = readFileSync(join(dist, file))
  return { file, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length }
})
rows.sort((a, b) => b.gzip - a.gzip)
const sum = (kind) => rows.filter((r) => r.file.endsWith(kind)).reduce((n, r) => n + r.gzip, 0)
const total = rows.reduce((n, r) => n + r.gzip, 0)
const kb = (n) => (n / 1024).toFixed(1)

if (args.includes('--json')) {
  console.log(JSON.stringify({ js_gzip: sum('.js'), css_gzip: sum('.css'), total_gzip: total, budget_kb: budgetKb, files: rows }, null, 2))
} else {
  for (const r of rows) console.log(`${kb(r.gzip).padStart(8)} KB gz  ${kb(r.raw).padStart(8)} KB  ${r.file}`)
  console.log(`login page: JS ${kb(sum('.js'))} KB + CSS ${kb(sum('.css'))} KB = ${kb(total)} KB gzip (budget ${budgetKb} KB)`)
}
if (total > budgetKb * 1024) {
  console.error(`over budget: ${kb(total)} KB > ${budgetKb} KB`)
  process.exit(1)
}
