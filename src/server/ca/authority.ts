import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { JsonNameParams } from '@peculiar/x509';
import * as asn1js from 'asn1js';
import { pemBlocks, toHex, toPem } from '../../shared/crypto/bytes';
import { webcrypto, x509 } from '../../shared/crypto/engine';
import { type EmployeeSubject, employeeSubjectName } from '../../shared/crypto/names';
import { OID } from '../../shared/crypto/oids';
import { openKey, sealKey } from './key-store';

const DAY = 24 * 60 * 60 * 1000;
const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;

/** A positive 128-bit serial number in hex. */
export function newSerialNumber(): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(16));
  bytes[0] = ((bytes[0] as number) & 0x7f) | 0x10;
  return toHex(bytes);
}

/** QCStatements: EU-qualified (QcCompliance), for electronic signatures (QcType eSign), on a secure device (QcSSCD) where the key is. */
function qcStatements(onSecureDevice: boolean): x509.Extension {
  const statements = [
    new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.qcCompliance })] }),
    new asn1js.Sequence({
      value: [
        new asn1js.ObjectIdentifier({ value: OID.qcType }),
        new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.qcTypeESign })] }),
      ],
    }),
  ];
  if (onSecureDevice) statements.push(new asn1js.Sequence({ value: [new asn1js.ObjectIdentifier({ value: OID.qcSscd })] }));
  return new x509.Extension(OID.qcStatements, false, new asn1js.Sequence({ value: statements }).toBER(false));
}

export type IssueParams = {
  publicKey: CryptoKey | x509.PublicKey;
  subject: EmployeeSubject;
  notBefore: Date;
  notAfter: Date;
  /** The key is on a secure device (token, cloud): the certificate is qualified for it. */
  onSecureDevice: boolean;
  serialNumber?: string;
};

/**
 * The provider's certificate authority: a root and an issuing CA (ECDSA P-256), made at first
 * start under `<dataDir>/ca` with their private keys sealed by the server's secret.
 */
export class CertificateAuthority {
  private constructor(
    readonly root: x509.X509Certificate,
    readonly issuing: x509.X509Certificate,
    private readonly issuingKey: CryptoKey,
    readonly crlUrl: string,
  ) {}

  static async open(params: {
    dir: string;
    secret: string;
    now: Date;
    providerName: string;
    publicUrl: string;
  }): Promise<CertificateAuthority> {
    const files = {
      root: path.join(params.dir, 'root.crt'),
      rootKey: path.join(params.dir, 'root.key.sealed'),
      issuing: path.join(params.dir, 'issuing.crt'),
      issuingKey: path.join(params.dir, 'issuing.key.sealed'),
    };
    if (!existsSync(files.issuingKey)) await CertificateAuthority.create(params, files);
    const certificate = (file: string) => {
      const block = pemBlocks(readFileSync(file, 'utf8'))[0];
      if (!block) throw new Error(`${file} holds no certificate`);
      return new x509.X509Certificate(block.der as Uint8Array<ArrayBuffer>);
    };
    // The root key stays sealed on disk: it is needed only to make the issuing CA.
    const pkcs8 = openKey(readFileSync(files.issuingKey, 'utf8'), params.secret);
    const issuingKey = await webcrypto.subtle.importKey('pkcs8', pkcs8 as BufferSource, EC, false, ['sign']);
    return new CertificateAuthority(certificate(files.root), certificate(files.issuing), issuingKey, `${params.publicUrl}/ca/issuing.crl`);
  }

