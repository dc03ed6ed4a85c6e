/**
 * Request bodies as scannable <em>views</em>, and redaction written back through every layer.
 *
 * <p>{@link dev.sieve.dlp.view.Views#decode} turns a request (query string and buffered body)
 * into views; {@link dev.sieve.dlp.view.Redactor#rewrite} takes replacement spans found in those
 * views and produces a new request of the same type. Both build the same layer tree, so a view
 * path means the same thing to both. Neither throws for any input: failures are values, and every
 * failure means block (fail closed). No detail or reason ever contains body bytes.
 *
 * <h2>Layers</h2>
 * Body: {@code Content-Encoding} (gzip, x-gzip, deflate with or without zlib wrapper, br, zstd;
 * a list is undone right to left; size and ratio limits enforced while decompressing), then by
 * {@code Content-Type}: JSON ({@code application/json}, {@code *+json}, and a missing or
 * {@code text/plain} type whose body starts like an object or array and parses),
 * {@code multipart/*}, {@code application/x-www-form-urlencoded}, PDF (declared or by magic),
 * containers by magic whatever the type says (below), RTF and SVG by their start (below), anything else one raw
 * view. Inside JSON and
 * multipart parts, embedded files are decoded (base64 payloads of model APIs, transfer encodings)
 * and sniffed: containers are opened, PDF text is extracted, JSON is decoded recursively, anything
 * else is a raw view.
 *
 * <h2>UTF-16 text</h2>
 * A body, part, entry or layer that is UTF-16 text (declared {@code charset=utf-16*}, a byte order mark, or ASCII
 * text's zero byte every second byte in its first 128 bytes; {@link dev.sieve.dlp.view.Utf16}) is transcoded to
 * UTF-8: {@code body|utf16}, {@code multipart:file/out.txt|utf16}, {@code ...|zip:a.reg|utf16}; rewriting transcodes
 * back. Declared JSON must still be UTF-8.
 *
 * <h2>Containers by magic</h2>
 * {@link dev.sieve.dlp.view.Payloads#decode} (every embedded file, archive entry and decompressed
 * stream) and a raw body (unknown, {@code application/octet-stream} or any type but declared JSON,
 * multipart and form, which stay strict) look at the bytes first: a body whose declared type
 * disagrees with its magic is scanned for what it is.
 * <ul>
 *   <li><b>gzip, zlib</b>: decompressed with the {@code Content-Encoding} limits (ratio and size
 *       enforced while inflating), then decoded again: {@code |gzip}, {@code |zlib}. A gzip header's original file
 *       name and comment (FNAME, FCOMMENT) are the view {@code |gzip|names} ({@code content-encoding|gzip|names} for
 *       a gzip {@code Content-Encoding}), never rewritten. zlib's two-byte
 *       header is weak magic: data that does not inflate is scanned as what it is.</li>
 *   <li><b>xz, lzma, bzip2</b> (xz magic {@code FD 37 7A 58 5A 00}; the 13-byte LZMA_Alone header checked as
 *       xz-utils does; {@code BZh1..9} then the block magic {@code 31 41 59 26 53 59}): decompressed through Commons
 *       Compress under gzip's limits (size, ratio, decode time, depth; decoder memory at most 16 MiB), then decoded
 *       again: {@code |xz}, {@code |lzma}, {@code |bzip2}, {@code |xz|tar:<entry>}. Never recompressed: a redaction
 *       inside escalates to block ({@link dev.sieve.dlp.view.Packed}).</li>
 *   <li><b>7z</b> ({@code 37 7A BC AF 27 1C}; LZMA, LZMA2, stored and the other methods Commons Compress reads): at
 *       most {@code maxArchiveEntries} entries, together at most {@code maxDecompressionRatio} times the archive;
 *       {@code |7z:<entry name>}, names as {@code |7z|names}. An encrypted 7z cannot be inspected and fails closed
 *       ({@code ARCHIVE_INVALID}), as an encrypted zip entry does ({@link dev.sieve.dlp.view.SevenZ}).</li>
 *   <li><b>zip</b> (stored and deflated entries; ZIP64 read): the central directory is the truth;
 *       at most {@code maxArchiveEntries} entries; each entry's local header, size and CRC checked;
 *       overlapping, encrypted, split and unknown-method entries refused. Each entry is decoded by
 *       what it is: {@code |zip:<entry name>}.</li>
 *   <li><b>OOXML</b> (a zip with {@code [Content_Types].xml}: DOCX, XLSX, PPTX) and <b>ODF</b> (a zip
 *       whose {@code mimetype} entry names an OpenDocument type): one text view {@code |docx},
 *       {@code |xlsx}, {@code |pptx}, {@code |odt}, ... of the text parts (body, headers, footers,
 *       comments, notes, cells row by row, slides, document properties), read with StAX without
 *       DTDs or entities; every other entry (media, embedded files, anything added) is decoded by
 *       what it is: {@code |docx:word/media/image1.png|image-meta}.</li>
 *   <li><b>tar</b> (ustar/GNU/pax headers with a valid checksum): {@code |tar:<entry name>}.</li>
 *   <li><b>Images</b> (PNG/JPEG/GIF/WebP magic): the text they carry (PNG text chunks, JPEG comments,
 *       EXIF string tags, XMP, IPTC, GIF comments, WebP EXIF/XMP) as {@code |image-meta}; pixels are not
 *       scanned. Bytes after the image's end are decoded by what they are ({@code |image-trailer},
 *       one embedded layer deeper: a zip appended to a picture is opened). A damaged image is also
 *       scanned as raw bytes; a raw image body is scanned as bytes and for its metadata. Bytes labelled as an image that are not one are scanned as what they
 *       are.</li>
 *   <li><b>RTF</b> (starts with <code>{\rtf</code>, whatever the declared type; declared RTF that is not is
 *       scanned as text): its text as {@code |rtf} ({@link dev.sieve.dlp.view.RtfText}): {@code \'hh} escapes in
 *       the document's code page, <code>&#92;uN</code> escapes with their <code>&#92;ucN</code> fallback skipped,
 *       words cut into runs by control words and groups joined, hidden text, the document information
 *       ({@code \info}), field instructions, annotations and unknown {@code \*} destinations read; font, colour
 *       and style tables, pictures, {@code \bin} data, the generator, theme and data stores skipped by the text
 *       view (the raw view is scanned too, as before, so a value hidden in them is still found). Lenient: truncated or
 *       unbalanced RTF gives what was read. The text view is derived (it reports what the raw view did not) and
 *       never rewritten: a value found only there escalates to block.</li>
 *   <li><b>SVG</b> (an {@code <svg} root element after any XML declaration, comments and DOCTYPE, in the first
 *       512 bytes): scanned raw as before, and its text as {@code |svg} ({@link dev.sieve.dlp.view.SvgText}): the
 *       tspans of one {@code <text>} joined with no separator, then title, desc and metadata (RDF, Dublin Core)
 *       text, character references resolved. Derived: it reports only what the raw view did not; a value found
 *       only there escalates a redaction to block. An SVG that does not parse (DTDs and entities refused) is
 *       scanned raw only. SVG is text, not an image to {@code Sniff#isImage}.</li>
 * </ul>
 * Every container adds one to the embedded depth (base64 payloads count too), checked against
 * {@code maxBase64Depth} in one place ({@code DecodeContext#checkDepth}), so that the decoding
 * graph's depth limit can take it over. Strong magic commits: a corrupt or truncated gzip, xz, lzma, bzip2, zip, 7z
 * or tar fails closed ({@code CORRUPT_ENCODING} for the streams, {@code ARCHIVE_INVALID} for the archives), a stream
 * or archive over its limits fails naming the limit ({@code DECOMPRESSION_LIMIT}, {@code ARCHIVE_LIMIT}).
 *
 * <h2>View paths</h2>
 * A path is a chain of steps joined by {@code |}; a step is {@code kind} or {@code kind:locator}:
 * <pre>
 *   path                                    the URL path's segments, percent-decoded ({@link dev.sieve.dlp.view.PathView};
 *                                           scanned by the inspector, not delivered by Views#decode)
 *   query                                   the query string (projection, see below)
 *   json | form | body | pdf                the body as JSON projection, form projection, raw, PDF text
 *   json:$.messages[0].content[1].source.data|base64        a base64 payload's bytes
 *   json:$.a.data|base64|pdf                text of a PDF inside a payload
 *   json:$.a.data|base64|json               projection of JSON inside a payload, and so on
 *   multipart:file/notes.txt                a part (name, and filename when present)
 *   multipart:meta|json                     a JSON part; multipart:[2] for an unnamed part
 *   multipart:file/a.zip|zip:config/.env    an entry of a zip uploaded as a part
 *   body|gzip|tar:etc/app.properties        an entry of a tar.gz sent as the body
 *   json:$.messages[0].content[0].source.data|base64|docx   text of a DOCX in a document block
 *   body|rtf, multipart:file/notes.rtf|rtf  text of an RTF document
 *   body|svg, json:$.a|base64|svg           text of an SVG image (its raw view is body, json:$.a|base64)
 *   multipart:file/r.docx|docx:word/media/image1.png|image-meta   metadata of an image in a DOCX
 * </pre>
 * Archive entry names over 200 characters are shortened.
 *   json:$.messages[2].content|base64       a value the decoding graph decoded out of a JSON string
 *   query:token|percent|base64              ... out of a query value, through two encodings
 *   body|hex, multipart:file/a.txt|qp       ... out of a text view (every run found in it)
 *   json:$.a|base64|gzip, ...|zlib          gzip or zlib found by magic inside a decoded layer
 *   json:$.a|base64|xz|tar:creds.txt        xz, lzma, bzip2 or 7z found by magic inside a decoded layer (a tar.xz)
 *   header:x-trace|hex, path|base64         ... out of a header or the URL path (inspector only)
 *   target:userinfo, target:fragment        a target's userinfo ({@code user: ...}, {@code password: ...}) and fragment,
 *                                           percent-decoded ({@link dev.sieve.dlp.view.TargetParts}; inspector only;
 *                                           never rewritten: redact escalates to block)
 *   trailer:x-api-key                       a trailer field after a chunked body, {@code name: value} like a header
 *                                           (inspector only; never rewritten: redact escalates to block)
 *   path|joined                             the URL path's segments joined (a value split over segments)
 *   query|joined                            the values of each repeated query parameter joined (a value cut over
 *                                           ?d=..&d=..; never rewritten: redact escalates to block)
 *   body|concat, json|cdata, body|unfolded  adjacent string literals, CDATA pieces, folded lines joined ({@code Joins};
 *                                           read after the scan's code hint; never rewritten: redact escalates to block)
 *   json:$.messages[0].content|joined       the boundaries of adjacent text blocks of one message, joined
 *                                           (a value split over blocks; placed at the later block; never rewritten:
 *                                           redact escalates to block; reported only if not found in a block)
 * </pre>
 * Decoding-graph steps: {@code base64} (standard, URL-safe, unpadded, line-wrapped; {@code base64|utf-16le} when
 * the bytes are UTF-16LE text, as PowerShell's {@code -EncodedCommand}), {@code base32} (RFC 4648, one letter case),
 * {@code hex} (plain, or with {@code -}, {@code :} or space between pairs), {@code percent}, {@code html} (decimal,
 * hex and HTML5 named references), {@code qp} (quoted-printable), {@code json-u} (<code>&#92;uXXXX</code>, the other
 * JSON escapes and JavaScript's <code>&#92;u{H}</code> in text), {@code escape} (source code's byte escapes
 * {@code \xHH} and octal {@code \NNN}), {@code char-codes} (lists of char codes: {@code String.fromCharCode(103, ...)},
 * {@code bytes([...])}, {@code {0x67, ...}}, {@code chr(103) + chr(104)}, SQL {@code CHAR(103)+CHAR(104)}),
 * {@code spaced} (spaced-out characters), {@code gzip}, {@code zlib}. Read after the scan's hint like char codes:
 * {@code separated} (one separator after every character: {@code s.k._}, {@code s, k}, one a line),
 * {@code unwrapped} (two or more lines of one width, 2 to 8, joined; kept only with a vendor prefix or keyword in
 * them), {@code caesar} and {@code atbash} (the line around a shifted or mirrored prefix or keyword, decoded with
 * that shift), {@code continued} (a YAML double-quoted scalar continued with a backslash and a line break); and in
 * the graph's own pass {@code reversed} for base64 written backwards ({@code ...|reversed|base64}). None is
 * rewritten: a redaction there escalates to block. Unicode tag characters (invisible ASCII) are
 * read by the inspector's text normaliser, not here. A step that appears twice in one place gets {@code ~2} on its view path.
 * JSON locators are JSONPath-like: {@code .key} for plain keys, {@code ['odd key']} otherwise
 * (keys over 64 characters are shortened), {@code [i]} for array elements. A path that would
 * repeat (duplicate keys) gets {@code ~2}, {@code ~3}, ... appended. Paths can contain
 * agent-chosen keys and part names; treat them as request data in logs.
 *
 * <h2>Locations</h2>
 * A projection hands its visitor a {@link dev.sieve.dlp.view.ViewLocator} with each view: it places a byte offset
 * of the view at its string in the document ({@link dev.sieve.dlp.Finding.Location}: the projection's path, the
 * JSON path such as {@code $.messages[4].content[1].content} or the parameter name, and the offset in code points
 * within the decoded string). It keeps two ints a segment (where its source and its content start) and works the
 * JSON path out by reading the document again when asked, which the inspector does for findings only. Every view
 * decoded out of a string (base64 files, decoding-graph layers, JSON inside them) is placed at that string, at the
 * offset where its encoded form starts.
 *
 * <h2>Decoding graph</h2>
 * Every string-valued place is a candidate: JSON names and string values, form and query names and values,
 * text views (text bodies, multipart text parts, text inside base64 payloads), PDF text, and, through
 * {@link dev.sieve.dlp.view.Views#decodeTexts}, header values and the URL path. A one-pass shape test
 * ({@code Candidates}: runs of 16+ base64, base32 or hex characters, base64 with both letter cases, hex pairs with
 * one delimiter, enough {@code %XX}, entity, {@code =XX} or backslash escapes) picks the decoders; prose costs that
 * pass only. Char-code lists (16+ char codes) and spaced-out text (16+ characters) are not looked for in that pass:
 * testing every number and space for them cost it 6-9 % on agent JSON. The scan finds where they may be instead
 * (an internal hint pattern of the engine: lists of short numbers, {@code 0x} lists, {@code chr(} calls, the
 * spaced-out forms of vendor token prefixes and secret keywords), and {@link dev.sieve.dlp.view.Views#decodeCodes}
 * reads the view from a little before that point: {@code json|char-codes}, {@code body|spaced}. Those views are
 * placed at the string where the encoded form starts but are not in the tree that rewriting walks: a redaction in
 * one escalates to block. A decoded value is kept when it is text (strict UTF-8, few control characters) or starts with a
 * magic {@code Payloads#decode} knows (PDF, images, zip, tar, xz, lzma, bzip2, 7z; gzip/zlib, which the graph undoes
 * itself); anything
 * else (what hashes and ids decode to) is dropped silently. Kept bytes go through {@code Payloads#decode} like
 * an embedded file, and their text is searched again, down to {@link dev.sieve.dlp.view.ViewLimits#maxDecodeDepth()}
 * layers; deeper encodings are left undecoded (no failure). Layers, time and bytes have per-request budgets
 * ({@code maxDecodeLayers}, {@code maxDecodeTime}, {@code maxDecodedBytes}); over one, decoding fails
 * ({@link dev.sieve.dlp.view.FailReason#DECODE_BUDGET} or {@code SIZE_LIMIT}), never a silent pass.
 * Rewriting re-encodes a changed layer the way it was read: base64 with its alphabet, padding, line width and
 * line break; hex with its case and delimiter; escape layers re-escape only the changed stretch (every byte, in
 * the layer's syntax) and keep every other source byte; base32 keeps its case and padding; UTF-16LE is
 * transcoded back before its base64; gzip and zlib are recompressed. The enclosing text or
 * segment is then spliced and re-encoded in turn. A redaction overlapping an encoded value only in part cannot
 * be written back (block); PDF text never can.
 *
 * <h2>Decisions</h2>
 * <ul>
 *   <li><b>Projections, not one view per value.</b> A JSON document, a form and a query are one
 *       view each whose content is every name and scalar value (strings unescaped, numbers as
 *       written; true/false/null omitted), each followed by {@code '\n'}, in document order. Names
 *       are scanned and sit next to their values, so context keywords ({@code "ssn": "..."})
 *       work; the scan cost does not grow with the number of fields; {@code maxViews} counts
 *       documents and payloads, not fields. Base64 payload strings are left out of the
 *       projection (their decoded bytes are scanned instead, images not at all).</li>
 *   <li><b>Minimal JSON rewriting.</b> Only names and values a span touches are re-serialized
 *       (Jackson's string escaping); every other byte of the document stays as it was. A span
 *       that covers a separator and part of the next value removes that part and puts its
 *       replacement into the first value. A redacted number becomes a JSON string. A lone
 *       surrogate escape ({@code \ud800}) in a rewritten string becomes {@code ?}, as UTF-8
 *       cannot carry it.</li>
 *   <li><b>Encodings kept.</b> The rewritten body is recompressed with its original
 *       {@code Content-Encoding} (so only {@code Content-Length} changes); base64 payloads keep
 *       their data URL prefix, alphabet and padding; multipart parts keep the boundary, headers and
 *       transfer encoding (base64 re-wrapped at 76 columns, quoted-printable re-encoded).</li>
 *   <li><b>Strict where declared, lenient where sniffed.</b> Declared JSON must be valid UTF-8 and
 *       parse; sniffed JSON that does not parse is scanned raw. Invalid base64 where an API shape
 *       says base64 fails; percent escapes that are not {@code %XX} stay literal (as servers
 *       read them).</li>
 *   <li><b>PDF.</b> Text of every page plus title/author/subject/keywords; encrypted PDFs that
 *       open with the empty user password are read, others fail {@code PDF_UNREADABLE}. The time
 *       limit is checked at each page start, so one pathological page can overrun it.</li>
 *   <li><b>No rewriting inside containers.</b> Text extracted from documents and image metadata,
 *       and entries of archives, are never rewritten: a span in them makes redaction escalate to
 *       block. A gzip or zlib stream is rewritten and recompressed like a {@code Content-Encoding}.</li>
 * </ul>
 */
package dev.sieve.dlp.view;
