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

/** Modules whose `fetch` is the standard one (a global `fetch` counts unless shadowed). */
export const FETCH_MODULES = ['node-fetch', 'undici', 'cross-fetch'];
/** HTTP methods that change state on the other side. */
export const MUTATING_HTTP_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'];
/** HTTP clients by the name they are usually imported under (`axios.post(…)` with an untracked `axios`). */
export const HTTP_CLIENT_NAME = /^(?:axios|got|ky|superagent|needle)$/;
/** Receivers of `publish(…)` that are message brokers (AMQP channels, Redis, SNS, Pub/Sub, NATS). */
export const PUBLISHER_NAME = /^(?:channel|ch|amqpChannel|publisher|pub|redis|redisClient|sns|pubsub|nats|nc|topic)$/i;
/** Bull/BullMQ queues by name (`emailQueue.add(name, data)`). */
export const QUEUE_NAME = /(?:queue|Queue)$/;
/** Kafka producers (`producer.send(…)`). */
export const PRODUCER_NAME = /^(?:producer|kafkaProducer)$/i;
/** AWS SQS clients (`sqs.sendMessage(…)`). */
export const SQS_NAME = /^sqs$/i;
/** Mail clients (`sgMail.send(…)`, `transporter.sendMail(…)`). */
export const MAILER_NAME = /^(?:sgMail|sendgrid|mailer|transporter|mailgun|resend|postmark)$/i;

export const SYNC_MODULES: Record<string, string> = {
  fs: 'fs',
  'fs-extra': 'fs',
  'graceful-fs': 'fs',
  child_process: 'child_process',
  crypto: 'crypto',
  zlib: 'zlib',
};
export const CRYPTO_SYNC = new Set(['pbkdf2Sync', 'scryptSync', 'generateKeyPairSync', 'generatePrimeSync']);
