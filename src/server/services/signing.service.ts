import { MAX_DOCUMENT_BYTES } from '../../shared/contracts/documents';
import { keyGrade, keyStorageLabel } from '../../shared/contracts/requests';
import type { SigningResult, SigningView } from '../../shared/contracts/signing';
import { derFromPemOrDer } from '../../shared/crypto/bytes';
import { subjectSerialNumber } from '../../shared/crypto/names';
import { checkSignerIdentity, type SignatureReport, signatureFailureMessage } from '../../shared/domain/signature';
import { AppError, fieldError } from '../../shared/errors';
import { checkCsr, csrFailureMessage } from '../ca/csr-check';
import { loadTrustList, revocationCheck } from '../ca/trust-store';
import { verifyCms } from '../ca/verify';
import type { AppContext } from '../context';
import type { Executor } from '../db/database';
import type { ApplicationRow, CertificateRequestRow } from '../db/schema';
import { findApplicationById, lockApplication } from '../repositories/application.repository';
import { appendAudit } from '../repositories/audit.repository';
import { deleteDocumentsOfSlot, insertDocument, listDocumentsOfApplication } from '../repositories/document.repository';
import { findOrganizationById, listContractServices } from '../repositories/organization.repository';
import { findRequestBySigningId, updateRequestGuarded } from '../repositories/request.repository';
import { insertSignatureCheck } from '../repositories/signature.repository';
import { parseSigningToken } from '../security/signing-link';
import { statementBytes } from './request.service';

const LINK_NOT_FOUND = 'Посилання недійсне або його замінено новим';
/** A PKCS#10 request is a few kilobytes; more is not a CSR. */
const MAX_CSR_BYTES = 64 * 1024;

type Located = { request: CertificateRequestRow; application: ApplicationRow };

/** The request behind a signing link: the HMAC must hold and the id must be the request's current one. */
async function locate(ctx: AppContext, db: Executor, token: string): Promise<Located> {
  const signingId = parseSigningToken(ctx.config.secretKey, token);
  const request = signingId ? await findRequestBySigningId(db, signingId) : undefined;
  const application = request ? await findApplicationById(db, request.application_id) : undefined;
  if (!request || !application || (request.status !== 'awaiting_signature' && request.status !== 'signed')) {
    throw new AppError('NOT_FOUND', LINK_NOT_FOUND);
  }
  return { request, application };
}

function isExpired(ctx: AppContext, request: CertificateRequestRow): boolean {
  return (
    request.status === 'awaiting_signature' && (!request.signing_expires_at || request.signing_expires_at.getTime() <= ctx.now().getTime())
  );
}

function newKeyMode(request: CertificateRequestRow): SigningView['newKey'] {
  return request.key_storage === 'file' ? 'generate' : request.key_storage === 'token' ? 'upload' : null;
}

export async function getSigningView(ctx: AppContext, token: string): Promise<SigningView> {
  const { request, application } = await locate(ctx, ctx.db, token);
  const [organization, services, documents] = await Promise.all([
    findOrganizationById(ctx.db, application.organization_id),
    listContractServices(ctx.db, [application.contract_id]),
    listDocumentsOfApplication(ctx.db, application.id),
  ]);
  const signed = documents.find((d) => d.request_id === request.id && d.kind === 'signed_statement');
  return {
    state: request.status === 'signed' ? 'signed' : isExpired(ctx, request) ? 'expired' : 'awaiting_signature',
    signingId: request.signing_id ?? '',
    applicationNumber: application.number,
    requestNumber: request.number,
    organizationName: organization?.name ?? '',
    edrpou: organization?.edrpou ?? '',
    fullName: `${request.last_name} ${request.first_and_middle_name}`,
    identityCode: request.identity_code,
    identityKind: request.identity_kind,
    position: request.position,
    department: request.department,
    email: request.email,
    phone: request.phone,
    service: services.find((s) => s.id === request.service_id)?.name ?? '',
    keyStorage: request.key_storage,
    keyStorageLabel: keyStorageLabel[request.key_storage],
    keyGrade: keyGrade[request.key_storage],
    isReissue: request.is_reissue,
    expiresAt: request.signing_expires_at?.toISOString() ?? '',
    signedAt: request.signed_at?.toISOString() ?? null,
    newKey: newKeyMode(request),
    csrSubject: {
      lastName: request.last_name,
      firstAndMiddleName: request.first_and_middle_name,
      identityCode: request.identity_code,
      identityKind: request.identity_kind,
      organizationName: organization?.name ?? '',
      edrpou: organization?.edrpou ?? '',
      position: request.position,
      department: request.department,
      locality: request.locality,
    },
    report: signed?.signature_report ?? null,
  };
}

