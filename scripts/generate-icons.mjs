// Draws the extension icon (a blue rounded square with a white map pin) as PNGs in public/icon/, with no
// image library: 4×4 supersampled coverage, written with node:zlib. Run: node scripts/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [29, 78, 216];
const WHITE = [255, 255, 255];
const SIZES = [16, 32, 48, 128];
const SAMPLES = 4;

function inRoundedSquare(x, y, radius) {
  const dx = Math.max(radius - x, 0, x - (1 - radius));
  const dy = Math.max(radius - y, 0, y - (1 - radius));
  return dx * dx + dy * dy <= radius * radius;
}

function inPin(x, y) {
  const cx = 0.5;
  const cy = 0.42;
  const r = 0.24;
  const tip = 0.84;
  const inHead = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  const inTail = y >= cy && y <= tip && Math.abs(x - cx) <= (r * (tip - y)) / (tip - cy);
  const inHole = (x - cx) ** 2 + (y - cy) ** 2 <= 0.095 ** 2;
  return (inHead || inTail) && !inHole;
}

function pixels(size) {
  const rows = [];
  for (let py = 0; py < size; py++) {
    const row = [0]; // PNG filter type "none"
    for (let px = 0; px < size; px++) {
      let square = 0;
      let pin = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const x = (px + (sx + 0.5) / SAMPLES) / size;
          const y = (py + (sy + 0.5) / SAMPLES) / size;
          if (inRoundedSquare(x, y, 0.22)) {
            square += 1;
            if (inPin(x, y)) pin += 1;
          }
        }
      }
      const total = SAMPLES * SAMPLES;
      const mix = square ? pin / square : 0;
      const color = BLUE.map((c, i) => Math.round(c + (WHITE[i] - c) * mix));
      row.push(...color, Math.round((255 * square) / total));
    }
    rows.push(Buffer.from(row));
  }
  return Buffer.concat(rows);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels(size), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of SIZES) writeFileSync(`public/icon/${size}.png`, png(size));
console.log(`public/icon/{${SIZES.join(',')}}.png written`);
