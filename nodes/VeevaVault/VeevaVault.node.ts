import { NodeConnectionTypes } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';

import { router } from './actions/router';
import * as listSearch from './methods/listSearch';
import * as loadOptions from './methods/loadOptions';
import * as resourceMapping from './methods/resourceMapping';
import * as document from './actions/document';
import * as job from './actions/job';
import * as loader from './actions/loader';
import * as objectRecord from './actions/objectRecord';
import * as stagingItem from './actions/stagingItem';
import * as uploadSession from './actions/uploadSession';
import * as vaultApi from './actions/vaultApi';
import * as vql from './actions/vql';

export class VeevaVault implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Veeva Vault',
		name: 'veevaVault',
		icon: { light: 'file:../../icons/veevaVault.svg', dark: 'file:../../icons/veevaVault.dark.svg' },
		group: ['transform'],
		version: 1,
		// "Get Many: Upload Session" on the canvas, not the stored values, and instead of the resource
		// the object or path the operation works on when it is a plain value ("Load: product__v",
		// "Download: /inbox/a.pdf"). $rawParameter, unlike $parameter, never evaluates an expression
		// the editor cannot resolve. n8n's lint wants it written out; test/unit/subtitles.test.ts
		// checks it as the editor evaluates it.
		subtitle:
			'={{ ((key, raw) => { const name = ({"document.create":"Create: Document","document.createVersion":"Create Version: Document","document.delete":"Delete: Document","document.download":"Download File: Document","document.get":"Get: Document","document.getAll":"Get Many: Document","document.lifecycleAction":"Lifecycle Action: Document","document.update":"Update: Document","job.get":"Get: Job","loader.extract":"Extract: Vault Loader","loader.getResults":"Get Results: Vault Loader","loader.load":"Load: Vault Loader","objectRecord.create":"Create: Object Record","objectRecord.delete":"Delete: Object Record","objectRecord.get":"Get: Object Record","objectRecord.getAll":"Get Many: Object Record","objectRecord.update":"Update: Object Record","objectRecord.runAction":"Run Action: Object Record","objectRecord.upsert":"Create or Update: Object Record","stagingItem.createFolder":"Create Folder: Staging Item","stagingItem.delete":"Delete: Staging Item","stagingItem.download":"Download: Staging Item","stagingItem.getAll":"Get Many: Staging Item","stagingItem.move":"Move or Rename: Staging Item","stagingItem.upload":"Upload File: Staging Item","uploadSession.delete":"Abort: Upload Session","uploadSession.commit":"Commit: Upload Session","uploadSession.create":"Create: Upload Session","uploadSession.get":"Get: Upload Session","uploadSession.getAll":"Get Many: Upload Session","uploadSession.getParts":"List Parts: Upload Session","uploadSession.uploadFile":"Upload File: Upload Session","uploadSession.uploadPart":"Upload Part: Upload Session","vaultApi.call":"Call: Vault API","vql.query":"Run Query: VQL"})[key]; const plain = (value) => { const text = value !== null && typeof value === "object" ? value.value : value; return typeof text === "string" && text.trim() !== "" && text.charAt(0) !== "=" ? text.trim() : ""; }; const path = plain(raw.path); const target = (raw.objectType || "vobjects__v") === "vobjects__v" ? plain(raw.object) : plain(raw.objectType); const detail = ({"loader.load": target, "loader.extract": target, "objectRecord.create": plain(raw.object), "objectRecord.delete": plain(raw.object), "objectRecord.get": plain(raw.object), "objectRecord.getAll": plain(raw.object), "objectRecord.update": plain(raw.object), "objectRecord.runAction": plain(raw.object), "objectRecord.upsert": plain(raw.object), "stagingItem.createFolder": path, "stagingItem.delete": path, "stagingItem.download": path, "stagingItem.getAll": path, "stagingItem.move": path, "stagingItem.upload": path, "uploadSession.uploadFile": path, "vaultApi.call": path && (plain(raw.method) || "GET") + " " + path})[key]; return name && detail ? name.split(": ")[0] + ": " + detail : name || $parameter["operation"] + ": " + $parameter["resource"]; })($parameter["resource"] + "." + $parameter["operation"], $rawParameter) }}',
		description: 'Automate Veeva Vault: documents, object records, File Staging (upload sessions, staged files and folders, jobs), Vault Loader, VQL queries and any Vault API call',
		defaults: { name: 'Veeva Vault' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'veevaVaultApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Document',
						value: 'document',
						description: 'Documents one at a time: get, search, download their files, create from a file, update, new versions, lifecycle actions, delete',
					},
					{ name: 'Job', value: 'job', description: 'Vault jobs, such as those a commit, move or delete starts' },
					{ name: 'Object Record', value: 'objectRecord', description: 'Records of a Vault object (e.g. products): get, search, create, update, upsert, delete, run lifecycle actions' },
					{ name: 'Staging Item', value: 'stagingItem', description: 'Files and folders of the File Staging area' },
					{ name: 'Upload Session', value: 'uploadSession', description: 'Resumable upload sessions' },
					{ name: 'Vault API', value: 'vaultApi', description: 'Any endpoint of Vault\'s REST API, through the node\'s sign-in and error handling' },
					{ name: 'Vault Loader', value: 'loader', description: 'Load rows into Vault as records or documents, or extract them, in bulk' },
					{ name: 'VQL', value: 'vql', description: 'Queries in Vault Query Language: documents, object records, users' },
				],
				default: 'uploadSession',
			},
			...uploadSession.description,
			...stagingItem.description,
			...job.description,
			...vql.description,
			...vaultApi.description,
			...loader.description,
			...objectRecord.description,
			...document.description,
		],
	};

	methods = { listSearch, loadOptions, resourceMapping };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
