import path from 'node:path';
import type { Config } from '../config';
import { CertificateAuthority } from './authority';

export { CertificateAuthority } from './authority';

/** The provider's CA under `<dataDir>/ca`, created at first start. */
export function openAuthority(config: Config, now: Date): Promise<CertificateAuthority> {
  return CertificateAuthority.open({
    dir: path.join(config.dataDir, 'ca'),
    secret: config.secretKey,
    now,
    providerName: config.providerName,
    publicUrl: config.publicUrl,
  });
}
