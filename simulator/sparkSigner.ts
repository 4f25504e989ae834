// The Vault's Spark signing certificates: key pairs under certificate IDs, the last one signing.
import { generateKeyPairSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

import { selfSignedCertificate } from './certificate.ts';

export interface SigningCertificate {
	id: string;
	publicKey: KeyObject;
	privateKey: KeyObject;
	/** What Retrieve Signing Certificate answers: the X.509 certificate as PEM. */
	pem: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

function newCertificate(sequenceNumber: number, now: number): SigningCertificate {
	const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
	const id = String(sequenceNumber).padStart(5, '0');
	const pem = selfSignedCertificate(publicKey, privateKey, {
		commonName: 'spark.sim.veevavault.example',
		organization: 'Vault Simulator',
		serial: BigInt(sequenceNumber) * 7919n + 1_000_003n,
		notBefore: now - 24 * 3600 * 1000,
		notAfter: now + YEAR_MS,
	});
	return { id, publicKey, privateKey, pem };
}

/** The Vault's signing certificates, oldest first; the last one signs. Made on first use (a key
 * pair takes a moment), kept across resets (a reset forgets those of later rollovers). */
export class SparkSigner {
	private certificates: SigningCertificate[] = [];
	private readonly now: () => number;

	constructor(now: () => number) {
		this.now = now;
	}

	get current(): SigningCertificate {
		if (this.certificates.length === 0) this.certificates.push(newCertificate(1, this.now()));
		return this.certificates[this.certificates.length - 1];
	}

	find(id: string): SigningCertificate | undefined {
		void this.current;
		return this.certificates.find((certificate) => certificate.id === id);
	}

	get ids(): string[] {
		void this.current;
		return this.certificates.map((certificate) => certificate.id);
	}

	/** A new key pair under the next certificate ID, which signs from now on; the old ones stay retrievable. */
	rollover(): SigningCertificate {
		const before = this.current;
		this.certificates.push(newCertificate(this.certificates.indexOf(before) + 2, this.now()));
		return this.current;
	}

	reset(): void {
		this.certificates = this.certificates.slice(0, 1);
	}
}
