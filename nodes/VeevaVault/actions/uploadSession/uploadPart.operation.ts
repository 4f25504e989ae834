import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { uploadPart } from '../../api/uploadSessions';
import { binarySource, md5Hex } from '../../binary/binarySource';
import { InvalidInputError } from '../../rules/inputError';
import { MIN_PART_BYTES, partLimits } from '../../rules/stagingRules';
import { vaultCredentials } from '../../transport';
import { binaryPropertyNameProperty, sessionIdParameter, sessionIdProperty, timeoutOnlyOptions } from '../common.descriptions';
import type { VaultClient } from '../../vaultClient';

const properties: INodeProperties[] = [
	sessionIdProperty,
	{
		displayName: 'Part Number',
		name: 'partNumber',
		type: 'number',
		required: true,
		typeOptions: { minValue: 1 },
		default: 1,
		description: 'Position of this part in the file, from 1. Parts go up in order; sending a number again replaces that part.',
	},
	binaryPropertyNameProperty,
	timeoutOnlyOptions,
];

/** Vault's errors, in the words of this operation's fields. */
export const errorHints: Record<string, string> = {
	OPERATION_NOT_ALLOWED:
		'The part would take the upload past the Size (Bytes) the session was created with, or the session does not take parts now. Check Part Number and the part\'s size (List Parts shows what Vault has).',
	INVALID_DATA:
		'Check the Part Number: parts go up in order from 1, and every part but the last has the same size, at least 5 MB.',
};

export const description = updateDisplayOptions({ show: { resource: ['uploadSession'], operation: ['uploadPart'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const sessionId = sessionIdParameter(this, itemIndex);
	const partNumber = Number(this.getNodeParameter('partNumber', itemIndex));
	const apiVersion = String((await vaultCredentials(vault)).apiVersion ?? '').trim();
	const { maxPartBytes, maxParts } = partLimits(apiVersion);
	if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > maxParts) {
		throw new InvalidInputError(`Part number ${partNumber} is out of range: use 1 to ${maxParts}`);
	}
	const source = await binarySource(this, itemIndex, this.getNodeParameter('binaryPropertyName', itemIndex) as string);
	if (source.bytes > maxPartBytes || source.bytes < 1) {
		throw new InvalidInputError(
			`The part has ${source.bytes} bytes; a part holds 1 to ${maxPartBytes} bytes`,
			`Every part but the last must be the same size, at least ${MIN_PART_BYTES} bytes. To upload a whole file, use "Upload File".`,
		);
	}
	const data = await source.buffer();
	const stored = await uploadPart(vault, sessionId, { partNumber, data, md5: md5Hex(data) });
	return [{ json: stored }];
}
