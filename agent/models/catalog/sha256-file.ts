/** sha256 of a file, streamed (model files are hundreds of MB): the one digest the fetchers and bench plans check. Node-only. */
import { createHash } from 'node:crypto';
import fs from 'node:fs';

/** The file's sha256 as lower-case hex. */
export function sha256File(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    fs.createReadStream(file)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}
