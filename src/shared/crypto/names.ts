import type { JsonNameParams } from '@peculiar/x509';
import { OID } from './oids';

/** What an employee certificate's subject says (the eHealth-relevant parts must be exact). */
export type EmployeeSubject = {
  lastName: string;
  firstAndMiddleName: string;
  identityCode: string;
  identityKind: 'rnokpp' | 'passport';
  organizationName: string;
  edrpou: string;
  position: string;
  department: string;
  locality: string;
};

/** `TINUA-<РНОКПП>`, or `PASUA-<passport>` for a person without РНОКПП. */
export function subjectSerialNumber(identityCode: string, kind: 'rnokpp' | 'passport'): string {
  return `${kind === 'rnokpp' ? 'TINUA' : 'PASUA'}-${identityCode.replace(/\s+/g, '').toUpperCase()}`;
}

/** Compares serialNumber values ignoring spaces and case, as the rules require. */
export function sameSubjectSerial(a: string, b: string): boolean {
  const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
  return norm(a) === norm(b);
}

function text(value: string) {
  return [{ utf8String: value }];
}

function printable(value: string) {
  return /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value) ? [{ printableString: value }] : text(value);
}

/** The subject Name of an employee certificate, in the order providers use. */
export function employeeSubjectName(s: EmployeeSubject): JsonNameParams {
  const name: JsonNameParams = [
    { [OID.organization]: text(s.organizationName) },
    { [OID.organizationalUnit]: text(s.department) },
    { [OID.title]: text(s.position) },
    { [OID.commonName]: text(`${s.lastName} ${s.firstAndMiddleName}`) },
    { [OID.surname]: text(s.lastName) },
    { [OID.givenName]: text(s.firstAndMiddleName) },
    { [OID.serialNumber]: printable(subjectSerialNumber(s.identityCode, s.identityKind)) },
    { [OID.country]: [{ printableString: 'UA' }] },
    { [OID.locality]: text(s.locality) },
    { [OID.organizationIdentifier]: printable(`NTRUA-${s.edrpou}`) },
  ];
  return name;
}
