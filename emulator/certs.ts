/**
 * Certificates for the emulator: a private CA and a loopback server certificate it signs
 * (SAN IP:127.0.0.1, IP:::1, DNS:localhost), plus self-signed client certificates for
 * `ClientCertificateCredential` tests.
 *
 * Keys and signatures come from Node's native crypto (fast); X.509 structure and DER encoding from
 * `node-forge` (pure JS, no `openssl` binary needed on a fresh machine).
 * Kept over forge's own `cert.sign` (its pure-JS RSA: generateCa + issueServerCert 340 ms -> 670 ms
 * outside Jest, far more inside) and over `@peculiar/x509` (a new dependency, async only).
 */
import * as crypto from "crypto";
import * as forge from "node-forge";

/**
 * Signs a forge certificate with SHA-256/RSA using Node's native crypto (forge's pure-JS RSA is
 * ~20x slower, and far slower still inside Jest's VM).
 */
function signNative(cert: forge.pki.Certificate, privatePem: string): void {
    const oid = forge.pki.oids.sha256WithRSAEncryption;
    cert.signatureOid = oid;
    cert.siginfo.algorithmOid = oid;
    // getTBSCertificate exists in node-forge but is missing from @types/node-forge
    const pki = forge.pki as typeof forge.pki & { getTBSCertificate(c: forge.pki.Certificate): forge.asn1.Asn1 };
    const tbs = pki.getTBSCertificate(cert);
    (cert as forge.pki.Certificate & { tbsCertificate: forge.asn1.Asn1 }).tbsCertificate = tbs;
    const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), "binary");
    cert.signature = crypto.sign("sha256", der, privatePem).toString("binary");
}

/** A certificate and its private key, both PEM. */
export interface CertAndKey {
    certPem: string;
    keyPem: string;
}

const DAY_MS = 86_400_000;

function rsaKeyPair(): { publicPem: string; privatePem: string } {
    const { publicKey, privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
    return {
        publicPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
        privatePem: privateKey.export({ type: "pkcs1", format: "pem" }).toString(),
    };
}

function serial(): string {
    // positive 16-byte serial (first nibble < 8)
    const bytes = crypto.randomBytes(16);
    bytes[0] &= 0x7f;
    return bytes.toString("hex");
}

function baseCert(publicPem: string, subject: forge.pki.CertificateField[], days: number): forge.pki.Certificate {
    const cert = forge.pki.createCertificate();
    cert.publicKey = forge.pki.publicKeyFromPem(publicPem);
    cert.serialNumber = serial();
    cert.validity.notBefore = new Date(Date.now() - DAY_MS);
    cert.validity.notAfter = new Date(Date.now() + days * DAY_MS);
    cert.setSubject(subject);
    return cert;
}

/** Creates a CA certificate (10 years) for signing the server certificate. */
export function generateCa(commonName = "Intune Graph Emulator Test CA"): CertAndKey {
    const keys = rsaKeyPair();
    const subject = [
        { name: "commonName", value: commonName },
        { name: "organizationName", value: "pulumi-intune-app-protection test emulator" },
    ];
    const cert = baseCert(keys.publicPem, subject, 3650);
    cert.setIssuer(subject);
    cert.setExtensions([
        { name: "basicConstraints", cA: true, critical: true },
        { name: "keyUsage", keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
        { name: "subjectKeyIdentifier" },
    ]);
    signNative(cert, keys.privatePem);
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** Issues a TLS server certificate for the loopback interface, signed by `ca`. */
export function issueServerCert(ca: CertAndKey, days = 365): CertAndKey {
    const caCert = forge.pki.certificateFromPem(ca.certPem);
    const keys = rsaKeyPair();
    const cert = baseCert(keys.publicPem, [{ name: "commonName", value: "127.0.0.1" }], days);
    cert.setIssuer(caCert.subject.attributes);
    cert.setExtensions([
        { name: "basicConstraints", cA: false, critical: true },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true, critical: true },
        { name: "extKeyUsage", serverAuth: true },
        {
            name: "subjectAltName",
            altNames: [
                { type: 7, ip: "127.0.0.1" },
                { type: 7, ip: "::1" },
                { type: 2, value: "localhost" },
            ],
        },
        { name: "subjectKeyIdentifier" },
        { name: "authorityKeyIdentifier", keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
    ]);
    signNative(cert, ca.keyPem);
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/**
 * A self-signed certificate usable as an app registration's client certificate
 * (`ClientCertificateCredential`). Register `certPem` on the client; give the credential
 * `keyPem + certPem`.
 */
export function generateClientCertificate(commonName = "emulator-client"): CertAndKey {
    const keys = rsaKeyPair();
    const subject = [{ name: "commonName", value: commonName }];
    const cert = baseCert(keys.publicPem, subject, 365);
    cert.setIssuer(subject);
    cert.setExtensions([
        { name: "basicConstraints", cA: false },
        { name: "keyUsage", digitalSignature: true, keyEncipherment: true },
        { name: "extKeyUsage", clientAuth: true },
    ]);
    signNative(cert, keys.privatePem);
    return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}
