// Draws the demo's small PNG at copy time, so the repository holds no binary.
import { crc32, deflateSync } from 'node:zlib';

/**
 * One PNG chunk: length, type, data, CRC over type + data.
 * @param {string} type
 * @param {Buffer} data
 * @returns {Buffer}
 */
function chunk(type, data) {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A 32×32 RGB picture: a blue-to-teal gradient with a light "deck" card in
 * the middle. Deflate keeps it to a few hundred bytes.
 * @returns {Buffer} the PNG file's bytes
 */
export function drawDeckPng() {
  const size = 32;
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // leading 0: filter type "none"
    for (let x = 0; x < size; x++) {
      const inCard = x >= 8 && x < 24 && y >= 10 && y < 22;
      const stripe = inCard && (y === 13 || y === 16 || y === 19) && x >= 11 && x < 21;
      const [r, g, b] = stripe ? [40, 60, 90] : inCard ? [245, 245, 240] : [20, 80 + y * 3, 160 + x * 2];
      row[1 + x * 3] = r;
      row[2 + x * 3] = g;
      row[3 + x * 3] = b;
    }
    rows.push(row);
  }
  // Filter type 2 ("Up") stores each row as its difference from the row
  // above: a vertical gradient then becomes long runs that deflate well.
  const filtered = rows.map((row, y) => {
    if (y === 0) return row;
    const out = Buffer.alloc(row.length);
    out[0] = 2;
    const above = /** @type {Buffer} */ (rows[y - 1]);
    for (let i = 1; i < row.length; i++) out[i] = (row[i] - above[i]) & 0xff;
    return out;
  });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: truecolour
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(filtered), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
