/**
 * Sieve's scanning core: rule model and loader ({@link dev.sieve.dlp.RuleSet}, {@link dev.sieve.dlp.RuleLint},
 * {@link dev.sieve.dlp.RuleTests}), engines ({@link dev.sieve.dlp.Engines}: Hyperscan streaming, java.util.regex
 * fallback with identical findings) and streaming sessions ({@link dev.sieve.dlp.ScanSession}, whose Javadoc
 * defines the match semantics). Findings never carry raw values; see {@link dev.sieve.dlp.Masking}.
 */
package dev.sieve.dlp;
