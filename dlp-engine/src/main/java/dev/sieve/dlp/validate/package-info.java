/** Named, pure candidate validators used by rule files; see {@link dev.sieve.dlp.validate.Validators}. */
package dev.sieve.dlp.validate;