/** The statement exactly as it is to be signed (the same bytes the ВО's `РОЗДРУКУВАТИ ЗАЯВКУ` gives). */
export async function getSigningStatement(ctx: AppContext, token: string) {
  const { request, application } = await locate(ctx, ctx.db, token);
  return {
    bytes: await statementBytes(ctx, request, application),
    number: `${application.number.replace('/', '-')}-${request.number}`,
  };
}

export type SigningUpload = { signature: Uint8Array | null; csr: Uint8Array | null; ip: string | null };

/**
 * The employee's signature arrives: it is verified against the statement the system issued,
 * the trusted CAs and the request's person; a refusal is recorded with its reason and nothing
 * else changes. On success the request becomes `Підписано` and the signed statement its `Заявка`.
 */
export async function submitSignature(ctx: AppContext, token: string, upload: SigningUpload): Promise<SigningResult> {
  const located = await locate(ctx, ctx.db, token);
  const { request, application } = located;
  if (request.status === 'signed') throw new AppError('INVALID_STATE', 'Заяву вже підписано: посилання більше не діє для підпису');
  if (isExpired(ctx, request))
    throw new AppError('LINK_EXPIRED', 'Термін дії посилання минув. Попросіть відповідальну особу надіслати нове.');
  if (!upload.signature || upload.signature.length === 0) throw fieldError('signature', 'Додайте файл підпису (.p7s)');
  if (upload.signature.length > MAX_DOCUMENT_BYTES) throw new AppError('PAYLOAD_TOO_LARGE');
  const mode = newKeyMode(request);
  if (mode && (!upload.csr || upload.csr.length === 0)) {
    throw fieldError(
      'csr',
      mode === 'generate'
        ? 'Згенеруйте новий ключ: без нього сертифікат не буде сформовано'
        : 'Додайте запит на сертифікат (PKCS#10) з програми токена',
    );
  }
  if (upload.csr && upload.csr.length > MAX_CSR_BYTES) throw fieldError('csr', 'Файл запиту на сертифікат завеликий');

  const now = ctx.now();
  const organization = await findOrganizationById(ctx.db, application.organization_id);
  const statement = await statementBytes(ctx, request, application);
  const signature = derFromPemOrDer(upload.signature, ['PKCS7', 'CMS', 'PKCS #7 SIGNED DATA']);
  const stored = await ctx.files.put(signature.length > 0 ? signature : upload.signature);
  const result = await verifyCms({
    cms: upload.signature,
    expectedContent: statement,
    trust: await loadTrustList(ctx.db),
    isRevoked: revocationCheck(ctx.db, now),
    now,
  });
  let failure = result.ok ? null : { code: result.code, detail: result.detail ?? {} };
  if (result.ok) {
    failure = checkSignerIdentity(result.report, {
      identityCode: request.identity_code,
      identityKind: request.identity_kind,
      fullName: `${request.last_name} ${request.first_and_middle_name}`,
      edrpou: request.is_reissue ? (organization?.edrpou ?? null) : null,
    });
  }
  if (failure || !result.ok) {
    const code = failure?.code ?? 'MALFORMED';
    const message = signatureFailureMessage(code, failure?.detail);
    await refuse(ctx, located, { code, message, report: result.report, sha256: stored.sha256, ip: upload.ip, now });
    throw new AppError('SIGNATURE_REFUSED', message, { signature: { reason: code, report: result.report } });
  }

  let csr: { der: Uint8Array; keyAlgorithm: string } | null = null;
  if (mode && upload.csr) {
    const expectedSerial = subjectSerialNumber(request.identity_code, request.identity_kind);
    const checked = await checkCsr(upload.csr, {
      subjectSerialNumber: expectedSerial,
      currentPublicKey: new Uint8Array(result.signer.publicKey.rawData),
    });
    if (!checked.ok) throw fieldError('csr', csrFailureMessage(checked.code, expectedSerial));
    csr = checked;
  }

  const statementFile = await ctx.files.put(statement);
  const csrFile = csr ? await ctx.files.put(csr.der) : null;
  const report: SignatureReport = result.report;
  await ctx.db.transaction().execute(async (trx) => {
    // The application's lock orders this against the ВО editing or sending it.
    await lockApplication(trx, application.id);
    const moved = await updateRequestGuarded(trx, request.id, ['awaiting_signature'], {
      status: 'signed',
      signed_at: now,
      csr_sha256: csrFile?.sha256 ?? null,
      csr_submitted_at: csrFile ? now : null,
      updated_at: now,
    });
    const current = moved ? await findRequestBySigningId(trx, request.signing_id ?? '') : undefined;
    if (!moved || !current || current.id !== request.id)
      throw new AppError('INVALID_STATE', 'Заяву вже підписано або запит змінено: посилання більше не діє');
    await deleteDocumentsOfSlot(trx, application.id, request.id, 'signed_statement');
    const document = await insertDocument(trx, {
      applicationId: application.id,
      requestId: request.id,
      kind: 'signed_statement',
      fileName: 'Заявка.pdf',
      mediaType: 'application/pdf',
      size: statementFile.size,
      sha256: statementFile.sha256,
      uploadedBy: null,
      now,
      signature: { sha256: stored.sha256, report },
    });
    await insertSignatureCheck(trx, {
      applicationId: application.id,
      requestId: request.id,
      purpose: 'statement',
      result: 'valid',
      failureCode: null,
      message: null,
      report,
      signatureSha256: stored.sha256,
      ip: upload.ip,
      now,
    });
    await appendAudit(trx, {
      event: 'REQUEST_SIGNED',
      entityType: 'certificate_request',
      entityId: request.id,
      organizationId: application.organization_id,
      actor: { userId: null, role: 'employee', ip: upload.ip },
      details: {
        documentId: document.id,
        signer: report.subjectSerialNumber,
        certificateSerial: report.certificateSerial,
        issuer: report.issuerName,
        signatureSha256: stored.sha256,
        csrKey: csr?.keyAlgorithm ?? null,
      },
    });
  });
  return { state: 'signed', signedAt: now.toISOString(), report };
}

async function refuse(
  ctx: AppContext,
  { request, application }: Located,
  refusal: { code: string; message: string; report: SignatureReport | null; sha256: string; ip: string | null; now: Date },
) {
  await ctx.db.transaction().execute(async (trx) => {
    await insertSignatureCheck(trx, {
      applicationId: application.id,
      requestId: request.id,
      purpose: 'statement',
      result: 'refused',
      failureCode: refusal.code,
      message: refusal.message,
      report: refusal.report,
      signatureSha256: refusal.sha256,
      ip: refusal.ip,
      now: refusal.now,
    });
    await appendAudit(trx, {
      event: 'SIGNATURE_REFUSED',
      entityType: 'certificate_request',
      entityId: request.id,
      organizationId: application.organization_id,
      actor: { userId: null, role: 'employee', ip: refusal.ip },
      details: { reason: refusal.code, signer: refusal.report?.subjectSerialNumber ?? null, signatureSha256: refusal.sha256 },
    });
  });
}
