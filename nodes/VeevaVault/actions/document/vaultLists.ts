// Lists every item of a run reads the same (the Vault's document types, a type's metadata): read
// once per run and item batch, not once per item, so that 200 documents do not cost 400 more requests.
import { documentClassifications, documentTypeMetadata, listDocumentTypes } from '../../api/metadata';
import type { DocumentTypeMetadata, NamedLabel } from '../../api/metadata';
import { oneOf } from '../../rules/documents';
import type { VaultClient } from '../../vaultClient';

const loadedByRun = new WeakMap<object, Map<string, Promise<unknown>>>();

async function once<T>(vault: VaultClient, key: string, load: () => Promise<T>): Promise<T> {
	let loaded = loadedByRun.get(vault.ctx);
	if (!loaded) {
		loaded = new Map();
		loadedByRun.set(vault.ctx, loaded);
	}
	let value = loaded.get(key) as Promise<T> | undefined;
	if (!value) {
		value = load();
		loaded.set(key, value);
		// A failure is not remembered: the next item asks again.
		value.catch(() => loaded.delete(key));
	}
	return await value;
}

export async function documentTypes(vault: VaultClient): Promise<NamedLabel[]> {
	return await once(vault, 'types', async () => await listDocumentTypes(vault));
}

/** The type given by label or name, or an error naming `field` and the Vault's types. */
export async function documentTypeNamed(vault: VaultClient, value: string, field: string): Promise<NamedLabel> {
	return oneOf(value, await documentTypes(vault), field, 'a document type of this Vault');
}

export async function typeMetadata(vault: VaultClient, type: NamedLabel): Promise<DocumentTypeMetadata> {
	return await once(vault, `type ${type.name}`, async () => await documentTypeMetadata(vault, type.name));
}

export async function classificationsOf(vault: VaultClient, type: NamedLabel, subtype: NamedLabel): Promise<NamedLabel[]> {
	return await once(vault, `subtype ${type.name} ${subtype.name}`, async () => await documentClassifications(vault, type.name, subtype.name));
}
