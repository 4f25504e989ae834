/* eslint-disable @n8n/community-nodes/no-restricted-imports --
   The simulator is a development tool that never ships in the package (package.json "files" is dist/ only);
   n8n's rules for code that runs inside n8n do not apply to it. */
// The simulated Vault's files on disk, under its data folder: the File Staging area and the kept
// files of documents (sources, renditions, attachments, earlier versions). SimState builds on it.
import { copyFile, mkdir, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { DocumentFiles, DocumentVersion, SimRecord, StoredFile } from './model.ts';
import type { SimUser } from './seed.ts';

export class SimFiles {
	dataDir = '';
	/** The files of documents created by the Loader, by document id (stored under dataDir/content). */
	documentFiles = new Map<number, DocumentFiles>();
	/** Earlier versions of documents, oldest first: the fields and files each version had. */
	documentVersions = new Map<number, DocumentVersion[]>();
	nextStoredFileNumber = 1;

	/** No kept files, an empty staging area, no upload session's parts. */
	protected async resetFiles(): Promise<void> {
		this.documentFiles.clear();
		this.documentVersions.clear();
		this.nextStoredFileNumber = 1;
		await rm(join(this.dataDir, 'uploads'), { recursive: true, force: true });
		await rm(join(this.dataDir, 'staging'), { recursive: true, force: true });
		await rm(join(this.dataDir, 'content'), { recursive: true, force: true });
	}

	/** Keeps a copy of a file (a document's source, rendition or attachment) under the data folder. */
	async storeFile(from: string, name: string): Promise<StoredFile> {
		const path = join(this.dataDir, 'content', String(this.nextStoredFileNumber++), name);
		await mkdir(dirname(path), { recursive: true });
		await copyFile(from, path);
		return { name, path };
	}

	/** Where a new kept file goes, under the data folder (its folder made). */
	async newStoredFilePath(name: string): Promise<string> {
		const path = join(this.dataDir, 'content', String(this.nextStoredFileNumber++), name);
		await mkdir(dirname(path), { recursive: true });
		return path;
	}

	/** Keeps `content` as a document's file (for tests and demos). */
	async storeContent(content: Buffer | string, name: string): Promise<StoredFile> {
		const path = await this.newStoredFilePath(name);
		await writeFile(path, content);
		return { name, path };
	}

	/** The files of a document's latest version (made empty when it has none yet). */
	documentFilesOf(id: number): DocumentFiles {
		let files = this.documentFiles.get(id);
		if (!files) {
			files = { renditions: new Map(), attachments: [] };
			this.documentFiles.set(id, files);
		}
		return files;
	}

	/** Keeps the latest version of a document as an earlier one, before a new version replaces it.
	 * The new version starts with the same files, without renditions (Vault makes them anew) unless
	 * its content stays the same (`keepRenditions`). */
	keepVersion(document: SimRecord, { keepRenditions = false } = {}): void {
		const id = Number(document.id);
		const files = this.documentFilesOf(id);
		const versions = this.documentVersions.get(id) ?? [];
		versions.push({ fields: { ...document }, files: { source: files.source, renditions: new Map(files.renditions), attachments: [...files.attachments] } });
		this.documentVersions.set(id, versions);
		if (!keepRenditions) files.renditions = new Map();
	}

	/** Absolute file path, on this machine, of a file in the simulated staging area. */
	stagingFilePath(stagingPath: string): string {
		return join(this.dataDir, 'staging', ...stagingPath.split('/').filter(Boolean));
	}

	/** The staging paths of the files under a folder (absolute staging paths, any depth), sorted;
	 * none when the folder does not exist. For tests. */
	async stagedFilesUnder(stagingFolder: string): Promise<string[]> {
		const folder = stagingFolder.replace(/\/+$/, '');
		const entries = await readdir(this.stagingFilePath(folder), { recursive: true, withFileTypes: true }).catch(() => []);
		return entries
			.filter((entry) => entry.isFile())
			.map((entry) => `${folder}/${join(entry.parentPath, entry.name).slice(this.stagingFilePath(folder).length + 1).split(/[\\/]/).join('/')}`)
			.sort();
	}

	/** Admins see absolute staging paths; other users see paths relative to their own folder. */
	pathFor(viewer: SimUser, absolutePath: string): string {
		const home = `/u${viewer.id}`;
		if (!viewer.admin && absolutePath.startsWith(`${home}/`)) return absolutePath.slice(home.length);
		return absolutePath;
	}

	/** Where a path a user gives lies in the staging area: admins give absolute paths, others paths in their folder. */
	absolutePath(user: SimUser, path: string): string {
		return user.admin ? path : `/u${user.id}${path}`;
	}

	/** Puts a file in the staging area directly (for tests and demos), at an absolute staging path
	 * such as /u10001400/inbox/a.pdf, last modified `modifiedAgoMs` before now on the simulated clock. */
	async addStagedFile(stagingPath: string, content: Buffer | string, { modifiedAgoMs = 0 } = {}): Promise<void> {
		const file = this.stagingFilePath(stagingPath);
		await mkdir(dirname(file), { recursive: true });
		await writeFile(file, content);
		const modified = new Date(Date.now() - modifiedAgoMs);
		await utimes(file, modified, modified);
	}

	async addStagedFolder(stagingPath: string): Promise<void> {
		await mkdir(this.stagingFilePath(stagingPath), { recursive: true });
	}
}
