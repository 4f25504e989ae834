import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	uploadSession: 'commit' | 'create' | 'delete' | 'get' | 'getAll' | 'getParts' | 'uploadFile' | 'uploadPart';
	stagingItem: 'createFolder' | 'delete' | 'download' | 'getAll' | 'move' | 'upload';
	job: 'get';
	vql: 'query';
	vaultApi: 'call';
	loader: 'load' | 'extract' | 'getResults';
	objectRecord: 'get' | 'getAll' | 'create' | 'update' | 'upsert' | 'delete' | 'runAction';
	document: 'get' | 'getAll' | 'download' | 'create' | 'update' | 'createVersion' | 'lifecycleAction' | 'delete';
};

export type VeevaVaultType = AllEntities<NodeMap>;
