import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { getDocument, listEntryRequirements, listLifecycleActions, runLifecycleAction } from '../../api/documents';
import { oneOf } from '../../rules/documents';
import { InvalidInputError } from '../../rules/inputError';
import type { VaultClient } from '../../vaultClient';
import { itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { documentIdOf, documentProperty, versionText } from './fields';

const properties: INodeProperties[] = [
	documentProperty,
	{
		displayName: 'Action Name or ID',
		name: 'action',
		type: 'options',
		required: true,
		typeOptions: { loadOptionsMethod: 'getDocumentLifecycleActions', loadOptionsDependsOn: ['documentId.value'] },
		default: '',
		description:
			'The user action to run, among those the document\'s lifecycle state allows now (e.g. Submit for Review). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	optionsCollection([itemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may run actions on several documents at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Document and Action: the document\'s state may have changed since the action was chosen, or a field the action needs is empty.',
};

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['lifecycleAction'] } }, properties);

/**
 * Runs a user action on the latest version: the action must be one Vault offers in the document's
 * state now, and every field it requires must hold a value (checked first, so that the error names
 * the fields to fill). Returns the document's state after the action.
 */
export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const id = documentIdOf(this, itemIndex);
	const chosen = String(this.getNodeParameter('action', itemIndex, '') ?? '').trim();
	if (!chosen) throw new InvalidInputError('Action is empty', 'Choose the lifecycle action to run, e.g. Submit for Review.');
	const before = await getDocument(vault, id);
	const version = { major: Number(before.major_version_number__v ?? 0), minor: Number(before.minor_version_number__v ?? 0) };
	const allowed = (await listLifecycleActions(vault, id, version)).map((action) => ({ name: action.name__v, label: action.label__v ?? action.name__v }));
	const action = oneOf(chosen, allowed, 'Action', `an action document ${id} allows in its state "${String(before.status__v ?? '')}"`);
	const missing = (await listEntryRequirements(vault, id, version, action.name)).filter(
		(requirement) => requirement.required__v === true && (requirement.current_value__v === null || requirement.current_value__v === undefined || requirement.current_value__v === ''),
	);
	if (missing.length) {
		const names = missing.map((requirement) => `${requirement.description__v ?? requirement.name__v} (${requirement.name__v})`).join(', ');
		throw new InvalidInputError(
			`Document ${id} cannot go through "${action.label}" yet: ${names} must have a value`,
			`Fill ${missing.length === 1 ? 'it' : 'them'} first (Document → Update, Fields: ${missing.map(({ name__v }) => name__v).join(', ')}), then run the action again.`,
		);
	}
	await runLifecycleAction(vault, id, version, action.name);
	const after = await getDocument(vault, id);
	return [
		{
			json: {
				id: Number(id),
				action: action.name,
				action_label: action.label,
				previous_state: String(before.status__v ?? ''),
				status__v: String(after.status__v ?? ''),
				version: versionText(after),
			},
		},
	];
}
