/** Hearth's version, written into traces and run records (a test keeps it equal to package.json's). */
export const HEARTH_VERSION = '0.1.0';