  private static async create(
    params: { dir: string; secret: string; now: Date; providerName: string },
    files: { root: string; rootKey: string; issuing: string; issuingKey: string },
  ) {
    mkdirSync(params.dir, { recursive: true, mode: 0o700 });
    const notBefore = new Date(params.now.getTime() - DAY);
    const rootKeys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const issuingKeys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const org: JsonNameParams = [
      { [OID.organization]: [{ utf8String: params.providerName }] },
      { [OID.country]: [{ printableString: 'UA' }] },
    ];
    const rootName = [...org, { [OID.commonName]: [{ utf8String: `${params.providerName} — кореневий ЦСК` }] }];
    const issuingName = [...org, { [OID.commonName]: [{ utf8String: `${params.providerName} — ЦСК` }] }];
    const root = await x509.X509CertificateGenerator.createSelfSigned({
      serialNumber: newSerialNumber(),
      name: new x509.Name(rootName),
      notBefore,
      notAfter: new Date(notBefore.getTime() + 20 * 365 * DAY),
      keys: rootKeys,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(true, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
    const issuing = await x509.X509CertificateGenerator.create({
      serialNumber: newSerialNumber(),
      subject: new x509.Name(issuingName),
      issuer: root.subjectName,
      notBefore,
      notAfter: new Date(notBefore.getTime() + 10 * 365 * DAY),
      publicKey: issuingKeys.publicKey,
      signingKey: rootKeys.privateKey,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(issuingKeys.publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(rootKeys.publicKey),
      ],
    });
    const write = (file: string, text: string) => {
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, text, { mode: 0o600 });
      renameSync(temp, file);
    };
    const seal = async (key: CryptoKey) => sealKey(new Uint8Array(await webcrypto.subtle.exportKey('pkcs8', key)), params.secret);
    write(files.root, toPem('CERTIFICATE', new Uint8Array(root.rawData)));
    write(files.rootKey, await seal(rootKeys.privateKey));
    write(files.issuing, toPem('CERTIFICATE', new Uint8Array(issuing.rawData)));
    // Written last: its presence means the CA is complete.
    write(files.issuingKey, await seal(issuingKeys.privateKey));
  }

  /** The provider's CA certificates (root first), as trusted by default. */
  get certificates(): x509.X509Certificate[] {
    return [this.root, this.issuing];
  }

  /** Issues an employee certificate for a public key. */
  async issueCertificate(params: IssueParams): Promise<x509.X509Certificate> {
    const publicKey = params.publicKey instanceof x509.PublicKey ? await params.publicKey.export() : params.publicKey;
    return x509.X509CertificateGenerator.create({
      serialNumber: params.serialNumber ?? newSerialNumber(),
      subject: new x509.Name(employeeSubjectName(params.subject)),
      issuer: this.issuing.subjectName,
      notBefore: params.notBefore,
      notAfter: params.notAfter,
      publicKey,
      signingKey: this.issuingKey,
      signingAlgorithm: SIGNING,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.nonRepudiation, true),
        await x509.SubjectKeyIdentifierExtension.create(publicKey),
        await x509.AuthorityKeyIdentifierExtension.create(this.issuing),
        new x509.CRLDistributionPointsExtension([this.crlUrl]),
        new x509.CertificatePolicyExtension([OID.policyUaQualified, params.onSecureDevice ? OID.policyQcpNQscd : OID.policyQcpN]),
        qcStatements(params.onSecureDevice),
      ],
    });
  }

  /** A CRL of the issuing CA for the given revoked serials. */
  async createCrl(
    entries: { serialNumber: string; revokedAt: Date; reason?: number | null }[],
    thisUpdate: Date,
    nextUpdate: Date,
  ): Promise<x509.X509Crl> {
    return x509.X509CrlGenerator.create({
      issuer: this.issuing.subjectName,
      thisUpdate,
      nextUpdate,
      signingAlgorithm: SIGNING,
      signingKey: this.issuingKey,
      entries: entries.map((e) => ({
        serialNumber: e.serialNumber,
        revocationDate: e.revokedAt,
        ...(e.reason !== null && e.reason !== undefined ? { reason: e.reason as x509.X509CrlReason } : {}),
      })),
      extensions: [await x509.AuthorityKeyIdentifierExtension.create(this.issuing)],
    });
  }
}
