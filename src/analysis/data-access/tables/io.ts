/**
 * Tables: the modules and methods of side effects other than the database — fs writes, HTTP
 * clients, mail and queue publishing — and the modules whose `*Sync` calls block.
 */
export const FS_MODULES = ['fs', 'fs/promises', 'fs-extra', 'graceful-fs', 'mz/fs'];
export const FS_WRITES = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'mkdir', 'mkdirSync', 'rm', 'rmSync', 'rmdir',
  'rmdirSync', 'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync',
  'truncate', 'truncateSync', 'createWriteStream', 'chmod', 'chmodSync', 'chown', 'chownSync', 'symlink',
  'symlinkSync', 'link', 'linkSync', 'utimes', 'utimesSync', 'outputFile', 'outputFileSync', 'outputJson',
  'outputJsonSync', 'writeJson', 'writeJsonSync', 'writeJSON', 'remove', 'removeSync', 'move', 'moveSync',
  'ensureDir', 'ensureDirSync', 'ensureFile', 'ensureFileSync', 'emptyDir', 'emptyDirSync', 'mkdirp', 'mkdirs',
  'copy', 'copySync', 'mkdtemp', 'mkdtempSync',
]);
export const HTTP_MUTATING = new Set(['post', 'put', 'patch', 'delete']);
export const HTTP_CLIENT_MODULES = ['axios', 'got', 'ky', 'superagent', 'node-fetch', 'undici', 'needle', 'cross-fetch'];
/** Modules whose default export (or `request`) is itself a request function: `axios(config)`, `got(url, opts)`. */
export const HTTP_REQUEST_FUNCTION_MODULES = ['axios', 'got', 'undici', 'ky'];
/** Every method name a mail or queue publishing call can have (see classifySideEffect). */
export const MESSAGE_METHODS = new Set(['sendMail', 'sendToQueue', 'publish', 'add', 'send', 'sendBatch', 'sendMessage', 'sendMessageBatch', 'sendMultiple']);
export const QUEUE_COMMANDS = new Set([
  'SendMessageCommand', 'SendMessageBatchCommand', 'PublishCommand', 'PublishBatchCommand', 'PutRecordCommand',
  'PutRecordsCommand', 'PutEventsCommand', 'SendEmailCommand', 'SendRawEmailCommand', 'PutObjectCommand',
  'DeleteObjectCommand', 'PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'PutCommand', 'UpdateCommand',
  'DeleteCommand', 'BatchWriteItemCommand', 'BatchWriteCommand', 'TransactWriteItemsCommand',
]);

export const SYNC_MODULES: Record<string, string> = {
  fs: 'fs',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  child_process: 'child_process',
  crypto: 'crypto',
  zlib: 'zlib',
};
export const CRYPTO_SYNC = new Set(['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generatePrimeSync']);
