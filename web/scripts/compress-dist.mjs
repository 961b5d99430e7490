#!/usr/bin/env node
// Writes `.gz` (level 9) and `.br` (quality 11) beside every compressible file of web/dist over
// 1 KB, so the server can answer `Accept-Encoding` with precompressed bytes instead of
// compressing on each request. Run by `npm run build`.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json', '.geojson', '.map', '.txt'])

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) yield* files(p)
    else yield p
  }
}

let count = 0
for (const file of files(dist)) {
  if (!COMPRESSIBLE.has(extname(file)) || file.includes(`${join(dist, '.vite')}`)) continue
  const raw = readFileSync(file)
  if (raw.length < 1024) continue
  writeFileSync(`${file}.gz`, gzipSync(raw, { level: 9 }))
  writeFileSync(`${file}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }))
  count++
}
console.log(`compressed ${count} files in web/dist (.gz, .br)`)
