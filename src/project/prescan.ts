/**
 * The environment variable that hands the CLI's importer prescan to oxlint's process (see
 * mounts.ts `writeImporterPrescan`). Its own module: the engine that sets it must not load the
 * project model's modules to know the name.
 */
export const PRESCAN_ENV = 'BACKLINT_IMPORTER_PRESCAN';
